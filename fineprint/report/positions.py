"""Where a finding is in the ORIGINAL file, not only in the extracted text.

Ingest normalises text before any offset is computed (line ends, no-break spaces, trailing spaces, runs of blank
lines, leading blank lines, Markdown inline markup such as ``**bold**`` or ``[text](url)``), so an offset into
``Report.text`` is not an offset into the file the user opened: a sentence at line 8 of a .txt file could be
reported at line 5. This module replays the same transformations on the original file while tracking, for every
character of the result, the character of the file it came from (the patterns are imported from ingest, so the two
cannot drift apart silently: when the replay does not give back ``Report.text`` exactly, no file position is
claimed and positions fall back to the extracted text, ``exact=False``).

    positions(report)            -> [Position | None] aligned with report.findings (None: an app or missing finding)
    positions(report, data=raw)  -> the same, for bytes the caller still holds (an upload, a URL response)

``Position.line``/``column`` are 1-based, ``offset``/``end_offset`` 0-based character offsets (Unicode code points,
SARIF's "unicodeCodePoints"), ``end_*`` exclusive. For .txt and .md files ``exact`` is True and
``original[offset:end_offset]`` holds the finding's text (with its markup, if the Markdown had some). For HTML, PDF
and DOCX (no character-level link to the file) ``anchor`` names the nearest stable place instead: a text fragment
(``#:~:text=…``, which browsers scroll to and highlight) for HTML, and ``heading`` the section heading above.
"""
from __future__ import annotations

import bisect
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import quote

from ..model import Finding, Report

TEXT_MEDIA = ("text/plain", "text/markdown")
FRAGMENT_WORDS = 4  # words at each end of a text fragment: enough to be unique, short enough to survive edits


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int
    offset: int
    end_line: int
    end_column: int
    end_offset: int
    exact: bool  # True: offsets into the original file; False: into the extracted text (HTML, PDF, DOCX, pasted text)
    anchor: str = ""  # "#:~:text=…" for HTML inputs
    heading: str = ""  # the section heading above the clause, "" if none
    word_line: int = 0  # where the clause's first word is, when layout comes first (a table's empty header rows)
    word_column: int = 0

    @property
    def shown_line(self) -> int:
        """The line a reader is sent to: the first word's (``line`` stays the span's exact start, for SARIF and
        tools: Salto's « Les CGU sont soumises au droit français » starts on the empty header row of a layout table,
        two lines above its words)."""
        return self.word_line or self.line

    @property
    def shown_column(self) -> int:
        return self.word_column or self.column

    def as_dict(self) -> dict:
        out = {"line": self.line, "column": self.column, "offset": self.offset, "end_line": self.end_line,
               "end_column": self.end_column, "end_offset": self.end_offset,
               "in": "file" if self.exact else "text"}
        if self.anchor:
            out["anchor"] = self.anchor
        if self.heading:
            out["heading"] = self.heading
        return out


class Tracked:
    """A string and, for each of its characters, the offset of the character of the original it came from."""

    def __init__(self, text: str, origin: list[int] | None = None) -> None:
        self.text = text
        self.origin = origin if origin is not None else list(range(len(text)))

    def sub(self, pattern: re.Pattern, template: str) -> "Tracked":
        """``pattern.sub(template, text)`` for templates made of group references (``\\1``) and literal text.
        Characters copied from a group keep their origin; a literal character takes the origin of the same
        character inside the match when there is one (the "\\n" that ends a trailing-space run), else the match's."""
        parts = re.split(r"\\(\d)", template)
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        text, src = self.text, self.origin
        for m in pattern.finditer(text):
            out.append(text[pos:m.start()])
            origin.extend(src[pos:m.start()])
            for k, part in enumerate(parts):
                if k % 2:
                    g0, g1 = m.span(int(part))
                    if g0 >= 0:
                        out.append(text[g0:g1])
                        origin.extend(src[g0:g1])
                else:
                    for ch in part:
                        inside = text.find(ch, m.start(), m.end())
                        out.append(ch)
                        origin.append(src[inside] if inside >= 0 else (src[m.start()] if m.start() < len(src)
                                                                         else (src[-1] + 1 if src else 0)))
            pos = m.end()
        out.append(text[pos:])
        origin.extend(src[pos:])
        return Tracked("".join(out), origin)

    def bidi(self) -> "Tracked":
        """ingest's ``textnorm.resolve_bidi`` with origins: a right-to-left override run reversed into reading order
        (its characters keep their own origins), every other bidirectional control removed."""
        from ..ingest import textnorm

        text, src = self.text, self.origin
        if not textnorm._BIDI.search(text):
            return self
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in textnorm._OVERRIDE_RTL.finditer(text):
            out.extend(text[pos:m.start()])
            origin.extend(src[pos:m.start()])
            g0, g1 = m.span(1)
            out.extend(reversed(text[g0:g1]))
            origin.extend(reversed(src[g0:g1]))
            pos = m.end()
        out.extend(text[pos:])
        origin.extend(src[pos:])
        keep = [i for i, ch in enumerate(out) if not textnorm._BIDI.match(ch)]
        return Tracked("".join(out[i] for i in keep), [origin[i] for i in keep])

    def translate(self, table: dict) -> "Tracked":
        out: list[str] = []
        origin: list[int] = []
        for ch, o in zip(self.text, self.origin):
            new = table.get(ord(ch), ch)
            if new is None or new == "":
                continue
            out.append(new)
            origin.extend([o] * len(new))
        return Tracked("".join(out), origin)

    def nfc(self) -> "Tracked":
        """Unicode NFC, word by word (composition never crosses whitespace): a word that changes is mapped mark
        group by mark group when that gives NFC's result, else every character of it to the word's start."""
        if unicodedata.is_normalized("NFC", self.text):
            return self
        out: list[str] = []
        origin: list[int] = []
        text, src = self.text, self.origin
        for m in re.finditer(r"\S+|\s+", text):
            lo, word = m.start(), m.group()
            if unicodedata.is_normalized("NFC", word):
                out.append(word)
                origin.extend(src[lo:m.end()])
                continue
            target = unicodedata.normalize("NFC", word)
            pieces, starts, i = [], [], 0
            while i < len(word):
                j = i + 1
                while j < len(word) and _continues(word[j]):
                    j += 1
                pieces.append(unicodedata.normalize("NFC", word[i:j]))
                starts.append(i)
                i = j
            out.append(target)
            if "".join(pieces) == target:
                for piece, i in zip(pieces, starts):
                    origin.extend([src[lo + i]] * len(piece))
            else:
                origin.extend([src[lo]] * len(target))
        return Tracked("".join(out), origin)

    def strip(self, chars: str) -> "Tracked":
        lo, hi = 0, len(self.text)
        while lo < hi and self.text[lo] in chars:
            lo += 1
        while hi > lo and self.text[hi - 1] in chars:
            hi -= 1
        return Tracked(self.text[lo:hi], self.origin[lo:hi])


def _continues(ch: str) -> bool:
    """A character NFC may fold into the one before it: a combining mark, or a Hangul vowel or final jamo."""
    return bool(unicodedata.combining(ch)) or "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff"


def replay_text(original: str, markdown: bool) -> Tracked:
    """What ingest.text.extract_text makes of ``original`` (already decoded), with origins."""
    from ..ingest import textnorm
    from ..ingest.text import _MD_INLINE

    t = Tracked(original)
    if markdown:
        for pattern, template in _MD_INLINE:
            t = t.sub(pattern, template)
    t = t.sub(textnorm._NEWLINES, "\n").bidi().translate(textnorm._TRANSLATION).nfc()
    t = t.sub(textnorm._TRAILING_SPACE, "\n")
    return t.sub(textnorm._MANY_BLANK_LINES, "\n\n").strip("\n ")


class _Lines:
    """Line starts after LF, CRLF or a lone CR (what editors and SARIF count as line ends)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", text)]
        self.length = len(text)

    def at(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


class SourceMap:
    """Offsets of the extracted text -> positions in the original file (or in the text itself when unknown)."""

    def __init__(self, text: str, original: str | None = None, origin: Sequence[int] | None = None,
                 html: bool = False) -> None:
        self.text = text
        self.original = original if original is not None and origin is not None else None
        self.origin = origin
        self.lines = _Lines(self.original if self.original is not None else text)
        self.html = html

    @property
    def exact(self) -> bool:
        return self.original is not None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) in the original file (or the text when no file is known)."""
        if self.original is None or not self.origin:
            return start, end
        start = max(0, min(start, len(self.origin) - 1))
        end = max(start + 1, min(end, len(self.origin)))
        return self.origin[start], self.origin[end - 1] + 1

    def position(self, start: int, end: int, heading: str = "", focus: int | None = None) -> Position:
        """Where the span ``start``-``end`` of the text is; ``focus``, the offset of its first decisive word, moves the
        line shown to a reader when the clause runs over several lines (a table's rows read as one passage: the
        Comptoir reader was sent to line 103 for Japan on line 105, session 40)."""
        o_start, o_end = self.span(start, end)
        line, column = self.lines.at(o_start)
        end_line, end_column = self.lines.at(o_end)
        anchor = text_fragment(self.text[start:end]) if self.html and not self.exact else ""
        word_line = word_column = 0
        lead = _LAYOUT_LEAD.match(self.text, start, end)
        if lead.end() > start and lead.end() < end and "\n" in lead.group():
            w_start, _ = self.span(lead.end(), end)
            word_line, word_column = self.lines.at(w_start)
        if focus is not None and start <= focus < end and end_line > line:
            f_start, _ = self.span(focus, min(end, focus + 1))
            f_line, f_column = self.lines.at(f_start)
            if f_line > (word_line or line):
                word_line, word_column = f_line, f_column
        return Position(line, column, o_start, end_line, end_column, o_end, self.exact, anchor, heading,
                        word_line, word_column)


_LAYOUT_LEAD = re.compile(r"[\s|:\-]*")  # blank lines and Markdown table rows/rules before a clause's first word


def text_fragment(passage: str) -> str:
    """A URL text fragment (``#:~:text=start,end``) that makes a browser scroll to ``passage`` and highlight it."""
    words = passage.split()
    if not words:
        return ""

    def enc(ws: list[str]) -> str:
        return quote(" ".join(ws), safe="")  # "-", "," and "&" must be escaped inside a text directive

    if len(words) <= 2 * FRAGMENT_WORDS:
        return "#:~:text=" + enc(words).replace("-", "%2D")
    return ("#:~:text=" + enc(words[:FRAGMENT_WORDS]).replace("-", "%2D") + ","
            + enc(words[-FRAGMENT_WORDS:]).replace("-", "%2D"))


def _read_source(source: str, sha256: str) -> bytes | None:
    """The audited file's bytes when ``source`` is a local file that still has the audited content."""
    if not source or source == "-" or "://" in source:
        return None
    try:
        if not os.path.isfile(source) or os.path.getsize(source) > 64 * 1024 * 1024:
            return None
        with open(source, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if sha256:
        import hashlib

        if hashlib.sha256(data).hexdigest() != sha256:
            return None  # the file changed since the audit: its positions would lie
    return data


_LAST: list = []  # (key, SourceMap) of the last report mapped: one render asks several times


def source_map(report: Report, data: bytes | None = None) -> SourceMap:
    """The map for ``report``: exact when the original bytes (``data``, or the file named by the report's source)
    are text or Markdown that replay into ``report.text``."""
    key = (report.document.source, report.document.sha256, id(report.text), len(report.text))
    if data is None and _LAST and _LAST[0][0] == key:
        return _LAST[0][1]
    smap = _source_map(report, data)
    if data is None:
        _LAST[:] = [(key, smap)]
    return smap


def _source_map(report: Report, data: bytes | None) -> SourceMap:
    text = report.text
    if data is None and text:
        data = _read_source(report.document.source, report.document.sha256)
    html = False
    if data is not None and text:
        head = data[:2048].lstrip().lower()
        html = head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head
        if not html and not data[:4].startswith((b"%PDF", b"PK\x03\x04")):
            try:
                from ..ingest.decode import decode_bytes

                original = decode_bytes(data)
            except Exception:  # noqa: BLE001 - undecodable: no file positions, the text ones stay
                original = None
            if original is not None:
                for markdown in _markdown_first(report.document.source):
                    replayed = replay_text(original, markdown)
                    if replayed.text == text:
                        return SourceMap(text, original, replayed.origin)
    if report.document.source.lower().endswith((".html", ".htm", ".xhtml")) or "://" in report.document.source:
        html = True
    return SourceMap(text, html=html)


def _markdown_first(source: str) -> tuple[bool, bool]:
    return (True, False) if source.lower().endswith((".md", ".markdown")) else (False, True)


def positions(report: Report, data: bytes | None = None,
              findings: Sequence[Finding] | None = None) -> list[Position | None]:
    """A Position for each finding of ``report`` (or of ``findings``: its less-certain ones) that has text in the
    document (None for app findings and missing disclosures)."""
    findings = report.findings if findings is None else findings
    if not report.text:
        return [None] * len(findings)
    smap = source_map(report, data)
    headings = _headings(report)
    out: list[Position | None] = []
    for f in findings:
        if not placed(f, report.text):
            out.append(None)
            continue
        focus = min((h.start for h in f.highlights if f.span.start <= h.start < f.span.end), default=None)
        out.append(smap.position(f.span.start, f.span.end, headings.get(f.clause_id or "", ""), focus))
    return out


def placed(f: Finding, text: str) -> bool:
    return not f.missing and 0 <= f.span.start < f.span.end <= len(text)


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def heading_text(heading: str) -> str:
    """A section heading as a reader sees it: one line, Markdown escapes undone ("3\\. Price" is "3. Price")."""
    return _MD_ESCAPE.sub(r"\1", " ".join(heading.split()))


def _headings(report: Report) -> dict[str, str]:
    return {c.id: heading_text(c.headings[-1]) for c in report.clauses if c.headings}


__all__ = ("Position", "SourceMap", "Tracked", "positions", "source_map", "replay_text", "text_fragment", "placed")
