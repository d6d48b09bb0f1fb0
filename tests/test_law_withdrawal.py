"""The EU withdrawal button (session 44): Directive (EU) 2023/2673 inserted Article 11a into the Consumer Rights
Directive 2011/83/EU, applied from 19 June 2026 (France: Code de la consommation L221-21). A reader in the EU or in
France told that "all sales are final" learns that a contract concluded online comes with a withdrawal function and
that such a term does not remove the right of withdrawal outside the cases of art. 16; a reader in the US, whose law
has no such right, is not told of it. The US explanation of an indemnity rests unconscionability on the general
doctrine (UCC § 2-302 for goods, the common law as the Restatement (Second) of Contracts § 208 states it), not on
§ 2-302 alone."""
from __future__ import annotations

import pytest

from fineprint import audit, law
from fineprint.settings import Settings

TERMS = """# Terms of Sale

All sales are final and non-refundable.
"""

CONDITIONS = """# Conditions générales de vente

Toutes les ventes sont fermes et définitives : aucun remboursement ne sera effectué.
"""

INDEMNITY = """# Terms of Service

You agree to defend, indemnify and hold harmless the Company from any claim arising out of your use of the Service,
including reasonable attorneys' fees.
"""

BUTTON_EN = "withdraw from contract here"
BUTTON_FR = "fonction de rétractation"


def _finding(text: str, id_: str, lang: str, country: str | None):
    settings = Settings(lang=lang, country=country) if country else Settings(lang=lang)
    report = audit(text.encode("utf-8"), settings, name="terms.md")
    found = [f for f in report.findings if f.id == id_]
    assert found, (id_, lang, country, [f.id for f in report.findings])
    return found[0]


def _refs(finding) -> list[str]:
    return [r.ref for r in finding.law]


@pytest.mark.parametrize("country", [None, "FR", "DE", "EU"])
@pytest.mark.parametrize("text, lang, button", [(TERMS, "en", BUTTON_EN), (CONDITIONS, "fr", BUTTON_FR)],
                         ids=["en", "fr"])
def test_an_eu_or_french_reader_is_told_of_the_withdrawal_button(text, lang, button, country):
    f = _finding(text, "money.no-refund", lang, country)
    refs = _refs(f)
    # the article that requires the button, with its own address in the amending directive, in the report's language
    article = next(r for r in f.law if r.ref.endswith("11a" if lang == "en" else "11 bis"))
    assert "2011/83" in article.ref and "CELEX:32023L2673#:~:text=" in article.url
    assert f"/{lang.upper()}/" in article.url
    # the exceptions a "final" purchase may fall under, and the date the button applies from
    assert any("2011/83" in r and r.endswith(" 16") for r in refs), refs
    explanation = " ".join(f.explanation.split())
    assert button in explanation and ("19 June 2026" in explanation or "19 juin 2026" in explanation)


@pytest.mark.parametrize("lang, text", [("en", TERMS), ("fr", CONDITIONS)], ids=["en", "fr"])
def test_a_reader_in_france_gets_the_french_transposition(lang, text):
    f = _finding(text, "money.no-refund", lang, "FR")
    l221_21 = next(r for r in f.law if r.ref.endswith("L221-21"))
    assert l221_21.url == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053310520"
    assert "L221-21" in f.explanation


@pytest.mark.parametrize("country", ["DE", "EU"])
def test_a_reader_elsewhere_in_the_eu_gets_the_directive_without_french_law(country):
    f = _finding(TERMS, "money.no-refund", "en", country)
    assert not any("L221" in r or "French" in r for r in _refs(f))
    assert "France" not in f.explanation and "L221-21" not in f.explanation


@pytest.mark.parametrize("country", ["US", "US-CA"])
@pytest.mark.parametrize("text, lang", [(TERMS, "en"), (CONDITIONS, "fr")], ids=["en", "fr"])
def test_a_us_reader_is_not_told_of_the_withdrawal_button(text, lang, country):
    f = _finding(text, "money.no-refund", lang, country)
    assert not any("11a" in r or "2011/83" in r or "L221" in r for r in _refs(f))
    explanation = " ".join(f.explanation.split()).lower()
    assert "withdraw from contract here" not in explanation and "19 june 2026" not in explanation
    assert "fonction de rétractation" not in explanation and "19 juin 2026" not in explanation


@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_the_us_indemnity_explanation_does_not_rest_on_the_sales_article_alone(lang):
    f = _finding(INDEMNITY, "money.indemnity", lang, "US")
    refs = _refs(f)
    assert any("2-302" in r for r in refs) and any("Restatement (Second) of Contracts" in r for r in refs), refs
    assert len(refs) >= 2
    explanation = " ".join(f.explanation.split())
    # § 2-302 is the rule for goods; services are governed by the common-law doctrine
    assert "§ 2-302" in explanation and "§ 208" in explanation and "common law" in explanation
    assert "as written" not in explanation and "telles qu'elles sont écrites" not in explanation
    restatement = next(r for r in f.law if "Restatement" in r.ref)
    assert restatement.url.startswith("https://www.law.cornell.edu/")


def test_the_article_11a_reference_opens_the_inserted_article_in_each_language():
    en, fr = law.law_ref("dir-2011-83 11a", "en"), law.law_ref("dir-2011-83 11a", "fr")
    assert en.url != fr.url
    assert "Exercise%20of%20the%20right%20of%20withdrawal" in en.url
    assert law.law_ref("dir-2011-83 16", "fr").url.endswith("CELEX:32011L0083#:~:text=Article%2016,-Exceptions")


def test_a_french_reader_reads_the_inserted_article_as_the_french_journal_numbers_it():
    assert law.law_ref("dir-2011-83 11a", "fr").ref.endswith("art. 11 bis")
    assert law.law_ref("dir-2011-83 11a", "en").ref.endswith("Art. 11a")
    assert law.law_ref("dir-2011-83 11a", "fr").url == law.acts()["dir-2011-83"].articles["11a"]["fr"]
    assert law.law_ref("dir-2011-83 16(m)", "fr").ref.endswith("art. 16(m)")  # a point, not an inserted article
    refs = _refs(_finding(CONDITIONS, "money.no-refund", "fr", "EU"))
    assert any(r.endswith("art. 11 bis") for r in refs) and not any("11a" in r for r in refs), refs
