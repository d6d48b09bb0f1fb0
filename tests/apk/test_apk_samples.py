"""The 19 staged APKs: trackers equal what the Exodus signatures give (SAMPLES.md), and the capabilities named in
SAMPLES.md's "why it is here" column are found, with the right origin (the app's code or a library)."""
from __future__ import annotations

import re

import pytest

from fineprint.detectors.apk import detect_app
from fineprint.ingest.apk import load_apk
from fineprint.settings import Settings

# sample -> (capabilities that must be found, capabilities that must NOT be found)
EXPECTED = {
    "trk_exoduscore_instapaper.apk": ({"app.tracker", "app.clipboard-read"}, set()),
    "trk_firebase_crashlytics_sample.apk": ({"app.tracker"}, {"app.location", "app.contacts"}),
    "droidbench_Reflection1.apk": ({"app.reflection", "app.device-identifiers", "app.sms"}, {"app.tracker"}),
    "droidbench_PlayStore1.apk": ({"app.emulator-detection", "app.installed-apps-query"}, set()),
    "droidbench_Contacts1.apk": ({"app.contacts", "app.call-log", "app.emulator-detection"}, set()),
    "droidbench_SendSMS.apk": ({"app.device-identifiers", "app.sms"}, {"app.location"}),
    "droidbench_LocationLeak1.apk": ({"app.location"}, {"app.sms"}),
    "droidbench_PrivateDataLeak1.apk": ({"app.sms"}, {"app.location"}),
    "mastg_uncrackable1.apk": ({"app.root-detection"}, {"app.native-code"}),
    "mastg_uncrackable2.apk": ({"app.root-detection", "app.native-code"}, set()),
    "mastg_r2pay-v0.9.apk": ({"app.obfuscation", "app.native-code", "app.root-detection"}, set()),
    "fdroidapp_a2dp.Vol_137.apk": ({"app.location", "app.accounts", "app.contacts", "app.sms",
                                    "app.dangerous-permission"}, {"app.tracker"}),
    "fdroidapp_com.teleca.jamendo_35.apk": ({"app.device-identifiers"}, {"app.tracker"}),
    # benign AndroidX hello world: AppCompat's references to LocationManager / PackageManager are not evidence
    "androguard_hello-world.apk": (set(), {"app.location", "app.installed-apps-query", "app.reflection",
                                           "app.dynamic-code-loading", "app.tracker", "app.obfuscation"}),
    "edge_fdroidserver_janus.apk": ({"app.location", "app.camera"}, {"app.tracker"}),
    "fdroidapp_org.dyndns.fules.ck_20.apk": ({"app.native-code"}, {"app.tracker"}),
    "vuln_ovaa.apk": ({"app.dynamic-code-loading", "app.runtime-exec", "app.log-reading"}, {"app.tracker"}),
    "vuln_AndroGoat.apk": ({"app.root-detection", "app.emulator-detection"}, {"app.tracker"}),
    "vuln_pivaa.apk": ({"app.microphone", "app.accounts", "app.contacts", "app.dangerous-permission"},
                       {"app.tracker"}),
}


def samples_table(shared) -> dict[str, set[str]]:
    """file -> tracker names, from SAMPLES.md (the Exodus signatures' verdict on each sample)."""
    out = {}
    for line in (shared / "apk" / "SAMPLES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 9 and cells[0].endswith(".apk"):
            out[cells[0]] = set() if cells[7] in ("-", "") else {t.strip() for t in cells[7].split(",")}
    return out


@pytest.fixture(scope="module")
def audited(samples, exodus_json):
    settings = Settings(trackers_path=str(exodus_json))
    out = {}
    for path in sorted(samples.glob("*.apk")):
        model = load_apk(path, settings, isolate=False)
        out[path.name] = (model, *detect_app(model, settings))
    return out


def test_all_nineteen_samples_are_covered(samples, shared):
    assert {p.name for p in samples.glob("*.apk")} == set(EXPECTED) == set(samples_table(shared))


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_trackers_equal_exodus_signatures(sample, audited, shared):
    _, findings, app, _ = audited[sample]
    expected = samples_table(shared)[sample]
    assert {t.name for t in app.trackers} == expected
    assert {f.evidence["tracker"]["name"] for f in findings if f.id == "app.tracker"} == expected


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_capabilities_named_in_samples_md_are_found(sample, audited):
    model, findings, app, info = audited[sample]
    must, must_not = EXPECTED[sample]
    ids = {f.id for f in findings}
    assert must <= ids, f"missing {must - ids}"
    assert not (must_not & ids), f"unexpected {must_not & ids}"
    assert info.kind == "app" and info.chars == 0 and info.sha256 == model.sha256
    for f in findings:
        assert f.span.start == f.span.end == 0 and f.text and f.detector.startswith("apk:")
        assert f.evidence["origin"] in ("app", "library")
    assert {r["id"] for r in app.reach} == ids
    for row in app.reach:
        assert row["what"] and row["origin"] == "app" or row["origin"].startswith("library: ")


def test_trackers_with_the_shipped_list_match_exodus_on_the_tracker_samples(samples, shared):
    """Without any Exodus file, fineprint's own list still names the SDKs of the two tracker samples."""
    settings = Settings()
    table = samples_table(shared)
    for name in ("trk_exoduscore_instapaper.apk", "trk_firebase_crashlytics_sample.apk"):
        _, app, _ = detect_app(load_apk(samples / name, settings, isolate=False), settings)
        assert {t.name for t in app.trackers} == table[name]
        assert all(t.source == "fineprint" for t in app.trackers)


def test_evidence_says_whose_code_it_is(audited):
    by_id = {f.id: f for f in audited["trk_exoduscore_instapaper.apk"][1]}
    clip = by_id["app.clipboard-read"]
    assert clip.evidence["origin"] == "app"
    assert any(c.startswith("com.olivierpayen.leaninstapaper") for c in clip.evidence["classes"])
    assert "ClipboardManager.getPrimaryClip()" in clip.text
    fire = {f.id: f for f in audited["trk_firebase_crashlytics_sample.apk"][1]}
    root = fire["app.root-detection"]
    assert root.evidence["origin"] == "library" and "Google CrashLytics" in root.evidence["library"]
    row = next(r for r in audited["trk_firebase_crashlytics_sample.apk"][2].reach if r["id"] == "app.root-detection")
    assert row["origin"].startswith("library: ") and "CrashLytics" in row["origin"]


def test_permission_only_findings_name_the_permission(audited):
    f = {f.id: f for f in audited["fdroidapp_com.teleca.jamendo_35.apk"][1]}["app.device-identifiers"]
    assert "android.permission.READ_PHONE_STATE" in f.evidence["permissions"]
    dangerous = {f.id: f for f in audited["vuln_pivaa.apk"][1]}["app.dangerous-permission"]
    assert "android.permission.CALL_PHONE" in dangerous.evidence["permissions"]
    assert dangerous.evidence["meanings"]["android.permission.RECORD_AUDIO"]


def test_manifest_facts(audited):
    model = audited["fdroidapp_a2dp.Vol_137.apk"][0]
    assert model.package == "a2dp.Vol" and model.version_name == "2.12.9.2"
    assert (model.min_sdk, model.target_sdk) == (15, 25)
    assert len(model.permissions) == 17
    assert any(c.kind == "service" for c in model.components)
    assert len(audited["fdroidapp_org.dyndns.fules.ck_20.apk"][0].native_libs) == 7


def test_app_name_and_version_come_from_the_resources(audited):
    """@string references in the manifest are resolved through resources.arsc, as the launcher shows them."""
    model, _, _, info = audited["trk_exoduscore_instapaper.apk"]
    assert model.label == "Lean for Instapaper" and info.title == "Lean for Instapaper"
    ck = audited["fdroidapp_org.dyndns.fules.ck_20.apk"][0]
    assert (ck.label, ck.version_name) == ("Compass Keyboard", "v1.6pre2")  # versionName is a reference there


def test_multidex_reads_every_dex(audited):
    model = audited["trk_firebase_crashlytics_sample.apk"][0]
    assert [d.name for d in model.dex] == ["classes.dex", "classes2.dex"]
    assert all(not d.error and d.classes > 0 for d in model.dex)


def test_janus_polyglot_is_analysed_and_flagged(audited):
    model, _, app, _ = audited["edge_fdroidserver_janus.apk"]
    assert model.janus
    assert len(model.dex) == 2  # the DEX at the start of the file and the APK's classes.dex
    assert any("CVE-2017-13156" in line for line in app.not_analysed)


def test_reports_in_french(samples, exodus_json):
    settings = Settings(lang="fr", trackers_path=str(exodus_json))
    findings, app, info = detect_app(load_apk(samples / "droidbench_LocationLeak1.apk", settings, isolate=False),
                                     settings)
    assert info.language == "fr"
    row = next(r for r in app.reach if r["id"] == "app.location")
    assert re.search(r"\bvous\b", row["what"])
    assert " dans " in row["evidence"] and " in " not in row["evidence"]  # "getLastKnownLocation() dans X"


def test_budgeted_subprocess_gives_the_same_model(samples):
    settings = Settings()
    path = samples / "droidbench_SendSMS.apk"
    assert load_apk(path, settings, isolate=True) == load_apk(path, settings, isolate=False)


def test_tracker_servers_named_in_code_are_evidence(audited, samples):
    model, findings, app, _ = audited["trk_exoduscore_instapaper.apk"]
    assert "settings.crashlytics.com" in model.hosts and "www.instapaper.com" in model.hosts
    crash = next(f for f in findings if f.id == "app.tracker" and f.evidence["tracker"]["name"] == "Google CrashLytics")
    assert "settings.crashlytics.com" in crash.evidence["tracker"]["hosts"]
    # the shipped list knows the same servers
    settings = Settings()
    findings, _, _ = detect_app(load_apk(samples / "trk_exoduscore_instapaper.apk", settings, isolate=False), settings)
    firebase = next(f for f in findings if f.id == "app.tracker" and "Firebase" in f.evidence["tracker"]["name"])
    assert firebase.evidence["tracker"]["hosts"] == ["app-measurement.com"]
