"""Offline language identification with py3langid, restricted to languages that terms and policies are written in
(so that a short or odd sample is not labelled as a language nobody writes contracts in). fineprint's rules and models
cover English and French; other languages get a warning and a best-effort audit."""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

SUPPORTED = ("en", "fr")
# European Union and other widely used languages for contracts; a restricted set is more accurate on short samples.
CANDIDATES = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "sv", "da", "fi", "no", "cs", "sk", "sl", "hr", "ro",
              "hu", "el", "bg", "lt", "lv", "et", "ga", "mt", "ca", "eu", "gl", "ru", "uk", "tr", "ar", "he", "zh",
              "ja", "ko", "hi", "id", "vi", "th")
SAMPLE_CHARS = 20_000
MIN_LETTERS = 20  # below this, there is nothing to identify
MIN_CONFIDENCE = 0.5
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_STOPWORDS = {
    "en": frozenset("the of and to a in is you your we our us that this for by with may be are not or any will "
                    "from on at as it".split()),
    "fr": frozenset("le la les de des du et à un une vous votre vos nous notre nos est sont pour par avec dans sur "
                    "au aux ce cette ne pas qui que".split()),
}
_NAMES = {"en": "English", "fr": "French"}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    path = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else Path(MODEL_DIR) / MODEL_FILE
    try:
        ptc, pc, classes, nextmove, row, output = _model_arrays(path)
        ident = LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
    except Exception:  # noqa: BLE001 - an unexpected model layout: let py3langid load it its own way
        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in CANDIDATES if c in set(ident.labels)])
    return ident


def _model_arrays(path: Path) -> tuple:
    """py3langid's model as LanguageIdentifier takes it, read from an uncompressed copy in fineprint's cache.

    The model ships LZMA-compressed (4.5 MB); inflating it took about 0.35 s, more than half of what a one-document
    `fineprint audit` spends before reading the text. The copy is keyed by the model file's size and date, written
    atomically; a read-only or missing cache only costs that time again."""
    import numpy as np

    from .. import cache

    stat = path.stat()
    name = f"model-{stat.st_size}-{stat.st_mtime_ns}.npz"
    copy = cache.path(CACHE_AREA, name)
    if copy is None or not copy.is_file():
        import lzma

        raw = lzma.decompress(path.read_bytes())
        cache.write(CACHE_AREA, name, raw, keep=2)
        source = io.BytesIO(raw)
    else:
        cache.touch(copy)
        source = copy
    with np.load(source, allow_pickle=False) as data:
        return (data["ptc"], data["pc"], data["classes"].tolist(), _stdlib_array(data["nextmove"]),
                _stdlib_array(data["nextmove_row"]), data["out_feat"].tolist())


CACHE_AREA = "langid"


def _stdlib_array(values):
    """A numpy array of unsigned ints as the stdlib array py3langid's tokenizer indexes (same item size)."""
    from array import array

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out


def detect_language(text: str) -> tuple[str, tuple[str, ...]]:
    """``(ISO 639-1 code or "unknown", warnings)`` for a document's text."""
    sample = _sample(text)
    if len(_LETTER.findall(sample[:2000])) < MIN_LETTERS:
        return _vote_or_unknown(sample, "too little text to identify its language")
    lang, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return _vote_or_unknown(sample, f"language unclear (best guess {lang!r}, confidence {confidence:.2f})")
    if lang not in SUPPORTED:
        return lang, (f"language {lang!r} is not supported (fineprint reads English and French): best effort, "
                      "findings may be missing",)
    return lang, ()


# A document that holds several language versions one after the other (one policy in English, Spanish, French,
# Polish …, as some services publish it): read as one language, it is misread (hi5's 700 KB privacy policy in nine
# languages was identified as Romanian and read "best effort"). Long documents are checked with a few windows; where
# two languages show, each block is identified and runs of one language of at least VERSION_MIN_CHARS are versions.
VERSION_MIN_CHARS = 2_000  # a shorter run in another language is a quote, a name or a banner, not a version
_WINDOWS = 8
_WINDOW_CHARS = 3_000
_BLOCK_MIN_LETTERS = 150  # shorter blocks (titles, list items) take the language of the run they stand in
_SURE = 0.9


def language_versions(text: str, blocks, language: str, prefer: str | None = None
                      ) -> tuple[tuple[str, ...], tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """``(languages read, spans, warnings)`` for a document that may hold versions in several languages.

    ``spans`` is empty for a document in one language (then ``language`` is returned unchanged); otherwise it covers
    the whole text with ``(start, end, code)`` runs, one per version, and the language to read (the report's) is the
    first English or French version's, unless the other one is clearly longer. The languages read are every English
    or French version, the report's first; with ``prefer`` ("en" or "fr", the user's ``--lang``) and a version in that
    language, only that version is read. ``blocks`` are the document's structure blocks (paragraphs, list items,
    headings; plain paragraphs are used where the format gives none)."""
    if len(text) < 2 * VERSION_MIN_CHARS or not _two_languages_show(text):
        return (language,), (), ()
    if not blocks:
        from .structure import plain_text_blocks

        blocks = plain_text_blocks(text)
    ident = _identifier()
    runs: list[list] = []  # [start, end, code]
    for block in blocks:
        piece = text[block.start:block.end]
        code = None
        if len(_LETTER.findall(piece[:1000])) >= _BLOCK_MIN_LETTERS:
            guess, confidence = ident.classify(piece[:1000])
            code = guess if confidence >= _SURE else None
        if runs and (code is None or code == runs[-1][2]):
            runs[-1][1] = block.end
        elif code is not None:
            runs.append([block.start, block.end, code])
    runs = _merge_short(runs)
    if len({r[2] for r in runs}) < 2:
        return (language,), (), ()
    runs[0][0], runs[-1][1] = 0, len(text)
    for before, after in zip(runs, runs[1:]):
        before[1] = after[0]  # the runs cover the text, gaps (blank lines, short blocks) going to the run before
    size: dict[str, int] = {}
    for start, end, code in runs:
        size[code] = size.get(code, 0) + end - start
    order = list(dict.fromkeys(code for _start, _end, code in runs))  # languages in reading order
    readable = [c for c in order if c in SUPPORTED]
    if not readable:
        return (language,), (), ()
    largest = max(size[c] for c in readable)
    # the first version in English or French unless another one is clearly longer (a translation runs longer)
    main = next(c for c in readable if size[c] >= 0.8 * largest)
    readable = [main, *(c for c in readable if c != main)]
    chosen = prefer in readable and len(readable) > 1
    if chosen:
        readable = [prefer]  # the user asked for this language: the other English or French version is not read
    total = len(text)
    shares = ", ".join(f"{c} {100 * n / total:.0f} %" for c, n in sorted(size.items(), key=lambda kv: -kv[1]))
    skipped = [c for c in size if c not in readable]
    read = " and ".join(_NAMES[c] for c in readable)
    note = f"the document holds versions in {len(size)} languages ({shares}): fineprint read the {read} text"
    if chosen:
        note += f" only (--lang {prefer})"
    if skipped:
        left = sum(size[c] for c in skipped)
        note += f"; {100 * left / total:.0f} % of the text, in {', '.join(sorted(skipped))}, was not read"
    return tuple(readable), tuple((a, b, c) for a, b, c in runs), (note,)


def _two_languages_show(text: str) -> bool:
    """Whether evenly spaced windows of the text are surely in two different languages (a cheap test that spares a
    document in one language the per-block identification)."""
    ident = _identifier()
    step = max(1, (len(text) - _WINDOW_CHARS) // (_WINDOWS - 1))
    seen = set()
    for k in range(_WINDOWS):
        window = text[k * step: k * step + _WINDOW_CHARS]
        if len(_LETTER.findall(window)) < 500:
            continue
        code, confidence = ident.classify(window)
        if confidence >= _SURE:
            seen.add(code)
            if len(seen) > 1:
                return True
    return False


def _merge_short(runs: list[list]) -> list[list]:
    """Runs shorter than VERSION_MIN_CHARS join the run before them (a short first run, the run after it), and
    neighbours in the same language join: one pass, so a document alternating languages every paragraph costs no more
    than one in a single language."""
    out: list[list] = []
    for run in runs:
        if out and (run[1] - run[0] < VERSION_MIN_CHARS or out[-1][2] == run[2]):
            out[-1][1] = run[1]
        else:
            out.append(run)
    if len(out) > 1 and out[0][1] - out[0][0] < VERSION_MIN_CHARS:
        out[1][0] = out[0][0]
        del out[0]
    return out


def clause_language(text: str) -> str:
    """English or French for one clause (``fineprint classify`` without ``--lang``): the more common words of either
    language decide; on a tie, the language identifier restricted to the two; English when nothing shows."""
    words = [w.lower() for w in _WORD.findall(text[:2000])]
    en = sum(w in _STOPWORDS["en"] for w in words)
    fr = sum(w in _STOPWORDS["fr"] for w in words)
    if en != fr:
        return "en" if en > fr else "fr"
    if len(_LETTER.findall(text[:2000])) >= MIN_LETTERS:
        ranked = _identifier().rank(text[:2000])
        for lang, _score in ranked:
            if lang in ("en", "fr"):
                return lang
    return "en"


def _vote_or_unknown(sample: str, why: str) -> tuple[str, tuple[str, ...]]:
    """For short or unclear text, English or French by their most common words; "unknown" if neither shows."""
    words = [w.lower() for w in _WORD.findall(sample[:5000])]
    votes = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(votes, key=votes.get)
    others = [v for lang, v in votes.items() if lang != best]
    if votes[best] and all(votes[best] > v for v in others):
        return best, (f"{why}; read as {_NAMES[best]} from its common words",)
    return "unknown", (f"{why}; English and French rules do not apply, findings may be missing",)


def _sample(text: str) -> str:
    """Up to SAMPLE_CHARS from the beginning, middle and end (a French policy may start with an English banner)."""
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2
    return "\n".join((text[:third], text[mid - third // 2: mid + third // 2], text[-third:]))
