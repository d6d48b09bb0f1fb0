"""Whose code is it: a capability found in a library package is attributed to that library (osmdroid, or any
named package that is not the developer's), never to "the app's own code"."""
from __future__ import annotations

from fineprint.appmodel import AppModel, Component
from fineprint.detectors.apk.capabilities import Attribution, package_root


def _app(package="com.example.app", components=("com.example.app.MainActivity",)):
    return AppModel(source="x.apk", sha256="", size=0, package=package,
                    components=tuple(Component(kind="activity", name=c) for c in components))


def test_osmdroid_is_a_library_not_the_app():
    who = Attribution(_app())
    origin = who("org.osmdroid.views.overlay.mylocation.GpsMyLocationProvider")
    assert origin.kind == "library" and "osmdroid" in origin.name


def test_an_unknown_named_package_is_a_library_named_by_its_package():
    who = Attribution(_app())
    assert (who("net.somevendor.geo.Tracker").kind, who("net.somevendor.geo.Tracker").name) == ("library",
                                                                                                 "net.somevendor")
    assert who("com.github.someone.lib.Util").name == "com.github.someone"


def test_the_developers_own_code_stays_the_app():
    who = Attribution(_app(package="owasp.mstg.uncrackable1",
                           components=("sg.vantagepoint.uncrackable1.MainActivity",)))
    assert who("sg.vantagepoint.a.c").kind == "app"  # the code lives under another name than the package
    assert who("owasp.mstg.uncrackable1.R").kind == "app"
    assert who("b.a.a.b").kind == "app"  # obfuscated: nothing says it is a library
    assert Attribution(_app())("com.example.other.Helper").kind == "app"  # same developer namespace


def test_package_root():
    assert package_root("org.osmdroid.views.MapView") == "org.osmdroid"
    assert package_root("a.b.C") == "" and package_root("MainActivity") == ""


def test_tracker_rows_name_categories_in_the_report_language(samples):
    from fineprint.detectors.apk import detect_app
    from fineprint.ingest.apk import load_apk
    from fineprint.settings import Settings

    settings = Settings(lang="fr")
    apk = samples / "trk_firebase_crashlytics_sample.apk"
    _, app, _ = detect_app(load_apk(apk, settings, isolate=False), settings)
    rows = [r["what"] for r in app.reach if r["id"] == "app.tracker"]
    assert rows and all("(Crash reporting)" not in r and "(Analytics)" not in r for r in rows), rows
    assert any("Rapports de plantage" in r or "Mesure d'audience" in r for r in rows), rows
