"""Text normalisation shared by every format, and the assembler that turns structured pieces into one text.

Normalisation is done once, before any offset is computed, so offsets in ``Document.blocks`` and in clauses are 1:1
with ``Document.text``: Unicode NFC; no-break, narrow no-break and other fixed-width spaces become a plain space
(French typography puts them before ; : ! ? and inside « »); soft hyphens and zero-width characters are removed;
line ends become ``\\n``; control characters other than tab and newline are removed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Block

_SPACES = "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_LINE_BREAKS = "\u2028\u2029\x0b\x0c\x85"
_TRANSLATION = {
    **{ord(c): " " for c in _SPACES},
    **{ord(c): None for c in _INVISIBLE},
    **{ord(c): "\n" for c in _LINE_BREAKS},
    # C0 controls other than tab / newline, DEL and C1 controls carry no text.
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)},
    0x7F: None,
    **{c: None for c in range(0x80, 0xA0) if c != 0x85},
}
_NEWLINES = re.compile(r"\r\n?")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_INLINE_SPACE = re.compile(r"[ \t]+")
_PIECE_SPACE = re.compile(r"[ \t]*\n[ \t]*|[ \t]+")


def normalize_text(text: str) -> str:
    """Normalise a whole document's text (layout kept: line breaks and blank lines stay)."""
    text = _NEWLINES.sub("\n", text).translate(_TRANSLATION)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return _MANY_BLANK_LINES.sub("\n\n", text).strip("\n ")


def normalize_piece(text: str, *, keep_line_breaks: bool = False) -> str:
    """Normalise one extracted piece (a paragraph, a heading, a list item): whitespace runs become one space.

    With ``keep_line_breaks`` a line break in the piece (a ``<br>`` in HTML) stays a single ``\\n``.
    """
    text = unicodedata.normalize("NFC", _NEWLINES.sub("\n", text).translate(_TRANSLATION))
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
