"""The command line as a user meets it: help, versions, exit statuses, one-line errors, the bundled example."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fineprint.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_EN = ROOT / "examples" / "cash-reward-rules.md"
EXAMPLE_FR = ROOT / "examples" / "recompense-parrainage.md"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)


def assert_one_line_error(r):
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, r.stderr


def test_help_lists_every_command():
    r = run("--help")
    assert r.returncode == 0
    for name in COMMANDS:
        assert name in r.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(name):
    r = run(name, "--help")
    assert r.returncode == 0, r.stderr
    assert "Usage:" in r.stdout


def test_version():
    r = run("--version")
    assert r.returncode == 0 and "fineprint" in r.stdout


def test_unknown_command_is_a_usage_error():
    r = run("audti", "x.txt")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_explain_unknown_id_is_one_line():
    assert_one_line_error(run("explain", "rights.does-not-exist"))


def test_audit_bundled_example_reports_the_temu_style_clause():
    r = run("audit", str(EXAMPLE_EN), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    ids = {f["id"] for f in report["findings"]}
    for expected in ("rights.likeness-use", "rights.perpetual", "rights.unbounded-scope",
                     "rights.no-notice-no-compensation", "rights.consent-by-conduct", "rights.consent-for-reward",
                     "rights.moral-rights-waiver", "rights.third-country-transfer", "rights.rights-waiver"):
        assert expected in ids, (expected, sorted(ids))
    # the protective clauses of the example are not findings
    texts = " ".join(f["text"] for f in report["findings"] if f["severity"] != "info")
    assert "We never sell your personal data" not in texts
    assert "withdraw your consent to marketing" not in texts


def test_audit_french_example_explains_in_french():
    r = run("audit", str(EXAMPLE_FR), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["document"]["language"] == "fr"
    likeness = [f for f in report["findings"] if f["id"] == "rights.likeness-use"]
    assert likeness, [f["id"] for f in report["findings"]]
    assert any(w in likeness[0]["explanation"].lower() for w in (" vous ", " votre ", " vos "))


def test_fail_on_sets_exit_status_1():
    assert run("audit", str(EXAMPLE_EN), "--format", "json", "--fail-on", "high").returncode == 1


def test_fail_on_not_reached_exits_0(tmp_path):
    harmless = tmp_path / "harmless.txt"
    harmless.write_text("We never sell your personal data. You can delete your account at any time.\n")
    # practice.* may describe these sentences (severity info); nothing is low, medium or high
    assert run("audit", str(harmless), "--fail-on", "low").returncode == 0


def test_a_failing_input_does_not_lose_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = run("audit", str(EXAMPLE_EN), str(empty), str(tmp_path / "missing.txt"), "--format", "json")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len([l for l in r.stderr.splitlines() if l.strip()]) == 2  # one line per failed input
    batch = json.loads(r.stdout)
    assert len(batch["reports"]) == 1 and len(batch["failures"]) == 2


def test_output_file(tmp_path):
    out = tmp_path / "report.html"
    r = run("audit", str(EXAMPLE_EN), "--format", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "likeness" in html


def test_classify_one_json_object_per_line():
    lines = ["By using the Service you agree to be bound by these Terms.",
             "We never sell your personal data.",
             "Any dispute shall be resolved by binding arbitration."]
    r = run("classify", stdin="\n".join(lines) + "\n")
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(out) == 3
    assert "unfair.contract-by-using" in out[0]["labels"]
    assert not any(l.startswith("rights.") for l in out[1]["labels"])
    assert all(isinstance(o["scores"], dict) for o in out)


def test_min_confidence_shows_or_hides_guesses(tmp_path):
    doc = tmp_path / "terms.txt"
    doc.write_text("Terms of service.\n\nWe may change these terms from time to time.\n\n"
                   "We may terminate your account at any time, for any reason, without notice.\n", encoding="utf-8")
    default = json.loads(run("audit", str(doc), "--format", "json").stdout)
    everything = json.loads(run("audit", str(doc), "--format", "json", "--min-confidence", "0").stdout)
    assert all(f["confidence"] >= 0.5 for f in default["findings"])
    assert len(everything["findings"]) >= len(default["findings"])
    hidden = len(everything["findings"]) - len(default["findings"])
    assert (hidden > 0) == any("below confidence 0.5 not shown" in w for w in default["warnings"])
    r = run("audit", str(doc), "--min-confidence", "2")
    assert r.returncode == 2 and "Traceback" not in r.stderr
