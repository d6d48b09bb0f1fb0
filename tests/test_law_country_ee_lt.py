"""What Estonian law adds for a reader in Estonia (fineprint/law/data/countries/EE.yaml): the Law of Obligations Act's
rules on standard terms (VÕS §§ 35 to 45, the list of § 42(3), the reach of § 36(2)), the direct-marketing rule of the
Electronic Communications Act (ESS § 103¹), the age of a child's consent (IKS § 8); never French law nor another
country's. Lithuania (LT) has no file yet. The generic checks of every country file are in
tests/test_law_countries.py."""
from __future__ import annotations

import pytest

from fineprint import law
from tests.test_law_countries import national_audit

PORTAL = "https://www.riigiteataja.ee/akt/"
EE_ACTS = {"ee-vos", "ee-ess", "ee-iks"}
OTHER_NAMES = ("Lithuania", "Lituanie", "Latvia", "Lettonie", "Finland", "Finlande", "Civilinis kodeksas")


def _items(id_: str) -> list[str]:
    block = law.country_files()["EE"]["ids"][id_]
    return list(block.get("law") or ()) + [i for p in block.get("why_when") or () for i in p.get("law") or ()]


def test_an_estonian_reader_is_told_the_standard_terms_rules_of_the_law_of_obligations_act():
    doc = law.entry("unfair.limitation-of-liability", "eu", "EE")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Estonian Law of Obligations Act (Võlaõigusseadus, VÕS) § 42(3)" in refs
    assert "VÕS § 42(3)" in doc.why["en"] and "§ 42(3) VÕS" in doc.why["fr"]
    assert "gross negligence" in doc.why["en"] and "faute lourde" in doc.why["fr"]
    for lang in law.LANGUAGES:
        assert "Tarbijavaidluste komisjon" in doc.advice[lang] and "komisjon.ee" in doc.advice[lang]
        assert "ttja.ee" in doc.advice[lang]


@pytest.mark.parametrize("id_, item", [
    ("unfair.unilateral-change", "ee-vos 42(3)"),
    ("unfair.arbitration", "ee-vos 42(3)"),
    ("money.auto-renewal", "ee-vos 42(3)"),
    ("unfair.choice-of-law", "ee-vos 36(2)"),
    ("unfair.contract-by-using", "ee-vos 37(1)"),
])
def test_each_unfair_terms_block_cites_its_section_of_the_vos(id_, item):
    doc = law.entry(id_, "eu", "EE")
    assert item in doc.law, id_
    section = item.split()[1]
    assert f"VÕS § {section}" in doc.why["en"] and f"§ {section} VÕS" in doc.why["fr"], id_


def test_every_estonian_block_cites_only_estonian_acts_each_section_on_its_own_anchor():
    for id_ in law.country_files()["EE"]["ids"]:
        for item in _items(id_):
            key = item.split()[0]
            assert key in EE_ACTS and law.acts()[key].region == "EE", (id_, item)
            for lang in law.LANGUAGES:
                ref = law.law_ref(item, lang)
                assert " " in item and ref.url.startswith(PORTAL) and "?leiaKehtiv#para" in ref.url, item
                assert ref.url != law.acts()[key].url[lang], item
    # a superscript section has its own anchor ("b1"), a subsection its "lg"
    assert law.law_ref("ee-ess 103¹", "en").url.endswith("#para103b1")
    assert law.law_ref("ee-vos 36(2)", "en").url.endswith("#para36lg2")


def test_the_direct_marketing_rule_is_said_only_for_marketing_clauses():
    doc = law.entry("rights.data-sale", "eu", "EE")
    why, refs = doc.for_clauses("en", ["We send you newsletters and promotional offers by e-mail."])
    assert "ESS § 103¹" in why and any("Elektroonilise side seadus" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We sell your personal data to data brokers."])
    assert "103¹" not in why and not any("Elektroonilise side seadus" in r.ref for r in refs)
    for lang in law.LANGUAGES:
        assert "aki.ee" in doc.advice[lang]


def test_the_age_of_digital_consent_13_is_said_only_when_the_policy_speaks_of_children():
    doc = law.entry("practice.specific-audiences", "eu", "EE")
    why, refs = doc.for_clauses("en", ["Our service is not directed to children under 16."])
    assert "set that age at 13" in why and any("Isikuandmete kaitse seadus" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We may update this policy."])
    assert "IKS" not in why and not any("Isikuandmete kaitse seadus" in r.ref for r in refs)


def test_an_audit_for_an_estonian_reader_shows_estonian_law_where_a_block_applies():
    ee, _ = national_audit("EE", PORTAL, said_only_for=("rights.data-sale", "practice.specific-audiences"),
                           liability_cites="VÕS § 42(3)")
    choice = [f for f in ee["findings"] if f["id"] == "unfair.choice-of-law"]
    assert choice and any(r["url"].endswith("#para36lg2") for r in choice[0]["law"])


def test_lithuania_has_no_layer_yet_and_reads_the_eu_text():
    assert "LT" not in law.country_files()
    assert law.entry("unfair.limitation-of-liability", "eu", "LT") == law.entry("unfair.limitation-of-liability", "eu")
