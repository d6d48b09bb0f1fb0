"""The national layer for Italy and Austria (fineprint/law/data/countries/IT.yaml, AT.yaml): a reader there is told
what the Codice del consumo or the KSchG adds to EU law, never French law or another country's."""
from __future__ import annotations


import pytest

from fineprint import law
from test_law_countries import ROOT, _audit

CODES = ("IT", "AT")
# The host of each country's official legislation portal, and the name of its main consumer act in the references.
PORTAL = {"IT": "www.normattiva.it", "AT": "www.ris.bka.gv.at"}
MAIN_ACT = {"IT": "Italian Consumer Code (Codice del consumo)", "AT": "Austrian Consumer Protection Act (KSchG)"}


def test_an_italian_reader_is_told_the_codice_del_consumo_and_an_austrian_reader_the_kschg():
    it = law.entry("unfair.limitation-of-liability", "eu", "IT")
    refs = [r.ref for r in it.law_refs("en")]
    assert "Italian Consumer Code (Codice del consumo) Art. 36(2)" in refs
    assert "art. 36(2)" in it.why["en"] and "negotiated" in it.why["en"]
    assert "agcm.it" in it.advice["en"] and "agcm.it" in it.advice["fr"]
    at = law.entry("unfair.limitation-of-liability", "eu", "AT")
    refs = [r.ref for r in at.law_refs("en")]
    assert "Austrian Consumer Protection Act (KSchG) § 6(1) Z 9" in refs
    assert "ABGB § 879(3)" in at.why["en"] and "§ 879(3)" in at.why["fr"]
    assert "verbraucherschlichtung.at" in at.advice["fr"]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_section_cited_opens_its_own_page_on_the_official_portal(code, lang):
    checked = 0
    for id_ in law.country_files()[code]["ids"]:
        doc = law.entry(id_, "eu", code)
        for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
            act = law.acts()[item.split()[0]]
            if act.region != code:
                continue
            ref = law.law_ref(item, lang)
            assert ref.url.startswith(f"https://{PORTAL[code]}/"), item
            if " " in item:
                checked += 1
                assert ref.url != act.url[lang], f"{code} {id_}: {item} opens the whole act"
    assert checked >= 5


def test_the_national_sentences_name_the_right_country():
    for code, names, other in (("IT", ("Italy", "Italian"), "Austria"), ("AT", ("Austria", "Austrian"), "Italy")):
        for id_, block in law.country_files()[code]["ids"].items():
            doc = law.entry(id_, "eu", code)
            assert other not in doc.why["en"] + doc.advice["en"], (code, id_)
            said = [block[k]["en"] for k in ("why_add", "advice_add") if k in block]
            said += [p["en"] for p in block.get("why_when") or ()]
            assert said and all(any(n in text for n in names) for text in said), (code, id_)


def test_a_national_marketing_rule_is_said_only_for_marketing_clauses():
    doc = law.entry("rights.data-sale", "eu", "AT")
    why, refs = doc.for_clauses("en", ["We use your e-mail address to send you our newsletter and offers."])
    assert "TKG 2021 § 174" in why and any("TKG 2021" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We pass your data to our partners."])
    assert "§ 174" not in why and not any("TKG 2021" in r.ref for r in refs)
    doc = law.entry("practice.specific-audiences", "eu", "IT")
    why, _ = doc.for_clauses("en", ["Children under 14 need a parent's consent."])
    assert "14" in why and "2-quinquies" in why


@pytest.mark.parametrize("code", CODES)
def test_an_audit_for_a_reader_in_italy_or_austria_shows_national_law_in_the_findings(code):
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    national, es = _audit(example, "--country", code), _audit(example, "--country", "ES")
    assert national["reader"]["country"] == code and national["reader"]["region"] == "eu"
    assert sorted(f["id"] for f in national["findings"]) == sorted(f["id"] for f in es["findings"])
    urls = [r["url"] for f in national["findings"] for r in f["law"]]
    assert any(PORTAL[code] in u for u in urls), urls
    assert not any(PORTAL[code] in r["url"] for f in es["findings"] for r in f["law"])
    liability = [f for f in national["findings"] if f["id"] == "unfair.limitation-of-liability"]
    assert liability and MAIN_ACT[code].split(" (")[0] in " ".join(r["ref"] for r in liability[0]["law"])
    assert ("art. 36(2)" if code == "IT" else "§ 6(1) Z 9") in liability[0]["explanation"]
