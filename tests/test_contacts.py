"""Finding who to write to in a privacy policy: e-mails, postal addresses, web forms, phones, the organisation, and
whether a contact is the DPO's; plus the accuracy gate on real policies (gdpr_t200)."""
import importlib.util
from pathlib import Path

import pytest

from fineprint.letters.contacts import extract_contacts, suggest_recipient
from fineprint.model import Document

ROOT = Path(__file__).resolve().parent.parent


def values(contacts, kind):
    return [c.value for c in contacts if c.kind == kind]


def test_dpo_email_is_told_apart_from_the_support_mailbox():
    text = ("For help with your order, write to support@shop.example.\n"
            "Our Data Protection Officer can be reached at protection@shop.example.\n"
            "You may also write to dpo@shop.example.")
    contacts = extract_contacts(text)
    roles = {c.value: c.role for c in contacts if c.kind == "email"}
    assert roles == {"support@shop.example": "controller", "protection@shop.example": "dpo",
                     "dpo@shop.example": "dpo"}
    assert suggest_recipient(contacts).email.role == "dpo"


def test_each_contact_keeps_the_passage_it_came_from():
    text = "Intro.\nQuestions? Contact us at privacy@globex.example or via our form.\nThe end."
    email = next(c for c in extract_contacts(text) if c.kind == "email")
    assert email.clause == "Questions? Contact us at privacy@globex.example or via our form."
    assert text[email.start:email.end] == "privacy@globex.example"


def test_emails_glued_to_the_next_word_and_obfuscated_ones():
    contacts = extract_contacts("Mail info@smrt.example.comBy post: see below. Or privacy [at] acme [dot] fr")
    assert values(contacts, "email") == ["info@smrt.example.com", "privacy@acme.fr"]


def test_multi_line_french_address_block_is_joined():
    text = "Pour exercer vos droits, écrivez à :\nGlobex SAS - DPO\n12 rue de la Paix\n75002 Paris\nFrance\n"
    addresses = values(extract_contacts(text), "address")
    assert addresses == ["12 rue de la Paix, 75002 Paris, France"]


def test_address_inside_a_sentence_is_cut_at_the_sentence():
    text = ("CamDiab Limited, registered office address 20-22 Wenlock Road, London, N1 7GU, UK, incorporated and "
            "registered in England and Wales with company number 11659211, is the controller of your data.")
    addresses = values(extract_contacts(text), "address")
    assert len(addresses) == 1
    assert "20-22 Wenlock Road" in addresses[0] and "N1 7GU" in addresses[0]
    assert "incorporated" not in addresses[0]


def test_dates_and_legal_references_are_not_addresses():
    text = "Effective 01 July 2022\nUpdated September 2022\nSee California Civil Code Section 1798.83."
    assert values(extract_contacts(text), "address") == []


def test_web_form_needs_a_contact_cue_and_is_not_a_third_party_policy():
    text = ("We use Google Analytics (https://policies.google.com/privacy).\n"
            "Our website is https://www.globex.example.\n"
            "To exercise your rights, use our request form: https://www.globex.example/privacy-request-form\n"
            "By visiting this page on our website: https://globex.example/contact")
    forms = values(extract_contacts(text), "web-form")
    assert forms == ["https://globex.example/contact"]


def test_phone_needs_a_phone_cue():
    contacts = extract_contacts("By phone number: +33 1 23 45 67 89\nOrder 123456789 shipped.")
    assert values(contacts, "phone") == ["+33 1 23 45 67 89"]


def test_organisation_from_legal_form_and_we_definition():
    text = ('This policy explains how Globex Retail SAS ("Globex", "we", "us") handles your data.\n'
            'iSmartOffice (“iSmartOffice,” “we,” or “our”) respects your privacy.')
    orgs = values(extract_contacts(text), "organisation")
    assert "Globex Retail SAS" in orgs and "iSmartOffice" in orgs


def test_generated_app_policies_name_their_developer():
    text = ("Margin Games built the Color Haze app as a Free app. This SERVICE is provided by Margin Games at no "
            "cost and is intended for use as is.")
    assert values(extract_contacts(text), "organisation") == ["Margin Games"]


def test_sdk_vendors_are_third_parties_never_the_suggested_recipient():
    text = ("Acme Apps Ltd publishes this app. We share data with Google LLC and AppLovin Corporation.\n"
            "Google LLC may use it for ads.")
    contacts = extract_contacts(text)
    roles = {c.value: c.role for c in contacts if c.kind == "organisation"}
    assert roles["Google LLC"] == "third-party" and roles["AppLovin Corporation"] == "third-party"
    assert suggest_recipient(contacts).organisation.value == "Acme Apps Ltd"


def test_nothing_to_find_gives_an_empty_suggestion():
    suggestion = suggest_recipient(extract_contacts("We value your privacy. Cookies are small files."))
    assert suggestion.is_empty()


def test_contacts_from_a_document_show_the_segmented_clause():
    from fineprint.letters.contacts import contacts_from_document

    text = "Contact. If you have questions, e-mail privacy@globex.example. We answer fast."
    doc = Document(text=text, source="p.txt", language="en", kind="privacy-policy")
    email = next(c for c in contacts_from_document(doc) if c.kind == "email")
    assert "privacy@globex.example" in email.clause and "We answer fast" not in email.clause


def _benchmark():
    spec = importlib.util.spec_from_file_location("bench_contacts", ROOT / "benchmarks" / "bench_contacts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_accuracy_on_real_policies_gdpr_t200(shared):
    """Gate on the held-out half of gdpr_t200 (the rules were written looking at the other half only).
    Floors sit a little under the measured numbers in docs/letters.md, so a regression fails."""
    bench = _benchmark()
    files = sorted((shared / "datasets" / "gdpr_t200").glob("*.json"))
    if not files:
        pytest.skip("gdpr_t200 not present")
    result = bench.score(files[len(files) // 2:])
    email = result["email"]
    assert email["precision"] >= 0.90 and email["recall"] >= 0.93, email
    contacts = result["contacts (email+web+phone+address)"]
    assert contacts["precision"] >= 0.82 and contacts["recall"] >= 0.65, contacts
    assert result["address"]["recall"] >= 0.55, result["address"]
    assert result["organisation"]["precision"] >= 0.78 and result["organisation"]["recall"] >= 0.42
