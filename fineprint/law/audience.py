"""Which readers a document says it is written for, read from its own words: a suggestion of ``--country``.

Without ``--country`` a report explains the findings for a consumer in France. A document written for readers in the
United Kingdom or the United States says so itself: it names the law of those readers ("UK GDPR", "the CCPA"), their
regulator ("the Information Commissioner's Office") or the readers themselves ("California residents", "if you live
in the UK"). ``suggest`` turns that into one line of the report ("Written for: readers in the United States …
`--country US-CA` explains the findings under their law"), a suggestion, never a change of the reader.

What counts, and what does not (measured on Open Terms Archive's 797 English and French documents, session 43;
``benchmarks/audience_on_corpora.py``):

- the readers' own law and regulator, and the readers named by where they live, outside a negation ("not available
  to residents of …"): these decide;
- a data-protection authority of an EU country (the DPC, the Autoriteit Persoonsgegevens, the AEPD, the CNIL …) is
  the *company's* authority, where it is established (Booking.com's AP, Volotea's AEPD in its French policy, C&A's
  Land commissioner): it says the document serves EEA readers, never which country they live in;
- the currency of prices is left out: Ryanair's French conditions of carriage quote 41 prices in pounds, Proton's
  Swiss terms quote dollars;
- the governing law is left out: it is the company's law (``governing.py`` already shows it), not the reader's.

A document for EEA readers (and for them only) suggests nothing: the default reader is one of them. A document that
serves several regions ("If you live in the EEA … If you live in the US …") is said to, with the ``--country`` of each
region fineprint has a law profile for. Silent unless a region is named for its readers: a wrong suggestion is worse
than none.

    suggest("California residents may request … under the CCPA.", "en")
    # {"country": "US-CA", "label": "readers in the United States", "why": 'it speaks of "California residents" and
    #  the CCPA'}
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Groups of readers: the EEA (the default reader's), the United Kingdom, the United States, and regions fineprint has
# no law profile for (they make a document "several regions", never a suggestion).
EEA, GB, US = "EEA", "GB", "US"
_GROUP_NAMES = {  # (English, French with its article)
    EEA: ("the EEA", "l'EEE"), GB: ("the United Kingdom", "le Royaume-Uni"), US: ("the United States", "les États-Unis"),
    "CA": ("Canada", "le Canada"), "AU": ("Australia", "l'Australie"), "BR": ("Brazil", "le Brésil"),
    "CH": ("Switzerland", "la Suisse"), "JP": ("Japan", "le Japon"), "KR": ("South Korea", "la Corée du Sud"),
    "ZA": ("South Africa", "l'Afrique du Sud"), "IN": ("India", "l'Inde"), "SG": ("Singapore", "Singapour"),
    "other": ("other countries", "d'autres pays"),
}
# Readers a document sets apart from others ("if you live in the UK", "US users", "except for US users", "users
# outside the EEA"): the document serves readers elsewhere too. A US state's residents ("California residents") are not
# set apart from the world but from other Americans: a US document.
OTHER = "other"
_READERS = {  # "readers in …"
    GB: ("readers in the United Kingdom", "des lecteurs au Royaume-Uni"),
    US: ("readers in the United States", "des lecteurs aux États-Unis"),
}

# The law and the regulators of a region's readers: (pattern, group or US state, English name, French name).
# "GDPR" not after "UK" (the UK GDPR is the UK's), "ICO" only as the regulator (an "ICO" is also a coin offering).
_NAMED = [
    (r"\bUK\s+GDPR\b|\bUnited\s+Kingdom\s+General\s+Data\s+Protection\s+Regulation", GB, "the UK GDPR", "le UK GDPR"),
    (r"\bData\s+Protection\s+Act\s+2018\b", GB, "the Data Protection Act 2018", "le Data Protection Act 2018"),
    (r"\bConsumer\s+Rights\s+Act\s+2015\b", GB, "the Consumer Rights Act 2015", "le Consumer Rights Act 2015"),
    (r"\bInformation\s+Commissioner(?:['’]?s)?(?:\s+Office)?\b|\(ICO\)|\bthe\s+ICO\b|\bl['’]ICO\b", GB, "the ICO", "l'ICO"),
    (r"\bCCPA\b|\bCalifornia\s+Consumer\s+Privacy\s+Act\b", "US-CA", "the CCPA", "le CCPA"),
    (r"\bCPRA\b|\bCalifornia\s+Privacy\s+Rights\s+Act\b", "US-CA", "the CPRA", "le CPRA"),
    (r"\bShine\s+the\s+Light\b", "US-CA", "California's Shine the Light law", "la loi californienne Shine the Light"),
    (r"\bCal(?:ifornia|\.)\s+Civ(?:il|\.)\s+Code\b", "US-CA", "the California Civil Code", "le Code civil de Californie"),
    (r"\b(?:Virginia|Colorado|Connecticut|Utah|Texas|Oregon|Montana|Iowa|Delaware|Tennessee|Indiana|New\s+Jersey|"
     r"Nevada)\s+(?:Consumer\s+)?(?:Data\s+)?(?:Privacy|Protection)\s+Act\b", "US-other", "a US state's privacy act",
     "une loi de protection des données d'un État américain"),
    (r"(?<!UK\s)(?<!UK\s\s)\bGDPR\b|\bRGPD\b|(?<!Kingdom\s)\bGeneral\s+Data\s+Protection\s+Regulation\b|"
     r"\bRèglement\s+général\s+sur\s+la\s+protection\s+des\s+données\b", EEA, "the GDPR", "le RGPD"),
    (r"\bEuropean\s+(?:data\s+protection\s+)?(?:law|requirements|regulations?)\b|\bEU\s+data\s+protection\s+law",
     EEA, "European data-protection law", "le droit européen de la protection des données"),
    # the EEA named at all ("transfers outside the EEA", "the EU-U.S. Data Privacy Framework"): a document with EEA
    # readers among others (Waze's, Wargaming's policies name US states and Europe, no GDPR)
    (r"\bEEA\b|\bEuropean\s+Economic\s+Area\b|\bEuropean\s+Union\b|\bEU\b|\bEEE\b|\bUnion\s+européenne\b|"
     r"\bUE\b|\bEspace\s+économique\s+européen\b", EEA, "the EEA", "l'EEE"),
    # the company's authority, where it is established: the EEA, never the reader's own country (module docstring)
    (r"\bCNIL\b|\bData\s+Protection\s+Commission\b|\bAutoriteit\s+Persoonsgegevens\b|\bAEPD\b|"
     r"\bGarante\s+per\s+la\s+protezione\b|\bDatenschutzbehörde\b|\bBfDI\b|\bLandesbeauftragte\b|"
     r"\bGegevensbeschermingsautoriteit\b", EEA, "an EU data-protection authority",
     "une autorité de protection des données de l'UE"),
    (r"\bPIPEDA\b|\bPrivacy\s+Commissioner\s+of\s+Canada\b", "CA", "PIPEDA", "la PIPEDA"),
    (r"\bLGPD\b|\bLei\s+Geral\s+de\s+Proteção\b", "BR", "the LGPD", "la LGPD"),
    (r"\bAustralian\s+Privacy\s+Principles\b|\bOAIC\b|\bPrivacy\s+Act\s+1988\b", "AU", "the Australian Privacy Act",
     "le Privacy Act australien"),
    (r"\bPOPIA\b", "ZA", "POPIA", "la POPIA"),
    (r"\bAPPI\b", "JP", "the APPI", "l'APPI"),
]
_NAMED_RX = [(re.compile(p), where, en, fr) for p, where, en, fr in _NAMED]

# Places a document names its readers by, as the group (or US state) they fall in.
_PLACES_EN = {
    "united kingdom": GB, "uk": GB, "u.k.": GB, "great britain": GB, "britain": GB, "england": GB,
    "eea": EEA, "european economic area": EEA, "eu": EEA, "e.u.": EEA, "european union": EEA, "europe": EEA,
    "united states": US, "us": US, "u.s.": US, "usa": US, "u.s.a.": US, "america": US,
    "california": "US-CA", "new york": "US-NY", "nevada": "US-NV", "virginia": "US-VA", "colorado": "US-CO",
    "connecticut": "US-CT", "utah": "US-UT", "texas": "US-TX", "oregon": "US-OR", "washington": "US-WA",
    "illinois": "US-IL", "vermont": "US-VT", "florida": "US-FL", "massachusetts": "US-MA", "new jersey": "US-NJ",
    "canada": "CA", "quebec": "CA", "québec": "CA", "australia": "AU", "brazil": "BR", "switzerland": "CH",
    "japan": "JP", "south korea": "KR", "korea": "KR", "south africa": "ZA", "india": "IN", "singapore": "SG",
}
_PLACES_FR = {
    "royaume-uni": GB, "union européenne": EEA, "ue": EEA, "espace économique européen": EEA, "eee": EEA,
    "europe": EEA, "états-unis": US, "etats-unis": US, "californie": "US-CA", "canada": "CA", "québec": "CA",
    "suisse": "CH", "brésil": "BR", "australie": "AU", "japon": "JP",
}
_ALT_EN = "|".join(sorted((re.escape(p) for p in _PLACES_EN), key=len, reverse=True))
_ALT_FR = "|".join(sorted((re.escape(p) for p in _PLACES_FR), key=len, reverse=True))
_PEOPLE = r"(?:residents?|users?|customers?|consumers?|members?|individuals?|persons?|people|citizens?|subscribers?)"
_RESIDENCE = [
    # "if you live in the UK", "if you are located in the EEA" ("if you are a California resident": the next one)
    re.compile(rf"\b(?:if|where|when|while)\s+you\s+(?:currently\s+)?(?:live|reside|are\s+(?:a\s+)?(?:resident|"
               rf"located|based|domiciled|living|residing)|are\s+an?\s+(?:consumer|user|customer)(?:\s+located)?)"
               rf"\s+(?:in|of|within)\s+(?:the\s+)?(?:state\s+of\s+)?(?P<place>{_ALT_EN})(?![\w-])", re.IGNORECASE),
    # "residents of California", "users in the EEA"
    re.compile(rf"\b{_PEOPLE}\s+(?:of|in|located\s+in|residing\s+in|based\s+in|living\s+in|from|within)\s+(?:the\s+)?"
               rf"(?:state\s+of\s+)?(?P<place>{_ALT_EN})(?![\w-])", re.IGNORECASE),
    # "California residents", "UK users", "EEA users" (not the "California Consumer Privacy Act")
    re.compile(rf"\b(?P<place>{_ALT_EN})\s+{_PEOPLE}\b(?!\s+(?:Privacy|Protection|Data|Act)\b)", re.IGNORECASE),
    # "if you live outside the United States", "users outside the EEA": readers elsewhere (OTHER)
    re.compile(rf"\b(?:{_PEOPLE}|you\s+(?:live|reside|are\s+(?:located|based)))\s+outside\s+(?:of\s+)?(?:the\s+)?"
               rf"(?P<place>{_ALT_EN})(?![\w-])", re.IGNORECASE),
    # « si vous résidez au Royaume-Uni », « les clients résidant en Suisse », « résidents de l'Union européenne »
    re.compile(rf"(?:\bsi\s+vous\s+(?:résidez|habitez|vivez|êtes\s+(?:situé|domicilié|établi|résident)e?s?)|"
               rf"\b(?:clients?|utilisateurs?|consommateurs?|résidents?|personnes|membres?)\s+(?:résidant|domicilié|"
               rf"situé|établi|habitant|vivant)?e?s?)\s*(?:en|au|aux|dans\s+l['’]|de\s+l['’]|du|des|de|à)\s*"
               rf"(?:la\s+|le\s+|l['’])?(?P<place>{_ALT_FR})(?![\w-])", re.IGNORECASE),
]
# words just before a mention that turn it around: "not available to residents of the EEA", « hors de l'UE »
_NEGATION = re.compile(r"\b(?:not|no|never|nor|except|excluding|other\s+than|outside(?:\s+of)?|unless|non|hors|sauf|"
                       r"ne|n['’]\w+|pas)\b[^.;:]*$", re.IGNORECASE)
_BEFORE = 60  # characters read before a mention for a negation
_OUTSIDE = 3  # the index in _RESIDENCE of "users outside the EEA"
_ACRONYMS = {"us", "uk", "eu", "eea", "ue", "eee", "usa"}


# A region counts when the document names it in two different ways ("UK GDPR" and "the ICO"; the CCPA and
# "California residents") or three times: one mention is a passing remark ("For UK users, find more information …" in
# Google Drive's acceptable-use policy; "Users in the United States … will also receive Suggestions" in Firefox's
# policy) or the company's own regulator (Canonical names the ICO, as an Irish company names the DPC).
MIN_KINDS = 2
MIN_MENTIONS = 3
MAX_NAMED = 5  # regions a line names; more read as "… and other countries"


@dataclass(frozen=True, slots=True)
class Region:
    """How a document names one region's readers: mentions, the different kinds of them (a law, a regulator, the
    readers by where they live), the US states among them, and the words to show (first seen first)."""

    mentions: int
    kinds: frozenset[str]
    states: tuple[tuple[str, int], ...]  # ("US-CA", 4): the US states named, with their mentions
    words: tuple[tuple[str, str], ...]  # (English, French) evidence

    @property
    def clear(self) -> bool:
        return len(self.kinds) >= MIN_KINDS or self.mentions >= MIN_MENTIONS


def read_audience(text: str) -> dict[str, Region]:
    """Every region (EEA, GB, US, CA …) whose readers, law or regulator ``text`` names, most mentioned first."""
    found: dict[str, dict] = {}

    def add(where: str, kind: str, en: str, fr: str) -> None:
        group = US if where.startswith("US") else where
        entry = found.setdefault(group, {"mentions": 0, "kinds": set(), "states": {}, "words": []})
        entry["mentions"] += 1
        entry["kinds"].add(kind)
        if where.startswith("US-"):
            entry["states"][where] = entry["states"].get(where, 0) + 1
        if en and (en, fr) not in entry["words"]:
            entry["words"].append((en, fr))

    for rx, where, en, fr in _NAMED_RX:
        for _ in rx.finditer(text):
            add(where, en, en, fr)
    for i, rx in enumerate(_RESIDENCE):
        places = _PLACES_FR if i == len(_RESIDENCE) - 1 else _PLACES_EN
        for m in rx.finditer(text):
            if m.group("place").lower() in _ACRONYMS and not m.group("place").isupper():
                continue  # "contact us users" names no place
            where = places[m.group("place").lower()]
            if i == _OUTSIDE or _NEGATION.search(text[max(0, m.start() - _BEFORE):m.start()]):
                # "except for US users", "not available to residents of …", "users outside the EEA"
                add(OTHER, "residence", "", "")
                continue
            words = " ".join(m.group(0).split())
            if len(words) > 48:
                words = words[-48:].split(" ", 1)[-1]
            add(where, "residence", f'"{words}"', f"« {words} »")
            if not where.startswith("US-"):
                add(OTHER, "set apart", "", "")  # a country's readers set apart from the others
    regions = {g: Region(e["mentions"], frozenset(e["kinds"]), tuple(e["states"].items()), tuple(e["words"]))
               for g, e in found.items()}
    return dict(sorted(regions.items(), key=lambda item: -item[1].mentions))


def _country(group: str, region: Region) -> str | None:
    """The --country for a region fineprint has a law profile for (None for another): GB; for the United States,
    the one state with its own layer (US-CA, US-NY) when it is the only state named and most of the mentions."""
    if group == GB:
        return "GB"
    if group != US:
        return None
    states = dict(region.states)
    if len(states) == 1:
        state, n = next(iter(states.items()))
        if state in ("US-CA", "US-NY") and 2 * n >= region.mentions:
            return state
    return "US"


def _join(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" et " if lang == "fr" else " and ") + items[-1]


def _why(words: list[tuple[str, str]], lang: str) -> str:
    """"it speaks of the CCPA and "California residents"": the laws and regulators first, then the document's words
    for its readers (one phrase, in ordinary case when the document also writes it so)."""
    named = [w for w in words if not w[0].startswith('"')]
    quoted = [w for w in words if w[0].startswith('"')]
    distinct: dict[str, tuple[str, str]] = {}
    for w in sorted(quoted, key=lambda w: w[0].isupper()):  # "California residents" before "CALIFORNIA RESIDENTS"
        distinct.setdefault(w[0].lower().rstrip('s"'), w)
    quoted = list(distinct.values())[:max(1, 3 - len(named))]
    shown = [fr if lang == "fr" else en for en, fr in (named[:3 - len(quoted)] + quoted)]
    return f"il mentionne {_join(shown, lang)}" if lang == "fr" else f"it speaks of {_join(shown, lang)}"


def _law_elsewhere(text: str, group: str) -> bool:
    """Whether the document chooses the law of a place outside ``group``: a company's own law says little of its
    readers, but a company that chooses another country's law is not one that writes for that group's readers alone
    (Waze's policy names US state laws; Wargaming's, under the law of Cyprus, a section for US residents)."""
    from .governing import chosen_law

    chosen = chosen_law(text)
    return chosen is not None and chosen.country != group


def suggest(text: str, lang: str = "en", language: str = "en") -> dict | None:
    """The readers ``text`` (a document in ``language``) is written for, as a report in ``lang`` shows them when no
    ``--country`` was given: ``{"country": "GB", "label": "readers in the United Kingdom", "why": "it speaks of the UK
    GDPR and the ICO"}``. For a document that serves several regions ``country`` is None and ``options`` lists the
    ``--country`` of those fineprint has a law profile for.

    None unless the UK's or the US's readers are named clearly (``Region.clear``); None for a document that names only
    the EEA's readers (the default reader's) or only regions fineprint has no law for. One country is suggested only
    when the document names no other region at all, and never for a French document: a French text is written for
    readers who read French, whatever law an English section of it names (Pornhub's French policy keeps its CCPA
    notice in English)."""
    regions = read_audience(text)
    if not any(r.clear and _country(g, r) for g, r in regions.items()):
        return None  # only the EEA (the default reader is there), regions fineprint has no law for, or a remark
    if len(regions) == 1:
        (group, region), = regions.items()
        if language == "fr" or _law_elsewhere(text, group):
            return None
        en, fr = _READERS[group]
        return {"country": _country(group, region), "label": fr if lang == "fr" else en,
                "why": _why(list(region.words), lang)}
    groups = [g for g in regions if g != OTHER] + ([OTHER] if OTHER in regions else [])
    names = [_GROUP_NAMES.get(g, (g, g))[1 if lang == "fr" else 0] for g in groups]
    if len(names) > MAX_NAMED:
        names = names[:MAX_NAMED - 1] + [_GROUP_NAMES[OTHER][1 if lang == "fr" else 0]]
    # one law or phrase for each region, a law first ("the UK GDPR" says more than "If you live in the UK")
    words = [next((w for w in regions[g].words if not w[0].startswith('"')), regions[g].words[0])
             for g in groups if regions[g].words][:3]
    shown = _join([fr if lang == "fr" else en for en, fr in words], lang)
    label = (f"des lecteurs de plusieurs régions : {_join(names, lang)}" if lang == "fr"
             else f"readers in several regions: {_join(names, lang)}")
    options = [c for g in groups if (c := _country(g, regions[g]))]
    why = f"il mentionne {shown}" if lang == "fr" else f"it speaks of {shown}"
    return {"country": None, "label": label, "why": why, "options": options}


__all__ = ["MIN_KINDS", "MIN_MENTIONS", "Region", "read_audience", "suggest"]
