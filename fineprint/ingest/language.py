"""Offline language identification with py3langid, restricted to languages that terms and policies are written in
(so that a short or odd sample is not labelled as a language nobody writes contracts in). fineprint's rules and models
cover English and French; other languages get a warning and a best-effort audit."""
from __future__ import annotations

import re
from functools import lru_cache

SUPPORTED = ("en", "fr")
# European Union and other widely used languages for contracts; a restricted set is more accurate on short samples.
CANDIDATES = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "sv", "da", "fi", "no", "cs", "sk", "sl", "hr", "ro",
              "hu", "el", "bg", "lt", "lv", "et", "ga", "mt", "ca", "eu", "gl", "ru", "uk", "tr", "ar", "he", "zh",
              "ja", "ko", "hi", "id", "vi", "th")
SAMPLE_CHARS = 20_000
MIN_LETTERS = 20  # below this, there is nothing to identify
MIN_CONFIDENCE = 0.5
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in CANDIDATES if c in set(ident.labels)])
    return ident


def detect_language(text: str) -> tuple[str, tuple[str, ...]]:
    """``(ISO 639-1 code or "unknown", warnings)`` for a document's text."""
    sample = _sample(text)
    if len(_LETTER.findall(sample[:2000])) < MIN_LETTERS:
        return "unknown", ("too little text to tell its language; rules for English and French both apply",)
    lang, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return "unknown", (f"language unclear (best guess {lang!r}, confidence {confidence:.2f}); best effort",)
    if lang not in SUPPORTED:
        return lang, (f"language {lang!r} is not supported (fineprint reads English and French): best effort, "
                      "findings may be missing",)
    return lang, ()


def _sample(text: str) -> str:
    """Up to SAMPLE_CHARS from the beginning, middle and end (a French policy may start with an English banner)."""
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2
    return "\n".join((text[:third], text[mid - third // 2: mid + third // 2], text[-third:]))
