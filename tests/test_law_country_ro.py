"""What Romanian law adds for a reader in Romania (fineprint/law/data/countries/RO.yaml): the national unfair-terms act
and its annex, the Civil Code on liability clauses, the ePrivacy transposition; never French law nor another
country's. The generic checks of every country file are in tests/test_law_countries.py."""
from __future__ import annotations


from fineprint import law
from tests.test_law_countries import ROOT, _audit

def test_a_romanian_reader_is_told_legea_193_2000_and_the_civil_code_on_liability():
    doc = law.entry("unfair.limitation-of-liability", "eu", "RO")
    refs = [r.ref for r in doc.law_refs("en")]
    assert any(r.startswith("Romanian Unfair Terms Act (Legea nr. 193/2000") and r.endswith("art. 4") for r in refs)
    assert "Romanian Civil Code (Codul civil) art. 1355" in refs
    for lang in law.LANGUAGES:
        assert "Legea nr. 193/2000 art. 4" in doc.why[lang] and "Codul civil art. 1355" in doc.why[lang]
        assert "ANPC" in doc.advice[lang] and "anpc.ro" in doc.advice[lang]


def test_the_romanian_annex_letters_are_cited_where_they_apply():
    change = [r.ref for r in law.entry("unfair.unilateral-change", "eu", "RO").law_refs("en")]
    assert any(r.endswith("Annex, letter a)") for r in change) and any(r.endswith("Annex, letter e)") for r in change)
    renewal = law.entry("money.auto-renewal", "eu", "RO")
    assert any(r.ref.endswith("annexe, lettre d)") for r in renewal.law_refs("fr")) and "lettre d" in renewal.why["fr"]


def test_an_audit_for_a_romanian_reader_shows_romanian_law_where_a_block_applies():
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    ro = _audit(example, "--country", "RO")
    assert ro["reader"]["country"] == "RO" and ro["reader"]["region"] == "eu"
    liability = [f for f in ro["findings"] if f["id"] == "unfair.limitation-of-liability"]
    assert liability and "Legea nr. 193/2000" in liability[0]["explanation"]
    assert any("legislatie.just.ro" in r["url"] for r in liability[0]["law"])
    change = [f for f in ro["findings"] if f["id"] == "unfair.unilateral-change"]
    assert change and any("legislatie.just.ro" in r["url"] for r in change[0]["law"])
