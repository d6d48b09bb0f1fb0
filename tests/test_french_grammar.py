"""French text fineprint writes (explanations, report words, letters) checked by rule: an adjective that says what a
clause "makes" something (rend perpétuel, rend exclusif…) agrees with the feminine noun after it, and the words that
need a no-break space before them in French typography are never glued to the previous word."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from fineprint import law

ROOT = Path(__file__).resolve().parent.parent
# masculine -> feminine of the adjectives explanations use after "rendre"
ADJECTIVES = {"perpétuel": "perpétuelle", "définitif": "définitive", "exclusif": "exclusive", "gratuit": "gratuite",
              "illimité": "illimitée", "public": "publique", "obligatoire": "obligatoire", "irrévocable": "irrévocable",
              "mondial": "mondiale", "opposable": "opposable", "valable": "valable", "caduc": "caduque"}
FEMININE_DETERMINERS = ("une", "la", "cette", "votre", "sa", "leur", "toute")
RENDRE = r"\b(?:rend|rendent|rendre|rendu|rendue|rendant)"


def _french_texts():
    data = ROOT / "fineprint" / "law" / "data"
    for path in sorted([*data.glob("*.yaml"), *(data / "regions").glob("*.yaml")]):
        yield from _strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    labels = yaml.safe_load((ROOT / "fineprint" / "report" / "labels.yaml").read_text(encoding="utf-8"))["fr"]
    yield from _strings(labels, "labels.yaml")


def _strings(node, where, in_fr=False):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, where, in_fr or key == "fr")
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, where, in_fr)
    elif isinstance(node, str) and (in_fr or where == "labels.yaml"):
        yield where, " ".join(node.split())


def agreement_errors(text: str) -> list[str]:
    """"rend perpétuel une autorisation": a masculine adjective before a feminine determiner after "rendre"."""
    errors = []
    for masc, fem in ADJECTIVES.items():
        if masc == fem:
            continue
        pattern = rf"{RENDRE}\s+{masc}s?\s+(?:{'|'.join(FEMININE_DETERMINERS)})\b"
        errors += [m.group(0) for m in re.finditer(pattern, text)]
    return errors


def test_the_rule_catches_the_reported_error():
    assert agreement_errors("Une clause qui rend perpétuel une autorisation") == ["rend perpétuel une"]
    assert agreement_errors("Une clause qui rend perpétuelle une autorisation") == []
    assert agreement_errors("rend perpétuel ce que vous accordez") == []


def test_french_explanations_agree():
    found = [(where, e) for where, text in _french_texts() for e in agreement_errors(text)]
    assert not found, found


def test_french_punctuation_is_spaced():
    # "mot: suite" or "«mot" would print without the space French typography puts there
    glued = [(where, text[:80]) for where, text in _french_texts()
             if re.search(r"[^\s\d/]:(?=\s)|[^\s]\s?;(?=\s)(?<! ;)|«\S|\S»", text) and "http" not in text]
    assert not glued, glued
    assert law.entry("rights.perpetual").flags["fr"].startswith("Une clause qui rend perpétuelle une autorisation")


# English words whose French look-alike means something else in the sense used: « à discrétion » is "as much as
# you like" (« vin à discrétion »), not "at its discretion" (« à sa discrétion », « à la discrétion du
# professionnel »); « librairie » is a bookshop, not a software library; « évidence » is obviousness, not evidence;
# « digital » means "of the fingers".
FALSE_FRIENDS = (r"(?<!\bsa )(?<!\bla )(?<!\bleur )(?<!\bnotre )(?<!\bvotre )(?<!\bseule )(?<!\bentière )"
                 r"\bà discrétion\b", r"\blibrairies?\b", r"\bévidences?\b", r"\bdigital(?:e|es|aux)?\b(?! (?:Markets|Services))")  # not in an English act's name


def false_friends(text: str) -> list[str]:
    return [m.group(0) for pattern in FALSE_FRIENDS for m in re.finditer(pattern, text, re.IGNORECASE)]


def test_the_false_friend_rule_catches_the_reported_error():
    assert false_friends("Suppression de vos contenus à discrétion") == ["à discrétion"]
    assert false_friends("Suppression de vos contenus à la discrétion du professionnel") == []
    assert false_friends("retirer vos contenus à sa discrétion") == []


def test_french_texts_have_no_false_friends():
    found = [(where, f) for where, text in _french_texts() for f in false_friends(text)]
    assert not found, found
    title = law.entry("unfair.content-removal").title["fr"]
    assert title == "Suppression de vos contenus à la discrétion du professionnel"
