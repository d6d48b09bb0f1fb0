"""The state layer over the US text (fineprint/law/countries.py, data/countries/US-CA.yaml and US-NY.yaml): a reader
in California or New York is told what the law of their state adds to the US text; a reader in another state gets
the US text alone, and no reader is sent to another state's law."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fineprint import law
from fineprint.errors import ResourceError
from fineprint.law import countries, regions
from test_law_countries import _broken as _broken_country, restore_caches  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[1]
STATES = ("US-CA", "US-NY")


def _acts_of(doc) -> set[str]:
    items = list(doc.law) + [i for p in doc.why_when for i in p.law] + list(doc.why_policy_law)
    return {i.split()[0] for i in items}


def test_a_new_york_reader_is_told_civil_rights_law_51_and_a_californian_civ_code_3344():
    ny = law.entry("rights.likeness-use", "us", "US-NY")
    assert "N.Y. Civil Rights Law § 51" in [r.ref for r in ny.law_refs("en")]
    assert "must be written" in ny.why["en"] and "exemplary damages" in ny.why["en"] and "ag.ny.gov" in ny.advice["en"]
    ca = law.entry("rights.likeness-use", "us", "US-CA")
    assert "Cal. Civ. Code § 3344" in [r.ref for r in ca.law_refs("en")]
    assert "$750" in ca.why["en"] and "750 dollars" in ca.why["fr"]
    assert "$750" not in ny.why["en"] and "must be written" not in ca.why["en"]


@pytest.mark.parametrize("code", STATES)
def test_a_state_reader_never_gets_another_states_act_nor_eu_or_french_law(code):
    other = {s for s in STATES if s != code}
    own = 0
    for id_ in law.all_ids():
        regions_cited = {law.acts()[a].region for a in _acts_of(law.entry(id_, "us", code))}
        assert regions_cited <= {"us", code}, (code, id_, regions_cited)
        assert not regions_cited & other
        own += code in regions_cited
    assert own >= 4, code


@pytest.mark.parametrize("country", ["US-TX", "us-tx", "US-FL", "US"])
def test_another_state_gets_exactly_the_us_text(country):
    for id_ in law.all_ids():
        assert law.entry(id_, "us", country) == law.entry(id_, "us"), (country, id_)
    assert law.explain_text("rights.likeness-use", "en", "us", country) == law.explain_text(
        "rights.likeness-use", "en", "us")
    assert regions.region_for(country) == "us"


def test_the_state_layer_applies_only_to_the_us_region():
    for region in ("fr", "eu", "uk"):
        assert law.entry("rights.likeness-use", region, "US-NY") == law.entry("rights.likeness-use", region)


def test_the_reader_label_names_the_state():
    assert regions.reader("US-NY", "en").label == "a consumer in New York"
    assert regions.reader("us-ny", "fr").label == "un consommateur dans l'État de New York"
    assert regions.reader("US-CA", "fr").label == "un consommateur en Californie"
    assert regions.reader("US-TX", "en").label == "a consumer in the United States"


@pytest.mark.parametrize("code", STATES)
@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_every_state_section_cited_opens_its_own_page(code, lang):
    checked = 0
    for id_ in law.country_files()[code]["ids"]:
        doc = law.entry(id_, "us", code)
        for item in list(doc.law) + [i for p in doc.why_when for i in p.law]:
            act = law.acts()[item.split()[0]]
            if act.region != code and item not in law.country_files()[code]["ids"][id_].get("law", ()):
                continue
            ref = law.law_ref(item, lang)
            assert ref.url.startswith("https://"), item
            assert " " in item and ref.url != act.url[lang], f"{code} {id_}: {item} opens the whole act"
            checked += 1
    assert checked >= 5


def test_a_renewal_sentence_is_said_only_of_a_subscription_clause():
    doc = law.entry("unfair.unilateral-termination", "us", "US-NY")
    why, refs = doc.for_clauses("en", ["Your subscription renews automatically each month until you cancel."])
    assert "§ 527-a" in why and any("527-a" in r.ref for r in refs)
    why, refs = doc.for_clauses("en", ["We may suspend your account at any time for any reason."])
    assert "527-a" not in why and not any("527-a" in r.ref for r in refs)
    ca = law.entry("unfair.unilateral-termination", "us", "US-CA")
    why, refs = ca.for_clauses("en", ["Your membership renews automatically."])
    assert "§ 17602" in why and any("17602" in r.ref for r in refs)


def test_new_york_is_said_to_have_no_general_privacy_law():
    doc = law.entry("rights.data-sale", "us", "US-NY")
    assert "no general consumer-privacy law like California's CCPA" in doc.why["en"]
    assert "§ 349" in doc.why["en"]


def _broken(tmp_path, monkeypatch, name: str, text: str):
    return _broken_country(tmp_path, monkeypatch, text, name)


NY = "name: {en: New York, fr: l'État de New York}\nids:\n"


@pytest.mark.parametrize("text, message", [
    (NY + "  rights.no-such-id:\n    law: []\n", "unknown ids"),
    (NY + "  rights.likeness-use:\n    law: [nowhere 51]\n", "does not define"),
    (NY + "  rights.likeness-use:\n    law: [code-conso R212-1]\n", "not of US-NY"),
    (NY + "  rights.likeness-use:\n    law: [gdpr 7]\n", "not of US-NY"),
    (NY + "  rights.likeness-use:\n    why: {en: x, fr: x}\n", "cannot have"),
    (NY + "  rights.likeness-use:\n    why_when:\n      - {match: x, en: x, fr: x, law: [ny-civ-rights 50]}\n",
     "law list lacks"),
])
def test_the_loader_rejects_a_malformed_state_file(tmp_path, monkeypatch, restore_caches, text, message):
    _broken(tmp_path, monkeypatch, "US-NY.yaml", text)
    with pytest.raises(ResourceError, match=message):
        law.entry("rights.likeness-use", "us", "US-NY")


def test_a_state_file_cannot_cite_another_states_act(tmp_path, monkeypatch, restore_caches):
    folder = tmp_path / "countries"
    folder.mkdir()
    (folder / "US-CA.yaml").write_text(
        "name: {en: California, fr: la Californie}\nacts:\n  ca-x:\n    name: {en: X, fr: X}\n"
        "    url: https://leginfo.legislature.ca.gov/\n", encoding="utf-8")
    (folder / "US-NY.yaml").write_text(NY + "  rights.likeness-use:\n    law: [ca-x]\n", encoding="utf-8")
    monkeypatch.setattr(countries, "COUNTRY_DIR", folder)
    for cached in (law.country_files, law._country_entries, law.acts, law.law_ref, law.explain_text):
        cached.cache_clear()
    with pytest.raises(ResourceError, match="the law of US-CA, not of US-NY"):
        law.entry("rights.likeness-use", "us", "US-NY")


@pytest.mark.parametrize("name", ["US.yaml", "CA-ON.yaml", "US-CAL.yaml"])
def test_a_file_for_no_state_and_no_eu_country_is_rejected(tmp_path, monkeypatch, restore_caches, name):
    _broken(tmp_path, monkeypatch, name, "name: {en: X, fr: X}\n")
    with pytest.raises(ResourceError, match="no EU or EEA country"):
        law.country_files()


def test_explain_names_the_state():
    done = subprocess.run([sys.executable, "-m", "fineprint.cli", "explain", "rights.likeness-use", "--country",
                           "US-NY"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Law of: New York (US federal and state law)" in done.stdout
    assert "nysenate.gov/legislation/laws/CVR/51" in done.stdout and "exemplary damages" in done.stdout
    text = law.explain_text("rights.likeness-use", "fr", "us", "US-CA")
    assert "Droit de : la Californie (droit fédéral et droit de l'État)" in text
    assert "Law of: the United States" in law.explain_text("rights.likeness-use", "en", "us", "US-TX")
