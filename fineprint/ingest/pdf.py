"""PDF -> text through its text layer (pypdf). A scanned PDF without a text layer fails with NoTextError (fineprint
does not do OCR); a password-protected one with EncryptedInputError. Running headers, footers and page numbers are
dropped, words hyphenated across lines are joined, and structure is recovered from the layout of lines."""
from __future__ import annotations

import io
import re
from collections import Counter
from contextlib import contextmanager

from ..errors import CorruptInputError, EncryptedInputError, InputTooLargeError, NoTextError
from ..settings import Settings
from .structure import plain_text_blocks
from .textnorm import normalize_text

MAX_PAGES = 2000
# Work bounded per page and per document, on what is actually inflated (fineprint/ingest/bounded.py says why):
# a page whose content streams inflate to more than MAX_PAGE_CONTENT is skipped (a page of text needs tens to a few
# hundred KB; pypdf parses about 1 MB of content a second; a 59 MB stream shared by 2,000 pages cost 9 s a page), reading stops once MAX_CONTENT has been inflated in all
# or MAX_BAD_PAGES pages in a row failed, and a content stream seen on an earlier page is not read again.
MAX_PAGE_CONTENT = 2 * 1024 * 1024
MAX_CONTENT = 64 * 1024 * 1024
MAX_BAD_PAGES = 25
# Pages are read for at most this share of the document's time budget (Settings.time_budget, counted from the start of
# the PDF's reading: loading the reader and parsing too); the pages read by then are audited, with a warning, rather
# than the whole document stopped by the budget.
PAGE_TIME_SHARE = 0.5
# pypdf's own limits (pypdf >= 6: pypdf.Configuration), tighter than its defaults where fineprint needs less.
PYPDF_LIMITS = {"zlib_maximum_output_length": MAX_PAGE_CONTENT + 1, "lzw_maximum_output_length": MAX_PAGE_CONTENT + 1,
                "run_length_maximum_output_length": MAX_PAGE_CONTENT + 1,
                "array_based_stream_maximum_output_length": MAX_PAGE_CONTENT + 1,
                "stream_parsing_work_maximum_count": 250_000, "page_tree_maximum_depth": 64,
                "page_tree_maximum_entries": 20_000}
MIN_CHARS_PER_PAGE = 20  # fewer letters than this on average: a scan, not a text layer
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of|sur|de)\s*\d{1,4})?\s*$", re.IGNORECASE)
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
_LETTER = re.compile(r"[^\W\d_]")
_GENERATED_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled|sans titre|document\d*$)|\.(?:docx?|pdf|odt|rtf|txt)$",
                              re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…»\"”)]\s*$")


def extract_pdf(data: bytes, settings: Settings) -> tuple[str, tuple, str | None, list[str]]:
    """``(text, blocks, title, warnings)`` of a PDF."""
    import time

    started = time.monotonic()  # the page-reading share of the budget counts from here: loading pypdf, parsing too
    with _pypdf_limits():
        return _extract_pdf(data, settings, started)


@contextmanager
def _pypdf_limits():
    try:
        from pypdf import Configuration, apply_configuration
    except ImportError:  # pypdf < 6: its built-in limits, and fineprint's own below
        yield
        return
    known = {k: v for k, v in PYPDF_LIMITS.items() if hasattr(Configuration, k)}
    with apply_configuration(**known):
        yield


def _limit_error():
    try:
        from pypdf.errors import LimitReachedError
    except ImportError:
        return ()
    return (LimitReachedError,)


def _extract_pdf(data: bytes, settings: Settings, started: float) -> tuple[str, tuple, str | None, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")  # many PDFs only have an owner password: readable by anyone
            except (DependencyError, NotImplementedError) as exc:
                raise EncryptedInputError(f"this PDF is encrypted in a way that cannot be opened here ({exc})") \
                    from None
            if not decrypted:
                raise EncryptedInputError("this PDF is password-protected; remove the password (for example "
                                          "`qpdf --decrypt --password=... in.pdf out.pdf`) and try again")
        pages = reader.pages
        n_pages = len(pages)
    except _limit_error() as exc:
        raise InputTooLargeError(f"this PDF's structure goes beyond what is read here ({exc}); it is damaged or built "
                                 "to exhaust readers") from None
    except (PdfReadError, PdfStreamError, FileNotDecryptedError, ValueError, KeyError, TypeError, AssertionError,
            IndexError, RecursionError) as exc:
        raise CorruptInputError(f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from None
    if n_pages == 0:
        raise NoTextError("this PDF has no pages")
    if n_pages > MAX_PAGES:
        warnings.append(f"only the first {MAX_PAGES} of {n_pages} pages were read")
    page_texts: list[str] = []
    failed: list[int] = []
    oversized: list[int] = []
    repeated: list[int] = []
    seen: set[int] = set()
    inflated = bad_in_a_row = 0
    import time

    stop_at = started + settings.time_budget * PAGE_TIME_SHARE
    for i in range(min(n_pages, MAX_PAGES)):
        text = ""
        try:
            page = pages[i]
            refs, size = _content_size(page, seen)
            if refs and refs <= seen:
                repeated.append(i + 1)
            elif size > MAX_PAGE_CONTENT:
                seen |= refs
                oversized.append(i + 1)
            else:
                seen |= refs
                inflated += size
                text = page.extract_text() or ""
            bad_in_a_row = 0
        except Exception:  # pypdf raises many kinds of errors on damaged pages; one bad page must not lose the rest
            failed.append(i + 1)
            bad_in_a_row += 1
        page_texts.append(text)
        late = time.monotonic() > stop_at
        if (inflated > MAX_CONTENT or bad_in_a_row >= MAX_BAD_PAGES or late) and i + 1 < min(n_pages, MAX_PAGES):
            why = (f"its pages' content inflates to more than {MAX_CONTENT // (1024 * 1024)} MB" if inflated > MAX_CONTENT
                   else f"{MAX_BAD_PAGES} pages in a row could not be read" if bad_in_a_row >= MAX_BAD_PAGES
                   else f"reading them took half of the {settings.time_budget:g} s time budget (--time-budget)")
            warnings.append(f"only the first {i + 1} of {n_pages} pages were read: {why}")
            break
    if failed:
        warnings.append(f"{len(failed)} page(s) could not be read: {_ranges(failed)}")
    if oversized:
        warnings.append(f"{len(oversized)} page(s) were skipped, their content inflating to more than "
                        f"{MAX_PAGE_CONTENT // (1024 * 1024)} MB each: {_ranges(oversized)}")
    if repeated:
        warnings.append(f"{len(repeated)} page(s) repeat the content of an earlier page and were read once: "
                        f"{_ranges(repeated)}")
    letters = sum(len(_LETTER.findall(t)) for t in page_texts)
    if letters < MIN_CHARS_PER_PAGE * max(1, len(page_texts)) / 4 or letters < MIN_CHARS_PER_PAGE:
        if oversized or repeated or len(page_texts) < min(n_pages, MAX_PAGES):
            raise InputTooLargeError("no text could be read within fineprint's limits for PDFs: "
                                     + "; ".join(warnings) + " (a PDF built to exhaust readers?)")
        raise NoTextError("this PDF has no text layer (a scan or images of text); fineprint does not do OCR — run "
                          "OCR first (for example `ocrmypdf in.pdf out.pdf`) and audit the result")
    text = normalize_text(_join_pages(_clean_pages(page_texts)))
    text = _HYPHENATED.sub("", text)
    try:
        meta_title = reader.metadata.title if reader.metadata else None
    except Exception:  # metadata is optional and often malformed; the title is only a nicety
        meta_title = None
    title = " ".join(str(meta_title).split()) if meta_title else None
    if title and _GENERATED_TITLE.search(title):
        title = None  # "Microsoft Word - cgu_v3.docx", "untitled": the first heading says more
    return text, plain_text_blocks(text), title, warnings


def _content_size(page, seen: set[int]) -> tuple[set[int], int]:
    """(ids of the page's content stream objects, bytes they inflate to). A stream already read on an earlier page is
    not inflated again; one over the per-page cap stops pypdf (its limit) or is measured and refused here."""
    from pypdf.generic import ArrayObject, IndirectObject

    contents = page.get("/Contents")
    items = list(contents) if isinstance(contents, ArrayObject) else [contents] if contents is not None else []
    refs = {item.idnum for item in items if isinstance(item, IndirectObject)}
    if refs and refs <= seen:
        return refs, 0
    size = 0
    for item in items[:64]:
        obj = item.get_object() if hasattr(item, "get_object") else item
        try:
            size += len(obj.get_data())
        except _limit_error():
            return refs, MAX_PAGE_CONTENT + 1
        if size > MAX_PAGE_CONTENT:
            break
    return refs, size


def _clean_pages(pages: list[str]) -> list[str]:
    """Drop page numbers and lines repeated at the top or bottom of most pages (running headers/footers)."""
    split = [p.replace("\r\n", "\n").split("\n") for p in pages]
    repeated: set[str] = set()
    if len(split) >= 3:
        edges = Counter()
        for lines in split:
            edge = {ln.strip() for ln in lines[:2] + lines[-2:] if ln.strip()}
            edges.update(edge)
        repeated = {ln for ln, n in edges.items() if n >= max(3, 0.6 * len(split)) and len(ln) < 120}
    cleaned = []
    for lines in split:
        keep = [ln for ln in lines if ln.strip() not in repeated and not _PAGE_NUMBER.match(ln)]
        cleaned.append("\n".join(keep))
    return cleaned


def _join_pages(pages: list[str]) -> str:
    """Pages joined by a blank line, except where a sentence runs on to the next page (no final punctuation,
    next page starts in lower case): then by a line break, so the sentence stays one clause."""
    out: list[str] = []
    for page in pages:
        page = page.strip("\n ")
        if not page:
            continue
        if out and not _SENTENCE_END.search(out[-1]) and page[:1].islower():
            out.append("\n")
        elif out:
            out.append("\n\n")
        out.append(page)
    return "".join(out)


def _ranges(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:10]) + (" …" if len(pages) > 10 else "")
