"""The national layers for a reader in Malta and in Luxembourg (fineprint/law/data/countries/MT.yaml, LU.yaml): each
country's own law is added to the EU text where it applies (what every national layer must hold:
tests/test_law_countries.py)."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import national_audit

# the address every national section of the main blocks opens (MT: the consolidated PDF on legislation.mt, which gives
# no article its own anchor; LU: Legilux and its filestore)
PORTAL = {"MT": "https://legislation.mt/", "LU": "https://legilux.public.lu/"}
OWN_ACTS = {"MT": {"mt-caa"}, "LU": {"lu-code-conso", "lu-eprivacy"}}


def test_a_maltese_reader_is_told_the_consumer_affairs_act():
    doc = law.entry("unfair.limitation-of-liability", "eu", "MT")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Maltese Consumer Affairs Act (Cap. 378) art. 45(1)" in refs
    assert "Cap. 378" in doc.why["en"] and "chap. 378" in doc.why["fr"] and "gross negligence" in doc.why["en"]
    for lang in law.LANGUAGES:
        assert "mccaa.org.mt" in doc.advice[lang] and "Consumer Claims Tribunal" in doc.advice[lang]


def test_a_luxembourg_reader_is_told_articles_l_211_2_and_l_211_3_in_french_law_names():
    doc = law.entry("unfair.limitation-of-liability", "eu", "LU")
    refs = [r.ref for r in doc.law_refs("fr")]
    assert any(r.startswith("Code de la consommation luxembourgeois") and r.endswith("L.211-2") for r in refs)
    assert any(r.endswith("L.211-3") for r in refs)
    assert "L. 211-2" in doc.why["en"] and "réputée non écrite" in doc.why["fr"]
    for lang in law.LANGUAGES:
        # the Mediator's own address (not "mediateurdelaconsommation.lu")
        assert "mediateurconsommation.lu" in doc.advice[lang] and "mediateurdelaconsommation" not in doc.advice[lang]


def test_luxembourg_cookies_cite_article_4_3_e_of_the_law_of_30_may_2005():
    doc = law.entry("rights.device-access", "eu", "LU")
    assert "art. 4(3)(e)" in doc.why["en"] and "art. 4(3)(e)" in doc.why["fr"]
    assert any(r.url.startswith("https://data.legilux.public.lu/") for r in doc.law_refs("en"))


@pytest.mark.parametrize("code", sorted(OWN_ACTS))
def test_each_country_cites_only_its_own_acts_each_section_on_its_own_page(code):
    own = {k for k, a in law.acts().items() if a.region == code}
    assert own == OWN_ACTS[code]
    for id_ in law.all_ids():
        doc = law.entry(id_, "eu", code)
        for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
            act = law.acts()[item.split()[0]]
            assert act.region in ("eu", code), (code, id_, item)
            if act.region == code:
                assert " " in item, (code, id_, item)  # a section, never the whole act
                for lang in law.LANGUAGES:
                    assert law.law_ref(item, lang).url != act.url[lang], (code, id_, item)


@pytest.mark.parametrize("code", sorted(OWN_ACTS))
def test_an_audit_shows_the_national_law_where_a_block_applies(code):
    # advice only: unfair.arbitration
    national_audit(code, PORTAL[code], ("unfair.arbitration",),
                   liability_cites={"MT": "Cap. 378", "LU": "L. 211-2"}[code])
