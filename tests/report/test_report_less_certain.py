"""Findings below the reporting floor are listed apart ("Worth checking" / « À vérifier »), in every format, and
never counted: not in the summary, the headline, the severity counts or --fail-on."""
from __future__ import annotations

import json

import pytest

from fineprint.assess import assess
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.report import render
from fineprint.report.json import validate

TEXT = ("1. We may end your account at any time without notice.\n"
        "2. We may offer you another subscription or delete the user account in these cases.\n")
SURE, UNSURE = TEXT.splitlines()


def _findings() -> list[Finding]:
    start = TEXT.index(UNSURE)
    return [Finding(id="unfair.unilateral-termination", span=Span(0, len(SURE)), text=SURE, confidence=0.93,
                     detector="model:unfair/v2", clause_id="c1"),
             Finding(id="unfair.content-removal", span=Span(start, start + len(UNSURE)), text=UNSURE,
                     confidence=0.35, detector="model:unfair/v2", clause_id="c2",
                     highlights=(Span(TEXT.index("delete"), TEXT.index("delete") + 6),))]


def _report(lang: str = "en"):
    info = DocumentInfo(source="terms.txt", kind="terms", language=lang, sha256="0" * 64, chars=len(TEXT))
    return assess(info, _findings(), text=TEXT)


def test_json_lists_them_apart_with_their_line_and_the_summary_does_not_count_them():
    data = json.loads(render(_report(), "json"))
    validate(data)
    assert [f["id"] for f in data["findings"]] == ["unfair.unilateral-termination"]
    assert [f["id"] for f in data["less_certain"]] == ["unfair.content-removal"]
    assert data["less_certain"][0]["confidence"] == 0.35 and data["less_certain"][0]["position"]["line"] == 2
    assert data["less_certain"][0]["explanation"] and data["less_certain"][0]["law"]
    assert sum(data["summary"]["by_severity"].values()) == 1
    assert "remov" not in data["summary"]["headline"].lower()


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_reading_format_shows_the_section_after_the_counted_findings(fmt):
    out = render(_report(), fmt)
    assert "Worth checking (less certain)" in out
    assert out.index("Worth checking") > out.index("Details by finding")
    section = out[out.index("Worth checking"):]
    assert "Removal of your content at will" in section and "0.35" in section
    assert "another subscription" in section  # the clause itself, to read
    assert "line 2" in section


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_french_reports_say_a_verifier(fmt):
    out = render(_report("fr"), fmt)
    assert "À vérifier (moins sûr)" in out and "0,35" in out


def test_fail_on_ignores_what_is_only_worth_checking():
    """--fail-on follows report.worst_severity(): a guess below the floor alone does not fail a build."""
    from fineprint.cli import _fails  # the --fail-on decision itself

    report = _report()
    only_guess = assess(report.document, [f for f in _findings() if f.confidence < 0.5], text=TEXT)
    assert only_guess.less_certain and only_guess.worst_severity() is None
    assert not _fails(only_guess, "low")
    assert _fails(report, "low")
