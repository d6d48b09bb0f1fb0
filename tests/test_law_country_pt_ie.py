"""The national layers for a reader in Portugal and in Ireland (fineprint/law/data/countries/PT.yaml, IE.yaml):
Portuguese or Irish law is added to the EU text, with its own references, and no French, CNIL or other country's
law."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import _audit, ROOT

# the official portal (or, for the articles of the Decreto-Lei 446/85, the consolidated text of pgdlisboa.pt) of each
# country's sections
PORTALS = {"PT": ("https://diariodarepublica.pt/", "https://www.pgdlisboa.pt/"),
           "IE": ("https://www.irishstatutebook.ie/",)}
# the words of the other national layers that a Portuguese or Irish reader must never be told
OTHERS = ("BGB", "CDE", "KSchG", "Telecommunicatiewet", "Codice", "LSSI", "TDDDG", "TRLGDCU", "Kodeks")


def test_a_portuguese_reader_is_told_the_standard_terms_act_on_liability_exclusions():
    doc = law.entry("unfair.limitation-of-liability", "eu", "PT")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Portuguese Standard Contract Terms Act (Decreto-Lei 446/85) art. 18" in refs
    assert "art. 18" in doc.why["en"] and "art. 12" in doc.why["fr"]
    assert "livroreclamacoes.pt" in doc.advice["en"] and "cniacc.pt" in doc.advice["fr"]


def test_an_irish_reader_is_told_the_consumer_rights_act_on_liability_exclusions():
    doc = law.entry("unfair.limitation-of-liability", "eu", "IE")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Irish Consumer Rights Act 2022 s. 132(1)(a)" in refs
    assert "Irish Consumer Rights Act 2022 Sch. 5 Pt. 1 para. 1" in refs
    assert "s. 132(1)(a)" in doc.why["en"] and "présumée abusive" in doc.why["fr"]
    assert "ccpc.ie" in doc.advice["en"] and "ccpc.ie" in doc.advice["fr"]


@pytest.mark.parametrize("code, law_ref", [("PT", "art. 13-A"), ("IE", "reg. 13")])
def test_the_marketing_sentence_follows_the_clauses(code, law_ref):
    sale = law.entry("rights.data-sale", "eu", code)
    why, _ = sale.for_clauses("en", ["We send you marketing e-mails about our offers."])
    assert law_ref in why
    why, _ = sale.for_clauses("en", ["We sell your data to data brokers."])
    assert law_ref not in why


@pytest.mark.parametrize("code, age", [("PT", "13"), ("IE", "16")])
def test_the_national_age_of_consent_is_said_for_children_only(code, age):
    doc = law.entry("practice.specific-audiences", "eu", code)
    why, _ = doc.for_clauses("en", ["Children under the age of 16 need a parent's consent."])
    assert f"at {age}" in why
    why, _ = doc.for_clauses("en", ["Residents of California have additional rights."])
    assert f"at {age}" not in why


@pytest.mark.parametrize("code, portal", [("PT", "pgdlisboa.pt"), ("IE", "irishstatutebook.ie")])
def test_an_audit_shows_the_national_law_where_a_block_applies(code, portal):
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    national, eu = _audit(example, "--country", code), _audit(example, "--country", "FI")
    assert national["reader"]["country"] == code and national["reader"]["region"] == "eu"
    assert sorted(f["id"] for f in national["findings"]) == sorted(f["id"] for f in eu["findings"])
    liability = [f for f in national["findings"] if f["id"] == "unfair.limitation-of-liability"]
    assert liability and any(portal in r["url"] for r in liability[0]["law"])
    # the blocks said for every clause (the sentences on marketing and on children follow the clauses)
    blocks = set(law.country_files()[code]["ids"]) - {"rights.data-sale", "practice.specific-audiences"}
    applied = [f for f in national["findings"] if f["id"] in blocks]
    assert applied
    for finding in applied:
        assert any(r["url"].startswith(PORTALS[code]) for r in finding["law"]), finding["id"]
    assert not any(u in r["url"] for f in eu["findings"] for r in f["law"] for u in PORTALS[code])
