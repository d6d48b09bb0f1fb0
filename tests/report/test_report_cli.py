"""`fineprint audit` as a user runs it: formats, -o FILE, --fail-on exit codes, --lang fr."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

CLAUSE = ("Participation in the Program and/or receipt or use of Rewards constitutes a Member's consent for Sponsor "
          "to use and publish such Member's photo, name likeness, voice, opinions, statements, biographical "
          "information, and/or hometown and state for promotional or advertising purposes in any media worldwide, "
          "now known or hereafter developed, in perpetuity without further review, notification, payment, or "
          "consideration.\n")
HARMLESS = "These are the rules of our summer contest. The contest starts on 1 June and ends on 30 June.\n"


def fineprint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def offer(tmp_path):
    path = tmp_path / "offer.txt"
    path.write_text(CLAUSE, encoding="utf-8")
    return str(path)


@pytest.fixture
def harmless(tmp_path):
    path = tmp_path / "contest.txt"
    path.write_text(HARMLESS, encoding="utf-8")
    return str(path)


def rule_detector_present() -> bool:
    from fineprint.detectors.registry import text_detectors

    return bool(text_detectors())


needs_rules = pytest.mark.skipif(not rule_detector_present(), reason="no text detector registered yet")


@needs_rules
@pytest.mark.parametrize("fail_on, code", [("high", 1), ("medium", 1), ("info", 1)])
def test_fail_on_exits_1_when_a_finding_reaches_the_threshold(offer, fail_on, code):
    assert fineprint("audit", offer, "--fail-on", fail_on, "-f", "json").returncode == code


def test_fail_on_exits_0_when_nothing_reaches_it(harmless):
    out = fineprint("audit", harmless, "--fail-on", "low")
    assert out.returncode == 0, out.stderr
    assert "no potentially unfair or unlawful clause" in out.stdout


@needs_rules
def test_json_output_to_a_file_validates(offer, tmp_path):
    from fineprint.report.json import validate

    target = tmp_path / "report.json"
    out = fineprint("audit", offer, "-f", "json", "-o", str(target))
    assert out.returncode == 0 and out.stdout == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    validate(data)
    assert {"rights.likeness-use", "rights.perpetual"} <= {f["id"] for f in data["findings"]}


@needs_rules
def test_lang_fr_on_an_english_text(offer):
    out = fineprint("audit", offer, "--lang", "fr")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    assert "Pourquoi c'est important" in text and "RGPD art. 7(3)" in text


@needs_rules
@pytest.mark.parametrize("fmt, marker", [("md", "# fineprint report"), ("html", "<!DOCTYPE html>"),
                                         ("sarif", '"version": "2.1.0"'), ("markdown", "# fineprint report")])
def test_every_format_from_the_cli(offer, fmt, marker):
    out = fineprint("audit", offer, "-f", fmt)
    assert out.returncode == 0 and marker in out.stdout


def test_a_failed_input_in_a_batch_is_listed_and_exits_2(harmless, tmp_path):
    out = fineprint("audit", harmless, str(tmp_path / "missing.txt"), "-f", "json")
    assert out.returncode == 2
    data = json.loads(out.stdout)
    assert data["schema"] == "fineprint.batch/1" and len(data["reports"]) == 1
    assert data["failures"][0]["source"].endswith("missing.txt")
    assert "Traceback" not in out.stderr


TEMU_IDS = {"rights.likeness-use", "rights.perpetual", "rights.unbounded-scope", "rights.no-notice-no-compensation",
            "rights.consent-by-conduct", "rights.consent-for-reward"}


@needs_rules
@pytest.mark.parametrize("lang, act", [("en", "GDPR Art."), ("fr", "RGPD art.")])
def test_temu_example_yields_the_six_ids_explained_in_the_report_language(shared, lang, act):
    from fineprint import law

    source = str(shared / "examples" / "temu-cash-reward-2024.md")
    out = fineprint("audit", source, "--lang", lang, "-f", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["language"] == lang
    found = {f["id"]: f for f in data["findings"]}
    assert TEMU_IDS <= set(found)
    for id_ in TEMU_IDS:
        f = found[id_]
        assert f["title"] == law.entry(id_).title[lang]
        assert any(r["ref"].startswith(act) and r["url"].startswith("https://eur-lex.europa.eu/") for r in f["law"])
        assert f["explanation"] and f["advice"]
