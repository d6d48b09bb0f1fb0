"""The parts every human-readable format lays out in the same order: the summary (summary.py), the details grouped
by finding id under severity headings, and the document (an outline of where the flagged clauses are; HTML shows the
document itself). Computed once per report so text, Markdown and HTML cannot disagree."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..assess import with_similar
from ..model import SEVERITIES, Report
from .positions import Position, positions
from .practices import is_practice
from .summary import Group, ReportSummary, summarize


@dataclass(frozen=True, slots=True)
class Place:
    """A section of the document (its heading, "" if none) and the flagged clauses in it."""

    heading: str
    line: int  # line of its first flagged clause
    exact: bool  # the line is the original file's
    items: tuple[tuple[str, str, int, tuple[int, ...]], ...]  # (title, id, clauses with it here, their lines)

    def lines_of(self, item: tuple[str, str, int, tuple[int, ...]]) -> tuple[int, ...]:
        """The lines to print beside an item: none when all its clauses are on the section's line (the line shown
        first), else each one ("Termination ×2 (lines 42, 57)": a section's first line sent readers to line 78 for
        clauses on line 108, session 39)."""
        lines = item[3]
        return () if not lines or set(lines) == {self.line} else lines


@dataclass(frozen=True, slots=True)
class Layout:
    summary: ReportSummary
    where: tuple[Position | None, ...]  # aligned with report.findings
    details: tuple[tuple[str, tuple[Group, ...]], ...]  # (severity, groups), worst first; practice.* left out
    outline: tuple[Place, ...]
    # findings by family as the counts line shows them: "What they do with your data" counts the passages its section
    # quotes (a sentence repeated in menus once, introductory and out-of-scope passages not at all), not the
    # practice findings behind them (Arc's policy read 219 beside topics adding up to 198, session 39)
    families: dict[str, int] = field(default_factory=dict)
    family_severity: dict[str, dict[str, int]] = field(default_factory=dict)  # problems by family and severity

    def count_label(self, severity: str, groups: tuple[Group, ...], names: dict[str, str], w: dict,
                    app: bool = False) -> str:
        """The count beside a severity heading: its problems (ids) and the distinct clauses that say them, "2
        problems, 15 clauses" — the verdict's and the counts line's problems. The clauses
        of one id are shown under its worst severity; "High (12, and 3 rated Medium)" confused two readers in
        session 40 as "High (20 + 5 Medium)" had in session 39."""
        from .common import count_words

        if severity == "info":  # for information: not problems, its findings ("For information (1 finding)")
            return count_words(sum(len(g.clauses) for g in groups), w, True)
        forms = w["problems_count_app" if app else "problems_count"]
        problems = forms["one"] if len(groups) == 1 else forms["many"].format(n=len(groups))
        # distinct clauses: six ids on one Temu clause are six problems in one clause, as the headline counts them
        clauses = len({span for g in groups for c in g.clauses if not c.missing
                       for span in [(c.start, c.end)] + [(x.start, x.end) for x in c.similar]})
        return problems if app or not clauses else f"{problems}, {count_words(clauses, w)}"


MAX_ITEM_LINES = 10  # the lines of an item in the map; Bluesky's "…" after six hid its class-action waiver (session 40)


def item_suffix(place: Place, item: tuple[str, str, int, tuple[int, ...]], w: dict) -> str:
    """What follows an item's title in the map: " ×3 (lines 91, 95, 107)", " (line 108)", or "" (one clause, on the
    section's line)."""
    n, lines = item[2], place.lines_of(item)
    out = f" ×{n}" if n > 1 else ""
    if lines:
        shown = ", ".join(str(x) for x in lines[:MAX_ITEM_LINES]) + (", …" if len(lines) > MAX_ITEM_LINES else "")
        out += f" ({w['item_lines']['one' if len(lines) == 1 else 'many'].format(lines=shown)})"
    return out


def accusing_counts(s: ReportSummary) -> dict[str, int]:
    """Problems (ids) by severity, as the verdict and the severity headings count them; practice.* left out (they
    describe a policy: counted by family)."""
    from .summary import problems_by_severity

    return problems_by_severity(s.groups)


def layout(report: Report) -> Layout:
    where = tuple(positions(report))
    s = summarize(report, where=where)
    listed = [g for g in s.groups if g.family != "practice"]
    details = tuple((sev, tuple(g for g in listed if g.severity == sev)) for sev in SEVERITIES
                    if any(g.severity == sev for g in listed))
    # problems (ids) by family and severity, as the verdict, the headline and the severity headings count them: the
    # counts line mixed problems with clauses and findings, and three readers found the numbers contradict (session 40)
    family_severity: dict[str, dict[str, int]] = {}
    for g in s.groups:
        if g.family != "practice" and g.severity != "info":
            by = family_severity.setdefault(g.family, {})
            by[g.severity] = by.get(g.severity, 0) + 1
    families = {fam: sum(by.values()) for fam, by in family_severity.items()}
    families = {fam: families[fam] for fam in s.counts.by_family if fam in families}
    if "practice" in s.counts.by_family:
        families["practice"] = 0
    if "practice" in families:
        from .practices import topics

        families["practice"] = sum(len(t.passages) for t in topics(report))
    return Layout(summary=s, where=where, details=details, outline=_outline(report, where), families=families,
                  family_severity=family_severity)


def _outline(report: Report, where) -> tuple[Place, ...]:
    """Sections in document order, each with the ids flagged in it (a document without headings: one entry per
    clause)."""
    rows = [(p.offset, p, f) for f, p in zip(report.findings, where) if p is not None and not is_practice(f)]
    # the clauses a finding stands for (same-template rows, word-for-word repeats) are places of that id too
    others = [row for f in report.findings if not is_practice(f) for row in with_similar([f], report.text)[1:]]
    if others:
        # each under the heading of the clause it is in
        import bisect
        from dataclasses import replace

        starts = sorted((c.start, c.end, c.id) for c in report.clauses)
        keys = [c[0] for c in starts]

        def clause_of(start: int) -> str | None:
            i = bisect.bisect_right(keys, start) - 1
            return starts[i][2] if i >= 0 and starts[i][0] <= start < starts[i][1] else None

        others = [replace(o, clause_id=clause_of(o.span.start)) for o in others]
        rows += [(p.offset, p, f) for f, p in zip(others, positions(report, findings=others)) if p is not None]
    rows.sort(key=lambda r: r[0])
    places: list[tuple[str, int, bool, dict]] = []
    for _, p, f in rows:
        key = p.heading or f"@{p.shown_line}"
        if not places or places[-1][0] != key:
            places.append((key, p.shown_line, p.exact, {}))
        items = places[-1][3]
        title, n, lines = items.get(f.id, (f.title or f.id, 0, ()))
        items[f.id] = (title, n + 1, lines if p.shown_line in lines else lines + (p.shown_line,))
    # a heading that ends on a colon ("Bons d'achat :") is followed by the map's own colon: one is enough
    return tuple(Place(heading="" if key.startswith("@") else key.rstrip(" :\u00a0"), line=line, exact=exact,
                       items=tuple((t, i, n, lines) for i, (t, n, lines) in items.items()))
                 for key, line, exact, items in places)

__all__ = ("Layout", "Place", "layout", "accusing_counts", "item_suffix")
