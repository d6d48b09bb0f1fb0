"""Terminal report (rich): headline first, findings grouped by severity, each with its clause and the decisive words
highlighted, why it matters, the law and what the user can do. Without colour the decisive words are marked
[[like this]] so they stand out in a plain file too."""
from __future__ import annotations

import io
from typing import Sequence

from ..law import colon
from ..model import Report
from .common import (Quoter, by_severity, detectors_of, is_app, labels, law_groups, decimal, origin_line,
                     quoted, reach_origin, tracker_categories, uses_exodus)
from .practices import count_phrase, listed_findings, location, section_title, topics

WIDTH = 100
SEVERITY_STYLE = {"high": "bold red", "medium": "bold yellow", "low": "bold cyan", "info": "bold blue"}


def _console(color: bool):
    from rich.console import Console

    return Console(file=io.StringIO(), force_terminal=color, color_system="standard" if color else None,
                   width=WIDTH, no_color=not color, highlight=False, emoji=False, soft_wrap=False)


def _write(console, report: Report, color: bool) -> None:
    from rich.text import Text

    lang = report.language
    w = labels(lang)
    d = report.document
    kind = w["kinds"].get(d.kind, d.kind)
    console.print(Text(f"fineprint — {d.source}", style="bold"), Text(f" ({kind}, {d.language})", style="dim"))
    console.print(Text(report.summary.headline, style="bold"))
    console.print()

    if is_app(report):
        _app_section(console, report, w)
    _practices_section(console, report, w, color)

    listed = listed_findings(report)
    if not listed:
        console.print(w["no_unfair"] if len(listed) < len(report.findings) else w["no_findings"])
        console.print()
    explained: set[str] = set()
    quote = Quoter(report.text)
    for severity, findings in by_severity(listed):
        console.rule(Text(f"{w['severities'][severity]} ({len(findings)})", style=SEVERITY_STYLE[severity]),
                     align="left", characters="─" if color else "-")
        for f in findings:
            head = Text()
            head.append("● " if color else "* ", style=SEVERITY_STYLE[severity])
            head.append(f.title or f.id, style="bold")
            head.append(f"  [{f.id}]  {w['confidence']} {decimal(f.confidence, lang)}", style="dim")
            console.print(head)
            if f.missing:
                console.print(_indented(Text(w["missing"], style="italic")))
            elif is_app(report):
                line = f.text + (f" ({origin})" if (origin := origin_line(f, lang)) else "")
                console.print(_indented(Text(f"{w['evidence']}{colon(lang)}{line}", style="italic")))
            else:
                opening, closing = w["quotes"]
                clause = Text(opening)
                pieces, repeated = quote(f)
                for piece in pieces:
                    if piece.decisive:
                        clause.append(piece.text if color else f"[[{piece.text}]]", style="bold underline")
                    else:
                        clause.append(piece.text)
                clause.append(closing)
                if repeated:
                    clause.append(f" {w['quoted_above']}", style="dim")
                console.print(_indented(clause))
            if f.severity_reason:
                console.print(_indented(Text(f"{w['lowered']}{colon(lang)}{f.severity_reason}", style="dim")))
            if f.id in explained:
                # the same id was explained above: repeating three paragraphs per tracker buries the evidence
                console.print(_indented(Text(w["see_above"], style="dim")))
            else:
                explained.add(f.id)
                _field(console, w["why"], f.explanation, lang)
                if f.law:
                    console.print(_indented(Text(f"{w['law']}{colon(lang)}", style="bold")))
                    for names, url in law_groups(f.law):
                        # one reference per line, never wrapped, so that URLs stay clickable and copyable
                        console.print(f"    - {names}" + (f" <{url}>" if url else ""), soft_wrap=True, markup=False)
                _field(console, w["advice"], f.advice, lang)
            console.print(_indented(Text(f"{w['detectors']}{colon(lang)}{', '.join(detectors_of(f))}",
                                         style="dim")))
            console.print()

    if report.warnings:
        console.print(Text(w["warnings"], style="bold"))
        for warning in report.warnings:
            console.print(Text(f"  - {warning}"))
        console.print()
    if report.detectors:
        console.print(Text(f"{w['ran']}{colon(lang)}{', '.join(report.detectors)}", style="dim"))
    console.print(Text(" ".join(w["disclaimer"].split()), style="dim"))


def _field(console, label: str, value: str, lang: str) -> None:
    from rich.text import Text

    if not value:
        return
    line = Text()
    line.append(f"{label}{colon(lang)}", style="bold")
    line.append(value)
    console.print(_indented(line))


def _indented(renderable):
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 2))


def _app_section(console, report: Report, w: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    app = report.app
    sdk = f"{app.min_sdk if app.min_sdk is not None else '?'} / {app.target_sdk if app.target_sdk is not None else '?'}"
    c = colon(report.language)
    console.print(Text(f"{w['package']}{c}{app.package}   {w['version']}{c}{app.version or '?'}   {w['sdk']}{c}{sdk}"))
    if app.reach:
        table = Table(title=w["reach_title"], title_justify="left", show_lines=False, expand=True)
        table.add_column(w["reach_what"], ratio=5)
        table.add_column(w["evidence"], ratio=3)
        table.add_column(w["reach_origin"], ratio=2)
        for row in app.reach:
            table.add_row(Text(str(row.get("what", ""))), Text(str(row.get("evidence", ""))),
                          Text(reach_origin(row, report.language)))
        console.print(table)
    if app.trackers:
        table = Table(title=w["trackers"], title_justify="left", expand=True)
        table.add_column(w["tracker_name"])
        table.add_column(w["tracker_categories"])
        for t in app.trackers:
            table.add_row(Text(t.name), Text(tracker_categories(t.categories, report.language)))
        console.print(table)
        if uses_exodus(report):
            console.print(Text(w["exodus_attribution"], style="dim"))
    else:
        console.print(Text(w["no_trackers"]))
    for item in app.not_analysed:
        console.print(Text(f"{w['not_analysed']}{c}{item}", style="dim"))
    console.print()


def _practices_section(console, report: Report, w: dict, color: bool) -> None:
    """"What this policy says about your data": per topic, a few short quotes with their line, or what is missing."""
    from rich.text import Text

    found = topics(report)
    if not found:
        return
    lang = report.language
    words = w["practices"]
    console.rule(Text(section_title(report), style="bold"), align="left", characters="─" if color else "-")
    console.print(Text(" ".join(words["intro"].split()), style="dim"))
    for topic in found:
        console.print()
        head = Text(topic.heading, style="bold")
        if topic.passages:
            head.append(f" — {count_phrase(len(topic.passages), lang)}", style="dim")
        console.print(head)
        for passage in topic.shown():
            line = Text(quoted(passage.quote, lang))
            if where := location(passage, lang):
                line.append(f" ({where})", style="dim")
            console.print(_bullet(line))
        if topic.more():
            console.print(_indented(Text(words["more"].format(n=topic.more()), style="dim")))
        if topic.absent:
            console.print(_indented(Text(topic.absent, style="italic")))
        if topic.action:
            console.print(_indented(Text(topic.action, style="dim")))
    console.print()


def _bullet(text):
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text("- ").append_text(text), (0, 0, 0, 2))


def render(report: Report, color: bool = False) -> str:
    console = _console(color)
    _write(console, report, color)
    return _tidy(console.file.getvalue(), color)


def _tidy(out: str, color: bool) -> str:
    # rich pads wrapped lines with spaces; a plain-text report should not carry them
    return out if color else "\n".join(line.rstrip() for line in out.split("\n"))


def render_many(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = (), color: bool = False) -> str:
    console = _console(color)
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
