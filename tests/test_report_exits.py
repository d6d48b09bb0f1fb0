"""A contract's own ways out of its arbitration clause, quoted with their line (report/help.py ``named_exits``): the
window to opt out of it and small-claims court. The documents are written for these tests."""
from __future__ import annotations

import json

import fineprint
from fineprint.report import render
from fineprint.settings import Settings

TERMS = """# Terms of Service

## 12. Dispute resolution

Any dispute between you and Acme shall be resolved by binding individual arbitration administered by the American
Arbitration Association, and you waive any right to participate in a class action.

Acme may opt out of arbitration by sending written notice to the arbitration provider.

Either party may bring an individual action in small claims court instead of arbitration.

You may opt out of this arbitration agreement within 30 days of first accepting these Terms by e-mailing
optout@acme.example with your name and the statement that you wish to opt out.

If a court finds a violation of the mass action waiver, the parties may opt out of arbitration and proceed in small
claims court.
"""


def _report(text: str, name: str = "terms.md"):
    return fineprint.audit(text.encode("utf-8"), Settings(isolate=False), name=name)


def _exits(report):
    return json.loads(render(report, "json"))["summary"].get("exits", [])


def test_the_readers_opt_out_window_and_small_claims_court_are_quoted_with_their_line():
    report = _report(TERMS)
    assert any(f.id == "unfair.arbitration" for f in report.findings)
    exits = _exits(report)
    kinds = [e["kind"] for e in exits]
    assert kinds.count("opt-out") == 1 and kinds.count("small-claims") == 1, exits
    opt = next(e for e in exits if e["kind"] == "opt-out")
    assert opt["excerpt"].startswith("You may opt out of this arbitration agreement within 30 days")
    lines = TERMS.splitlines()
    assert "You may opt out" in lines[opt["line"] - 1]
    small = next(e for e in exits if e["kind"] == "small-claims")
    assert small["excerpt"].startswith("Either party may bring an individual action in small claims court")
    # the company's own opt-out and the opt-out after a mass-action ruling are not the reader's way out
    assert not any("Acme may opt out" in e["excerpt"] or "mass action" in e["excerpt"] for e in exits)


def test_the_ways_out_are_shown_in_every_format():
    report = _report(TERMS)
    md = render(report, "md")
    assert "**Your ways out of its arbitration clause, as the document says**" in md
    assert "- Opt out of arbitration, line" in md and "- Small-claims court, line" in md
    assert "Your ways out of its arbitration clause" in render(report, "text")
    assert "Your ways out of its arbitration clause" in render(report, "html")
    fr = fineprint.audit(TERMS.encode("utf-8"), Settings(isolate=False, lang="fr"), name="terms.md")
    assert "Vos moyens d’échapper à sa clause d’arbitrage" in render(fr, "md")


def test_no_ways_out_without_an_arbitration_clause_to_escape():
    text = ("# Terms\n\nWe may terminate your account at any time, for any reason, without notice.\n\n"
            "Nothing in these terms prevents you from bringing a claim in small claims court.\n")
    report = _report(text)
    assert not any(f.id == "unfair.arbitration" for f in report.findings)
    assert _exits(report) == []


def test_a_waiver_worded_as_opting_out_is_no_way_out():
    text = TERMS.replace(
        "You may opt out of this arbitration agreement within 30 days of first accepting these Terms by e-mailing\n"
        "optout@acme.example with your name and the statement that you wish to opt out.",
        "To the extent permitted by law, you hereby agree to opt out of any class proceeding against Acme.")
    assert [e for e in _exits(_report(text)) if e["kind"] == "opt-out"] == []


def test_an_opt_out_for_the_people_who_work_through_the_service_is_not_the_consumers():
    """Lyft's opt-out is for "a Driver or Driver applicant"; its next sentence ("you may opt out of any revisions")
    stands in the same paragraph (session 41's readers: a rider has no opt-out)."""
    text = TERMS.replace(
        "You may opt out of this arbitration agreement within 30 days of first accepting these Terms by e-mailing\n"
        "optout@acme.example with your name and the statement that you wish to opt out.",
        "As a Driver or Driver applicant, you may opt out of the requirement to arbitrate Driver Claims. If you have "
        "previously agreed to such an arbitration provision, you may opt out of any revisions to your prior "
        "arbitration agreement within 30 days by e-mailing optout@acme.example.")
    assert [e for e in _exits(_report(text)) if e["kind"] == "opt-out"] == []
