"""The national layer over the EU text (fineprint/law/countries.py, fineprint/law/data/countries/): a reader in
Belgium or Germany is told what the law of their country adds to EU law, and nobody else is."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fineprint import law
from fineprint.errors import ResourceError
from fineprint.law import countries

ROOT = Path(__file__).resolve().parents[1]
# every national layer over the EU text (the per-country files test what each one says; these, what every one must hold)
LAYERED = tuple(sorted(c for c in law.country_files() if not c.startswith("US-")))
STATES = tuple(sorted(c for c in law.country_files() if c.startswith("US-")))


def _base(code: str) -> str:
    return "us" if code.startswith("US-") else "eu"


def _acts_of(doc) -> set[str]:
    items = list(doc.law) + [i for p in doc.why_when for i in p.law] + list(doc.why_policy_law)
    return {i.split()[0] for i in items}


def _region_of_acts(doc) -> set[str]:
    return {law.acts()[a].region for a in _acts_of(doc)}


def test_a_german_reader_is_told_bgb_309_no_7_and_a_belgian_reader_the_cde():
    de = law.entry("unfair.limitation-of-liability", "eu", "DE")
    refs = [r.ref for r in de.law_refs("en")]
    assert "German Civil Code (BGB) § 309 Nr. 7" in refs
    assert "§ 309 Nr. 7" in de.why["en"] and "gross negligence" in de.why["en"]
    be = law.entry("unfair.limitation-of-liability", "eu", "BE")
    assert any(r.ref.startswith("Belgian Code of Economic Law") and "VI.83" in r.ref for r in be.law_refs("en"))
    assert "VI.83" in be.why["fr"] and "mediationconsommateur.be" in be.advice["fr"]


@pytest.mark.parametrize("code", LAYERED + STATES)
def test_a_country_or_state_block_adds_to_its_region_entry_and_never_takes_from_it(code):
    region = _base(code)
    for id_ in law.country_files()[code]["ids"]:
        base, national = law.entry(id_, region), law.entry(id_, region, code)
        assert national.law[:len(base.law)] == base.law, (code, id_)
        for lang in law.LANGUAGES:
            assert national.why[lang].startswith(base.why_base[lang] if base.why_base else base.why[lang]), (code, id_)
            assert national.advice[lang].startswith(base.advice[lang]), (code, id_)
            for field in ("why_add", "advice_add"):  # every sentence added is in both languages
                part = law.country_files()[code]["ids"][id_].get(field)
                assert not part or part.get(lang), (code, id_, field, lang)
        assert national.why_when[:len(base.why_when)] == base.why_when
        assert national.region == region and national.country == code and national != base


@pytest.mark.parametrize("code", LAYERED)
def test_a_reader_in_a_layered_country_is_never_sent_to_french_law_the_cnil_or_another_country(code):
    other = {c for c in LAYERED if c != code}
    for id_ in law.all_ids():
        doc = law.entry(id_, "eu", code)
        regions = _region_of_acts(doc)
        assert "fr" not in regions and not regions & other, (code, id_, regions)
        assert regions <= {"eu", code}, (code, id_, regions)
        for lang in law.LANGUAGES:
            for text in (doc.why[lang], doc.advice[lang], (doc.advice_policy or {}).get(lang, "")):
                assert "CNIL" not in text and "letter complaint" not in text, (code, id_, lang)
                assert "Code de la consommation" not in text, (code, id_, lang)
    assert any(law.acts()[a].region == code for i in law.all_ids() for a in _acts_of(law.entry(i, "eu", code)))


# Words that name a layered country or its own acts: a reader elsewhere must never read them
NAMES = {"DE": ("BGB", "Germany", "Allemagne"), "BE": ("CDE", "Belgium", "Belgique"),
         "AT": ("KSchG", "Austria", "Autriche"), "NL": ("Burgerlijk Wetboek", "Telecommunicatiewet", "Pays-Bas"),
         "ES": ("TRLGDCU", "LSSI", "Spain", "Espagne"), "IT": ("Codice del consumo", "Italy", "Italie"),
         "PL": ("Kodeks", "Poland", "Pologne"), "PT": ("Decreto-Lei", "Portugal"),
         "IE": ("Consumer Rights Act 2022", "Ireland", "Irlande"), "SE": ("avtalslagen", "Sweden", "Suède"),
         "FI": ("kuluttajansuojalaki", "Finland", "Finlande"), "DK": ("aftaleloven", "Denmark", "Danemark"),
         "CZ": ("občanský zákoník", "Czechia", "Tchéquie"), "SK": ("Občiansky zákonník", "Slovakia", "Slovaquie"),
         "RO": ("Legea nr", "Romania", "Roumanie"), "HU": ("Ptk.", "Hungary", "Hongrie"),
         "HR": ("Zakon o", "Croatia", "Croatie"), "GR": ("Nómos", "Greece", "Grèce"),
         "CY": ("112(I)/2021", "Cyprus", "Chypre"), "MT": ("Cap. 378", "Malta", "Malte"),
         "LU": ("L. 211-2", "Luxembourg", "Luxembourgeois"), "EE": ("VÕS", "Estonia", "Estonie")}


@pytest.mark.parametrize("code", LAYERED)
def test_the_national_sentences_name_the_right_country(code):
    assert code in NAMES, f"add the names of {code} and its acts to NAMES"
    others = [re.compile(rf"\b{re.escape(w)}\b") for c, words in NAMES.items() if c != code for w in words]
    for id_ in law.all_ids():
        doc = law.entry(id_, "eu", code)
        for lang in law.LANGUAGES:
            text = " ".join([doc.why[lang], doc.advice[lang], (doc.advice_policy or {}).get(lang, "")])
            assert not [rx.pattern for rx in others if rx.search(text)], (code, id_, lang)


@pytest.mark.parametrize("country", ["LV", "lv", "SI", "EU", "NO"])
def test_a_country_without_a_file_gets_exactly_the_eu_text(country):
    for id_ in law.all_ids():
        assert law.entry(id_, "eu", country) == law.entry(id_, "eu"), (country, id_)
        assert law.explain_text(id_, "en", "eu", country) == law.explain_text(id_, "en", "eu")


def test_the_country_layer_applies_only_to_the_eu_region():
    for region in ("fr", "uk", "us"):
        assert law.entry("unfair.limitation-of-liability", region, "DE") == law.entry(
            "unfair.limitation-of-liability", region)


@pytest.mark.parametrize("code", LAYERED + STATES)
@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_national_section_cited_opens_its_own_page(code, lang):
    checked = 0
    for key, act in law.acts().items():
        if act.region != code:
            continue
        for id_ in law.country_files()[code]["ids"]:
            doc = law.entry(id_, _base(code), code)
            for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
                if item.split()[0] != key:
                    continue
                ref = law.law_ref(item, lang)
                assert ref.url.startswith("https://"), item
                if " " in item:
                    checked += 1
                    assert ref.url != act.url[lang], f"{code} {id_}: {item} opens the whole act"
    assert checked >= 3, (code, checked)


def test_a_national_sentence_said_only_for_some_clauses_follows_the_clauses():
    doc = law.entry("practice.third-party-sharing", "eu", "BE")
    why, refs = doc.for_clauses("en", ["We share passenger data with border authorities as the law requires."])
    assert "Passenger Information Unit" in why and any("Passenger Data Act" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We share your data with our partners."])
    assert "Passenger" not in why and not any("Passenger Data Act" in r.ref for r in refs)


def test_explain_names_the_country_whose_law_it_adds():
    text = law.explain_text("unfair.limitation-of-liability", "en", "eu", "DE")
    assert "Law of: Germany (EU and national law)" in text and "gesetze-im-internet.de/bgb/__309.html" in text
    assert "Law of: the European Union" in law.explain_text("unfair.limitation-of-liability", "en", "eu", "LV")


def _broken(tmp_path, monkeypatch, text: str, name: str = "DE.yaml"):
    """Point the loader at a folder holding one country file ``name`` with ``text`` (the caches cleared)."""
    folder = tmp_path / "countries"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(countries, "COUNTRY_DIR", folder)
    for cached in (law.country_files, law._country_entries, law.acts, law.law_ref, law.explain_text):
        cached.cache_clear()


@pytest.fixture
def restore_caches():
    yield
    for cached in (law.country_files, law._country_entries, law.acts, law.law_ref, law.explain_text):
        cached.cache_clear()


@pytest.mark.parametrize("text, message", [
    ("name: {en: Germany, fr: l'Allemagne}\nids:\n  unfair.no-such-id:\n    law: []\n", "unknown ids"),
    ("name: {en: Germany, fr: l'Allemagne}\nids:\n  unfair.jurisdiction:\n    law: [nowhere 38]\n",
     "does not define"),
    ("name: {en: Germany, fr: l'Allemagne}\nids:\n  unfair.jurisdiction:\n    law: [code-conso R212-1]\n",
     "not of DE"),
    ("name: {en: Germany, fr: l'Allemagne}\nids:\n  unfair.jurisdiction:\n    why: {en: x, fr: x}\n",
     "cannot have"),
])
def test_the_loader_rejects_a_malformed_country_file(tmp_path, monkeypatch, restore_caches, text, message):
    _broken(tmp_path, monkeypatch, text)
    with pytest.raises(ResourceError, match=message):
        law.entry("unfair.jurisdiction", "eu", "DE")


def test_a_country_file_for_a_country_outside_the_eu_is_rejected(tmp_path, monkeypatch, restore_caches):
    folder = tmp_path / "countries"
    folder.mkdir()
    (folder / "CH.yaml").write_text("name: {en: Switzerland, fr: la Suisse}\n", encoding="utf-8")
    monkeypatch.setattr(countries, "COUNTRY_DIR", folder)
    law.country_files.cache_clear()
    with pytest.raises(ResourceError, match="no EU or EEA country"):
        law.country_files()


def _audit(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", *args, "-f", "json"], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def national_audit(code: str, portal: str, said_only_for: tuple[str, ...] = (), baseline: str = "LV",
                   liability_cites: str | None = None) -> tuple[dict, dict]:
    """The bundled example audited for a reader in ``code`` and for one in ``baseline`` (an EU country without a file
    of its own, or another country's): the same findings; every finding a national block applies to cites a section on
    ``portal`` (the official portal's address prefix), except the ids whose national sentences are ``said_only_for``
    some clauses (marketing, children) or are advice only; the baseline cites nothing there; no finding sends the
    reader to Légifrance; the liability finding's explanation names ``liability_cites``. (national, baseline)."""
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    national, eu = _audit(example, "--country", code), _audit(example, "--country", baseline)
    assert national["reader"]["country"] == code and national["reader"]["region"] == "eu"
    assert sorted(f["id"] for f in national["findings"]) == sorted(f["id"] for f in eu["findings"])
    blocks = set(law.country_files()[code]["ids"]) - set(said_only_for)
    applied = [f for f in national["findings"] if f["id"] in blocks]
    assert applied, [f["id"] for f in national["findings"]]
    for finding in applied:
        assert any(r["url"].startswith(portal) for r in finding["law"]), finding["id"]
    assert not any(r["url"].startswith(portal) for f in eu["findings"] for r in f["law"])
    assert not any("legifrance" in r["url"] for f in national["findings"] for r in f["law"])
    if liability_cites:
        liability = [f for f in national["findings"] if f["id"] == "unfair.limitation-of-liability"]
        assert liability and liability_cites in liability[0]["explanation"], liability_cites
    return national, eu


def test_an_audit_for_a_german_reader_shows_german_law_in_the_findings():
    example = str(ROOT / "examples" / "cash-reward-rules.md")
    de, es = _audit(example, "--country", "DE"), _audit(example, "--country", "ES")
    assert de["reader"]["country"] == "DE" and de["reader"]["region"] == "eu"
    urls = [r["url"] for f in de["findings"] for r in f["law"]]
    assert any("gesetze-im-internet.de/bgb/" in u for u in urls), urls
    assert not any("gesetze-im-internet.de" in r["url"] or "ejustice" in r["url"]
                   for f in es["findings"] for r in f["law"])
    assert sorted(f["id"] for f in de["findings"]) == sorted(f["id"] for f in es["findings"])
    liability = [f for f in de["findings"] if f["id"] == "unfair.limitation-of-liability"]
    assert liability and "§ 309 Nr. 7" in liability[0]["explanation"]
