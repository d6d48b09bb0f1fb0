"""SARIF 2.1.0, for compliance teams that check their own terms in CI (GitHub code scanning and similar).

Rule descriptors come from the law data (every taxonomy id, with help text and a help URI); each finding becomes a
result with ruleId = the finding id, a level from its severity (high -> error, medium -> warning, low/info -> note)
and a region: charOffset/charLength, start/end line and column and a snippet. For plain text and Markdown inputs that
can be read back, the region is in the original file (positions.py replays ingest's normalisation: removed blank
lines and Markdown markup no longer shift it) and the snippet is the file's own text there; for HTML, PDF or DOCX the
offsets refer to the extracted text (the result's properties say so, with a text-fragment anchor for HTML).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import PureWindowsPath
from typing import Any, Sequence

from .. import law
from ..model import Finding, Report, Span
from .common import labels
from .positions import Position, SourceMap, heading_text, placed, source_map

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/fineprint/fineprint"
HELP_URI = INFORMATION_URI + "/blob/main/docs/findings.md#{anchor}"
LEVELS = {"high": "error", "medium": "warning", "low": "note", "info": "note"}


def artifact_uri(source: str) -> str:
    """The audited input as the user named it (a path or URL; a path is a valid URI reference, and relative paths
    are what code-scanning services resolve against the repository), with Windows separators made forward and
    standard input named "stdin". Only http(s) URLs stay URLs: any other "scheme:" is a file name (``javascript:alert(1)``
    becomes ``./javascript:alert(1)``, a relative reference), and characters a URI may not hold are percent-encoded."""
    import re
    from urllib.parse import quote

    if source in ("-", ""):
        return "stdin"
    if re.match(r"^https?://", source, re.IGNORECASE):
        return quote(source, safe="/:@!$&'()*+,;=-._~%?#[]")
    path = PureWindowsPath(source).as_posix() if "\\" in source else source
    uri = quote(path, safe="/:@!$&'()*+,;=-._~")
    if re.match(r"^[A-Za-z]:/", uri):
        return "file:///" + uri  # a Windows absolute path
    if ":" in uri.split("/", 1)[0]:
        uri = "./" + uri  # not a scheme
    return uri


def _anchor(id_: str) -> str:
    # GitHub's heading anchors: lower case, dots dropped
    return id_.replace(".", "")


def _descriptive(id_: str) -> bool:
    """practice.* ids say what a policy describes (what is collected, how to contact them), not a problem to fix:
    SARIF's "informational" kind with level "none", so code-scanning services do not list them as alerts."""
    return id_.startswith("practice.")


def rule_descriptors(lang: str, region: str = law.DEFAULT_REGION, country: str | None = None) -> list[dict[str, Any]]:
    """One reportingDescriptor per taxonomy id, in taxonomy order, explained for a reader of ``region`` (in
    ``country``, with its national layer where it has one)."""
    rules = []
    for id_ in law.all_ids():
        doc = law.entry(id_, region, country)
        rules.append({
            "id": id_,
            "name": "".join(part.capitalize() for part in id_.replace(".", "-").split("-")),
            "shortDescription": {"text": doc.title[lang]},
            "fullDescription": {"text": " ".join(doc.flags[lang].split())},
            "help": {"text": law.explain_text(id_, lang, region, country),
                     "markdown": _help_markdown(id_, lang, region, country)},
            "helpUri": HELP_URI.format(anchor=_anchor(id_)),
            "defaultConfiguration": {"level": "none" if _descriptive(id_) else LEVELS.get(doc.severity, "note")},
            "properties": {"tags": [doc.family, "fineprint"], "severity": doc.severity},
        })
    return rules


def _help_markdown(id_: str, lang: str, region: str = law.DEFAULT_REGION, country: str | None = None) -> str:
    doc, h = law.entry(id_, region, country), law.HEADINGS[lang]
    refs = "\n".join(f"- [{r.ref}]({r.url})" for r in doc.law_refs(lang))
    return (f"**{h['flags']}**\n\n{' '.join(doc.flags[lang].split())}\n\n**{h['why']}**\n\n"
            f"{' '.join(doc.why[lang].split())}\n\n**{h['law']}**\n\n{refs}\n\n**{h['advice']}**\n\n"
            f"{' '.join(doc.advice[lang].split())}")


def _region(f: Finding, position: Position | None, smap: SourceMap | None) -> dict[str, Any] | None:
    if f.missing or f.span.end <= f.span.start or position is None or smap is None:
        return None
    region: dict[str, Any] = {"charOffset": position.offset, "charLength": position.end_offset - position.offset,
                              "startLine": position.line, "startColumn": position.column,
                              "endLine": position.end_line, "endColumn": position.end_column}
    source = smap.original if smap.exact else smap.text
    region["snippet"] = {"text": source[position.offset:position.end_offset]}
    return region


def _result(f: Finding, report: Report, artifact_index: int, rule_index: dict[str, int],
            position: Position | None, smap: SourceMap | None) -> dict[str, Any]:
    lang = report.language
    message = f"{f.title or f.id}: {f.explanation}" if f.explanation else (f.title or f.id)
    if f.missing:
        message = f"{message} ({labels(lang)['missing']})"
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(report.document.source),
                                                     "index": artifact_index}}
    region = _region(f, position, smap)
    if region:
        location["region"] = region
    result: dict[str, Any] = {
        "ruleId": f.id,
        "level": LEVELS.get(f.severity or "info", "note"),
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
        "properties": {"severity": f.severity, "confidence": round(float(f.confidence), 4),
                       "detector": f.detector, "advice": f.advice,
                       "law": [{"ref": r.ref, "url": r.url} for r in f.law]},
    }
    if _descriptive(f.id):
        result["kind"], result["level"] = "informational", "none"
    if f.id in rule_index:
        result["ruleIndex"] = rule_index[f.id]
    # stable across edits elsewhere in the document, so code-scanning services track the same finding over time
    basis = f"{f.id}\n{' '.join(f.text.split())}".encode("utf-8")
    result["partialFingerprints"] = {"fineprintClause/v1": hashlib.sha256(basis).hexdigest()[:32]}
    if f.severity_reason:
        result["properties"]["severity_reason"] = f.severity_reason
    if region and not position.exact:
        result["properties"]["offsetsIn"] = "extracted text"
        if position.anchor:
            result["properties"]["anchor"] = position.anchor
    if position is not None and position.heading:
        result["properties"]["heading"] = position.heading
    if f.text and not region and not f.missing:  # an app finding: its evidence (app vs policy: both sides)
        result["properties"]["evidence"] = f.text
    related = _similar_locations(f, report, artifact_index, smap) if region else []
    if related:
        result["relatedLocations"] = related
    return result


def _similar_locations(f: Finding, report: Report, artifact_index: int, smap: SourceMap | None) -> list[dict[str, Any]]:
    """The finding's same-template clauses (assess.merge_similar), each a related location of the result."""
    out: list[dict[str, Any]] = []
    if smap is None:
        return out
    word = labels(report.language)["similar_clause"]
    for n, row in enumerate(f.evidence.get("similar") or (), 1):
        try:
            start, end = (int(x) for x in row["span"])
        except (KeyError, TypeError, ValueError):
            continue
        if not 0 <= start < end <= len(report.text):
            continue
        p = smap.position(start, end)
        region = _region(replace(f, span=Span(start, end)), p, smap)
        if region:
            out.append({"id": n, "message": {"text": word},
                        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(report.document.source),
                                                                  "index": artifact_index}, "region": region}})
    return out


def _results(report: Report, artifact_index: int, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    if not report.text:
        return [_result(f, report, artifact_index, rule_index, None, None) for f in report.findings]
    smap = source_map(report)
    headings = {c.id: heading_text(c.headings[-1]) for c in report.clauses if c.headings}
    where = [smap.position(f.span.start, f.span.end, headings.get(f.clause_id or "", "")) if placed(f, report.text)
             else None for f in report.findings]
    return [_result(f, report, artifact_index, rule_index, p, smap) for f, p in zip(report.findings, where)]


def _artifact(report: Report) -> dict[str, Any]:
    art: dict[str, Any] = {"location": {"uri": artifact_uri(report.document.source)}}
    if report.document.chars:
        art["length"] = report.document.chars
    if report.document.sha256:
        art["hashes"] = {"sha-256": report.document.sha256}
    return art


def to_sarif(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """A SARIF log with one run covering every report (one artifact each)."""
    lang = reports[0].language if reports else "en"
    # the rules' help follows the first report's reader (a batch is run for one reader)
    reader = (reports[0].reader or {}) if reports else {}
    rules = rule_descriptors(lang, reader.get("region") or law.DEFAULT_REGION, reader.get("country"))
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    version = reports[0].tool_version if reports else ""
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "fineprint", "version": version or "0", "informationUri": INFORMATION_URI,
                            "language": lang, "rules": rules}},
        "artifacts": [_artifact(r) for r in reports],
        "results": [result for i, r in enumerate(reports) for result in _results(r, i, rule_index)],
        "language": lang,
        "columnKind": "unicodeCodePoints",
    }
    notes = [{"level": "error", "message": {"text": f"{source}: {message}"}} for source, message in failures]
    notes += [{"level": "warning", "message": {"text": w}} for r in reports for w in r.warnings]
    run["invocations"] = [{"executionSuccessful": not failures, "toolExecutionNotifications": notes}]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, color: bool = False) -> str:
    return json.dumps(to_sarif([report]), ensure_ascii=False, indent=2) + "\n"


def render_many(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = (), color: bool = False) -> str:
    return json.dumps(to_sarif(reports, failures), ensure_ascii=False, indent=2) + "\n"
