"""The results store's tables (SQLAlchemy 2 declarative models).

    documents  one per followed document: a service's "Terms of Service", a URL, a file (``key`` is unique)
    versions   one per distinct text of a document, identified by the SHA-256 of its content; ``date`` is the
               version's date when known (OTA history, a git commit), ``seen_at`` when fineprint first stored it
    reports    one per audit of a version (tool version and detectors recorded, so a re-audit with newer models is a
               new report, not an overwrite)
    findings   one row per finding of a report (taxonomy id, severity, confidence, span and clause text)

Schema changes are Alembic migrations in ``fineprint/results/migrations`` (applied on first use).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(1000), unique=True)
    service: Mapped[str] = mapped_column(String(300), default="")
    name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(40), default="unknown")
    language: Mapped[str] = mapped_column(String(16), default="unknown")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    versions: Mapped[list["VersionRow"]] = relationship(back_populates="document", cascade="all, delete-orphan")


class VersionRow(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("document_id", "sha256", name="uq_versions_document_sha256"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    date: Mapped[date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(2000), default="")
    chars: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    document: Mapped[DocumentRow] = relationship(back_populates="versions")
    reports: Mapped[list["ReportRow"]] = relationship(back_populates="version", cascade="all, delete-orphan")


class ReportRow(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"), index=True)
    tool_version: Mapped[str] = mapped_column(String(40), default="")
    detectors: Mapped[list] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(16), default="en")
    worst: Mapped[str | None] = mapped_column(String(16), nullable=True)
    by_severity: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    version: Mapped[VersionRow] = relationship(back_populates="reports")
    findings: Mapped[list["FindingRow"]] = relationship(back_populates="report", cascade="all, delete-orphan")


class FindingRow(Base):
    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_finding_id", "finding_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    finding_id: Mapped[str] = mapped_column(String(120))
    severity: Mapped[str] = mapped_column(String(16), default="info")
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    start: Mapped[int] = mapped_column(Integer, default=0)
    end: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    detector: Mapped[str] = mapped_column(String(200), default="")
    report: Mapped[ReportRow] = relationship(back_populates="findings")
