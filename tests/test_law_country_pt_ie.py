"""The national layers for a reader in Portugal and in Ireland (fineprint/law/data/countries/PT.yaml, IE.yaml):
Portuguese or Irish law is added to the EU text, with its own references, and no French, CNIL or other country's
law."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import _acts_of, _audit, ROOT

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


@pytest.mark.parametrize("code", ["PT", "IE"])
def test_every_block_cites_only_eu_and_national_law(code):
    for id_ in law.country_files()[code]["ids"]:
        doc = law.entry(id_, "eu", code)
        assert {law.acts()[a].region for a in _acts_of(doc)} <= {"eu", code}, id_
        assert any(law.acts()[a].region == code for a in _acts_of(doc)), id_
        for lang in law.LANGUAGES:
            for text in (doc.why[lang], doc.advice[lang], (doc.advice_policy or {}).get(lang, "")):
                assert "CNIL" not in text and "Code de la consommation" not in text, (id_, lang)
                for other in OTHERS:
                    assert other not in text, (code, id_, lang, other)
            part = law.country_files()[code]["ids"][id_]
            for field in ("why_add", "advice_add"):
                assert not part.get(field) or part[field].get(lang), (code, id_, field, lang)


@pytest.mark.parametrize("code", ["PT", "IE"])
@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_national_section_cited_has_its_own_official_url(code, lang):
    checked = 0
    for id_ in law.country_files()[code]["ids"]:
        doc = law.entry(id_, "eu", code)
        for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
            key = item.split()[0]
            act = law.acts()[key]
            if act.region != code:
                continue
            ref = law.law_ref(item, lang)
            assert ref.url.startswith(PORTALS[code]), item
            if " " in item:
                checked += 1
                assert ref.url != act.url[lang], f"{id_}: {item} opens the whole act's page"
    assert checked >= 3


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
