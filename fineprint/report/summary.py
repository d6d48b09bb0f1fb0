"""The report summary every format shows first, computed once from a Report.

    from fineprint.report.summary import summarize
    s = summarize(report)            # ReportSummary (frozen dataclasses, plain data)
    s.verdict                        # one line: "Think twice before accepting: 4 serious problems."
    s.level                          # "serious" | "concerns" | "minor" | "clear"
    s.headline                       # the longer sentence of assess (report.summary.headline)
    s.top                            # the few things that matter most: KeyPoint(id, title, severity, count, excerpt,
                                     #   pieces, line, finding) — one per id, worst first, at most TOP_POINTS
    s.counts                         # Counts(by_severity, by_family, by_family_severity, total, clauses)
    s.groups                         # every finding id once: Group(id, family, title, severity, explanation, law,
                                     #   advice, clauses=(ClauseRef(finding, start, end, line, column, excerpt,
                                     #   pieces, confidence, severity, missing, severity_reason, similar=(SimilarRef(
                                     #   start, end, line, variant), …)), …))
    s.to_dict()                      # the JSON report's "summary" (fineprint.report/1, see report.schema.json)

Stable interface (the web app and every report format use it): ``summarize``, the six dataclasses and their field
names, ``to_dict``'s keys. Indices (``finding``) point into ``report.findings``; ``start``/``end`` are character
offsets into the document text (``report.text``); ``line``/``column`` (1-based) are those of the original file for
.txt and .md inputs that can be read back, else of the document text (see positions.py, and the JSON finding's
``position``).

Ordering: groups by worst severity, then the most confident finding, then the first position in the document;
the clauses of a group in document order. practice.* findings describe a privacy policy (severity info): they are
counted and grouped but never among the top points. Missing disclosures (transparency.*) have no clause text:
their ClauseRef has ``missing=True`` and an empty excerpt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..model import SEVERITIES, SEVERITY_RANK, Finding, Report
from .common import Piece, excerpt, labels, law_groups

TOP_POINTS = 5  # "the few things that matter most": a reader takes in five lines, not twenty
TOP_EXCERPT_CHARS = 160  # a short excerpt around the decisive words
TOP_REPEAT_CHARS = 90  # a clause already quoted by a point above: its decisive words and a little context
CLAUSE_EXCERPT_CHARS = 320
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits, as assess._same_words cuts words
FAMILIES = ("rights", "unfair", "money", "transparency", "app", "practice")
LEVELS = ("serious", "concerns", "minor", "clear")


@dataclass(frozen=True, slots=True)
class Counts:
    by_severity: dict[str, int]  # {"high": 4, "medium": 12}: only severities that occur, worst first
    by_family: dict[str, int]  # {"rights": 3, "unfair": 13}: FAMILIES order
    by_family_severity: dict[str, dict[str, int]]  # {"unfair": {"high": 2, "medium": 11}}
    total: int  # findings
    clauses: int  # distinct clauses with a finding (missing disclosures not counted)


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """One finding of a group: where its clause is and a short excerpt (decisive words marked in ``pieces``)."""

    finding: int  # index into report.findings
    start: int
    end: int
    line: int  # 1-based line of ``start`` in the document text, 0 when unknown (apps, missing disclosures)
    column: int  # 1-based column of ``start``, 0 when unknown
    excerpt: str
    pieces: tuple[Piece, ...]
    confidence: float
    severity: str
    missing: bool = False
    severity_reason: str = ""
    similar: tuple[SimilarRef, ...] = ()  # same-template clauses reported with this one (assess.merge_similar)


@dataclass(frozen=True, slots=True)
class SimilarRef:
    """A clause of the same template as its finding's ("…: Korean law" under "Law governing …: Japanese law")."""

    start: int
    end: int
    line: int  # as ClauseRef.line
    variant: str  # what a reader needs to tell it apart: the passages that differ ("…Korean law"); "" when the same
    same: bool = False  # the finding's clause word for word (a repeat, evidence["repeated_at"])


@dataclass(frozen=True, slots=True)
class Group:
    """Every finding of one id: the explanation once, the clauses under it."""

    id: str
    family: str
    title: str
    severity: str  # the worst severity of its findings
    explanation: str
    law: tuple[tuple[str, str], ...]  # (names, url) as law_groups gives them
    advice: str
    clauses: tuple[ClauseRef, ...]

    @property
    def n_clauses(self) -> int:
        """The clauses that say it: its findings' own, their same-template ones and their word-for-word repeats."""
        return sum(1 + len(c.similar) for c in self.clauses if not c.missing)


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One of the few things that matter most: an id, how many clauses say it, and its most telling excerpt."""

    id: str
    title: str
    severity: str
    count: int  # clauses with this id: its findings and their same-template clauses (Group.n_clauses)
    excerpt: str
    pieces: tuple[Piece, ...]
    line: int
    finding: int  # index into report.findings of the finding quoted


@dataclass(frozen=True, slots=True)
class HelpPoint:
    """A mediator or out-of-court body the document names (help.py), where it is and what the document says."""

    kind: str
    line: int
    excerpt: str


@dataclass(frozen=True, slots=True)
class ReportSummary:
    verdict: str
    level: str  # one of LEVELS
    headline: str
    top: tuple[KeyPoint, ...]
    counts: Counts
    groups: tuple[Group, ...]
    help: tuple[HelpPoint, ...] = ()  # who can help, as the document says (a mediator it names)
    exits: tuple[HelpPoint, ...] = ()  # the document's own ways out of its arbitration clause (opt-out, small claims)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's ``summary``: ``by_severity`` and ``headline`` (as before) plus the rest."""
        return {
            "by_severity": dict(self.counts.by_severity), "headline": self.headline,
            "verdict": self.verdict, "level": self.level,
            "by_family": dict(self.counts.by_family),
            "by_family_severity": {k: dict(v) for k, v in self.counts.by_family_severity.items()},
            "total": self.counts.total, "clauses": self.counts.clauses,
            "top": [{"id": p.id, "title": p.title, "severity": p.severity, "count": p.count, "excerpt": p.excerpt,
                     "line": p.line, "finding": p.finding} for p in self.top],
            "groups": [{"id": g.id, "family": g.family, "title": g.title, "severity": g.severity,
                        "explanation": g.explanation, "law": [{"ref": n, "url": u} for n, u in g.law],
                        "advice": g.advice,
                        "findings": [c.finding for c in g.clauses], "clauses": g.n_clauses} for g in self.groups],
        } | ({"help": [{"kind": h.kind, "line": h.line, "excerpt": h.excerpt} for h in self.help]} if self.help else {}) \
          | ({"exits": [{"kind": h.kind, "line": h.line, "excerpt": h.excerpt} for h in self.exits]} if self.exits else {})


VARIANT_CHARS = 120


def _similar(report: Report, f: Finding) -> tuple[SimilarRef, ...]:
    """The clauses a finding stands for besides its own (``evidence["similar"]``, ``evidence["repeated_at"]``), in
    document order, placed and told apart from the finding's clause."""
    from ..assess import _same_words, with_similar

    rows = with_similar([f], report.text)[1:]
    if not rows:
        return ()
    from .positions import source_map

    smap = source_map(report)
    lead = _same_words(f.text)
    out = []
    for row in rows:
        start, end = row.span.start, row.span.end
        inside = bool(report.text) and 0 <= start < end <= len(report.text)
        line = smap.position(start, end).shown_line if inside else 0
        same = _same_words(row.text) == lead
        out.append(SimilarRef(start=start, end=end, line=line, variant="" if same else variant(f.text, row.text),
                              same=same))
    return tuple(out)


VARIANT_PASSAGES = 2  # more passages that differ than this: the clause is named by its opening words instead
VARIANT_WORDS_AFTER = 1  # a word of context after a changed passage ("…Singaporean law", not "…Singaporean…")


def variant(lead: str, text: str) -> str:
    """What tells ``text`` apart from ``lead``, a clause of the same template: its passages that differ, cut at word
    boundaries, with "…" where words are left out; at most VARIANT_CHARS characters. "Law governing the Agreement
    shall be: Korean law" after "…: Japanese law" is "…Korean law"; "Bing : Bing nous permet de …" after "Adwords :
    Adwords nous permet de …" is "Bing : Bing …"."""
    import difflib

    words = list(_WORD.finditer(text))
    if not words:
        return " ".join(text.split())[:VARIANT_CHARS]
    mine = [m.group().lower() for m in words]
    theirs = [m.group().lower() for m in _WORD.finditer(lead)]
    spans: list[tuple[int, int]] = []  # word index ranges of ``text`` to show
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, theirs, mine, autojunk=False).get_opcodes():
        if tag in ("replace", "insert") and j2 > j1:
            spans.append((j1, min(len(words), j2 + VARIANT_WORDS_AFTER)))
        elif tag == "delete" and j1 < len(words):
            spans.append((j1, min(len(words), j1 + 1)))  # words left out: show where
    if not spans:
        return " ".join(text.split())[:VARIANT_CHARS]
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if len(merged) > VARIANT_PASSAGES:
        # a clause restated with small changes here and there: name it by its opening words
        opening = " ".join(text.split())
        if len(opening) <= VARIANT_CHARS:
            return opening
        cut = opening[:VARIANT_CHARS - 1]
        return (cut[:cut.rfind(" ")] if " " in cut else cut).rstrip(" …,;:") + " …"
    pieces = []
    for a, b in merged:
        end = words[b - 1].end()
        # keep the closing punctuation of the clause ("…Seoul.")
        if b == len(words):
            end = len(text.rstrip())
        pieces.append(" ".join(text[words[a].start():end].split()))
    out = ("" if merged[0][0] == 0 else "…") + " … ".join(pieces) + ("" if merged[-1][1] == len(words) else " …")
    if len(out) > VARIANT_CHARS:
        cut = out[:VARIANT_CHARS - 1]
        out = (cut[:cut.rfind(" ")] if " " in cut else cut).rstrip(" …,;:") + " …"
    return out


def family_of(finding_id: str) -> str:
    return finding_id.split(".", 1)[0]


def plain(pieces: tuple[Piece, ...]) -> str:
    return " ".join("".join(p.text for p in pieces).split())


def _in_text(f: Finding, text: str) -> bool:
    return not f.missing and bool(text) and 0 <= f.span.start < f.span.end <= len(text)


def summarize(report: Report, *, top: int = TOP_POINTS, where: Sequence[Any] | None = None) -> ReportSummary:
    """The summary of ``report`` in its language (see the module docstring for what each part holds).
    ``where``: the findings' positions (positions.positions(report)) when the caller has them already."""
    text = report.text
    app = report.app is not None
    if where is None:
        from .positions import positions

        where = positions(report)
    by_id: dict[str, list[int]] = {}
    for i, f in enumerate(report.findings):
        by_id.setdefault(f.id, []).append(i)

    groups = []
    for fid, indices in by_id.items():
        findings = [report.findings[i] for i in indices]
        lead = min(findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 9), -f.confidence))
        refs = []
        for i in sorted(indices, key=lambda i: (report.findings[i].span.start, i)):
            f = report.findings[i]
            placed = _in_text(f, text)
            pos = where[i] if i < len(where) else None
            line, column = (pos.shown_line, pos.shown_column) if placed and pos is not None else (0, 0)
            if f.missing:
                pieces: tuple[Piece, ...] = ()
            elif app or not placed:
                pieces = (Piece(" ".join(f.text.split())),) if f.text else ()
            else:
                pieces = excerpt(f, text, CLAUSE_EXCERPT_CHARS)
            refs.append(ClauseRef(finding=i, start=f.span.start, end=f.span.end, line=line, column=column,
                                  excerpt=plain(pieces), pieces=pieces, confidence=float(f.confidence),
                                  severity=f.severity or "info", missing=f.missing,
                                  severity_reason=f.severity_reason or "",
                                  similar=_similar(report, f) if placed else ()))
        # the explanation said once for the id: the fullest one of its findings (a sentence and its law that hold
        # only for some clauses, such as a shortened time limit, come with the finding whose clause has it)
        told = max(findings, key=lambda f: (len(f.law), len(f.explanation)))
        groups.append(Group(id=fid, family=family_of(fid), title=lead.title or fid,
                            severity=lead.severity or "info", explanation=told.explanation,
                            law=tuple(law_groups(told.law)), advice=lead.advice, clauses=tuple(refs)))
    first = {g.id: min(c.start for c in g.clauses) for g in groups}
    best = {g.id: max(c.confidence for c in g.clauses) for g in groups}
    groups.sort(key=lambda g: (SEVERITY_RANK.get(g.severity, 9), -best[g.id], first[g.id]))

    counts = _counts(report)
    points = []
    quoted_spans: set[tuple[int, int]] = set()
    for g in _fresh_first([g for g in groups if g.severity != "info" and g.family != "practice"], report):
        if len(points) >= top:
            break
        # quote the most confident clause of the worst severity, one not quoted by a point above when there is one,
        # a whole sentence rather than a fragment that opens a list ("We are not liable for:") when there is one
        # — and, among those, one that stands alone (not "They may also…", « Dans le cas contraire, … ») and that a
        # rule and a model both found: Bluesky's arbitration point quoted a procedural step the model alone scored
        # 0.93; preferring any rule hit instead chose MediaFire's "your only remedy … is to discontinue use" over "by
        # using our Services you consent" (session 40's readers)
        ref = min(g.clauses, key=lambda c: (SEVERITY_RANK.get(c.severity, 9), (c.start, c.end) in quoted_spans,
                                            _business_transfer(report.findings[c.finding]),
                                            _terse(report.findings[c.finding]),
                                            _leans_back(report.findings[c.finding]),
                                            not _agreed(report.findings[c.finding]), -c.confidence, c.start))
        f = report.findings[ref.finding]
        if ref.missing:
            pieces = ()
        elif app or not _in_text(f, text):
            pieces = ref.pieces
        else:
            again = (f.span.start, f.span.end) in quoted_spans
            pieces = excerpt(f, text, TOP_REPEAT_CHARS if again else TOP_EXCERPT_CHARS)
            quoted_spans.add((f.span.start, f.span.end))
        points.append(KeyPoint(id=g.id, title=g.title, severity=g.severity, count=g.n_clauses,
                               excerpt=plain(pieces), pieces=pieces, line=ref.line, finding=ref.finding))
    level, verdict = _verdict(groups, report)
    return ReportSummary(verdict=verdict, level=level, headline=report.summary.headline, top=tuple(points),
                         counts=counts, groups=tuple(groups), help=_help(report), exits=_help(report, exits=True))


def _help(report: Report, exits: bool = False) -> tuple[HelpPoint, ...]:
    from .help import named_exits, named_help
    from .positions import source_map

    if exits and not any(f.id == "unfair.arbitration" for f in report.findings):
        return ()  # ways out of an arbitration clause the report does not show
    found = named_exits(report) if exits else named_help(report)
    if not found:
        return ()
    smap = source_map(report)
    return tuple(HelpPoint(kind=h.kind, line=smap.position(h.start, h.end).shown_line, excerpt=h.excerpt)
                 for h in found)


def _fresh_first(groups: list[Group], report: Report | None = None) -> list[Group]:
    """``groups`` (worst first) with, within each severity, the groups whose clauses all stand in a group above moved
    after the others: "What matters most" shows more of the document (Bolt's list gave two of its five places to one
    licence sentence while five change-of-terms clauses went unmentioned, session 39). A document whose points all
    sit in one clause (the Temu offer) still lists them all."""
    out: list[Group] = []
    seen: set[tuple[int, int]] = set()
    for severity in dict.fromkeys(g.severity for g in groups):
        tier = [g for g in groups if g.severity == severity]
        fresh, again = [], []
        for g in tier:
            spans = {(c.start, c.end) for c in g.clauses if not c.missing}
            (again if spans and spans <= seen else fresh).append(g)
            seen |= spans
        if report is not None:
            # a data sale that is only the business passed on in a merger goes after the tier's other points: Tinder's
            # and Lyft's readers found it leading "What matters most" above sensitive data shared with advertisers
            # (session 41); it stays a finding (TAXONOMY counts a business transfer as a sale)
            minor = {g.id for g in tier if g.id == "rights.data-sale"
                     and all(_business_transfer(report.findings[c.finding]) for c in g.clauses if not c.missing)}
            fresh.sort(key=lambda g: g.id in minor)
            again.sort(key=lambda g: g.id in minor)
        out += fresh + again
    return out


# a clause about the business changing hands (merger, acquisition, bankruptcy, sale of assets), with no sale of the
# data for its own sake
_TRANSFER_OF_BUSINESS = re.compile(
    r"\b(?:merger|acquisition|acquired|bankruptcy|insolvency|reorgani[sz]ation|divestiture|sale\s+of\s+(?:all\s+or\s+"
    r"(?:a\s+)?(?:part|portion)\s+of\s+)?(?:(?:our|its|the)\s+)?(?:assets|business|company|stock)|change\s+of\s+control|"
    r"fusion|acquisition|rachat|cession\s+(?:de\s+(?:tout\s+ou\s+partie\s+de\s+)?(?:nos|ses|l.)\s?(?:actifs|activit)|d.actifs)|"
    r"faillite|redressement|liquidation|changement\s+de\s+contr[ôo]le)", re.IGNORECASE)
_SALE_ITSELF = re.compile(r"\b(?:advertis\w*|marketing|data\s+brokers?|for\s+(?:money|monetary|valuable)|publicit\w*|"
                          r"prospection|courtiers?)\b", re.IGNORECASE)


def _business_transfer(f: Finding) -> bool:
    return (f.id == "rights.data-sale" and bool(_TRANSFER_OF_BUSINESS.search(f.text))
            and not _SALE_ITSELF.search(f.text))


# a clause that opens on a word pointing back at the sentence before it cannot be read alone
_LEANS_BACK = re.compile(
    r"^\W*(?:(?:they|it|otherwise|if\s+so|in\s+(?:that|this|such)\s+(?:case|event)|"
    r"ils|elles|il|elle|ceux-ci|celles-ci|cela|ceci|sinon|dans\s+(?:le\s+cas\s+contraire|ce\s+cas|un\s+tel\s+cas)|"
    r"en\s+ce\s+cas|[àa]\s+d[ée]faut)\b)", re.IGNORECASE)


def _leans_back(f: Finding) -> bool:
    return bool(_LEANS_BACK.match(f.text))


def _agreed(f: Finding) -> bool:
    """A YAML rule and a model both found the clause (``evidence["detectors"]`` lists every one)."""
    found_by = {str(d).split(":", 1)[0] for d in list(f.evidence.get("detectors") or ()) + [f.detector or ""]}
    return {"rule", "model"} <= found_by


def _terse(f: Finding) -> bool:
    text = " ".join(f.text.split())
    return len(text) < 40 or text.endswith(":")


def _counts(report: Report) -> Counts:
    by_severity = {s: 0 for s in SEVERITIES}
    fam: dict[str, dict[str, int]] = {}
    clauses = set()
    for f in report.findings:
        sev = f.severity if f.severity in SEVERITY_RANK else "info"
        by_severity[sev] += 1
        fam.setdefault(family_of(f.id), {s: 0 for s in SEVERITIES})[sev] += 1
        if not f.missing and f.span.end > f.span.start:
            clauses.add((f.span.start, f.span.end))
    order = {k: i for i, k in enumerate(FAMILIES)}
    families = sorted(fam, key=lambda k: (order.get(k, len(order)), k))
    by_family_severity = {k: {s: n for s, n in fam[k].items() if n} for k in families}
    return Counts(by_severity={s: n for s, n in by_severity.items() if n},
                  by_family={k: sum(by_family_severity[k].values()) for k in families},
                  by_family_severity=by_family_severity, total=len(report.findings), clauses=len(clauses))


def problems_by_severity(groups: Sequence[Group]) -> dict[str, int]:
    """Problems by severity: an id is one problem, at the worst severity of its clauses (practice.* and info, which
    accuse nothing, left out). Bluesky's verdict read "9 serious problems" for one arbitration section counted sentence
    by sentence, and readers took them for nine different problems (session 40)."""
    out = {s: 0 for s in SEVERITIES}
    for g in groups:
        if g.family != "practice" and g.severity in out:
            out[g.severity] += 1
    return {s: n for s, n in out.items() if n and s != "info"}


def _verdict(groups: Sequence[Group], report: Report) -> tuple[str, str]:
    """(level, one line): how worried to be, with the number of problems (ids) of the worst severity that says why."""
    words = labels(report.language)["verdict"]
    problems = problems_by_severity(groups)
    if problems.get("high"):
        level, n = "serious", problems["high"]
    elif problems.get("medium"):
        level, n = "concerns", problems["medium"]
    elif problems.get("low"):
        level, n = "minor", problems["low"]
    else:
        level, n = "clear", 0
    # a privacy policy is not accepted like a contract: it tells how a service one uses treats one's data
    kind = "app" if report.app is not None else report.document.kind
    forms = words[level].get(kind) or words[level]["document"]
    line = forms["one" if n == 1 else "many"].format(n=n)
    return level, line


__all__ = ("summarize", "ReportSummary", "KeyPoint", "Group", "ClauseRef", "Counts", "family_of", "plain",
           "problems_by_severity", "HelpPoint",
           "TOP_POINTS", "FAMILIES", "LEVELS")
