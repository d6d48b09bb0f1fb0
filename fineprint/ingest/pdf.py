"""PDF -> text through its text layer (pypdf). A scanned PDF without a text layer fails with NoTextError (fineprint
does not do OCR); a password-protected one with EncryptedInputError. Running headers, footers and page numbers are
dropped, words hyphenated across lines are joined, and structure is recovered from the layout of lines."""
from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import CorruptInputError, EncryptedInputError, NoTextError
from ..settings import Settings
from .structure import plain_text_blocks
from .textnorm import normalize_text

MAX_PAGES = 2000
MIN_CHARS_PER_PAGE = 20  # fewer letters than this on average: a scan, not a text layer
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of|sur|de)\s*\d{1,4})?\s*$", re.IGNORECASE)
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
_LETTER = re.compile(r"[^\W\d_]")
_GENERATED_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled|sans titre|document\d*$)|\.(?:docx?|pdf|odt|rtf|txt)$",
                              re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…»\"”)]\s*$")


def extract_pdf(data: bytes, settings: Settings) -> tuple[str, tuple, str | None, list[str]]:
    """``(text, blocks, title, warnings)`` of a PDF."""
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
    except (PdfReadError, PdfStreamError, FileNotDecryptedError, ValueError, KeyError, TypeError, AssertionError,
            IndexError, RecursionError) as exc:
        raise CorruptInputError(f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from None
    if n_pages == 0:
        raise NoTextError("this PDF has no pages")
    if n_pages > MAX_PAGES:
        warnings.append(f"only the first {MAX_PAGES} of {n_pages} pages were read")
    page_texts: list[str] = []
    failed: list[int] = []
    for i in range(min(n_pages, MAX_PAGES)):
        try:
            page_texts.append(pages[i].extract_text() or "")
        except Exception:  # pypdf raises many kinds of errors on damaged pages; one bad page must not lose the rest
            failed.append(i + 1)
            page_texts.append("")
    if failed:
        warnings.append(f"{len(failed)} page(s) could not be read: {_ranges(failed)}")
    letters = sum(len(_LETTER.findall(t)) for t in page_texts)
    if letters < MIN_CHARS_PER_PAGE * max(1, len(page_texts)) / 4 or letters < MIN_CHARS_PER_PAGE:
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
