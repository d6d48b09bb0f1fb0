"""Rights letters as a user gets them from `fineprint letter`: the right article, the deadline as a date, the person
and the company named, the clauses of an audit quoted, and never a GDPR article the law does not give for that
request."""
import json
import re
from datetime import date

import pytest

from fineprint.cli import main
from fineprint.letters import RIGHTS, LetterRequest, Person, Quote, Recipient, compose_letter, one_month_after
from fineprint.letters.compose import rights_table, ties_table

# The article each letter rests on, from docs/LAW.md (written here by hand, not read from the table under test).
MAIN_ARTICLE = {"access": "15", "rectification": "16", "erasure": "17", "objection": "21", "withdraw-consent": "7(3)",
                "portability": "20", "restriction": "18", "complaint": "77", "reminder": "12(3)"}
# Every GDPR article a letter may cite: its own provisions (LAW.md), the common ones (deadline, free of charge,
# identity, complaint), and for reminder/complaint the article of the request being chased.
LAWFUL = {
    "access": {"15"}, "rectification": {"16", "19"}, "erasure": {"17", "19", "21"},
    "objection": {"21", "6(1)(e)", "6(1)(f)", "17(1)(c)"}, "withdraw-consent": {"7(3)", "17(1)(b)", "19"},
    "portability": {"20"}, "restriction": {"18", "19", "21(1)"}, "complaint": {"77", "12(3)", "15"},
    "reminder": {"12(3)", "77", "15"},
}
COMMON = {"12(3)", "12(5)", "12(6)", "77"}
TEMU_IDS = ("rights.likeness-use", "rights.perpetual", "rights.consent-by-conduct")

_CITATION = re.compile(r"\b(?:[Aa]rticles?|Art\.)\s+(\d+(?:\(\d+\))?(?:\([a-z]\))?)(?![\w(])(?!\s+(?:du|of the)\s+"
                       r"(?:Code|French))")


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def flat(text: str) -> str:
    """The letter with line wrapping undone, to look for sentences that the text format wraps."""
    return " ".join(text.split())


_RANGE_END = re.compile(r"\b[Aa]rticles\s+\d+\s+(?:to|à)\s+(\d+)")


def cited_articles(text: str) -> set[str]:
    """GDPR articles cited, with the far end of ranges ("Articles 12 to 22"); other codes' articles left out."""
    return set(_CITATION.findall(flat(text))) | set(_RANGE_END.findall(flat(text)))


def allowed(article: str, lawful: set[str]) -> bool:
    return any(article == a or article.startswith(a + "(") for a in lawful)


LETTER_DATE = "2026-01-31"
SENT = "2025-12-31"
DEADLINE = {"en": "28 February 2026", "fr": "28 février 2026"}  # one month after 31 January 2026, clamped
DEADLINE_OF_SENT = {"en": "31 January 2026", "fr": "31 janvier 2026"}


def letter_args(right, lang, *extra):
    args = ["letter", right, "--lang", lang, "--name", "Ana Diaz-Moreau", "--email", "ana@example.org",
            "--company", "Globex Retail SAS", "--date", LETTER_DATE, *extra]
    if right in ("reminder", "complaint"):
        args += ["--sent", SENT, "--about", "access"]
    if right == "complaint":
        args += ["--facts", "Mon compte a été supprimé sans que mes données le soient."]
    return args


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("right", RIGHTS)
def test_every_letter_names_person_company_article_and_deadline(capsys, right, lang):
    code, out, err = run(capsys, *letter_args(right, lang))
    assert code == 0, err
    text = flat(out)
    assert "Ana Diaz-Moreau" in text and "ana@example.org" in text
    assert "Globex Retail SAS" in text
    letter_lang = "fr" if right == "complaint" else lang
    main_article = MAIN_ARTICLE[right]
    if letter_lang == "fr":
        assert f"article {main_article} du RGPD" in text
        assert "Madame, Monsieur," in text
    else:
        assert f"Article {main_article} GDPR" in text
        assert "Dear Sir or Madam," in text
    if right in ("reminder", "complaint"):
        assert DEADLINE_OF_SENT[letter_lang] in text  # the deadline the company missed
    else:
        assert DEADLINE[letter_lang] in text
        assert ("deux mois supplémentaires" if letter_lang == "fr" else "two further months") in text
    if right == "complaint":
        assert "CNIL" in text and "3 place de Fontenoy" in text and "75334 Paris Cedex 07" in text
        assert "Mon compte a été supprimé sans que mes données le soient." in text  # the facts
        assert "Pièces jointes" in text and "copie de ma demande du 31 décembre 2025" in text
        if lang == "en":
            assert "French" in err  # the user is told why the complaint is not in English


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("right", RIGHTS)
def test_no_letter_cites_an_article_the_law_does_not_give_for_it(capsys, right, lang):
    extra = ["--ground", "unlawful"] if right in ("erasure", "restriction") else []
    code, out, err = run(capsys, *letter_args(right, lang, *extra))
    assert code == 0, err
    cited = cited_articles(out)
    assert cited, out
    wrong = {a for a in cited if not allowed(a, LAWFUL[right] | COMMON)}
    assert not wrong, f"{right}/{lang} cites {wrong}"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("right", RIGHTS)
def test_quoted_findings_only_add_the_articles_their_tie_gives(right, lang):
    quotes = tuple(Quote(f"Clause about {fid}.", (fid,)) for fid in rights_table()["rights"][right]["quotes"])
    letter = compose_letter(LetterRequest(right, date(2026, 1, 31), Person("Ana"), Recipient("Globex"), lang=lang,
                                          sent=date(2025, 12, 31), about="erasure", quotes=quotes))
    ties = set().union(*(ties_table()[q.finding_ids[0]]["articles"] for q in quotes))
    about = {"17"} if right in ("reminder", "complaint") else set()
    text = letter.render("txt")
    for q in quotes:
        assert q.text in flat(text)
    wrong = {a for a in cited_articles(text) if not allowed(a, LAWFUL[right] | COMMON | ties | about)}
    assert not wrong


def test_every_tie_cites_exactly_the_articles_it_declares():
    for fid, tie in ties_table().items():
        for lang in ("en", "fr"):
            cited = cited_articles(tie[lang])
            assert cited <= set(tie["articles"]), (fid, lang, cited)
            assert {a.split("(")[0] for a in tie["articles"]} <= {a.split("(")[0] for a in cited}, (fid, lang)


@pytest.mark.parametrize("day, deadline", [
    (date(2026, 1, 31), date(2026, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 12, 15), date(2027, 1, 15)),
    (date(2026, 5, 1), date(2026, 6, 1)),
])
def test_deadline_is_the_same_day_next_month_clamped(day, deadline):
    assert one_month_after(day) == deadline


def test_objection_to_direct_marketing_needs_no_reason_and_cites_21_2(capsys):
    code, out, _ = run(capsys, *letter_args("objection", "en", "--marketing"))
    assert code == 0
    text = flat(out)
    assert "Article 21(2) GDPR" in text and "Article 21(3) GDPR" in text
    assert "Article 21(1)" not in text and "[explain here" not in text


def test_objection_on_legitimate_interest_carries_the_persons_reason(capsys):
    code, out, _ = run(capsys, *letter_args("objection", "fr", "--reason", "je suis harcelée par ces envois"))
    assert code == 0
    text = flat(out)
    assert "article 21(1) du RGPD" in text and "je suis harcelée par ces envois" in text
    assert "21(2)" not in text


def test_one_erasure_ground_is_cited_alone(capsys):
    code, out, _ = run(capsys, *letter_args("erasure", "fr", "--ground", "consent-withdrawn",
                                            "--detail", "mes photos de profil"))
    assert code == 0
    text = flat(out)
    assert "article 17(1)(b) du RGPD" in text and "mes photos de profil" in text
    assert "17(1)(a)" not in text and "17(1)(d)" not in text


def test_rectification_lists_the_corrections(capsys):
    code, out, err = run(capsys, *letter_args("rectification", "en", "--detail", "date of birth: 2 May 1990, not 5 "
                                              "February 1990"))
    assert code == 0
    assert "date of birth: 2 May 1990, not 5 February 1990" in flat(out)
    assert "Article 19 GDPR" in flat(out)
    assert "[brackets]" not in err


def test_missing_details_are_placeholders_the_user_is_told_about(capsys):
    code, out, err = run(capsys, "letter", "rectification", "--company", "Globex", "--date", LETTER_DATE)
    assert code == 0
    assert "[state which data are inaccurate" in out and "[Your full name]" in out
    assert "brackets" in err


def test_ground_for_the_wrong_right_is_a_usage_error(capsys):
    code, _, err = run(capsys, *letter_args("erasure", "en", "--ground", "legal-claims"))
    assert code == 2 and "legal-claims" in err and "Traceback" not in err


def test_reminder_without_the_original_date_is_refused(capsys):
    code, _, err = run(capsys, "letter", "reminder", "--company", "Globex")
    assert code == 2
    assert "--sent" in err and len(err.strip().splitlines()) == 1


def temu_report(shared, lang="en"):
    example = (shared / "examples" / "temu-cash-reward-2024.md").read_text(encoding="utf-8")
    quotes = re.findall(r"^> (.+)$", example, flags=re.MULTILINE)
    clause = quotes[0] if lang == "en" else quotes[1]
    return {
        "schema": "fineprint.report/1",
        "tool": {"name": "fineprint", "version": "0.1.0"},
        "document": {"source": "temu-cash-reward-rules.txt", "kind": "offer", "language": lang, "sha256": "0" * 64,
                     "chars": len(clause)},
        "findings": [{"id": fid, "title": "", "severity": "high", "confidence": 0.97,
                      "span": {"start": 0, "end": len(clause)}, "text": clause, "explanation": "", "law": [],
                      "detector": "test", "evidence": {}} for fid in TEMU_IDS],
        "summary": {"by_severity": {"high": 3}, "headline": ""},
    }, clause


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_withdraw_consent_from_the_temu_report_quotes_the_clause_and_asks_for_erasure(capsys, tmp_path, shared, lang):
    report, clause = temu_report(shared)
    path = tmp_path / "temu.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    code, out, err = run(capsys, "letter", "withdraw-consent", "--from-report", str(path), "--lang", lang,
                         "--company", "Temu", "--name", "Ana Diaz", "--date", "2024-03-28")
    assert code == 0, err
    text = flat(out)
    assert flat(clause) in text  # the clause, word for word
    if lang == "fr":
        assert "je retire mon consentement" in text and "article 7(3) du RGPD" in text
        assert "vaut pour l'avenir" in text
        assert "d'effacer" in text and "article 17(1)(b) du RGPD" in text
        assert "à perpétuité" in text  # the tie to rights.perpetual
        assert "28 avril 2024" in text
    else:
        assert "I withdraw my consent" in text and "Article 7(3) GDPR" in text
        assert "for the future" in text
        assert "erase" in text and "Article 17(1)(b) GDPR" in text
        assert "in perpetuity" in text
        assert "28 April 2024" in text
    # One quotation although three findings point at the clause.
    assert text.count(flat(clause)[:60]) == 1


def test_report_in_french_makes_a_french_letter(capsys, tmp_path, shared):
    report, clause = temu_report(shared, lang="fr")
    path = tmp_path / "temu-fr.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    code, out, _ = run(capsys, "letter", "erasure", "--from-report", str(path), "--company", "Temu",
                       "--date", "2024-03-28")
    assert code == 0
    assert "Madame, Monsieur," in out and flat(clause) in flat(out)


def test_end_to_end_audit_json_then_letter(capsys, tmp_path, shared):
    example = (shared / "examples" / "temu-cash-reward-2024.md").read_text(encoding="utf-8")
    clause = re.findall(r"^> (.+)$", example, flags=re.MULTILINE)[0]
    rules = tmp_path / "rules.txt"
    rules.write_text(clause + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    code, _, err = run(capsys, "audit", str(rules), "--format", "json", "-o", str(report))
    assert code == 0, err
    ids = {f["id"] for f in json.loads(report.read_text(encoding="utf-8"))["findings"]}
    if not ids & {"rights.consent-by-conduct", "rights.perpetual", "rights.likeness-use"}:
        pytest.skip(f"the audit found none of the consent findings here ({sorted(ids)})")
    code, out, err = run(capsys, "letter", "withdraw-consent", "--from-report", str(report), "--lang", "en",
                         "--company", "Temu", "--date", "2024-03-28")
    assert code == 0, err
    assert flat(clause) in flat(out) and "Article 7(3) GDPR" in out


@pytest.mark.parametrize("content, message", [
    ("this is not json", "not a JSON file"),
    ('{"schema": "something/else", "findings": []}', "not a fineprint report"),
    ("[1, 2, 3]", "not a fineprint report"),
    ('{"schema": "fineprint.report/1", "findings": [{"text": "no id"}]}', "malformed"),
    ("", "empty"),
])
def test_a_bad_report_is_one_line_and_exit_2(capsys, tmp_path, content, message):
    path = tmp_path / "report.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "letter", "access", "--from-report", str(path))
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not out


def test_a_missing_report_is_one_line_and_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "letter", "access", "--from-report", str(tmp_path / "nope.json"))
    assert code == 2 and "not found" in err


def test_html_letter_is_a_page_with_user_text_escaped(capsys):
    code, out, _ = run(capsys, "letter", "access", "--name", "<script>alert(1)</script>", "--company", "A & B",
                       "--format", "html", "--date", LETTER_DATE)
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and '<html lang="en">' in out
    assert "<script>" not in out and "&lt;script&gt;" in out and "A &amp; B" in out
    assert "<ul>" in out and "28 February 2026" in out


def test_markdown_letter_marks_the_subject_and_lists(capsys):
    code, out, _ = run(capsys, "letter", "access", "--company", "Globex", "--lang", "fr", "--format", "md",
                       "--date", LETTER_DATE)
    assert code == 0
    assert "**Objet\u00a0: Demande d'accès" in out and "\n- les finalités du traitement\u202f;" in out


def test_output_file(capsys, tmp_path):
    target = tmp_path / "letter.txt"
    code, out, _ = run(capsys, "letter", "portability", "--company", "Globex", "-o", str(target),
                       "--date", LETTER_DATE)
    assert code == 0 and out == ""
    assert "Article 20(1) GDPR" in target.read_text(encoding="utf-8")


def test_record_puts_the_request_in_the_journal(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path))
    code, _, err = run(capsys, "letter", "erasure", "--company", "Globex", "--date", LETTER_DATE, "--record")
    assert code == 0 and "#1" in err
    code, out, _ = run(capsys, "requests", "list", "--today", "2026-02-01")
    assert "Globex" in out and "erasure" in out and "2026-02-28" in out


POLICY = """Privacy Policy of Globex

Globex Retail SAS ("Globex", "we", "us") operates the Globex app.

We collect your e-mail address to send you receipts.

Contact
To exercise your rights, contact our Data Protection Officer at dpo@globex.example or write to:
Globex Retail SAS - DPO
12 rue de la Paix
75002 Paris
France
"""


def test_policy_prefills_the_recipient_and_shows_where_it_came_from(capsys, tmp_path):
    policy = tmp_path / "policy.txt"
    policy.write_text(POLICY, encoding="utf-8")
    code, out, err = run(capsys, "letter", "access", "--policy", str(policy), "--lang", "fr", "--date", LETTER_DATE)
    assert code == 0, err
    head = out.split("Objet")[0]
    assert "dpo@globex.example" in head and "12 rue de la Paix" in head and "75002 Paris" in head
    assert "Globex Retail SAS" in head
    assert "Délégué à la protection des données" in head
    assert "dpo@globex.example" in err and "contact our Data Protection Officer" in err  # with its clause


def test_given_recipient_wins_over_the_policy(capsys, tmp_path):
    policy = tmp_path / "policy.txt"
    policy.write_text(POLICY, encoding="utf-8")
    code, out, _ = run(capsys, "letter", "access", "--policy", str(policy), "--to", "privacy@other.example",
                       "--company", "Other Ltd", "--date", LETTER_DATE)
    assert code == 0
    head = out.split("Subject")[0]
    assert "privacy@other.example" in head and "Other Ltd" in head and "dpo@globex.example" not in head


def test_privacy_policy_report_prefills_the_recipient_from_its_contact_clauses(capsys, tmp_path):
    clause = "If you have questions, contact our data protection officer at dpo@initech.example."
    report = {"schema": "fineprint.report/1", "document": {"source": "privacy.html", "kind": "privacy-policy",
                                                          "language": "en"},
              "findings": [{"id": "practice.contact-information", "text": clause,
                            "span": {"start": 10, "end": 10 + len(clause)}}]}
    path = tmp_path / "policy-report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    code, out, err = run(capsys, "letter", "access", "--from-report", str(path), "--company", "Initech",
                         "--date", LETTER_DATE)
    assert code == 0, err
    assert "dpo@initech.example" in out.split("Subject")[0]
    assert "Data Protection Officer" in out.split("Subject")[0]
    assert clause in flat(err)


def test_complaint_without_a_prior_request_asks_for_the_facts(capsys):
    code, out, err = run(capsys, "letter", "complaint", "--company", "Globex", "--date", LETTER_DATE)
    assert code == 0, err
    assert "[Décrivez ici les faits" in out and "CNIL" in out and "brackets" in err


def test_reminder_points_to_the_complaint_next(capsys):
    code, out, _ = run(capsys, *letter_args("reminder", "en"))
    assert code == 0
    assert "fineprint letter complaint --sent 2025-12-31 --about access" in flat(out)


def test_a_batch_of_one_report_is_read_and_a_batch_of_two_refused(capsys, tmp_path, shared):
    report, clause = temu_report(shared)
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"schema": "fineprint.batch/1", "reports": [report], "failures": []}), encoding="utf-8")
    code, out, _ = run(capsys, "letter", "withdraw-consent", "--from-report", str(one), "--company", "Temu")
    assert code == 0 and flat(clause) in flat(out)
    two = tmp_path / "two.json"
    two.write_text(json.dumps({"schema": "fineprint.batch/1", "reports": [report, report]}), encoding="utf-8")
    code, _, err = run(capsys, "letter", "withdraw-consent", "--from-report", str(two), "--company", "Temu")
    assert code == 2 and "2 reports" in err


def test_policy_prefill_on_a_real_privacy_policy(capsys, tmp_path, shared):
    source = shared / "datasets" / "gdpr_t200" / "com.camdiab.fx_alert.mmoll.json"
    if not source.is_file():
        pytest.skip("gdpr_t200 policy not present")
    passages = json.loads(source.read_text(encoding="utf-8"))
    policy = tmp_path / "camdiab-privacy.txt"
    policy.write_text("\n\n".join(p["passage"] for p in passages), encoding="utf-8")
    code, out, err = run(capsys, "letter", "erasure", "--policy", str(policy), "--date", LETTER_DATE)
    assert code == 0, err
    head = out.split("Subject")[0]
    # The policy names its DPO's mailbox and the company's registered office: both must reach the letter.
    assert "dpo@evalian.co.uk" in head and "Data Protection Officer" in head
    assert "CamDiab" in head and "Wenlock Road" in head
    assert "dpo@evalian.co.uk" in err and "data protection officer" in err.lower()
