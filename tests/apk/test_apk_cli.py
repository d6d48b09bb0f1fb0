"""`fineprint audit app.apk` end to end (ingest -> detect_app -> assess -> report) and `fineprint trackers`."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str, env_cache=None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    if env_cache is not None:
        env["FINEPRINT_CACHE_DIR"] = str(env_cache)
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], capture_output=True, timeout=180, env=env)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("fineprint: error: "), err
    return lines[0]


def test_audit_apk_json_has_app_section_and_tracker_attribution(samples, exodus_json):
    result = run("audit", str(samples / "trk_exoduscore_instapaper.apk"), "-f", "json", "--trackers", str(exodus_json))
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["document"]["kind"] == "app"
    app = report["app"]
    assert app["package"] == "com.olivierpayen.leaninstapaper"
    assert {t["name"] for t in app["trackers"]} >= {"Facebook Login", "Google CrashLytics"}
    ids = {f["id"] for f in report["findings"]}
    assert {"app.tracker", "app.clipboard-read"} <= ids
    tracker = next(f for f in report["findings"] if f["id"] == "app.tracker")
    assert "ODbL" in tracker["evidence"]["tracker"]["attribution"]


def needs_renderer(fmt: str) -> None:
    """The report formats are another part of fineprint; skip (not fail) while one has not landed."""
    import importlib.util

    module = {"md": "markdown"}.get(fmt, fmt)
    if importlib.util.find_spec(f"fineprint.report.{module}") is None:
        pytest.skip(f"fineprint.report.{module} is not available yet")


def test_audit_apk_html_shows_what_the_app_can_reach(samples):
    needs_renderer("html")
    result = run("audit", str(samples / "droidbench_LocationLeak1.apk"), "-f", "html", "--lang", "fr")
    assert result.returncode == 0, result.stderr.decode()
    html = result.stdout.decode()
    assert "<table" in html and "ACCESS_FINE_LOCATION" in html
    assert "Elle peut savoir où vous êtes" in html


def test_audit_janus_polyglot_through_the_cli(samples):
    result = run("audit", str(samples / "edge_fdroidserver_janus.apk"), "-f", "json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["app"]["package"] == "com.example"
    assert any("CVE-2017-13156" in line for line in json.dumps(report).split('"'))


def test_audit_truncated_apk_is_one_line_exit_2(samples, tmp_path):
    data = (samples / "vuln_pivaa.apk").read_bytes()
    cut = tmp_path / "cut.apk"
    cut.write_bytes(data[: len(data) // 3])
    assert "truncated" in one_error_line(run("audit", str(cut)))


def test_audit_random_bytes_named_apk_is_one_line_exit_2(tmp_path):
    junk = tmp_path / "junk.apk"
    junk.write_bytes(bytes(range(256)) * 64)
    one_error_line(run("audit", str(junk)))


def test_trackers_info_and_path(tmp_path, exodus_json):
    info = run("trackers", "info", env_cache=tmp_path)
    assert info.returncode == 0 and b"shipped" in info.stdout
    path = run("trackers", "path", env_cache=tmp_path)
    assert path.stdout.decode().strip() == str(tmp_path / "exodus_trackers.json")
    given = run("trackers", "info", "--trackers", str(exodus_json), env_cache=tmp_path)
    assert given.returncode == 0 and b"ODbL" in given.stdout


def test_trackers_update_unreachable_is_one_line_exit_2(tmp_path):
    result = run("trackers", "update", "--url", "http://127.0.0.1:9/api/trackers", "--timeout", "2",
                 env_cache=tmp_path)
    assert "could not download" in one_error_line(result)
    assert not (tmp_path / "exodus_trackers.json").exists()


@pytest.mark.parametrize("fmt", ["text", "md", "sarif"])
def test_audit_apk_every_format(samples, fmt):
    needs_renderer(fmt)
    result = run("audit", str(samples / "droidbench_SendSMS.apk"), "-f", fmt)
    assert result.returncode == 0, result.stderr.decode()
    assert b"app.sms" in result.stdout or b"SMS" in result.stdout
