"""An app checked against its privacy policy (`fineprint audit app.apk --policy policy.md`): real APK samples of
../shared paired with policies written for them (tests/flows/policies/). Consistent pairs must give no finding of the
three app.policy-* ids; every inconsistency planted in the other policies must be found, and nothing else."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

POLICIES = Path(__file__).resolve().parent / "policies"
C, U, S = "app.policy-contradiction", "app.policy-undisclosed-collection", "app.policy-undisclosed-sharing"

# (APK sample, policy) -> the planted inconsistencies: (id, data type or tracker)
PAIRS = {
    ("trk_exoduscore_instapaper", "instapaper-consistent"): set(),
    ("trk_exoduscore_instapaper", "instapaper-omissions"): {
        (U, "clipboard"), (U, "location"), (U, "account"),  # clipboard read by the app; Facebook Places, Login
        (S, "Facebook Login"), (S, "Facebook Share"), (S, "Facebook Places")},  # Facebook never named
    ("droidbench_LocationLeak1", "location-consistent"): set(),
    ("droidbench_LocationLeak1", "location-contradiction"): {(C, "location")},
    ("droidbench_LocationLeak1", "location-consistent-fr"): set(),
    ("droidbench_LocationLeak1", "location-contradiction-fr"): {(C, "location")},
    ("droidbench_Contacts1", "contacts-consistent"): set(),
    ("droidbench_Contacts1", "contacts-mixed"): {(C, "call-log"), (U, "device-identifiers")},
    ("trk_firebase_crashlytics_sample", "firebase-consistent"): set(),
    ("trk_firebase_crashlytics_sample", "firebase-omissions"): {
        (U, "usage"), (U, "device-identifiers"), (U, "crash-diagnostics"), (U, "device-information"),
        (S, "Google Firebase Analytics"), (S, "Google CrashLytics")},
}


def found(report) -> set[tuple[str, str]]:
    return {(f.id, f.evidence.get("data_type") or f.evidence.get("tracker")) for f in report.findings
            if f.id.startswith("app.policy-")}


@pytest.mark.parametrize("apk,policy", list(PAIRS))
def test_planted_inconsistencies_found_and_nothing_else(shared, apk, policy):
    from fineprint.flows.app import audit_with_policy
    from fineprint.settings import Settings

    path = shared / "apk" / "samples" / f"{apk}.apk"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    report = audit_with_policy(str(path), str(POLICIES / f"{policy}.md"), Settings())
    assert found(report) == PAIRS[(apk, policy)]
    # the app's own findings are all still there, explained
    assert any(f.id.startswith("app.") and not f.id.startswith("app.policy-") for f in report.findings)
    for f in report.findings:
        if f.id.startswith("app.policy-"):
            assert f.severity == "high" and f.explanation and f.title
            assert f.text.startswith("App: ") and " | Policy: " in f.text  # both pieces of evidence, side by side


def run(*args):
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("fmt", ["json", "text", "md", "html", "sarif"])
def test_every_report_format_shows_the_contradiction_with_both_sides(shared, fmt):
    apk = shared / "apk" / "samples" / "droidbench_LocationLeak1.apk"
    if not apk.is_file():
        pytest.skip(f"{apk} not present")
    r = run("audit", str(apk), "--policy", str(POLICIES / "location-contradiction.md"), "-f", fmt)
    assert r.returncode == 0, r.stderr
    out = r.stdout.replace("\\_", "_")  # Markdown escapes underscores
    assert "app.policy-contradiction" in out
    assert "ACCESS_FINE_LOCATION" in out
    assert "We do not collect your location." in out
    if fmt == "json":
        data = json.loads(r.stdout)
        hit = next(f for f in data["findings"] if f["id"] == "app.policy-contradiction")
        assert hit["evidence"]["app"][0]["permissions"] == ["android.permission.ACCESS_FINE_LOCATION"]
        assert hit["evidence"]["policy"]["passages"][0]["line"] == 3


def test_policy_with_a_document_instead_of_an_apk_is_a_one_line_error():
    r = run("audit", str(POLICIES / "location-consistent.md"), "--policy", str(POLICIES / "location-consistent.md"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len([l for l in r.stderr.splitlines() if l.strip()]) == 1
    assert "not an APK" in r.stderr


def test_missing_policy_file_is_a_one_line_error(shared, tmp_path):
    apk = shared / "apk" / "samples" / "droidbench_LocationLeak1.apk"
    if not apk.is_file():
        pytest.skip(f"{apk} not present")
    r = run("audit", str(apk), "--policy", str(tmp_path / "nope.html"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len([l for l in r.stderr.splitlines() if l.strip()]) == 1
