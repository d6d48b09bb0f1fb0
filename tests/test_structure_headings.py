"""Headings of plain text and Markdown: address lines, two-question titles, records of a flattened table and
sentence-case titles standing alone (bold lines lose their ``**`` before structure is read)."""
from __future__ import annotations

import pytest

from fineprint.ingest.structure import plain_text_blocks
from fineprint.model import Document
from fineprint.segment import segment_clauses


def headings(text: str) -> list[str]:
    return [text[b.start:b.end] for b in plain_text_blocks(text, markdown=True) if b.kind == "heading"]


def under(text: str, language: str = "en") -> dict[str, tuple[str, ...]]:
    doc = Document(text=text, source="t", language=language, blocks=plain_text_blocks(text, markdown=True))
    return {c.text: c.headings for c in segment_clauses(doc)}


# 1. Lines of a postal address are never headings ---------------------------------------------------------------------

ADDRESS_EN = """# Privacy Notice

## 12. Who is the controller for processing your data?

You may contact us for privacy concerns as follows:

*   **Acme Corporation**

    11835 W Olympic Blvd

    Suite 350E

    Los Angeles, CA 90064

    **Attention:** Legal Department

*   Data Protection Representative in the EU according to article 27 GDPR:

    Example Datenschutz UG (haftungsbeschränkt)

    Schellingstr. 109a

    80798 Munich

    Germany

*   Representative in the United Kingdom:

    Example UK Ltd.

    3rd Floor, 120 Baker Street

    London, England, W1U6TU

You can also contact these parties for privacy concerns.
"""

ADDRESS_FR = """# Politique de confidentialité

## 9. Qui est responsable du traitement ?

Vous pouvez écrire à :

Exemple SAS

Service Clients

32 rue Blanche

75009 Paris

France

Nous vous répondrons dans un délai d'un mois.
"""


@pytest.mark.parametrize("text, heading", [
    (ADDRESS_EN, "12. Who is the controller for processing your data?"),
    (ADDRESS_FR, "9. Qui est responsable du traitement ?"),
], ids=["en", "fr"])
def test_address_lines_are_not_headings(text, heading):
    assert headings(text)[1:] == [heading]
    paths = under(text)
    last = [t for t in paths if t.startswith(("You can also", "Nous vous répondrons"))][0]
    assert paths[last][-1] == heading  # the text after the address stays under the section's heading


def test_a_title_standing_alone_near_an_address_is_still_a_heading():
    text = ("Contact us\n\nIf you have questions, you can write to our privacy team at the address below.\n\n"
            "Acme Inc.\n\n123 Main Street\n\nSpringfield, IL 62701\n\nUnited States\n\n"
            "Changes to this policy\n\nWe will tell you about any change to this policy by e-mail.\n")
    assert headings(text) == ["Contact us", "Changes to this policy"]


# 2. A heading made of two questions ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Dans quels buts sont utilisées les données collectées et traitées ? Sur quels fondements ?",
    "What data do we collect? Why do we collect it?",
])
def test_a_heading_made_of_two_questions(line):
    text = f"Intro\n\nLe tableau ci-dessus liste les données.\n\n{line}\n\n" \
           "Vos données sont traitées pour plusieurs finalités.\n"
    assert line in headings(text)
    assert under(text, "fr")["Vos données sont traitées pour plusieurs finalités."][-1] == line


# 3. Records of a flattened table -------------------------------------------------------------------------------------

def _schedule(records: list[tuple[str, str, str]], first: str, provider: str, law: str) -> str:
    parts = ["Country Schedule", "The Criteo entity that provides the Service depends on the audience selected."]
    for i, (country, entity, governing) in enumerate(records):
        parts.append(f"{first} {country}" if i == 2 else f"{first}: {country}")  # the third record lost its colon
        parts += [f"{provider}: {entity}", f"{law}: {governing}"]
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("first, provider, law", [
    ("Advertising campaigns running in", "The Service shall be provided by", "Law governing the Agreement shall be"),
    ("Campagnes diffusées en", "Le Service est fourni par", "Loi applicable au Contrat"),
], ids=["en", "fr"])
def test_a_record_row_without_its_colon_is_not_a_heading(first, provider, law):
    records = [("Japan", "Criteo K.K.", "Japanese law"), ("Singapore", "Criteo Singapore", "Singaporean law"),
               ("Korea", "Criteo Korea", "Korean law"), ("Germany", "Criteo GmbH", "German law")]
    text = _schedule(records, first, provider, law)
    assert headings(text) == ["Country Schedule"]
    assert under(text)[f"{law}: German law"] == ("Country Schedule",)  # not under Korea's row


def test_a_heading_that_only_shares_words_with_a_row_stays_a_heading():
    rows = "\n\n".join(f"Email address: a{i}@example.com\n\nPostal address: {i} Main Street" for i in range(4))
    text = f"Contacts\n\n{rows}\n\nEmail preferences and newsletters\n\n" \
           "You can change your e-mail preferences at any time in your account settings.\n"
    assert "Email preferences and newsletters" in headings(text)


# 4. Sentence-case titles standing alone above their text (bold in the Markdown source) ------------------------------

@pytest.mark.parametrize("title", [
    "Other state-specific privacy rights",
    "“Selling,” “sharing,” or “targeted advertising”",
    "EU, UK and Swiss data subject rights",
    "Vos droits sur vos données personnelles",
    "Transferts de données hors de l’Union européenne",
])
def test_a_sentence_case_title_standing_alone_is_a_heading(title):
    text = f"Intro\n\nSome text before the title ends here.\n\n{title}\n\n" \
           "Under California law, residents can ask us to stop sharing their personal data with third parties.\n"
    assert title in headings(text)


@pytest.mark.parametrize("line", [
    "LeCab n’enregistre pas vos données bancaires",  # a statement, not a title
    "Learn more about video inventory restrictions",  # a link
    "Mise à jour le 30/10/2024",  # a date
    "CIVI (Commission d’Indemnisation des Victimes) 700 € TTC",  # a price row
    "We collect your name and address",  # a pronoun opens a clause
    "Vous pouvez retirer votre consentement",  # an obligation or a power
])
def test_a_sentence_standing_alone_is_not_a_sentence_case_title(line):
    text = f"Intro\n\nSome text before the line ends here.\n\n{line}\n\n" \
           "Under California law, residents can ask us to stop sharing their personal data with third parties.\n"
    assert line not in headings(text)


def test_short_lines_of_an_unmarked_list_are_not_headings():
    text = ("We collect the following information:\n\nName and postal address details\n\n"
            "Payment card and billing information\n\nDevice identifiers and IP address\n\n"
            "We use this information to provide the service and to prevent fraud on our platform.\n")
    assert headings(text) == []


def test_an_address_is_no_clause_for_rights_or_unfair_terms(tmp_path):
    """Address lines are no longer headings, so they reach the detectors: "3 N Maple Avenue … New Jersey 07450 USA"
    was read as a transfer outside the EU (session 39); the country of an address is where a company sits."""
    import fineprint
    from fineprint.ingest.structure import reads_as_address

    assert reads_as_address("3 N Maple Avenue Suite #1 Ridgewood, New Jersey 07450 USA")
    assert reads_as_address("Microsoft Corporation One Microsoft Way Redmond, WA 98052-6399 ÉTATS-UNIS")
    assert not reads_as_address("We transfer your data to our offices at 3 N Maple Avenue, Ridgewood, New Jersey "
                                "07450 USA.")
    assert not reads_as_address("Les données sont hébergées par OVH, 2 rue Kellermann, 59100 Roubaix, France.")
    path = tmp_path / "policy.md"
    path.write_text("# Privacy Policy\n\n## Contact\n\nInfolinks Media, LLC\n\n3 N Maple Avenue Suite #1\n\n"
                    "Ridgewood, New Jersey 07450 USA\n\nWe transfer your personal data to the United States.\n",
                    encoding="utf-8")
    transfers = [f for f in fineprint.audit(str(path)).findings if f.id == "rights.third-country-transfer"]
    assert [f.text for f in transfers] == ["We transfer your personal data to the United States."]
