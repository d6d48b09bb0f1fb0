"""The readers a document says it is written for (fineprint/law/audience.py), suggested beside the default reader."""
from __future__ import annotations

import json
import subprocess
import sys

from fineprint.law.audience import suggest
from fineprint.model import Document
from fineprint.pipeline import audit_document
from fineprint.report import json as json_report
from fineprint.settings import Settings

UK = ("We are the controller of your personal data under the UK GDPR and the Data Protection Act 2018. "
      "You have the right to complain to the Information Commissioner's Office (ICO) at ico.org.uk. "
      "We may share your personal data with our advertising partners.")
CCPA = ("Privacy notice for California residents. If you are a California resident, the California Consumer Privacy "
        "Act (CCPA) gives you the right to know what personal information we collect. California residents may ask "
        "us to delete their personal information. We sell your personal information to advertisers.")
CNIL = ("Vous pouvez introduire une réclamation auprès de la CNIL. Conformément au RGPD, vous disposez d'un droit "
        "d'accès à vos données. Nous partageons vos données avec nos partenaires publicitaires.")
SEVERAL = ("If you live in the European Economic Area, Example Ireland Limited is the controller under the GDPR. "
           "If you live in the United Kingdom, Example UK Ltd is the controller under the UK GDPR and you may "
           "complain to the ICO. If you live in the United States, California residents have rights under the CCPA. "
           "We share your personal data with advertisers.")


def _audit(text: str, country: str | None = None, lang: str = "en"):
    doc = Document(text=text, source="policy.txt", language="fr" if lang == "fr" else "en", kind="privacy-policy")
    return audit_document(doc, Settings(country=country))


def test_a_uk_facing_policy_suggests_gb():
    suggested = suggest(UK, "en")
    assert suggested["country"] == "GB"
    assert suggested["label"] == "readers in the United Kingdom"
    assert "the UK GDPR" in suggested["why"] and "the ICO" in suggested["why"]


def test_a_ccpa_notice_suggests_california_in_the_report_language():
    assert suggest(CCPA, "en") == {"country": "US-CA", "label": "readers in the United States",
                                   "why": 'it speaks of the CCPA and "California residents"'}
    french = suggest(CCPA, "fr")
    assert french["label"] == "des lecteurs aux États-Unis" and french["why"].startswith("il mentionne le CCPA")


def test_the_cnil_in_french_suggests_nothing_new_to_the_default_reader():
    assert suggest(CNIL, "fr", "fr") is None
    report = _audit(CNIL, lang="fr")
    assert report.suggested_reader is None
    assert "suggested" not in json_report.to_dict(report)["reader"]


def test_an_eu_authority_is_the_companys_not_the_readers():
    text = ("Our lead supervisory authority is the Data Protection Commission in Ireland. Under the GDPR you may "
            "complain to the authority of your country. The Autoriteit Persoonsgegevens supervises our Dutch office.")
    assert suggest(text) is None


def test_a_multi_region_document_suggests_no_single_country():
    suggested = suggest(SEVERAL, "en")
    assert suggested["country"] is None
    assert suggested["label"].startswith("readers in several regions:")
    assert set(suggested["options"]) == {"GB", "US-CA"}


def test_a_passing_remark_suggests_nothing():
    # Google Drive's acceptable-use policy: one line for UK users in a document for everyone
    assert suggest("For UK users, find more information about the UK Online Safety Act. Do not abuse the service.") is None
    assert suggest("This service is not available to residents of the United Kingdom.") is None


def test_a_french_document_gets_no_single_foreign_country():
    # Pornhub's French policy keeps its CCPA notice in English: its readers read French
    assert suggest(CCPA, "fr", "fr") is None


def test_with_country_given_nothing_is_suggested():
    assert _audit(CCPA, country="FR").suggested_reader is None
    assert _audit(CCPA, country="US-CA").suggested_reader is None
    assert _audit(CCPA).suggested_reader["country"] == "US-CA"


def test_the_json_report_carries_the_suggestion_and_validates():
    for text in (CCPA, SEVERAL, UK):
        data = json_report.to_dict(_audit(text))
        json_report.validate(data)
        assert data["reader"]["country"] is None and data["reader"]["label"] == "a consumer in France"
        assert data["reader"]["suggested"]["label"]


def test_cli_text_shows_the_line_beside_the_reader(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text(CCPA, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "fineprint", "audit", str(path), "-f", "text"],
                         capture_output=True, text=True, timeout=120)
    out = " ".join(run.stdout.split())
    assert "Law explained for: a consumer in France" in out
    assert ('Written for: readers in the United States (it speaks of the CCPA and "California residents") — '
            "--country US-CA explains the findings under their law.") in out
    french = subprocess.run([sys.executable, "-m", "fineprint", "audit", str(path), "-f", "md", "--lang", "fr"],
                            capture_output=True, text=True, timeout=120).stdout.replace("\xa0", " ")
    assert "- Écrit pour : des lecteurs aux États-Unis (il mentionne le CCPA et « California residents ») — " \
           "`--country US-CA` explique les constats selon leur droit." in french
    given = subprocess.run([sys.executable, "-m", "fineprint", "audit", str(path), "-f", "text", "--country", "GB"],
                           capture_output=True, text=True, timeout=120).stdout
    assert "Written for" not in given


def test_several_regions_name_each_country_to_use():
    from fineprint.report import markdown

    out = markdown.render(_audit(SEVERAL))
    line = next(l for l in out.splitlines() if l.startswith("- Written for"))
    assert "`--country GB` " in line and "`--country US-CA` " in line
    assert "a consumer in the United Kingdom" in line and "a consumer in California" in line
    assert json.dumps(json_report.to_dict(_audit(SEVERAL))["reader"]["suggested"]["options"])


def test_empty_binary_or_huge_text_gives_no_suggestion_or_a_sane_one_quickly():
    """The reading runs inside every audit: nothing a document holds may crash it or make it crawl."""
    import time

    from fineprint.law.audience import suggest

    assert suggest("", "en", "en") is None
    assert suggest("\x00\x01\ufffd" * 200_000 + "(" * 100_000 + "residents of " * 50_000, "en", "en") is None
    start = time.monotonic()
    huge = suggest("If you live in California, the CCPA gives you rights. " * 20_000 + "x" * 2_000_000, "en", "en")
    assert time.monotonic() - start < 30  # linear in the text: about 1.4 s here for 3 MB
    assert huge is None or huge["country"] in ("US-CA", "US", None)
