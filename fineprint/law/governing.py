"""The law a document says governs it, beside the law of the reader it is explained for.

A UK reader of Deliveroo Ireland's terms was told "you keep the protection of the consumer law of the part of the UK
where you live" (session 41): that holds only if the company sells to people in the UK or directs its service there
(Rome I art. 6; CRA 2015 s. 74). When the document chooses the law of a place outside the reader's region, the report
says so in one warning, so that the reader knows which law the explanations assume and which one the company chose.

    chosen_law("These Terms are governed by the laws of the State of Delaware.")  # Chosen("US", "Delaware")
    note(text, reader, "en")  # "this document says it is governed by the law of the State of Delaware …" or None

Read from the text only: the first sentence that says "governed by the laws of X", "governed by English law", « régies
par le droit français » and the like. A document that chooses "the law of your country of residence" chooses none.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .regions import Reader, region_for

# place -> ISO code (lower case, without accents); US states and Canadian provinces map to their country
_US_STATES = (
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois "
    "indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri "
    "montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington "
    "wisconsin wyoming").split() + ["new hampshire", "new jersey", "new mexico", "new york", "north carolina",
                                    "north dakota", "rhode island", "south carolina", "south dakota", "west virginia",
                                    "district of columbia"]
_PLACES = {
    **{s: "US" for s in _US_STATES}, "united states": "US", "united states of america": "US", "usa": "US",
    "u.s.": "US", "u.s.a.": "US", "england": "GB", "england and wales": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "united kingdom": "GB", "the uk": "GB", "ireland": "IE", "republic of ireland": "IE",
    "france": "FR", "germany": "DE", "federal republic of germany": "DE", "the netherlands": "NL", "netherlands": "NL",
    "belgium": "BE", "luxembourg": "LU", "grand duchy of luxembourg": "LU", "spain": "ES", "italy": "IT",
    "portugal": "PT", "austria": "AT", "sweden": "SE", "denmark": "DK", "finland": "FI", "norway": "NO",
    "poland": "PL", "czech republic": "CZ", "greece": "GR", "cyprus": "CY", "malta": "MT", "estonia": "EE",
    "switzerland": "CH", "singapore": "SG", "japan": "JP", "canada": "CA", "ontario": "CA", "british columbia": "CA",
    "alberta": "CA", "quebec": "CA", "australia": "AU", "new south wales": "AU", "hong kong": "HK", "china": "CN",
    "israel": "IL", "india": "IN", "brazil": "BR", "cayman islands": "KY", "british virgin islands": "VG",
    "south korea": "KR", "republic of korea": "KR", "korea": "KR", "united arab emirates": "AE", "morocco": "MA",
    "tunisia": "TN",
}
# "English law", « droit français »
_ADJECTIVES = {
    "english": "GB", "scottish": "GB", "british": "GB", "irish": "IE", "french": "FR", "german": "DE", "dutch": "NL",
    "belgian": "BE", "luxembourg": "LU", "spanish": "ES", "italian": "IT", "portuguese": "PT", "austrian": "AT",
    "swedish": "SE", "danish": "DK", "finnish": "FI", "norwegian": "NO", "polish": "PL", "swiss": "CH",
    "japanese": "JP", "californian": "US", "california": "US", "delaware": "US", "new york": "US", "texas": "US",
    "american": "US", "singapore": "SG", "canadian": "CA",
    "francais": "FR", "anglais": "GB", "irlandais": "IE", "allemand": "DE", "neerlandais": "NL", "belge": "BE",
    "luxembourgeois": "LU", "espagnol": "ES", "italien": "IT", "portugais": "PT", "autrichien": "AT",
    "suedois": "SE", "danois": "DK", "finlandais": "FI", "suisse": "CH", "americain": "US", "marocain": "MA",
    "tunisien": "TN", "japonais": "JP", "canadien": "CA",
}
# the names a warning uses: ISO code -> (English, French "le droit …")
_NAMES = {
    "US": ("a US state", "d'un État des États-Unis"), "GB": ("the United Kingdom", "du Royaume-Uni"),
    "IE": ("Ireland", "irlandais"), "FR": ("France", "français"), "DE": ("Germany", "allemand"),
    "NL": ("the Netherlands", "néerlandais"), "BE": ("Belgium", "belge"), "LU": ("Luxembourg", "luxembourgeois"),
    "ES": ("Spain", "espagnol"), "IT": ("Italy", "italien"), "PT": ("Portugal", "portugais"),
    "AT": ("Austria", "autrichien"), "SE": ("Sweden", "suédois"), "DK": ("Denmark", "danois"),
    "FI": ("Finland", "finlandais"), "NO": ("Norway", "norvégien"), "CH": ("Switzerland", "suisse"),
    "SG": ("Singapore", "de Singapour"), "JP": ("Japan", "japonais"), "CA": ("Canada", "canadien"),
    "AU": ("Australia", "australien"), "HK": ("Hong Kong", "de Hong Kong"), "CN": ("China", "chinois"),
    "MA": ("Morocco", "marocain"), "TN": ("Tunisia", "tunisien"),
}

_EN = re.compile(
    r"\b(?:governed\s+by|construed\s+(?:in\s+accordance\s+with|under)|subject\s+to)\s+(?:and\s+construed\s+in\s+"
    r"accordance\s+with\s+)?(?:the\s+)?(?:substantive\s+)?laws?\s+of\s+(?:the\s+)?(?:state\s+of\s+|province\s+of\s+|"
    r"commonwealth\s+of\s+)?(?P<place>[a-z][a-z .'-]{1,40}?)(?=\s*(?:[,.;:()]|$)|\s+(?:and|without|excluding|applicable"
    r"|except|as|in|to|that|which|shall|will|including|regardless|notwithstanding|other)\b)"
    r"|\bgoverned\s+by\s+(?P<adj>[a-z]+(?:\s+york)?)\s+law\b", re.IGNORECASE)
_FR = re.compile(
    r"\b(?:regi(?:e|es|s)?|soumis(?:es?)?|interpretee?s?)\s+(?:exclusivement\s+)?(?:par|a|au|aux|de)\s+(?:la\s+|le\s+)?"
    r"(?:droit|loi|lois|legislation)\s+(?P<adj>[a-z]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Chosen:
    country: str  # ISO code
    words: str  # as the document writes the place


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# a choice made only for some readers ("If you reside in the United States, these terms are governed by the laws of
# the State of New York"; « pour les clients résidant en Belgique »): the law then depends on where the reader lives
_CONDITIONAL = re.compile(
    r"\b(?:if|where|when|for)\s+(?:you|users?|customers?|consumers?|members?|residents?)\b[^.;]{0,60}?\b(?:reside|resident|"
    r"live|located|based|are\s+(?:in|from|a\s+consumer)|outside|within)\b|\b(?:residents?|users?|customers?)\s+(?:of|in|"
    r"located\s+in|outside)\s+(?:the\s+)?[a-z]|\b(?:si\s+vous|pour\s+les\s+(?:clients?|utilisateurs?|consommateurs?))\b"
    r"[^.;]{0,60}?\b(?:residez|resid\w*|domicili\w*|situe\w*|habitez)\b|\byour\s+country\s+of\s+residence\b",
    re.IGNORECASE)


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min([i for i in (text.find(".", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return text[lo:hi]


def chosen_law(text: str) -> Chosen | None:
    """The place whose law the document says governs it (its first such sentence made for every reader), or None;
    None too when the document chooses a law only for some readers (by where they live)."""
    plain = _plain(text)
    for m in [*_EN.finditer(plain), *_FR.finditer(plain)]:
        if _CONDITIONAL.search(_sentence(plain, m.start(), m.end())):
            return None  # the law depends on where the reader lives: nothing to warn about in general
    for m in _EN.finditer(plain):
        if m.group("adj"):
            code = _ADJECTIVES.get(m.group("adj").lower())
            if code:
                return Chosen(code, m.group("adj"))
            continue
        place = " ".join(m.group("place").lower().split()).rstrip(" .")
        place = re.sub(r"^the\s+", "", place)
        if place in _PLACES:
            return Chosen(_PLACES[place], m.group("place").strip())
        first = " ".join(place.split()[:3])
        for size in (3, 2, 1):
            key = " ".join(first.split()[:size])
            if key in _PLACES:
                return Chosen(_PLACES[key], key)
    for m in _FR.finditer(plain):
        adj = m.group("adj").lower()
        # « française », « belges »: the masculine singular form
        code = next((_ADJECTIVES[a] for a in (adj, adj.rstrip("s"), adj.rstrip("s")[:-1] if adj.rstrip("s").endswith("e")
                                              else "") if a in _ADJECTIVES), None)
        if code:
            return Chosen(code, m.group("adj"))
    return None


def _group(region: str) -> str:
    return "eu" if region in ("fr", "eu") else region


def note(text: str, reader: Reader, lang: str) -> str | None:
    """One warning when the document chooses the law of a place outside the reader's region (France and the other
    EU countries are one region here: EU consumer law is common to them); None otherwise."""
    chosen = chosen_law(text)
    if chosen is None:
        return None
    try:
        region = region_for(chosen.country)
    except Exception:  # noqa: BLE001 - a country fineprint has no law profile for (Switzerland, Singapore…)
        region = "other"
    if _group(region) == _group(reader.region):
        return None
    en, fr = _NAMES.get(chosen.country, (chosen.words, chosen.words))
    if chosen.country == "US" and chosen.words.lower() in _US_STATES:  # "the State of Delaware", not "a US state"
        state = chosen.words.title()
        en, fr = f"the State of {state} (United States)", f"de l'État de {state} (États-Unis)"
    if lang == "fr":
        return (f"ce document se dit régi par le droit {fr} ; les protections des consommateurs de votre pays "
                f"continuent en général de s'appliquer si l'entreprise vend aux personnes qui y vivent ou y dirige son "
                f"activité")
    return (f"this document says it is governed by the law of {en}; your own country's consumer protections usually "
            f"still hold if the company sells to people where you live or directs its service there")


# US state postal codes, for a reader given as "US-CA"
_STATE_CODES = dict(zip(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV OH OK OR PA TN TX UT VT VA WA "
    "WI WY NH NJ NM NY NC ND RI SC SD WV DC".split(), _US_STATES))
_FRENCH_OVERSEAS = {"GP", "MQ", "GF", "RE", "YT"}

OWN_LAW_REASON = {"en": "the law it chooses is the law of where you live",
                  "fr": "le droit choisi est celui du pays où vous vivez"}


def own_law(clause: str, country: str | None) -> bool:
    """Whether the law a choice-of-law clause names is the reader's own (``country`` as --country gives it; None: the
    default reader, in France): « soumises au droit français » for a reader in France, "the laws of the State of
    California" for one given as US-CA. Such a clause takes nothing away from the reader (TAXONOMY: "imposes a law other
    than the consumer's"): it stays a finding, by the labelling convention, but not a medium one (session 41's
    California reader found Lyft's California clause flagged at full weight)."""
    chosen = chosen_law(clause)
    if chosen is None:
        return False
    code = (country or "FR").strip().upper().replace("_", "-")
    if code in _FRENCH_OVERSEAS:
        code = "FR"
    if code == "UK":
        code = "GB"
    if code.startswith("US-"):
        state = _STATE_CODES.get(code[3:])
        return chosen.country == "US" and state is not None and chosen.words.strip().lower() == state
    return chosen.country == code and code != "US"  # a US reader: "US law" names no state's own


# cities and counties that forum clauses name, with their country (US: "US-" and the state)
_SEATS = {
    "paris": "FR", "nanterre": "FR", "lyon": "FR", "marseille": "FR", "bordeaux": "FR", "lille": "FR", "toulouse": "FR",
    "nantes": "FR", "strasbourg": "FR", "rennes": "FR", "montpellier": "FR", "versailles": "FR",
    "london": "GB", "dublin": "IE", "berlin": "DE", "munich": "DE", "munchen": "DE", "hamburg": "DE", "amsterdam": "NL",
    "brussels": "BE", "bruxelles": "BE", "madrid": "ES", "barcelona": "ES", "milan": "IT", "milano": "IT", "rome": "IT",
    "roma": "IT", "vienna": "AT", "wien": "AT", "san francisco": "US-CA", "santa clara": "US-CA", "san mateo": "US-CA",
    "los angeles": "US-CA", "san diego": "US-CA", "alameda": "US-CA", "new york county": "US-NY", "manhattan": "US-NY",
}
_COURT = re.compile(r"\b(?:courts?|tribunal|tribunaux|juridictions?|jurisdiction|venue)\b", re.IGNORECASE)

OWN_COURTS_REASON = {"en": "the courts it names are in the country where you live",
                     "fr": "les tribunaux désignés sont dans le pays où vous vivez"}

# what the reader reads instead of the general explanation (and, for the law, the advice) when the clause chooses their
# own law or courts: the general text ("the choice of a law cannot deprive you of …") answered a question they do not
# have
OWN_TEXT = {
    "law": {"why": {"en": "This clause chooses the law of the country where you live. That takes nothing away from you: "
                          "your own consumer law applies anyway. It is listed because a choice of law is one of the "
                          "terms consumer law watches.",
                    "fr": "Cette clause choisit le droit du pays où vous vivez. Elle ne vous retire rien : votre propre "
                          "droit de la consommation s'applique de toute façon. Elle figure ici parce que le choix de la "
                          "loi fait partie des clauses que le droit de la consommation surveille."},
            "advice": {"en": "Nothing to do about this clause.", "fr": "Rien à faire au sujet de cette clause."}},
    "courts": {"why": {"en": "The courts this clause names are in the country where you live: it does not send you to "
                             "another country's courts. If they are far from your home, check whether your consumer "
                             "law lets you go to the court where you live.",
                       "fr": "Les tribunaux désignés par cette clause sont dans le pays où vous vivez : elle ne vous "
                             "envoie pas devant les tribunaux d'un autre pays. S'ils sont loin de chez vous, vérifiez si "
                             "votre droit de la consommation vous permet de saisir le tribunal de votre domicile."}},
}


def _places(clause: str) -> set[str]:
    """Every place a forum clause names, as ISO codes ("US-CA" for a Californian city or county, "US" for another
    US state, which forum clauses name as "the State of Delaware")."""
    plain = _plain(clause).lower()
    found: set[str] = set()
    for name, code in _SEATS.items():
        if re.search(rf"\b{re.escape(name)}\b", plain):
            found.add(code)
    for name, code in _PLACES.items():
        if re.search(rf"\b{re.escape(name)}\b", plain):
            state = next((c for c, n in _STATE_CODES.items() if n == name), None) if code == "US" else None
            found.add(f"US-{state}" if state else code)
    for adj, code in _ADJECTIVES.items():
        if code != "US" and re.search(rf"\b(?:tribunaux|juridictions|courts)\s+{adj}s?\b|\b{adj}\s+courts\b", plain):
            found.add(code)
    return found


def own_courts(clause: str, country: str | None) -> bool:
    """Whether every court a forum clause names lies where the reader lives (``country`` as --country gives it;
    None: in France): « compétence exclusive des tribunaux de Paris » for a reader in France, "the state or federal
    courts located in San Francisco County, California" for one given as US-CA. TAXONOMY flags "a court far from the
    consumer": a court of the reader's own country (or US state) keeps the finding, at a low severity (session 41's
    California reader found a San Francisco forum flagged at full weight)."""
    if not _COURT.search(clause):
        return False
    code = (country or "FR").strip().upper().replace("_", "-")
    code = "FR" if code in _FRENCH_OVERSEAS else "GB" if code == "UK" else code
    places = _places(clause)
    if not places or code == "US" or code == "EU":
        return False
    return places == {code}


__all__ = ["OWN_COURTS_REASON", "OWN_LAW_REASON", "OWN_TEXT", "Chosen", "chosen_law", "note", "own_courts", "own_law"]
