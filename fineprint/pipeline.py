"""The one-way pipeline of DESIGN.md: ingest -> segment -> detect -> assess -> Report.

``audit`` and ``classify`` are the public Python API (re-exported by ``fineprint``).
"""
from __future__ import annotations

from typing import Iterable, Sequence

from .model import Clause, Document, DocumentInfo, Finding, Prediction, Report
from .settings import DEFAULT, Settings

# Document kinds on which the practice.* map ("what they collect / share / keep / let you do") is reported.
DESCRIBED_BY_PRACTICES = frozenset({"privacy-policy", "unknown"})


def audit(source: str | bytes, settings: Settings = DEFAULT, *, name: str | None = None) -> Report:
    """Audit a path, a URL, ``"-"`` (stdin) or raw bytes (with ``name`` giving the file name / format hint)."""
    from .ingest import load

    loaded = load(source, settings, name=name)
    if isinstance(loaded, Document):
        return audit_document(loaded, settings)
    return audit_app(loaded, settings)


def audit_document(doc: Document, settings: Settings = DEFAULT) -> Report:
    from .assess import assess
    from .segment import segment_clauses

    clauses = segment_clauses(doc)
    findings = detect(clauses, doc.language, settings)
    if doc.kind not in DESCRIBED_BY_PRACTICES:
        # practice.* describe what a privacy policy says (info level); on terms or offer rules they would only add
        # noise next to the findings that matter. `fineprint classify` still reports them for any text.
        findings = [f for f in findings if not f.id.startswith("practice.")]
    info = DocumentInfo(source=doc.source, kind=doc.kind, language=doc.language, sha256=doc.sha256,
                        chars=len(doc.text), title=doc.title)
    return assess(info, findings, settings=settings, text=doc.text, clauses=clauses, warnings=doc.warnings)


def audit_app(app_model, settings: Settings = DEFAULT) -> Report:
    from .assess import assess
    from .detectors.apk import detect_app

    findings, app_info, info = detect_app(app_model, settings)
    return assess(info, findings, settings=settings, app=app_info)


def detect(clauses: Sequence[Clause], language: str, settings: Settings = DEFAULT) -> list[Finding]:
    from .detectors.registry import text_detectors

    out: list[Finding] = []
    for det in text_detectors(settings.detectors):
        for per_clause in det.detect(clauses, language):
            out.extend(per_clause)
    return out


def classify(texts: Iterable[str], lang: str = "en", settings: Settings = DEFAULT) -> list[Prediction]:
    """Label each text (one clause each) with every text detector: ``Prediction(labels, scores)``."""
    from .detectors.registry import text_detectors

    clauses = [Clause(id=f"t{i}", start=0, end=len(t), text=t, language=lang) for i, t in enumerate(texts)]
    labels: list[set[str]] = [set() for _ in clauses]
    scores: list[dict[str, float]] = [{} for _ in clauses]
    for det in text_detectors(settings.detectors):
        # decisions(): what detect() finds ({id: confidence} per clause) without building the evidence of findings
        decisions = getattr(det, "decisions", None)
        found_per_clause = decisions(clauses, lang) if decisions is not None else \
            [[(f.id, f.confidence) for f in found] for found in det.detect(clauses, lang)]
        for i, found in enumerate(found_per_clause):
            for fid, confidence in (found.items() if isinstance(found, dict) else found):
                labels[i].add(fid)
                scores[i][fid] = max(scores[i].get(fid, 0.0), confidence)
        # A detector's scores() adds something only when it scores every id (trained models); rule detectors score
        # what fired, which detect() just gave, and re-running them would double classify's time.
        if getattr(det, "scores_every_id", False):
            for i, sc in enumerate(det.scores(clauses, lang)):
                for k, v in sc.items():
                    scores[i][k] = max(scores[i].get(k, 0.0), float(v))
    return [Prediction(labels=tuple(sorted(lab)), scores={k: round(v, 4) for k, v in sorted(sc.items())})
            for lab, sc in zip(labels, scores)]
