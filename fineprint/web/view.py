"""What the report pages show, computed from a Report and its summary (fineprint.report.summary): plain data that
the Jinja2 templates escape. Nothing here writes markup, so no document string can become markup."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import SEVERITY_RANK, Report
from ..report.summary import ReportSummary

# Characters that reorder or hide text (bidirectional overrides and isolates, zero-width joiners used to disguise
# words): a hostile document could make a clause read differently on screen than it does in the file. They are shown
# as a visible marker instead, e.g. "[U+202E]".
_HIDING = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")


def visible(text: str) -> str:
    """``text`` with reordering and invisible format characters replaced by a visible ``[U+XXXX]`` marker, and
    other control characters (not tab or newline) dropped."""
    text = _HIDING.sub(lambda m: f"[U+{ord(m[0]):04X}]", text)
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")


# Markdown syntax a reader should not see in the document view (display only: offsets stay those of the text):
# heading marks, setext and thematic-break lines, backslash escapes, strong/emphasis markers.
_MD_HEADING = re.compile(r"(?m)^[ ]{0,3}(#{1,6})[ \t]+(?=\S)")
_MD_RULE = re.compile(r"(?m)^[ ]{0,3}([-=*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_display(text: str) -> tuple[bytearray, list[tuple[int, int]]]:
    """(hidden: one flag per character, heading line ranges) for showing Markdown-looking text as prose."""
    hidden = bytearray(len(text))  # one byte a character: a 20 MB text costs 20 MB here, not 160
    headings = []

    def hide(a: int, b: int) -> None:
        hidden[a:b] = b"\x01" * (b - a)

    for m in _MD_HEADING.finditer(text):
        hide(m.start(), m.end())
        end = text.find("\n", m.end())
        headings.append((m.end(), len(text) if end < 0 else end))
    for m in _MD_RULE.finditer(text):
        hide(m.start(), m.end())
    for m in _MD_ESCAPE.finditer(text):
        hide(m.start(), m.end())
    for m in _MD_STRONG.finditer(text):
        hide(m.start(1), m.end(1))
        hide(m.end(2), m.end())
    return hidden, headings


def document_segments(report: Report, summary: ReportSummary) -> list[dict[str, Any]]:
    """The document text cut at every start and end of a finding's span. Each segment: ``text``; ``findings``
    (indices, empty for plain text); ``kind`` ("flag" for rights/unfair/transparency, "practice" for practice.*
    passages, "" for plain text); ``severity`` (the worst); ``anchor`` (an element id on the first segment of each
    finding); ``group`` (the id of the finding's group, for the link to its explanation); ``heading`` (a Markdown
    heading line, shown as one); ``decisive`` (words marked as the reason for a finding). Markdown syntax is left out of the shown text (``markdown_display``)."""
    text = report.text
    if not text:
        return []
    hidden, headings = markdown_display(text)
    heading_at = bytearray(len(text))
    for a, b in headings:
        heading_at[a:b] = b"\x01" * (b - a)

    def shown(a: int, b: int) -> str:
        if hidden.find(1, a, b) < 0:
            return visible(text[a:b])
        return visible("".join(c for c, h in zip(text[a:b], hidden[a:b]) if not h))

    placed = [(i, f) for i, f in enumerate(report.findings)
              if not f.missing and 0 <= f.span.start < f.span.end <= len(text)]
    cuts = {0, len(text)}
    for a, b in headings:
        cuts.update((a, b))
    decisive = bytearray(len(text))  # the words a detector marked as the reason for a finding
    for _, f in placed:
        if f.id.startswith("practice."):
            continue
        for h in f.highlights:
            if f.span.start <= h.start < h.end <= f.span.end:
                decisive[h.start:h.end] = b"\x01" * (h.end - h.start)
                cuts.update((h.start, h.end))
    for _, f in placed:
        cuts.update((f.span.start, f.span.end))
    bounds = sorted(cuts)
    starts: dict[int, list[int]] = {}
    for i, f in placed:
        starts.setdefault(f.span.start, []).append(i)
    active: list[int] = []
    ends: dict[int, list[int]] = {}
    for i, f in placed:
        ends.setdefault(f.span.end, []).append(i)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        for i in ends.get(a, ()):
            active.remove(i)
        new = starts.get(a, [])
        active.extend(new)
        findings = sorted(active)
        if findings:
            fs = [report.findings[i] for i in findings]
            flagged = [f for f in fs if not f.id.startswith("practice.")]
            worst = min(flagged or fs, key=lambda f: SEVERITY_RANK.get(f.severity or "info", 9))
            kind = "flag" if flagged else "practice"
            out.append({"text": shown(a, b), "findings": findings, "kind": kind, "heading": bool(heading_at[a]),
                        "decisive": bool(decisive[a]),
                        "severity": worst.severity or "info", "group": worst.id,
                        "anchors": [f"c{i}" for i in new], "title": "; ".join(dict.fromkeys(f.title for f in fs))})
        else:
            out.append({"text": shown(a, b), "findings": [], "kind": "", "heading": bool(heading_at[a]), "severity": "",
                        "group": "",
                        "anchors": [], "title": ""})
    return out


def group_anchor(finding_id: str) -> str:
    return "g-" + re.sub(r"[^a-z0-9-]", "-", finding_id.lower())
