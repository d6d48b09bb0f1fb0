"""APK detectors: ``detect_app(app_model, settings) -> (findings, AppInfo, DocumentInfo)``.

Findings (all ``Span(0, 0)``, detector "apk:...") carry a short evidence line in ``text`` and an ``evidence`` dict
(permissions, apis, strings, classes, origin "app" | "library", library, tracker). ``AppInfo.reach`` holds the
"what this app can reach" rows in the report language. Titles, explanations and law come from ``assess``.
"""
from __future__ import annotations

from ...appmodel import AppModel
from ...model import AppInfo, DocumentInfo, Finding, TrackerInfo
from ...settings import DEFAULT, Settings
from ..base import AppContext

__all__ = ["detect_app"]


def detect_app(app: AppModel, settings: Settings = DEFAULT) -> tuple[list[Finding], AppInfo, DocumentInfo]:
    """Every app.* finding for one AppModel (the app detectors of the registry, in table order), the report's app
    section and the document info."""
    from ..registry import app_detectors
    from .capabilities import Attribution, capability_specs
    from .trackers import load_tracker_db

    lang = settings.lang if settings.lang in ("en", "fr") else "en"
    db = load_tracker_db(settings.trackers_path)
    matches = db.match(app.classes)
    context = AppContext(lang=lang, specs=capability_specs(), trackers=db, matches=matches,
                         attribution=Attribution(app, db, [m.signature for m in matches]))
    findings: list[Finding] = []
    reach: list[dict] = []
    for detector in app_detectors():
        for finding, row in detector.detect(app, context):
            findings.append(finding)
            reach.append(row)
    trackers = [TrackerInfo(name=m.signature.name, categories=m.signature.categories, website=m.signature.website,
                            source=m.signature.source) for m in matches]

    not_analysed = list(app.not_analysed)
    if db.origin == "shipped":
        not_analysed.append({
            "en": f"trackers were searched with fineprint's short built-in list ({len(db.signatures)} SDKs); "
                  "`fineprint trackers update` fetches the full Exodus Privacy list",
            "fr": f"les traqueurs ont été cherchés avec la courte liste intégrée de fineprint ({len(db.signatures)} "
                  "kits) ; `fineprint trackers update` télécharge la liste complète d'Exodus Privacy"}[lang])
    info = AppInfo(package=app.package or "(unknown package)", version=app.version_name or app.version_code,
                   min_sdk=app.min_sdk, target_sdk=app.target_sdk, permissions=app.permissions,
                   trackers=tuple(trackers), reach=tuple(reach), not_analysed=tuple(not_analysed))
    doc = DocumentInfo(source=app.source, kind="app", language=lang, sha256=app.sha256, chars=0,
                       title=app.label or app.package or None)
    return findings, info, doc
