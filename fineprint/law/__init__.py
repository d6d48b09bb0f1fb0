"""Legal references and plain-language explanations of every finding id, in English and French.

This package is the single source for what reports, ``fineprint explain`` and docs/findings.md say about an id.
The data lives in ``data/<family>.yaml`` (one mapping of id -> entry per taxonomy family) and ``data/acts.yaml``
(the legal acts cited, with their official URLs). Entries are read once, lazily, with yaml's C loader when present.
An entry may add ``why_when`` sentences, said of a finding only when its clauses match (with the law only they cite):
``IdDoc.for_clauses`` gives a finding's explanation and law; ``why`` and ``law`` stay the complete, static text.

    entry("rights.perpetual").title["fr"]          -> "Consentement ou licence sans fin"
    entry("rights.perpetual").law_refs("en")       -> (LawRef("GDPR Art. 7(3)", "https://eur-lex..."), ...)
    explain_text("rights.perpetual", "fr")         -> the ruff-like page printed by ``fineprint explain``
    entry("unfair.limitation-of-liability").for_clauses("en", [clause])  -> (explanation, law) of one finding
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import LawRef, SEVERITIES
from .regions import DEFAULT_REGION, REGIONS

LANGUAGES = ("en", "fr")
FAMILIES = ("rights", "unfair", "money", "practice", "app", "transparency")
# Ids this repository adds to ../shared/docs/TAXONOMY.md: an app audited against its privacy policy (issue 13,
# fineprint/flows/). Until the taxonomy lists them, tests accept exactly these beyond it.
BEYOND_TAXONOMY = (
    "app.policy-undisclosed-collection", "app.policy-undisclosed-sharing", "app.policy-contradiction",
    # money.*: what you pay and what you may lose (session 43; fineprint/law/data/money.yaml)
    "money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture")
DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_DIR = DATA_DIR / "regions"  # <region>.yaml and <region>-<part>.yaml: the law of readers outside France

# Headings of an explanation page, per language (ruff's fixed headings, adapted).
HEADINGS = {
    "en": {"flags": "What it flags", "why": "Why it matters", "law": "The law", "advice": "What you can do",
           "advice_found": "When the policy says it", "advice_policy": "In a privacy policy",
           "why_policy": "Why it matters in a privacy policy",
           "severity": "Default severity", "region": "Law of", "disclaimer":
           "fineprint explains; it does not give legal advice. A flagged term is potentially unfair or unlawful: "
           "only a court or a regulator can decide."},
    "fr": {"flags": "Ce qui est signalé", "why": "Pourquoi c'est important", "law": "Le droit",
           "advice": "Ce que vous pouvez faire", "advice_found": "Quand la politique le dit",
           "advice_policy": "Dans une politique de confidentialité",
           "why_policy": "Pourquoi c'est important dans une politique de confidentialité",
           "severity": "Gravité par défaut", "region": "Droit de", "disclaimer":
           "fineprint explique ; il ne donne pas de conseil juridique. Une clause signalée est potentiellement "
           "abusive ou illicite : seul un juge ou une autorité peut trancher."},
}
SEVERITY_NAMES = {
    "en": {"high": "high", "medium": "medium", "low": "low", "info": "info"},
    "fr": {"high": "élevée", "medium": "moyenne", "low": "faible", "info": "information"},
}

# How a locator in a law reference is written: "7(3)" is an article, "rec:32" a recital, "annex:1(q)" an annex point.
_LOCATOR_WORDS = {
    "en": {"article": "Art. {}", "rec": "Recital {}", "annex": "Annex, point {}"},
    "fr": {"article": "art. {}", "rec": "considérant {}", "annex": "annexe, point {}"},
}


@dataclass(frozen=True, slots=True)
class Act:
    """A legal act or official page that explanations cite."""

    key: str
    name: dict[str, str]
    url: dict[str, str]
    articles: dict[str, dict[str, str]]  # article (or "annex:1(b)") -> its own official URL, per language
    celex: str = ""  # EUR-Lex CELEX number, for acts whose articles carry ELI ids
    anchors: str = ""  # "eli": EUR-Lex marks its articles id="art_N" and recitals id="rct_N"
    region: str = "eu"  # whose law: "eu" (EU law), "fr" (French law and bodies), "uk", "us" (region files)
    locator: dict[str, dict[str, str]] | None = None  # lang -> kind -> "§ {}": how this act's sections are written

    def locate(self, kind: str, value: str, lang: str) -> str:
        """The official URL of one article ("7(3)" -> article 7), recital or annex point, in ``lang``: the
        article's own address where one is known, else the whole act's."""
        key = value if kind == "article" else f"{kind}:{value}"
        number = re.match(r"[A-Z]?\d+(?:-\d+)*", value)
        section = re.match(r"[^()]+", value)  # "1798.100(a)(3)" -> "1798.100"
        for k in (key, section.group(0) if section and kind == "article" else None,
                  number.group(0) if number and kind == "article" else None):
            if k and k in self.articles:
                return self.articles[k][lang]
        if self.anchors == "eli" and self.celex and number:
            prefix = {"article": "art", "rec": "rct"}.get(kind)
            if prefix:
                return (f"https://eur-lex.europa.eu/legal-content/{lang.upper()}/TXT/HTML/?uri=CELEX:{self.celex}"
                        f"#{prefix}_{number.group(0)}")
        return self.url[lang]


def _plain(text: str) -> str:
    """``text`` without accents, for the ``why_when`` patterns (which ignore case): « Délai » and "delai" read
    alike."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class WhyPart:
    """A sentence of an explanation that holds only for some clauses (``why_when`` in the data): "a term that
    shortens the time you have to bring a claim is void" is said of a liability finding only when one of its clauses
    sets such a time limit, with the law (``law``) that only this sentence cites."""

    pattern: re.Pattern  # searched in the clause text, ignoring accents and case (see _plain)
    text: dict[str, str]
    law: tuple[str, ...]
    unless: re.Pattern | None = None  # the sentence is not said when a clause matches this ("unless" in the data)
    in_help: bool = True  # said in the static text (explain, docs, SARIF help), not only of a matching clause

    def applies(self, clauses) -> bool:
        plain = [_plain(c) for c in clauses if c]
        if self.unless is not None and any(self.unless.search(c) for c in plain):
            return False
        return any(self.pattern.search(c) for c in plain)


@dataclass(frozen=True, slots=True)
class IdDoc:
    """Everything fineprint says about one finding id, in every supported language.

    ``why`` and ``law`` are complete (every ``why_when`` sentence, every reference): ``fineprint explain``,
    docs/findings.md and SARIF rule help show them. A finding's own explanation is ``for_clauses``: the sentences of
    ``why_when`` that its clauses do not call for are left out, with the references only they cite."""

    id: str
    family: str
    severity: str
    title: dict[str, str]
    headline: dict[str, str]  # a verb phrase for the report headline: "lets the company use your photo ..."
    flags: dict[str, str]
    why: dict[str, str]
    advice: dict[str, str]
    law: tuple[str, ...]  # "gdpr 7(3)", "code-civil 9", "planet49"
    why_base: dict[str, str] | None = None  # ``why`` without the why_when sentences (None: no why_when)
    advice_found: dict[str, str] | None = None  # transparency.*: advice for a disclosure made ("advice": missing)
    advice_policy: dict[str, str] | None = None  # advice when the document is a privacy policy, not a contract
    headline_offer: dict[str, str] | None = None  # the headline phrase for an offer's rules ("taking part")
    why_policy: dict[str, str] | None = None  # the explanation in a privacy policy (not a contract)
    why_policy_law: tuple[str, ...] = ()  # the references only why_policy cites
    why_when: tuple[WhyPart, ...] = ()
    region: str = DEFAULT_REGION  # whose law this text explains (fineprint/law/regions.py)
    headline_when: tuple[WhyPart, ...] = ()  # a headline phrase said only when the clauses match ("headline_when")
    country: str | None = None  # the national layer added to the eu text ("DE", "BE": fineprint/law/countries.py)

    def headline_for(self, lang: str, kind: str = "", clauses=()) -> str:
        """The headline phrase of a finding of this id whose clause texts are ``clauses``: the first ``headline_when``
        phrase they match (a licence over "your Review" is not "your photo, name and voice", session 41's readers),
        else the offer's phrase for an offer, else the id's own."""
        clauses = tuple(clauses)
        for part in self.headline_when:
            if part.applies(clauses):
                return part.text[lang]
        return (self.headline_offer if kind == "offer" and self.headline_offer else self.headline)[lang]

    def law_refs(self, lang: str) -> tuple[LawRef, ...]:
        """The law this id rests on, written in ``lang``, each with its official URL."""
        return tuple(law_ref(item, lang) for item in self.law)

    def for_clauses(self, lang: str, clauses, kind: str = "") -> tuple[str, tuple[LawRef, ...]]:
        """The explanation (whitespace collapsed) and the law of a finding whose clause texts are ``clauses``: the
        base "why" and each ``why_when`` sentence one of the clauses matches; a reference that only unmatched
        sentences cite is left out. In a privacy policy (``kind``), ``why_policy`` with its own references where the
        id has one."""
        if kind == "privacy-policy" and self.why_policy:
            return " ".join(self.why_policy[lang].split()), tuple(law_ref(i, lang) for i in self.why_policy_law)
        policy_only = set(self.why_policy_law) - {i for p in self.why_when for i in p.law}
        if not self.why_when:
            return (" ".join(self.why[lang].split()),
                    tuple(law_ref(i, lang) for i in self.law if i not in policy_only))
        clauses = tuple(clauses)
        applied = [p.applies(clauses) for p in self.why_when]
        text = " ".join([self.why_base[lang], *(p.text[lang] for p, on in zip(self.why_when, applied) if on)])
        dropped = {i for p, on in zip(self.why_when, applied) if not on for i in p.law} | policy_only
        dropped -= {i for p, on in zip(self.why_when, applied) if on for i in p.law}
        return " ".join(text.split()), tuple(law_ref(i, lang) for i in self.law if i not in dropped)


def load_yaml(path: Path):
    """A YAML data file shipped with fineprint, read with the C loader when libyaml is present (safe loading
    either way). A missing or broken file is a ResourceError (one line for the user, not a traceback)."""
    import yaml

    from ..errors import ResourceError

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ResourceError(f"data file {path.name} cannot be read ({type(exc).__name__}); "
                            "reinstall fineprint") from exc


@functools.lru_cache(maxsize=1)
def acts() -> dict[str, Act]:
    """Every act that law references may name, by key: acts.yaml (EU and French law), the acts of the region
    files (UK and US law) and of the country files (Belgian, German law), each tagged with its region (a country's
    acts with the country's code: "BE", "DE")."""
    from ..errors import ResourceError

    raw = {key: (v, str(v.get("region", "eu"))) for key, v in load_yaml(DATA_DIR / "acts.yaml").items()}
    for region, data in _region_files().items():
        for key, v in data["acts"].items():
            if key in raw:
                raise ResourceError(f"law data: act {key!r} is defined twice (regions/{region})")
            raw[key] = (v, region)
    for code, data in country_files().items():
        for key, v in data["acts"].items():
            if key in raw:
                raise ResourceError(f"law data: act {key!r} is defined twice (countries/{code}.yaml)")
            raw[key] = (v, code)
    return {key: Act(key=key, name=dict(v["name"]), url=_per_lang(v["url"]),
                     articles={str(a): _per_lang(u) for a, u in (v.get("articles") or {}).items()},
                     celex=str(v.get("celex", "")), anchors=str(v.get("anchors", "")), region=region,
                     locator=_locator(v))
            for key, (v, region) in raw.items()}


def _locator(v: dict) -> dict[str, dict[str, str]] | None:
    """An act's own way of writing a section ("§ {}", "s. {}") and an annex point ("Sch. 2 para. {}"), per
    language; None: the usual "Art. {}" / "art. {}"."""
    if not v.get("locator") and not v.get("annex_locator"):
        return None
    out = {lang: dict(_LOCATOR_WORDS[lang]) for lang in LANGUAGES}
    for kind, key in (("article", "locator"), ("annex", "annex_locator")):
        value = v.get(key)
        if value:
            for lang in LANGUAGES:
                out[lang][kind] = value[lang] if isinstance(value, dict) else value
    return out


@functools.lru_cache(maxsize=1)
def country_files() -> dict[str, dict]:
    """The national layers by country code, data/countries/<CODE>.yaml (fineprint/law/countries.py)."""
    from . import countries

    return countries.read_files(load_yaml)


@functools.lru_cache(maxsize=8)
def _country_entries(code: str) -> dict[str, IdDoc]:
    """Every id for a reader in ``code``: the eu text with the country's blocks added (fineprint/law/countries.py)."""
    from . import countries

    return countries.layered(code, country_files()[code], _entries_in(countries.region_of(code)), acts(), _why_part)


@functools.lru_cache(maxsize=1)
def _region_files() -> dict[str, dict]:
    """The region files merged per region: {"us": {"name": {...}, "acts": {...}, "ids": {...}, "families": {...}}}.
    ``regions/us.yaml`` and ``regions/us-privacy.yaml`` are both the United States; a part may add the addresses of
    sections (``articles``) to an act another part defines."""
    from ..errors import ResourceError

    out: dict[str, dict] = {}
    extra_articles: list[tuple[str, str, dict]] = []
    for path in sorted(REGION_DIR.glob("*.yaml")) if REGION_DIR.is_dir() else ():
        region = path.stem.split("-")[0]
        if region not in REGIONS or region == DEFAULT_REGION:
            raise ResourceError(f"law data: regions/{path.name} names no known region ({', '.join(REGIONS[1:])})")
        raw = load_yaml(path) or {}
        merged = out.setdefault(region, {"name": None, "acts": {}, "ids": {}, "families": {}})
        if raw.get("name"):
            merged["name"] = dict(raw["name"])
        for key, v in (raw.get("acts") or {}).items():
            if "name" not in v:
                extra_articles.append((region, key, dict(v.get("articles") or {})))
            elif key in merged["acts"]:
                raise ResourceError(f"law data: act {key!r} is defined twice in regions/{region}*")
            else:
                merged["acts"][key] = dict(v)
        for section in ("ids", "families"):
            for key, v in (raw.get(section) or {}).items():
                if key in merged[section]:
                    raise ResourceError(f"law data: {key} is written twice in regions/{region}*")
                merged[section][key] = v
    for region, key, articles in extra_articles:
        act = out[region]["acts"].get(key)
        if act is None:
            raise ResourceError(f"law data: regions/{region}* adds sections to an act it does not define ({key})")
        act["articles"] = {**(act.get("articles") or {}), **articles}
    return out


def _per_lang(value) -> dict[str, str]:
    """A URL per language: given per language, or one for all ("{LANG}" becomes EN / FR)."""
    if isinstance(value, dict):
        return dict(value)
    return {lang: value.replace("{LANG}", lang.upper()) for lang in LANGUAGES}


@functools.lru_cache(maxsize=1)
def _entries() -> dict[str, IdDoc]:
    out: dict[str, IdDoc] = {}
    for family in FAMILIES:
        for id_, v in load_yaml(DATA_DIR / f"{family}.yaml").items():
            out[id_] = _doc(id_, family, v, v, tuple(v.get("law") or ()), DEFAULT_REGION)
    return out


def _doc(id_: str, family: str, base: dict, v: dict, law: tuple[str, ...], region: str,
         parts: tuple[WhyPart, ...] | None = None) -> IdDoc:
    """An IdDoc from the fields of ``v`` (the default entry, or a region's block over it): title and flags always come
    from ``base`` (they describe the clause, wherever the reader lives); a block may reword the headline where the
    default names a French body."""
    from ..errors import ResourceError

    if parts is None:
        parts = tuple(_why_part(id_, p, law) for p in v.get("why_when") or ())
    extra = [i for i in (v.get("why_policy") or {}).get("law") or () if i not in law]
    if extra:
        raise ResourceError(f"law data: {id_} why_policy cites {extra}, which its law list lacks")
    # the static text (explain, docs, SARIF help) says every part but those about one clause (in_help: false)
    why = {lang: " ".join([v["why"][lang], *(p.text[lang] for p in parts if p.in_help)]) for lang in LANGUAGES}
    return IdDoc(id=id_, family=family, severity=v.get("severity") or base["severity"], title=base["title"],
                 headline=v.get("headline") or base["headline"], flags=base["flags"], why=why, advice=v["advice"], law=law,
                 why_base=dict(v["why"]) if parts else None, why_when=parts,
                 advice_found=v.get("advice_found"), advice_policy=v.get("advice_policy"),
                 headline_offer=base.get("headline_offer"),
                 why_policy=({lang: v["why_policy"][lang] for lang in LANGUAGES} if v.get("why_policy") else None),
                 why_policy_law=tuple((v.get("why_policy") or {}).get("law") or ()), region=region,
                 headline_when=tuple(_why_part(id_, p, ()) for p in v.get("headline_when") or base.get("headline_when") or ()))


@functools.lru_cache(maxsize=None)
def _raw_entries() -> dict[str, tuple[str, dict]]:
    return {id_: (family, v) for family in FAMILIES for id_, v in load_yaml(DATA_DIR / f"{family}.yaml").items()}


@functools.lru_cache(maxsize=len(REGIONS))
def _entries_in(region: str) -> dict[str, IdDoc]:
    """Every id explained for a reader of ``region`` (fineprint/law/regions.py).

    ``eu``: the default text, less the references to French acts and the ``why_when`` sentences that rest on French
    law only, with the fields a block of regions/eu.yaml replaces. ``uk``/``us``: the block of the region's files
    (its own text and law); an id without one takes its family's note and law (``families``), else the ``eu``
    text (tests/test_law_regions.py checks that rights, unfair, practice and transparency ids all have a block)."""
    from ..errors import ResourceError

    if region == DEFAULT_REGION:
        return _entries()
    data = _region_files().get(region) or {"ids": {}, "families": {}}
    raw, all_acts = _raw_entries(), acts()
    unknown = sorted(set(data["ids"]) - set(raw))
    if unknown:
        raise ResourceError(f"law data: regions/{region} explains unknown ids {unknown}")
    french = {key for key, act in all_acts.items() if act.region == "fr"}

    def cited(id_: str, items, allowed: set[str]) -> tuple[str, ...]:
        for item in items:
            if item.split()[0] not in allowed:
                raise ResourceError(f"law data: regions/{region} {id_} cites {item!r}, not the law of {region}")
        return tuple(items)

    eu_acts = {key for key, act in all_acts.items() if act.region == "eu"}
    own_acts = {key for key, act in all_acts.items() if act.region == region}
    out: dict[str, IdDoc] = {}
    for id_, (family, base) in raw.items():
        block = data["ids"].get(id_)
        if region in ("uk", "us") and block:
            law = cited(id_, block.get("law") or (), own_acts)
            out[id_] = _doc(id_, family, base, {**block, "severity": block.get("severity") or base["severity"]},
                            law, region)
            continue
        if region in ("uk", "us") and family in data["families"]:
            fam = data["families"][family]
            law = cited(id_, fam.get("law") or (), own_acts)
            why = {lang: " ".join([_base_why(base)[lang], fam["note"][lang]]) for lang in LANGUAGES}
            out[id_] = _doc(id_, family, base, {**base, "why": why, "why_when": (), "why_policy": None}, law, region,
                            parts=())
            continue
        # the EU text (also the fallback of a uk / us id no block explains)
        block = (block or {}) if region == "eu" else {}
        law = cited(id_, block["law"], eu_acts) if block.get("law") else tuple(
            i for i in base.get("law") or () if i.split()[0] not in french)
        merged = {**base, **{k: v for k, v in block.items() if k != "law"}}
        if "why_when" in block:
            parts = tuple(_why_part(id_, p, law) for p in block["why_when"] or ())
        else:  # the default sentences, less those resting on French law only
            parts = tuple(
                WhyPart(p.pattern, p.text, tuple(i for i in p.law if i.split()[0] not in french), p.unless, p.in_help)
                for p in _entries()[id_].why_when if not (p.law and all(i.split()[0] in french for i in p.law)))
        if merged.get("why_policy"):
            wp = dict(merged["why_policy"])
            wp["law"] = [i for i in wp.get("law") or () if i.split()[0] not in french]
            merged["why_policy"] = wp
        out[id_] = _doc(id_, family, base, merged, law, region if region == "eu" else "eu", parts=parts)
    return out


def _base_why(base: dict) -> dict[str, str]:
    return dict(base["why"])


def _why_part(id_: str, raw: dict, law: tuple[str, ...]) -> WhyPart:
    """One ``why_when`` item: ``{match: <regex or list of regexes>, unless: <the same, optional>, en: ..., fr: ...,
    law: [...]}``: said when a clause matches ``match`` and none matches ``unless``. The patterns
    ignore case and accents (both theirs and the clause's are dropped); the references must be among the id's
    ``law``."""
    from ..errors import ResourceError

    extra = [i for i in raw.get("law") or () if i not in law]
    if extra:
        raise ResourceError(f"law data: {id_} why_when cites {extra}, which its law list lacks")
    def compiled(key: str) -> re.Pattern | None:
        if key not in raw:
            return None
        items = raw[key] if isinstance(raw[key], list) else [raw[key]]
        try:
            return re.compile("|".join(f"(?:{_plain(m)})" for m in items), re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"law data: {id_} why_when has a bad pattern ({exc})") from exc

    return WhyPart(pattern=compiled("match"), text={lang: raw[lang] for lang in LANGUAGES},
                   law=tuple(raw.get("law") or ()), unless=compiled("unless"), in_help=bool(raw.get("in_help", True)))


def all_ids() -> list[str]:
    """Every finding id, in taxonomy order (family by family, as in TAXONOMY.md)."""
    return list(_entries())


def entry(id_: str, region: str = DEFAULT_REGION, country: str | None = None) -> IdDoc:
    """The documentation of one id for a reader of ``region`` (fineprint/law/regions.py; default: France); with the
    reader's ``country``, the national layer of fineprint/law/countries.py where that country of the eu region has
    one. Raises UsageError for an id that does not exist."""
    from .countries import code_of, region_of

    try:
        if code_of(country) in country_files() and region == region_of(code_of(country)):
            return _country_entries(code_of(country))[id_]
        return _entries_in(region)[id_]
    except KeyError:
        from ..errors import UsageError

        raise UsageError(f"unknown finding id {id_!r}; `fineprint explain --list` shows them all") from None


def report_language(lang: str | None) -> str:
    """A supported report language: ``lang`` if it is en or fr, English otherwise."""
    return lang if lang in LANGUAGES else "en"


_LAW_ITEM = re.compile(r"^(?P<act>[a-z0-9-]+)(?:\s+(?P<loc>\S.*))?$")


@functools.lru_cache(maxsize=512)
def law_ref(item: str, lang: str) -> LawRef:
    """Turn a data reference such as ``"gdpr 7(3)"`` into ``LawRef("GDPR Art. 7(3)", url)`` in ``lang``."""
    lang = report_language(lang)
    m = _LAW_ITEM.match(item)
    if not m or m["act"] not in acts():
        from ..errors import ResourceError

        raise ResourceError(f"law data names an unknown act in {item!r}")
    act = acts()[m["act"]]
    name, loc = act.name[lang], m["loc"]
    if not loc:
        return LawRef(ref=name, url=act.url[lang])
    kind, _, value = loc.partition(":") if ":" in loc else ("article", "", loc)
    written = value
    if lang == "fr" and kind == "article" and act.region == "eu":
        # an article inserted by an amending act: "11a" in English is « 11 bis » in the French Official Journal
        written = _INSERTED.sub(lambda m: f"{m[1]} {_LATIN[m[2]]}", value)
    located = (act.locator or _LOCATOR_WORDS)[lang][kind].format(written)
    return LawRef(ref=f"{name} {located}", url=act.locate(kind, value, lang))


_INSERTED = re.compile(r"^(\d+)([a-f])(?![a-z])")
_LATIN = {"a": "bis", "b": "ter", "c": "quater", "d": "quinquies", "e": "sexies", "f": "septies"}


def severity_name(severity: str, lang: str) -> str:
    """The severity as a word of the report language ("élevée" for high in French)."""
    return SEVERITY_NAMES[report_language(lang)].get(severity, severity)


@functools.lru_cache(maxsize=256)
def explain_text(id_: str, lang: str = "en", region: str = DEFAULT_REGION, country: str | None = None) -> str:
    """The documentation page of an id, with fixed headings (What it flags / Why it matters / The law /
    What you can do), as ``fineprint explain`` prints it and docs/findings.md shows it, for a reader of
    ``region`` (and ``country``, where it has a national layer)."""
    import textwrap

    lang = report_language(lang)
    doc, h = entry(id_, region, country), HEADINGS[lang]

    def para(text: str) -> str:
        # keep `fineprint letter ...` commands on one line so they can be copied
        glued = re.sub(r"`[^`]+`|§ ", lambda m: m[0].replace(" ", "\x00"), " ".join(text.split()))
        return textwrap.fill(glued, width=100, break_long_words=False, break_on_hyphens=False).replace("\x00", " ")

    law = "\n".join(f"- {r.ref} <{r.url}>" for r in doc.law_refs(lang))
    return (f"{doc.id}: {doc.title[lang]}\n"
            f"{h['severity']}{colon(lang)}{severity_name(doc.severity, lang)}\n"
            f"{h['region']}{colon(lang)}{_law_of(doc, region, lang)}\n\n"
            f"{h['flags']}\n{para(doc.flags[lang])}\n\n"
            f"{h['why']}\n{para(doc.why[lang])}\n\n"
            + (f"{h['why_policy']}\n{para(doc.why_policy[lang])}\n\n" if doc.why_policy else "")
            + f"{h['law']}\n{law}\n\n"
            f"{h['advice']}\n{para(doc.advice[lang])}\n\n"
            + (f"{h['advice_found']}\n{para(doc.advice_found[lang])}\n\n" if doc.advice_found else "")
            + (f"{h['advice_policy']}\n{para(doc.advice_policy[lang])}\n\n" if doc.advice_policy else "")
            + f"{para(h['disclaimer'])}\n")


def _law_of(doc: IdDoc, region: str, lang: str) -> str:
    """Whose law a page explains: "the European Union", or "Germany (EU law and German law)" for an id a country
    file adds to."""
    if not doc.country:
        return region_name(region, lang)
    from .countries import law_of

    lang = report_language(lang)
    return law_of(country_files()[doc.country]["name"].get(lang) or doc.country, doc.country, lang)


def region_name(region: str, lang: str) -> str:
    """The name of a law region as a report writes it ("the United States"), from its region file; France for the
    default."""
    if region == DEFAULT_REGION:
        return {"en": "France", "fr": "la France"}[report_language(lang)]
    name = (_region_files().get(region) or {}).get("name") or {}
    return name.get(report_language(lang)) or region.upper()


def colon(lang: str) -> str:
    """": " in English, " : " in French (French typography puts a space before the colon)."""
    return " : " if lang == "fr" else ": "


__all__ = ["Act", "IdDoc", "WhyPart", "LANGUAGES", "FAMILIES", "BEYOND_TAXONOMY", "SEVERITIES", "REGIONS",
           "DEFAULT_REGION", "region_name",
           "acts", "all_ids", "entry", "explain_text",
           "law_ref", "load_yaml", "report_language", "severity_name", "colon", "HEADINGS"]
