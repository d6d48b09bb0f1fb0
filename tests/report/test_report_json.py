"""JSON reports follow fineprint.report/1 and validate against the schema shipped in the package."""
from __future__ import annotations

import json

import jsonschema
import pytest

from fineprint.report import render, render_many
from fineprint.report.json import schema, to_dict, validate

from report_builders import make_app_report, make_hostile_report, make_temu_report


@pytest.mark.parametrize("make", [make_temu_report, lambda: make_temu_report("fr"), make_hostile_report,
                                  make_app_report])
def test_every_report_validates_against_the_package_schema(make):
    data = json.loads(render(make(), "json"))
    jsonschema.validate(data, schema())
    validate(data)


def test_design_md_shape(temu_report):
    data = to_dict(temu_report)
    assert data["schema"] == "fineprint.report/1"
    assert data["tool"]["name"] == "fineprint" and data["tool"]["version"]
    assert set(data["document"]) == {"source", "kind", "language", "sha256", "chars"}
    first = data["findings"][0]
    for key in ("id", "title", "severity", "confidence", "span", "text", "explanation", "law", "detector", "evidence"):
        assert key in first
    assert first["law"][0]["url"].startswith("https://")
    assert data["summary"]["by_severity"] == {"high": 4, "medium": 3}
    assert "app" not in data


def test_app_reports_carry_the_app_section(app_report):
    data = to_dict(app_report)
    assert data["app"]["package"] == "com.example.shop"
    assert data["app"]["trackers"] == [{"name": "Facebook Ads", "categories": ["Advertisement"], "website": "",
                                        "source": "exodus"}]


def test_a_report_that_breaks_the_schema_is_caught(temu_report):
    data = to_dict(temu_report)
    data["findings"][0]["severity"] = "critical"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_batch_json_lists_reports_and_failures(temu_report, app_report):
    data = json.loads(render_many([temu_report, app_report], "json", failures=[("broken.pdf", "not a PDF")]))
    assert data["schema"] == "fineprint.batch/1"
    assert [r["document"]["source"] for r in data["reports"]] == ["rules.txt", "shop.apk"]
    assert data["failures"] == [{"source": "broken.pdf", "error": "not a PDF"}]
    validate(data)
    data["reports"][1]["findings"][0]["id"] = "Not An Id"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_odd_evidence_values_become_plain_json(temu_report):
    from dataclasses import replace

    odd = replace(temu_report.findings[0], evidence={"set": {"b", "a"}, "tuple": (1, 2), "obj": object})
    data = to_dict(replace(temu_report, findings=(odd,)))
    assert data["findings"][0]["evidence"]["set"] == ["a", "b"]
    assert data["findings"][0]["evidence"]["tuple"] == [1, 2]
    json.dumps(data)
