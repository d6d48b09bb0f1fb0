"""The national layer for a reader in Poland (fineprint/law/data/countries/PL.yaml): Polish law is
added to the EU text where it applies (what every national layer must hold: tests/test_law_countries.py)."""
from __future__ import annotations

from fineprint import law
from test_law_countries import national_audit

CODE = "PL"
ISAP = "https://isap.sejm.gov.pl/"


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


def test_an_audit_for_a_polish_reader_shows_polish_law_where_a_block_applies():
    # arbitration: advice only; its Polish data-sale sentence is said only for marketing clauses
    _pl, eu = national_audit(CODE, ISAP, ("unfair.arbitration", "rights.data-sale"), baseline="PT")
    assert not any("isap.sejm.gov.pl" in r["url"] for f in eu["findings"] for r in f["law"])
