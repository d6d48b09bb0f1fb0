"""The national layer for a reader in Croatia (fineprint/law/data/countries/HR.yaml): the Consumer Protection Act and
the Civil Obligations Act on unfair terms, the Electronic Communications Act on cookies and e-mail marketing, the
GDPR implementing act on a child's consent, each section on the official gazette. Bulgaria has no file yet (no
official address for its Consumer Protection Act was found): a reader there gets the EU text. What every national
layer must hold is in tests/test_law_countries.py."""
from __future__ import annotations

from fineprint import law
from test_law_countries import national_audit

GAZETTE = "https://narodne-novine.nn.hr/"
OWN_ACTS = {"hr-zzp", "hr-zoo", "hr-zek", "hr-zpouzp"}


def _items(doc) -> list[str]:
    return list(doc.law) + [i for p in doc.why_when for i in p.law]


def test_a_croatian_reader_is_told_the_unfair_terms_rules_and_the_civil_obligations_act():
    doc = law.entry("unfair.limitation-of-liability", "eu", "HR")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Croatian Consumer Protection Act (Zakon o zaštiti potrošača, NN 19/2022) art. 53-59" in refs
    assert "Croatian Civil Obligations Act (Zakon o obveznim odnosima, NN 35/2005) art. 296(1)" in refs
    assert "Croatian Civil Obligations Act (Zakon o obveznim odnosima, NN 35/2005) art. 345" in refs
    for lang in law.LANGUAGES:
        assert "art. 296(1)" in doc.why[lang] and "art. 345" in doc.why[lang]
        assert "Državni inspektorat" in doc.advice[lang] and "dirh.gov.hr" in doc.advice[lang]
        assert "15" in doc.advice[lang] and "art. 10" in doc.advice[lang]
    assert "gross negligence" in doc.why["en"] and "faute lourde" in doc.why["fr"]


def test_the_croatian_entries_cite_only_eu_and_croatian_acts_each_section_on_the_gazette():
    cited = set()
    for id_ in law.country_files()["HR"]["ids"]:
        doc = law.entry(id_, "eu", "HR")
        for item in _items(doc):
            act = law.acts()[item.split()[0]]
            assert act.region in ("eu", "HR"), (id_, item)
            if act.region == "HR":
                cited.add(item.split()[0])
                assert " " in item, (id_, item)  # a section, never the whole act
                for lang in law.LANGUAGES:
                    url = law.law_ref(item, lang).url
                    assert url.startswith(GAZETTE) and url != act.url[lang], (id_, item)
    assert cited == OWN_ACTS


def test_cookies_and_e_mail_marketing_cite_the_electronic_communications_act():
    device = law.entry("rights.device-access", "eu", "HR")
    assert all("art. 43(4)" in device.why[lang] for lang in law.LANGUAGES)
    sale = law.entry("rights.data-sale", "eu", "HR")
    why, refs = sale.for_clauses("en", ["We send you marketing e-mails about our offers."])
    assert "art. 50" in why and any(r.url.startswith(GAZETTE) for r in refs)
    why, refs = sale.for_clauses("en", ["We sell your data to data brokers."])
    assert "art. 50" not in why and not any(r.url.startswith(GAZETTE) for r in refs)
    assert "azop.hr" in sale.advice["en"] and "azop.hr" in (sale.advice_policy or sale.advice)["fr"]


def test_the_croatian_age_of_digital_consent_is_16_and_said_only_for_children():
    doc = law.entry("practice.specific-audiences", "eu", "HR")
    why, refs = doc.for_clauses("en", ["Our service is not directed to children under 16."])
    assert "set that age at 16" in why and any("art. 19(1)" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We may update this policy."])
    assert "set that age at 16" not in why and not any(r.url.startswith(GAZETTE) for r in refs)


def test_an_audit_for_a_croatian_reader_shows_croatian_law_where_a_block_applies():
    national, _ = national_audit("HR", GAZETTE, said_only_for=("rights.data-sale", "practice.specific-audiences"))
    by_id = {f["id"]: f for f in national["findings"]}
    liability = by_id["unfair.limitation-of-liability"]
    assert "Zakon o obveznim odnosima art. 296(1)" in liability["explanation"]
    assert any(r["url"].startswith(GAZETTE) for r in by_id["unfair.unilateral-change"]["law"])
    # a finding no Croatian block touches keeps exactly the EU references
    assert not any(r["url"].startswith(GAZETTE) for r in by_id["unfair.choice-of-law"]["law"])


def test_a_bulgarian_reader_gets_the_eu_text_until_bulgaria_has_a_file():
    assert "BG" not in law.country_files()
    assert law.entry("unfair.limitation-of-liability", "eu", "BG") == law.entry("unfair.limitation-of-liability", "eu")
