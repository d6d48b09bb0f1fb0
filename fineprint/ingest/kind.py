"""Document kind (terms, privacy-policy, offer) from the title, headings and vocabulary; "unknown" otherwise.

The phrases live in kinds.yaml. The title and headings are strong evidence ("Privacy Policy" as a heading), the
body's vocabulary weak evidence; a kind must clearly beat the others or the answer is "unknown".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

HEADING_WEIGHT = 4
NAME_IN_BODY_WEIGHT = 2  # "this Privacy Policy" in the text
BODY_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class KindRules:
    names: dict[str, re.Pattern]
    words: dict[str, re.Pattern]
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
    return KindRules(names=names, words=words, min_score=float(data["min_score"]), margin=float(data["margin"]))


def detect_kind(text: str, title: str | None = None, headings: tuple[str, ...] = ()) -> str:
    """One of "terms", "privacy-policy", "offer" or "unknown"."""
    rules = kind_rules()
    top = " \n ".join([title or "", *headings[:3]]).replace("’", "'")
    rest_headings = " \n ".join(headings[3:40]).replace("’", "'")
    body = text[:BODY_CHARS].replace("’", "'")
    scores: dict[str, float] = {}
    for kind, names in rules.names.items():
        score = HEADING_WEIGHT * 2 * len(names.findall(top))
        score += HEADING_WEIGHT * len(set(m.lower() for m in names.findall(rest_headings)))
        score += NAME_IN_BODY_WEIGHT * min(3, len(names.findall(body)))
        score += len(set(m.lower() for m in rules.words[kind].findall(body)))
        scores[kind] = score
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score >= rules.min_score and best_score >= rules.margin * runner_up:
        return best
    return "unknown"
