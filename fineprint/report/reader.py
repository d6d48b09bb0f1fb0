"""The lines that say whose law a report explains: the reader, the readers the document says it is written for, the
reader's data-protection authority and consumer body, and what the document's chosen law means for that reader
(fineprint/law/regions.py, audience.py, governing.py). Shared by the text, Markdown and HTML formats."""
from __future__ import annotations


def reader_line(report, w: dict) -> str:
    """Whose law the report explains: "a consumer in Germany"; without --country, "a consumer in France
    (`--country` sets where you live)". Empty for a report made without a reader."""
    reader = report.reader or {}
    if not reader.get("label"):
        return ""
    return reader["label"] if reader.get("country") else w["reader_default"].format(label=reader["label"])


def suggested_line(report, w: dict) -> str:
    """Without --country, the readers the document says it is written for and the --country that explains the
    findings for them: "readers in the United States (it speaks of the CCPA and "California residents") —
    `--country US-CA` explains the findings under their law." (fineprint/law/audience.py); empty otherwise."""
    suggested = report.suggested_reader
    if not suggested or (report.reader or {}).get("country"):
        return ""
    from ..law.regions import reader

    lang = report.language
    if suggested.get("country"):
        how = w["suggested_one"].format(country=suggested["country"])
    else:
        options = suggested.get("options") or ()
        how = ", ".join(w["suggested_first" if i == 0 else "suggested_next"].format(
            country=code, reader=reader(code, lang).label) for i, code in enumerate(options))
    return f"{suggested['label']} ({suggested['why']}) — {how}."


def authority_line(report) -> str:
    """The reader's data-protection authority, "Autorité de protection des données (https://…)", when the report was
    made for a country given with --country (fineprint/law/regions.py); empty otherwise."""
    auth = (report.reader or {}).get("authority")
    return f"{auth['name']} ({auth['url']})" if auth else ""


def consumer_help_line(report) -> str:
    """Where the reader gets help with a company, "Citizens Advice consumer service (https://…)", for a country given
    with --country (fineprint/law/regions.py consumer_help); empty otherwise."""
    bodies = (report.reader or {}).get("consumer_help") or ()
    return "; ".join(f"{b['name'][:1].upper() + b['name'][1:]} ({b['url']})" for b in bodies)


def document_law_line(report) -> str:
    """What the document's chosen law means for the reader ("This document says it is governed by the law of
    Ireland, …"), when it lies outside the reader's region (fineprint/law/governing.py); empty otherwise."""
    chosen = (report.reader or {}).get("document_law")
    return (chosen["note"][:1].upper() + chosen["note"][1:] + ".") if chosen else ""
