"""A ``fineprint batch`` output folder (index.jsonl + JSON reports) read as store rows, or recorded into a store."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

from ..errors import UsageError
from .store import ResultStore, guess_service

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def batch_reports(folder: str | Path) -> Iterator[dict]:
    """Every JSON report listed as ``ok`` in ``folder/index.jsonl``."""
    folder = Path(folder)
    index = folder / "index.jsonl"
    if not index.is_file():
        raise UsageError(f"{folder}: no index.jsonl (not a `fineprint batch` output folder)")
    for line in index.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if rec.get("status") != "ok" or not str(rec.get("report", "")).endswith(".json"):
            continue
        try:
            data = json.loads((folder / rec["report"]).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("schema") == "fineprint.report/1":
            yield data


def _date_of(source: str):
    m = _DATE.search(source.rsplit("/", 1)[-1])
    return m.group(1) if m else None


def record_batch(store: ResultStore, folder: str | Path, chunk: int = 200) -> int:
    """Record every report of a batch folder; returns how many."""
    n = 0
    items = []
    for data in batch_reports(folder):
        src = data["document"]["source"]
        service, name = guess_service(src)
        key = f"{service}/{name}" if _date_of(src) and service else src
        items.append({"report": data, "key": key, "service": service, "name": name, "date": _date_of(src)})
        if len(items) >= chunk:
            n += len(store.record_many(items))
            items = []
    if items:
        n += len(store.record_many(items))
    return n


def folder_rows(folder: str | Path) -> tuple[list[dict], list[dict]]:
    """(finding rows, document rows) shaped like ``ResultStore.finding_rows`` / ``document_rows``."""
    findings, documents = [], []
    for data in batch_reports(folder):
        doc = data["document"]
        service, name = guess_service(doc["source"])
        date = _date_of(doc["source"])
        key = f"{service}/{name}" if date and service else doc["source"]
        base = {"key": key, "service": service, "name": name, "kind": doc.get("kind", "unknown"),
                "language": doc.get("language", "unknown"), "sha256": doc.get("sha256", ""), "date": date,
                "source": doc["source"]}
        by = data.get("summary", {}).get("by_severity", {})
        from .store import _worst

        documents.append({**base, "chars": doc.get("chars", 0), "worst": _worst(data.get("findings", [])),
                          "by_severity": {k: v for k, v in by.items() if v},
                          "tool_version": data.get("tool", {}).get("version", "")})
        for f in data.get("findings", []):
            findings.append({**base, "finding_id": f["id"], "severity": f.get("severity", "info"),
                             "confidence": f.get("confidence", 1.0), "text": f.get("text", ""),
                             "detector": f.get("detector", "")})
    return findings, documents
