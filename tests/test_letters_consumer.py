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
    # 14 days after the trader is informed: the letter's date + 14 if it arrives that day
    assert "at the latest fourteen days after you receive this notice (by 21 December 2026 if it reaches you " \
           "today)" in out
    assert "began on 26 November 2026, the day after you received the goods, and ends on 9 December 2026" in out
    assert "Late" not in out
    assert "GDPR" not in out and "CNIL" not in out and "RGPD" not in out
    assert "Article L221-24 of the French Consumer Code" in out and "Article L221-28" in out


def test_a_period_ending_on_a_weekend_runs_to_monday_in_france_not_in_the_uk():
    assert period_end(date(2026, 11, 20)) == date(2026, 12, 4)  # Friday
    assert period_end(date(2026, 11, 21)) == date(2026, 12, 7)  # Saturday 5 -> Monday 7
    assert period_end(date(2026, 11, 21), "uk") == date(2026, 12, 5)


def test_a_late_withdrawal_says_so_and_gives_the_twelve_month_extension(capsys):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2026-10-01", "--lang", "fr",
                                  "--not-informed"])
    assert code == 0, err
    assert "prennent fin le 15 octobre 2026" in out
    assert "Hors délai : cette lettre est datée du 7 décembre 2026, après ce délai" in out
    body = out.split("Note pour vous")[0]
    assert "le délai de rétractation est prolongé de douze mois (article L. 221-20" in body
    assert "jusqu'au 15 octobre 2027" in body
    assert "(le 21 décembre 2026 s'il vous parvient aujourd'hui)" in out


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


def test_the_letters_codes_refusals_carry_their_french_for_the_french_web_page():
    """The web letter form shows the letters code's one-line errors in the page's language (session 47)."""
    from fineprint.errors import UsageError
    from fineprint.letters.regional import law_for as request_law

    cases = [(lambda: law_for("US", LetterRequest("withdrawal", date(2026, 12, 7), Person("Ana"), Recipient("G"))),
              "there is no general right to withdraw", "il n'existe pas de droit général de rétractation"),
             (lambda: law_for("FR", LetterRequest("withdrawal", date(2026, 12, 7), Person("Ana"), Recipient("G"),
                                                  contract_date=date(2025, 1, 2))),
              "the 14-day period ended on 2025-01-16", "le délai de 14 jours a pris fin le 16 janvier 2025"),
             (lambda: request_law("GB", "opt-out"), "there is no opt-out letter under the UK GDPR",
              "il n'existe pas de lettre « opt-out » en application du UK GDPR ; pour un lecteur au Royaume-Uni")]
    for call, english, french in cases:
        with pytest.raises(UsageError) as caught:
            call()
        assert english in caught.value.one_line() and french not in caught.value.one_line()
        assert french in caught.value.in_language("fr") and english not in caught.value.in_language("fr")
        assert "\n" not in caught.value.in_language("fr")


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
    assert "ce délai a expiré au plus tôt le 15 novembre 2026" in out and "L. 221-24" in out and "L. 242-4" in out
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


# ------------------------------------------------------------------ what a QA reader found (session 45, fixes)

def body_of(out: str) -> str:
    return re.split(r"Note for you|Note pour vous", out)[0]


def test_uk_goods_are_refunded_14_days_after_they_come_back_not_after_the_notice(capsys, data_dir):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--country", "GB", "--received", "2026-12-01",
                                  "--item", "Blue kettle", "--record"])
    assert code == 0, err
    body = body_of(out)
    assert "within 14 days of the day on which you receive the goods back or I supply evidence of having sent " \
           "them back, whichever is earlier" in body
    assert "if you offered to collect the goods, within 14 days of the day on which you are informed" in body
    assert "Subject: Notice of cancellation" in out  # item 13: the Regulations speak of cancellation
    code, out, _ = run(capsys, ["requests", "list", "--today", "2027-01-05"])
    assert "gets the goods back or your proof of sending" in out  # the journal's date is only the earliest
    # a UK service: 14 days from being informed
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--country", "GB", "--contract-date", "2026-12-01"])
    assert "within 14 days of the day on which you are informed of my decision" in body_of(out)
    code, out, err = run(capsys, ["letter", "reminder", *PERSON, "--country", "GB", "--about", "withdrawal",
                                  "--sent", "2026-11-01"])
    assert code == 0, err
    assert "for goods you had not offered to collect, within 14 days of the day on which you received them back" in out
    assert "15 November 2026" not in body_of(out)  # no EU article 13 date claimed for goods
    # France: the trader may wait for the goods or the proof of sending (L221-24)
    code, out, _ = run(capsys, ["letter", "withdrawal", *PERSON, "--received", "2026-12-01", "--item", "Mug"])
    assert "you may withhold the reimbursement until you have received them back" in body_of(out)


def test_requests_add_tells_goods_from_services_and_counts_the_refund_from_their_return(capsys):
    """`requests add --goods [--returned DATE]` (session 47): the journal said nothing of goods when a withdrawal was
    recorded by hand. A sale of goods: in France and the EU the trader may hold the refund back until it gets them or
    the proof of sending (L221-24, art. 13(3)); in the UK the 14 days run from that (reg. 34)."""
    add = ["requests", "add", "--company", "Globex", "--right", "withdrawal", "--sent", "2026-12-01"]
    code, out, err = run(capsys, add)
    assert code == 0 and "answer due by 2026-12-15" in out, err  # a service: 14 days after the notice
    code, out, err = run(capsys, [*add, "--goods"])
    assert code == 0 and "answer due by 2026-12-15" in out, err
    code, out, err = run(capsys, [*add, "--returned", "2026-12-03"])  # back before the 14 days: no change in France
    assert code == 0 and "answer due by 2026-12-15" in out, err
    code, out, err = run(capsys, [*add, "--returned", "2026-12-06", "--country", "GB"])
    assert code == 0 and "answer due by 2026-12-20" in out, err  # UK: 14 days after the goods were sent back
    code, out, _ = run(capsys, ["requests", "list", "--today", "2027-01-05"])  # notes show once overdue
    assert out.count("the trader may hold the refund back") == 2 and "chase the refund from the later of that day" in out
    assert "goods sent back on 2026-12-06: refund due 14 days after the trader gets them back" in out
    assert "goods sent back on 2026-12-03: the trader may hold the refund back" in out
    for extra, words in [(["--returned", "2026-11-30"], "is before --sent 2026-12-01"),
                         (["--returned", "2099-01-01"], "is in the future"),
                         (["--right", "access", "--goods"], "apply to a withdrawal only")]:
        code, out, err = run(capsys, [*add, *extra])
        assert code == 2 and words in err and err.count("fineprint: error") == 1 and not out, extra


def test_after_the_twelve_month_extension_no_letter_asserts_the_right(capsys):
    for extra in ([], ["--not-informed"]):
        code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2025-01-02", *extra])
        assert code == 2 and not out and err.count("fineprint: error") == 1
        assert "the right of withdrawal is lost" in err and "2026-01-16" in err and "L221-20" in err
    code, _, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2025-01-02", "--country", "GB"])
    assert code == 2 and "reg. 31" in err
    code, _, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2025-01-02", "--country", "DE"])
    assert code == 2 and "art. 10" in err


def test_goods_without_the_day_received_are_never_counted_from_the_contract(capsys):
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2026-10-01",
                                  "--item", "Blue kettle"])
    assert code == 0, err
    assert "Late" not in out and "ends on" not in out
    assert "for goods, your 14 days run from the day after you receive them, not from the contract" in out
    assert "Give --received DATE" in out
    # late, but the user did not say the trader failed to inform them: only the note mentions the extension
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2026-10-01"])
    assert "Late: this letter is dated 7 December 2026" in out and "give --not-informed" in out
    assert "extended by twelve months" not in body_of(out) and "did not inform me" not in body_of(out)
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--contract-date", "2026-10-01", "--not-informed"])
    assert "As you did not inform me of my right of withdrawal, the period for exercising it is extended by twelve " \
           "months" in body_of(out)
    code, _, err = run(capsys, ["letter", "cancel", *PERSON, "--not-informed"])
    assert code == 2 and "--not-informed applies to the withdrawal letter only" in err


@pytest.mark.parametrize("extra, words", [
    (["--sent", "2026-12-10"], "--sent 2026-12-10 is after the letter's date 2026-12-07"),
    (["--sent", "2026-11-30"], "is not late yet"),  # due on 14 December at the earliest
    (["--sent", "2026-11-23"], "is not late yet"),  # due on 7 December: the letter's own day
])
def test_a_reminder_before_the_refund_is_late_is_refused(capsys, extra, words):
    code, out, err = run(capsys, ["letter", "reminder", *PERSON, "--about", "withdrawal", *extra])
    assert code == 2 and words in err and not out and err.count("fineprint: error") == 1


def test_the_journal_keeps_the_letters_language_and_name_for_the_reminder(capsys):
    code, _, err = run(capsys, ["letter", "withdrawal", *PERSON, "--lang", "fr", "--record"])
    assert code == 0, err
    code, out, _ = run(capsys, ["requests", "list", "--today", "2027-01-05"])
    assert "fineprint letter reminder --company 'Globex Retail' --sent 2026-12-07 --about withdrawal --lang fr " \
           "--name 'Ana Diaz'" in out
    code, out, err = run(capsys, ["letter", "reminder", "--company", "Globex Retail", "--sent", "2026-12-07",
                                  "--about", "withdrawal", "--lang", "fr", "--name", "Ana Diaz",
                                  "--date", "2027-01-05"])
    assert code == 0 and "Relance" in out and "Ana Diaz" in out


def test_a_journal_of_schema_1_gains_the_two_columns(tmp_path, capsys):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("""CREATE TABLE requests (id INTEGER PRIMARY KEY AUTOINCREMENT, company TEXT NOT NULL,
        right TEXT NOT NULL, sent TEXT NOT NULL, deadline TEXT NOT NULL, recipient TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'open', outcome TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL, closed TEXT);
        INSERT INTO requests (company, right, sent, deadline, created) VALUES ('Acme', 'access', '2026-01-01',
        '2026-02-01', 'x');
        PRAGMA user_version = 1; PRAGMA application_id = 1179669073;""")
    conn.close()
    code, out, err = run(capsys, ["requests", "--journal", str(path), "list", "--today", "2026-03-01"])
    assert code == 0, err
    assert "Acme" in out and "--lang" not in out


@pytest.mark.parametrize("option", ["--date", "--contract-date", "--received", "--sent"])
def test_dates_that_do_not_exist_or_are_absurd_are_one_line(capsys, option):
    right = ["reminder", "--about", "withdrawal"] if option == "--sent" else ["withdrawal"]
    for value, words in (("2026-02-30", "2026-02-30 is not a date"), ("9999-12-31", "is not a plausible date"),
                         ("1850-01-01", "is not a plausible date"), ("30/02/2026", "is not a date")):
        code, out, err = run(capsys, ["letter", *right, "--name", "Ana", "--company", "Globex", option, value])
        assert code == 2 and words in err and not out, (option, value, err)
        assert err.count("fineprint: error") == 1 and "Usage:" not in err and "Traceback" not in err


@pytest.mark.parametrize("extra, words", [
    (["--company", ""], "--company is empty"), (["--company", "   "], "--company is empty"),
    (["--company", "Globex", "--item", " "], "--item is empty"),
    (["--company", "Globex", "--order", " "], "--order is empty"),
])
def test_a_blank_company_item_or_order_is_one_line(capsys, extra, words):
    code, out, err = run(capsys, ["letter", "withdrawal", "--date", DATE, *extra])
    assert code == 2 and words in err and not out and err.count("fineprint: error") == 1


def test_the_placeholder_names_the_trader(capsys):
    code, out, _ = run(capsys, ["letter", "withdrawal", "--date", DATE, "--lang", "fr"])
    assert code == 0 and "[nom du professionnel]" in out and "organisme" not in out
    code, out, _ = run(capsys, ["letter", "cancel", "--date", DATE])
    assert code == 0 and "[trader's name]" in out


def test_the_letter_names_the_terms_not_the_file(capsys, tmp_path):
    terms = tmp_path / "cgv.txt"
    terms.write_text(TERMS, encoding="utf-8")
    report = tmp_path / "report.json"
    run(capsys, ["audit", str(terms), "--format", "json", "-o", str(report)])
    code, out, err = run(capsys, ["letter", "withdrawal", *PERSON, "--from-report", str(report), "--lang", "fr"])
    assert code == 0, err
    assert "Vos conditions générales contiennent la clause suivante" in out and "cgv.txt" not in out
    # item 12: the tie's citation in parentheses has no article "l'"
    assert "(article L. 242-3 du Code de la consommation)" in out and "(l'article" not in out
    code, out, _ = run(capsys, ["letter", "withdrawal", *PERSON, "--from-report", str(report)])
    assert "Your terms and conditions contain the following clause" in out and "cgv.txt" not in out


def test_late_refunds_are_not_capped_at_50_percent(capsys):
    code, out, _ = run(capsys, ["letter", "withdrawal", *PERSON, "--lang", "fr"])
    assert "5 %, 10 %, 20 % et 50 %" in out.replace("\u00a0", " ")
    assert "cinq points supplémentaires par nouveau mois de retard jusqu'à concurrence du prix du produit" in out
    assert "de 5 % à 50 %" not in out.replace("\u00a0", " ")
    code, out, _ = run(capsys, ["letter", "reminder", *PERSON, "--about", "withdrawal", "--sent", "2026-11-01"])
    assert "five more points for each further month of delay, up to the price of the product" in out


def test_french_wording_for_two_items_and_a_company(capsys):
    code, out, _ = run(capsys, ["letter", "withdrawal", *PERSON, "--lang", "fr", "--received", "2026-11-25",
                                "--item", "Bouilloire", "--item", "Tasses"])
    assert "la vente des biens ci-dessous" in out and "du bien et des biens" not in out
    assert "informé(e) de ma décision" not in out and "vous avez connaissance de ma décision" in out
    assert "ont commencé le 26 novembre 2026, lendemain de la réception des biens" in out
    code, out, _ = run(capsys, ["letter", "cancel", *PERSON, "--lang", "fr", "--account", "C-42"])
    assert out.count("C-42") == 1


def test_the_renewal_tie_does_not_repeat_the_body(capsys, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("Terms\n\nYour subscription renews automatically each year unless you cancel at least 30 days "
                     "before the renewal date.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    run(capsys, ["audit", str(terms), "--format", "json", "-o", str(report)])
    code, out, err = run(capsys, ["letter", "cancel", *PERSON, "--lang", "fr", "--from-report", str(report),
                                  "--renewed-on", "2026-11-01"])
    assert code == 0, err
    assert "renews automatically" in out and "Cette clause prévoit la reconduction tacite" not in out


def test_renewed_on_outside_france_says_it_is_unused(capsys):
    code, out, err = run(capsys, ["letter", "cancel", *PERSON, "--country", "DE", "--renewed-on", "2026-11-01"])
    assert code == 0 and "--renewed-on is used only under French law" in err and "L215-1" in err
    assert "renewed tacitly" not in out


def test_a_us_cancellation_note_speaks_american(capsys):
    code, out, _ = run(capsys, ["letter", "cancel", *PERSON, "--country", "US"])
    assert "certified mail, return receipt requested" in out and "ACH authorization" in out
    assert "card or bank statements" in out and "direct debit mandate" not in out
