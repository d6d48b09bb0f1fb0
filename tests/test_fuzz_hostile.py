"""Fuzzing (hypothesis, bounded in time) of every ingest entry point and of the segmenter, issue 14.

Properties: whatever the bytes, name, HTTP headers or redirect target, ingest returns a Document (or AppModel) or
raises a ``fineprint.errors.InputError`` — never another exception, never a raw library error; the segmenter's
clauses are inside the text and in order; the bounded readers never return more than their cap; nothing
``safetext`` lets through can drive a terminal. Each property has a fixed example budget and no per-example deadline
(CI is a loaded 2-core machine); ``@example`` rows keep the inputs found by the red team and by these tests as
regression cases (docs/security.md lists them).
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import zipfile
import zlib
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
import hostile_inputs as hostile  # noqa: E402
from ingest_builders import build_docx, build_text_pdf  # noqa: E402

from fineprint.errors import InputError  # noqa: E402
from fineprint.ingest import load  # noqa: E402
from fineprint.settings import Settings  # noqa: E402

# FINEPRINT_FUZZ_EXAMPLES raises the example budget for a longer campaign (docs/security.md reports one); CI keeps 60.
FUZZ = settings(max_examples=int(os.environ.get("FINEPRINT_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.data_too_large])
SMALL = Settings(detectors=("rules",))
NAMES = st.sampled_from([None, "x.txt", "x.md", "x.html", "x.pdf", "x.docx", "x"])
PDF = build_text_pdf([["Terms of Service. We may sell your personal data."]] * 3)
DOCX = build_docx()


def loads_or_input_error(data: bytes, name: str | None) -> None:
    try:
        load(data, SMALL, name=name)
    except InputError:
        pass


# --------------------------------------------------------------------------- structure-aware byte mutations
def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for pos, cut, insert in edits:
        pos %= max(1, len(out))
        out[pos:pos + cut] = insert
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 64),
                           st.sampled_from([b"", b"\x00", b"\xff" * 4, b"99999999", b"-1", b"<<", b">>", b"[", b"]",
                                            b"R", b"/Kids [", b"obj", b"endstream", b"PK\x03\x04", b"PK\x01\x02",
                                            b"\x1b[31m", b"\xe2\x80\xae"])), max_size=8)


@FUZZ
@given(EDITS)
@example([(0, 0, b"")])
def test_mutated_pdf(edits):
    loads_or_input_error(_mutate(PDF, edits), "t.pdf")


@FUZZ
@given(EDITS)
@example([(0, 0, b"")])
def test_mutated_docx(edits):
    loads_or_input_error(_mutate(DOCX, edits), "t.docx")


@pytest.mark.parametrize("name, build", [
    ("bomb.pdf", lambda: hostile.pdf_cpu_bomb(200, 8)),   # red team: one shared content stream
    ("deep.pdf", lambda: hostile.pdf_deep_page_tree(2000)),  # red team: 20,000-level page tree (smaller here)
    ("wide.pdf", lambda: hostile.pdf_wide_kids(200_000)),  # red team: 2.5M-entry Kids array (smaller here)
    ("v.docx", hostile.zip_bad_version),  # red team: zip "version 18.8"
    ("lie.docx", lambda: hostile.docx_lying_sizes(20)),  # red team: declared 1,000 bytes
])
def test_red_team_regressions(name, build):
    with pytest.raises(InputError):
        load(build(), SMALL, name=name)


# ------------------------------------------------------------------------------------------- text and HTML
CONTROLS = st.sampled_from(["\u202e", "\u202c", "\u2066", "\u2069", "\u202a", "\x1b[31m", "\x1b]0;x\x07", "\x9b",
                            "\x00", "\r", "\n", "\u2028", "\ufeff", "\u00ad"])
WORDS = st.sampled_from(["We may sell your data. ", "You waive any right. ", "Nous pouvons ", "§ 3 ", "1. ",
                         "- ", "* ", "(a) ", "ARTICLE ", ";", ".", "…", "«", " "])
TEXTS = st.lists(st.one_of(WORDS, CONTROLS, st.text(max_size=20)), max_size=120).map("".join)


@FUZZ
@given(TEXTS, st.sampled_from(["x.txt", "x.md", "x.html"]))
@example("\u202e" + "We may sell your personal data."[::-1], "x.txt")  # red team: right-to-left override
def test_text_html_and_markdown(text, name):
    data = (f"<html><body><p>{text}</p></body></html>" if name.endswith(".html") else text).encode("utf-8")
    loads_or_input_error(data, name)


@FUZZ
@given(TEXTS)
def test_segmenter_clauses_lie_inside_the_text_in_order(text):
    from fineprint.ingest import build_document
    from fineprint.ingest.structure import plain_text_blocks
    from fineprint.ingest.textnorm import normalize_text
    from fineprint.segment import segment_clauses

    clean = normalize_text(text)
    if not clean.strip():
        return
    doc = build_document(clean, plain_text_blocks(clean), source="fuzz", data=clean.encode(), media_type="text/plain")
    clauses = segment_clauses(doc)
    previous_end = 0
    for clause in clauses:
        assert 0 <= clause.start < clause.end <= len(doc.text)
        assert clause.start >= previous_end
        previous_end = clause.end
        assert not any(c in clause.text for c in "\u202e\u202c\u2066\u2069\x1b\x9b\x00")


# ----------------------------------------------------------------------------------------- URL fetch
def _resolver(host, port):
    return ["93.184.216.34"]


@FUZZ
@given(st.one_of(st.text(max_size=60), st.sampled_from(["javascript:alert(1)", "data:text/html,x", "mailto:a@b",
                                                        "//", "http://", "http://[::1", "\x00", "ftp://x/",
                                                        "http://10.0.0.1/", "http://[fec0::1]/"])))
@example("javascript:alert(1)")  # red team: internal error InvalidURL before
def test_any_redirect_target(location):
    from fineprint.ingest.url import fetch

    def handler(request):
        if request.url.path == "/":
            try:
                return httpx.Response(302, headers={"Location": location})
            except (UnicodeEncodeError, ValueError):
                return httpx.Response(302, headers={"Location": "x"})
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"Terms.")

    try:
        fetch("http://example.com/", Settings(), transport=httpx.MockTransport(handler), resolver=_resolver)
    except InputError:
        pass


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["gzip", "deflate", "x-gzip", "br", "identity", ""]))
@example(gzip.compress(b"a" * (3 * 1024 * 1024)), "gzip")  # inflates past the 1 MB cap below
def test_any_body_and_content_encoding(body, encoding):
    from fineprint.ingest.url import fetch

    def handler(request):
        return httpx.Response(200, headers={"Content-Type": "text/plain", "Content-Encoding": encoding}, content=body)

    transport = httpx.MockTransport(handler)
    try:
        raw = fetch("http://example.com/", Settings(max_bytes=1024 * 1024), transport=transport, resolver=_resolver)
        assert len(raw.data) <= 1024 * 1024
    except InputError:
        pass


@pytest.mark.parametrize("url", ["http://", "http://[::1", "http://exa mple.com/", "https://a..b/", "http://user@/",
                                 "http://%00/", "https://xn--/", "http://[fec0::1]/", "htt p://x", "http:///x"])
def test_odd_urls_are_clean_errors(url):
    with pytest.raises(InputError):
        load(url, Settings(fetch_timeout=2))


# ------------------------------------------------------------------------------------------ bounded reading
@FUZZ
@given(st.binary(max_size=4000), st.integers(1, 5000), st.sampled_from(["gzip", "deflate", "identity"]))
def test_inflate_never_passes_its_cap(data, cap, encoding):
    from fineprint.ingest.bounded import inflate

    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "identity": lambda d: d}[encoding](data * 4)
    pieces = [packed[i:i + 97] for i in range(0, len(packed), 97)]
    try:
        out = b"".join(inflate(pieces, encoding, cap))
    except InputError:
        assert len(data) * 4 > cap
        return
    assert out == data * 4 and len(out) <= cap


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=12), st.binary(max_size=3000), max_size=6), st.integers(1, 20000))
@example({"\x00": b"x", "a": b"y"}, 100)  # found here: a NUL-named member made repack_zip raise IndexError
def test_repack_zip_caps_what_comes_out(members, cap):
    from fineprint.ingest.bounded import repack_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(members.items()):
            info = zipfile.ZipInfo(f"m{i}")
            info.filename = name  # any name, as a hostile archive may carry (zipfile's own writer would refuse some)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    try:
        out = repack_zip(buf.getvalue(), member_cap=cap, total_cap=cap)
    except InputError:
        return
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        assert sum(len(zf.read(i)) for i in zf.infolist()) <= cap


# --------------------------------------------------------------------------------------------- terminal
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
@example("com.evil\x1b[31m\x1b]0;PWNED\x07")  # red team: APK manifest package name
def test_for_terminal_lets_no_control_through(text):
    from fineprint.safetext import for_terminal, one_line

    out = for_terminal(text)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d"
                   "\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c" for c in out)
    assert "\n" not in one_line(text)
