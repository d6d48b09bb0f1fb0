"""The national layers for a reader in Greece and in Cyprus (fineprint/law/data/countries/GR.yaml, CY.yaml): each
country's own law is added to the EU text where it applies (what every national layer must hold:
tests/test_law_countries.py)."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import national_audit

# the address every national section of the main blocks opens (GR: the Consumer Ombudsman's legislation page, as no
# Greek portal gives an article its own address; CY: CyLII)
PORTAL = {"GR": "https://www.synigoroskatanaloti.gr/", "CY": "https://www.cylaw.org/"}
OWN_ACTS = {"GR": {"gr-2251", "gr-3471", "gr-4624"}, "CY": {"cy-cpl", "cy-ecl", "cy-dpl"}}


def _own(doc, code: str) -> list[str]:
    return [i for i in doc.law if law.acts()[i.split()[0]].region == code]


def test_a_greek_reader_is_told_the_unfair_terms_rules_of_law_2251_1994():
    doc = law.entry("unfair.limitation-of-liability", "eu", "GR")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Greek Consumer Protection Act (Nómos 2251/1994) art. 2(6)" in refs
    assert "Greek Consumer Protection Act (Nómos 2251/1994) art. 2(7)" in refs
    assert "art. 2(6)" in doc.why["en"] and "void" in doc.why["en"] and "nulles" in doc.why["fr"]
    for lang in law.LANGUAGES:
        assert "synigoroskatanaloti.gr" in doc.advice[lang] and "kataggelies.mindev.gov.gr" in doc.advice[lang]
    using = law.entry("unfair.contract-by-using", "eu", "GR")
    assert "art. 2(1)" in using.why["en"] and "Greek" in using.why["en"] and "en grec" in using.why["fr"]


def test_a_cypriot_reader_is_told_the_consumer_protection_law_of_2021():
    doc = law.entry("unfair.limitation-of-liability", "eu", "CY")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Cypriot Consumer Protection Law (Law 112(I)/2021) s. 48(1)" in refs
    assert "s. 48(1)" in doc.why["en"] and "art. 48(1)" in doc.why["fr"]
    for lang in law.LANGUAGES:
        assert "consumer.gov.cy" in doc.advice[lang]
    # the 1996 unfair terms law and the 2013 consumer rights law were consolidated into Law 112(I)/2021: not cited
    for id_ in law.country_files()["CY"]["ids"]:
        for lang in law.LANGUAGES:
            assert "93(I)/1996" not in law.entry(id_, "eu", "CY").why[lang]
            assert "133(I)/2013" not in law.entry(id_, "eu", "CY").why[lang]


@pytest.mark.parametrize("code, device, marketing", [("GR", "art. 4(5)", "art. 11"), ("CY", "s. 99(5)", "s. 106")])
def test_cookies_and_e_mail_marketing_cite_the_national_rule(code, device, marketing):
    doc = law.entry("rights.device-access", "eu", code)
    assert device in doc.why["en"] and device.replace("s. ", "art. ") in doc.why["fr"]
    sale = law.entry("rights.data-sale", "eu", code)
    why, refs = sale.for_clauses("en", ["We send you marketing e-mails about our offers."])
    own = [law.acts()[k].name["en"] for k in OWN_ACTS[code]]
    assert marketing in why and any(r.ref.startswith(tuple(own)) for r in refs)
    why, refs = sale.for_clauses("en", ["We sell your data to data brokers."])
    assert marketing not in why and not any(r.ref.startswith(tuple(own)) for r in refs)


@pytest.mark.parametrize("code, age, act", [("GR", "15", "Nómos 4624/2019"), ("CY", "14", "Law 125(I)/2018")])
def test_the_age_of_digital_consent_is_said_only_when_the_policy_speaks_of_children(code, age, act):
    doc = law.entry("practice.specific-audiences", "eu", code)
    why, refs = doc.for_clauses("en", ["Our service is not directed to children under 16."])
    assert f"set that age at {age}" in why and any(act in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We may update this policy."])
    assert act not in why and not any(act in r.ref for r in refs)


@pytest.mark.parametrize("code", sorted(OWN_ACTS))
def test_each_country_cites_only_its_own_acts_each_section_on_its_own_page(code):
    own = {k for k, a in law.acts().items() if a.region == code}
    assert own == OWN_ACTS[code]
    for id_ in law.country_files()[code]["ids"]:
        doc = law.entry(id_, "eu", code)
        for item in _own(doc, code) + [i for p in doc.why_when for i in p.law if i.split()[0] in own]:
            act = law.acts()[item.split()[0]]
            if " " in item:
                assert law.law_ref(item, "en").url != act.url["en"], (code, item)


@pytest.mark.parametrize("code", sorted(OWN_ACTS))
def test_an_audit_shows_the_national_law_where_a_block_applies(code):
    # said only for marketing or children's clauses, or advice only
    national_audit(code, PORTAL[code], ("rights.data-sale", "practice.specific-audiences", "unfair.arbitration"),
                   liability_cites={"GR": "2251/1994", "CY": "112(I)/2021"}[code])


def test_el_the_eus_own_code_for_greece_reads_the_greek_layer():
    assert law.entry("unfair.limitation-of-liability", "eu", "EL").law == \
        law.entry("unfair.limitation-of-liability", "eu", "GR").law
