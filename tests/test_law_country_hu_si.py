"""What Hungarian law adds for a reader in Hungary (fineprint/law/data/countries/HU.yaml): the Civil Code's rules on
unfair terms in consumer contracts (Ptk. 6:102 to 6:104, its black and grey lists) and on liability clauses (6:152),
the cookie rule of the Electronic Communications Act, the consent rule for advertising; never French law nor another
country's. Slovenia (SI) has no file yet. The generic checks of every country file are in
tests/test_law_countries.py."""
from __future__ import annotations

import pytest

from fineprint import law
from tests.test_law_countries import national_audit

PORTAL = "https://njt.hu/jogszabaly/"
HU_ACTS = {"hu-ptk", "hu-eht", "hu-grt"}


def _items(code: str, id_: str) -> list[str]:
    block = law.country_files()[code]["ids"][id_]
    return list(block.get("law") or ()) + [i for p in block.get("why_when") or () for i in p.get("law") or ()]


def test_a_hungarian_reader_is_told_the_civil_code_on_liability_clauses():
    doc = law.entry("unfair.limitation-of-liability", "eu", "HU")
    refs = [r.ref for r in doc.law_refs("en")]
    assert "Hungarian Civil Code (Ptk., 2013. évi V. törvény) § 6:152" in refs
    assert any(r.endswith("§ 6:104(1)(h)") for r in refs)
    for lang in law.LANGUAGES:
        assert "Ptk. 6:152. §" in doc.why[lang] and "Ptk. 6:104. § (1) h)" in doc.why[lang]
        assert "békéltető testület" in doc.advice[lang] and "bekeltetes.hu" in doc.advice[lang]
        assert "fogyasztovedelem.kormany.hu" in doc.advice[lang]


@pytest.mark.parametrize("id_, point", [
    ("unfair.unilateral-change", "6:104(2)(d)"),
    ("unfair.unilateral-termination", "6:104(1)(d)"),
    ("unfair.arbitration", "6:104(1)(i)"),
    ("money.auto-renewal", "6:104(2)(c)"),
    ("money.forfeiture", "6:104(1)(e)"),
])
def test_the_black_and_grey_lists_of_ptk_6_104_are_cited_where_they_apply(id_, point):
    doc = law.entry(id_, "eu", "HU")
    assert any(r.ref.endswith(point) for r in doc.law_refs("en")), id_
    letter = point[-2]
    assert f"Ptk. 6:104. § ({point.split('(')[1][0]}) {letter})" in doc.why["fr"], id_


def test_every_hungarian_block_cites_only_hungarian_acts_section_by_section():
    for id_ in law.country_files()["HU"]["ids"]:
        for item in _items("HU", id_):
            key = item.split()[0]
            assert key in HU_ACTS and law.acts()[key].region == "HU", (id_, item)
            for lang in law.LANGUAGES:
                ref = law.law_ref(item, lang)
                assert " " in item and ref.url.startswith(PORTAL) and ref.url != law.acts()[key].url[lang], item


def test_the_advertising_rule_is_said_only_for_marketing_clauses():
    doc = law.entry("rights.data-sale", "eu", "HU")
    why, refs = doc.for_clauses("en", ["We send you newsletters and promotional offers by e-mail."])
    assert "Grt. 6. § (1)" in why and any("Grt." in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We sell your personal data to data brokers."])
    assert "Grt." not in why and not any("Grt." in r.ref for r in refs)


def test_an_audit_for_a_hungarian_reader_shows_hungarian_law_where_a_block_applies():
    hu, _ = national_audit("HU", PORTAL, said_only_for=("rights.data-sale",), liability_cites="Ptk. 6:152. §")
    arbitration = [f for f in hu["findings"] if f["id"] == "unfair.arbitration"]
    assert arbitration and any(r["url"].startswith(PORTAL) for r in arbitration[0]["law"])
