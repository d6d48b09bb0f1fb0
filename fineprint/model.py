"""The data that flows through fineprint, one way: Document -> Clause -> Finding -> Report.

Every type here is a frozen, slotted dataclass that pickles, so the same pipeline runs in one process, in a web
request or on a Dask worker. Offsets are character offsets into ``Document.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # lower is worse
DOCUMENT_KINDS = ("terms", "privacy-policy", "offer", "app", "unknown")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Block:
    """A structural unit found by ingest (heading, paragraph, list item, table row) with offsets into the text."""

    start: int
    end: int
    kind: str = "paragraph"  # heading | paragraph | list-item | table-row
    level: int = 0  # heading level (1-6), list depth


@dataclass(frozen=True, slots=True)
class Document:
    """Text extracted from one input, with what we know about it."""

    text: str
    source: str  # path, URL or "-" as the user gave it
    language: str = "unknown"  # ISO 639-1 ("en", "fr", ...) or "unknown"
    kind: str = "unknown"  # one of DOCUMENT_KINDS
    sha256: str = ""  # of the original bytes
    media_type: str = "text/plain"
    title: str | None = None
    blocks: tuple[Block, ...] = ()  # structure, when the format gives it (HTML, DOCX, Markdown)
    warnings: tuple[str, ...] = ()  # e.g. "language 'de' is not supported: best effort"
    # a document holding versions in several languages: (start, end, ISO 639-1) runs covering the text; () otherwise
    languages: tuple[tuple[int, int, str], ...] = ()
    # the versions read (English, French or both, the report's first); () reads every English or French version
    versions_read: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit a detector looks at: a sentence, a list item or a short numbered section."""

    id: str  # stable: same text in the same document -> same id
    start: int
    end: int
    text: str
    headings: tuple[str, ...] = ()  # heading path above the clause, outermost first
    kind: str = "sentence"  # sentence | list-item | heading | table-header (a table's column names)
    language: str = "unknown"


@dataclass(frozen=True, slots=True)
class LawRef:
    ref: str  # "GDPR Art. 7(3)"
    url: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a detector says about a clause (or an app).

    Detectors fill id, span, text, confidence, detector, evidence and highlights. ``assess`` fills title, severity,
    explanation, law and advice in the report language.
    """

    id: str  # taxonomy id, e.g. "rights.perpetual"
    span: Span
    text: str
    confidence: float = 1.0
    detector: str = ""  # "rule:rights.perpetual/perpetual-licence-en" | "model:unfair/v1" | "apk:dex-scan"
    clause_id: str | None = None
    highlights: tuple[Span, ...] = ()  # decisive words, absolute offsets into Document.text
    evidence: dict[str, Any] = field(default_factory=dict, hash=False)
    severity: str | None = None  # None: the taxonomy default; a detector may lower it with severity_reason
    severity_reason: str | None = None
    title: str = ""
    explanation: str = ""
    law: tuple[LawRef, ...] = ()
    advice: str = ""
    missing: bool = False  # transparency.*: a disclosure that is absent


@dataclass(frozen=True, slots=True)
class TrackerInfo:
    name: str
    categories: tuple[str, ...] = ()
    website: str = ""
    source: str = ""  # "exodus" | "fineprint"


@dataclass(frozen=True, slots=True)
class AppInfo:
    """What an APK audit adds to a report (the full AppModel stays in the APK adapter)."""

    package: str
    version: str = ""
    min_sdk: int | None = None
    target_sdk: int | None = None
    permissions: tuple[str, ...] = ()
    trackers: tuple[TrackerInfo, ...] = ()
    reach: tuple[dict[str, Any], ...] = field(default=(), hash=False)  # "what this app can reach" summary rows
    not_analysed: tuple[str, ...] = ()  # what the analysis could not cover, and why


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    source: str
    kind: str
    language: str
    sha256: str
    chars: int
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    by_severity: dict[str, int] = field(default_factory=dict, hash=False)
    headline: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    document: DocumentInfo
    findings: tuple[Finding, ...]
    summary: Summary
    language: str  # language the explanations are written in
    text: str = ""  # document text, for reports that show findings in place (not in the JSON)
    clauses: tuple[Clause, ...] = ()
    app: AppInfo | None = None
    warnings: tuple[str, ...] = ()
    tool_version: str = ""
    detectors: tuple[str, ...] = ()  # what ran: "rules@<hash>", "model:unfair/v2", "apk:…"
    # Findings below Settings.min_confidence, explained like the others but listed apart ("worth checking"), most
    # confident first: never counted in the summary, the headline, the severities or --fail-on.
    less_certain: tuple[Finding, ...] = ()
    # Who the explanations are written for: {"country": "DE" or None, "region": "eu", "label": "a consumer in
    # Germany"} (fineprint/law/regions.py); None in reports made before readers had a country.
    reader: dict | None = None
    # Without --country: the readers the document itself says it is written for, as a suggestion (never a change of
    # the reader): {"country": "US-CA" or None (several regions), "label": "readers in the United States", "why": "it
    # speaks of …", "options": ["GB", "US-CA"] for several regions} (fineprint/law/audience.py); None otherwise.
    suggested_reader: dict | None = None

    def worst_severity(self) -> str | None:
        ranks = [SEVERITY_RANK[f.severity] for f in self.findings if f.severity in SEVERITY_RANK]
        return SEVERITIES[min(ranks)] if ranks else None


@dataclass(frozen=True, slots=True)
class Prediction:
    """Output of ``fineprint.classify`` for one text."""

    labels: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict, hash=False)
