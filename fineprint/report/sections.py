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

    def count_label(self, severity: str, groups: tuple[Group, ...], names: dict[str, str], rated: str) -> str:
        """The count beside a severity heading: its clauses of that severity, then those of another severity shown in
        its groups ("20, and 5 rated Medium": a High id with five Medium clauses; "20 + 5 Medium" was misread), so that the headings add up to the counts
        line and the verdict ("20 serious problems") reads the same number."""
        by: dict[str, int] = {}
        for g in groups:
            for c in g.clauses:
                by[c.severity] = by.get(c.severity, 0) + 1
        own = by.pop(severity, 0)
        others = [rated.format(n=by[sev], severity=names.get(sev, sev)) for sev in SEVERITIES if by.get(sev)]
        return ", ".join([str(own)] + others)


MAX_ITEM_LINES = 6


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
    """Findings by severity, practice.* left out (they describe a policy, each is "info": counted by family)."""
    out = {sev: sum(by.get(sev, 0) for fam, by in s.counts.by_family_severity.items() if fam != "practice")
           for sev in SEVERITIES}
    return {sev: n for sev, n in out.items() if n}


def layout(report: Report) -> Layout:
    where = tuple(positions(report))
    s = summarize(report, where=where)
    listed = [g for g in s.groups if g.family != "practice"]
    details = tuple((sev, tuple(g for g in listed if g.severity == sev)) for sev in SEVERITIES
                    if any(g.severity == sev for g in listed))
    families = dict(s.counts.by_family)
    if "practice" in families:
        from .practices import topics

        families["practice"] = sum(len(t.passages) for t in topics(report))
    return Layout(summary=s, where=where, details=details, outline=_outline(report, where), families=families)


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
