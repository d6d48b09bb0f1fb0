"""The law by the reader's country (--country; fineprint/law/regions.py, fineprint/law/data/regions/): a reader
outside France is told the law that protects them, not French law."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from fineprint import law
from fineprint.errors import UsageError
from fineprint.law import regions

# the families whose every id must be written for a reader in the UK and the US (app.* may use a family note)
WRITTEN_ONE_BY_ONE = ("rights", "unfair", "practice", "transparency")
OUTSIDE_FRANCE = ("eu", "uk", "us")


@pytest.mark.parametrize("country, region", [
    ("DE", "eu"), ("de", "eu"), ("EL", "eu"), ("NO", "eu"), ("EU", "eu"), ("GB", "uk"), ("uk", "uk"),
    ("US", "us"), ("us-ca", "us"), ("FR", "fr"), ("RE", "fr"), (None, "fr"), ("", "fr")])
def test_a_country_falls_in_one_law_region(country, region):
    assert regions.region_for(country) == region


@pytest.mark.parametrize("country", ["CH", "CA", "XX", "France"])
def test_a_country_without_a_law_profile_is_a_usage_error_not_another_countrys_law(country):
    with pytest.raises(UsageError, match="no law profile"):
        regions.region_for(country)


def test_the_reader_is_named_in_the_report_language():
    assert regions.reader("DE", "en").label == "a consumer in Germany"
    assert regions.reader("DE", "fr").label == "un consommateur en Allemagne"
    assert regions.reader(None, "fr") == regions.Reader(None, "fr", "un consommateur en France")
    assert regions.reader("us-ca", "en").label == "a consumer in California"


def _acts_of(doc) -> set[str]:
    items = list(doc.law) + [i for p in doc.why_when for i in p.law] + list(doc.why_policy_law)
    return {i.split()[0] for i in items}


@pytest.mark.parametrize("region", OUTSIDE_FRANCE)
def test_no_reader_outside_france_is_sent_to_french_law_or_the_cnil(region):
    french = {k for k, a in law.acts().items() if a.region == "fr"}
    for id_ in law.all_ids():
        doc = law.entry(id_, region)
        assert not _acts_of(doc) & french, (region, id_)
        texts = [doc.why, doc.advice, doc.advice_found or {}, doc.advice_policy or {}, doc.why_policy or {}]
        for lang in law.LANGUAGES:
            for text in (t.get(lang, "") for t in texts):
                # the complaint letter is addressed to the CNIL: only a reader in France is offered it
                assert "letter complaint" not in text, (region, id_, lang)
                assert "CNIL" not in text, (region, id_, lang)
                assert "Code de la consommation" not in text and "R212-" not in text, (region, id_, lang)


@pytest.mark.parametrize("region", ["uk", "us"])
def test_every_contract_and_privacy_id_has_its_own_text_for_the_uk_and_the_us(region):
    own = {k for k, a in law.acts().items() if a.region == region}
    for id_ in law.all_ids():
        doc = law.entry(id_, region)
        if id_.split(".")[0] in WRITTEN_ONE_BY_ONE:
            assert doc.region == region, f"{id_} has no text for a reader in {region}"
        if doc.region == region:
            assert _acts_of(doc) <= own, (region, id_, _acts_of(doc) - own)
            assert doc.law, (region, id_)
            for lang in law.LANGUAGES:
                assert len(doc.why[lang].split()) >= 12 and len(doc.advice[lang].split()) >= 8, (region, id_, lang)
            # the EU's own acts are not this reader's law
            assert not any(a in {"gdpr", "dir-93-13", "dsa", "eprivacy"} for a in _acts_of(doc)), (region, id_)


@pytest.mark.parametrize("region", ["uk", "us"])
@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_section_a_reader_is_pointed_to_opens_that_section(region, lang):
    """A reference that names a section links to that section's own page, not to the whole act."""
    checked = 0
    for id_ in law.all_ids():
        doc = law.entry(id_, region)
        items = list(doc.law) + [i for p in doc.why_when for i in p.law] + list(doc.why_policy_law)
        for item in items:
            key, _, loc = item.partition(" ")
            ref = law.law_ref(item, lang)
            assert ref.url.startswith("https://"), (id_, item)
            if loc:
                checked += 1
                assert ref.url != law.acts()[key].url[lang], f"{region} {id_}: {item} opens the whole act"
    assert checked >= 20


def test_the_eu_reader_keeps_eu_law_and_loses_french_law():
    fr, eu = law.entry("unfair.limitation-of-liability"), law.entry("unfair.limitation-of-liability", "eu")
    assert "code-conso R212-1" in fr.law and not any(i.startswith("code-conso") for i in eu.law)
    assert "dir-93-13 annex:1(b)" in eu.law
    likeness = law.entry("rights.likeness-use", "eu")
    assert "code-civil 9" not in likeness.law and "gdpr 7" in likeness.law
    # the sentence about the French right to one's image is not said to a reader in Germany
    why, refs = likeness.for_clauses("en", ["We may use your photo and voice in our advertising."])
    assert "In France" not in why and all("Code civil" not in r.ref for r in refs)


def test_a_us_reader_is_told_us_law_for_arbitration():
    doc = law.entry("unfair.arbitration", "us")
    refs = [r.ref for r in doc.law_refs("en")]
    assert any("Arbitration" in r or "9 U.S.C" in r for r in refs), refs
    assert "opt" in doc.advice["en"].lower()  # the opt-out window, the reader's concrete way out
    assert not any("EUR-Lex" in r.url or "eur-lex" in r.url for r in doc.law_refs("en"))


def test_explain_names_whose_law_it_explains():
    text = law.explain_text("unfair.arbitration", "en", "us")
    assert "Law of: the United States" in text and "eur-lex" not in text
    assert "Droit de : la France" in law.explain_text("unfair.arbitration", "fr")


@pytest.fixture
def cli():
    """Run ``fineprint`` as a user would (a subprocess, the environment inherited): (exit status, stdout, stderr)."""
    def run(*args: str):
        done = subprocess.run([sys.executable, "-m", "fineprint.cli", *args], capture_output=True, timeout=300,
                              text=True)
        return done.returncode, done.stdout, done.stderr
    return run


def _audit_json(cli, path, *extra):
    code, out, err = cli("audit", str(path), "-f", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_a_report_for_a_us_reader_cites_us_law_and_says_for_whom(cli, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text(
        "Terms of Service\n\n"
        "Any dispute between you and us shall be resolved by binding individual arbitration, and you waive any "
        "right to participate in a class action.\n\n"
        "We may terminate your account at any time, for any reason, without notice.\n", encoding="utf-8")
    fr = _audit_json(cli, terms)
    us = _audit_json(cli, terms, "--country", "us")
    assert fr["reader"] == {"country": None, "region": "fr", "label": "a consumer in France"}
    assert us["reader"] == {"country": "US", "region": "us", "label": "a consumer in the United States",
                            "consumer_help": [{"name": "Federal Trade Commission (ReportFraud.ftc.gov)",
                                               "url": "https://reportfraud.ftc.gov"}]}
    arb = [f for f in us["findings"] if f["id"] == "unfair.arbitration"]
    assert arb, [f["id"] for f in us["findings"]]
    assert not any("eur-lex" in r["url"] or "legifrance" in r["url"] for f in us["findings"] for r in f["law"])
    assert any("eur-lex" in r["url"] for f in fr["findings"] for r in f["law"])
    # the same clauses are flagged wherever the reader lives
    assert sorted(f["id"] for f in us["findings"]) == sorted(f["id"] for f in fr["findings"])
    code, md, _ = cli("audit", str(terms), "-f", "md", "--country", "de")
    assert code == 0 and "Law explained for: a consumer in Germany" in md
    code, md, _ = cli("audit", str(terms), "-f", "md")
    assert "a consumer in France (`--country` sets where you live)" in md


def test_the_country_comes_from_the_environment_when_not_given(cli, tmp_path, monkeypatch):
    terms = tmp_path / "terms.txt"
    terms.write_text("We may terminate your account at any time, for any reason, without notice.\n", encoding="utf-8")
    monkeypatch.setenv("FINEPRINT_COUNTRY", "GB")
    assert _audit_json(cli, terms)["reader"]["region"] == "uk"


def test_an_unknown_country_is_one_line_and_exit_2(cli, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("We may terminate your account at any time.\n", encoding="utf-8")
    code, out, err = cli("audit", str(terms), "--country", "CH")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no law profile for country 'CH'" in err
    code, _, err = cli("explain", "unfair.arbitration", "--country", "Narnia")
    assert code == 2 and "Traceback" not in err


def test_the_law_by_country_page_is_up_to_date():
    from pathlib import Path

    from fineprint.law.gen_docs import render_regions

    page = Path(__file__).resolve().parents[1] / "docs" / "law-by-country.md"
    assert page.read_text(encoding="utf-8") == render_regions(), \
        "docs/law-by-country.md is stale: run python -m fineprint.law.gen_docs"
    assert not re.search(r"\(the EU text: no text of its own", "\n".join(
        line for line in page.read_text(encoding="utf-8").splitlines()
        if line.startswith(("### uk: rights", "### uk: unfair", "### us: rights", "### us: unfair"))))


@pytest.mark.parametrize("region", OUTSIDE_FRANCE)
def test_every_finding_rests_on_some_law_for_every_reader(region):
    assert [i for i in law.all_ids() if not law.entry(i, region).law] == []


@pytest.mark.parametrize("region", OUTSIDE_FRANCE)
def test_no_headline_outside_france_names_the_cnil(region):
    for id_ in law.all_ids():
        for lang in law.LANGUAGES:
            assert "CNIL" not in law.entry(id_, region).headline[lang], (region, id_, lang)


@pytest.mark.parametrize("text, country", [
    ("These Terms are governed by the laws of the State of Delaware, without regard to conflict of laws.", "US"),
    ("This Agreement shall be governed by and construed in accordance with the Laws of Ireland.", "IE"),
    ("These Terms are governed by English law, and you can bring legal proceedings in the English courts.", "GB"),
    ("Les présentes CGV sont soumises à la loi française.", "FR"),
    ("Le contrat est régi par le droit belge.", "BE"),
    ("These Terms are governed by the laws of your country of residence.", None),
    # a law chosen only for some readers: it depends on where the reader lives
    ("If you reside in the United States, these Terms are governed by the laws of the State of New York.", None),
    ("L'ensemble de ce site relève de la législation française et internationale sur le droit d'auteur.", None),
])
def test_the_law_a_document_chooses_is_read(text, country):
    from fineprint.law.governing import chosen_law

    chosen = chosen_law(text)
    assert (chosen.country if chosen else None) == country


def test_a_document_under_another_regions_law_is_said_in_one_warning():
    """Deliveroo Ireland's terms read by a UK reader were explained as if UK consumer law surely applied
    (session 41): the report says which law the document chose and when the reader's own law holds."""
    from fineprint.law.governing import note

    irish = "These Terms are governed by the law of Ireland and you can bring legal proceedings in the Irish courts."
    uk = note(irish, regions.reader("GB", "en"), "en")
    assert uk.startswith("this document says it is governed by the law of Ireland")
    assert "directs its service there" in uk
    assert note(irish, regions.reader("DE", "en"), "en") is None  # EU consumer law is common to both
    delaware = "This Agreement is governed by the laws of the State of Delaware."
    assert "l'État de Delaware (États-Unis)" in note(delaware, regions.reader(None, "fr"), "fr")
    assert note(delaware, regions.reader("US", "en"), "en") is None


def test_the_warning_reaches_the_report(cli, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("Terms of Service\n\nWe may terminate your account at any time, for any reason, without notice.\n\n"
                     "These Terms are governed by the laws of the State of California.\n", encoding="utf-8")
    gb = _audit_json(cli, terms, "--country", "GB")["reader"]
    assert gb["document_law"]["country"] == "US"
    assert "the State of California (United States)" in gb["document_law"]["note"]
    assert "document_law" not in _audit_json(cli, terms, "--country", "US")["reader"]
    code, md, _ = cli("audit", str(terms), "-f", "md", "--country", "GB")
    head = md.split("## ")[1] if "## " in md else md
    assert "- The law it chooses: This document says it is governed by the law of the State of California" in md[:2000]


def test_a_us_reader_is_offered_no_gdpr_letter(cli, tmp_path):
    """A GDPR letter is no use to a reader in the US: Tinder's reader in New York was told to send them (session 41).
    Since session 42 a US reader is offered the CCPA letters, always with --country US."""
    policy = tmp_path / "privacy-policy.md"
    policy.write_text(
        "# Privacy Policy\n\nWe collect your name, e-mail address and location to provide the service.\n\n"
        "We share your information with advertising partners.\n\nWe keep your data for as long as necessary.\n\n"
        "You can access, correct or delete your data by contacting privacy@example.com.\n", encoding="utf-8")
    code, us, _ = cli("audit", str(policy), "-f", "md", "--country", "US")
    offered = re.findall(r"`fineprint letter [^`]*`", us)
    assert code == 0 and offered and all(cmd.endswith("--country US`") for cmd in offered), offered
    code, fr, _ = cli("audit", str(policy), "-f", "md")
    assert "fineprint letter" in fr


def test_a_reader_who_gives_a_country_is_told_its_data_protection_authority(cli, tmp_path):
    """"The authority of your country" told a reader in Belgium nothing (session 41)."""
    assert regions.reader("BE", "fr").authority[1] == "https://www.autoriteprotectiondonnees.be"
    assert regions.reader("GB", "en").authority[0].startswith("Information Commissioner")
    assert regions.reader("US", "en").authority is None and regions.reader(None, "en").authority is None
    # every EU and EEA country has one
    assert all(regions.reader(code, "en").authority for code in regions._EU_EEA)
    terms = tmp_path / "terms.txt"
    terms.write_text("We may sell your personal data to our advertising partners.\n", encoding="utf-8")
    data = _audit_json(cli, terms, "--country", "NL")
    assert data["reader"]["authority"] == {"name": "Autoriteit Persoonsgegevens",
                                           "url": "https://www.autoriteitpersoonsgegevens.nl"}
    code, md, _ = cli("audit", str(terms), "-f", "md", "--country", "NL")
    assert "- Your data-protection authority: Autoriteit Persoonsgegevens (https://www.autoriteitpersoonsgegevens.nl)" in md


def test_a_reader_who_gives_a_country_is_told_where_to_get_help_with_a_company(cli, tmp_path):
    """"No 'who can help' block" (session 41's UK reader): the national consumer body where fineprint knows one, and
    the European Consumer Centre for EU and EEA readers (most online services are based in another EU country)."""
    assert [url for _, url in regions.reader("GB", "en").help] == ["https://www.citizensadvice.org.uk/consumer/"]
    assert [url for _, url in regions.reader("US-NY", "en").help] == ["https://ag.ny.gov", "https://reportfraud.ftc.gov"]
    assert [url for _, url in regions.reader("ES", "en").help] == ["https://www.eccnet.eu"]
    assert regions.reader("DE", "fr").help[1][0].startswith("Centre européen des consommateurs")
    assert regions.reader(None, "en").help == ()  # the default report stays as it was
    terms = tmp_path / "terms.txt"
    terms.write_text("We may terminate your account at any time.\n", encoding="utf-8")
    data = _audit_json(cli, terms, "--country", "BE")
    assert [b["url"] for b in data["reader"]["consumer_help"]] == ["https://mediationconsommateur.be",
                                                                   "https://www.eccnet.eu"]
    code, text, _ = cli("audit", str(terms), "--country", "GB")
    assert code == 0 and "Help with a company: Citizens Advice consumer service" in text
    code, html, _ = cli("audit", str(terms), "-f", "html", "--country", "GB")
    assert '<a href="https://www.citizensadvice.org.uk/consumer/" rel="noopener">Citizens Advice' in html


@pytest.mark.parametrize("value", ["A" * 5000, "xx\x00yy", "../../etc", "<script>"])
def test_a_hostile_country_is_one_short_line(cli, tmp_path, monkeypatch, value):
    terms = tmp_path / "terms.txt"
    terms.write_text("We may terminate your account at any time.\n", encoding="utf-8")
    monkeypatch.setenv("FINEPRINT_COUNTRY", value.replace("\x00", ""))  # the environment cannot hold a NUL
    code, out, err = cli("audit", str(terms))
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and len(err) < 300
