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


# --- the money model (session 44): what the rules' wording misses ----------------------------------------------------

MODEL_ONLY = [
    # an indemnity for fines, worded without "indemnify … harmless" as the rules know it
    ("Customer shall be liable for and shall pay all losses and expenses, including legal fees, incurred by the "
     "Company arising from Customer's breach.", "money.indemnity"),
]


def test_the_money_model_finds_what_the_rules_wording_misses():
    from fineprint.detectors.registry import text_detectors

    rules = text_detectors(["rules"])[0]
    for text, id_ in MODEL_ONLY:
        assert id_ not in {h.rule.id for h in rules.hits(text, "en")}, text  # not a rule finding …
        report = audit(text.encode("utf-8"), name="terms.md")
        found = [f for f in report.findings if f.id == id_]
        assert found, text  # … but a finding, from the model, with its evidence
        assert found[0].detector == "model:money/v1" or "model:money/v1" in found[0].evidence.get("detectors", ())
        assert found[0].evidence["decisive_terms"]


def test_the_money_model_is_listed_among_the_detectors_that_ran(report):
    assert "model:money/v1" in report.detectors


def test_a_refund_promised_in_money_words_is_no_finding():
    text = ("If you cancel your subscription within 14 days of purchase, we will refund the full price to your "
            "original payment method, including any unused credits.")
    report = audit(text.encode("utf-8"), name="terms.md")
    assert not [f for f in report.findings if f.id.startswith("money.")], report.findings


def test_a_broken_money_model_stops_the_run(tmp_path):
    import shutil
    from pathlib import Path

    from fineprint.detectors.ml import MoneyModelDetector
    from fineprint.errors import ResourceError

    models = Path(__file__).resolve().parent.parent / "fineprint" / "models"
    shutil.copytree(models / "money", tmp_path / "money")
    (tmp_path / "money" / "v1" / "model.npz").write_bytes(b"not a model")
    with pytest.raises(ResourceError, match="money/v1 could not be loaded"):
        MoneyModelDetector(tmp_path).load()


def test_a_model_finding_is_lowered_as_the_rule_lowers_its_own():
    text = ("Customer shall be liable for and shall pay all losses and expenses, including legal fees, incurred by the "
            "Company arising from your breach of these Terms.")
    (f,) = [f for f in audit(text.encode("utf-8"), name="terms.md").findings if f.id == "money.indemnity"]
    assert f.detector == "model:money/v1"
    assert f.severity == "low" and "breaking the terms" in f.severity_reason
