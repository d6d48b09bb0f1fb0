"""Document kind (terms, privacy-policy, offer) from the title, headings and vocabulary; "unknown" otherwise.

The phrases live in kinds.yaml. How the document names itself is strong evidence — in its title or first headings
("Privacy Policy"), in its opening lines ("These Terms govern …"), and, with diminishing weight, how often it does so
in the body; its vocabulary is weak evidence. A kind must clearly beat the others or the answer is "unknown".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TITLE_WEIGHT = 8  # the title or one of the first headings names the kind ("Privacy Policy")
OPENING_WEIGHT = 4  # the opening lines name it ("These Terms of Service govern …")
HEADING_WEIGHT = 4  # a later heading names it
SOURCE_WEIGHT = 6  # the file name or the URL's path names it ("Privacy Policy.html"; "privacy" alone counts 4)
SOURCE_WORD_WEIGHT = 4
BODY_NAME_WEIGHT = 3  # times log2(1 + mentions) in the body
OPENING_CHARS = 1500
BODY_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class KindRules:
    names: dict[str, re.Pattern]
    words: dict[str, re.Pattern]
    source: dict[str, re.Pattern]
    min_score: float
    margin: float


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    alternatives = sorted((re.escape(p.lower()).replace(r"\ ", r"[\s\-]+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def kind_rules() -> KindRules:
    import yaml

    data = yaml.safe_load(resources.files(__package__).joinpath("kinds.yaml").read_text(encoding="utf-8"))
    names = {k: _phrase_pattern(v["names"]) for k, v in data["kinds"].items()}
    words = {k: _phrase_pattern(v["words"]) for k, v in data["kinds"].items()}
    source = {k: _phrase_pattern(v.get("source") or ["\uffff"]) for k, v in data["kinds"].items()}
    return KindRules(names=names, words=words, source=source, min_score=float(data["min_score"]),
                     margin=float(data["margin"]))


def source_words(source: str | None) -> str:
    """The words of a file name or a URL's path ("…/Privacy Policy.html" → "privacy policy", "https://x.com/legal/
    privacy-policy?lang=fr" → "legal privacy policy"); "" for standard input or raw bytes."""
    if not source or source == "-":
        return ""
    from urllib.parse import unquote, urlsplit

    if "://" in source:
        parts = urlsplit(source)
        name = unquote(parts.path)
    else:
        name = re.split(r"[\\/]", source)[-1]
        name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)
    return " ".join(re.split(r"[\s_\-./+%]+", name.lower())).strip()


def detect_kind(text: str, title: str | None = None, headings: tuple[str, ...] = (), source: str | None = None) -> str:
    """One of "terms", "privacy-policy", "offer" or "unknown". ``source``: the file name or URL, whose words count
    as a title would, a little less (a page saved as "Privacy Policy.html" often has no heading that says so)."""
    rules = kind_rules()
    named = source_words(source)
    top = " \n ".join([title or "", *headings[:3]]).replace("’", "'")
    rest_headings = " \n ".join(headings[3:40]).replace("’", "'")
    body = text[:BODY_CHARS].replace("’", "'")
    opening = body[:OPENING_CHARS]
    scores: dict[str, float] = {}
    for kind, names in rules.names.items():
        score = TITLE_WEIGHT * min(2, len(names.findall(top)))
        score += OPENING_WEIGHT * min(2, len(names.findall(opening)))
        score += HEADING_WEIGHT * len(set(m.lower() for m in names.findall(rest_headings)))
        score += BODY_NAME_WEIGHT * math.log2(1 + len(names.findall(body)))
        score += len(set(m.lower() for m in rules.words[kind].findall(body)))
        if named:
            score += SOURCE_WEIGHT if names.search(named) else SOURCE_WORD_WEIGHT if rules.source[kind].search(named) else 0
        scores[kind] = score
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score >= rules.min_score and best_score >= rules.margin * runner_up:
        return best
    return "unknown"
