"""Data types and parties in a privacy policy: what it says it collects, shares (and with whom), keeps, and says it
does *not* collect or share, each with the clause it comes from.

A reading by vocabulary and sentence patterns, in the spirit of PolicyLint / PoliCheck (whose ontologies seed
``vocabulary.yaml``): a clause that names a data type is a *mention*; with a collection, sharing or retention verb it
is a statement of that action; with a negation before the verb ("we do not collect", "nous ne collectons pas",
"no ... is collected") it is a denial. Parties are the kinds a policy names (service providers, advertisers,
analytics providers, social networks, third parties) and named SDK vendors. No model: every statement points to its
words, so the user can check it.

    statements = read_policy(clauses, language)
    statements.mentions("location")      # clauses that name location data
    statements.denials("location")       # clauses that deny collecting or sharing it
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

from ..model import Clause

ACTIONS = ("collect", "share", "keep")

_VERBS = {
    "en": {
        "collect": r"collect\w*|gather\w*|obtain\w*|receiv\w*|access\w*|record\w*|captur\w*|track\w*|request\w*|"
                   r"use|uses|used|using|process\w*|read|reads|ask\w*\s+for",
        "share": r"shar\w+|disclos\w+|sell\w*|sold|transfer\w*|sen[dt]\w*|provid\w+\s+(?:it\s+|them\s+)?to|"
                 r"pass\w*\s+(?:it\s+|them\s+)?(?:on\s+)?to|transmit\w*|rent\w*|trad(?:e|es|ed|ing)",
        "keep": r"stor\w+|retain\w*|keep\w*|kept|sav(?:e|es|ed|ing)|archiv\w+",
    },
    "fr": {
        "collect": r"collect\w*|recueill\w*|recueil\w*|obten\w*|obtien\w*|accè\w*|acc[eè]d\w*|enregistr\w*|"
                   r"utilis\w*|trait\w*|lit|lire|lisons|demand\w*",
        "share": r"partag\w*|transm\w*|communiqu\w*|c[eè]d\w*|vend\w*|transf[eé]r\w*|envoy\w*|divulgu\w*",
        "keep": r"conserv\w*|stock\w*|gard\w*|archiv\w*",
    },
}
# a negation that governs the verb: before it in the same clause, at most a few words away
_NEG = {
    "en": re.compile(r"\b(?:do(?:es)?\s+not|don['’]t|doesn['’]t|never|will\s+not|won['’]t|shall\s+not|cannot|"
                     r"can\s+not|"
                     r"is\s+not|are\s+not|isn['’]t|aren['’]t|not)\b", re.IGNORECASE),
    "fr": re.compile(r"\bn['’]|\bne\b|\bjamais\b|\baucune?\b", re.IGNORECASE),
}
# negations that do not deny what the policy does: the user's choice ("you can choose not to receive"), Do Not Track
_NOT_A_DENIAL = {
    "en": re.compile(r"\b(?:do[\s-]+not[\s-]+track|(?:choose|wish|prefer|elect|decide)s?\s+not\s+to|do\s+not\s+wish|"
                     r"not\s+to\s+(?:have|receive|be)|not\s+only|whether\s+or\s+not|if\s+you\s+do\s+not|"
                     r"(?:you|user)s?\s+(?:do|does|can|may)\s*n[o']t)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:si\s+vous\s+ne|ne\s+souhaitez\s+pas|ne\s+plus\s+recevoir)\b", re.IGNORECASE),
}
_NEG_NOUN = {
    "en": re.compile(r"\bno\s+(?:\w+\s+){0,3}?(?:data|information|location|contacts?|identifiers?)\b|\bnone\s+of\b",
                     re.IGNORECASE),
    "fr": re.compile(r"\baucune?\s+(?:\w+\s+){0,3}?(?:donnée|information|localisation|contact)", re.IGNORECASE),
}
_FIRST_PARTY = {"en": re.compile(r"\b(?:we|us|our)\b", re.IGNORECASE),
                "fr": re.compile(r"\b(?:nous|notre|nos)\b", re.IGNORECASE)}


@dataclass(frozen=True)
class Statement:
    """One thing a clause says about one data type."""

    data_type: str
    term: str  # the words of the clause that name it
    action: str  # "collect" | "share" | "keep" | "mention"
    negated: bool
    parties: tuple[str, ...]  # kinds and vendors named in the clause ("first-party" when it speaks as "we")
    clause_id: str
    start: int
    end: int
    text: str


@dataclass
class PolicyReading:
    statements: list[Statement] = field(default_factory=list)
    parties: dict[str, list[Clause]] = field(default_factory=dict)  # party kind or vendor -> clauses naming it
    text: str = ""  # the policy's text, lower-cased, for vendor look-ups

    def mentions(self, data_type: str) -> list[Statement]:
        """Clauses that name the data type without denying it (any action, or none)."""
        return [s for s in self.statements if s.data_type == data_type and not s.negated]

    def denials(self, data_type: str, actions: Iterable[str] = ("collect", "share")) -> list[Statement]:
        wanted = set(actions)
        return [s for s in self.statements if s.data_type == data_type and s.negated and s.action in wanted]

    def names_party(self, party: str) -> list[Clause]:
        return self.parties.get(party, [])

    def names_vendor(self, names: Iterable[str]) -> list[Clause]:
        """Clauses naming any of ``names`` (a vendor or product, whole words, any case)."""
        out = []
        for name in names:
            out.extend(self.parties.get(f"vendor:{name.lower()}", []))
            if not out:
                pattern = _term_pattern([name])
                out.extend(c for c in self._clauses if pattern.search(c.text))
        return out

    def summary(self) -> dict[str, dict[str, list[str]]]:
        """``{action: {data type: [clause ids]}}`` and ``{"not-" + action: ...}`` for denials (for reports)."""
        out: dict[str, dict[str, list[str]]] = {}
        for s in self.statements:
            key = ("not-" if s.negated else "") + s.action
            out.setdefault(key, {}).setdefault(s.data_type, [])
            if s.clause_id not in out[key][s.data_type]:
                out[key][s.data_type].append(s.clause_id)
        return out

    _clauses: Sequence[Clause] = ()


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    import yaml

    return yaml.safe_load(resources.files(__package__).joinpath("vocabulary.yaml").read_text(encoding="utf-8"))


def _term_pattern(terms: Iterable[str]) -> re.Pattern:
    """Whole-word alternation, longest first, a final plural "s" optional, any spacing or hyphen between words."""
    parts = []
    for t in sorted({t.strip().lower() for t in terms if t and t.strip()}, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s-]+", t)]
        parts.append(r"[\s-]+".join(words) + (r"s?" if words[-1][-1:].isalpha() else ""))
    return re.compile(r"(?<![\w@])(?:" + "|".join(parts) + r")(?![\w@])", re.IGNORECASE)


@lru_cache(maxsize=2)
def _patterns(language: str):
    voc = vocabulary()
    lang = "fr" if language == "fr" else "en"
    types = {}
    for name, entry in voc["data_types"].items():
        terms = list(entry.get("fr", [])) if lang == "fr" else list(entry.get("terms", [])) + \
            list(entry.get("ontology_terms", []))
        if lang == "fr":
            terms += [t for t in entry.get("terms", []) if t in ("gps", "imei", "sms", "idfa", "aaid", "gaid")]
        types[name] = _term_pattern(terms)
    parties = {}
    for name, entry in voc["parties"].items():
        terms = list(entry.get("fr", [])) if lang == "fr" else list(entry.get("terms", []))
        parties[name] = _term_pattern(terms)
    vendors = _term_pattern(voc.get("ontology_vendors", []))
    verbs = {a: re.compile(r"\b(?:" + v + r")\b", re.IGNORECASE) for a, v in _VERBS[lang].items()}
    return types, parties, vendors, verbs


def read_policy(clauses: Sequence[Clause], language: str) -> PolicyReading:
    """Every statement about a data type in the clauses, and the parties each clause names."""
    types, parties, vendors, verbs = _patterns(language)
    lang = "fr" if language == "fr" else "en"
    reading = PolicyReading()
    reading._clauses = tuple(clauses)
    for c in clauses:
        text = c.text
        named = []
        for name, pat in parties.items():
            if pat.search(text):
                named.append(name)
                reading.parties.setdefault(name, []).append(c)
        for m in vendors.finditer(text):
            key = f"vendor:{m.group().lower()}"
            named.append(key)
            reading.parties.setdefault(key, []).append(c)
        if _FIRST_PARTY[lang].search(text):
            named.append("first-party")
        found = [(name, m) for name, pat in types.items() for m in [pat.search(text)] if m]
        if not found:
            continue
        for name, m in found:
            action, negated = _action(text, m.start(), m.end(), verbs, lang)
            reading.statements.append(Statement(
                data_type=name, term=m.group(), action=action, negated=negated, parties=tuple(dict.fromkeys(named)),
                clause_id=c.id, start=c.start, end=c.end, text=text))
    return reading


def _action(text: str, start: int, end: int, verbs, lang: str) -> tuple[str, bool]:
    """The action the clause states about the term at [start, end), and whether it is denied.

    The verb nearest to the term wins (sharing before collection when both are as near: "we share your location"
    is a collection too, reported as sharing); a negation counts when it stands between the clause's start (or the
    previous verb) and the verb, or when the term itself is negated ("no location data is collected")."""
    best = None
    for action in ("share", "keep", "collect"):
        for m in verbs[action].finditer(text):
            # a verb before the term (we collect your X) is read first; after it (X is collected) counts thrice
            distance = start - m.end() if m.end() <= start else 3 * (m.start() - end)
            if distance < 0:
                continue
            if best is None or distance < best[0]:
                best = (distance, action, m)
    if best is None or best[0] > 150:
        return "mention", bool(_NEG_NOUN[lang].search(text[max(0, start - 40):end]))
    _, action, verb = best
    before = text[max(0, verb.start() - 40):verb.start()] if verb.start() < start else text[:verb.start()][-40:]
    negated = bool(_NEG[lang].search(before)) and not _NOT_A_DENIAL[lang].search(text[:verb.end()])
    if lang == "fr" and negated:
        # "ne ... pas / jamais / aucun": the second half must follow the verb
        after = text[verb.end():verb.end() + 40]
        negated = bool(re.search(r"\b(?:pas|jamais|aucune?|plus)\b", before + " " + after, re.IGNORECASE))
    if not negated:
        negated = bool(_NEG_NOUN[lang].search(text[max(0, min(start, verb.start()) - 30):max(end, verb.end())]))
    return action, negated
