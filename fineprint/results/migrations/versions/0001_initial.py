"""documents, versions, reports, findings

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(1000), nullable=False, unique=True),
        sa.Column("service", sa.String(300), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("source", sa.String(2000), nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("seen_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "sha256", name="uq_versions_document_sha256"),
    )
    op.create_index("ix_versions_document_id", "versions", ["document_id"])
    op.create_index("ix_versions_sha256", "versions", ["sha256"])
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tool_version", sa.String(40), nullable=False),
        sa.Column("detectors", sa.JSON, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("worst", sa.String(16), nullable=True),
        sa.Column("by_severity", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_reports_version_id", "reports", ["version_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("finding_id", sa.String(120), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("detector", sa.String(200), nullable=False),
    )
    op.create_index("ix_findings_report_id", "findings", ["report_id"])
    op.create_index("ix_findings_finding_id", "findings", ["finding_id"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("reports")
    op.drop_table("versions")
    op.drop_table("documents")
