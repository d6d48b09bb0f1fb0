"""Plain text and Markdown -> text with structure (layout kept, so offsets follow the file's lines).

Markdown inline markup (emphasis, links, inline code, images) is reduced to its text before structure is found, so
clauses quote the words and not the markup; line structure is unchanged.
"""
from __future__ import annotations

import re

from .decode import decode_bytes
from .structure import plain_text_blocks
from .textnorm import normalize_text

_MD_INLINE = (
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [text][ref] -> text
    (re.compile(r"(?<![\w`])`([^`\n]+)`(?![\w`])"), r"\1"),  # `code`
    (re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1"), r"\2"),  # **strong**
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),  # _emphasis_
    (re.compile(r"~~(?=\S)([^\n]+?)(?<=\S)~~"), r"\1"),  # ~~strike~~
    (re.compile(r"</?(?:br|span|sup|sub|em|strong|b|i|u)\b[^>\n]*>", re.IGNORECASE), ""),  # inline HTML
    (re.compile(r"^\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE), ""),  # link reference definitions
)


def strip_markdown_inline(text: str) -> str:
    """Markdown inline markup reduced to its text; block markup (#, lists, >) is left for the structure pass."""
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def extract_text(data: bytes, *, markdown: bool = False, declared_charset: str | None = None) -> tuple[str, tuple]:
    """``(text, blocks)`` of a .txt or .md file."""
    text = decode_bytes(data, declared_charset)
    if markdown:
        text = strip_markdown_inline(text)
    text = normalize_text(text)
    return text, plain_text_blocks(text, markdown=markdown)
