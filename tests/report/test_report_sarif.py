"""SARIF 2.1.0 output for CI: rules from the taxonomy, levels from severity, regions with lines."""
from __future__ import annotations

import json

import pytest

from fineprint import law
from fineprint.report import render, render_many

from report_builders import DOC, TEMU


def sarif(report):
    return json.loads(render(report, "sarif"))


def test_structure_is_sarif_2_1_0(temu_report):
    log = sarif(temu_report)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "fineprint"
    assert [r["id"] for r in driver["rules"]] == law.all_ids()
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"] and rule["helpUri"].startswith("https://")
        expected = ("none",) if rule["id"].startswith("practice.") else ("error", "warning", "note")
        assert rule["defaultConfiguration"]["level"] in expected
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]


@pytest.mark.parametrize("severity, level", [("high", "error"), ("medium", "warning"), ("low", "note"),
                                             ("info", "note")])
def test_levels_follow_severity(temu_report, severity, level):
    from dataclasses import replace

    report = replace(temu_report, findings=(replace(temu_report.findings[0], severity=severity),))
    assert sarif(report)["runs"][0]["results"][0]["level"] == level


def test_privacy_practices_are_informational_not_alerts(temu_report):
    """A CI check of a privacy policy must not raise hundreds of alerts for "we collect your e-mail address"."""
    from dataclasses import replace

    practice = replace(temu_report.findings[0], id="practice.first-party-collection", severity="info")
    report = replace(temu_report, findings=(practice, temu_report.findings[0]))
    first, second = sarif(report)["runs"][0]["results"]
    assert (first["kind"], first["level"]) == ("informational", "none")
    assert "kind" not in second and second["level"] != "none"


def test_regions_give_offsets_and_lines(temu_report):
    results = sarif(temu_report)["runs"][0]["results"]
    perpetual = next(r for r in results if r["ruleId"] == "rights.perpetual")
    region = perpetual["locations"][0]["physicalLocation"]["region"]
    assert region["charOffset"] == DOC.index(TEMU) and region["charLength"] == len(TEMU)
    assert region["startLine"] == DOC[:DOC.index(TEMU)].count("\n") + 1 == 7
    law_result = next(r for r in results if r["ruleId"] == "unfair.choice-of-law")
    assert law_result["level"] == "warning"
    assert law_result["locations"][0]["physicalLocation"]["region"]["startLine"] == 10
    assert perpetual["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "rules.txt"


def test_app_results_have_no_text_region(app_report):
    for result in sarif(app_report)["runs"][0]["results"]:
        assert "region" not in result["locations"][0]["physicalLocation"]


def test_batch_is_one_run_with_several_artifacts(temu_report, app_report):
    log = json.loads(render_many([temu_report, app_report], "sarif", failures=[("x.pdf", "bad")]))
    (run,) = log["runs"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["rules.txt", "shop.apk"]
    indexes = {r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] for r in run["results"]}
    assert indexes == {0, 1}
    assert run["invocations"][0]["executionSuccessful"] is False


def test_french_rules_and_messages(temu_report_fr):
    run = sarif(temu_report_fr)["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "rights.perpetual")
    assert rule["shortDescription"]["text"] == "Consentement ou licence sans fin"
    assert "Pourquoi c'est important" in rule["help"]["text"]


@pytest.mark.parametrize("source, uri", [("terms/cgu.md", "terms/cgu.md"), ("/srv/legal/terms.md", "/srv/legal/terms.md"),
                                         ("-", "stdin"), ("https://example.com/tos", "https://example.com/tos"),
                                         ("legal\\terms.md", "legal/terms.md")])
def test_artifact_uri_is_the_source_as_given(source, uri):
    from fineprint.report.sarif import artifact_uri

    assert artifact_uri(source) == uri


def test_fingerprints_follow_the_clause_not_its_position(temu_report):
    from dataclasses import replace

    from fineprint.model import Span

    first = sarif(temu_report)["runs"][0]["results"][0]["partialFingerprints"]
    moved_finding = replace(temu_report.findings[0], span=Span(0, len(temu_report.findings[0].text)))
    moved = sarif(replace(temu_report, findings=(moved_finding,), text=""))["runs"][0]["results"][0]
    assert moved["partialFingerprints"] == first
    ids = [r["partialFingerprints"]["fineprintClause/v1"] for r in sarif(temu_report)["runs"][0]["results"]]
    assert len(set(ids)) == len(ids)
