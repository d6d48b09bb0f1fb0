"""Where the reader lives, and so which law a report explains.

A finding flags what a document says wherever its reader lives; what protects the reader does not. fineprint
explains each finding under the law of one *region*:

- ``fr``: a consumer in France: EU law and French law (the default, and the law data's own text);
- ``eu``: a consumer in another EU or EEA country: EU law only; references to French acts are dropped and the
  sentences that hold only in France are replaced (``data/regions/eu.yaml``);
- ``uk``: a consumer in the United Kingdom: UK GDPR, the Consumer Rights Act 2015, PECR, the ICO
  (``data/regions/uk.yaml``);
- ``us``: a consumer in the United States: federal law, California's CCPA and the other state laws that exist, and
  what US law does not give (``data/regions/us*.yaml``).

``--country`` takes an ISO 3166 code (``DE``, ``GB``, ``US``, ``US-CA``) or ``EU``; another country is a usage
error that names the ones fineprint knows (exit 2), never a silent fallback to another country's law.

    region_for("de")   -> "eu"
    region_for("GB")   -> "uk"
    region_for(None)   -> "fr"
    reader("DE", "fr") -> Reader(country="DE", region="eu", label="un consommateur en Allemagne")
"""
from __future__ import annotations

from dataclasses import dataclass

REGIONS = ("fr", "eu", "uk", "us")
DEFAULT_REGION = "fr"

# ISO 3166-1 alpha-2 codes of the EU and EEA member states (Greece also as EL, the EU's own code), with their names
# as a report says "a consumer in Germany" / « un consommateur en Allemagne ».
_EU_EEA = {
    "AT": ("Austria", "en Autriche"), "BE": ("Belgium", "en Belgique"), "BG": ("Bulgaria", "en Bulgarie"),
    "HR": ("Croatia", "en Croatie"), "CY": ("Cyprus", "à Chypre"), "CZ": ("Czechia", "en Tchéquie"),
    "DK": ("Denmark", "au Danemark"), "EE": ("Estonia", "en Estonie"), "FI": ("Finland", "en Finlande"),
    "DE": ("Germany", "en Allemagne"), "GR": ("Greece", "en Grèce"), "EL": ("Greece", "en Grèce"),
    "HU": ("Hungary", "en Hongrie"), "IE": ("Ireland", "en Irlande"), "IT": ("Italy", "en Italie"),
    "LV": ("Latvia", "en Lettonie"), "LT": ("Lithuania", "en Lituanie"), "LU": ("Luxembourg", "au Luxembourg"),
    "MT": ("Malta", "à Malte"), "NL": ("the Netherlands", "aux Pays-Bas"), "PL": ("Poland", "en Pologne"),
    "PT": ("Portugal", "au Portugal"), "RO": ("Romania", "en Roumanie"), "SK": ("Slovakia", "en Slovaquie"),
    "SI": ("Slovenia", "en Slovénie"), "ES": ("Spain", "en Espagne"), "SE": ("Sweden", "en Suède"),
    "IS": ("Iceland", "en Islande"), "LI": ("Liechtenstein", "au Liechtenstein"), "NO": ("Norway", "en Norvège"),
}
_OTHERS = {
    "FR": ("fr", "France", "en France"),
    "EU": ("eu", "the European Union", "dans l'Union européenne"),
    "GB": ("uk", "the United Kingdom", "au Royaume-Uni"), "UK": ("uk", "the United Kingdom", "au Royaume-Uni"),
    "US": ("us", "the United States", "aux États-Unis"),
}
# French overseas departments and regions have their own ISO codes and French law
_FRENCH = {"GP": "en Guadeloupe", "MQ": "en Martinique", "GF": "en Guyane", "RE": "à La Réunion", "YT": "à Mayotte"}


@dataclass(frozen=True, slots=True)
class Reader:
    """Who a report is written for: the country given (``None``: not given), the law region it falls in, and the
    words a report uses for that reader ("a consumer in Germany")."""

    country: str | None
    region: str
    label: str

    def as_dict(self) -> dict:
        return {"country": self.country, "region": self.region, "label": self.label}


def _key(country: str) -> str:
    code = country.strip().upper().replace("_", "-")
    # "US-CA" (a US state) reads as the United States; the state's own law is named in the text where it matters
    return code.split("-")[0] if code.startswith("US-") else code


def known(country: str) -> bool:
    key = _key(country)
    return key in _EU_EEA or key in _OTHERS or key in _FRENCH


def region_for(country: str | None) -> str:
    """The law region of a reader in ``country`` (an ISO 3166 code, any case); the default region when None."""
    if not country:
        return DEFAULT_REGION
    key = _key(country)
    if key in _OTHERS:
        return _OTHERS[key][0]
    if key in _FRENCH:
        return "fr"
    if key in _EU_EEA:
        return "eu"
    from ..errors import UsageError

    raise UsageError(f"no law profile for country {country!r}; fineprint explains the law of France (FR), the other "
                     "EU and EEA countries (DE, ES, IT, ... or EU), the United Kingdom (GB) and the United States (US)")


def reader(country: str | None, lang: str) -> Reader:
    """The reader of a report in ``lang`` who lives in ``country`` (None: the default, a consumer in France)."""
    region = region_for(country)
    key = _key(country) if country else "FR"
    if key in _EU_EEA:
        en, fr = _EU_EEA[key]
    elif key in _FRENCH:
        en, fr = _FRENCH[key].split(" ", 1)[1].replace("La ", ""), _FRENCH[key]
    else:
        _, en, fr = _OTHERS[key]
    label = f"un consommateur {fr}" if lang == "fr" else f"a consumer in {en}"
    if country and country.strip().upper().replace("_", "-") == "US-CA" and lang == "fr":
        label = "un consommateur en Californie"
    elif country and country.strip().upper().replace("_", "-") == "US-CA":
        label = "a consumer in California"
    return Reader(country=country.strip().upper() if country else None, region=region, label=label)


__all__ = ["REGIONS", "DEFAULT_REGION", "Reader", "known", "reader", "region_for"]
