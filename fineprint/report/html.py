"""Self-contained HTML report in the order every format follows: the summary (verdict, the things that matter most
with an excerpt each, linked to their place in the text, counts by family and severity), the details grouped by
finding id (one card per id: why it matters, the law and what to do once, then its clauses with their line, each
linked to the text), then the document itself, rendered (Markdown headings, lists and escapes shown as structure,
not as "## " or "2\\.") with each flagged clause highlighted in place and linked to its card. Inline CSS only, no
script, no external resource; every piece of document text goes through Jinja2's autoescaping (nothing is marked
safe)."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Sequence

from ..law import colon
from ..model import SEVERITY_RANK, Report
from .common import (reader_line, suggested_line, document_law_line, Quoter, after_label, count_words, less_certain, detectors_of, is_app, labels, decimal, origin_line, reach_origin,
                     similar_note, tracker_categories, typography, uses_exodus)
from .sections import accusing_counts, item_suffix, layout
from .practices import count_phrase, is_practice, location, section_title, topics

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=2)
def _template(lang: str = "en"):
    import jinja2
    from markupsafe import Markup

    def finalize(value):
        # every {{ value }} goes through the language's typography (French no-break spaces) before autoescaping;
        # macro output (Markup) is already made of such values
        return typography(value, lang) if isinstance(value, str) and not isinstance(value, Markup) else value

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             finalize=finalize)
    return env.get_template("report.html.j2")


# Markdown block markup shown by the document view as structure, not as characters: heading marks, list bullets,
# quote marks, horizontal rules / setext underlines, and backslash escapes ("2\\." is "2.").
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_RULE = re.compile(r"^[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~<\"'])")


def _line_kinds(text: str, markdown: bool) -> list[tuple[int, int, str, int, list[tuple[int, int]]]]:
    """Each line as (start, end, kind, level, hidden ranges): kind is heading | item | rule | blank | text."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        hidden: list[tuple[int, int]] = []
        kind, level = ("blank" if not line.strip() else "text"), 0
        if markdown and kind == "text":
            if _RULE.match(line):
                kind, hidden = "rule", [(start, end)]
            elif m := _HEADING.match(line):
                kind, level = "heading", len(m.group(1))
                hidden.append((start, start + m.end()))
                if c := _CLOSING_HASHES.search(line):
                    hidden.append((start + c.start(), end))
            elif m := _BULLET.match(line):
                kind = "item"
                hidden.append((start, start + m.end()))
            elif m := _QUOTE.match(line):
                hidden.append((start, start + m.end()))
            hidden += [(start + e.start(), start + e.end()) for e in _ESCAPE.finditer(line)]
        out.append((start, end, kind, level, hidden))
    # a setext underline ("Title" then "=====" or "-----") makes the line above a heading
    for i in range(1, len(out)):
        if out[i][2] == "rule" and out[i - 1][2] == "text":
            s0, e0, _, _, h0 = out[i - 1]
            level = 1 if out[i][0] < len(text) and text[out[i][0]:out[i][1]].strip().startswith("=") else 2
            out[i - 1] = (s0, e0, "heading", level, h0)
    return out


def _document(report: Report, anchors: dict[int, str], targets: dict[int, str],
              pins: dict[int, list[str]]) -> list[dict[str, Any]]:
    """The document as blocks (headings, paragraphs, lists) of pieces: the text cut wherever a flagged clause or a
    decisive word starts or ends, a line ends or Markdown markup starts or ends. A flagged piece says which finding
    covers it (worst severity first), links to that finding's card (``targets``) and whether it is a decisive word;
    ``anchors`` name the clause starts the cards link back to; ``pins`` are the practices section's anchors."""
    text = report.text
    if not text:
        return []
    markdown = _is_markdown(report)
    lines = _line_kinds(text, markdown)
    placed = [(i, f) for i, f in enumerate(report.findings)
              if i in anchors and not f.missing and 0 <= f.span.start < f.span.end <= len(text)]
    cuts = {0, len(text)}
    cuts.update(offset for offset in pins if 0 < offset < len(text))
    hidden: list[tuple[int, int]] = []
    for start, end, _, _, hid in lines:
        cuts.update((start, end))
        hidden += hid
        for h in hid:
            cuts.update(h)
    for _, f in placed:
        cuts.update((f.span.start, f.span.end))
        cuts.update(max(0, min(h.start, len(text))) for h in f.highlights)
        cuts.update(max(0, min(h.end, len(text))) for h in f.highlights)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    hidden.sort()
    by_start = sorted(placed, key=lambda p: p[1].span.start)
    active: list[tuple[int, Any]] = []
    nxt = hid_i = 0
    first_seen: set[int] = set()
    pieces_at: dict[int, list[dict[str, Any]]] = {}  # line index -> pieces
    line_starts = [ln[0] for ln in lines]
    import bisect

    for lo, hi in zip(bounds, bounds[1:]):
        while nxt < len(by_start) and by_start[nxt][1].span.start <= lo:
            active.append(by_start[nxt])
            nxt += 1
        active = [p for p in active if p[1].span.end > lo]
        covering = sorted((p for p in active if p[1].span.end >= hi),
                          key=lambda p: (SEVERITY_RANK.get(p[1].severity, 9), p[0]))
        starts = [anchors[j] for j, f in covering if j not in first_seen and f.span.start == lo]
        first_seen.update(j for j, f in covering if f.span.start == lo)
        while hid_i < len(hidden) and hidden[hid_i][1] <= lo:
            hid_i += 1
        is_hidden = hid_i < len(hidden) and hidden[hid_i][0] <= lo and hi <= hidden[hid_i][1]
        chunk = text[lo:hi]
        if "\n" in chunk and not chunk.strip("\n"):
            continue  # the line breaks themselves: blocks say where lines end
        part = {"text": "" if is_hidden else chunk, "pins": pins.get(lo, []), "decisive": False}
        piece: dict[str, Any] = {"starts": starts, "finding": None, "parts": [part]}
        if covering:
            i, worst = covering[0]
            part["decisive"] = any(h.start <= lo and hi <= h.end for _, f in covering for h in f.highlights)
            piece.update(finding=targets[i], severity=worst.severity or "info",
                         titles="; ".join(dict.fromkeys(f.title or f.id for _, f in covering)))
        row = pieces_at.setdefault(bisect.bisect_right(line_starts, lo) - 1, [])
        last = row[-1] if row else None
        if (last and piece["finding"] and last["finding"] == piece["finding"] and not starts
                and last["titles"] == piece["titles"]):
            last["parts"].append(part)  # the same flagged run: one <mark>, decisive words inside it
        else:
            row.append(piece)
    blocks: list[dict[str, Any]] = []
    for n, (_, _, kind, level, _) in enumerate(lines):
        pieces = [p for p in pieces_at.get(n, []) if p["starts"] or any(x["text"] or x["pins"] for x in p["parts"])]
        if kind in ("blank", "rule"):
            if pieces:  # anchors on an empty line still need a home
                blocks.append({"kind": "p", "level": 0, "lines": [pieces]})
            blocks.append({"kind": "break", "level": 0, "lines": []})
            continue
        if kind == "heading":
            blocks.append({"kind": "heading", "level": min(level + 2, 6), "lines": [pieces]})
        elif kind == "item":
            if blocks and blocks[-1]["kind"] == "list":
                blocks[-1]["lines"].append(pieces)
            else:
                blocks.append({"kind": "list", "level": 0, "lines": [pieces]})
        elif blocks and blocks[-1]["kind"] == "p":
            blocks[-1]["lines"].append(pieces)
        else:
            blocks.append({"kind": "p", "level": 0, "lines": [pieces]})
    return [b for b in blocks if b["kind"] != "break"]


def _is_markdown(report: Report) -> bool:
    source = report.document.source.lower()
    if source.endswith((".md", ".markdown")):
        return True
    # Markdown pasted or piped: headings, escapes or rules at line starts give it away
    sample = report.text[:20000]
    return bool(re.search(r"(?m)^#{1,6} \S|^\d+\\\. |^-{3,}\s*$", sample))


def _view(report: Report, number: int) -> dict[str, Any]:
    lang = report.language
    w = labels(lang)
    lay = layout(report)
    s = lay.summary
    app = is_app(report)
    # practice.* findings have their own section (what they collect / share / keep …): no card, no highlight
    anchors = {i: f"r{number}-f{i + 1}" for i, f in enumerate(report.findings) if not is_practice(f)}
    group_anchor = {g.id: f"r{number}-{g.id.replace('.', '-')}" for g in s.groups}
    targets = {i: group_anchor[f.id] for i, f in enumerate(report.findings) if i in anchors}
    practices, pins = _practices(report, number)
    quote = Quoter(report.text)
    details = []
    for severity, groups in lay.details:
        cards = []
        for g in groups:
            clauses = []
            detectors: dict[str, None] = {}
            for c in g.clauses:
                f = report.findings[c.finding]
                detectors.update(dict.fromkeys(detectors_of(f)))
                pieces, repeated = ((), False) if f.missing or app else quote(f)
                clauses.append({
                    "anchor": anchors[c.finding], "line": c.line, "confidence": decimal(c.confidence, lang),
                    "severity": c.severity, "other_severity": c.severity != g.severity, "missing": f.missing,
                    "excerpt": list(pieces), "repeated": repeated,
                    "evidence": f.text if app else "", "origin": origin_line(f, lang),
                    "severity_reason": c.severity_reason, "similar": similar_note(c.similar, w, lang),
                    "in_text": not f.missing and bool(report.text) and 0 <= f.span.start < f.span.end <= len(report.text),
                })
            cards.append({"anchor": group_anchor[g.id], "id": g.id, "title": g.title, "severity": g.severity,
                          "count": count_words(g.n_clauses, w, app), "explanation": after_label(g.explanation, lang),
                          "law": list(g.law), "advice": code_spans(after_label(g.advice, lang)), "clauses": clauses, "detectors": ", ".join(detectors),
                          "where_label": w["evidence" if app else "where"]})
        details.append((severity, lay.count_label(severity, groups, w["severities"], w, app), cards))
    top = [{"n": n, "title": p.title, "severity": p.severity, "excerpt": list(p.pieces), "app": app,
            "where": ", ".join([count_words(p.count, w, app)] + ([w["at_line"].format(line=p.line)] if p.line else [])),
            "card": group_anchor[p.id], "text": f"{anchors[p.finding]}-text" if p.line and p.finding in anchors else ""}
           for n, p in enumerate(s.top, 1)]
    # problems (ids) by family and severity, as the verdict and the headings count them; the passages of practice.*
    # (which describe, all "info") as a row of their own with no columns
    families = list(lay.families)
    accusing = [f for f in families if f != "practice"]
    shown_sev = [sev for sev in SEVERITY_RANK if any(sev in lay.family_severity.get(f, {}) for f in accusing)]
    counts = {"severities": shown_sev,
              "rows": [(w["family_names"].get(f, f),
                        [lay.family_severity.get(f, {}).get(sev, 0) for sev in shown_sev] if f != "practice"
                        else [0 for _ in shown_sev], lay.families[f]) for f in families],
              "total": sum(lay.families.values())}
    return {
        "number": number, "lang": lang, "w": w, "colon": colon(lang), "doc": report.document,
        "reader": reader_line(report, w).replace("`", ""),
        "suggested": suggested_line(report, w).replace("`", ""),
        "authority": (report.reader or {}).get("authority"),
        "consumer_help": (report.reader or {}).get("consumer_help") or [],
        "document_law": document_law_line(report),
        "kind": w["kinds"].get(report.document.kind, report.document.kind),
        "headline": report.summary.headline, "verdict": s.verdict, "level": s.level, "top": top, "counts": counts,
        "help": [{"line": h.line, "excerpt": h.excerpt, "where": w["at_line"].format(line=h.line) if h.line else ""}
                 for h in s.help],
        "exits": [{"kind": w["exit_kinds"][h.kind], "excerpt": h.excerpt,
                   "where": w["at_line"].format(line=h.line) if h.line else ""} for h in s.exits],
        "by_severity": list(accusing_counts(s).items()),
        "details": details, "outline": [{"line": p.line, "exact": p.exact, "heading": p.heading,
                                        "entries": [(item[0], group_anchor.get(item[1], ""), item_suffix(p, item, w)) for item in p.items]}
                                       for p in lay.outline],
        "practices": practices, "practices_title": section_title(report),
        "reach": [dict(row, where=reach_origin(row, lang)) for row in (report.app.reach if report.app else ())],
        "trackers": [(t.name, tracker_categories(t.categories, lang)) for t in (report.app.trackers if report.app
                                                                                 else ())],
        "blocks": _document(report, anchors, targets, pins), "app": report.app, "exodus": uses_exodus(report),
        "warnings": list(report.warnings), "version": report.tool_version, "ran": list(report.detectors),
        "less_certain": [{"id": x.id, "title": x.title, "confidence": x.confidence, "excerpt": list(x.pieces),
                          "where": (w["at_line"] if x.exact else w["in_text_line"]).format(line=x.line) if x.line
                          else ""} for x in less_certain(report)],
        "less_certain_intro": code_spans(" ".join(w["less_certain_intro"].split())),
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
    return _template(lang).render(lang=lang, w=w, colon=colon(lang), single=standalone and len(reports) == 1,
                              reports=[_view(r, n + 1) for n, r in enumerate(reports)],
                              failures=list(failures),
                              version=reports[0].tool_version if reports else "")
