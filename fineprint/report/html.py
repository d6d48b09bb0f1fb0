"""Self-contained HTML report: summary first, then the document with each flagged clause highlighted in place and
its explanation beside it. Inline CSS only, no script, no external resource; every piece of document text goes
through Jinja2's autoescaping (nothing is marked safe)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Sequence

from ..law import colon
from ..model import SEVERITY_RANK, Report
from .common import (by_severity, detectors_of, excerpt, is_app, labels, law_groups, decimal, origin_line,
                     reach_origin, tracker_categories, uses_exodus)
from .practices import count_phrase, is_practice, location, section_title, topics

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def _segments(report: Report, anchors: dict[int, str], pins: dict[int, list[str]]) -> list[dict[str, Any]]:
    """The document text cut where a flagged clause or a decisive word starts or ends. Each piece says which
    findings cover it (worst severity first) and whether it is a decisive word. ``pins`` are anchors (by offset)
    of passages the practices section links to: each piece lists those at its start."""
    text = report.text
    placed = [(i, f) for i, f in enumerate(report.findings)
              if i in anchors and not f.missing and 0 <= f.span.start < f.span.end <= len(text)]
    if not text:
        return []
    cuts = {0, len(text)}
    cuts.update(offset for offset in pins if 0 < offset < len(text))
    for _, f in placed:
        cuts.update((f.span.start, f.span.end))
        cuts.update(max(0, min(h.start, len(text))) for h in f.highlights)
        cuts.update(max(0, min(h.end, len(text))) for h in f.highlights)
    bounds = sorted(cuts)
    by_start = sorted(placed, key=lambda p: p[1].span.start)
    active: list[tuple[int, object]] = []
    nxt = 0
    first_seen: set[int] = set()
    out: list[dict[str, Any]] = []
    for lo, hi in zip(bounds, bounds[1:]):
        # sweep: findings enter when their clause starts and leave when it ends (linear, not findings x pieces)
        while nxt < len(by_start) and by_start[nxt][1].span.start <= lo:
            active.append(by_start[nxt])
            nxt += 1
        active = [p for p in active if p[1].span.end > lo]
        covering = [p for p in active if p[1].span.end >= hi]
        if not covering:
            out.append({"text": text[lo:hi], "finding": None, "pins": pins.get(lo, [])})
            continue
        covering.sort(key=lambda p: (SEVERITY_RANK.get(p[1].severity, 9), p[0]))
        i, worst = covering[0]
        starts = [anchors[j] for j, f in covering if j not in first_seen and f.span.start == lo]
        first_seen.update(j for j, f in covering if f.span.start == lo)
        piece = {"text": text[lo:hi], "pins": pins.get(lo, []),
                 "decisive": any(h.start <= lo and hi <= h.end for _, f in covering for h in f.highlights)}
        titles = "; ".join(dict.fromkeys(f.title or f.id for _, f in covering))
        last = out[-1] if out else None
        if last and last["finding"] == anchors[i] and last["titles"] == titles and not starts:
            last["pieces"].append(piece)  # same flagged region: one <mark>, decisive words inside it
        else:
            out.append({"text": "", "finding": anchors[i], "severity": worst.severity or "info", "titles": titles,
                        "starts": starts, "pieces": [piece]})
    return out


def _view(report: Report, number: int) -> dict[str, Any]:
    lang = report.language
    w = labels(lang)
    # practice.* findings have their own section (what they collect / share / keep …): no card, no highlight
    anchors = {i: f"r{number}-f{i + 1}" for i, f in enumerate(report.findings) if not is_practice(f)}
    listed = [f for f in report.findings if not is_practice(f)]
    index = {id(f): n for n, f in enumerate(listed)}
    practices, pins = _practices(report, number)
    cards = []
    for i, f in enumerate(report.findings):
        if i not in anchors:
            continue
        cards.append({
            "anchor": anchors[i], "id": f.id, "title": f.title or f.id, "severity": f.severity or "info",
            "severity_word": w["severity_word"].get(f.severity, f.severity), "confidence": decimal(f.confidence, lang),
            "missing": f.missing, "excerpt": [] if f.missing or is_app(report) else list(excerpt(f, report.text)),
            "evidence": f.text if is_app(report) else "", "origin": origin_line(f, lang),
            "severity_reason": f.severity_reason or "", "explanation": f.explanation,
            "law": law_groups(f.law), "advice": code_spans(f.advice), "detectors": ", ".join(detectors_of(f)),
            "in_text": not f.missing and bool(report.text) and f.span.end <= len(report.text) and f.span.end > f.span.start,
            "position": (f.span.start, SEVERITY_RANK.get(f.severity, 9)),
        })
    groups = [(sev, [cards[index[id(f)]] for f in fs]) for sev, fs in by_severity(listed)]
    return {
        "number": number, "lang": lang, "w": w, "colon": colon(lang), "doc": report.document,
        "kind": w["kinds"].get(report.document.kind, report.document.kind),
        "headline": report.summary.headline,
        "by_severity": [(sev, len(fs)) for sev, fs in by_severity(listed)],
        "groups": groups, "cards_by_position": sorted(cards, key=lambda c: c["position"]),
        "practices": practices, "practices_title": section_title(report),
        "reach": [dict(row, where=reach_origin(row, lang)) for row in (report.app.reach if report.app else ())],
        "trackers": [(t.name, tracker_categories(t.categories, lang)) for t in (report.app.trackers if report.app
                                                                                 else ())],
        "segments": _segments(report, anchors, pins), "app": report.app, "exodus": uses_exodus(report),
        "warnings": list(report.warnings), "version": report.tool_version, "ran": list(report.detectors),
    }


def _practices(report: Report, number: int) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
    """The practices section's topics for the template, and the anchors it links to, by document offset."""
    lang = report.language
    text = report.text
    pins: dict[int, list[str]] = {}
    out = []
    for t in topics(report):
        passages = []
        for p in t.passages:
            anchor = ""
            if 0 <= p.finding.span.start < p.finding.span.end <= len(text):
                anchor = f"r{number}-p{p.index + 1}-text"
                pins.setdefault(p.finding.span.start, []).append(anchor)
            passages.append({"quote": p.quote, "where": location(p, lang), "anchor": anchor})
        first = _shown_order(t)
        # the rest stays one click away (<details>), in document order
        rest = sorted(set(range(len(passages))) - set(first), key=lambda i: t.passages[i].finding.span.start)
        out.append({"id": t.id, "anchor": f"r{number}-{t.id.replace('.', '-')}", "heading": t.heading,
                    "count": count_phrase(len(t.passages), lang) if t.passages else "",
                    "shown": [passages[i] for i in first], "rest": [passages[i] for i in rest],
                    "absent": t.absent, "action": code_spans(t.action)})
    return out, pins


def _shown_order(topic) -> list[int]:
    """Indices (into topic.passages) of the passages shown first, in document order."""
    shown = {id(p) for p in topic.shown()}
    return sorted((i for i, p in enumerate(topic.passages) if id(p) in shown),
                  key=lambda i: topic.passages[i].finding.span.start)


def code_spans(text: str) -> list[tuple[bool, str]]:
    """Advice split into prose and `commands` so that the template shows commands as code (both escaped)."""
    import re

    return [(part.startswith("`") and part.endswith("`") and len(part) > 1, part.strip("`") if
             part.startswith("`") and part.endswith("`") else part)
            for part in re.split(r"(`[^`]+`)", text) if part]


def render(report: Report, color: bool = False) -> str:
    return render_many([report], standalone=True)


def render_many(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = (), color: bool = False,
                standalone: bool = False) -> str:
    lang = reports[0].language if reports else "en"
    w = labels(lang)
    return _template().render(lang=lang, w=w, colon=colon(lang), single=standalone and len(reports) == 1,
                              reports=[_view(r, n + 1) for n, r in enumerate(reports)],
                              failures=list(failures),
                              version=reports[0].tool_version if reports else "")
