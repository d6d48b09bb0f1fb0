"""Postal addresses: what a street line, a postcode beside a city and a country look like in the policies fineprint
reads (English, French, German, Spanish, Italian, Dutch and a few other forms), and what only looks like one.

Shared by the structure reader (``fineprint.ingest.structure``: address lines are never headings, an address-only
clause carries no finding) and the letters (``fineprint.letters.contacts``: the controller's postal address). Each keeps
its own higher-level logic (the structure's address blocks, the contacts' trimming and multi-line assembly); the
knowledge of what an address line is lives here. Pure regular expressions; imports nothing from fineprint.

    is_street_line("Schützenstraße 5")            # True: a street word then a number
    street("at 20-22 Wenlock Road, London")       # the Match of the street, for where an address starts
    find_postcode("Los Angeles, CA 90064")        # Postcode(code='CA 90064', form='us', ...)
    postcode_city("80798 München, Germany")       # Postcode(code='80798', city='München', country='Germany')
    is_country("Royaume-Uni")                     # True
    is_address_line("3rd Floor, 120 Baker Street")  # a street or a postcode beside a place, not a date
    reads_as_address("Acme Ltd, 1 Main Street, Springfield, IL 62701, USA")  # an address and nothing else

A ``Postcode`` is ``self_evident`` when its form alone says it is one (US state + ZIP, UK, Canadian, Irish, Dutch
"1012 AB", a country prefix "D-80798", CEDEX, or a country named right after it); a bare "1050 Brussels" or
"Singapore 139953" is a postcode only beside other address lines, which the caller judges (the structure asks for a
street above it or a country below it).

The two modules disagreed on some forms before this one; the more correct side was kept:
- The words between a number and an English street type must be capitalised ("11835 W Olympic Blvd"), as the
  structure had it: the letters' any-case form took "12.1.1 Our Site may place …" and "9.3.3 Changes in the main
  objects …" for addresses. A number that ends a section number ("12.1.1") never starts a street.
- Street types are the union of both lists: the letters lacked Ln, Dr, Pl, Ct, Pkwy, Hwy, Sq ("54 Coppergate Ln",
  "5000 Laguna Woods Dr."), the structure lacked wharf, building/tower/centre/house and the Indian forms (nagar,
  marg, colony, layout, "5th Main", "2nd Cross"); "Main" and "Cross" count only after an ordinal or before a comma
  or a number ("14, 1 Cross 4F"), not in "3 Main Reasons".
- A street word before its number: both compound (Schützenstraße 5, Keizersgracht 555, Vesterbrogade 1) and separate
  ("Adi-Dassler Str. 1") forms, Italian, Spanish and Portuguese ones (Via Zanica 17/O, Calle de Alcalá, 48, Rua
  Augusta 100) that the structure lacked; "Via" must be capitalised (English "via" is a preposition).
- P.O. boxes: (G)P.O. Box, Post Office Box, Postfach, Postbus, Apartado, Casella postale, Case postale, BP, CS, TSA,
  a Swedish "Box 53049" and CEDEX (the structure lacked CS and TSA, the letters lacked Postfach and case postale).
- Suites and floors: "Suite 350" anywhere (the structure only read it at the start of a line), unit/apt/flat/building
  at the start of a line or after a comma (the letters took "unit 5" anywhere), "12/F" (Hong Kong).
- Postcodes: "City, ST 12345" and a bare "CA 94105" need a real US state (the letters took any two capitals).
  "Paris 75008", "Noida 201301" (the structure missed them) need five or six digits, or four that are no year with a
  country after them or alone on their line ("Nicosia 1061, Cyprus", "Nicosia 1080"): the letters took "Penal Code
  Act, 2012" and "Updated September 2022". "75008 Paris" must stand at the start of a line or after a comma and end
  at a comma, the end or a country ("1000 Partners work with us" was one to the letters). A 4-digit year, 1800 to
  2099 ("2018 Amendments", "Saison 1865"), is a postcode only with a country or CEDEX beside it. New forms: Swedish
  "111 22", Polish "00-950", Portuguese "1000-001", Japanese "102-8282".
- Dates, legal and registration references ("May 25, 2018", "Section 12", "Code 75008", "ISO 27001", "HRB 234500",
  "© 1991-1996 Thomas G. Lane") cancel a postcode or a street that overlaps them, in both modules (only the letters
  guarded against them, on the whole line, for postcodes only).
- Countries: one list, English, French and native names ("États-Unis", "Deutschland", "India"); "US" must be upper
  case, since "contact us" ends with "us".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Postcode", "street", "is_street_line", "find_postcode", "postcode_city", "is_country",
           "ends_with_country", "not_an_address", "is_address_line", "reads_as_address", "STREET_WORDS"]

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_CAP = rf"[{_UP}][\w'’.-]*"  # a capitalised word ("Olympic", "Saint-Denis", "O'Connell")
_CAP_OR_NUMBER = rf"[{_UP}0-9][\w'’.-]*"  # "W", "5th", "Olympic"
_CONNECTOR = (r"(?:of|the|de|du|des|la|le|les|del|della|delle|dei|degli|di|da|do|dos|das|el|los|las|y|e|i|van|von|"
              r"der|den|am|an|im|sur|sous|en|[dl]['’])")

# English street types, after a number and a capitalised name: "120 Baker Street", "11835 W Olympic Blvd".
STREET_TYPES_EN = ("street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|parkway|"
                   "pkwy|highway|hwy|freeway|expressway|square|sq|terrace|plaza|circle|crescent|quay|row|wharf|close|"
                   "mews|gardens|yard|park|building|tower|centre|center|house|nagar|marg|colony|layout|sector|district")
# Street words written before the name, after the number (French, and Spanish/Catalan as the structure read them):
# "32 rue Blanche", "57, BOULEVARD DE MONTMORENCY", "8 bis, avenue de l'Opéra".
STREET_TYPES_BEFORE_NAME = ("rue|avenue|av\\.|boulevard|bd|bld|allée|allee|chemin|quai|impasse|faubourg|fbg|cours|"
                            "route|square|passage|esplanade|parvis|place|pl\\.|rond-point|calle|carrer|paseo")
# Street words before the name, the number after it (Italian, Spanish, Catalan, Portuguese): "Via Roma 12".
STREET_TYPES_NUMBER_AFTER = ("viale|piazza|piazzale|corso|largo|vicolo|strada|calle|c/|avenida|avda\\.?|paseo|passeig|"
                             "plaza|carrer|carretera|camino|ronda|rambla|avinguda|rua|travessa|praça|praca")
# Suffixes of one-word street names, the number after them (German, Dutch, Danish, Swedish, Norwegian):
# "Schützenstraße 5", "Schellingstr. 109a", "Keizersgracht 555", "Vesterbrogade 1", "Drottninggatan 5".
STREET_SUFFIXES = ("straße|strasse|str\\.|weg|platz|gasse|allee|damm|ufer|chaussee|steig|stieg|laan|straat|gracht|"
                   "plein|kade|singel|dijk|gade|vej|väg|vägen|gatan|gata|veien")
_SEPARATE_STREET_WORD = ("Straße|Strasse|Str\\.|Weg|Platz|Gasse|Allee|Damm|Ufer|Laan|Straat|Gracht|Plein|Kade|Singel|"
                         "Dijk|Gade|Vej|tn|mnt|pst")  # "Adi-Dassler Str. 1", "Lange Straße 5", "Lõõtsa tn 5-11"
# Every street word in lower case, for the test of what an address-only clause may say (``reads_as_address``).
STREET_WORDS = frozenset(
    w.replace("\\", "").rstrip(".?") for group in (STREET_TYPES_EN, STREET_TYPES_BEFORE_NAME, STREET_TYPES_NUMBER_AFTER)
    for w in group.split("|")) | {"via", "straße", "strasse", "suite", "floor", "unit", "box", "étage", "bureau",
                                  "cedex", "postfach", "postale", "postbus", "apartado", "casella"}

# "Via Phone 1-800 …", "Via Email": English "via" opens a sentence with a capital
_NOT_A_STREET_NAME = (r"(?i:e-?mail|phone|telephone|tel|post|mail|fax|web|website|internet|our|the|your|sms|text|"
                      r"chat|app)")
# a house number: "120", "20-22", "1-16-9"; not the end of a section number ("12.1.1")
_NUMBER = r"(?<![\w.,/:-])\d{1,5}[A-Za-z]?(?:\s?[-–/]\s?\d{1,5}[A-Za-z]?){0,2}"
_HOUSE_NUMBER = r"(?:n[°º.o]\s*|nº\s*|no\.?\s*)?\d{1,5}[A-Za-z]?(?:\s?[-–/]\s?[\dA-Za-z]{1,5})?\b"
_STREET = re.compile(
    # number, one to four capitalised words (connectors allowed after the first), an English street type
    rf"{_NUMBER},?\s+{_CAP_OR_NUMBER}(?:\s+(?:{_CAP_OR_NUMBER}|{_CONNECTOR})){{0,3}}?\s+"
    rf"(?i:{STREET_TYPES_EN})\b\.?(?=$|[\s,;)])"
    # number, then a street word written before the name: "32 rue Blanche", "57, BOULEVARD DE MONTMORENCY"
    rf"|{_NUMBER}(?:\s?(?i:bis|ter))?,?\s+(?i:{STREET_TYPES_BEFORE_NAME})\s+(?:(?i:{_CONNECTOR})\s|[dl]['’]|[{_UP}0-9])"
    # street word, a name, then the number: "Via Zanica 17/O", "Calle de Alcalá, 48", "Rua Augusta 100"
    rf"|(?:\b(?:Via|VIA|Viale|VIALE)|\b(?i:{STREET_TYPES_NUMBER_AFTER}))\s+(?!{_NOT_A_STREET_NAME}\b)"
    rf"(?:{_CONNECTOR}\s+)*{_CAP}(?:\s+(?:{_CAP}|{_CONNECTOR})){{0,4}},?\s+{_HOUSE_NUMBER}(?![-–/.]?\d)"
    # one-word names with a street suffix, or a separate street word, then the number: "Schützenstraße 5"
    rf"|\b[{_UP}][\w'’-]*(?i:{STREET_SUFFIXES})\s*,?\s*\d{{1,5}}[A-Za-z]?\b"
    rf"|\b(?:[{_UP}][\w'’-]*\s)?(?:{_SEPARATE_STREET_WORD})\s*,?\s*\d{{1,5}}[A-Za-z]?\b"
    # "5th Main", "2nd Cross" (Bangalore)
    r"|\b\d{1,3}(?:st|nd|rd|th)\s+(?:Main|MAIN|Cross|CROSS)\b|\b\d{1,3}\s+(?:Main|Cross)(?=\s*(?:$|,|\d))"
    # post boxes: "P.O. Box 123", "Postfach 10 12 34", "BP 45", "CS 70004", "TSA 20001", "75334 Paris CEDEX 07"
    r"|\b(?i:(?:g\.?)?p\.?\s?o\.?\s?box|post\s+office\s+box|postfach|postbus|apartado(?:\s+de\s+correos)?|"
    r"casella\s+postale|"    r"case\s+postale|bo[iî]te\s+postale)\s*(?:n[°º.o]\s*)?\d"
    r"|(?:^|,\s*)Box\s+\d{1,6}\b"  # Swedish "Box 53049"
    r"|\bB\.?P\.?\s?\d{1,5}\b|\b(?:CS|C\.S\.|TSA)\s?\d{4,5}\b|\b(?i:cedex)\b"
    # suites, units and floors: "Suite 350E", "Unit 4", "3rd Floor", "2e étage", "12/F"
    r"|(?:\bSuite|\bSUITE|\bSte\.|(?:^|,\s*)(?i:suite|ste))\s*#?\s*\d{1,5}[A-Za-z]?\b"
    r"|(?:^|,\s*)(?i:unit|apt\.?|apartment|flat|bldg\.?|building|bureau|room|rm\.?|floor|fl\.)\s*#?\s*"
    r"\d{1,4}[A-Za-z]?\b"
    r"|\b\d{1,3}(?i:st|nd|rd|th|e|er|ère|ème|º|°)\s+(?i:floor|fl\.|étage|etage|piso|planta|piano)\b"
    r"|(?:^|,\s*)(?i:ground|first|second|third|fourth|fifth)\s+(?i:floor)\b"
    r"|\b(?:Ground|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+(?:Floor|FLOOR)\b"
    r"|\b\d{1,2}/F\b")

US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
             "ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI")
_BARE_STATES = US_STATES.replace("ID|", "")  # "User ID 12345": Idaho only after a comma ("Boise, ID 83702")
US_STATE_NAMES = ("Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District of Columbia|"
                  "Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
                  "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|"
                  "New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
                  "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
                  "West Virginia|Wisconsin|Wyoming|Puerto Rico")

COUNTRIES = frozenset(c.strip() for c in """
usa|u.s.a|us|u.s|united states|united states of america|uk|u.k|united kingdom|england|scotland|wales|northern ireland|
great britain|ireland|eire|france|germany|deutschland|austria|österreich|switzerland|schweiz|belgium|netherlands|
the netherlands|nederland|luxembourg|spain|españa|italy|italia|portugal|sweden|sverige|norway|norge|denmark|danmark|
finland|suomi|iceland|poland|polska|czech republic|czechia|slovakia|hungary|romania|bulgaria|greece|cyprus|malta|
estonia|latvia|lithuania|croatia|slovenia|liechtenstein|monaco|canada|mexico|méxico|brazil|brasil|argentina|chile|
colombia|peru|japan|china|p.r.c|people's republic of china|hong kong|taiwan|singapore|korea|south korea|
republic of korea|india|pakistan|bangladesh|sri lanka|nepal|vietnam|viet nam|indonesia|malaysia|philippines|thailand|
australia|new zealand|israel|turkey|türkiye|russia|ukraine|united arab emirates|uae|saudi arabia|qatar|egypt|nigeria|
kenya|ghana|south africa|morocco|tunisia|algeria|mongolia|états-unis|etats-unis|états-unis d'amérique|royaume-uni|
irlande|allemagne|autriche|suisse|belgique|pays-bas|espagne|italie|suède|norvège|danemark|finlande|islande|pologne|
république tchèque|hongrie|roumanie|grèce|chypre|malte|mexique|brésil|japon|chine|singapour|corée|corée du sud|inde|
australie|nouvelle-zélande|israël|turquie|russie|émirats arabes unis|maroc|tunisie|algérie|sénégal|côte d'ivoire|
vereinigte staaten|vereinigtes königreich|frankreich|spanien|italien|niederlande|belgien|schweden|estados unidos|
reino unido|francia|alemania|stati uniti|regno unito|germania|francia|verenigde staten|verenigd koninkrijk|
frankrijk|duitsland""".split("|"))
_SHOUTED_ONLY = {"us", "u.s"}  # "contact us": a country only written "US" / "U.S."
_COUNTRY_WORDS = "|".join(re.escape(c) for c in sorted(COUNTRIES - _SHOUTED_ONLY, key=len, reverse=True))
_COUNTRY_AHEAD = rf"(?:(?i:{_COUNTRY_WORDS})|U\.?S\.?A?\.?)\b"

# words that stand before a number without being a place ("TEXT STOP TO 46080", "Box 12345", "Code 12345")
_NOT_A_CITY = (r"(?i:to|at|in|on|by|of|the|and|or|for|from|per|de|du|le|la|les|et|ou|au|aux|à|par|pour|stop|text|sms|"
               r"box|code|no|nr|number|id|ref|version|page|room|suite|unit|floor|level|step|plan|tier)")
_CITY = rf"[{_UP}][\w'’.-]*(?:[\s-]+(?:[{_UP}][\w'’.-]*|{_CONNECTOR})){{0,3}}"
_CITY_END = rf"(?=[\s*_]*(?:$|[,;)(]|\s[-–]\s)|\s+{_COUNTRY_AHEAD})"
_POSTCODE = re.compile(
    # "Los Angeles, CA 90064", "Ridgewood, New Jersey 07450", "New York, NY 10011", a bare "CA 94105"
    rf"(?P<us>[{_UP}][\w.'’ -]*,\s*(?:{US_STATE_NAMES})\.?\s+\d{{5}}(?:-\d{{4}})?"
    rf"|[{_UP}][\w.'’ -]*,\s*(?:{US_STATES})\.?,?\s+\d{{5}}(?:-\d{{4}})?"
    rf"|\b(?:{_BARE_STATES})\.?,?\s+\d{{5}}(?:-\d{{4}})?)\b"
    r"|(?P<uk>\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)"  # UK: "SW1A 1AA", "W1U 6TU", "N1 7GU"
    r"|(?P<ca>\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b)"  # Canada: "M5V 2T6", "H2X 1Y4"
    r"|(?P<ie>\b[ACDEFHKNPRTVWXY]\d{2}\s?(?=[A-Z\d]{0,3}[A-Z])[A-Z\d]{4}\b|\bD6W\s?[A-Z\d]{4}\b)"  # Eircode "D02 X285"
    # postcode first, at the start of a line or a comma-separated part: "75008 Paris", "D-80798 München",
    # "1012 AB Amsterdam", "111 22 Stockholm", "00-950 Warszawa", "1000-001 Lisboa", "75334 PARIS CEDEX 07"
    rf"|(?:^|(?<=[,;(])|(?<=[,;(]\s)|(?<=\s[-–]\s))(?P<first>(?P<prefix>[A-Z]{{1,2}}[- ])?"
    rf"(?P<code>\d{{4,5}}(?:\s?[A-Z]{{2}}(?=\s))?|\d{{3}}\s\d{{2}}|\d{{2}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{3}}-\d{{4}})\s+"
    rf"(?P<city>{_CITY})(?P<cedex>\s+(?i:cedex)(?:\s+\d{{1,3}})?)?){_CITY_END}"
    # city first, five or six digits: "Paris 75008", "Noida 201301", "Singapore 139953", "Noida - 201301"
    rf"|(?P<after>\b(?!{_NOT_A_CITY}\b)[{_UP}][\w'’-]+(?:[\s-](?!{_NOT_A_CITY}\b)[{_UP}][\w'’-]+)?,?\s+(?:[-–]\s?)?"
    rf"\d{{4,6}})\b(?![-/.,]\d)")
_COUNTRY_NEXT = re.compile(rf"\s*[,(]?\s*(?P<country>{_COUNTRY_AHEAD})")

_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|fév|avr|mai|juin|juil|août|sept|déc|"
           r"januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
           r"septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
           r"dicembre)")
# Dates ("May 25, 2018", "25 May 2018", "1er janvier 2020", "01/07/2022") and legal or version references ("Section 12",
# "Article 6", "Civil Code Section 1798.83", "Code 75008", "2018 Amendments", "Version 2.0", "Effective 2020").
_NOT_ADDRESS = re.compile(
    rf"\b{_MONTHS}[a-zéû]*\.?,?\s+(?:\d{{1,2}}(?:st|nd|rd|th|er)?,?\s+)?(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?{_MONTHS}[a-zéû]*\.?,?\s+(?:de\s+)?(?:19|20)\d\d\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b"
    r"|\b(?:act|order|law|code|regulation|ordinance|decree)s?,\s*(?:19|20)\d\d\b"  # "Penal Code Act, 2012"
    r"|(?:\b(?:sections?|articles?|art\.|chapters?|clauses?|code|act|law|loi|rules?|regulations?|règlement|directive|"
    r"decree|décret|order|ordinance|version|v\.|effective|updated|revised|amended|edition|copyright|number|"
    r"ticket|invoice|reference|ref\.|siret|siren|rcs|vat|tva|capital|tel|tél|phone|fax|account|case|registration|"
    r"registered|licen[cs]e|reg\.|cnil|orias|company\s+(?:no\.?|number|reg\w*)|iso|iec|soc|rfc|nist|hr[ab]|cvr|kvk|btw|"
    r"org\.?\s?nr\.?|(?<!,)(?<!,\s)id)|§|©)\s*:?\s*(?:\(eu\)\s*)?"
    r"(?:no\.?\s*)?\d"
    r"|\b(?:19|20)\d\d\s+(?:amendments?|act|edition|update|version|report|annual|rules?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Postcode:
    """A postcode found in a line, with the place beside it. ``start``/``end``: the span of the whole form in the
    line ("Los Angeles, CA 90064", "80798 München"); ``form``: us, uk, ca, ie, code-city or city-code."""

    code: str
    city: str
    country: str
    form: str
    start: int
    end: int
    self_evident: bool  # the form alone says it is a postcode (see the module docstring)


_DIGIT = re.compile(r"\d")


def street(line: str) -> re.Match | None:
    """The first street-line anchor in ``line`` (number + street word, street word + number, a post box, CEDEX, a
    suite or a floor), or None."""
    if not _DIGIT.search(line) and "cedex" not in line.lower() and "floor" not in line.lower():
        return None  # every other form has a number: most lines of a policy are answered here
    guards = None
    for m in _STREET.finditer(line):
        if guards is None:
            guards = [g.span() for g in _NOT_ADDRESS.finditer(line)]
        if not any(a < m.end() and m.start() < b for a, b in guards):
            return m  # not "Copyright © 1991-1996 Thomas G. Lane"
    return None


def is_street_line(line: str) -> bool:
    """Whether ``line`` holds a street, a post box, CEDEX, a suite or a floor ("11835 W Olympic Blvd",
    "Schützenstraße 5", "BP 45", "Suite 350E"); dates and section numbers do not ("May 25, 2018", "12.1.1 Our Site")."""
    return street(line) is not None


def not_an_address(line: str) -> bool:
    """Whether ``line`` holds a date or a legal or version reference ("May 25, 2018", "Section 12",
    "2018 Amendments")."""
    return _NOT_ADDRESS.search(line) is not None


def is_country(text: str) -> bool:
    """Whether ``text`` is a country name and nothing else ("Germany", "Royaume-Uni", "U.S.A.", "US"; not "us")."""
    name = " ".join(text.strip(" .,;()").split())
    key = name.lower()
    if key in _SHOUTED_ONLY:
        return name.replace(".", "") == "US"
    return key in COUNTRIES


def ends_with_country(line: str) -> bool:
    """Whether ``line`` ends with a country name ("Ridgewood, New Jersey 07450 USA", "75008 Paris, France.");
    "US" only after a comma or a postcode ("contact US" does not)."""
    words = line.strip(" ,;.").split()[-5:]
    for k in range(len(words), 0, -1):
        tail = " ".join(words[-k:]).lstrip(",")
        if not is_country(tail):
            continue
        before = words[-k - 1] if k < len(words) else ""
        if tail.strip(".").replace(".", "") == "US" and before and not (before.endswith(",") or before[-1].isdigit()):
            continue
        return True
    return False


def _country_after(line: str, end: int) -> str:
    m = _COUNTRY_NEXT.match(line, end)
    return m.group("country") if m and is_country(m.group("country")) else ""


def _postcodes(line: str):
    if not _DIGIT.search(line):
        return
    guards = None
    for m in _POSTCODE.finditer(line):
        start, end = m.span()
        if guards is None:
            guards = [g.span() for g in _NOT_ADDRESS.finditer(line)]
        if any(a < end and start < b for a, b in guards):
            continue  # "Code 75008", "Version 12345": a reference, not a place
        country = _country_after(line, end)
        if m.group("us"):
            code = re.search(r"(?:[A-Z]{2}|[A-Za-z ]+)\.?,?\s+\d{5}(?:-\d{4})?$", m.group("us"))
            city = m.group("us").split(",")[0].strip() if "," in m.group("us") else ""
            value = (code.group(0) if code else m.group("us")).strip(" ,")
            yield Postcode(value, city, country, "us", start, end, True)
        elif m.group("uk") or m.group("ca") or m.group("ie"):
            form = "uk" if m.group("uk") else "ca" if m.group("ca") else "ie"
            yield Postcode(m.group(0), "", country, form, start, end, True)
        elif m.group("first"):
            code, city = m.group("code"), m.group("city").strip()
            words = city.split()
            for k in range(1, len(words)):  # "80798 München Germany": the city is München
                if is_country(" ".join(words[k:])):
                    city, country = " ".join(words[:k]), " ".join(words[k:])
                    break
            year = re.match(r"(?:1[89]|20)\d\d\b", code) is not None
            strong = bool(m.group("prefix") or m.group("cedex") or country or (re.search(r"[A-Z]$", code) and not year))
            if year and not strong:
                continue  # "2018 Amendments"
            yield Postcode(code, city, country, "code-city", start, end, strong)
        else:
            text = m.group("after")
            code = re.search(r"\d{4,6}$", text).group(0)
            alone = not line[:start].strip(" *_>-") and not line[end:].strip(" *_.,")  # the line is "Nicosia 1080"
            if len(code) == 4 and (re.fullmatch(r"(?:1[89]|20)\d\d", code) or not (country or alone)):
                continue  # "Windows 2000", "Office 2019": four digits after a name only with a country ("Nicosia 1061,
                # Cyprus") or alone on their line
            city = text[:len(text) - len(code)].strip(" ,-–")
            yield Postcode(code, city, country, "city-code", start, end, bool(country))


def find_postcode(line: str) -> Postcode | None:
    """The first postcode beside a place in ``line``: "Los Angeles, CA 90064", "SW1A 1AA", "M5V 2T6", "D02 X285",
    "75008 Paris", "1012 AB Amsterdam", "Noida 201301"; None for dates and references ("May 25, 2018", "Section 1798",
    "2018 Amendments") and for counts inside a sentence ("over 10000 Partners")."""
    return next(_postcodes(line), None)


def postcode_city(line: str) -> Postcode | None:
    """``line`` is a postcode and a city and nothing else, a country after them allowed: "80798 München",
    "75334 PARIS CEDEX 07", "1050 Brussels, Belgium", "Los Angeles, CA 90064", "London W1U 6TU"; else None."""
    line = line.strip(" ,;.")
    for pc in _postcodes(line):
        before, after = line[:pc.start].strip(" ,"), line[pc.end:].strip(" ,;.()")
        if pc.form in ("uk", "ca", "ie") and before and not re.fullmatch(_CITY, before):
            continue
        if pc.form in ("uk", "ca", "ie") and before:
            pc = Postcode(pc.code, before, pc.country, pc.form, 0, pc.end, True)
        elif before:
            continue
        if not after or is_country(after) or (pc.country and after == pc.country):
            return pc
    return None


def is_address_line(line: str) -> bool:
    """Whether ``line`` holds a street, a post box, a suite or floor, or a postcode beside a place (see
    ``is_street_line`` and ``find_postcode``)."""
    return is_street_line(line) or find_postcode(line) is not None


_PLAIN_WORD = re.compile(r"(?<![\w@./-])[a-zàâçéèêëîïôûùüÿœäöß][a-zàâçéèêëîïôûùüÿœäöß'’-]{2,}(?![\w@./-])")
_ADDRESS_WORDS = STREET_WORDS | frozenset("""attn attention care email e-mail phone tel tél fax courriel
and the of de du des la le les et""".split())


def reads_as_address(text: str) -> bool:
    """A clause that is a postal address and nothing else ("3 N Maple Avenue Suite #1 Ridgewood, New Jersey 07450
    USA", "Microsoft Corporation One Microsoft Way Redmond, WA 98052-6399 ÉTATS-UNIS"): a street, a post box or a
    postcode beside a place, and at most two ordinary lower-case words besides the street words ("We transfer your
    data to our offices at 3 N Maple Avenue …" is a sentence)."""
    line = " ".join(text.split())
    if len(line) > 240 or not is_address_line(line):
        return False
    return len([w for w in _PLAIN_WORD.findall(line) if w not in _ADDRESS_WORDS]) <= 2
