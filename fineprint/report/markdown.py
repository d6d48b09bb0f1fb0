"""Markdown report: the same content as the terminal report, for issues, wikis and e-mails. Document text is
escaped so that a clause can never inject markup or HTML into the page that shows the report."""
from __future__ import annotations

import re
from typing import Sequence

from ..law import colon
from ..model import Report
from .common import (Quoter, by_severity, detectors_of, is_app, labels, law_groups, decimal, origin_line,
                     quoted, reach_origin, tracker_categories, uses_exodus)
from .practices import count_phrase, listed_findings, location, section_title, topics

_MD_SPECIAL = re.compile(r"([\\`*_\[\]~])")


def escape(text: str) -> str:
    """Text shown literally in Markdown: HTML characters as entities, Markdown punctuation backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _cell(text: str) -> str:
    return escape(str(text)).replace("|", "\\|")


def _report(report: Report, level: int = 1) -> list[str]:
    lang = report.language
    w = labels(lang)
    d = report.document
    h = "#" * level
    out = [f"{h} {w['report_title']}{colon(lang)}{escape(d.source)}", "",
           f"**{escape(report.summary.headline)}**", "",
           f"- {w['kind']}{colon(lang)}{w['kinds'].get(d.kind, d.kind)}",
           f"- {w['language']}{colon(lang)}{escape(d.language)}",
           f"- {w['chars']}{colon(lang)}{d.chars}", ""]
    if d.sha256:
        out.insert(-1, f"- SHA-256{colon(lang)}`{d.sha256}`")
    if is_app(report):
        out += _app(report, w, h)
    out += _practices(report, w, h)
    out += [f"{h}# {w['findings']}", ""]
    listed = listed_findings(report)
    if not listed:
        out += [w["no_unfair"] if len(listed) < len(report.findings) else w["no_findings"], ""]
    explained: set[str] = set()
    quote_of = Quoter(report.text)
    for severity, findings in by_severity(listed):
        out += [f"{h}## {w['severities'][severity]} ({len(findings)})", ""]
        for f in findings:
            out += [f"{h}### {escape(f.title or f.id)} (`{f.id}`)", "",
                    f"*{w['severity']}{colon(lang)}{w['severity_word'].get(f.severity, f.severity)} · "
                    f"{w['confidence']} {decimal(f.confidence, lang)}*", ""]
            if f.missing:
                out += [f"> {w['missing']}", ""]
            elif is_app(report):
                origin = origin_line(f, lang)
                out += [f"> {escape(f.text)}" + (f" ({escape(origin)})" if origin else ""), ""]
            else:
                pieces, repeated = quote_of(f)
                quote = "".join(_strong(p.text) if p.decisive else escape(p.text) for p in pieces)
                out += [f"> {quote.strip()}" + (f" *{w['quoted_above']}*" if repeated else ""), ""]
            if f.severity_reason:
                out += [f"*{w['lowered']}{colon(lang)}{escape(f.severity_reason)}*", ""]
            if f.id in explained:
                out += [f"*{w['see_above']}*", ""]
            else:
                explained.add(f.id)
                out += [f"**{w['why']}**{colon(lang)}{escape(f.explanation)}", ""]
                if f.law:
                    out += [f"**{w['law']}**{colon(lang)}" + "; ".join(
                        f"[{escape(names)}]({url})" if url else escape(names) for names, url in law_groups(f.law)),
                        ""]
                out += [f"**{w['advice']}**{colon(lang)}{_advice(f.advice)}", ""]
            out += [f"<sub>{w['detectors']}{colon(lang)}{escape(', '.join(detectors_of(f)))}</sub>", ""]
    if report.warnings:
        out += [f"{h}# {w['warnings']}", ""] + [f"- {escape(x)}" for x in report.warnings] + [""]
    if report.detectors:
        out += [f"<sub>{w['ran']}{colon(lang)}{escape(', '.join(report.detectors))}</sub>", ""]
    out += [f"*{' '.join(w['disclaimer'].split())}*", ""]
    return out


def _strong(text: str) -> str:
    # "**" must touch the words it wraps: keep the surrounding spaces outside
    core = text.strip()
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{escape(lead)}**{escape(core)}**{escape(trail)}" if core else escape(text)


def _advice(advice: str) -> str:
    # keep `fineprint letter ...` as code spans; escape the prose around them
    parts = re.split(r"(`[^`]+`)", advice)
    return "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1 else escape(p) for p in parts)


def _practices(report: Report, w: dict, h: str) -> list[str]:
    """"What this policy says about your data": per topic a few quotes with their line, or what was not found."""
    found = topics(report)
    if not found:
        return []
    lang = report.language
    words = w["practices"]
    out = [f"{h}# {section_title(report)}", "", f"*{escape(' '.join(words['intro'].split()))}*", ""]
    for topic in found:
        count = f" ({count_phrase(len(topic.passages), lang)})" if topic.passages else ""
        out += [f"{h}## {escape(topic.heading)}{count}", ""]
        for passage in topic.shown():
            where = location(passage, lang)
            out.append(f"- {escape(quoted(passage.quote, lang))}" + (f" — *{escape(where)}*" if where else ""))
        if topic.more():
            out.append(f"- *{escape(words['more'].format(n=topic.more()))}*")
        if topic.passages:
            out.append("")
        if topic.absent:
            out += [f"*{escape(topic.absent)}*", ""]
        if topic.action:
            out += [_advice(topic.action), ""]
    return out


def _app(report: Report, w: dict, h: str) -> list[str]:
    app = report.app
    lang = report.language
    out = [f"{h}# {w['app']}", "", f"- {w['package']}{colon(lang)}{escape(app.package)}",
           f"- {w['version']}{colon(lang)}{escape(app.version or '?')}",
           f"- {w['sdk']}{colon(lang)}{app.min_sdk if app.min_sdk is not None else '?'} / "
           f"{app.target_sdk if app.target_sdk is not None else '?'}", ""]
    if app.reach:
        out += [f"{h}## {w['reach_title']}", "", f"| {w['reach_what']} | {w['evidence']} | {w['reach_origin']} |",
                "|---|---|---|"]
        out += [f"| {_cell(r.get('what', ''))} | {_cell(r.get('evidence', ''))} | {_cell(reach_origin(r, lang))} |"
                for r in app.reach]
        out.append("")
    out += [f"{h}## {w['trackers']}", ""]
    if app.trackers:
        out += [f"| {w['tracker_name']} | {w['tracker_categories']} |", "|---|---|"]
        out += [f"| {_cell(t.name)} | {_cell(tracker_categories(t.categories, lang))} |" for t in app.trackers]
        out.append("")
        if uses_exodus(report):
            out += [f"*{w['exodus_attribution']}*", ""]
    else:
        out += [w["no_trackers"], ""]
    if app.not_analysed:
        out += [f"**{w['not_analysed']}**", ""] + [f"- {escape(x)}" for x in app.not_analysed] + [""]
    return out


def render(report: Report, color: bool = False) -> str:
    return "\n".join(_report(report)).rstrip() + "\n"


def render_many(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = (), color: bool = False) -> str:
    lang = reports[0].language if reports else "en"
    w = labels(lang)
    out = [f"# {w['batch_title']}", ""]
    for report in reports:
        out += _report(report, level=2)
    if failures:
        out += [f"## {w['failures']}", ""] + [f"- `{escape(s)}`{colon(lang)}{escape(m)}" for s, m in failures] + [""]
    return "\n".join(out).rstrip() + "\n"
