"""What changed between two versions of a document, in terms of what the reader gives away.

``diff_reports(old, new)`` aligns the clauses of two audited versions — unchanged, moved, edited, added, removed —
and reports the findings that appeared, disappeared or changed, each with the clause as it read before and after.
``fineprint diff OLD NEW`` is the command (files or URLs); ``--fail-on SEVERITY`` exits 1 when a finding at or above
that severity appeared, so a team can check in CI that new terms add no red flag.

Clauses are aligned with :mod:`difflib` (standard library): a ``SequenceMatcher`` over the normalised clause texts
gives the unchanged runs; inside each replaced run, and then across the whole document, the remaining clauses are
paired by similarity (an exact match elsewhere is a move, a close one an edit). Findings are then compared clause pair
by clause pair, so a red flag that was already there and merely moved is not reported as new.
"""
from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

import click

from .assess import with_similar
from .model import SEVERITY_RANK, Clause, Finding, Report

SCHEMA = "fineprint.diff/1"
EDIT_RATIO = 0.6  # two clauses at least this similar (difflib ratio of their words) are one clause, edited
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


@dataclass(frozen=True, slots=True)
class ClauseChange:
    kind: str  # same | moved | edited | added | removed
    old: Clause | None
    new: Clause | None
    similarity: float = 1.0


@dataclass(frozen=True, slots=True)
class FindingChange:
    change: str  # appeared | disappeared | changed
    id: str
    title: str
    severity: str  # the new severity (the old one for a finding that disappeared)
    old_severity: str | None
    clause: str  # how the clause changed: same | moved | edited | added | removed | document
    old_text: str | None
    new_text: str | None
    confidence: float = 1.0
    first_in_document: bool = False  # appeared: the document did not have this id at all before (or no longer has it)


@dataclass(slots=True)
class DiffResult:
    old_label: str
    new_label: str
    old_source: str
    new_source: str
    clauses: list[ClauseChange] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)
    new_report: Report | None = None  # for SARIF: the findings that appeared, located in the new version
    appeared_keys: set = field(default_factory=set)  # (clause id or None, finding id)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ("same", "moved", "edited", "added", "removed")}
        for c in self.clauses:
            out[c.kind] += 1
        return out

    def appeared(self, at_or_above: str | None = None) -> list[FindingChange]:
        limit = SEVERITY_RANK.get(at_or_above, 99) if at_or_above else 99
        return [f for f in self.findings if f.change == "appeared" and SEVERITY_RANK.get(f.severity, 99) <= limit]


def version_label(source: str) -> str:
    """``2024-03-10`` for ``…/2024-03-10.md``, else the file (or URL) name."""
    name = source.rstrip("/").rsplit("/", 1)[-1]
    m = _DATE.search(name)
    return m.group(1) if m else (name or source)


# ---------------------------------------------------------------------------------------------------- alignment
def align_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> list[ClauseChange]:
    """Pair the clauses of two versions; every clause of each side appears in exactly one change."""
    ok, nk = [_key(c.text) for c in old], [_key(c.text) for c in new]
    pairs: dict[int, tuple[int, str, float]] = {}  # old index -> (new index, kind, similarity)
    used_new: set[int] = set()
    sm = difflib.SequenceMatcher(None, ok, nk, autojunk=False)
    loose_old: list[int] = []
    loose_new: list[int] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for d in range(i2 - i1):
                pairs[i1 + d] = (j1 + d, "same", 1.0)
                used_new.add(j1 + d)
        else:
            block_old, block_new = list(range(i1, i2)), list(range(j1, j2))
            if tag == "replace":
                for i, j, r in _best_pairs(block_old, block_new, ok, nk, EDIT_RATIO):
                    pairs[i] = (j, "same" if ok[i] == nk[j] else "edited", r)
                    used_new.add(j)
            loose_old += [i for i in block_old if i not in pairs]
            loose_new += [j for j in block_new if j not in used_new]
    # the same clause somewhere else: moved; a close one somewhere else: edited (and moved)
    by_key: dict[str, list[int]] = {}
    for j in loose_new:
        by_key.setdefault(nk[j], []).append(j)
    still_old = []
    for i in loose_old:
        cands = by_key.get(ok[i])
        if cands:
            j = cands.pop(0)
            pairs[i] = (j, "moved", 1.0)
            used_new.add(j)
        else:
            still_old.append(i)
    still_new = [j for j in loose_new if j not in used_new]
    for i, j, r in _best_pairs(still_old, still_new, ok, nk, max(EDIT_RATIO, 0.75)):
        pairs[i] = (j, "edited", r)
        used_new.add(j)
    out: list[ClauseChange] = []
    new_to_old = {j: i for i, (j, _, _) in pairs.items()}
    emitted_old: set[int] = set()
    # in the new document's order, removed clauses placed after the last clause that preceded them
    removed_after: dict[int, list[int]] = {}
    last_new = -1
    for i in range(len(old)):
        if i in pairs:
            last_new = max(last_new, pairs[i][0])
        else:
            removed_after.setdefault(last_new, []).append(i)
    for i in removed_after.get(-1, []):
        out.append(ClauseChange("removed", old[i], None, 0.0))
    for j in range(len(new)):
        i = new_to_old.get(j)
        if i is None:
            out.append(ClauseChange("added", None, new[j], 0.0))
        else:
            _, kind, r = pairs[i]
            out.append(ClauseChange(kind, old[i], new[j], round(r, 3)))
            emitted_old.add(i)
        for k in removed_after.get(j, []):
            out.append(ClauseChange("removed", old[k], None, 0.0))
    return out


def _best_pairs(olds: list[int], news: list[int], ok: list[str], nk: list[str], floor: float):
    if not olds or not news:
        return []
    if len(olds) * len(news) > 40000:  # a wholesale rewrite: compare each clause with its nearest neighbours only
        window = 100
        cand = [(i, news[k]) for n, i in enumerate(olds)
                for k in range(max(0, n * len(news) // len(olds) - window),
                               min(len(news), n * len(news) // len(olds) + window))]
    else:
        cand = [(i, j) for i in olds for j in news]
    scored = []
    for i, j in cand:
        a, b = ok[i].split(), nk[j].split()
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
            continue
        r = sm.ratio()
        if r >= floor:
            scored.append((r, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    taken_o: set[int] = set()
    taken_n: set[int] = set()
    out = []
    for r, i, j in scored:
        if i in taken_o or j in taken_n:
            continue
        taken_o.add(i)
        taken_n.add(j)
        out.append((i, j, r))
    return out


# ---------------------------------------------------------------------------------------------------- findings
def _by_clause(report: Report, findings: Sequence[Finding] | None = None
               ) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """The findings of each clause. A finding that stands for same-template clauses (``evidence.similar``) counts on
    each of them (``assess.with_similar``): a schedule row added to a new version is a finding that appeared."""
    by: dict[str, list[Finding]] = {}
    loose: list[Finding] = []
    spans = sorted((c.start, c.end, c.id) for c in report.clauses)
    for f in (with_similar(report.findings) if findings is None else findings):
        cid = f.clause_id
        if cid is None:
            cid = next((i for s, e, i in spans if s <= f.span.start < e), None) if f.span.end > f.span.start else None
        if cid is None:
            loose.append(f)
        else:
            by.setdefault(cid, []).append(f)
    return by, loose


def _strongest(fs: list[Finding]) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for f in fs:
        cur = out.get(f.id)
        if cur is None or (SEVERITY_RANK.get(f.severity or "info", 9), -f.confidence) < \
                (SEVERITY_RANK.get(cur.severity or "info", 9), -cur.confidence):
            out[f.id] = f
    return out


def diff_reports(old: Report, new: Report, *, old_label: str | None = None, new_label: str | None = None) -> DiffResult:
    """Align two audited versions and compare their findings clause by clause."""
    result = DiffResult(old_label=old_label or version_label(old.document.source),
                        new_label=new_label or version_label(new.document.source),
                        old_source=old.document.source, new_source=new.document.source)
    result.clauses = align_clauses(old.clauses, new.clauses)
    old_by, old_loose = _by_clause(old)
    new_by, new_loose = _by_clause(new)
    old_ids = {f.id for f in old.findings}
    new_ids = {f.id for f in new.findings}
    for ch in result.clauses:
        before = _strongest(old_by.get(ch.old.id, [])) if ch.old else {}
        after = _strongest(new_by.get(ch.new.id, [])) if ch.new else {}
        otext = ch.old.text if ch.old else None
        ntext = ch.new.text if ch.new else None
        for fid in sorted(after.keys() - before.keys()):
            f = after[fid]
            result.findings.append(FindingChange("appeared", fid, f.title, f.severity or "info", None, ch.kind,
                                                 otext, ntext, round(f.confidence, 4), fid not in old_ids))
            result.appeared_keys.add((ch.new.id, fid))
        for fid in sorted(before.keys() - after.keys()):
            f = before[fid]
            result.findings.append(FindingChange("disappeared", fid, f.title, f.severity or "info", None, ch.kind,
                                                 otext, ntext, round(f.confidence, 4), fid not in new_ids))
        for fid in sorted(before.keys() & after.keys()):
            a, b = before[fid], after[fid]
            if ch.kind == "edited" or (a.severity or "info") != (b.severity or "info"):
                result.findings.append(FindingChange("changed", fid, b.title, b.severity or "info",
                                                     a.severity or "info", ch.kind, otext, ntext,
                                                     round(b.confidence, 4), False))
    # findings about the whole document (no clause): compared by id
    lo, ln = _strongest(old_loose), _strongest(new_loose)
    for fid in sorted(ln.keys() - lo.keys()):
        f = ln[fid]
        result.findings.append(FindingChange("appeared", fid, f.title, f.severity or "info", None, "document",
                                             None, f.text or None, round(f.confidence, 4), fid not in old_ids))
        result.appeared_keys.add((None, fid))
    for fid in sorted(lo.keys() - ln.keys()):
        f = lo[fid]
        result.findings.append(FindingChange("disappeared", fid, f.title, f.severity or "info", None, "document",
                                             f.text or None, None, round(f.confidence, 4), fid not in new_ids))
    order = {"appeared": 0, "changed": 1, "disappeared": 2}
    # what the document did not have at all comes first
    result.findings.sort(key=lambda f: (order[f.change], not f.first_in_document, SEVERITY_RANK.get(f.severity, 9),
                                        f.id))
    result.new_report = new
    return result


def render_sarif(r: DiffResult) -> str:
    """SARIF 2.1.0 of the findings that appeared, located in the new version (for code scanning in CI)."""
    from dataclasses import replace

    from .model import Summary
    from .report import render as render_report

    expanded = with_similar(r.new_report.findings)
    by_clause, _ = _by_clause(r.new_report, expanded)
    clause_of = {id(f): cid for cid, fs in by_clause.items() for f in fs}
    kept = tuple(f for f in expanded if (clause_of.get(id(f)), f.id) in r.appeared_keys)
    counts: dict[str, int] = {}
    for f in kept:
        counts[f.severity or "info"] = counts.get(f.severity or "info", 0) + 1
    headline = f"{len(kept)} findings appeared since {r.old_label}"
    return render_report(replace(r.new_report, findings=kept, summary=Summary(by_severity=counts, headline=headline)),
                         "sarif")


def diff_sources(old: str, new: str, settings=None) -> DiffResult:
    from .pipeline import audit
    from .settings import DEFAULT

    settings = settings or DEFAULT
    return diff_reports(audit(old, settings), audit(new, settings))


# ---------------------------------------------------------------------------------------------------- rendering
def _sentence(f: FindingChange, r: DiffResult) -> str:
    what = f.title or f.id
    if f.change == "appeared":
        where = {"added": "in a new clause", "edited": "in an edited clause", "moved": "in a moved clause",
                 "document": "in the document", "same": "in an unchanged clause"}.get(f.clause, "")
        also = "" if f.first_in_document else " (the old version had it elsewhere)"
        return f"new since {r.old_label}: {what} ({f.id}, {f.severity}) {where}".rstrip() + also
    if f.change == "disappeared":
        where = {"removed": "its clause was removed", "edited": "its clause was edited",
                 "document": "no longer in the document"}.get(f.clause, f"clause {f.clause}")
        return f"gone since {r.old_label}: {what} ({f.id}, {f.severity}); {where}"
    sev = f" severity {f.old_severity} -> {f.severity}" if f.old_severity != f.severity else ""
    return f"changed since {r.old_label}: {what} ({f.id}){sev}; its clause was {f.clause}"


def to_dict(r: DiffResult) -> dict:
    return {
        "schema": SCHEMA,
        "old": {"source": r.old_source, "label": r.old_label},
        "new": {"source": r.new_source, "label": r.new_label},
        "clauses": r.counts(),
        "findings": [{**asdict(f), "summary": _sentence(f, r)} for f in r.findings],
        "clause_changes": [{"kind": c.kind, "similarity": c.similarity,
                            "old": c.old.text if c.old else None, "new": c.new.text if c.new else None}
                           for c in r.clauses if c.kind != "same"],
    }


def render_text(r: DiffResult) -> str:
    c = r.counts()
    lines = [f"{r.old_label} -> {r.new_label}  ({r.old_source} -> {r.new_source})",
             f"clauses: {c['same']} unchanged, {c['moved']} moved, {c['edited']} edited, {c['added']} added, "
             f"{c['removed']} removed",
             f"findings: {sum(f.change == 'appeared' for f in r.findings)} appeared "
             f"({sum(f.change == 'appeared' and f.first_in_document for f in r.findings)} new to the document), "
             f"{sum(f.change == 'disappeared' for f in r.findings)} disappeared, "
             f"{sum(f.change == 'changed' for f in r.findings)} changed", ""]
    for f in r.findings:
        lines.append(("+ " if f.change == "appeared" else "- " if f.change == "disappeared" else "~ ") + _sentence(f, r))
        if f.old_text:
            lines.append(f"    before: {_clip(f.old_text)}")
        if f.new_text:
            lines.append(f"    after:  {_clip(f.new_text)}")
    if not r.findings:
        lines.append("no finding appeared, disappeared or changed")
    return "\n".join(lines) + "\n"


def _clip(t: str, n: int = 400) -> str:
    t = " ".join(t.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def render_md(r: DiffResult) -> str:
    c = r.counts()
    out = [f"# {r.old_label} → {r.new_label}", "",
           f"`{r.old_source}` → `{r.new_source}`", "",
           f"Clauses: {c['same']} unchanged, {c['moved']} moved, {c['edited']} edited, {c['added']} added, "
           f"{c['removed']} removed.", ""]
    if not r.findings:
        out.append("No finding appeared, disappeared or changed.")
    else:
        out += ["| change | finding | before | after |", "|---|---|---|---|"]
        esc = lambda s: (_clip(s, 300) if s else "—").replace("|", "\\|")  # noqa: E731
        for f in r.findings:
            out.append(f"| {f.change} | {_sentence(f, r).replace('|', '/')} | {esc(f.old_text)} | {esc(f.new_text)} |")
    return "\n".join(out) + "\n"


def _word_diff(a: str | None, b: str | None) -> tuple[str, str]:
    if not a or not b:
        return html.escape(a or ""), html.escape(b or "")
    wa, wb = a.split(), b.split()
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        x, y = html.escape(" ".join(wa[i1:i2])), html.escape(" ".join(wb[j1:j2]))
        if tag == "equal":
            left.append(x), right.append(y)
        else:
            if x:
                left.append(f"<del>{x}</del>")
            if y:
                right.append(f"<ins>{y}</ins>")
    return " ".join(left), " ".join(right)


def render_html(r: DiffResult) -> str:
    c = r.counts()
    rows = []
    for f in r.findings:
        a, b = _word_diff(f.old_text, f.new_text)
        rows.append(f'<tr class="{f.change} sev-{f.severity}"><td>{html.escape(_sentence(f, r))}</td>'
                    f"<td>{a or '—'}</td><td>{b or '—'}</td></tr>")
    body = "\n".join(rows) or '<tr><td colspan="3">No finding appeared, disappeared or changed.</td></tr>'
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fineprint diff: {html.escape(r.old_label)} → {html.escape(r.new_label)}</title>
<style>body{{font:15px/1.45 system-ui,sans-serif;margin:2em;max-width:80em}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #ccc;padding:.4em;vertical-align:top}}th{{background:#f4f4f4}}
tr.appeared td:first-child{{border-left:6px solid #c0392b}}tr.disappeared td:first-child{{border-left:6px solid #27ae60}}
tr.changed td:first-child{{border-left:6px solid #e67e22}}del{{background:#fdd}}ins{{background:#dfd;text-decoration:none}}</style>
</head><body>
<h1>{html.escape(r.old_label)} → {html.escape(r.new_label)}</h1>
<p><code>{html.escape(r.old_source)}</code> → <code>{html.escape(r.new_source)}</code></p>
<p>Clauses: {c['same']} unchanged, {c['moved']} moved, {c['edited']} edited, {c['added']} added, {c['removed']} removed.</p>
<table><thead><tr><th>What changed</th><th>Before ({html.escape(r.old_label)})</th><th>After ({html.escape(r.new_label)})</th></tr></thead>
<tbody>
{body}
</tbody></table></body></html>
"""


def render(r: DiffResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_dict(r), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("md", "markdown"):
        return render_md(r)
    if fmt == "html":
        return render_html(r)
    if fmt == "sarif":
        return render_sarif(r)
    return render_text(r)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "md", "markdown", "html", "sarif"]),
              default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Language of the finding titles.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
@click.option("--fail-on", type=click.Choice(["high", "medium", "low", "info"]), default=None,
              help="Exit with status 1 if a finding at or above this severity appeared in NEW.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback/private addresses.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.5, show_default=True)
def diff_command(old, new, fmt, lang, output, fail_on, allow_private, min_confidence):
    """Compare two versions of a document (files or URLs): clauses moved, edited, added or removed, and the
    findings that appeared, disappeared or changed, with the clause before and after."""
    from .settings import Settings

    settings = Settings(lang=lang, allow_private=allow_private, min_confidence=min_confidence)
    result = diff_sources(old, new, settings)
    text = render(result, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if fail_on and result.appeared(fail_on):
        raise SystemExit(1)
