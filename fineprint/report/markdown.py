"""Markdown report: the same content and order as the terminal report (summary, details by finding id, where in the
document), for issues, wikis and e-mails. Document text is
escaped so that a clause can never inject markup or HTML into the page that shows the report."""
from __future__ import annotations

import re
from typing import Sequence

from ..law import colon
from ..model import Report
from .common import (Quoter, reader_line, suggested_line, authority_line, consumer_help_line, document_law_line, after_label, count_words, similar_note, less_certain, detectors_of, is_app, labels, decimal, origin_line, quoted, reach_origin,
                     tracker_categories, typography, uses_exodus)
from .sections import accusing_counts, item_suffix, layout
from .practices import count_phrase, listed_findings, location, section_title, topics

_MD_SPECIAL = re.compile(r"([\\`*_\[\]~])")


_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape(text: str) -> str:
    """Text shown literally in Markdown: "<" as an entity (no tag can open, so no HTML gets in), an ``&``
    only where it would start an entity, Markdown punctuation backslash-escaped. Quotation marks and a plain "&" stay
    as they are: the report is read as plain text too, where "&quot;Worth checking&quot;", "AT&amp;T" and "Settings
    &gt; Apps" leaked (session 40)."""
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    if text.lstrip().startswith(">"):  # a blockquote; elsewhere ">" opens nothing ("Settings > Apps")
        text = text.replace(">", "&gt;", 1)
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _cell(text: str) -> str:
    return escape(str(text)).replace("|", "\\|")


def _report(report: Report, level: int = 1) -> list[str]:
    lang = report.language
    w = labels(lang)
    d = report.document
    h = "#" * level
    lay = layout(report)
    s = lay.summary
    app = is_app(report)
    out = [f"{h} {w['report_title']}{colon(lang)}{escape(d.source)}", "",
           f"**{escape(s.verdict)}**", "", escape(report.summary.headline), "",
           f"- {w['kind']}{colon(lang)}{w['kinds'].get(d.kind, d.kind)}",
           f"- {w['language']}{colon(lang)}{escape(d.language)}",
           f"- {w['chars']}{colon(lang)}{d.chars}", ""]
    if reader := reader_line(report, w):
        out.insert(-1, f"- {w['reader']}{colon(lang)}{escape(reader).replace(chr(92) + '`', '`')}")
    if suggested := suggested_line(report, w):
        out.insert(-1, f"- {w['suggested']}{colon(lang)}{escape(suggested).replace(chr(92) + '`', '`')}")
    if authority := authority_line(report):
        out.insert(-1, f"- {w['authority']}{colon(lang)}{escape(authority)}")
    if helped := consumer_help_line(report):
        out.insert(-1, f"- {w['consumer_help']}{colon(lang)}{escape(helped)}")
    if chosen := document_law_line(report):
        out.insert(-1, f"- {w['document_law']}{colon(lang)}{escape(chosen)}")
    if d.sha256:
        out.insert(-1, f"- SHA-256{colon(lang)}`{d.sha256}`")
    if s.top:
        out += [f"{h}# {w['top']}", ""]
        for n, p in enumerate(s.top, 1):
            where = [count_words(p.count, w, app)] + ([w["at_line"].format(line=p.line)] if p.line else [])
            # two trailing spaces: a line break inside the list item, the excerpt under its title
            out.append(f"{n}. **{w['severities'][p.severity]}** · **{escape(p.title)}** — {', '.join(where)}"
                       + ("  " if p.pieces else ""))
            if p.pieces:
                quote = escape(p.excerpt) if app else _quote(p.pieces, w)
                out.append(f"   {quote}")
        out.append("")
    if s.help:  # the mediator the document names: where a reader who disputes a term can go
        out.append(f"**{w['help']['one']}**{colon(lang)}")
        out += [f"- {w['at_line'].format(line=h.line)}{colon(lang)}{quoted(escape(h.excerpt), lang)}" if h.line
                else f"- {quoted(escape(h.excerpt), lang)}" for h in s.help]
        out.append("")
    if s.exits:  # the opt-out window and the small-claims court the document offers
        out.append(f"**{w['exits']}**{colon(lang)}")
        out += [f"- {w['exit_kinds'][h.kind]}"
                + (f", {w['at_line'].format(line=h.line)}" if h.line else "") + f"{colon(lang)}{quoted(escape(h.excerpt), lang)}"
                for h in s.exits]
        out.append("")
    if s.counts.total:
        problems = accusing_counts(s)
        severities = " · ".join(f"{w['severities'][sev]} {n}" for sev, n in problems.items())
        if severities:  # "11 problems (High 1 · Medium 9 · Low 1)": the verdict's and the headings' unit
            forms = w["problems_count_app" if app else "problems_count"]
            total = sum(problems.values())
            severities = f"{forms['one'] if total == 1 else forms['many'].format(n=total)} ({severities})"
        # problems by family; the practice passages are counted in their own section
        families = " · ".join(f"{w['family_names'].get(f, f)} {n}" for f, n in lay.families.items() if f != "practice")
        if severities or families:
            out += [f"**{w['counts']}**{colon(lang)}{severities}" + (" — " if severities and families else "")
                    + families, ""]
    if app:
        out += _app(report, w, h)
    out += _practices(report, w, h)
    out += [f"{h}# {w['details']}", ""]
    listed = listed_findings(report)
    if not listed:
        out += [w["no_unfair"] if len(listed) < len(report.findings) else w["no_findings"], ""]
    quote_of = Quoter(report.text)
    for severity, groups in lay.details:
        count = lay.count_label(severity, groups, w["severities"], w, app)
        out += [f"{h}## {w['severities'][severity]} ({count})", ""]
        for g in groups:
            out += [f"{h}### {escape(g.title)} (`{g.id}`) — {count_words(g.n_clauses, w, app)}", ""]
            if g.explanation:
                out += [f"**{w['why']}**{colon(lang)}{escape(after_label(g.explanation, lang))}", ""]
            if g.law:
                out += [f"**{w['law']}**{colon(lang)}" + (" ; " if lang == "fr" else "; ").join(
                    f"[{escape(names)}]({url})" if url else escape(names) for names, url in g.law), ""]
            if g.advice:
                out += [f"**{w['advice']}**{colon(lang)}{_advice(after_label(g.advice, lang))}", ""]
            out += [f"**{w['evidence' if app else 'where']}**{colon(lang).rstrip()}", ""]
            detectors: dict[str, None] = {}
            for c in g.clauses:
                f = report.findings[c.finding]
                detectors.update(dict.fromkeys(detectors_of(f)))
                head = (f"{w['at_line'].format(line=c.line)} " if c.line else "") + \
                    f"({w['confidence']} {decimal(c.confidence, lang)})"
                if c.severity != g.severity:
                    head += f" *{w['severities'][c.severity]}*"
                if f.missing:
                    body = f"*{w['missing']}*"
                elif app:
                    origin = origin_line(f, lang)
                    body = escape(f.text) + (f" ({escape(origin)})" if origin else "")
                else:
                    pieces, repeated = quote_of(f)
                    body = _quote(pieces, w) + (f" *{w['quoted_above']}*" if repeated else "")
                out.append(f"- {head}{colon(lang)}{body}")
                if note := similar_note(c.similar, w, lang):
                    out.append(f"  *{escape(note)}*")
                if c.severity_reason:
                    out.append(f"  *{w['lowered']}{colon(lang)}{escape(c.severity_reason)}*")
            out += ["", f"<sub>{w['detectors']}{colon(lang)}{escape(', '.join(detectors))}</sub>", ""]
    if items := less_certain(report):
        out += [f"{h}# {w['less_certain']}", "", " ".join(w["less_certain_intro"].split()), ""]
        for item in items:
            where = ((w["at_line"] if item.exact else w["in_text_line"]).format(line=item.line) + ", ") if item.line else ""
            quote = f"{colon(lang)}{_quote(item.pieces, w)}" if item.pieces else ""
            out.append(f"- **{escape(item.title)}** `{item.id}` ({where}{w['confidence']} {item.confidence}){quote}")
        out.append("")
    if lay.outline and not app:
        out += [f"{h}# {w['outline']}", "", w["outline_intro"], ""]
        for place in lay.outline:
            where = (w["at_line"] if place.exact else w["in_text_line"]).format(line=place.line)
            heading = f" · {escape(place.heading)}" if place.heading else ""
            items = ", ".join(escape(item[0]) + item_suffix(place, item, w) for item in place.items)
            out.append(f"- **{where}{heading}**{colon(lang)}{items}")
        out.append("")
    if report.warnings:
        out += [f"{h}# {w['warnings']}", ""] + [f"- {escape(x)}" for x in report.warnings] + [""]
    if report.detectors:
        out += [f"<sub>{w['ran']}{colon(lang)}{escape(', '.join(report.detectors))}</sub>", ""]
    out += [f"*{' '.join(w['disclaimer'].split())}*", ""]
    return [typography(line, lang) for line in out]



def _quote(pieces, w: dict) -> str:
    opening, closing = w["quotes"]
    return opening + "".join(_strong(p.text) if p.decisive else escape(p.text) for p in pieces).strip() + closing


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
