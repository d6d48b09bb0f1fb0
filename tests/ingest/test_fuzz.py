"""Hostile bytes: whatever the content and the name, ingest returns a Document or raises an InputError — never
another exception (which the CLI would show as an internal error)."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fineprint.errors import InputError
from fineprint.ingest import load
from fineprint.model import Document
from ingest_builders import build_docx, build_text_pdf

NAMES = st.sampled_from([None, "x.txt", "x.md", "x.html", "x.pdf", "x.docx", "x.apk", "x"])


def load_or_input_error(data: bytes, name: str | None) -> None:
    try:
        doc = load(data, name=name)
    except InputError:
        return
    assert isinstance(doc, Document) or doc is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), NAMES)
def test_random_bytes(data, name):
    load_or_input_error(data, name)


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=2000), NAMES, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_random_text_in_any_encoding(text, name, encoding):
    load_or_input_error(text.encode(encoding, errors="ignore"), name)


MARKUP = st.sampled_from(["<div>", "<p>", "<ul><li>", "<table><tr><td>", "</div>", "</p>", "<br>", "<h2>",
                          "Some words. ", "<script>", "</script>", "<!--", "-->", "&nbsp;", "&#0;", "<![CDATA[",
                          "<?xml?>", "«", "<meta charset='bogus'>", "\x00"])


@settings(max_examples=80, deadline=None)
@given(st.lists(MARKUP, max_size=200))
def test_random_markup(parts):
    load_or_input_error(("<html><body>" + "".join(parts)).encode(), "page.html")


def _mutations(data: bytes):
    yield data[: len(data) // 2]
    yield data[: len(data) - 30]
    for i in range(0, len(data), max(1, len(data) // 12)):
        yield data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
        yield data[:i] + data[i + 40:]


@pytest.mark.parametrize("name, data", [("t.pdf", build_text_pdf([["Terms of Service. We may change them."]] * 2)),
                                        ("t.docx", build_docx())])
def test_damaged_documents(name, data):
    for damaged in _mutations(data):
        load_or_input_error(damaged, name)


def test_zip_with_a_damaged_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types")
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    load_or_input_error(buf.getvalue(), "t.docx")
