"""The national layers of the Netherlands and Spain (fineprint/law/data/countries/NL.yaml and ES.yaml): a reader there
is told what Dutch or Spanish law adds to EU law, with each section linked on wetten.overheid.nl or boe.es, and is
never sent to French law, the CNIL or another country's law."""
from __future__ import annotations

import pytest

from fineprint import law
from test_law_countries import ROOT, _audit

CODES = ("NL", "ES")
PORTAL = {"NL": "https://wetten.overheid.nl/", "ES": "https://www.boe.es/buscar/act.php?id="}
# Words that would send a reader to the wrong country: another national layer's acts and places.
FOREIGN = {"NL": ("Spain", "Spanish", "TRLGDCU", "LSSI", "BGB", "Germany", "Belgium", "CDE", "OMIC"),
           "ES": ("Netherlands", "Dutch", "BW art.", "Telecommunicatiewet", "BGB", "Germany", "Belgium", "CDE",
                  "ConsuWijzer")}


@pytest.mark.parametrize("code, act, section, words", [
    ("NL", "Dutch Civil Code (BW)", "art. 6:237 sub f", "legal duty to pay you damages"),
    ("ES", "Spanish Consumer Protection Act (TRLGDCU", "art. 86", "abusive in every case"),
])
def test_the_liability_finding_cites_the_national_act(code, act, section, words):
    doc = law.entry("unfair.limitation-of-liability", "eu", code)
    refs = [r for r in doc.law_refs("en") if r.ref.startswith(act)]
    assert any(r.ref.endswith(section) for r in refs), [r.ref for r in doc.law_refs("en")]
    assert all(r.url.startswith(PORTAL[code]) for r in refs)
    assert words in doc.why["en"] and section.split()[-1] in doc.why["fr"]
    assert doc.country == code and doc.region == "eu"


def test_the_advice_names_where_to_turn():
    nl = law.entry("unfair.limitation-of-liability", "eu", "NL")
    assert "consuwijzer.nl" in nl.advice["en"] and "Geschillencommissie" in nl.advice["fr"]
    es = law.entry("unfair.arbitration", "eu", "ES")
    assert "Junta Arbitral de Consumo" in es.advice["en"] and "OMIC" in es.advice["fr"]


def test_a_sentence_said_only_for_some_clauses_follows_the_clauses():
    doc = law.entry("unfair.unilateral-termination", "eu", "NL")
    why, refs = doc.for_clauses("en", ["Your subscription renews automatically for another year."])
    assert "one month's notice" in why and any(r.ref.endswith("6:236 sub j") for r in refs)
    why, refs = doc.for_clauses("en", ["We may close your account at any time."])
    assert "one month's notice" not in why and not any(r.ref.endswith("6:236 sub j") for r in refs)
    doc = law.entry("practice.specific-audiences", "eu", "ES")
    why, _ = doc.for_clauses("en", ["Children under 14 need a parent's consent."])
    assert "Spain set that age at 14" in why
    why, _ = doc.for_clauses("en", ["Residents of California have extra rights."])
    assert "Spain" not in why


def test_explain_names_the_country_whose_law_it_adds():
    text = law.explain_text("unfair.limitation-of-liability", "en", "eu", "NL")
    assert "Law of: the Netherlands (EU and national law)" in text and "BWBR0005289" in text
    text = law.explain_text("unfair.limitation-of-liability", "fr", "eu", "ES")
    assert "Droit de : l'Espagne (droit européen et national)" in text
    assert "BOE-A-2007-20555#a86" in text


@pytest.mark.parametrize("code", CODES)
def test_an_audit_shows_the_national_law_where_a_block_applies(code):
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    report = _audit(example, "--country", code)
    assert report["reader"]["country"] == code and report["reader"]["region"] == "eu"
    layered = set(law.country_files()[code]["ids"])
    national = [f for f in report["findings"] if any(r["url"].startswith(PORTAL[code]) for r in f["law"])]
    assert national and {f["id"] for f in national} <= layered
    liability = [f for f in report["findings"] if f["id"] == "unfair.limitation-of-liability"]
    assert liability and liability[0] in national
    assert ("6:237 sub f" if code == "NL" else "TRLGDCU art. 82") in liability[0]["explanation"]
    urls = [r["url"] for f in report["findings"] for r in f["law"]]
    assert not any("legifrance" in u or "cnil.fr" in u or "gesetze-im-internet" in u or "ejustice" in u
                   for u in urls), urls
