"""Strings from a document, made safe to print: nothing a document contains may drive the terminal.

A manifest field (``package="com.evil\\x1b]0;PWNED\\x07"``), a file name or a clause could carry ANSI/VT escape
sequences (colours, window title, cursor moves, hyperlinks, clipboard writes with OSC 52), C1 controls (``\\x9b`` is a
one-byte CSI on some terminals) or bidirectional controls that reorder what is shown. ``for_terminal`` removes them
all (an ESC and the sequence it starts, as a whole), keeping tab and newline; ``one_line`` also folds line breaks, for
error lines and names. fineprint's own colours are added after this, by the text renderer.
"""
from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final byte), OSC/DCS/SOS/PM/APC (ESC ] ... BEL or ST), and two-byte ESC x.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"                 # CSI
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC up to BEL / ST
    r"|\x1b[ -~]?"                              # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]?"                  # 8-bit CSI
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC, DCS, SOS, PM, APC
)
# Other C0 controls (not tab, newline), DEL, other C1 controls, bidirectional controls and marks.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\r\n\u0085\u2028\u2029]+")


def for_terminal(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline kept)."""
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("", _ESCAPE_SEQUENCE.sub("", text))


def same_length(text: str) -> str:
    """``for_terminal`` for a document's or a clause's text, whose offsets the findings' spans and highlights point
    into: every character it would remove becomes a space instead (an escape sequence, a control character, the CR
    of a CRLF), so the text keeps its length and each offset still points at the same word."""
    if not text:
        return text
    text = _ESCAPE_SEQUENCE.sub(lambda m: " " * len(m.group()), text)
    return _CONTROLS.sub(" ", text)


def one_line(text: str) -> str:
    """``for_terminal`` on one line: line breaks become spaces."""
    return for_terminal(_LINE_BREAKS.sub(" ", text or ""))


# dataclass fields that hold a document's or a clause's text: spans and highlights are offsets into them
_OFFSET_FIELDS = frozenset({"text"})


def clean(value):
    """A copy of ``value`` (a ``Report`` or any frozen dataclass, tuple, list or dict of them) whose every string went
    through ``for_terminal`` (a ``text`` field through ``same_length``, so that the findings' offsets still point at
    their words): what the report renderers print comes from here."""
    import dataclasses

    if isinstance(value, str):
        return for_terminal(value)
    if isinstance(value, tuple):
        return tuple(clean(v) for v in value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = same_length(old) if f.name in _OFFSET_FIELDS and isinstance(old, str) else clean(old)
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
