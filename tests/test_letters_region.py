"""Letters for a reader in the United Kingdom (UK GDPR, the ICO) and in the United States (California's CCPA):
what the reader gets with `fineprint letter ... --country GB|US`, while the default letters stay as they were."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from fineprint.cli import main
from fineprint.letters import LetterRequest, compose_letter
from fineprint.letters.regional import after_business_days, law_for

PERSON = ["--name", "Ana Diaz", "--company", "Globex", "--date", "2026-01-31"]
US_REQUESTS = ("access", "erasure", "rectification", "portability", "opt-out", "limit-sensitive")


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_country(monkeypatch, tmp_path):
    monkeypatch.delenv("FINEPRINT_COUNTRY", raising=False)
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path))


@pytest.mark.parametrize("right", ["access", "rectification", "erasure", "objection", "withdraw-consent",
                                   "portability", "restriction"])
def test_a_uk_letter_cites_the_uk_gdpr_and_the_ico_never_the_cnil_nor_eur_lex(capsys, right):
    code, out, err = run(capsys, "letter", right, *PERSON, "--country", "GB")
    assert code == 0, err
    text = " ".join(out.split())
    assert "UK GDPR" in text and "Information Commissioner's Office (ICO)" in text
    assert "https://ico.org.uk/make-a-complaint/" in text
    assert "CNIL" not in text and "eur-lex" not in text.lower() and "French" not in text
    # every GDPR citation is a UK GDPR one
    assert not re.search(r"(?<!UK )GDPR", text)
    assert "28 February 2026" in text  # one month, as under the GDPR


def test_the_uk_letter_states_the_uk_rules_of_the_clock_and_the_search(capsys):
    code, out, _ = run(capsys, "letter", "access", *PERSON, "--country", "UK")
    text = " ".join(out.split())
    assert "Article 12A UK GDPR" in text and "two further months" in text
    assert "reasonable and proportionate search" in text and "Article 15(1A) UK GDPR" in text


def test_a_uk_reader_is_sent_to_the_ico_form_for_a_complaint(capsys):
    code, out, err = run(capsys, "letter", "complaint", "--country", "GB")
    assert code == 0 and err == ""
    assert len(out.strip().splitlines()) == 1
    assert "https://ico.org.uk/make-a-complaint/" in out and "organisation first" in out


@pytest.mark.parametrize("right,section", [("access", "§ 1798.110"), ("erasure", "§ 1798.105"),
                                          ("rectification", "§ 1798.106"), ("portability", "§ 1798.130(a)(2)"),
                                          ("opt-out", "§ 1798.120"), ("limit-sensitive", "§ 1798.121")])
def test_a_us_letter_cites_the_ccpa_never_the_gdpr(capsys, right, section):
    code, out, err = run(capsys, "letter", right, *PERSON, "--country", "US")
    assert code == 0, err
    text = " ".join(out.split())
    assert f"Cal. Civ. Code {section}" in text and "California Consumer Privacy Act (CCPA)" in text
    assert "§ 1798.125" in text and "§ 1798.192" in text  # no discrimination, no waiver
    assert "GDPR" not in text and "Article 15" not in text and "Article " not in text and "CNIL" not in text
    # honest about who the CCPA protects
    assert "protects California residents" in text and "your own state's privacy law" in text


def test_a_ccpa_request_is_due_in_45_days_and_an_opt_out_in_15_business_days(capsys):
    code, out, _ = run(capsys, "letter", "erasure", *PERSON, "--country", "US")
    text = " ".join(out.split())
    assert "within 45 days" in text and "by 17 March 2026" in text and "another 45 days" in text
    assert "10 business days" in text and "tit. 11, § 7021" in text
    code, out, _ = run(capsys, "letter", "opt-out", *PERSON, "--country", "US-CA")
    text = " ".join(out.split())
    assert "I am a California resident" in text and "15 business days" in text and "by 20 February 2026" in text
    assert "does not need to be verified" in text
    assert after_business_days(date(2026, 1, 30), 1) == date(2026, 2, 2)  # Friday -> Monday


def test_the_journal_counts_45_days_for_a_ccpa_request_and_its_reminder_cites_the_ccpa(capsys, tmp_path):
    journal = str(tmp_path / "j.sqlite3")
    code, out, err = run(capsys, "requests", "--journal", journal, "add", "--company", "Globex", "--right", "erasure",
                         "--sent", "2026-01-31", "--country", "US")
    assert code == 0, err
    assert "answer due by 2026-03-17" in out  # 45 days, not one month (2026-02-28)
    code, out, _ = run(capsys, "requests", "--journal", journal, "list", "--today", "2026-03-20")
    assert "OVERDUE by 3 days" in out and "erasure (CCPA)" in out and "us:erasure" not in out
    assert "fineprint letter reminder --company Globex --sent 2026-01-31 --about erasure --country US" in out
    assert "California Privacy Protection Agency" in out and "CNIL" not in out
    code, out, _ = run(capsys, "letter", "reminder", "--sent", "2026-01-31", "--about", "erasure", "--country", "US",
                       "--date", "2026-03-20")
    text = " ".join(out.split())
    assert code == 0 and "Cal. Civ. Code § 1798.105" in text and "§ 1798.130(a)(2)" in text
    assert "by 17 March 2026" in text and "GDPR" not in text


def test_record_keeps_a_ccpa_request_with_its_own_deadline(capsys):
    code, _, err = run(capsys, "letter", "access", *PERSON, "--country", "US", "--record")
    assert code == 0 and "deadline 2026-03-17" in err


@pytest.mark.parametrize("right", ["objection", "withdraw-consent", "restriction"])
def test_a_letter_with_no_ccpa_request_is_one_line_exit_2_naming_those_that_exist(capsys, right):
    code, out, err = run(capsys, "letter", right, *PERSON, "--country", "US")
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert all(r in err for r in US_REQUESTS) and "request to know" in err


@pytest.mark.parametrize("args", [["letter", "opt-out", "--date", "2026-01-31"],
                                  ["letter", "access", "--country", "ZZ"],
                                  ["letter", "access", "--country", "A" * 500],
                                  ["requests", "add", "--company", "X", "--right", "objection", "--country", "US"]])
def test_bad_input_stays_one_line_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and len(err) < 300


def test_without_a_country_the_letter_is_the_gdpr_letter_byte_for_byte(capsys):
    request = LetterRequest("access", date(2026, 1, 31))
    assert law_for(None, "access") is None
    code, out, _ = run(capsys, "letter", "access", "--date", "2026-01-31")
    assert out == compose_letter(request).render("txt")
    assert "Article 15 GDPR" in out and "CNIL" in out and "UK GDPR" not in out
    # FR and EU readers get the same GDPR letter
    for country in ("FR", "DE", "EU"):
        assert run(capsys, "letter", "access", "--date", "2026-01-31", "--country", country)[1] == out


def test_the_ccpa_table_refuses_a_section_it_does_not_list_for_the_letter():
    law = law_for("US", "opt-out")
    broken = dict(law.table["rights"]["opt-out"], articles=["1798.120"])  # 7026 taken away
    from dataclasses import replace

    from fineprint.errors import ResourceError

    bad = replace(law, table={**law.table, "rights": {**law.table["rights"], "opt-out": broken}})
    with pytest.raises(ResourceError, match="7026"):
        compose_letter(LetterRequest("opt-out", date(2026, 1, 31)), bad)


def test_from_report_a_us_letter_quotes_the_findings_with_ccpa_ties(capsys, tmp_path):
    clause = "By using the app you waive any right to request deletion of your data, which we may sell to partners."
    report = {"schema": "fineprint.report/1", "document": {"source": "terms.txt", "kind": "terms", "language": "en"},
              "reader": {"country": "US", "region": "us"},
              "findings": [{"id": fid, "text": clause, "span": {"start": 0, "end": len(clause)}}
                           for fid in ("rights.rights-waiver", "rights.data-sale")]}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    code, out, err = run(capsys, "letter", "erasure", "--from-report", str(path), *PERSON, "--country", "US")
    text = " ".join(out.split())
    assert code == 0, err
    assert clause in text and "§ 1798.192" in text and "§ 1798.120" in text
    assert "GDPR" not in text and "Article " not in text
