"""Text normalisation shared by every format, and the assembler that turns structured pieces into one text.

Normalisation is done once, before any offset is computed, so offsets in ``Document.blocks`` and in clauses are 1:1
with ``Document.text``: Unicode NFC; no-break, narrow no-break and other fixed-width spaces become a plain space
(French typography puts them before ; : ! ? and inside « »); soft hyphens and zero-width characters are removed;
line ends become ``\\n``; control characters other than tab and newline are removed.

Bidirectional controls (U+202A–202E, U+2066–2069, U+061C) are resolved before that: a right-to-left override run
(U+202E … U+202C or the end of the line) is stored in the order a reader sees it, so that "\u202e.atad ruoy lles yam
eW" is read, flagged and quoted as "We may sell your data."; every other bidi control is removed. ``bidi_watch()``
counts the documents' controls so that ``load`` can warn that a document uses them (docs/security.md).
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..model import Block

_SPACES = "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_LINE_BREAKS = "\u2028\u2029\x0b\x0c\x85"


def _cp1252(code: int) -> str | None:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return None


# C1 controls in a real document are Windows-1252 text decoded as Latin-1 somewhere upstream (Tunisair's French
# conditions of carriage hold 213 of them: "passager\x92s", "c\x9cur"): each becomes the character it was written as
# (one for one, offsets unchanged), so "don\x92t" still reads as "don't"; the five positions Windows-1252 leaves
# undefined carry no text. U+0085 stays a line break (NEL).
C1_AS_CP1252 = {c: _cp1252(c) for c in range(0x80, 0xA0) if c != 0x85}
_C1 = re.compile("[\x80-\x84\x86-\x9f]")


def repair_c1(text: str) -> str:
    """``text`` with its C1 controls read as the Windows-1252 characters they were (same length but for the five
    undefined positions, which are removed)."""
    return text.translate(C1_AS_CP1252) if _C1.search(text) else text


_TRANSLATION = {
    **{ord(c): " " for c in _SPACES},
    **{ord(c): None for c in _INVISIBLE},
    **{ord(c): "\n" for c in _LINE_BREAKS},
    # C0 controls other than tab / newline and DEL carry no text.
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)},
    0x7F: None,
    **C1_AS_CP1252,  # see repair_c1
}
_NEWLINES = re.compile(r"\r\n?")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u061c]")
_OVERRIDE_RTL = re.compile("\u202e([^\u202a-\u202e\u2066-\u2069\n]*)(?:\u202c|(?=\n)|$)")
_BIDI_SEEN: ContextVar[list[int] | None] = ContextVar("fineprint_bidi_seen", default=None)


@contextmanager
def bidi_watch():
    """``with bidi_watch() as seen:`` ... ``seen[0]`` = bidi controls met by the normalisers in the block."""
    seen = [0]
    token = _BIDI_SEEN.set(seen)
    try:
        yield seen
    finally:
        _BIDI_SEEN.reset(token)


def resolve_bidi(text: str) -> str:
    """Right-to-left override runs written in reading order; every other bidirectional control removed."""
    if not _BIDI.search(text):
        return text
    seen = _BIDI_SEEN.get()
    if seen is not None:
        seen[0] += len(_BIDI.findall(text))
    text = _OVERRIDE_RTL.sub(lambda m: m.group(1)[::-1], text)
    return _BIDI.sub("", text)
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_INLINE_SPACE = re.compile(r"[ \t]+")
_PIECE_SPACE = re.compile(r"[ \t]*\n[ \t]*|[ \t]+")


def normalize_text(text: str) -> str:
    """Normalise a whole document's text (layout kept: line breaks and blank lines stay)."""
    text = resolve_bidi(_NEWLINES.sub("\n", text)).translate(_TRANSLATION)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return _MANY_BLANK_LINES.sub("\n\n", text).strip("\n ")


def normalize_piece(text: str, *, keep_line_breaks: bool = False) -> str:
    """Normalise one extracted piece (a paragraph, a heading, a list item): whitespace runs become one space.

    With ``keep_line_breaks`` a line break in the piece (a ``<br>`` in HTML) stays a single ``\\n``.
    """
    text = unicodedata.normalize("NFC", resolve_bidi(_NEWLINES.sub("\n", text)).translate(_TRANSLATION))
    if keep_line_breaks:
        text = _PIECE_SPACE.sub(lambda m: "\n" if "\n" in m.group() else " ", text)
        text = re.sub(r"\n+", "\n", text)
    else:
        text = " ".join(text.split())
    return text.strip()


@dataclass
class TextAssembler:
    """Collects structured pieces in reading order and builds the document text with block offsets.

    Paragraphs and headings are separated by a blank line; consecutive list items and table rows by one line break.
    """

    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    length: int = 0
    _last_kind: str | None = None

    def add(self, kind: str, text: str, level: int = 0, *, keep_line_breaks: bool = False) -> None:
        text = normalize_piece(text, keep_line_breaks=keep_line_breaks)
        if not text:
            return
        if self.parts:
            tight = kind == self._last_kind and kind in ("list-item", "table-row")
            sep = "\n" if tight else "\n\n"
            self.parts.append(sep)
            self.length += len(sep)
        self.parts.append(text)
        self.blocks.append(Block(start=self.length, end=self.length + len(text), kind=kind, level=level))
        self.length += len(text)
        self._last_kind = kind

    def text(self) -> str:
        return "".join(self.parts)
