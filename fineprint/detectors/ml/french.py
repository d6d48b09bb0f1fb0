"""French -> English glossing so that what the models learnt from English text carries over to French clauses.

fineprint maps French legal and privacy vocabulary onto the English words the models learnt (a bilingual lexicon in
``fineprint/models/lexicon/``, written for the project; a model's meta names the lexicon it was trained with, so an
older model keeps reading French as it was trained to). Phrases are
matched first, longest first ("en aucun cas" -> "in no event"); remaining words are translated one by one; unknown
words are kept (many legal terms are shared: "arbitration" / "service" / "cookies"). Accents are ignored.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from .words import WORD_RE

LEXICON_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "lexicon"
DEFAULT_LEXICON = "fr-en"
MAX_PHRASE = 8


def fold(text: str) -> str:
    """Lower case without accents ("Résilié" -> "resilie"); œ/æ spelt out."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4)
def lexicon(name: str = DEFAULT_LEXICON) -> dict[tuple[str, ...], tuple[str, ...]]:
    """French token tuple -> English tokens of the lexicon ``name`` (a file of ``models/lexicon``; first entry wins
    when a line repeats a key)."""
    from ...errors import ResourceError

    path = LEXICON_DIR / f"{name}.tsv"
    if not re.fullmatch(r"[a-z0-9-]+", name) or not path.is_file():
        # a model's meta names a lexicon this installation does not have: a broken install, not bad input
        raise ResourceError(f"the French lexicon {name!r} named by a model is not in {LEXICON_DIR}; reinstall "
                            "fineprint or rebuild the model with `python -m training.train`")
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fr, _, en = line.partition("\t")
        key = tuple(WORD_RE.findall(fold(fr)))
        if key and key not in table:
            table[key] = tuple(WORD_RE.findall(en.lower()))
    return table


def gloss(text: str, name: str = DEFAULT_LEXICON) -> list[str]:
    """English tokens for a French text (what the English models then score), by the lexicon ``name``."""
    table = lexicon(name)
    tokens = WORD_RE.findall(fold(text))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        n, hit = _phrase_at(table, tokens, i)
        out.extend(hit)
        i += n
    return out


def _phrase_at(table: dict, tokens: list[str], i: int) -> tuple[int, tuple[str, ...]]:
    """The longest lexicon phrase starting at token ``i``: (how many French tokens, their English); an unknown word
    is kept as it is."""
    for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
        hit = table.get(tuple(tokens[i:i + n]))
        if hit is not None:
            return n, hit
    return 1, (tokens[i],)


def gloss_sources(text: str, name: str = DEFAULT_LEXICON) -> list[tuple[str, int, int]]:
    """The gloss of ``text`` with, for each English token, the character span of the French words it stands for
    ("ces tiers" -> ("these", 0, 9), ("third", 0, 9), ("parties", 0, 9)): a decisive term learnt from the gloss is
    shown and highlighted as the French words the reader has in front of them. Tokens as ``gloss`` makes them."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        for t in WORD_RE.findall(fold(m.group())):
            words.append(t)
            spans.append(m.span())
    table = lexicon(name)
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        n, hit = _phrase_at(table, words, i)
        out.extend((e, spans[i][0], spans[i + n - 1][1]) for e in hit)
        i += n
    return out
