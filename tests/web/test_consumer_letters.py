"""The consumer letters in the web app and the API: `withdrawal` (14 days to withdraw from a distance contract) and
`cancel` (a subscription), as `fineprint letter withdrawal | cancel` writes them — from the API, from the letter form
(with and without a report) and offered by the report page where the report has the clause they quote."""
from __future__ import annotations

import re

import pytest

from test_pages import Elements, assert_no_active_content

DATE = "2026-12-07"  # a Monday, the letters' date (the CLI tests' own)
SHOP = ("Terms of sale\n\nAll sales are final. No refunds will be given for any purchase, including digital "
        "content.\n\nYour subscription renews automatically each month unless you cancel at least 30 days before "
        "the renewal date.\n")
NO_MONEY = ("Terms of service\n\nTo the fullest extent permitted by law, we shall not be liable for any damages "
            "arising from your use of the service, including personal injury.")


@pytest.fixture(scope="module")
def shop_report(client):
    report = client.post("/api/v1/audit", data={"text": SHOP}).json()
    ids = {f["id"] for f in report["findings"]}
    assert {"money.no-refund", "money.auto-renewal"} <= ids, ids
    return report


def carried_from(html: str, form_id: str | None = None) -> dict[str, str]:
    """The hidden fields of a form of the report page (the first letter form, or the one with ``form_id``)."""
    fields: dict[str, str] = {}
    inside = False
    for tag, attrs in Elements(html).tags:
        if tag == "form":
            if fields:
                break
            inside = attrs.get("id") == form_id if form_id else attrs.get("action") == "/letter"
        elif tag == "input" and inside and attrs.get("type") == "hidden":
            fields[attrs["name"]] = attrs["value"]
    return fields


def letter(client, **body):
    return client.post("/api/v1/letter", json={"name": "Ana Diaz", "company": "Globex Retail", "date": DATE, **body})


# ------------------------------------------------------------------------------------------------------ the API

def test_the_api_writes_a_withdrawal_with_its_dates(client):
    r = letter(client, right="withdrawal", contract_date="2026-11-20", received="2026-11-25", order="A123",
               items=["Blue kettle", "Two mugs"])
    assert r.status_code == 200, r.text
    text = " ".join(r.text.split())
    assert "I hereby give notice that I withdraw from my contract of sale of the following goods" in text
    assert "Blue kettle" in text and "Two mugs" in text and "Order number: A123" in text
    # the refund: 14 days after the trader receives the letter (the letter's date + 14 if it arrives that day)
    assert "(by 21 December 2026 if it reaches you today)" in text
    assert "ends on 9 December 2026" in text  # the period: 14 days after receipt
    assert "Article L221-24 of the French Consumer Code" in text
    assert "GDPR" not in text and "CNIL" not in text


def test_the_api_follows_the_readers_country(client):
    uk = letter(client, right="withdrawal", contract_date="2026-11-21", country="GB", lang="fr")
    text = " ".join(uk.text.split())
    assert uk.status_code == 200 and "ends on 5 December 2026" in text  # no move to Monday in the UK
    assert "regulation 30" in text and "French" not in text
    de = letter(client, right="withdrawal", contract_date="2026-12-01", country="DE")
    assert de.status_code == 200 and "Directive 2011/83/EU" in de.text
    us = letter(client, right="cancel", country="US", subscription="Gold")
    assert us.status_code == 200 and "Gold" in us.text and "L215-1" not in us.text


def test_the_api_writes_a_cancellation_with_its_dates(client):
    r = letter(client, right="cancel", subscription="Gold", effective="2026-12-31", renewed_on="2026-11-01")
    text = " ".join(r.text.split())
    assert r.status_code == 200, r.text
    assert "Cancellation of my subscription (Gold)" in text and "with effect on 31 December 2026" in text
    assert "renewed tacitly on 1 November 2026" in text and "that is by 6 January 2027" in text
    fr = letter(client, right="cancel", subscription="Gold", lang="fr", format="html")
    assert fr.status_code == 200 and fr.headers["content-type"].startswith("text/html")
    assert "Résiliation de mon abonnement (Gold)" in fr.text


def test_the_api_quotes_the_no_refund_and_renewal_clauses_of_a_report(client, shop_report):
    w = letter(client, right="withdrawal", contract_date="2026-11-20", report=shop_report)
    text = " ".join(w.text.split())
    assert w.status_code == 200, w.text
    assert "All sales are final." in text and "cannot take away my statutory right of withdrawal" in text
    assert "Article L242-3 of the French Consumer Code" in text
    assert "renews automatically" not in text  # the cancellation's clause, not this letter's
    c = letter(client, right="cancel", report=shop_report)
    text = " ".join(c.text.split())
    assert "renews automatically each month" in text and "All sales are final" not in text
    pdf = letter(client, right="withdrawal", report=shop_report, format="pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("body, status, words", [
    ({"right": "withdrawal", "contract_date": "2026-12-20"}, 400, "contract_date 2026-12-20 is in the future"),
    ({"right": "withdrawal", "contract_date": "2026-11-20", "received": "2026-11-10"}, 400,
     "received 2026-11-10 is before contract_date 2026-11-20"),
    ({"right": "withdrawal", "country": "US"}, 400, "no general right to withdraw"),
    ({"right": "cancel", "effective": "2026-12-01"}, 400, "effective 2026-12-01 is before the letter's date"),
    ({"right": "erasure", "order": "A1"}, 400, "order applies to the withdrawal letter only"),
    ({"right": "cancel", "received": "2026-11-10"}, 400, "received applies to the withdrawal letter only"),
    ({"right": "withdrawal", "contract_date": "2026-02-30"}, 400, "invalid contract_date: 2026-02-30 is not a date"),
    ({"right": "withdrawal", "date": "9999-12-31"}, 400, "invalid date: 9999-12-31 is not a plausible date"),
    ({"right": "withdrawal", "received": "1850-01-01"}, 400, "invalid received: 1850-01-01 is not a plausible date"),
    ({"right": "withdrawal", "company": ""}, 400, "company is empty"),
    ({"right": "cancel", "company": "   "}, 400, "company is empty"),
    ({"right": "withdrawal", "items": ["Kettle", " "]}, 400, "items: an entry is empty"),
    ({"right": "withdrawal", "order": "  "}, 400, "order is empty"),
    ({"right": "withdrawal", "contract_date": "2025-01-02"}, 400, "the right of withdrawal is lost"),
    ({"right": "cancel", "not_informed": True}, 400, "not_informed applies to the withdrawal letter only"),
    ({"right": "withdrawal", "contract_date": "20 November"}, 422, "contract_date"),
    ({"right": "withdrawal", "items": ["x"] * 21}, 422, "items"),
    ({"right": "withdrawal", "order": "x" * 101}, 422, "order"),
    ({"right": "cancel", "subscription": "x" * 301}, 422, "subscription"),
])
def test_the_api_refuses_bad_input_with_a_one_line_4xx(client, body, status, words):
    r = letter(client, **body)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert words in error and "\n" not in error and r.json()["status"] == status


def test_a_withdrawal_for_a_us_reader_of_a_report_is_refused(client):
    report = client.post("/api/v1/audit", data={"text": SHOP, "country": "US"}).json()
    r = letter(client, right="withdrawal", report=report)
    assert r.status_code == 400 and "United States" in r.json()["error"]


def test_openapi_documents_the_consumer_fields(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["LetterIn"]
    assert {"withdrawal", "cancel"} <= set(schema["properties"]["right"]["enum"])
    for key in ("contract_date", "received", "order", "items", "subscription", "effective", "renewed_on"):
        assert key in schema["properties"], key
    assert schema["properties"]["items"]["maxItems"] == 20


# ----------------------------------------------------------------------------------------------------- the pages

@pytest.mark.parametrize("ui, words", [
    ("en", ("Withdraw from a distance contract (within 14 days)", "Cancel a subscription", "For a withdrawal",
            "Day you received the goods", "Day of the last tacit renewal")),
    ("fr", ("Vous rétracter d’un contrat à distance (sous 14 jours)", "Résilier un abonnement",
            "Pour une rétractation", "Date de réception des biens", "Date de la dernière reconduction tacite")),
])
def test_the_letter_form_offers_the_consumer_letters_and_their_fields_in_both_languages(client, ui, words):
    page = client.post("/letter", data={"ui": ui})
    assert page.status_code == 200
    html = assert_no_active_content(page.text)
    options = {o.get("value") for o in html.all("option")}
    assert {"withdrawal", "cancel", "erasure"} <= options
    for w in words:
        assert w in page.text, w
    # without JavaScript every fieldset shows (none is hidden by the server); app.js hides the others
    sets = {f.get("data-for"): f for f in html.all("fieldset")}
    assert set(sets) >= {"withdrawal", "cancel"} and not any("hidden" in f for f in sets.values())
    names = {i.get("name") for i in html.all("input")} | {t.get("name") for t in html.all("textarea")}
    assert {"contract_date", "received", "order", "items", "subscription", "effective", "renewed_on"} <= names


def test_the_form_writes_a_withdrawal_keeping_only_its_own_fields(client):
    data = {"ui": "en", "right": "withdrawal", "letter_lang": "en", "name": "Ana Diaz", "company": "Globex Retail",
            "contract_date": "2026-11-20",
            "received": "2026-11-25", "items": "Blue kettle\n\nTwo mugs\n", "order": "A123",
            "subscription": "Gold", "renewed_on": "2099-01-01"}  # the cancellation's fields are ignored
    page = client.post("/letter", data=data)
    assert page.status_code == 200, page.text
    preview = " ".join(page.text.split())
    assert "ends on 9 December 2026" in preview and "Blue kettle" in preview and "Two mugs" in preview
    assert 'value="2026-11-25"' in page.text  # the form keeps what was typed
    d = client.post("/letter/download", data={**data, "format": "txt"})
    assert d.status_code == 200 and "Order number: A123" in d.text and "Gold" not in d.text
    assert d.headers["content-disposition"].startswith('attachment; filename="fineprint-withdrawal-en.txt"')
    gdpr = client.post("/letter/download", data={**data, "right": "erasure", "format": "txt"})
    assert gdpr.status_code == 200 and "Article 17" in gdpr.text and "A123" not in gdpr.text


@pytest.mark.parametrize("ui, data, words", [
    ("en", {"contract_date": "2026-13-01"}, "2026-13-01 is not a date"),
    ("en", {"contract_date": "20 Nov"}, "“20 Nov” is not a date; write it as YYYY-MM-DD"),
    ("fr", {"contract_date": "2026-02-30"}, "le 2026-02-30 n’existe pas"),
    ("fr", {"contract_date": "2099-01-01"}, "cette date est postérieure à aujourd’hui"),
    ("en", {"contract_date": "1850-01-01"}, "is not a plausible date"),
    ("en", {"company": "  "}, "Company: give the trader’s name"),
    ("fr", {"company": ""}, "indiquez le nom du professionnel"),
    ("en", {"contract_date": "2099-01-01"}, "this day is in the future"),
    ("fr", {"contract_date": "2026-11-20", "received": "2026-11-01"}, "Les biens ne peuvent pas être reçus avant"),
    ("fr", {"right": "cancel", "effective": "2000-01-01"}, "Une résiliation prend effet dans le futur"),
    # the letters code's own errors, in the page's language (session 47: they were English on the French page)
    ("fr", {"contract_date": "2024-01-02"}, "le droit de rétractation est perdu : le délai de 14 jours a pris fin le"),
    ("en", {"contract_date": "2024-01-02"}, "the right of withdrawal is lost: the 14-day period ended on"),
])
def test_the_form_comes_back_with_a_line_that_says_what_to_correct(client, ui, data, words):
    data = {"company": "Globex Retail", **data}
    page = client.post("/letter", data={"ui": ui, "right": "withdrawal", **data})
    assert page.status_code == 400
    assert words in page.text and 'class="form-error"' in page.text and 'id="letter-form"' in page.text
    assert 'class="letter"' not in page.text  # no preview of a letter that cannot be right
    d = client.post("/letter/download", data={"ui": ui, "right": "withdrawal", "format": "txt", **data})
    assert d.status_code == 400 and words in d.text


def test_the_report_offers_the_consumer_letters_for_their_clauses_only(client):
    r = client.post("/report", data={"text": SHOP, "ui": "en", "report_lang": "en"})
    assert r.status_code == 200
    assert_no_active_content(r.text)
    assert 'id="offer-withdrawal"' in r.text and 'id="offer-cancel"' in r.text
    assert "Withdraw within 14 days" in r.text
    fields = carried_from(r.text, "offer-withdrawal")
    assert fields["right"] == "withdrawal" and "money.no-refund" in fields["report"]
    page = client.post("/letter", data={**fields, "name": "Ana Diaz", "company": "Globex Retail",
                                        "contract_date": "2026-11-20"})
    assert page.status_code == 200
    quotes = re.search(r'<ul class="clauses">(.*?)</ul>', page.text, re.S).group(1)
    assert "All sales are final." in quotes and "renews automatically" not in quotes
    assert "cannot take away my statutory right of withdrawal" in " ".join(page.text.split())
    # the GDPR letter button stays the first letter form of the page
    assert carried_from(r.text)["right"] not in ("withdrawal", "cancel")
    fr = client.post("/report", data={"text": SHOP, "ui": "fr", "report_lang": "fr"})
    assert "Vous rétracter sous 14 jours" in fr.text and "Résilier l’abonnement" in fr.text


def test_the_report_offers_no_withdrawal_without_a_no_refund_clause_nor_to_a_us_reader(client):
    r = client.post("/report", data={"text": NO_MONEY, "ui": "en", "report_lang": "en"})
    assert r.status_code == 200 and 'id="offer-withdrawal"' not in r.text and 'id="offer-cancel"' not in r.text
    us = client.post("/report", data={"text": SHOP, "ui": "en", "report_lang": "en", "country": "US"})
    assert 'id="offer-withdrawal"' not in us.text and 'id="offer-cancel"' in us.text
    carried = carried_from(us.text, "offer-cancel")["report"]
    page = client.post("/letter", data={"report": carried, "ui": "en"})
    options = {o.get("value") for o in Elements(page.text).all("option")}
    assert "cancel" in options and "withdrawal" not in options


# ------------------------------------------------------------------ what a QA reader found (session 45, fixes)

CLI_WORDS = ("--received", "--renewed-on", "--effective", "--contract-date", "--not-informed", "--record",
             "fineprint requests", "fineprint letter")


@pytest.mark.parametrize("body", [
    {"right": "withdrawal", "contract_date": "2026-11-20"},
    {"right": "withdrawal", "items": ["Blue kettle"]},
    {"right": "withdrawal", "contract_date": "2026-10-01"},  # late: the note on the extension
    {"right": "withdrawal", "contract_date": "2026-11-20", "lang": "fr"},
    {"right": "withdrawal", "items": ["Blue kettle"], "lang": "fr"},
    {"right": "cancel"}, {"right": "cancel", "lang": "fr"}, {"right": "cancel", "country": "DE"},
    {"right": "cancel", "country": "GB"},
])
def test_the_web_never_shows_command_line_options(client, body):
    r = letter(client, **body)
    assert r.status_code == 200, r.text
    for words in CLI_WORDS:
        assert words not in r.text, (body, words)


def test_the_web_letter_asks_for_the_day_received_and_claims_the_extension_only_when_ticked(client):
    r = letter(client, right="withdrawal", items=["Blue kettle"], contract_date="2026-10-01")
    text = " ".join(r.text.split())
    assert "Give the day you received them in the form" in text and "Late" not in text
    late = " ".join(letter(client, right="withdrawal", contract_date="2026-10-01").text.split())
    assert "tick “The trader did not inform me of this right” in the form" in late
    assert "extended by twelve months (" not in late.split("Note for you")[0]
    ticked = letter(client, right="withdrawal", contract_date="2026-10-01", not_informed=True).text
    assert "As you did not inform me of my right of withdrawal" in " ".join(ticked.split())
    form = client.post("/letter", data={"ui": "en", "right": "withdrawal", "company": "Globex", "letter_lang": "en",
                                        "contract_date": "2026-10-01", "not_informed": "1"})
    assert form.status_code == 200 and "As you did not inform me of my right of withdrawal" in " ".join(
        form.text.split())
    assert 'name="not_informed"' in form.text and "checked" in form.text


def test_the_api_letter_to_a_trader_names_its_terms_and_a_placeholder(client, shop_report):
    r = letter(client, right="withdrawal", report=shop_report, company=None)
    text = " ".join(r.text.split())
    assert r.status_code == 200, r.text
    assert "Your terms and conditions contain the following clause" in text
    assert "pasted text" not in text and "The document" not in text
    assert "[trader's name]" in text
