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


def document_segments(report: Report, summary: ReportSummary) -> list[dict[str, Any]]:
    """The document text cut at every start and end of a finding's span. Each segment: ``text``; ``findings``
    (indices, empty for plain text); ``kind`` ("flag" for rights/unfair/transparency, "practice" for practice.*
    passages, "" for plain text); ``severity`` (the worst); ``anchor`` (an element id on the first segment of each
    finding); ``group`` (the id of the finding's group, for the link to its explanation)."""
    text = report.text
    if not text:
        return []
    placed = [(i, f) for i, f in enumerate(report.findings)
              if not f.missing and 0 <= f.span.start < f.span.end <= len(text)]
    cuts = {0, len(text)}
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
            out.append({"text": visible(text[a:b]), "findings": findings, "kind": kind,
                        "severity": worst.severity or "info", "group": worst.id,
                        "anchors": [f"c{i}" for i in new], "title": "; ".join(dict.fromkeys(f.title for f in fs))})
        else:
            out.append({"text": visible(text[a:b]), "findings": [], "kind": "", "severity": "", "group": "",
                        "anchors": [], "title": ""})
    return out


def group_anchor(finding_id: str) -> str:
    return "g-" + re.sub(r"[^a-z0-9-]", "-", finding_id.lower())
