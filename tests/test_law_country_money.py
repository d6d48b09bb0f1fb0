"""What national law adds to the money.* findings (fineprint/law/data/countries/DE, AT, NL, BE.yaml): a reader in one
of these countries is told the rule of their own law on renewals, indemnities, refunds and forfeited balances, each
cited to a section of the country's own act, never French law."""
from __future__ import annotations

import pytest

from fineprint import law

MONEY = ("money.auto-renewal", "money.indemnity", "money.no-refund", "money.forfeiture")
# the money.* ids each country's file explains, and the act every one of its blocks cites
ADDED = {
    "DE": ({"money.auto-renewal", "money.indemnity", "money.no-refund"}, "bgb"),
    "AT": ({"money.auto-renewal"}, "at-kschg"),
    "NL": ({"money.auto-renewal", "money.forfeiture"}, "bw6"),
    "BE": ({"money.auto-renewal", "money.indemnity", "money.no-refund", "money.forfeiture"}, "cde"),
}


def _added_items(code: str, id_: str) -> list[str]:
    block = law.country_files()[code]["ids"][id_]
    return list(block.get("law") or ()) + [i for p in block.get("why_when") or () for i in p.get("law") or ()]


@pytest.mark.parametrize("code", sorted(ADDED))
def test_each_country_explains_the_money_ids_it_has_a_rule_for(code):
    ids, _ = ADDED[code]
    assert {i for i in law.country_files()[code]["ids"] if i.startswith("money.")} == ids


@pytest.mark.parametrize("code", sorted(ADDED))
def test_each_money_block_cites_its_own_act_section_by_section(code):
    ids, act_key = ADDED[code]
    act = law.acts()[act_key]
    assert act.region == code
    for id_ in ids:
        items = _added_items(code, id_)
        assert items and all(i.split()[0] == act_key for i in items), (code, id_, items)
        for lang in law.LANGUAGES:
            for item in items:
                ref = law.law_ref(item, lang)
                assert ref.url.startswith("https://") and ref.url != act.url[lang], (code, id_, item)


@pytest.mark.parametrize("code, id_, en, fr", [
    ("DE", "money.auto-renewal", ["§ 309 Nr. 9", "one month's notice", "§ 312k", "Verträge hier kündigen"],
     ["§ 309 Nr. 9", "préavis d'un mois", "§ 312k"]),
    ("DE", "money.indemnity", ["§ 307", "§ 309 Nr. 5", "prove"], ["§ 307", "§ 309 Nr. 5", "prouver"]),
    ("DE", "money.no-refund", ["§ 309 Nr. 5", "flat sum"], ["§ 309 Nr. 5", "somme forfaitaire"]),
    ("AT", "money.auto-renewal", ["§ 6(1) Z 2", "not extended", "§ 6(1) Z 1"], ["§ 6(1) Z 2", "pas prolongé"]),
    ("NL", "money.auto-renewal", ["6:236 sub j", "one month's notice"], ["6:236 sub j", "préavis d'un mois"]),
    ("NL", "money.forfeiture", ["6:237 sub h", "6:233 sub a"], ["6:237 sub h", "6:233 sub a"]),
    ("BE", "money.auto-renewal", ["VI.91", "two months' notice", "VI.83, 20°"],
     ["VI.91", "deux mois", "VI.83, 20°"]),
    ("BE", "money.indemnity", ["VI.83, 17°", "VI.84"], ["VI.83, 17°", "VI.84"]),
    ("BE", "money.forfeiture", ["advance payments", "VI.83"], ["acomptes", "VI.83"]),
])
def test_the_reader_is_told_the_national_rule_in_both_languages(code, id_, en, fr):
    doc = law.entry(id_, "eu", code)
    base = law.entry(id_, "eu")
    assert doc.why["en"].startswith(base.why["en"]) and doc.why["fr"].startswith(base.why["fr"])
    for words, lang in ((en, "en"), (fr, "fr")):
        for w in words:
            assert w in doc.why[lang], (code, id_, lang, w)


def test_a_reader_elsewhere_is_told_none_of_it():
    for id_ in MONEY:
        assert law.entry(id_, "eu", "FI") == law.entry(id_, "eu")
        assert "BGB" not in law.entry(id_, "eu", "FI").why["en"]
