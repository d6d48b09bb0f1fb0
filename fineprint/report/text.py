"""Terminal report (rich), in the order every format follows: the summary (verdict, headline, the few things that
matter most with a short excerpt each, counts by severity and family), the app and privacy-practice sections, the
details grouped by finding id under severity headings (why it matters, the law and what to do ONCE per id, then each
clause with its line in the file and the decisive words), then where in the document the flagged clauses are.
Without colour the decisive words are marked [[like this]] so they stand out in a plain file too. Readable from 80
columns (``width``); URLs sit on their own line and are never cut."""
from __future__ import annotations

import io
from typing import Sequence

from ..law import colon
from ..model import Report
from .common import (reader_line, suggested_line, authority_line, consumer_help_line, document_law_line, Quoter, after_label, count_words, similar_note, less_certain, detectors_of, is_app, labels, decimal, origin_line, quoted, reach_origin,
                     tracker_categories, typography, typography_same_length, uses_exodus)
from .sections import accusing_counts, item_suffix, layout
from .practices import count_phrase, listed_findings, location, section_title, topics

WIDTH = 100
SEVERITY_STYLE = {"high": "bold red", "medium": "bold yellow", "low": "bold cyan", "info": "bold blue"}
LEVEL_STYLE = {"serious": "bold red", "concerns": "bold yellow", "minor": "bold cyan", "clear": "bold green"}
TOP_QUOTE_CHARS = 160


def _console(color: bool, width: int | None = None):
    from rich.console import Console

    if width is None and color:
        # on a terminal: its width, within what stays readable
        import shutil

        width = max(60, min(shutil.get_terminal_size((WIDTH, 24)).columns, 120))
    return Console(file=io.StringIO(), force_terminal=color, color_system="standard" if color else None,
                   width=width or WIDTH, no_color=not color, highlight=False, emoji=False, soft_wrap=False)


# rich wraps at any Unicode space, no-break ones included: while rendering they are private-use characters (one
# cell wide, not spaces), put back by _tidy
_HOLD = {"\u00a0": "\ue000", "\u202f": "\ue001"}
_HOLD_TABLE = str.maketrans(_HOLD)
_RELEASE_TABLE = str.maketrans({v: k for k, v in _HOLD.items()})


class _Out:
    """Prints to the console with the report language's typography (French no-break spaces before : ; ! ? » and
    after «, so that a wrapped line never starts with a colon)."""

    def __init__(self, console, lang: str) -> None:
        self.console, self.lang = console, lang

    def __call__(self, *items, **kwargs) -> None:
        self.console.print(*(self._typo(i) for i in items), **kwargs)

    def _typo(self, item):
        from rich.padding import Padding
        from rich.text import Text

        if isinstance(item, Text):
            item.plain = typography_same_length(item.plain, self.lang).translate(_HOLD_TABLE)
        elif isinstance(item, Padding):
            item.renderable = self._typo(item.renderable)
        elif isinstance(item, str):
            item = typography(item, self.lang).translate(_HOLD_TABLE)
        elif hasattr(item, "columns"):  # a grid (_hanging): its cells
            for column in item.columns:
                column._cells = [self._typo(cell) for cell in column._cells]
        return item

    def rule(self, *args, **kwargs) -> None:
        self.console.rule(*(self._typo(a) for a in args), **kwargs)


def _write(console, report: Report, color: bool) -> None:
    from rich.text import Text

    lang = report.language
    w = labels(lang)
    d = report.document
    out = _Out(console, lang)
    lay = layout(report)
    s = lay.summary
    app = is_app(report)
    kind = w["kinds"].get(d.kind, d.kind)
    out(Text(f"fineprint — {d.source}", style="bold"), Text(f" ({kind}, {d.language})", style="dim"))
    out(Text(s.verdict, style=LEVEL_STYLE.get(s.level, "bold")))
    out(Text(report.summary.headline))
    if reader := reader_line(report, w):  # whose law explains the findings, under the headline
        out(Text(f"{w['reader']}{colon(lang)}{reader.replace('`', '')}", style="dim"))
    if suggested := suggested_line(report, w):  # the readers the document says it is written for, beside the default
        out(Text(f"{w['suggested']}{colon(lang)}{suggested.replace('`', '')}", style="dim"))
    if authority := authority_line(report):
        out(Text(f"{w['authority']}{colon(lang)}{authority}", style="dim"))
    if helped := consumer_help_line(report):
        out(Text(f"{w['consumer_help']}{colon(lang)}{helped}", style="dim"))
    if chosen := document_law_line(report):
        out(Text(f"{w['document_law']}{colon(lang)}{chosen}", style="dim"))
    out()
    rule_char = "─" if color else "-"
    if s.top:
        out.rule(Text(w["top"], style="bold"), align="left", characters=rule_char)
        for n, p in enumerate(s.top, 1):
            head = Text()
            head.append(w["severities"][p.severity], style=SEVERITY_STYLE.get(p.severity, "bold"))
            head.append(" · ")
            head.append(p.title, style="bold")
            where = [count_words(p.count, w, app)] + ([w["at_line"].format(line=p.line)] if p.line else [])
            head.append(f" — {', '.join(where)}", style="dim")
            out(_hanging(head, 0, f"{n}. "))
            if p.pieces and app:
                out(_indented(Text(p.excerpt, style="italic"), 3))
            elif p.pieces:
                out(_indented(_quote(p.pieces, w, color), 3))
    if s.help:  # the mediator the document names: where a reader who disputes a term can go
        out(Text(f"{w['help']['one']}{colon(lang)}", style="bold"))
        for h in s.help:
            where = f"{w['at_line'].format(line=h.line)}{colon(lang)}" if h.line else ""
            out(_indented(Text(f"{where}{quoted(h.excerpt, lang)}"), 2))
    if s.exits:  # the opt-out window and the small-claims court the document offers
        out(Text(f"{w['exits']}{colon(lang)}", style="bold"))
        for h in s.exits:
            where = f", {w['at_line'].format(line=h.line)}" if h.line else ""
            out(_indented(Text(f"{w['exit_kinds'][h.kind]}{where}{colon(lang)}{quoted(h.excerpt, lang)}"), 2))
    _counts(out, s, lay.families, w, lang, app)
    out()

    if is_app(report):
        _app_section(out, report, w)
    _practices_section(out, report, w, color)

    listed = listed_findings(report)
    if not listed:
        out(w["no_unfair"] if len(listed) < len(report.findings) else w["no_findings"])
        out()
    else:
        out.rule(Text(w["details"], style="bold"), align="left", characters="═" if color else "=")
        out()
    quote = Quoter(report.text)
    for severity, groups in lay.details:
        count = lay.count_label(severity, groups, w["severities"], w, app)
        out.rule(Text(f"{w['severities'][severity]} ({count})", style=SEVERITY_STYLE[severity]),
                 align="left", characters=rule_char)
        for g in groups:
            head = Text()
            head.append(g.title, style="bold")
            head.append(f"  [{g.id}]  {count_words(g.n_clauses, w, app)}", style="dim")
            out(_hanging(head, 0, Text("● " if color else "* ", style=SEVERITY_STYLE[severity])))
            _field(out, w["why"], g.explanation, lang)
            if g.law:
                out(_indented(Text(f"{w['law']}{colon(lang)}", style="bold")))
                for names, url in g.law:
                    # one reference per line, the URL on its own line, never wrapped: it stays clickable and copyable
                    out(_indented(Text(f"- {names}"), 4))
                    if url:
                        out(f"      <{url}>", soft_wrap=True, markup=False)
            _field(out, w["advice"], g.advice, lang)
            out(_indented(Text(f"{w['evidence' if app else 'where']}{colon(lang)}", style="bold")))
            detectors: dict[str, None] = {}
            for c in g.clauses:
                f = report.findings[c.finding]
                detectors.update(dict.fromkeys(detectors_of(f)))
                line = Text()
                if c.line:
                    line.append(w["at_line"].format(line=c.line), style="bold")
                    line.append(" ")
                line.append(f"({w['confidence']} {decimal(c.confidence, lang)})", style="dim")
                if c.severity != g.severity:
                    line.append(f" {w['severities'][c.severity]}", style=SEVERITY_STYLE.get(c.severity, ""))
                if f.missing:
                    line.append(f"{colon(lang)}")
                    line.append(w["missing"], style="italic")
                elif is_app(report):
                    origin = origin_line(f, lang)
                    line.append(f"{colon(lang)}{f.text}" + (f" ({origin})" if origin else ""), style="italic")
                else:
                    pieces, repeated = quote(f)
                    line.append(colon(lang))
                    line.append_text(_quote(pieces, w, color))
                    if repeated:
                        line.append(f" {w['quoted_above']}", style="dim")
                out(_hanging(line, 4))
                if note := similar_note(c.similar, w, lang):
                    out(_hanging(Text(note, style="dim"), 6, ""))
                if c.severity_reason:
                    out(_indented(Text(f"{w['lowered']}{colon(lang)}{c.severity_reason}", style="dim"), 6))
            out(_indented(Text(f"{w['detectors']}{colon(lang)}{', '.join(detectors)}", style="dim")))
            out()

    _less_certain_section(out, report, w, color, rule_char)

    if lay.outline and not is_app(report):
        out.rule(Text(w["outline"], style="bold"), align="left", characters=rule_char)
        out(Text(w["outline_intro"], style="dim"))
        for place in lay.outline:
            line = Text()
            line.append(w["at_line"].format(line=place.line) if place.exact
                        else w["in_text_line"].format(line=place.line), style="bold")
            if place.heading:
                line.append(f" · {_short(place.heading)}", style="bold")
            line.append(colon(lang))
            line.append(", ".join(item[0] + item_suffix(place, item, w) for item in place.items))
            out(_hanging(line, 2))
        out()

    if report.warnings:
        out(Text(w["warnings"], style="bold"))
        for warning in report.warnings:
            out(Text(f"  - {warning}"))
        out()
    if report.detectors:
        out(Text(f"{w['ran']}{colon(lang)}{', '.join(report.detectors)}", style="dim"))
    out(Text(" ".join(w["disclaimer"].split()), style="dim"))


def _less_certain_section(out, report: Report, w: dict, color: bool, rule_char: str) -> None:
    """Findings below the reporting floor: title, confidence, line and a short excerpt, after the counted ones."""
    from rich.text import Text

    items = less_certain(report)
    if not items:
        return
    lang = report.language
    out.rule(Text(w["less_certain"], style="bold"), align="left", characters=rule_char)
    out(Text(" ".join(w["less_certain_intro"].split()), style="dim"))
    for item in items:
        head = Text()
        head.append(item.title, style="bold")
        head.append(f"  [{item.id}]  ({w['confidence']} {item.confidence})", style="dim")
        if item.line:
            head.append(" " + (w["at_line"] if item.exact else w["in_text_line"]).format(line=item.line), style="dim")
        out(_hanging(head, 0, "- "))
        if item.pieces:
            out(_indented(_quote(item.pieces, w, color), 4))
    out()


def _short(heading: str, limit: int = 70) -> str:
    heading = " ".join(heading.split())
    return heading if len(heading) <= limit else heading[:limit - 1].rstrip() + "…"



def _quote(pieces, w: dict, color: bool):
    from rich.text import Text

    opening, closing = w["quotes"]
    clause = Text(opening)
    for piece in pieces:
        if piece.decisive:
            clause.append(piece.text if color else f"[[{piece.text}]]", style="bold underline")
        else:
            clause.append(piece.text)
    clause.append(closing)
    return clause


def _counts(out, s, families: dict[str, int], w: dict, lang: str, app: bool = False) -> None:
    """"Counts: High 4 · Medium 3 — Your data and your image 6 · Potentially unfair terms 1"."""
    from rich.text import Text

    if not s.counts.total or not (accusing_counts(s) or any(fam != "practice" for fam in families)):
        return
    line = Text(f"{w['counts']}{colon(lang)}", style="bold")
    problems = accusing_counts(s)
    if problems:  # "11 problems (High 1 · Medium 9 · Low 1)": the verdict's and the headings' unit
        forms = w["problems_count_app" if app else "problems_count"]
        total = sum(problems.values())
        line.append(f"{forms['one'] if total == 1 else forms['many'].format(n=total)} (")
    for i, (sev, n) in enumerate(problems.items()):
        line.append(" · " if i else "")
        line.append(f"{w['severities'][sev]} {n}", style=SEVERITY_STYLE.get(sev, ""))
    shown = [fam for fam in families if fam != "practice"]
    line.append((") — " if shown else ")") if problems else "")
    # problems by family; the practice passages are counted in their own section
    line.append(" · ".join(f"{w['family_names'].get(fam, fam)} {n}" for fam, n in families.items() if fam != "practice"))
    out(line)


def _field(out, label: str, value: str, lang: str) -> None:
    from rich.text import Text

    if not value:
        return
    line = Text()
    line.append(f"{label}{colon(lang)}", style="bold")
    line.append(after_label(value, lang))
    out(_indented(line))


def _hanging(text, left: int = 2, marker="- "):
    """``marker`` then ``text``, its wrapped lines aligned under its first word (a hanging indent)."""
    from rich.table import Table
    from rich.text import Text

    marker = marker if isinstance(marker, Text) else Text(marker)
    grid = Table.grid(padding=0)
    grid.add_column(width=left + len(marker.plain), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(" " * left).append_text(marker), text)
    return grid


def _indented(renderable, left: int = 2):
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, left))


def _app_section(console, report: Report, w: dict) -> None:  # console: an _Out
    from rich.table import Table
    from rich.text import Text

    app = report.app
    sdk = f"{app.min_sdk if app.min_sdk is not None else '?'} / {app.target_sdk if app.target_sdk is not None else '?'}"
    c = colon(report.language)
    console(Text(f"{w['package']}{c}{app.package}   {w['version']}{c}{app.version or '?'}   {w['sdk']}{c}{sdk}"))
    if app.reach:
        table = Table(title=w["reach_title"], title_justify="left", show_lines=False, expand=True)
        table.add_column(w["reach_what"], ratio=5)
        table.add_column(w["evidence"], ratio=3)
        table.add_column(w["reach_origin"], ratio=2)
        for row in app.reach:
            table.add_row(Text(str(row.get("what", ""))), Text(str(row.get("evidence", ""))),
                          Text(reach_origin(row, report.language)))
        console(table)
    if app.trackers:
        table = Table(title=w["trackers"], title_justify="left", expand=True)
        table.add_column(w["tracker_name"])
        table.add_column(w["tracker_categories"])
        for t in app.trackers:
            table.add_row(Text(t.name), Text(tracker_categories(t.categories, report.language)))
        console(table)
        if uses_exodus(report):
            console(Text(w["exodus_attribution"], style="dim"))
    else:
        console(Text(w["no_trackers"]))
    for item in app.not_analysed:
        console(Text(f"{w['not_analysed']}{c}{item}", style="dim"))
    console()


def _practices_section(console, report: Report, w: dict, color: bool) -> None:  # console: an _Out
    """"What this policy says about your data": per topic, a few short quotes with their line, or what is missing."""
    from rich.text import Text

    found = topics(report)
    if not found:
        return
    lang = report.language
    words = w["practices"]
    console.rule(Text(section_title(report), style="bold"), align="left", characters="─" if color else "-")
    console(Text(" ".join(words["intro"].split()), style="dim"))
    for topic in found:
        console()
        head = Text(topic.heading, style="bold")
        if topic.passages:
            head.append(f" — {count_phrase(len(topic.passages), lang)}", style="dim")
        console(head)
        for passage in topic.shown():
            line = Text(quoted(passage.quote, lang))
            if where := location(passage, lang):
                line.append(f" ({where})", style="dim")
            console(_bullet(line))
        if topic.more():
            console(_indented(Text(words["more"].format(n=topic.more()), style="dim")))
        if topic.absent:
            console(_indented(Text(topic.absent, style="italic")))
        if topic.action:
            console(_indented(Text(topic.action, style="dim")))
    console()


def _bullet(text):
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text("- ").append_text(text), (0, 0, 0, 2))


def render(report: Report, color: bool = False, width: int | None = None) -> str:
    """The terminal report, ``width`` columns wide (default WIDTH; readable from 80 up)."""
    console = _console(color, width)
    _write(console, report, color)
    return _tidy(console.file.getvalue(), color)


def _tidy(out: str, color: bool) -> str:
    out = out.translate(_RELEASE_TABLE)
    # rich pads wrapped lines with spaces; a plain-text report should not carry them
    return out if color else "\n".join(line.rstrip() for line in out.split("\n"))


def render_many(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = (), color: bool = False,
                width: int | None = None) -> str:
    console = _console(color, width)
    for i, report in enumerate(reports):
        if i:
            console.print()
            console.rule(characters="═" if color else "=")
        _write(console, report, color)
    if failures:
        from rich.text import Text

        lang = reports[0].language if reports else "en"
        console.print()
        console.print(Text(labels(lang)["failures"], style="bold red"))
        for source, message in failures:
            console.print(Text(f"  - {source}: {message}"))
    return _tidy(console.file.getvalue(), color)
