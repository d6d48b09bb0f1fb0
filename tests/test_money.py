"""money.*: what a reader pays and may lose (session 43). A whole terms of service audited as a user would: the
indemnity, the refusal of refunds, the automatic renewal and the credits lost on closure are reported with their
severity, reason and law; the protective clauses of the same document are not; French terms alike."""
from __future__ import annotations

import json

import pytest

from fineprint import audit, classify
from fineprint.report import render
from fineprint.settings import Settings

TERMS = """# Terms of Service

## Payments

If you purchase a subscription, it will automatically renew until you cancel.

All purchases are final and non-refundable, and there are no refunds or credits for partially used periods.

If we terminate your account for any reason, you will not receive a refund of any fees you have paid.

Fees are non-refundable except where required by law.

If you cancel within 14 days, we will refund all payments received from you.

Your subscription will not automatically renew at the end of the free plan.

## Credits

Any unused Credits will expire 12 months after the date of purchase.

If your account is closed, you will lose any Coins remaining in your wallet, without compensation.

Gift cards do not expire.

## Indemnity

You agree to defend, indemnify and hold harmless the Company from any claim arising out of your use of the Service,
including reasonable attorneys' fees.

You agree to indemnify us for the losses we suffer if you breach these Terms.

We will defend and indemnify you against any claim that the Service infringes a third party's patent.
"""

CONDITIONS = """# Conditions générales

L'abonnement se renouvelle automatiquement par tacite reconduction pour une durée identique.

En cas de fermeture de votre compte par la Société, aucun remboursement des sommes déjà versées ne sera effectué.

Les points non utilisés dans un délai de 12 mois seront définitivement perdus.

L'Utilisateur garantit la Société contre toute réclamation de tiers et s'engage à l'indemniser de tous frais, y
compris d'avocat.

L'offre est sans reconduction tacite.

Nous ne vous demanderons aucun remboursement en cas de perte relevant d'une négligence de notre part.
"""


@pytest.fixture(scope="module")
def report():
    return audit(TERMS.encode("utf-8"), name="terms.md")


@pytest.fixture(scope="module")
def rapport():
    return audit(CONDITIONS.encode("utf-8"), Settings(lang="fr"), name="conditions.md")


def _by_id(report, id_):
    return {" ".join(f.text.split())[:50]: f for f in report.findings if f.id == id_}


def test_every_money_term_of_the_document_is_reported(report):
    ids = {f.id for f in report.findings if f.id.startswith("money.")}
    assert ids == {"money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture"}


def test_protective_clauses_are_not_findings(report):
    texts = [f.text for f in report.findings if f.id.startswith("money.")]
    for protective in ("we will refund all payments", "will not automatically renew", "Gift cards do not expire",
                       "We will defend and indemnify you"):
        assert not any(protective in t for t in texts), protective


def test_severity_and_its_reason_follow_the_clause(report):
    refunds = _by_id(report, "money.no-refund")
    kept = next(f for k, f in refunds.items() if k.startswith("Fees are non-refundable except"))
    assert kept.severity == "low" and "law" in kept.severity_reason
    final = next(f for k, f in refunds.items() if k.startswith("All purchases are final"))
    assert final.severity == "medium"
    indemnities = _by_id(report, "money.indemnity")
    broad = next(f for k, f in indemnities.items() if "arising out of your use" in f.text)
    own = next(f for k, f in indemnities.items() if "if you breach" in f.text)
    assert broad.severity == "medium" and own.severity == "low"
    assert all(f.severity == "low" for f in report.findings if f.id == "money.auto-renewal")


def test_each_finding_explains_the_law_and_what_to_do(report):
    for f in report.findings:
        if f.id.startswith("money."):
            assert f.explanation and f.advice and f.law, f.id
    refs = {r.ref for f in report.findings if f.id == "money.no-refund" for r in f.law}
    assert any("R212-1" in r for r in refs) and any("93/13" in r for r in refs)


def test_the_report_groups_them_under_their_own_family(report):
    text = render(report, "text")
    assert "What you pay and may lose" in text
    data = json.loads(render(report, "json"))
    assert {f["id"] for f in data["findings"]} >= {"money.indemnity", "money.forfeiture"}


def test_french_terms_are_read_in_french(rapport):
    ids = {f.id for f in rapport.findings if f.id.startswith("money.")}
    assert ids == {"money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture"}
    texts = " ".join(f.text for f in rapport.findings if f.id.startswith("money."))
    assert "sans reconduction tacite" not in texts and "Nous ne vous demanderons" not in texts
    renewal = next(f for f in rapport.findings if f.id == "money.auto-renewal")
    assert "L215-1" in renewal.explanation


def test_classify_gives_the_money_ids_sentence_by_sentence():
    got = classify(["All purchases are final and non-refundable.", "Gift cards do not expire.",
                    "Les sommes versées restent définitivement acquises à la Société."])
    assert "money.no-refund" in got[0].labels
    assert not any(label.startswith("money.") for label in got[1].labels)
    assert "money.no-refund" in got[2].labels


def test_a_reader_in_the_uk_gets_uk_law():
    report = audit(TERMS.encode("utf-8"), Settings(country="GB"), name="terms.md")
    refs = " ".join(r.ref for f in report.findings if f.id == "money.no-refund" for r in f.law)
    assert "Consumer" in refs and "R212" not in refs
