"""The report summary (fineprint.report.summary): a verdict, the few things that matter most with an excerpt each,
counts by family and severity, and every finding id once with its clauses under it."""
from __future__ import annotations

import json

from fineprint.report import render
from fineprint.report.json import validate
from fineprint.report.summary import summarize

from report_builders import DOC, TEMU, make_app_report, make_policy_report, make_temu_report


def test_temu_summary_says_how_bad_and_why():
    s = summarize(make_temu_report())
    assert s.level == "serious"
    assert s.verdict == "Think twice before accepting: 4 serious problems."
    assert [p.severity for p in s.top][:4] == ["high"] * 4
    assert len(s.top) == 5 and len({p.id for p in s.top}) == 5
    # each key point quotes a short excerpt of its clause with the decisive words in it
    for p in s.top:
        assert p.excerpt and len(p.excerpt) <= 170, p
        assert any(piece.decisive for piece in p.pieces)
        assert p.line == DOC.count("\n", 0, DOC.index(TEMU)) + 1 or p.id == "unfair.choice-of-law"


def test_counts_by_family_and_severity():
    s = summarize(make_temu_report())
    assert s.counts.by_family == {"rights": 6, "unfair": 1}
    assert s.counts.by_severity == {"high": 4, "medium": 3}
    assert s.counts.by_family_severity["unfair"] == {"medium": 1}
    assert s.counts.total == 7 and s.counts.clauses == 2


def test_groups_hold_every_finding_once_with_one_explanation():
    report = make_policy_report()
    s = summarize(report)
    ids = [g.id for g in s.groups]
    assert len(ids) == len(set(ids)) == len({f.id for f in report.findings})
    held = sorted(c.finding for g in s.groups for c in g.clauses)
    assert held == list(range(len(report.findings)))
    collect = next(g for g in s.groups if g.id == "practice.first-party-collection")
    assert len(collect.clauses) == 5
    assert [c.start for c in collect.clauses] == sorted(c.start for c in collect.clauses)
    assert all(report.text[c.start:c.end] == report.findings[c.finding].text for c in collect.clauses)
    # practice.* describe, they do not accuse: never a key point
    assert all(not p.id.startswith("practice.") for p in s.top)
    assert s.top[0].id == "unfair.unilateral-termination"


def test_line_and_column_point_at_the_clause():
    report = make_policy_report()
    for g in summarize(report).groups:
        for c in g.clauses:
            line = report.text.split("\n")[c.line - 1]
            assert line[c.column - 1:].startswith(report.findings[c.finding].text[:20])


def test_app_summary_and_french_verdict():
    s = summarize(make_app_report())
    assert s.level in ("serious", "concerns") and "install" in s.verdict
    assert all(p.line == 0 and p.excerpt for p in s.top)
    fr = summarize(make_temu_report("fr"))
    assert fr.verdict.startswith("Réfléchissez avant d'accepter") and "4 problèmes graves" in fr.verdict


def test_json_report_carries_the_summary_and_stays_compatible():
    data = json.loads(render(make_temu_report(), "json"))
    validate(data)
    summary = data["summary"]
    assert summary["by_severity"] == {"high": 4, "medium": 3} and summary["headline"]
    assert summary["verdict"].startswith("Think twice")
    assert summary["by_family"] == {"rights": 6, "unfair": 1}
    assert {g["id"] for g in summary["groups"]} == {f["id"] for f in data["findings"]}
    for point in summary["top"]:
        assert data["findings"][point["finding"]]["id"] == point["id"]
    # an old reader's summary (only by_severity and headline) still validates
    data["summary"] = {"by_severity": summary["by_severity"], "headline": summary["headline"]}
    validate(data)


def test_what_matters_most_prefers_a_clause_not_quoted_above_within_a_severity():
    """Four High ids and two Medium ones sit in the Temu clause; the Medium choice of law is in another clause: it
    takes the fifth place, so the list shows both clauses (Bolt's list gave two of five places to one sentence)."""
    s = summarize(make_temu_report())
    assert [p.severity for p in s.top] == ["high"] * 4 + ["medium"]
    assert s.top[4].id == "unfair.choice-of-law"
    assert len({p.line for p in s.top}) == 2


def test_a_privacy_policy_is_not_something_one_accepts():
    """"Think twice before accepting" read oddly above a privacy notice (Arc, Palia, session 39)."""
    from dataclasses import replace

    report = make_policy_report()
    report = replace(report, findings=tuple(replace(f, severity="high") if f.id.startswith("unfair.") else f
                                            for f in report.findings))
    assert summarize(report).verdict == "Think twice before using this service: 1 serious problem."
    assert summarize(make_temu_report()).verdict.startswith("Think twice before accepting")


def test_what_matters_most_quotes_a_clause_rule_and_model_agree_on_and_one_that_stands_alone():
    """Bluesky's arbitration point quoted a procedural step the model alone scored 0.95 over clauses a rule and the
    model both found; a clause opening on « Dans le cas contraire » or "They" cannot be read alone (session 40)."""
    from fineprint.assess import assess
    from fineprint.model import DocumentInfo, Finding, Span
    from fineprint.settings import Settings

    text = ("You will join a phone call after you submit your request. They may also decide any dispute by "
            "binding arbitration. You waive any right to a class action and agree to binding arbitration. "
            "Disputes go to arbitration.")
    step, lean, waiver, last = (text.index(s) for s in ("You will join", "They may", "You waive", "Disputes go"))

    def found(start, end, confidence, *detectors):
        return [Finding(id="unfair.arbitration", span=Span(start, end), text=text[start:end], confidence=confidence,
                        detector=d) for d in detectors]

    findings = (found(step, lean - 1, 0.95, "model:unfair/v2")
                + found(lean, waiver - 1, 0.9, "rule:unfair.arbitration/x", "model:unfair/v2")
                + found(waiver, last - 1, 0.85, "rule:unfair.arbitration/class-action-waiver", "model:unfair/v2")
                + found(last, len(text), 0.99, "rule:unfair.arbitration/y"))
    info = DocumentInfo(source="t.txt", kind="terms", language="en", sha256="0" * 64, chars=len(text))
    (point,) = summarize(assess(info, findings, settings=Settings(), text=text)).top
    assert point.count == 4 and "class action" in point.excerpt


def test_a_data_sale_that_is_only_a_merger_goes_after_the_other_serious_points():
    """Tinder's and Lyft's readers found "if we are acquired, your data may be transferred" leading "What matters
    most" above sensitive data (session 41): still a finding, but after the tier's other points; and a group with a
    real sale quotes the sale, not the merger."""
    from fineprint.assess import assess
    from fineprint.model import DocumentInfo, Finding, Span
    from fineprint.settings import Settings

    merger = "If we are involved in a merger, acquisition or sale of assets, your data may be transferred."
    health = "We collect information about your health and your sexual orientation when you fill in your profile."
    sale = "We sell your personal data to advertising partners."
    text = f"{merger}\n\n{health}\n\n{sale}\n"

    def finding(id_, clause, confidence):
        start = text.index(clause)
        return Finding(id=id_, span=Span(start, start + len(clause)), text=clause, confidence=confidence,
                       detector="rule:test")

    info = DocumentInfo(source="p.md", kind="privacy-policy", language="en", sha256="", chars=len(text))
    only_merger = assess(info, [finding("rights.data-sale", merger, 0.99), finding("rights.sensitive-data", health, 0.9)],
                         settings=Settings(), text=text)
    assert [p.id for p in summarize(only_merger).top][:2] == ["rights.sensitive-data", "rights.data-sale"]
    both = assess(info, [finding("rights.data-sale", merger, 0.99), finding("rights.data-sale", sale, 0.8)],
                  settings=Settings(), text=text)
    [point] = [p for p in summarize(both).top if p.id == "rights.data-sale"]
    assert "advertising partners" in point.excerpt
