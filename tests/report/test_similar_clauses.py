"""Same-template clauses (a country schedule's rows) are one finding that lists the others, in every format."""
from __future__ import annotations

import json

import pytest

import fineprint
from fineprint.assess import assess, merge_similar, same_template, with_similar
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.report import render
from fineprint.settings import Settings

ROWS = (("Japan", "Japanese law", "Courts of Tokyo"), ("Korea", "Korean law", "Courts of Seoul"),
        ("Germany", "German law", "Courts of Munich"), ("Italy", "Italian law", "Courts of Milan"))


def schedule() -> str:
    out = ["# Country Schedule", ""]
    for country, law_, courts in ROWS:
        out += [f"## {country}", "", f"Law governing the Agreement shall be: {law_}.", "",
                f"Courts having exclusive jurisdiction of disputes: {courts}.", ""]
    out += ["## Liability", "", "We are not liable for any loss of data.", "",
            "We are not liable for any indirect damages arising from the service.", ""]
    return "\n".join(out)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("sim") / "schedule.md"
    path.write_text(schedule(), encoding="utf-8")
    return fineprint.audit(str(path), Settings())


def _words(text: str) -> list[str]:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split()).split()


def test_a_schedule_of_four_countries_is_one_choice_of_law_finding_that_lists_the_other_three(report):
    laws = [f for f in report.findings if f.id == "unfair.choice-of-law"]
    assert len(laws) == 1
    lead = laws[0]
    assert "Japanese law" in lead.text
    similar = lead.evidence["similar"]
    assert [row["text"] for row in similar] == [f"Law governing the Agreement shall be: {law_}." for _, law_, _ in ROWS[1:]]
    for row in similar:  # each span points at its own row in the document
        start, end = row["span"]
        assert report.text[start:end] == row["text"]
    courts = [f for f in report.findings if f.id == "unfair.jurisdiction"]
    assert len(courts) == 1 and len(courts[0].evidence["similar"]) == 3


def test_two_different_liability_clauses_stay_two_findings(report):
    # same opening ("We are not liable for any"), different clauses: not a template
    liability = [f for f in report.findings if f.id == "unfair.limitation-of-liability"]
    assert len(liability) == 2
    assert not any("similar" in f.evidence for f in liability)


def test_the_markdown_report_counts_every_clause_and_names_the_rows_with_their_lines(report):
    md = render(report, "md")
    assert "(`unfair.choice-of-law`) — 4\u00a0clauses" in md
    assert "*and 3 similar clauses: line 11 “…Korean law.”; line 17 “…German law.”; line 23 “…Italian law.”*" in md
    assert "A governing law chosen for you** — 4\u00a0clauses, line 5" in md  # the key point counts the rows too


def test_the_french_report_says_it_in_french(tmp_path):
    text = "\n\n".join(f"La loi applicable au présent contrat est la loi {pays}." for pays in
                       ("japonaise", "coréenne", "allemande", "italienne"))
    path = tmp_path / "annexe.md"
    path.write_text(text + "\n", encoding="utf-8")
    rep = fineprint.audit(str(path), Settings(lang="fr"))
    laws = [f for f in rep.findings if f.id == "unfair.choice-of-law"]
    assert len(laws) == 1 and len(laws[0].evidence["similar"]) == 3
    md = render(rep, "md")
    plain = md.replace("\u202f", " ").replace("\u00a0", " ")
    assert "*et 3 clauses semblables : ligne 3 « …coréenne. » ; ligne 5 « …allemande. » ; ligne 7 « …italienne. »*" in plain


def test_text_and_html_reports_show_the_rows(report):
    text = render(report, "text")
    assert "and 3 similar clauses" in text and "…Seoul." in text
    html = render(report, "html")
    assert 'class="small similar"' in html and "…Munich." in html


def test_json_keeps_every_row_and_sarif_lists_them_as_related_locations(report):
    data = json.loads(render(report, "json"))
    group = next(g for g in data["summary"]["groups"] if g["id"] == "unfair.jurisdiction")
    assert len(group["findings"]) == 1 and group["clauses"] == 4
    sarif = json.loads(render(report, "sarif"))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "unfair.jurisdiction"]
    assert len(results) == 1
    lines = [loc["physicalLocation"]["region"]["startLine"] for loc in results[0]["relatedLocations"]]
    assert lines == [13, 19, 25]


def test_with_similar_gives_back_every_clause_a_reader_sees(report):
    expanded = [f for f in with_similar(report.findings) if f.id == "unfair.choice-of-law"]
    assert [f.span.start for f in expanded] == sorted(f.span.start for f in expanded)
    assert [report.text[f.span.start:f.span.end] for f in expanded] == [f.text for f in expanded]
    assert len(expanded) == 4


def test_same_template_needs_enough_words_in_common():
    assert same_template(_words("Law governing the Agreement shall be: Japanese law"),
                         _words("Law governing the Agreement shall be: Laws of Turkey"))
    assert not same_template(_words("We keep it forever."), _words("We keep it in perpetuity."))
    assert not same_template(_words("We may share your data with advertisers for marketing."),
                             _words("We never sell your data to anyone, for any purpose whatsoever."))


def test_different_ids_or_severities_are_never_grouped():
    text = "Law governing the Agreement shall be: Japanese law. Law governing the Agreement shall be: Korean law."
    first, second = Span(0, 51), Span(52, len(text))
    same = [Finding(id="unfair.choice-of-law", span=first, text=text[:51]),
            Finding(id="unfair.choice-of-law", span=second, text=text[52:])]
    assert len(merge_similar(same)) == 1
    other_id = [same[0], Finding(id="unfair.jurisdiction", span=second, text=text[52:])]
    assert len(merge_similar(other_id)) == 2
    lowered = [same[0], Finding(id="unfair.choice-of-law", span=second, text=text[52:], severity="low")]
    assert len(merge_similar(lowered)) == 2
    info = DocumentInfo(source="x.txt", kind="terms", language="en", sha256="0" * 64, chars=len(text))
    rep = assess(info, same, settings=Settings(), text=text)
    assert len(rep.findings) == 1 and rep.findings[0].evidence["similar"][0]["span"] == [52, len(text)]


def test_a_clause_repeated_word_for_word_is_named_with_its_lines_not_dropped(tmp_path):
    # before, the repeat went into evidence.repeated_at and no format showed it: the reader never saw line 3
    path = tmp_path / "terms.md"
    path.write_text("These terms are governed by the laws of the State of New York.\n\nYou may cancel at any time.\n\n"
                    "These terms are governed by the laws of the State of New York.\n", encoding="utf-8")
    rep = fineprint.audit(str(path), Settings())
    law = [f for f in rep.findings if f.id == "unfair.choice-of-law"]
    assert len(law) == 1
    md = render(rep, "md")
    assert "*the same clause word for word at line 5*" in md
    assert "(`unfair.choice-of-law`) — 2\u00a0clauses" in md
    assert "in 2 clauses" in rep.summary.headline


def test_rows_that_differ_by_a_name_are_told_apart_by_that_name(tmp_path):
    text = "\n\n".join(f"{name} : {name} nous permet de vous proposer des publicités adaptées à vos centres "
                       "d'intérêt (en fonction de votre navigation ou de vos achats) et d'en mesurer l'efficacité."
                       for name in ("Adwords", "Bing", "Criteo"))
    path = tmp_path / "cookies.md"
    path.write_text(text + "\n", encoding="utf-8")
    md = render(fineprint.audit(str(path), Settings(lang="fr")), "md").replace("\u202f", " ").replace("\u00a0", " ")
    assert "et 2 clauses semblables : ligne 3 « Bing : Bing nous … » ; ligne 5 « Criteo : Criteo nous … »" in md


def test_the_map_of_the_document_lists_every_row_under_its_own_heading(report):
    md = render(report, "md")
    outline = md[md.index("## Where in the document"):]
    for country in ("Japan", "Korea", "Germany", "Italy"):
        assert f"· {country}**" in outline, outline


def test_the_headline_counts_every_clause_the_findings_stand_for(report):
    # 4 choice-of-law rows, 4 courts rows, 2 liability clauses: 10 clauses, each a point ("21 points … in 22
    # clauses" puzzled a reader when points counted findings, session 40)
    assert "3 potential problems in 10 clauses" in report.summary.headline


def test_the_map_gives_the_line_of_each_clause_away_from_its_sections_first_line(tmp_path):
    """Bolt's map read « ligne 78 · 7. Responsabilité : … Consentement ou licence sans fin » for a clause on line
    108: a section's first line is not where all its clauses are (session 39)."""
    path = tmp_path / "terms.md"
    path.write_text("# Terms\n\n## Liability\n\nWe are not liable for any indirect damages whatsoever.\n\n"
                    "Some plain words about the service.\n\nWe may terminate your account at any time without "
                    "notice and for any reason.\n", encoding="utf-8")
    md = render(fineprint.audit(str(path), Settings()), "md")
    outline = md[md.index("## Where in the document"):]
    entry = next(x for x in outline.splitlines() if "Liability" in x)
    assert entry.startswith("- **line 5 · Liability**"), entry
    assert "Termination or suspension at the provider's will (line 9)" in entry, entry
    assert "Limitation of the provider's liability (line" not in entry, entry  # on the section's own line
