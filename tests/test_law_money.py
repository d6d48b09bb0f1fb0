"""money.* (fineprint/law/data/money.yaml): each id cites the acts it rests on, every cited article opens that article,
and readers in the UK and the US are told their own law, never French law."""
from __future__ import annotations

import re

import pytest

from fineprint import law

MONEY = ("money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture")
ARTICLE_URL = re.compile(r"^https://(?:eur-lex\.europa\.eu/legal-content/(?:EN|FR)/TXT/HTML/\?uri=CELEX:\w+#:~:text=\S+"
                         r"|www\.legifrance\.gouv\.fr/codes/article_lc/LEGIARTI\d{12})$")


@pytest.mark.parametrize("id_, expected", [
    ("money.indemnity", {"dir-93-13 annex:1(e)", "code-conso L212-1", "code-conso R212-2"}),
    ("money.no-refund", {"dir-2011-83 13", "code-conso L221-24", "dir-93-13 annex:1(d)", "dir-93-13 annex:1(f)",
                         "code-conso R212-1", "code-conso R212-2"}),
    ("money.auto-renewal", {"dir-93-13 annex:1(h)", "code-conso L215-1", "code-conso L215-1-1"}),
    ("money.forfeiture", {"dir-93-13 annex:1(d)", "dir-93-13 annex:1(f)", "code-conso R212-1", "code-conso R212-2"}),
])
def test_each_money_id_cites_its_acts(id_, expected):
    assert expected <= set(law.entry(id_).law)


@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_money_reference_opens_the_article(lang):
    for id_ in MONEY:
        for item in law.entry(id_).law:
            url = law.law_ref(item, lang).url
            assert ARTICLE_URL.match(url), (id_, item, url)
            if "eur-lex" in url:
                assert f"/{lang.upper()}/" in url, (item, url)


@pytest.mark.parametrize("region", ["uk", "us"])
def test_uk_and_us_readers_get_their_own_law_and_no_french_act(region):
    own = {k for k, a in law.acts().items() if a.region == region}
    for id_ in MONEY:
        doc = law.entry(id_, region)
        acts = {i.split()[0] for i in doc.law}
        assert doc.region == region and acts and acts <= own, (region, id_, acts)
        for lang in law.LANGUAGES:
            assert "R212" not in doc.why[lang] and "L215" not in doc.why[lang], (region, id_, lang)
            assert "France" not in doc.why[lang], (region, id_, lang)


def test_the_eu_reader_keeps_the_eu_points_without_french_law():
    for id_ in MONEY:
        doc = law.entry(id_, "eu")
        assert any(i.startswith("dir-") for i in doc.law), id_
        assert not any(i.startswith("code-conso") for i in doc.law), id_
        for lang in law.LANGUAGES:
            assert "France" not in doc.why[lang] and "R212" not in doc.why[lang], (id_, lang)


def test_no_us_reader_is_told_of_the_vacated_click_to_cancel_rule_as_law():
    doc = law.entry("money.auto-renewal", "us")
    assert "rosca 8403" in doc.law and "struck down" in doc.why["en"]
