"""The results store: documents, their versions (by content hash), reports and findings, in SQLite or PostgreSQL.

``open_store(url)`` opens (and on first use creates, through the Alembic migrations shipped in this package) the store
at a SQLAlchemy URL. Without a URL: ``results.sqlite3`` in ``$FINEPRINT_DATA_DIR`` or the user data directory
(platformdirs). ``postgresql://user@host/db`` uses psycopg 3. This is not the letters' request journal
(``fineprint/store.py``): that one is a small file of the user's own requests; this one holds audit results at scale.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from ..errors import UsageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FAMILIES = ("rights", "unfair", "money", "practice", "app", "transparency")


def default_url() -> str:
    from ..settings import from_environment

    folder = from_environment().data_dir
    if not folder:
        from platformdirs import user_data_dir

        folder = user_data_dir("fineprint", appauthor=False)
    return f"sqlite:///{Path(folder) / 'results.sqlite3'}"


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL: default store for None/"default", a bare path becomes SQLite, postgresql:// gets psycopg 3."""
    if not url or url == "default":
        return default_url()
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:  # a file path
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class StoredVersion:
    id: int
    sha256: str
    date: Date | None
    source: str
    text: str | None


def open_store(url: str | None = None) -> "ResultStore":
    """Open the store at ``url`` (see ``normalise_url``), creating it and applying migrations when needed."""
    try:
        import sqlalchemy  # noqa: F401
        import alembic  # noqa: F401
    except ImportError:
        raise UsageError("the results store needs its extra: pip install 'fineprint[store]'") from None
    return ResultStore(normalise_url(url))


class ResultStore:
    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine, event
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

        self.url = url
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(url, future=True)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise UsageError(f"not a store URL {_safe(url)!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn, _):  # foreign keys (cascades) and a writer that waits instead of failing
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()
        try:
            self._migrate()
        except OperationalError as exc:
            raise UsageError(f"cannot open the results store {_safe(url)}: {str(exc.orig).splitlines()[0]}") from None

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------------------------------------ writing
    def record(self, report, *, key: str | None = None, service: str = "", name: str = "",
               date: Date | str | None = None, text: str | None = None) -> tuple[int, bool]:
        """Store one audited version (a ``Report`` or a ``fineprint.report/1`` dict). Returns (version id, whether
        the version was new). The same content of the same document is one version; each call adds a report."""
        data = _as_dict(report)
        doc = data["document"]
        return self.record_many([dict(report=data, key=key or doc["source"], service=service, name=name,
                                      date=date, text=text)])[0]

    def record_many(self, items: Iterable[dict[str, Any]]) -> list[tuple[int, bool]]:
        """Several versions in one transaction (the fast path for batches): each item has ``report`` (Report or
        dict) and optionally key, service, name, date, text."""
        from sqlalchemy import insert, select

        from .models import DocumentRow, FindingRow, ReportRow, VersionRow

        out: list[tuple[int, bool]] = []
        now = _utcnow()
        with self.engine.begin() as conn:
            for item in items:
                data = _as_dict(item["report"])
                doc = data["document"]
                key = item.get("key") or doc["source"]
                service, name = item.get("service") or "", item.get("name") or ""
                if not service and not name:
                    service, name = guess_service(doc["source"])
                doc_id = conn.execute(select(DocumentRow.id).where(DocumentRow.key == key)).scalar()
                if doc_id is None:
                    doc_id = conn.execute(insert(DocumentRow).values(
                        key=key, service=service, name=name, kind=doc.get("kind", "unknown"),
                        language=doc.get("language", "unknown"), created_at=now)).inserted_primary_key[0]
                sha = doc.get("sha256") or ""
                version_id = conn.execute(select(VersionRow.id).where(VersionRow.document_id == doc_id,
                                                                      VersionRow.sha256 == sha)).scalar()
                is_new = version_id is None
                if is_new:
                    version_id = conn.execute(insert(VersionRow).values(
                        document_id=doc_id, sha256=sha, date=_as_date(item.get("date")), source=doc["source"],
                        chars=int(doc.get("chars") or 0), text=item.get("text"), seen_at=now)).inserted_primary_key[0]
                findings = data.get("findings", [])
                by = data.get("summary", {}).get("by_severity", {})
                report_id = conn.execute(insert(ReportRow).values(
                    version_id=version_id, tool_version=data.get("tool", {}).get("version", ""),
                    detectors=list(data.get("detectors", [])), language=data.get("language", "en"),
                    worst=_worst(findings), by_severity={k: v for k, v in by.items() if v},
                    created_at=now)).inserted_primary_key[0]
                if findings:
                    conn.execute(insert(FindingRow), [
                        dict(report_id=report_id, finding_id=f["id"], severity=f.get("severity") or "info",
                             confidence=float(f.get("confidence", 1.0)), start=f.get("span", {}).get("start", 0),
                             end=f.get("span", {}).get("end", 0), text=f.get("text", "")[:20000],
                             detector=f.get("detector", "")[:200]) for f in findings])
                out.append((version_id, is_new))
        return out

    # ------------------------------------------------------------------------------------------------ reading
    def latest_version(self, key: str) -> StoredVersion | None:
        from sqlalchemy import select

        from .models import DocumentRow, VersionRow

        with self.engine.connect() as conn:
            row = conn.execute(select(VersionRow).join(DocumentRow).where(DocumentRow.key == key)
                               .order_by(VersionRow.id.desc()).limit(1)).first()
        if row is None:
            return None
        return StoredVersion(id=row.id, sha256=row.sha256, date=row.date, source=row.source, text=row.text)

    def count(self, table: str) -> int:
        from sqlalchemy import func, select

        from . import models

        model = {"documents": models.DocumentRow, "versions": models.VersionRow, "reports": models.ReportRow,
                 "findings": models.FindingRow}[table]
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(model)).scalar_one()

    def finding_rows(self) -> list[dict[str, Any]]:
        """One row per finding of each version's latest report, with its document and version."""
        from sqlalchemy import func, select

        from .models import DocumentRow, FindingRow, ReportRow, VersionRow

        latest = select(func.max(ReportRow.id).label("rid")).group_by(ReportRow.version_id).subquery()
        q = (select(DocumentRow.key, DocumentRow.service, DocumentRow.name, DocumentRow.kind, DocumentRow.language,
                    VersionRow.sha256, VersionRow.date, VersionRow.source, FindingRow.finding_id, FindingRow.severity,
                    FindingRow.confidence, FindingRow.text, FindingRow.detector)
             .join(VersionRow, VersionRow.document_id == DocumentRow.id)
             .join(ReportRow, ReportRow.version_id == VersionRow.id)
             .join(latest, latest.c.rid == ReportRow.id)
             .join(FindingRow, FindingRow.report_id == ReportRow.id)
             .order_by(DocumentRow.key, VersionRow.date, FindingRow.id))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def document_rows(self) -> list[dict[str, Any]]:
        """One row per version: document, date, hash, size, and the finding counts of its latest report."""
        from sqlalchemy import func, select

        from .models import DocumentRow, ReportRow, VersionRow

        latest = select(func.max(ReportRow.id).label("rid")).group_by(ReportRow.version_id).subquery()
        q = (select(DocumentRow.key, DocumentRow.service, DocumentRow.name, DocumentRow.kind, DocumentRow.language,
                    VersionRow.sha256, VersionRow.date, VersionRow.source, VersionRow.chars, ReportRow.worst,
                    ReportRow.by_severity, ReportRow.tool_version)
             .join(VersionRow, VersionRow.document_id == DocumentRow.id)
             .join(ReportRow, ReportRow.version_id == VersionRow.id)
             .join(latest, latest.c.rid == ReportRow.id)
             .order_by(DocumentRow.key, VersionRow.date))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """findings.parquet and documents.parquet in ``folder`` (for pandas, DuckDB, Polars …)."""
        return export_parquet(self.finding_rows(), self.document_rows(), folder)


def export_parquet(findings: list[dict], documents: list[dict], folder: str | Path) -> list[Path]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("Parquet export needs pyarrow: pip install 'fineprint[store]'") from None
    import json

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in (("findings", findings), ("documents", documents)):
        rows = [{k: (json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in r.items()} for r in rows]
        table = pa.Table.from_pylist(rows) if rows else pa.table({})
        path = out / f"{name}.parquet"
        pq.write_table(table, path)
        paths.append(path)
    return paths


_OTA = re.compile(r"(?:^|/)([^/]+)/([^/]+)/(\d{4}-\d{2}-\d{2})[^/]*$")


def guess_service(source: str) -> tuple[str, str]:
    """(service, document name) from a source: ``…/<service>/<document>/<date>.md`` (OTA history),
    ``…/<service>/<document>.md`` (OTA corpora), a URL's host and path, else ("", file name)."""
    if re.match(r"^https?://", source):
        from urllib.parse import urlsplit

        parts = urlsplit(source)
        return parts.hostname or "", parts.path.strip("/") or "/"
    s = source.replace("\\", "/")
    m = _OTA.search(s)
    if m:
        return m.group(1), m.group(2)
    p = Path(s)
    return (p.parent.name, p.stem) if p.parent.name else ("", p.stem)


def _as_dict(report) -> dict:
    if isinstance(report, dict):
        return report
    from ..report.json import to_dict

    data = to_dict(report)
    data.setdefault("detectors", list(getattr(report, "detectors", ()) or ()))
    return data


def _as_date(value) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    m = re.search(r"\d{4}-\d{2}-\d{2}", str(value))
    return Date.fromisoformat(m.group(0)) if m else None


def _worst(findings: list[dict]) -> str | None:
    from ..model import SEVERITIES, SEVERITY_RANK

    ranks = [SEVERITY_RANK[f.get("severity")] for f in findings if f.get("severity") in SEVERITY_RANK]
    return SEVERITIES[min(ranks)] if ranks else None


def _safe(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)  # never print a password
