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
# US states whose law fineprint adds to the US text (data/countries/US-CA.yaml, US-NY.yaml), as a report names them
_US_STATES = {"US-CA": ("California", "en Californie"), "US-NY": ("New York", "dans l'État de New York")}
# French overseas departments and regions have their own ISO codes and French law
_FRENCH = {"GP": "en Guadeloupe", "MQ": "en Martinique", "GF": "en Guyane", "RE": "à La Réunion", "YT": "à Mayotte"}


# The data-protection authority a reader complains to, by country (the members of the European Data Protection Board,
# https://www.edpb.europa.eu/about-edpb/about-edpb/members_en, and the UK's ICO): a report names it beside the reader
# ("the authority of your country" told a Belgian reader nothing, session 41). Germany has one authority per Land for
# companies: the federal commissioner's site lists them.
_AUTHORITIES = {
    "FR": ("CNIL", "https://www.cnil.fr/fr/plaintes"),
    "AT": ("Datenschutzbehörde", "https://www.dsb.gv.at"),
    "BE": ("Autorité de protection des données / Gegevensbeschermingsautoriteit",
           "https://www.autoriteprotectiondonnees.be"),
    "BG": ("Commission for Personal Data Protection", "https://www.cpdp.bg"),
    "HR": ("Agencija za zaštitu osobnih podataka (AZOP)", "https://azop.hr"),
    "CY": ("Commissioner for Personal Data Protection", "https://www.dataprotection.gov.cy"),
    "CZ": ("Úřad pro ochranu osobních údajů", "https://uoou.gov.cz"),
    "DK": ("Datatilsynet", "https://www.datatilsynet.dk"),
    "EE": ("Andmekaitse Inspektsioon", "https://www.aki.ee"),
    "FI": ("Tietosuojavaltuutetun toimisto", "https://tietosuoja.fi"),
    "DE": ("the data-protection authority of your Land (listed by the BfDI)", "https://www.bfdi.bund.de"),
    "GR": ("Hellenic Data Protection Authority", "https://www.dpa.gr"),
    "EL": ("Hellenic Data Protection Authority", "https://www.dpa.gr"),
    "HU": ("Nemzeti Adatvédelmi és Információszabadság Hatóság (NAIH)", "https://naih.hu"),
    "IE": ("Data Protection Commission", "https://www.dataprotection.ie"),
    "IT": ("Garante per la protezione dei dati personali", "https://www.garanteprivacy.it"),
    "LV": ("Datu valsts inspekcija", "https://www.dvi.gov.lv"),
    "LT": ("Valstybinė duomenų apsaugos inspekcija", "https://vdai.lrv.lt"),
    "LU": ("Commission nationale pour la protection des données (CNPD)", "https://cnpd.public.lu"),
    "MT": ("Information and Data Protection Commissioner", "https://idpc.org.mt"),
    "NL": ("Autoriteit Persoonsgegevens", "https://www.autoriteitpersoonsgegevens.nl"),
    "PL": ("Urząd Ochrony Danych Osobowych (UODO)", "https://uodo.gov.pl"),
    "PT": ("Comissão Nacional de Proteção de Dados (CNPD)", "https://www.cnpd.pt"),
    "RO": ("Autoritatea Naţională de Supraveghere a Prelucrării Datelor cu Caracter Personal",
           "https://www.dataprotection.ro"),
    "SK": ("Úrad na ochranu osobných údajov Slovenskej republiky", "https://dataprotection.gov.sk"),
    "SI": ("Informacijski pooblaščenec", "https://www.ip-rs.si"),
    "ES": ("Agencia Española de Protección de Datos (AEPD)", "https://www.aepd.es"),
    "SE": ("Integritetsskyddsmyndigheten (IMY)", "https://www.imy.se"),
    "IS": ("Persónuvernd", "https://www.personuvernd.is"),
    "LI": ("Datenschutzstelle", "https://www.datenschutzstelle.li"),
    "NO": ("Datatilsynet", "https://www.datatilsynet.no"),
    "GB": ("Information Commissioner's Office (ICO)", "https://ico.org.uk/make-a-complaint/"),
    "UK": ("Information Commissioner's Office (ICO)", "https://ico.org.uk/make-a-complaint/"),
    "EU": ("the data-protection authority of your country (the EDPB lists them)",
           "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en"),
}


# Where a consumer of that country gets help with a company (advice, a complaint, an out-of-court settlement), beside
# the data-protection authority: the readers of session 41 found no "who can help" for their own country. Each body
# as its own site names it; every EU and EEA reader also gets the European Consumer Centre of their country, for a
# company based in another EU country (most online services a reader uses).
_ECC = ("European Consumer Centre of your country (ECC-Net), for a company based in another EU country",
        "Centre européen des consommateurs de votre pays (réseau ECC-Net), pour une entreprise établie dans un autre "
        "pays de l'UE", "https://www.eccnet.eu")
_CONSUMER_HELP = {  # (English name, French name, URL)
    "FR": ("SignalConso (DGCCRF)", "SignalConso (DGCCRF)", "https://signal.conso.gouv.fr"),
    "BE": ("Service de médiation pour le consommateur / Consumentenombudsdienst",
           "Service de médiation pour le consommateur / Consumentenombudsdienst", "https://mediationconsommateur.be"),
    "DE": ("the Verbraucherzentrale of your Land", "la Verbraucherzentrale de votre Land",
           "https://www.verbraucherzentrale.de"),
    "AT": ("Verbraucherschlichtung Austria", "Verbraucherschlichtung Austria", "https://www.verbraucherschlichtung.at"),
    "NL": ("ConsuWijzer (ACM)", "ConsuWijzer (ACM)", "https://www.consuwijzer.nl"),
    "IE": ("Competition and Consumer Protection Commission (CCPC)",
           "Commission de la concurrence et de la protection des consommateurs (CCPC)", "https://www.ccpc.ie"),
    "PT": ("Direção-Geral do Consumidor (DGC)", "Direction générale du consommateur (Direção-Geral do Consumidor)",
           "https://www.consumidor.gov.pt"),
    "SE": ("Hallå konsument (Swedish Consumer Agency)", "Hallå konsument (Agence suédoise de la consommation)",
           "https://www.hallakonsument.se"),
    "PL": ("Office of Competition and Consumer Protection (UOKiK)",
           "Office de la concurrence et de la protection des consommateurs (UOKiK)",
           "https://prawakonsumenta.uokik.gov.pl/pomoc/"),
    "FI": ("Finnish Competition and Consumer Authority (KKV), consumer advice service",
           "Autorité finlandaise de la concurrence et de la consommation (KKV), service de conseil aux consommateurs",
           "https://www.kkv.fi"),
    "DK": ("Danish Consumer Ombudsman (Forbrugerombudsmanden)", "Médiateur danois des consommateurs "
           "(Forbrugerombudsmanden)", "https://forbrugerombudsmanden.dk"),
    "CZ": ("Czech Trade Inspection Authority (ČOI)", "Inspection tchèque du commerce (ČOI)", "https://www.coi.cz"),
    "SK": ("Slovak Trade Inspection (SOI)", "Inspection slovaque du commerce (SOI)", "https://www.soi.sk"),
    "RO": ("National Authority for Consumer Protection (ANPC)", "Autorité nationale pour la protection des "
           "consommateurs (ANPC)", "https://anpc.ro"),
    "HU": ("the conciliation body (békéltető testület) of your county", "l'organe de conciliation (békéltető "
           "testület) de votre comitat", "https://www.bekeltetes.hu"),
    "HR": ("State Inspectorate (Državni inspektorat)", "Inspection d'État (Državni inspektorat)",
           "https://dirh.gov.hr"),
    "GR": ("Consumer Ombudsman (Synigoros tou Katanaloti)", "Médiateur des consommateurs (Synigoros tou Katanaloti)",
           "https://www.synigoroskatanaloti.gr"),
    "CY": ("Consumer Protection Service (Ministry of Energy, Commerce and Industry)", "Service de protection des "
           "consommateurs (ministère de l'Énergie, du Commerce et de l'Industrie)", "https://consumer.gov.cy"),
    "MT": ("Malta Competition and Consumer Affairs Authority (MCCAA)", "Autorité maltaise de la concurrence et de la "
           "consommation (MCCAA)", "https://mccaa.org.mt"),
    "LU": ("Médiateur de la consommation", "Médiateur de la consommation", "https://www.mediateurconsommation.lu"),
    "EE": ("Consumer Protection and Technical Regulatory Authority (TTJA)", "Autorité de protection des consommateurs "
           "et de surveillance technique (TTJA)", "https://www.ttja.ee"),
    "GB": ("Citizens Advice consumer service", "Citizens Advice (service aux consommateurs)",
           "https://www.citizensadvice.org.uk/consumer/"),
    "US": ("Federal Trade Commission (ReportFraud.ftc.gov)", "Federal Trade Commission (ReportFraud.ftc.gov)",
           "https://reportfraud.ftc.gov"),
    "US-CA": ("California Attorney General, consumer complaints", "procureur général de Californie, plaintes des "
              "consommateurs", "https://oag.ca.gov"),
    "US-NY": ("New York Attorney General, consumer complaints", "procureur général de l'État de New York, plaintes "
              "des consommateurs", "https://ag.ny.gov"),
}


def consumer_help(country: str, lang: str = "en") -> tuple[tuple[str, str], ...]:
    """(name, URL) of the bodies a consumer in ``country`` (as --country gives it) can turn to with a problem with a
    company: the national one where fineprint knows it (a US state's attorney general, then the FTC), and, for the EU
    and EEA, the European Consumer Centre for a company based in another country."""
    code = country.strip().upper().replace("_", "-")
    key = _key(code)
    keys = [c for c in dict.fromkeys((code, "FR" if key in _FRENCH else "GB" if key == "UK" else key))
            if c in _CONSUMER_HELP]
    if code.startswith("US-") and "US" not in keys:
        keys.append("US")
    found = [_CONSUMER_HELP[c] for c in keys]
    if key in _EU_EEA or key in ("FR", "EU") or key in _FRENCH:
        found.append(_ECC)
    return tuple((fr if lang == "fr" else en, url) for en, fr, url in found)


@dataclass(frozen=True, slots=True)
class Reader:
    """Who a report is written for: the country given (``None``: not given), the law region it falls in, and the
    words a report uses for that reader ("a consumer in Germany")."""

    country: str | None
    region: str
    label: str
    authority: tuple[str, str] | None = None  # (name, URL) of the reader's data-protection authority, if any
    help: tuple[tuple[str, str], ...] = ()  # (name, URL) of the consumer bodies of consumer_help(country)

    def as_dict(self) -> dict:
        out = {"country": self.country, "region": self.region, "label": self.label}
        if self.authority:
            out["authority"] = {"name": self.authority[0], "url": self.authority[1]}
        if self.help:
            out["consumer_help"] = [{"name": name, "url": url} for name, url in self.help]
        return out


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

    shown = country.strip()[:12] + ("…" if len(country.strip()) > 12 else "")  # a hostile value stays one short line
    raise UsageError(f"no law profile for country {shown!r}; fineprint explains the law of France (FR), the other "
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
    state = _US_STATES.get(country.strip().upper().replace("_", "-")) if country else None
    if state:  # a state with its own layer (fineprint/law/countries.py); another state reads as the United States
        label = f"un consommateur {state[1]}" if lang == "fr" else f"a consumer in {state[0]}"
    # the authority is named only for a country the reader gave (the default report stays as it was)
    authority = (_AUTHORITIES.get("FR" if key in _FRENCH else key)) if country else None
    return Reader(country=country.strip().upper() if country else None, region=region, label=label,
                  authority=authority, help=consumer_help(country, lang) if country else ())


__all__ = ["REGIONS", "DEFAULT_REGION", "Reader", "consumer_help", "known", "reader", "region_for"]
