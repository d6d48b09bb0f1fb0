"""The national layer for a reader in Sweden (fineprint/law/data/countries/SE.yaml): Swedish law is
added to the EU text where it applies (what every national layer must hold: tests/test_law_countries.py)."""
from __future__ import annotations

from fineprint import law
from test_law_countries import national_audit

CODE = "SE"
RIKSDAGEN = "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"


def test_a_swedish_reader_is_told_the_contracts_act_and_the_consumer_contract_terms_act_on_liability():
    doc = law.entry("unfair.limitation-of-liability", "eu", CODE)
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Swedish Contracts Act (avtalslagen, SFS 1915:218) 36 §" in refs
    assert "Swedish Consumer Contract Terms Act (avtalsvillkorslagen, SFS 1994:1512) 3 §" in refs
    assert "avtalslagen 36 §" in doc.why["en"] and "avtalsvillkorslagen 10 §" in doc.why["fr"]
    for lang in law.LANGUAGES:
        assert "hallakonsument.se" in doc.advice[lang] and "arn.se" in doc.advice[lang]


def test_a_swedish_reader_is_told_the_electronic_communications_act_on_cookies_and_the_marketing_act_on_e_mail():
    device = law.entry("rights.device-access", "eu", CODE)
    assert any(r.ref.endswith("(lagen om elektronisk kommunikation, SFS 2022:482) 9 kap. 28 §")
               for r in device.law_refs("en"))
    sale = law.entry("rights.data-sale", "eu", CODE)
    why, refs = sale.for_clauses("en", ["We send you marketing e-mails about our offers."])
    assert "marknadsföringslagen 19 §" in why and any(r.ref.endswith("19 §") for r in refs)
    why, refs = sale.for_clauses("en", ["We sell your data to data brokers."])
    assert "marknadsföringslagen" not in why and not any("Marketing Act" in r.ref for r in refs)


def test_a_swedish_reader_is_told_the_age_of_13_only_when_the_policy_speaks_of_children():
    doc = law.entry("practice.specific-audiences", "eu", CODE)
    why, refs = doc.for_clauses("en", ["Our service is not directed to children under 13."])
    assert "Sweden set that age at 13" in why and any("dataskyddslagen" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We may update this policy."])
    assert "Sweden" not in why


def test_an_audit_for_a_swedish_reader_shows_swedish_law_where_a_block_applies():
    # their Swedish sentences are said only for marketing or children's clauses
    _se, eu = national_audit(CODE, RIKSDAGEN, ("rights.data-sale", "practice.specific-audiences"))
    assert not any("riksdagen.se" in r["url"] for f in eu["findings"] for r in f["law"])
