"""APK detectors: ``detect_app(app_model, settings) -> (findings, AppInfo, DocumentInfo)``.

Findings (all ``Span(0, 0)``, detector "apk:...") carry a short evidence line in ``text`` and an ``evidence`` dict
(permissions, apis, strings, classes, origin "app" | "library", library, tracker). ``AppInfo.reach`` holds the
"what this app can reach" rows in the report language. Titles, explanations and law come from ``assess``.
"""
from __future__ import annotations

from ...appmodel import AppModel
from ...model import AppInfo, DocumentInfo, Finding, Span, TrackerInfo
from ...settings import DEFAULT, Settings

__all__ = ["detect_app"]


def detect_app(app: AppModel, settings: Settings = DEFAULT) -> tuple[list[Finding], AppInfo, DocumentInfo]:
    """Every app.* finding for one AppModel, the report's app section and the document info."""
    from .capabilities import Attribution, capability_specs, detect_capabilities
    from .obfuscation import detect_obfuscation
    from .permissions import meaning, protection_level
    from .trackers import load_tracker_db
    from ...report.common import tracker_categories

    lang = settings.lang if settings.lang in ("en", "fr") else "en"
    specs = capability_specs()
    db = load_tracker_db(settings.trackers_path)
    matches = db.match(app.classes)
    attribution = Attribution(app, db, [m.signature for m in matches])
    findings: list[Finding] = []
    reach: list[dict] = []

    trackers = []
    for m in matches:
        sig = m.signature
        # the report language's names for Exodus categories (labels.yaml), as in the report's trackers table
        cats = tracker_categories(sig.categories, lang) or {"en": "no category", "fr": "sans catégorie"}[lang]
        tracker = {"name": sig.name, "categories": list(sig.categories), "website": sig.website,
                   "source": sig.source, "signature": sig.code_signature, "attribution": db.attribution}
        hosts = db.hosts_of(sig, app.hosts)
        if hosts:
            tracker["hosts"] = hosts[:10]  # this tracker's servers named in the app's code (URLs in strings)
        findings.append(Finding(
            id="app.tracker", span=Span(0, 0), text=f"{sig.name}: {', '.join(m.classes)}", confidence=0.95,
            detector=f"apk:trackers/{sig.source}", evidence={
                "tracker": tracker, "classes": list(m.classes), "class_count": m.count, "origin": "library",
                "library": sig.name}))
        trackers.append(TrackerInfo(name=sig.name, categories=sig.categories, website=sig.website,
                                    source=sig.source))
        reach.append({"id": "app.tracker", "what": specs["app.tracker"]["what"][lang].format(name=sig.name,
                                                                                           categories=cats),
                      "evidence": ", ".join(m.classes[:2]) + (f"; {', '.join(hosts[:3])}" if hosts else ""),
                      "origin": f"library: {sig.name}"})

    declared = dict(app.declared_permissions)
    dangerous = [p for p in app.permissions if protection_level(p, declared) == "dangerous"]
    if dangerous:
        meanings = {p: meaning(p, lang) for p in dangerous}
        findings.append(Finding(
            id="app.dangerous-permission", span=Span(0, 0), text="; ".join(dangerous), confidence=1.0,
            detector="apk:manifest", evidence={"permissions": dangerous, "meanings": meanings, "origin": "app"}))
        reach.append({"id": "app.dangerous-permission",
                      "what": specs["app.dangerous-permission"]["what"][lang].format(
                          permissions="; ".join(meanings.values())),
                      "evidence": ", ".join(p.rsplit(".", 1)[-1] for p in dangerous), "origin": "app"})

    for finding, row in detect_capabilities(app, attribution, lang):
        findings.append(finding)
        reach.append(row)
    for finding, row in detect_obfuscation(app, attribution, lang):
        findings.append(finding)
        reach.append(row)

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
