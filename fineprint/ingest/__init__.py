"""Ingest: any supported input -> ``Document`` (or, for an Android app, the APK adapter's ``AppModel``).

``load(source, settings, name=None)`` accepts a path, an http(s) URL, ``"-"`` for standard input, or raw bytes (with
``name`` as a file-name hint). The format is sniffed from the content as well as the name; sizes are capped while
reading; every failure is a ``fineprint.errors.InputError`` with a one-line message. See docs/ingest.md.
"""
from __future__ import annotations

import hashlib
import os
import re
from contextlib import contextmanager

from ..errors import CorruptInputError, EmptyInputError, FineprintError, InputError, UnsupportedInputError
from ..model import Block, Document
from ..settings import DEFAULT, Settings
from .quiet import quiet_libraries
from .sniff import sniff_format
from .source import RawInput, check_path, describe_size, read_file, read_head, read_stdin, too_large

__all__ = ["load", "load_raw", "build_document"]

_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
MEDIA_TYPES = {
    "text": "text/plain", "markdown": "text/markdown", "html": "text/html", "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def load(source: str | bytes | os.PathLike, settings: Settings = DEFAULT, name: str | None = None):
    """Read ``source`` (a path, an http(s) URL, ``"-"`` for stdin, or bytes with ``name`` as a hint) and return a
    ``Document`` (or an ``AppModel`` for an APK). Raises an ``InputError`` subclass for any bad input."""
    label = name or (source if isinstance(source, str) else None)
    with quiet_libraries(), library_errors(label):
        return _load(source, settings, name)


@contextmanager
def library_errors(source: str | None):
    """The ingest boundary: any exception a parsing library lets out (pypdf, lxml, python-docx, zipfile, ...) becomes
    a one-line ``CorruptInputError``; fineprint's own errors, ``MemoryError`` (the document budget) and interrupts
    pass through unchanged."""
    try:
        yield
    except (FineprintError, MemoryError):
        raise
    except RecursionError:
        raise CorruptInputError("the input is nested too deeply to be read (damaged or hostile)", source=source) \
            from None
    except Exception as exc:  # noqa: BLE001 - that is the point of the boundary
        text = " ".join(str(exc).split())[:160]
        raise CorruptInputError(f"damaged or unreadable input ({type(exc).__name__}{': ' + text if text else ''})",
                                source=source) from None


def _load(source: str | bytes, settings: Settings, name: str | None):
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > settings.max_bytes:
            raise too_large(describe_size(len(data)), settings, source=name)
        return load_raw(RawInput(data=data, source=name or "<bytes>", name=name), settings)
    if isinstance(source, os.PathLike):
        source = os.fspath(source)
    if not isinstance(source, str):
        raise InputError(f"cannot read a {type(source).__name__}; give a path, a URL, '-' or bytes")
    if source == "-":
        return load_raw(read_stdin(settings), settings)
    if source.lower().startswith(("http://", "https://")):
        from .url import fetch

        return load_raw(fetch(source, settings), settings)
    if _URL_SCHEME.match(source) and not source.lower().startswith("file://"):
        raise UnsupportedInputError(f"unsupported URL scheme {source.split(':', 1)[0]!r}; only http and https URLs "
                                    "are fetched", source=source)
    path = source[7:] if source.lower().startswith("file://") else source
    st = check_path(path)
    head = read_head(path)
    if not head:
        raise EmptyInputError("the file is empty", source=source)
    is_zip = head.startswith(b"PK")
    if st.st_size > settings.max_bytes and not is_zip:
        raise too_large(describe_size(st.st_size), settings, source=source)
    fmt = sniff_format(head, name or path, zip_source=path if is_zip else None)
    if fmt == "apk":
        # APKs are handed over by path: androguard reads the archive itself, within the APK time/memory budget.
        return _load_apk(path, settings, name or path)
    return load_raw(read_file(path, settings, st), settings, fmt=fmt)


def load_raw(raw: RawInput, settings: Settings = DEFAULT, fmt: str | None = None):
    """Turn bytes already read into a Document (or AppModel)."""
    with library_errors(raw.source):
        return _load_raw(raw, settings, fmt)


def _load_raw(raw: RawInput, settings: Settings, fmt: str | None):
    from .textnorm import bidi_watch

    data = raw.data
    if not data:
        raise EmptyInputError("the input is empty", source=raw.source)
    try:
        if fmt is None:
            fmt = sniff_format(data[:8192], raw.name, raw.media_type, zip_source=data if data[:2] == b"PK" else None)
        if fmt == "apk":
            return _load_apk(raw.path or data, settings, raw.name or raw.source)
        warnings: list[str] = []
        title = None
        with bidi_watch() as bidi:
            text, blocks, title = _extract(fmt, data, raw, settings, warnings)
        if bidi[0]:
            warnings.append(f"this document uses {bidi[0]} bidirectional control character(s) (U+202A–202E, "
                            "U+2066–2069), which can make text display differently from how it is stored; fineprint "
                            "read right-to-left overrides in the order they display and removed the other controls")
    except InputError as exc:
        exc.source = exc.source or raw.source
        raise
    if not text.strip():
        hint = ("; if the page is built by JavaScript, save it from your browser (File > Save page) and audit the "
                "saved file") if fmt == "html" else ""
        raise EmptyInputError(f"no readable text in this input{hint}", source=raw.source)
    return build_document(text, blocks, source=raw.source, data=data, media_type=MEDIA_TYPES[fmt], title=title,
                          warnings=tuple(warnings), prefer=settings.lang)


def _extract(fmt: str, data: bytes, raw: RawInput, settings: Settings, warnings: list[str]):
    """``(text, blocks, title)`` of one non-APK input; format-specific warnings are appended to ``warnings``."""
    title = None
    if fmt in ("text", "markdown"):
        from .text import extract_text

        text, blocks = extract_text(data, markdown=fmt == "markdown", declared_charset=raw.charset)
    elif fmt == "html":
        from .html import extract_html

        text, blocks, title = extract_html(data, raw.charset)
    elif fmt == "pdf":
        from .pdf import extract_pdf

        text, blocks, title, pdf_warnings = extract_pdf(data, settings)
        warnings.extend(pdf_warnings)
    elif fmt == "docx":
        from .docx import extract_docx

        text, blocks, title = extract_docx(data, settings)
    else:  # sniff_format only returns the formats above
        raise UnsupportedInputError(f"unsupported format {fmt!r}")
    return text, blocks, title


def build_document(text: str, blocks: tuple[Block, ...], *, source: str, data: bytes, media_type: str,
                   title: str | None = None, warnings: tuple[str, ...] = (), prefer: str | None = None) -> Document:
    """Add language, kind and checksum to extracted text. ``prefer`` (the user's ``--lang``) picks the version read in
    a document published in several languages."""
    from .kind import detect_kind
    from .language import detect_language, language_versions

    language, lang_warnings = detect_language(text)
    read, spans, version_warnings = language_versions(text, blocks, language, prefer)
    if spans:
        language, lang_warnings = read[0], version_warnings
    headings = tuple(text[b.start:b.end] for b in blocks if b.kind == "heading")
    if title is None and headings:
        title = headings[0]
    kind = detect_kind(text, title, headings, source)
    return Document(text=text, source=source, language=language, kind=kind, sha256=hashlib.sha256(data).hexdigest(),
                    media_type=media_type, title=title, blocks=tuple(blocks), warnings=(*warnings, *lang_warnings),
                    languages=spans, versions_read=read if spans else ())


def _load_apk(path_or_bytes, settings: Settings, name: str | None):
    try:
        from .apk import load_apk
    except ImportError as exc:
        from ..errors import ResourceError

        raise ResourceError(f"APK support is not available ({exc}); install it with: pip install 'fineprint[apk]'") \
            from None
    return load_apk(path_or_bytes, settings, name)
