"""What Czech and Slovak law add for a reader in Czechia or Slovakia (data/countries/CZ.yaml, SK.yaml): the
national act behind each main block, the section links, and the audit a reader there sees. The checks every
country file must pass (no French law, no other country's words) are in tests/test_law_countries.py."""
from __future__ import annotations

import pytest

from fineprint import law

from test_law_countries import ROOT, _audit

# the main act of each country, the words of its title a reader sees, and the host of its official portal
MAIN = {"CZ": ("cz-oz", "Czech Civil Code", "e-sbirka.cz"), "SK": ("sk-oz", "Slovak Civil Code", "slov-lex.sk")}


def test_a_czech_reader_is_told_the_unfair_terms_rules_of_the_civil_code():
    doc = law.entry("unfair.limitation-of-liability", "eu", "CZ")
    refs = [r.ref for r in doc.law_refs("en")]
    assert {f"Czech Civil Code (občanský zákoník, Act No. 89/2012 Coll.) § {n}" for n in (1813, 1814, 1815)} <= set(refs)
    assert "§ 1813" in doc.why["en"] and "disregarded" in doc.why["en"]
    assert "Česká obchodní inspekce" in doc.advice["en"] and "adr.coi.cz" in doc.advice["fr"]
    change = law.entry("unfair.unilateral-change", "eu", "CZ")
    assert "§ 1752" in change.why["en"] and "thirty days" in change.why["en"] and "§ 2389q" in change.why["fr"]


def test_a_slovak_reader_is_told_the_letters_of_civil_code_section_53():
    doc = law.entry("unfair.limitation-of-liability", "eu", "SK")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Slovak Civil Code (Občiansky zákonník, Act No. 40/1964 Coll.) § 53 ods. 4 písm. c)" in refs
    assert "§ 53 ods. 5" in doc.why["en"] and "invalid" in doc.why["en"] and "nulle" in doc.why["fr"]
    assert "Slovenská obchodná inšpekcia" in doc.advice["en"] and "30 days" in doc.advice["en"]
    assert "písm. i)" in law.entry("unfair.unilateral-change", "eu", "SK").why["en"]


@pytest.mark.parametrize("code", sorted(MAIN))
def test_an_audit_for_a_reader_there_shows_the_national_law(code):
    out = _audit(str(ROOT / "examples" / "cash-reward-rules.md"), "--country", code)
    assert out["reader"]["country"] == code and out["reader"]["region"] == "eu"
    by_id = {f["id"]: [r["url"] for r in f["law"]] for f in out["findings"]}
    host = MAIN[code][2]
    # the rules' limitation of liability (5.4) and unilateral change (5.3) get their national sections
    assert any(host in u for u in by_id["unfair.limitation-of-liability"]), by_id["unfair.limitation-of-liability"]
    assert any(host in u for u in by_id["unfair.unilateral-change"])
    # a finding no national block touches keeps exactly the EU references
    assert not any(host in u for u in by_id["unfair.choice-of-law"])
