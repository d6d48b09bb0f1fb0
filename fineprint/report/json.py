"""JSON report: the ``fineprint.report/1`` shape of DESIGN.md (validated by report.schema.json beside this file).

Beyond DESIGN.md's keys, each finding carries ``advice`` (what the user can do) and ``highlights`` (the decisive
words), plus ``severity_reason`` / ``missing`` / ``clause_id`` when they apply, and ``position`` (line, column and character
offset in the original file for .txt and .md inputs, ``"in": "file"``; else in the extracted text, ``"in": "text"``,
with a text-fragment ``anchor`` for HTML and the section ``heading``); the report carries its ``language``, its
``reader`` (the country given with ``--country``, the law region it falls in and how the report names that reader;
without ``--country``, ``suggested``: the readers the document says it is written for and the ``--country`` to use)
and ``warnings``, ``less_certain`` (the findings below the reporting floor, listed apart, most confident first:
never counted in ``summary``) when there are any, and for a privacy policy (or any document with practice.* findings) ``practices``: the findings
grouped under "what they collect / share / keep / let you do" headings, as indices into ``findings``. The document
text itself is not included.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ..model import AppInfo, Finding, Report
from .positions import positions
from .summary import summarize

SCHEMA = "fineprint.report/1"
BATCH_SCHEMA = "fineprint.batch/1"
SCHEMA_FILE = Path(__file__).resolve().parent / "report.schema.json"


def jsonable(value: Any) -> Any:
    """Evidence may hold tuples, sets or odd objects from detectors: make it plain JSON."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=str)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def finding_dict(f: Finding, position=None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f.id, "title": f.title, "severity": f.severity or "info", "confidence": round(float(f.confidence), 4),
        "span": {"start": f.span.start, "end": f.span.end}, "text": f.text, "explanation": f.explanation,
        "law": [{"ref": r.ref, "url": r.url} for r in f.law], "detector": f.detector,
        "evidence": jsonable(f.evidence or {}), "advice": f.advice,
        "highlights": [{"start": h.start, "end": h.end} for h in f.highlights],
    }
    if f.severity_reason:
        out["severity_reason"] = f.severity_reason
    if f.missing:
        out["missing"] = True
    if f.clause_id:
        out["clause_id"] = f.clause_id
    if position is not None:
        out["position"] = position.as_dict()
    return out


def app_dict(app: AppInfo) -> dict[str, Any]:
    return {
        "package": app.package, "version": app.version, "min_sdk": app.min_sdk, "target_sdk": app.target_sdk,
        "permissions": list(app.permissions),
        "trackers": [{"name": t.name, "categories": list(t.categories), "website": t.website, "source": t.source}
                     for t in app.trackers],
        "reach": jsonable(list(app.reach)), "not_analysed": list(app.not_analysed),
    }


def _reader(report: Report) -> dict[str, Any]:
    """The reader, with ``suggested``: the readers the document says it is written for, when no --country was given
    (fineprint/law/audience.py)."""
    out = dict(report.reader or {})
    if report.suggested_reader:
        out["suggested"] = jsonable(report.suggested_reader)
    return out


def to_dict(report: Report) -> dict[str, Any]:
    """The report as a ``fineprint.report/1`` dictionary."""
    d = report.document
    where = positions(report)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "fineprint", "version": report.tool_version, "detectors": list(report.detectors)},
        "document": {"source": d.source, "kind": d.kind, "language": d.language, "sha256": d.sha256,
                     "chars": d.chars},
        "language": report.language,
        **({"reader": _reader(report)} if report.reader else {}),
        "findings": [finding_dict(f, p) for f, p in zip(report.findings, where)],
        "summary": summarize(report, where=where).to_dict(),
        "warnings": list(report.warnings),
    }
    if report.less_certain:
        out["less_certain"] = [finding_dict(f, p) for f, p in
                               zip(report.less_certain, positions(report, findings=report.less_certain))]
    if report.app is not None:
        out["app"] = app_dict(report.app)
    from .practices import as_json

    if practices := as_json(report):
        out["practices"] = practices
    return out


def batch_dict(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """Several reports and the inputs that failed: ``{"schema": "fineprint.batch/1", "reports", "failures"}``."""
    return {"schema": BATCH_SCHEMA, "reports": [to_dict(r) for r in reports],
            "failures": [{"source": s, "error": e} for s, e in failures]}


def render(report: Report, color: bool = False) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_many(reports: Sequence[Report], failures: Sequence[tuple[str, str]] = (), color: bool = False) -> str:
    return json.dumps(batch_dict(reports, failures), ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of ``fineprint.report/1`` (and ``fineprint.batch/1`` under ``$defs.batch``)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` is a valid fineprint.report/1 or fineprint.batch/1."""
    import jsonschema
    from referencing import Registry, Resource

    root = schema()
    registry = Registry().with_resource(root["$id"], Resource.from_contents(root))
    target = root["$id"] + ("#/$defs/batch" if data.get("schema") == BATCH_SCHEMA else "")
    jsonschema.Draft202012Validator({"$ref": target}, registry=registry).validate(data)
