"""Manifest-declared reach on a hand-made app: accessibility, notification listener, device admin, special
permissions — the capabilities no staged sample declares, checked on a manifest compiled by the test."""
from __future__ import annotations

import pytest

from fineprint.detectors.apk import detect_app
from fineprint.ingest.apk import load_apk
from fineprint.settings import Settings

P = "android.permission."


def spy_manifest(extra_permissions=()):
    perms = [("uses-permission", {"name": P + p}, []) for p in (
        "PACKAGE_USAGE_STATS", "QUERY_ALL_PACKAGES", "READ_LOGS", "MANAGE_EXTERNAL_STORAGE", "RECORD_AUDIO",
        "READ_SMS", "INTERNET", *extra_permissions)]
    return ("manifest", {"package": "com.evil.spy", "versionCode": 7, "versionName": "2.0"}, [
        ("uses-sdk", {"minSdkVersion": 24, "targetSdkVersion": 34}, []),
        *perms,
        ("permission", {"name": "com.evil.spy.C2D", "protectionLevel": 2}, []),
        ("application", {}, [
            ("activity", {"name": ".Main", "exported": True}, [
                ("intent-filter", {}, [("action", {"name": "android.intent.action.MAIN"}, [])])]),
            ("service", {"name": ".Helper", "permission": P + "BIND_ACCESSIBILITY_SERVICE"}, [
                ("intent-filter", {}, [("action", {"name": "android.accessibilityservice.AccessibilityService"},
                                        [])])]),
            ("service", {"name": "com.evil.spy.Notes", "permission": P + "BIND_NOTIFICATION_LISTENER_SERVICE"}, [
                ("intent-filter", {}, [("action", {"name": "android.service.notification.NotificationListenerService"},
                                        [])])]),
            ("receiver", {"name": ".Admin", "permission": P + "BIND_DEVICE_ADMIN"}, [
                ("meta-data", {"name": "android.app.device_admin"}, []),
                ("intent-filter", {}, [("action", {"name": "android.app.action.DEVICE_ADMIN_ENABLED"}, [])])]),
        ]),
    ])


@pytest.fixture()
def spy_apk(axml, zipper, apk_parts):
    return zipper({"AndroidManifest.xml": axml(spy_manifest()), "classes.dex": apk_parts["classes.dex"]})


def audit(data, lang="en"):
    settings = Settings(lang=lang)
    model = load_apk(data, settings, name="spy.apk", isolate=False)
    findings, app, info = detect_app(model, settings)
    return model, {f.id: f for f in findings}, app


def test_manifest_facts_of_a_hand_made_app(spy_apk):
    model, _, app = audit(spy_apk)
    assert (model.package, model.version_name, model.min_sdk, model.target_sdk) == ("com.evil.spy", "2.0", 24, 34)
    assert ("com.evil.spy.C2D", "signature") in model.declared_permissions
    assert {c.name for c in model.components} == {"com.evil.spy.Main", "com.evil.spy.Helper", "com.evil.spy.Notes",
                                                  "com.evil.spy.Admin"}
    assert app.version == "2.0" and P + "READ_SMS" in app.permissions


def test_declared_services_and_receivers_are_found(spy_apk):
    _, found, _ = audit(spy_apk)
    for cap in ("app.accessibility-service", "app.notification-listener", "app.device-admin"):
        assert cap in found, cap
        assert found[cap].evidence["origin"] == "app" and found[cap].evidence["components"]
    assert "com.evil.spy.Helper" in found["app.accessibility-service"].text
    assert "com.evil.spy.Admin" in found["app.device-admin"].text


def test_special_permissions_are_found_with_the_right_severity(spy_apk):
    _, found, _ = audit(spy_apk)
    assert {"app.usage-stats", "app.installed-apps-query", "app.microphone", "app.sms"} <= set(found)
    # READ_LOGS alone cannot be granted to an ordinary app since Android 4.1: reported, one level lower
    assert found["app.log-reading"].severity == "medium" and found["app.log-reading"].severity_reason
    # all files access keeps its default severity; shared storage alone is lowered
    assert found["app.all-files-access"].severity is None
    assert set(found["app.dangerous-permission"].evidence["permissions"]) == {P + "RECORD_AUDIO", P + "READ_SMS"}


def test_shared_storage_only_is_lowered(axml, zipper, apk_parts):
    manifest = ("manifest", {"package": "com.example.gallery"}, [
        ("uses-permission", {"name": P + "READ_EXTERNAL_STORAGE"}, []), ("application", {}, [])])
    _, found, _ = audit(zipper({"AndroidManifest.xml": axml(manifest), "classes.dex": apk_parts["classes.dex"]}))
    assert found["app.all-files-access"].severity == "medium"


def test_reach_rows_in_french(spy_apk):
    _, _, app = audit(spy_apk, lang="fr")
    rows = {r["id"]: r for r in app.reach}
    assert "accessibilité" in rows["app.accessibility-service"]["what"]
    assert "notifications" in rows["app.notification-listener"]["what"]
    assert rows["app.device-admin"]["origin"] == "app"


def test_nothing_declared_nothing_reported(axml, zipper, apk_parts):
    manifest = ("manifest", {"package": "com.example.quiet"}, [("application", {}, [])])
    dex = apk_parts["classes.dex"]
    _, found, app = audit(zipper({"AndroidManifest.xml": axml(manifest), "classes.dex": dex}))
    # the same code as UnCrackable Level 1 (root checks), and nothing the manifest grants
    assert set(found) == {"app.root-detection"}


def test_package_visibility_lowers_app_listing_on_android_11(axml, zipper, samples):
    """getInstalledApplications in an app targeting API 30+ without QUERY_ALL_PACKAGES sees only its <queries>."""
    import zipfile

    with zipfile.ZipFile(samples / "fdroidapp_a2dp.Vol_137.apk") as zf:
        dex = zf.read("classes.dex")  # calls getInstalledApplications in its own code
    def manifest(target, extra=()):
        return ("manifest", {"package": "a2dp.Vol"}, [
            ("uses-sdk", {"minSdkVersion": 21, "targetSdkVersion": target}, []), *extra,
            ("queries", {}, [("package", {"name": "com.spotify.music"}, [])]), ("application", {}, [])])
    _, old, _ = audit(zipper({"AndroidManifest.xml": axml(manifest(25)), "classes.dex": dex}))
    _, new, _ = audit(zipper({"AndroidManifest.xml": axml(manifest(33)), "classes.dex": dex}))
    _, full, _ = audit(zipper({"AndroidManifest.xml": axml(manifest(33, [
        ("uses-permission", {"name": P + "QUERY_ALL_PACKAGES"}, [])])), "classes.dex": dex}))
    assert old["app.installed-apps-query"].severity is None
    assert new["app.installed-apps-query"].severity == "medium"
    assert "(1 named)" in new["app.installed-apps-query"].severity_reason
    assert full["app.installed-apps-query"].severity is None
