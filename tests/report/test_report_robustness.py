"""Every format copes with odd but possible reports: nothing found, spans outside the text, no text at all."""
from __future__ import annotations

import json

import pytest

from fineprint.assess import assess
from fineprint.errors import UsageError
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.report import FORMATS, render, render_many
from fineprint.report.json import validate
from fineprint.settings import Settings


def odd_reports():
    info = DocumentInfo(source="-", kind="unknown", language="unknown", sha256="", chars=10)
    yield assess(info, [], settings=Settings(), text="")
    outside = Finding(id="rights.perpetual", span=Span(5, 500), text="forever and ever",
                      highlights=(Span(900, 950), Span(6, 8)))
    yield assess(info, [outside], settings=Settings(), text="short text")
    no_text = Finding(id="unfair.arbitration", span=Span(0, 20), text="binding arbitration.")
    yield assess(info, [no_text], settings=Settings(lang="fr"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_odd_reports_render_in_every_format(fmt):
    for report in odd_reports():
        out = render(report, fmt)
        for finding in report.findings:
            assert finding.id in out
        if not report.findings and fmt != "sarif":
            assert "no potentially unfair or unlawful clause" in out
        if fmt == "json":
            validate(json.loads(out))
        if fmt == "sarif":
            assert len(json.loads(out)["runs"][0]["results"]) == len(report.findings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_batch_renders(fmt):
    out = render_many([], fmt, failures=[("a.txt", "empty file")])
    assert "a.txt" in out


def test_unknown_format_is_a_usage_error():
    report = next(odd_reports())
    with pytest.raises(UsageError, match="choose one of text, json, md, html, sarif"):
        render(report, "pdf")
