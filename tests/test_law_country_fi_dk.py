"""The national layers for a reader in Finland and in Denmark (fineprint/law/data/countries/FI.yaml, DK.yaml): each
country's own law is added to the EU text where it applies (what every national layer must hold:
tests/test_law_countries.py)."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import national_audit

PORTAL = {"FI": "https://www.finlex.fi/", "DK": "https://www.retsinformation.dk/"}
OWN_ACTS = {"FI": {"fi-ksl", "fi-svpl", "fi-tsl"}, "DK": {"dk-aftl", "dk-fal", "dk-mfl", "dk-cookie", "dk-dbl"}}


def test_a_finnish_reader_is_told_the_consumer_protection_act_on_liability():
    doc = law.entry("unfair.limitation-of-liability", "eu", "FI")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Finnish Consumer Protection Act (kuluttajansuojalaki, 38/1978) 3 luku 1 §" in refs
    assert "Finnish Consumer Protection Act (kuluttajansuojalaki, 38/1978) 4 luku 1 §" in refs
    assert "kuluttajansuojalaki 4 luku 1 §" in doc.why["en"] and "kuluttajansuojalaki 3 luku 1 §" in doc.why["fr"]
    for lang in law.LANGUAGES:
        assert "kuluttajariita.fi" in doc.advice[lang] and "kkv.fi" in doc.advice[lang]
    # the general rule of the Oikeustoimilaki no longer applies to consumer contracts: it is not cited
    assert not any("oikeustoimilaki" in r.ref.lower() for r in doc.law_refs("en"))


def test_a_danish_reader_is_told_the_contracts_act_on_liability():
    doc = law.entry("unfair.limitation-of-liability", "eu", "DK")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Danish Contracts Act (aftaleloven, LBK nr. 193 of 2016) § 38 c" in refs
    assert "aftaleloven § 38 c" in doc.why["en"] and "aftaleloven § 38 b" in doc.why["fr"]
    for lang in law.LANGUAGES:
        assert "Forbrugerombudsmanden" in doc.advice[lang] and "naevneneshus.dk" in doc.advice[lang]


@pytest.mark.parametrize("code, device, marketing", [
    ("FI", "205 §", "200 §"),
    ("DK", "cookiebekendtgørelsen § 3", "markedsføringsloven § 10"),
])
def test_cookies_and_e_mail_marketing_cite_the_national_rule(code, device, marketing):
    doc = law.entry("rights.device-access", "eu", code)
    assert device in doc.why["en"] and device in doc.why["fr"]
    sale = law.entry("rights.data-sale", "eu", code)
    why, refs = sale.for_clauses("en", ["We send you marketing e-mails about our offers."])
    assert marketing in why and any(r.url.startswith(PORTAL[code]) for r in refs)
    why, refs = sale.for_clauses("en", ["We sell your data to data brokers."])
    assert marketing not in why and not any(r.url.startswith(PORTAL[code]) for r in refs)


@pytest.mark.parametrize("code, age, act", [("FI", "13", "tietosuojalaki"), ("DK", "15", "databeskyttelsesloven")])
def test_the_age_of_digital_consent_is_said_only_when_the_policy_speaks_of_children(code, age, act):
    doc = law.entry("practice.specific-audiences", "eu", code)
    why, refs = doc.for_clauses("en", ["Our service is not directed to children under 16."])
    assert f"set that age at {age}" in why and any(act in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We may update this policy."])
    assert act not in why and not any(act in r.ref for r in refs)


def test_denmark_raised_the_age_to_15_and_the_text_does_not_say_13_is_the_rule():
    doc = law.entry("practice.specific-audiences", "eu", "DK")
    why, _ = doc.for_clauses("fr", ["Nous ne collectons pas les données des enfants de moins de 13 ans."])
    assert "15 ans" in why and "Danemark a fixé cet âge à 15 ans" in why


def test_a_danish_reader_is_told_the_six_month_limit_on_subscriptions():
    doc = law.entry("money.auto-renewal", "eu", "DK")
    assert [i for i in doc.law if i.startswith("dk-")] == ["dk-fal 28", "dk-fal 28 a"]
    assert "six months" in doc.why["en"] and "one month's notice" in doc.why["en"]
    assert "six mois" in doc.why["fr"] and "préavis d'un mois" in doc.why["fr"]


@pytest.mark.parametrize("code", sorted(OWN_ACTS))
def test_an_audit_shows_the_national_law_where_a_block_applies(code):
    # said only for marketing or children's clauses, or advice only
    national_audit(code, PORTAL[code], ("rights.data-sale", "practice.specific-audiences", "unfair.arbitration"),
                   liability_cites={"FI": "kuluttajansuojalaki", "DK": "aftaleloven"}[code])
