"""Plain text and Markdown -> text with structure (layout kept, so offsets follow the file's lines)."""
from __future__ import annotations

from .decode import decode_bytes
from .structure import plain_text_blocks
from .textnorm import normalize_text


def extract_text(data: bytes, *, markdown: bool = False, declared_charset: str | None = None) -> tuple[str, tuple]:
    """``(text, blocks)`` of a .txt or .md file."""
    text = normalize_text(decode_bytes(data, declared_charset))
    return text, plain_text_blocks(text, markdown=markdown)
