"""Self-contained HTML report: summary first, then the document with each flagged clause highlighted in place and
its explanation beside it. Inline CSS only, no script, no external resource; every piece of document text goes
through Jinja2's autoescaping (nothing is marked safe)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Sequence

from ..law import colon
from ..model import SEVERITY_RANK, Report
from .common import by_severity, detectors_of, excerpt, is_app, labels, law_groups, origin_line, uses_exodus

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def _segments(report: Report, anchors: dict[int, str]) -> list[dict[str, Any]]:
    """The document text cut where a flagged clause or a decisive word starts or ends. Each piece says which
    findings cover it (worst severity first) and whether it is a decisive word."""
    text = report.text
    placed = [(i, f) for i, f in enumerate(report.findings)
              if not f.missing and 0 <= f.span.start < f.span.end <= len(text)]
    if not text:
        return []
    cuts = {0, len(text)}
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
            out.append({"text": text[lo:hi], "finding": None})
            continue
        covering.sort(key=lambda p: (SEVERITY_RANK.get(p[1].severity, 9), p[0]))
        i, worst = covering[0]
        starts = [anchors[j] for j, f in covering if j not in first_seen and f.span.start == lo]
        first_seen.update(j for j, f in covering if f.span.start == lo)
        piece = {"text": text[lo:hi],
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
    anchors = {i: f"r{number}-f{i + 1}" for i in range(len(report.findings))}
    index = {id(f): i for i, f in enumerate(report.findings)}
    cards = []
    for i, f in enumerate(report.findings):
        cards.append({
            "anchor": anchors[i], "id": f.id, "title": f.title or f.id, "severity": f.severity or "info",
            "severity_word": w["severity_word"].get(f.severity, f.severity), "confidence": f"{f.confidence:.2f}",
            "missing": f.missing, "excerpt": [] if f.missing or is_app(report) else list(excerpt(f, report.text)),
            "evidence": f.text if is_app(report) else "", "origin": origin_line(f, lang),
            "severity_reason": f.severity_reason or "", "explanation": f.explanation,
            "law": law_groups(f.law), "advice": f.advice, "detectors": ", ".join(detectors_of(f)),
            "in_text": not f.missing and bool(report.text) and f.span.end <= len(report.text) and f.span.end > f.span.start,
            "position": (f.span.start, SEVERITY_RANK.get(f.severity, 9)),
        })
    groups = [(sev, [cards[index[id(f)]] for f in fs]) for sev, fs in by_severity(report.findings)]
    return {
        "number": number, "lang": lang, "w": w, "colon": colon(lang), "doc": report.document,
        "kind": w["kinds"].get(report.document.kind, report.document.kind),
        "headline": report.summary.headline, "by_severity": list(report.summary.by_severity.items()),
        "groups": groups, "cards_by_position": sorted(cards, key=lambda c: c["position"]),
        "segments": _segments(report, anchors), "app": report.app, "exodus": uses_exodus(report),
        "warnings": list(report.warnings), "version": report.tool_version,
    }


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
