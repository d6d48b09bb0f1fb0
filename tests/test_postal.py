"""The shared postal-address knowledge (fineprint.postal): what reads as a street, a postcode beside a city and a
country in the policies fineprint reads, and what only looks like one. Used by the structure reader (address lines
are never headings) and the letters (the controller's postal address)."""
from __future__ import annotations

import pytest

from fineprint import postal
from fineprint.ingest.structure import plain_text_blocks
from fineprint.letters.contacts import extract_contacts


@pytest.mark.parametrize("line", [
    "11835 W Olympic Blvd",  # US
    "3rd Floor, 120 Baker Street",  # UK
    "54 Coppergate Ln",
    "5000 Laguna Woods Dr.",
    "20-22 Wenlock Road",
    "32 rue Blanche",  # France
    "57, BOULEVARD DE MONTMORENCY",
    "8 bis, avenue de l'Opéra",
    "Schützenstraße 5",  # Germany
    "Schellingstr. 109a",
    "Adi-Dassler Str. 1",
    "Rosenheimer Straße 145D",
    "Keizersgracht 555",  # Netherlands
    "Prins Bernhardplein 200",
    "Via Zanica 17/O",  # Italy
    "Calle de Alcalá, 48",  # Spain
    "Paseo de la Castellana 259",
    "Rua Augusta 100",  # Portugal
    "Vesterbrogade 1",  # Denmark
    "P.O. Box 1027",
    "GPO Box 5218",
    "Postfach 10 12 34",
    "BP 229",
    "CS 70004",
    "TSA 80715",
    "case postale 12",
    "75334 PARIS CEDEX 07",
    "Suite 350E",
    "12/F, Tower 2",
])
def test_street_lines_from_several_countries(line):
    assert postal.is_street_line(line)
    assert postal.is_address_line(line)


@pytest.mark.parametrize("line", [
    "May 25, 2018",
    "Effective 01 July 2022",
    "Section 12",
    "See California Civil Code Section 1798.83.",
    "2018 Amendments",
    "Penal Code Act, 2012",
    "Updated September 2022",
    "12.1.1 Our Site may place and access certain first party Cookies on your computer",
    "9.3.3 Changes in the main objects of user information sharing",
    "We keep your data for 30 days in a secure way.",
    "Via Phone 1-800-555-1234",
    "1000 Partners work with us",
    "Proctorio is SOC 2, ISO 27001 and ISO 27018 certified.",
    "IF YOU WISH TO OPT OUT, YOU MAY TEXT STOP TO 46080",
    "Copyright © 1991-1996 Thomas G. Lane.",
    "Windows 2000",
    "Saison 1865",
    "User ID 123456",
    "Contact us",
])
def test_dates_references_and_sentences_are_not_addresses(line):
    assert not postal.is_address_line(line)


@pytest.mark.parametrize("line, code, city, country", [
    ("Los Angeles, CA 90064", "CA 90064", "Los Angeles", ""),
    ("Ridgewood, New Jersey 07450 USA", "New Jersey 07450", "Ridgewood", "USA"),
    ("London W1U 6TU", "W1U 6TU", "London", ""),
    ("75008 Paris", "75008", "Paris", ""),
    ("80798 München, Germany", "80798", "München", "Germany"),
    ("1012 AB Amsterdam", "1012 AB", "Amsterdam", ""),
    ("D-80798 München", "80798", "München", ""),
    ("Dublin D02 X285", "D02 X285", "Dublin", ""),
    ("Toronto M5V 2T6", "M5V 2T6", "Toronto", ""),
    ("111 22 Stockholm", "111 22", "Stockholm", ""),
    ("Noida 201301", "201301", "Noida", ""),
    ("Nicosia 1061, Cyprus", "1061", "Nicosia", "Cyprus"),
])
def test_postcode_and_city(line, code, city, country):
    found = postal.postcode_city(line)
    assert (found.code, found.city, found.country) == (code, city, country)


def test_a_postcode_form_that_a_count_can_take_needs_its_neighbours():
    assert postal.find_postcode("Los Angeles, CA 90064").self_evident  # a US state and a ZIP
    assert postal.find_postcode("1012 AB Amsterdam").self_evident
    assert postal.find_postcode("80798 Munich, Germany").self_evident
    assert not postal.find_postcode("80798 Munich").self_evident  # a street above or a country below decides
    assert postal.find_postcode("over 10000 Partners in 2024") is None  # inside a sentence: a count


@pytest.mark.parametrize("text, expected", [
    ("Germany", True), ("Royaume-Uni", True), ("États-Unis", True), ("U.S.A.", True), ("US", True),
    ("us", False), ("Paris", False),
])
def test_countries(text, expected):
    assert postal.is_country(text) is expected


def test_a_line_ends_with_a_country_but_contact_us_does_not():
    assert postal.ends_with_country("Springfield, IL 62701, US")
    assert postal.ends_with_country("Redmond, WA 98052-6399 ÉTATS-UNIS")
    assert not postal.ends_with_country("CONTACT US")
    assert not postal.ends_with_country("Please contact us")


def test_an_address_only_clause_and_a_sentence_with_an_address():
    assert postal.reads_as_address("3 N Maple Avenue Suite #1 Ridgewood, New Jersey 07450 USA")
    assert postal.reads_as_address("Infolinks Media, LLC, 3 N Maple Avenue, Ridgewood, NJ 07450")
    assert postal.reads_as_address("Globex GmbH, Schützenstraße 5, 10117 Berlin, Deutschland")
    assert not postal.reads_as_address("We transfer your data to our offices at 3 N Maple Avenue, Ridgewood, "
                                       "New Jersey 07450 USA.")
    assert not postal.reads_as_address("2018 Amendments")


# The two users of the module ------------------------------------------------------------------------------------------

def _headings(text: str) -> list[str]:
    return [text[b.start:b.end] for b in plain_text_blocks(text, markdown=True) if b.kind == "heading"]


@pytest.mark.parametrize("block", [
    "Acme B.V.\n\nKeizersgracht 555\n\n1017 DR Amsterdam\n\nThe Netherlands",
    "Wire Swiss GmbH\n\nUntermuli 9\n\nCH-6399 Zug\n\nSwitzerland",
    "Allianz IARD SA\n\nService Défense pénale et recours\n\nTSA 71016\n\n92076 Paris La Défense Cedex",
    "Waze Mobile LTD.\n\n98 Yigal Alon street,\n\nTel Aviv, Israel",
])
def test_address_lines_of_several_countries_are_not_headings(block):
    text = f"# Privacy\n\nContact\n\nYou can write to us at the address below.\n\n{block}\n\n" \
           "Changes to this policy\n\nWe will tell you about any change to this policy by e-mail.\n"
    assert _headings(text) == ["Privacy", "Contact", "Changes to this policy"]


def test_a_title_after_an_email_line_below_an_address_stays_a_heading():
    text = ("# Privacy\n\nAttention: Data Protection Officer\n\n19505 Biscayne Boulevard, Suite 2350 Aventura,\n\n"
            "Florida 33180\n\nEmail: privacy@example.com\n\nUnited Kingdom\n\nExample UK Ltd.\n\n"
            "1 Main Street, London W1U 6TU\n")
    assert "United Kingdom" in _headings(text)


def test_contacts_take_the_address_and_not_the_sentence_around_it():
    text = ("The controller is Globex Europe GmbH, Schützenstraße 5, 10117 Berlin, Germany, which you can reach at "
            "any time.\nThis SERVICE is updated on May 25, 2018.\n"
            "Les données sont hébergées par OVH SAS (2 rue Kellermann, 59100 Roubaix, France) pour notre compte.")
    addresses = [c.value for c in extract_contacts(text) if c.kind == "address"]
    assert addresses == ["Globex Europe GmbH, Schützenstraße 5, 10117 Berlin, Germany",
                         "2 rue Kellermann, 59100 Roubaix, France"]


def test_contacts_join_a_block_and_stop_at_its_country():
    text = "Write to:\nAcme UK Ltd\n1 Blossom Yard, Fourth Floor\nLondon E1 6RS\nUnited Kingdom\nTransfers outside " \
           "the United Kingdom\n"
    addresses = [c.value for c in extract_contacts(text) if c.kind == "address"]
    assert addresses == ["1 Blossom Yard, Fourth Floor, London E1 6RS, United Kingdom"]
