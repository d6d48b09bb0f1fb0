"""Read a ``fineprint.report/1`` JSON report and pick the clauses a letter should quote.

Only the keys a letter needs are read (``schema``, ``document``, ``findings[].id/text/span``), so a report written by
an older or newer fineprint 0.x still works; anything that is not such a report is an InputError (one line, exit 2).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import (CorruptInputError, EmptyInputError, InputError, InputTooLargeError, UnsupportedInputError,
                      UsageError)
from .compose import Quote, rights_table

REPORT_SCHEMA = "fineprint.report/1"
BATCH_SCHEMA = "fineprint.batch/1"
MAX_REPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReportFindings:
    """What a letter takes from a report."""

    source: str  # the audited document, as the report names it
    kind: str  # terms | privacy-policy | offer | app | unknown
    language: str
    findings: tuple[dict, ...]  # {"id", "text", "span": {"start", "end"}} at least


def read_report(path: str | Path) -> ReportFindings:
    """Load and check a JSON report written by ``fineprint audit --format json``."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise InputTooLargeError(f"report is {size // (1024 * 1024)} MB; a fineprint report is far smaller",
                                     source=str(path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("report file not found", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a JSON report", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the report: {exc.strerror or exc}", source=str(path)) from None
    if not raw.strip():
        raise EmptyInputError("the report file is empty", source=str(path))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptInputError(f"not a JSON file ({getattr(exc, 'msg', exc)}); give the output of "
                                "`fineprint audit --format json`", source=str(path)) from None
    return parse_report(data, source=str(path))


def parse_report(data, *, source: str = "report") -> ReportFindings:
    """Check a decoded report and keep what letters use. A batch (``fineprint.batch/1``) holding one report is
    taken as that report; with several, the user must pick one."""
    if isinstance(data, dict) and data.get("schema") == BATCH_SCHEMA and isinstance(data.get("reports"), list):
        if len(data["reports"]) != 1:
            raise UsageError(f"this batch holds {len(data['reports'])} reports; a letter quotes one: audit the "
                             "document alone with `fineprint audit FILE --format json`", source=source)
        data = data["reports"][0]
    if not isinstance(data, dict) or data.get("schema") != REPORT_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise UnsupportedInputError(f"not a fineprint report (schema {found!r}, expected {REPORT_SCHEMA!r}); give "
                                    "the output of `fineprint audit --format json`", source=source)
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
            isinstance(f, dict) and isinstance(f.get("id"), str) and isinstance(f.get("text", ""), str)
            for f in findings):
        raise CorruptInputError("the report's findings are malformed (each needs an id and a text)", source=source)
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    return ReportFindings(source=str(document.get("source") or ""), kind=str(document.get("kind") or "unknown"),
                          language=str(document.get("language") or "unknown"), findings=tuple(findings))


def quotes_for(right: str, report: ReportFindings, *, limit: int = 5, table: dict | None = None) -> tuple[Quote, ...]:
    """The clauses to quote in a letter for ``right``: findings whose id the article table (``table``: another law's,
    else rights.yaml) lists for that letter, grouped by clause (one quote per distinct text, with every relevant id),
    in document order, at most ``limit``."""
    wanted = (table or rights_table())["rights"][right].get("quotes", [])
    by_text: dict[str, list[str]] = {}
    order: dict[str, int] = {}
    for f in report.findings:
        text = " ".join(str(f.get("text") or "").split())
        if f["id"] not in wanted or not text or f.get("missing"):
            continue
        ids = by_text.setdefault(text, [])
        if f["id"] not in ids:
            ids.append(f["id"])
        span = f.get("span") if isinstance(f.get("span"), dict) else {}
        start = span.get("start") if isinstance(span.get("start"), int) else 1 << 60
        order[text] = min(order.get(text, start), start)
    texts = sorted(by_text, key=lambda t: order[t])[:limit]
    # Within a quote, tie sentences follow the table's order (consent first, then duration, then likeness ...).
    return tuple(Quote(text=t, finding_ids=tuple(sorted(by_text[t], key=wanted.index))) for t in texts)
