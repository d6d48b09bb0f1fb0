""""What this policy says about your data": the practice.* findings (OPP-115 categories, severity info) grouped
under plain-language headings — what they collect, who they share it with, how long they keep it, what you can do.

The topics, their headings, the "we found no clause about …" sentences and the pointers to ``fineprint letter`` live
in labels.yaml (``practices``), in both report languages. Every format renders the same ``Topic`` list; the
severity-grouped findings list of the text, Markdown and HTML reports leaves practice.* out (they describe, they do
not accuse), while the JSON report keeps them among its findings and adds this grouping beside them.
"""
from __future__ import annotations

from dataclasses import dataclass
from ..model import Finding, Report
from .common import excerpt, labels, quoted

FAMILY = "practice."
QUOTES_PER_TOPIC = 3  # a reader scans three quotes; the rest is counted ("and 9 more") and linked in HTML
QUOTE_CHARS = 220
MIN_SENTENCE_CHARS = 30
# A missing topic is worth saying only where the document is meant to cover it; the classifier can miss a passage,
# hence "we found no clause about …", never "the policy says nothing".
ABSENCE_KINDS = ("privacy-policy",)


@dataclass(frozen=True, slots=True)
class Passage:
    """One clause filed under a topic: where it is and a short quote of it."""

    index: int  # position of the finding in Report.findings
    finding: Finding
    quote: str
    line: int
    heading: str  # the section heading above the clause, "" when the document has none


@dataclass(frozen=True, slots=True)
class Topic:
    """One heading of the section: its passages (most confident first), or a note that none was found."""

    id: str  # the practice.* id
    heading: str
    passages: tuple[Passage, ...]
    absent: str = ""  # the "we found no clause about …" sentence, when the absence matters here
    action: str = ""  # what the reader can do, with `fineprint letter …` commands

    def shown(self, limit: int = QUOTES_PER_TOPIC) -> tuple[Passage, ...]:
        """The ``limit`` most confident passages, in document order."""
        return tuple(sorted(self.passages[:limit], key=lambda p: p.finding.span.start))

    def more(self, limit: int = QUOTES_PER_TOPIC) -> int:
        return max(0, len(self.passages) - limit)


def is_practice(finding: Finding) -> bool:
    return finding.id.startswith(FAMILY)


def listed_findings(report: Report) -> tuple[Finding, ...]:
    """The findings of the severity-grouped list: everything but practice.* (shown in their own section)."""
    return tuple(f for f in report.findings if not is_practice(f))


def topics(report: Report) -> tuple[Topic, ...]:
    """The section's topics in the order of labels.yaml: those with passages, plus those whose absence matters for
    this kind of document. Empty when the report has no practice finding and is not a privacy policy."""
    words = labels(report.language)["practices"]
    clauses = {c.id: c for c in report.clauses}
    from .positions import heading_text, positions

    where = positions(report)  # lines of the original file where it can be read back
    found: dict[str, list[Passage]] = {}
    seen: dict[str, set[str]] = {}
    for i, f in enumerate(report.findings):
        if not is_practice(f) or f.missing:
            continue
        quote = _quote(f, report.text)
        if quote in seen.setdefault(f.id, set()):
            continue  # the same sentence repeated (menus, footers) says nothing new
        seen[f.id].add(quote)
        clause = clauses.get(f.clause_id or "")
        heading = heading_text(clause.headings[-1]) if clause and clause.headings else ""
        line = where[i].shown_line if where[i] is not None else 0
        found.setdefault(f.id, []).append(Passage(i, f, quote, line, heading))
    absences = report.document.kind in ABSENCE_KINDS
    # a reader in the United States gets no GDPR letter and no GDPR right said to "exist anyway" (session 41: Tinder's
    # reader in New York); the labels give their own words ("action_us", "absent_us"), with the CCPA letters of
    # `fineprint letter ... --country US` (session 42)
    us = (report.reader or {}).get("region") == "us"
    out = []
    shown: set[str] = set()
    for topic in words["topics"]:
        # a sentence already quoted under an earlier heading goes after the others: the reader has just read it
        passages = sorted(found.get(topic["id"], ()), key=lambda p: (p.quote in shown, _rank(p)))
        shown.update(p.quote for p in passages[:QUOTES_PER_TOPIC])
        if passages or (absences and topic.get("absent")):
            absent = topic.get("absent_us", topic.get("absent", "")) if us else topic.get("absent", "")
            action = topic.get("action_us", "") if us else topic.get("action", "")
            out.append(Topic(id=topic["id"], heading=topic["heading"], passages=tuple(passages),
                             absent="" if passages else absent, action=action))
    if not any(t.passages for t in out) and not absences:
        return ()
    return tuple(out)


def _rank(passage: Passage) -> tuple:
    """Whole sentences that say something first (a bare heading such as "Information we collect" tells the reader
    nothing), then the most confident, then the earliest."""
    f = passage.finding
    ending = passage.quote.rstrip("”\"')")
    terse = len(passage.quote) < MIN_SENTENCE_CHARS or not ending.endswith((".", ":", ";", "!"))
    return (terse, -f.confidence, f.span.start)


def _quote(finding: Finding, text: str) -> str:
    """The clause on one line, cut around its decisive words to about QUOTE_CHARS characters."""
    return " ".join("".join(p.text for p in excerpt(finding, text, limit=QUOTE_CHARS)).split())


def count_phrase(n: int, lang: str) -> str:
    """"1 passage" / "12 passages" in ``lang``."""
    forms = labels(lang)["practices"]["passages"]
    return forms["one"] if n == 1 else forms["many"].format(n=n)


def location(passage: Passage, lang: str) -> str:
    """"line 12, under “How long we keep data”" (the heading only when the document has one)."""
    words = labels(lang)
    parts = [f"{words['line']} {passage.line}"] if passage.line else []
    if passage.heading:
        heading = passage.heading if len(passage.heading) <= 60 else passage.heading[:59].rstrip() + "…"
        parts.append(f"{words['practices']['under']} {quoted(heading, lang)}")
    return ", ".join(parts)


def as_json(report: Report) -> list[dict]:
    """The grouping for the JSON report: per topic, the indices of its findings in ``findings`` (all of them, most
    confident first) or the absence note."""
    out = []
    for t in topics(report):
        item: dict = {"id": t.id, "heading": t.heading, "findings": [p.index for p in t.passages]}
        if t.absent:
            item["absent"] = t.absent
        out.append(item)
    return out


def section_title(report: Report) -> str:
    """"What this policy says about your data" (a privacy policy) or "What this document says …" (anything else)."""
    words = labels(report.language)["practices"]
    return words["title"] if report.document.kind == "privacy-policy" else words["title_other"]


__all__ = ("Passage", "Topic", "topics", "listed_findings", "is_practice", "count_phrase",
                          "location", "as_json", "section_title")
