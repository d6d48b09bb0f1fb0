"""The national layer for a reader in Sweden (fineprint/law/data/countries/SE.yaml): Swedish law is added to the EU
text, with its own references, and no French, CNIL or other country's law."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import _acts_of, _audit, ROOT

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


@pytest.mark.parametrize("id_", sorted(law.country_files()[CODE]["ids"]))
def test_every_swedish_block_cites_only_eu_and_swedish_law(id_):
    doc = law.entry(id_, "eu", CODE)
    assert {law.acts()[a].region for a in _acts_of(doc)} <= {"eu", CODE}
    assert any(law.acts()[a].region == CODE for a in _acts_of(doc)) or id_ == "unfair.arbitration"
    for lang in law.LANGUAGES:
        for text in (doc.why[lang], doc.advice[lang], (doc.advice_policy or {}).get(lang, "")):
            assert "CNIL" not in text and "Code de la consommation" not in text
            for other in ("BGB", "CDE", "KSchG", "Telecommunicatiewet", "Codice", "LSSI", "TDDDG", "Kodeks",
                          "Germany", "Belgium", "Poland", "Allemagne", "Belgique", "Pologne"):
                assert other not in text, (id_, lang, other)
        part = law.country_files()[CODE]["ids"][id_]
        for field in ("why_add", "advice_add"):
            assert not part.get(field) or part[field].get(lang), (id_, field, lang)


@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_swedish_section_cited_has_its_own_url_on_riksdagen(lang):
    checked = 0
    for id_ in law.country_files()[CODE]["ids"]:
        doc = law.entry(id_, "eu", CODE)
        for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
            key = item.split()[0]
            if law.acts()[key].region != CODE:
                continue
            ref = law.law_ref(item, lang)
            assert ref.url.startswith(RIKSDAGEN), item
            if " " in item:
                checked += 1
                assert ref.url != law.acts()[key].url[lang], f"{id_}: {item} opens the whole act's page"
                assert ref.url.startswith(law.acts()[key].url[lang]), f"{id_}: {item} opens another act's page"
    assert checked >= 3


def test_an_audit_for_a_swedish_reader_shows_swedish_law_where_a_block_applies():
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    se, eu = _audit(example, "--country", CODE), _audit(example, "--country", "FI")
    assert se["reader"]["country"] == CODE and se["reader"]["region"] == "eu"
    assert sorted(f["id"] for f in se["findings"]) == sorted(f["id"] for f in eu["findings"])
    blocks = set(law.country_files()[CODE]["ids"])
    applied = [f for f in se["findings"] if f["id"] in blocks]
    assert applied, [f["id"] for f in se["findings"]]
    for finding in applied:
        if finding["id"] in ("rights.data-sale", "practice.specific-audiences"):
            continue  # their Swedish sentences are said only for marketing or children's clauses
        assert any(r["url"].startswith(RIKSDAGEN) for r in finding["law"]), finding["id"]
    assert not any("riksdagen.se" in r["url"] for f in eu["findings"] for r in f["law"])
