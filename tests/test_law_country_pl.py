"""The national layer for a reader in Poland (fineprint/law/data/countries/PL.yaml): Polish law is added to the EU
text, with its own references, and no French, CNIL or other country's law."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import _acts_of, _audit, ROOT

CODE = "PL"


def test_a_polish_reader_is_told_the_civil_code_on_liability_exclusions():
    doc = law.entry("unfair.limitation-of-liability", "eu", CODE)
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Polish Civil Code (Kodeks cywilny) art. 385(3) pkt 2" in refs
    assert "art. 385(1) § 1" in doc.why["en"] and "art. 385(3) pkt 1 et 2" in doc.why["fr"]
    assert "rzecznik konsumentów" in doc.advice["en"] and "rzecznik konsumentów" in doc.advice["fr"]


def test_a_polish_reader_is_told_the_electronic_communications_law_on_cookies_and_marketing():
    device = law.entry("rights.device-access", "eu", CODE)
    assert any(r.ref.endswith("(Prawo komunikacji elektronicznej) art. 399") for r in device.law_refs("en"))
    sale = law.entry("rights.data-sale", "eu", CODE)
    why, refs = sale.for_clauses("en", ["We send you marketing e-mails about our offers."])
    assert "art. 398" in why and any("art. 398" in r.ref for r in refs)
    why, refs = sale.for_clauses("en", ["We sell your data to data brokers."])
    assert "art. 398" not in why and not any("art. 398" in r.ref for r in refs)


@pytest.mark.parametrize("id_", sorted(law.country_files()[CODE]["ids"]))
def test_every_polish_block_cites_only_eu_and_polish_law(id_):
    doc = law.entry(id_, "eu", CODE)
    assert {law.acts()[a].region for a in _acts_of(doc)} <= {"eu", CODE}
    for lang in law.LANGUAGES:
        for text in (doc.why[lang], doc.advice[lang], (doc.advice_policy or {}).get(lang, "")):
            assert "CNIL" not in text and "Code de la consommation" not in text
            for other in ("BGB", "CDE", "KSchG", "Telecommunicatiewet", "Codice", "LSSI", "TDDDG"):
                assert other not in text, (id_, lang, other)
        part = law.country_files()[CODE]["ids"][id_]
        for field in ("why_add", "advice_add"):
            assert not part.get(field) or part[field].get(lang), (id_, field, lang)


@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_polish_section_cited_has_its_own_url(lang):
    for id_ in law.country_files()[CODE]["ids"]:
        doc = law.entry(id_, "eu", CODE)
        for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
            key = item.split()[0]
            if law.acts()[key].region != CODE or " " not in item:
                continue
            ref = law.law_ref(item, lang)
            assert ref.url.startswith("https://isap.sejm.gov.pl/"), item
            assert ref.url != law.acts()[key].url[lang], f"{id_}: {item} opens the whole act's page"


def test_an_audit_for_a_polish_reader_shows_polish_law_where_a_block_applies():
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    pl, eu = _audit(example, "--country", CODE), _audit(example, "--country", "PT")
    assert pl["reader"]["country"] == CODE and pl["reader"]["region"] == "eu"
    assert sorted(f["id"] for f in pl["findings"]) == sorted(f["id"] for f in eu["findings"])
    blocks = set(law.country_files()[CODE]["ids"])
    applied = [f for f in pl["findings"] if f["id"] in blocks and f["id"] != "unfair.arbitration"]
    assert applied, [f["id"] for f in pl["findings"]]
    for finding in applied:
        if finding["id"] == "rights.data-sale":
            continue  # its Polish sentence is said only for marketing clauses
        assert any("isap.sejm.gov.pl" in r["url"] for r in finding["law"]), finding["id"]
    assert not any("isap.sejm.gov.pl" in r["url"] for f in eu["findings"] for r in f["law"])
