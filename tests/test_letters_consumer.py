"""The consumer letters: `fineprint letter withdrawal` (14-day right of withdrawal) and `fineprint letter cancel`
(a subscription), the reminder about a withdrawal's refund, the journal, and their errors — what a user sees."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from fineprint.cli import main
from fineprint.letters import LetterRequest, Person, Recipient, compose_letter
from fineprint.letters.consumer import consumer_table, law_for, period_end

DATE = "2026-12-07"  # a Monday
PERSON = ["--name", "Ana Diaz", "--company", "Globex Retail", "--date", DATE]


def run(capsys, args):
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return code, " ".join(out.split()), " ".join(err.split())


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FINEPRINT_COUNTRY", raising=False)
    return tmp_path


def test_withdrawal_states_the_refund_date_and_the_period_from_receipt(capsys):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2026-11-20",
                                  "--received", "2026-11-25", "--item", "Blue kettle", "--order", "A123"])
    assert code == 0, err
    assert "I hereby give notice that I withdraw from my contract of sale of the following goods" in out
    assert "Blue kettle" in out and "Order number: A123" in out and "Received on: 25 November 2026" in out
    assert "that is by 21 December 2026 at the latest" in out  # 14 days after the letter
    assert "ends on 9 December 2026" in out  # 14 days after receipt, not after the contract
    assert "Late" not in out
    assert "GDPR" not in out and "CNIL" not in out and "RGPD" not in out
    assert "Article L221-24 of the French Consumer Code" in out and "Article L221-28" in out


def test_a_period_ending_on_a_weekend_runs_to_monday_in_france_not_in_the_uk():
    assert period_end(date(2026, 11, 20)) == date(2026, 12, 4)  # Friday
    assert period_end(date(2026, 11, 21)) == date(2026, 12, 7)  # Saturday 5 -> Monday 7
    assert period_end(date(2026, 11, 21), "uk") == date(2026, 12, 5)


def test_a_late_withdrawal_says_so_and_gives_the_twelve_month_extension(capsys):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2026-10-01", "--lang", "fr"])
    assert code == 0, err
    assert "prennent fin le 15 octobre 2026" in out
    assert "Hors délai : cette lettre est datée du 7 décembre 2026, après ce délai" in out
    assert "jusqu'au 15 octobre 2027" in out and "L. 221-20" in out
    assert "soit au plus tard le 21 décembre 2026" in out
    code, out, _ = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2025-01-02"])
    assert "That extended period has ended too: the right is lost" in out
    assert "is extended by twelve months" not in out.split("Note for you")[0]  # the letter does not claim it


def test_english_for_an_eu_reader_cites_the_directive_and_no_french_code(capsys):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--country", "DE", "--contract-date", "2026-12-01"])
    assert code == 0, err
    for article in ("Article 9 of Directive 2011/83/EU", "Article 13 of Directive 2011/83/EU",
                    "Article 16 of Directive 2011/83/EU", "Annex I(B)", "Article 11a"):
        assert article in out
    assert "French" not in out and "GDPR" not in out and "CNIL" not in out


def test_a_uk_reader_cancels_under_the_2013_regulations(capsys):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--country", "GB", "--contract-date",
                                  "2026-12-01", "--lang", "fr"])
    assert code == 0, err
    assert "I hereby give notice that I cancel my contract" in out
    assert "regulation 29 of the Consumer Contracts (Information, Cancellation and Additional Charges) " \
           "Regulations 2013" in out and "Schedule 3" in out
    assert "written in English" in err
    assert "Directive" not in out and "GDPR" not in out


def test_us_withdrawal_is_a_one_line_error_and_bad_dates_are_refused(capsys):
    cases = [(["--country", "US"], "no general right to withdraw"),
             (["--contract-date", "2099-01-01"], "is in the future"),
             (["--contract-date", "2026-11-02", "--received", "2026-11-01"], "is before --contract-date"),
             (["--country", "XX"], "no law profile for country 'XX'")]
    for extra, words in cases:
        code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, *extra])
        assert code == 2 and words in err and "Traceback" not in err, extra
        assert err.count("fineprint: error") == 1 and not out
    code, _, err = run(capsys, ["letter", "access", *PERSON, "--order", "A1"])
    assert code == 2 and "--order applies to the withdrawal letter only" in err


def test_the_citation_table_refuses_what_a_letter_does_not_list():
    request = LetterRequest("withdrawal", date(2026, 12, 7), Person("Ana"), Recipient("Globex"))
    law = law_for(None, request)
    letter = compose_letter(request, law)
    assert set(letter.articles) <= set(consumer_table()["rights"]["withdrawal"]["articles"])
    with pytest.raises(Exception, match="does not have"):
        law_for("GB", request).cite("penalty", "en")  # no such point in the UK table


def test_every_tie_cites_exactly_its_points():
    data = consumer_table()
    for fid, by_place in data["ties"].items():
        for place, tie in by_place.items():
            cites = data["jurisdictions"][place]["cites"]
            for lang in ("en", "fr"):
                used = set(re.findall(r"\{([a-z-]+)\}", tie[lang]))
                assert used == set(tie["cites"]), (fid, place, lang)
                assert not re.search(r"\b(L\s?\.?\s?\d{3}-\d|Article \d|article \d|GDPR|RGPD)",
                                     re.sub(r"\{[a-z-]+\}", "", tie[lang])), (fid, place, lang)
                assert tie[lang].format(**{p: cites[p][lang] for p in tie["cites"]})


TERMS = """Terms of sale

1. Orders. You order on our website and we confirm by e-mail.

2. Refunds. All sales are final and non-refundable: no refund will be given for any reason, and you waive any right
of withdrawal.
"""


def test_from_report_quotes_the_no_refund_clause_and_ties_it_to_the_law(capsys, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text(TERMS, encoding="utf-8")
    report = tmp_path / "report.json"
    code, _, err = run(capsys, ["audit", str(terms), "--format", "json", "-o", str(report)])
    assert code in (0, 1), err
    ids = {f["id"] for f in json.loads(report.read_text(encoding="utf-8"))["findings"]}
    assert "money.no-refund" in ids, ids
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--from-report", str(report)])
    assert code == 0, err
    assert "non-refundable" in out
    assert "any term by which the consumer gives up the right of withdrawal" in out and "L242-3" in out
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--from-report", str(report), "--country", "IT"])
    assert "Article 25 of Directive 2011/83/EU" in out


def test_cancel_invokes_l215_1_after_a_renewal_without_notice(capsys):
    code, out, err = run(capsys, ["letter", "cancel", *PERSON, "--lang", "fr", "--subscription", "Premium",
                                  "--renewed-on", "2026-11-01"])
    assert code == 0, err
    assert "résiliation de mon abonnement Premium" in out and "reconduit tacitement le 1er novembre 2026" in out
    assert "trente jours" in out and "6 janvier 2027" in out and "L. 215-1-1" in out
    assert "RGPD" not in out and "CNIL" not in out
    code, out, err = run(capsys, ["letter", "cancel", *PERSON, "--country", "US"])
    assert code == 0 and "vacated" in out and "17602" in out and "Cal." not in out.split("Note for you")[0]
    code, out, err = run(capsys, ["letter", "cancel", *PERSON, "--country", "ES"])
    assert "No EU-wide law" in out and "Article" not in out


def test_the_journal_counts_14_days_and_the_reminder_cites_the_refund_rule(capsys, data_dir):
    code, _, err = run(capsys, ["letter", "withdrawal", *PERSON, "--record"])
    assert code == 0 and "deadline 2026-12-21" in err
    code, out, _ = run(capsys, ["requests", "list", "--today", "2027-01-05"])
    assert "withdrawal" in out and "due 2026-12-21" in out and "OVERDUE by 15 days" in out
    assert "--about withdrawal" in out and "SignalConso" in out and "complaint" not in out
    code, _, err = run(capsys, ["letter", "cancel", *PERSON, "--record"])
    assert code == 0 and "not recorded" in err
    code, out, err = run(capsys, ["letter", "reminder", *PERSON, "--about", "withdrawal", "--sent", "2026-11-01",
                                  "--lang", "fr"])
    assert code == 0, err
    assert "au plus tard le 15 novembre 2026" in out and "L. 221-24" in out and "L. 242-4" in out
    assert "SignalConso" in out and "médiateur" in out and "CNIL" not in out and "RGPD" not in out
    code, out, err = run(capsys, ["letter", "complaint", *PERSON, "--about", "withdrawal"])
    assert code == 0 and "SignalConso" in out and "not a data-protection matter" in out
    code, _, err = run(capsys, ["letter", "reminder", *PERSON, "--about", "cancel", "--sent", "2026-11-01"])
    assert code == 2 and "a reminder chases a withdrawal" in err


def test_help_lists_every_letter(capsys):
    code, out, _ = run(capsys, ["letter", "--help"])
    assert code == 0
    for right in ("access", "erasure", "withdrawal", "cancel", "--contract-date", "--renewed-on"):
        assert right in out
