"""The law data behind every explanation, and `fineprint explain` that prints it."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
import yaml

from fineprint import law

LAW_DIR = Path(law.__file__).parent
ID_RE = re.compile(r"\b(?:rights|unfair|practice|app|transparency)\.[a-z0-9]+(?:-[a-z0-9]+)*\b")
OFFICIAL_HOSTS = {"eur-lex.europa.eu", "curia.europa.eu", "www.legifrance.gouv.fr", "www.cnil.fr"}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("family", law.FAMILIES)
def test_every_family_file_matches_the_schema(family):
    schema = json.loads((LAW_DIR / "law.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((LAW_DIR / "data" / f"{family}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert all(i.startswith(family + ".") for i in data)


def test_family_sizes_match_the_taxonomy():
    counts = {f: sum(1 for i in law.all_ids() if i.startswith(f + ".")) for f in law.FAMILIES}
    beyond = {f: sum(1 for i in law.BEYOND_TAXONOMY if i.startswith(f + ".")) for f in law.FAMILIES}
    assert counts == {"rights": 13, "unfair": 8, "money": 4, "practice": 12, "app": 26 + beyond["app"],
                      "transparency": 16}
    assert beyond["money"] == 4  # the whole money.* family is fineprint's own


def test_every_taxonomy_id_is_documented_and_nothing_else(shared):
    taxonomy = (shared / "docs" / "TAXONOMY.md").read_text(encoding="utf-8")
    expected = set(ID_RE.findall(taxonomy))
    assert expected | set(law.BEYOND_TAXONOMY) == set(law.all_ids())


def test_default_severities_follow_the_taxonomy_tables(shared):
    taxonomy = (shared / "docs" / "TAXONOMY.md").read_text(encoding="utf-8")
    checked = 0
    for row in taxonomy.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(ID_RE, cells[0]):
            continue
        severity = next(c.split()[0] for c in reversed(cells) if c.split() and c.split()[0] in law.SEVERITIES)
        assert law.entry(cells[0]).severity == severity, cells[0]
        checked += 1
    assert checked == 13 + 8 + 26


def test_every_reference_has_an_official_https_url_in_both_languages():
    for id_ in law.all_ids():
        for lang in law.LANGUAGES:
            refs = law.entry(id_).law_refs(lang)
            assert refs, id_
            for ref in refs:
                url = urlparse(ref.url)
                assert url.scheme == "https" and url.netloc in OFFICIAL_HOSTS, (id_, ref)


def test_gdpr_citations_point_to_articles_and_recitals_that_exist():
    # The GDPR has 99 articles and 173 recitals: a typo such as "Art. 177" must not reach a report.
    for id_ in law.all_ids():
        for item in law.entry(id_).law:
            act, _, loc = item.partition(" ")
            if act != "gdpr" or not loc:
                continue
            if loc.startswith("rec:"):
                assert 1 <= int(loc[4:]) <= 173, (id_, item)
            else:
                assert 1 <= int(re.match(r"\d+", loc)[0]) <= 99, (id_, item)


def test_the_temu_ids_cite_the_gdpr_articles_of_law_md():
    cited = {i: [r.ref for r in law.entry(i).law_refs("en")] for i in (
        "rights.likeness-use", "rights.perpetual", "rights.consent-by-conduct", "rights.consent-for-reward")}
    assert "GDPR Art. 7(3)" in cited["rights.perpetual"]
    assert "GDPR Art. 7(4)" in cited["rights.consent-for-reward"]
    assert {"GDPR Art. 4(11)", "GDPR Art. 7(2)"} <= set(cited["rights.consent-by-conduct"])
    assert "French Civil Code Art. 9" in cited["rights.likeness-use"]


def test_french_references_are_written_in_french():
    refs = [r.ref for r in law.entry("rights.consent-by-conduct").law_refs("fr")]
    assert "RGPD art. 4(11)" in refs and "RGPD considérant 32" in refs
    assert any(r.startswith("CJUE C-673/17") for r in refs)


def test_advice_points_to_the_letter_commands_that_exist():
    from fineprint.letters.compose import rights_table
    from fineprint.letters.consumer import consumer_rights

    commands = set(rights_table()["rights"]) | set(consumer_rights())
    used = set()
    for id_ in law.all_ids():
        for region in ("fr", "eu", "uk"):
            for lang in law.LANGUAGES:
                used |= set(re.findall(r"`fineprint letter ([a-z-]+)[` ]", law.entry(id_, region).advice[lang]))
    assert used <= commands, used - commands
    assert {"withdraw-consent", "complaint", "withdrawal", "cancel"} <= used


def test_explain_prints_the_four_headed_page():
    out = run_cli("explain", "rights.perpetual")
    assert out.returncode == 0
    for heading in ("What it flags", "Why it matters", "The law", "What you can do"):
        assert f"\n{heading}\n" in out.stdout
    assert "GDPR Art. 7(3) <https://eur-lex.europa.eu/" in out.stdout
    assert "fineprint letter withdraw-consent" in out.stdout


def test_explain_in_french():
    out = run_cli("explain", "rights.consent-for-reward", "--lang", "fr")
    assert out.returncode == 0
    assert "Pourquoi c'est important" in out.stdout and "Ce que vous pouvez faire" in out.stdout
    assert "RGPD art. 7(4)" in out.stdout and "Why it matters" not in out.stdout


def test_explain_keeps_commands_on_one_line():
    for id_ in law.all_ids():
        for line in law.explain_text(id_, "fr").splitlines():
            assert line.count("`") % 2 == 0, (id_, line)


def test_explain_unknown_id_is_a_one_line_usage_error():
    out = run_cli("explain", "rights.nope")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "explain --list" in out.stderr
    assert "Traceback" not in out.stderr


def test_explain_list_shows_every_id():
    out = run_cli("explain", "--list")
    assert out.stdout.split() == law.all_ids()


def test_docs_findings_md_is_up_to_date():
    from fineprint.law.gen_docs import render_markdown

    committed = Path(__file__).resolve().parent.parent / "docs" / "findings.md"
    assert committed.read_text(encoding="utf-8") == render_markdown(), \
        "docs/findings.md is stale: run python -m fineprint.law.gen_docs"


def test_sarif_help_uris_point_to_anchors_of_the_generated_docs():
    from fineprint.law.gen_docs import render_markdown
    from fineprint.report.sarif import rule_descriptors

    page = render_markdown()
    for rule in rule_descriptors("en"):
        anchor = rule["helpUri"].rsplit("#", 1)[1]
        assert f"\n### {rule['id']}\n" in page and anchor == rule["id"].replace(".", "")


def test_names_and_titles_carry_no_stray_quotes():
    for act in law.acts().values():
        for name in act.name.values():
            assert name[0] not in "\"'" and name[-1] not in "\"'", name
    for id_ in law.all_ids():
        for title in law.entry(id_).title.values():
            assert title[0] not in "\"'", title


def test_a_broken_data_file_is_a_resource_error(tmp_path):
    from fineprint.errors import ResourceError

    broken = tmp_path / "rights.yaml"
    broken.write_text("rights.x: [unclosed", encoding="utf-8")
    with pytest.raises(ResourceError, match="rights.yaml cannot be read"):
        law.load_yaml(broken)
    with pytest.raises(ResourceError):
        law.load_yaml(tmp_path / "absent.yaml")
