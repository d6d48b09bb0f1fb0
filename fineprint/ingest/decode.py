"""Bytes -> str for text formats: BOMs, a declared charset, UTF-8, then detection for legacy files.

charset-normalizer alone mislabels short French cp1252/latin-1 text (as cp775 or cp1250), so Windows-1252 is tried
first when the bytes are not UTF-8 and decode to ordinary Latin text; detection handles the rest (Cyrillic, CJK…).
"""
from __future__ import annotations

import codecs
import re

from ..errors import UnsupportedInputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_LETTER = re.compile(r"[^\W\d_]")
# Fraction of letters outside ASCII above which a cp1252 reading is probably another alphabet (Cyrillic in cp1251
# reads as a stream of accented Latin letters). French runs around 3-5 %.
_MAX_ACCENTED_SHARE = 0.3


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """``(data without its BOM, the encoding the BOM names)``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], encoding
    return data, None


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" for UTF-16 text saved without a BOM (mostly-ASCII text: every other byte is NUL)."""
    sample = data[:1024]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.7 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.7 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a text file. ``declared`` is a charset from HTTP headers or an HTML <meta> (trusted if it works)."""
    body, bom_encoding = strip_bom(data)
    bom_encoding = bom_encoding or utf16_without_bom(body)
    if bom_encoding:
        return body.decode(bom_encoding, errors="replace")
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec:
            if codec in ("latin-1", "iso8859-1", "ascii"):
                codec = "cp1252"  # what browsers do, and what such files really are
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if looks_binary(body):
        raise UnsupportedInputError("binary data, not a text document (fineprint reads .txt .md .html .pdf .docx .apk)")
    if not (_CP1252_UNDEFINED & set(body[:65536])):
        text = body.decode("cp1252")
        letters = _LETTER.findall(text[:65536])
        if letters and sum(not c.isascii() for c in letters) / len(letters) <= _MAX_ACCENTED_SHARE:
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(body[:1_000_000]).best()
    if best is None:
        raise UnsupportedInputError("binary data or an unknown text encoding; save the file as UTF-8 and try again")
    return body.decode(best.encoding, errors="replace")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any 8-bit or UTF-8 encoding (NULs, many control bytes)."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return controls / len(sample) > 0.05
