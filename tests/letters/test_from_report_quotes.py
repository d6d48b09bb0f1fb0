"""A letter built --from-report quotes several clauses: the legal paragraphs that answer them are written once, and
brackets inside a quoted clause ("[Temu]") are the company's words, not parts for the user to fill in."""
from __future__ import annotations

import json
from datetime import date

import pytest

from fineprint.cli import main
from fineprint.letters import LetterRequest, Person, Quote, Recipient, compose_letter
from fineprint.letters.compose import ties_table
from fineprint.report.common import typography

IDS = ("rights.perpetual", "rights.consent-by-conduct")
CLAUSES = ("By taking part you consent to [Temu] using your photo in perpetuity.",
           "Participation grants [Temu] a perpetual licence to your name.",
           "Your consent by participating lasts in perpetuity.")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_legal_paragraph_is_written_once(lang):
    quotes = tuple(Quote(text, IDS) for text in CLAUSES)
    letter = compose_letter(LetterRequest(right="withdraw-consent", date=date(2024, 3, 28), lang=lang,
                                          person=Person(name="Ana Diaz"), recipient=Recipient(company="Temu"),
                                          quotes=quotes))
    for fid in IDS:
        assert letter.markup.count(typography(ties_table()[fid][lang], lang)) == 1, fid
    for text in CLAUSES:
        assert letter.markup.count(text) == 1
    # the first clause carries the paragraphs, in table order, before the second clause is quoted
    first = letter.markup.index(CLAUSES[0])
    assert first < letter.markup.index(typography(ties_table()[IDS[0]][lang], lang)) < letter.markup.index(CLAUSES[1])
    if lang == "fr":  # French typography by rule: no plain space before a colon or a semicolon
        assert " :" not in letter.markup and " ;" not in letter.markup and "« " not in letter.markup
    assert not any("[brackets]" in note for note in letter.notes)


def test_a_placeholder_of_ours_is_still_flagged():
    letter = compose_letter(LetterRequest(right="withdraw-consent", date=date(2024, 3, 28),
                                          quotes=(Quote(CLAUSES[0], IDS),)))
    assert any("[brackets]" in note for note in letter.notes)  # no name, no company given


def test_cli_from_a_report_with_brackets_in_the_clause(capsys, tmp_path):
    findings = [{"id": fid, "text": text, "span": {"start": 100 * n, "end": 100 * n + len(text)}}
                for n, text in enumerate(CLAUSES) for fid in IDS]
    report = {"schema": "fineprint.report/1", "document": {"source": "temu.md", "kind": "offer", "language": "en"},
              "findings": findings}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    try:
        main(["letter", "withdraw-consent", "--from-report", str(path), "--company", "Temu", "--name", "Ana Diaz",
              "--date", "2024-03-28"])
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "[brackets]" not in err and "[Temu]" in out
    assert " ".join(out.split()).count(" ".join(ties_table()["rights.perpetual"]["en"].split())) == 1
