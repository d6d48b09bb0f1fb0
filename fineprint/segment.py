"""Segmentation: a Document becomes clauses — sentences, list items and numbered sections — with stable ids,
character offsets into ``Document.text`` (``clause.text == doc.text[clause.start:clause.end]``) and the heading path
above each clause. Headings are context (``Clause.headings``), not clauses: a classifier shown "5. Disputes" alone
would only add noise. ``include_headings=True`` returns them too, as clauses of kind "heading".

Pure Python and regular expressions, no model: a 100 KB policy segments in a few milliseconds. Sentence ends are
found at ``. ! ? …`` followed by a capital, a digit or an opening quote, except after abbreviations (English: e.g.,
i.e., Inc., U.S., No., Art., Sec.; French: art., M., Mme, c.-à-d., p. ex.) and initials. French typography (« »,
a space before ; : ! ?) is handled. A run-on sentence over ``LONG_SENTENCE`` characters is split after each ``;``.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

from .model import Clause, Document

LONG_SENTENCE = 600  # characters; longer sentences are split at ";"
MIN_SEMICOLON_PART = 80  # a ";" piece shorter than this stays with the previous piece
MAX_CLAUSE_CHARS = 2000  # hard cap, for text without punctuation (a minified blob, a scanned table)
MAX_HEADING_CHARS = 160  # a "heading" longer than this (an ALL-CAPS disclaimer in <h2>) is segmented as text
MAX_HEADING_WORDS = 20

# Never a sentence end, whatever follows: titles, references to articles and numbers, Latin and French abbreviations.
_NEVER_END = frozenset("""
e.g eg i.e ie cf vs v viz mr mrs ms messrs dr prof st jr sr mt no nos nr n° num art arts sec secs sect para paras
ch chap vol vols p pp pt pts fig figs ref refs tel tél fax ex env av bd bld ave approx ca cca min max op cit ibid
jan janv feb fév févr mar apr avr jun jul juil aug sep sept oct nov dec déc
m mm mme mmes mlle mlles me mgr c.-à-d c-à-d c.à.d cad p.ex réf ann alin seq seqq sqq
""".split())
# A sentence end only when the next word usually starts a sentence ("… in the U.S. You agree" vs "U.S. law").
_MAYBE_END = frozenset("""
inc ltd corp co llc l.l.c plc s.a s.a.s sas s.à.r.l sarl gmbh ag b.v n.v u.s u.s.a u.k e.u etc al
""".split())
_STARTERS = frozenset("""
the this that these those we you your our us if in any all such when where it its they their he she a an for by to
no none each every unless except notwithstanding nothing please as upon after before during subject under without
with some there what how why however also moreover furthermore therefore accordingly i
le la les l un une des nous vous votre vos notre nos il elle ils elles si en dans pour par toute tout tous toutes ce
cette ces cet aucun aucune chaque lorsque sauf sous sans avec afin conformément à au aux de du d ceci cela on
cependant toutefois néanmoins ainsi
""".split())

_CANDIDATE = re.compile(r"(?:[.!?…]+)(?:\s?[»\"”’')\]]+)*(?=\s)")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = "«\"“‘'([¿¡"
_BULLETS = "-–—•·*▪◦‣"
_ENUMERATOR = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[ivxlc]{1,6}|[a-z])", re.IGNORECASE)
_LINE_ITEM = re.compile(r"\n[ \t]*(?=(?:[-–—•·*▪◦‣][ \t]+\S|\(?[a-z0-9]{1,3}\)[ \t]|\([ivxl]{1,6}\)[ \t]"
                        r"|(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])[ \t]+\S))", re.IGNORECASE)  # not "333 Main Street"
_SEMICOLON = re.compile(r";(?=\s)")
_HAS_TEXT = re.compile(r"[^\W_]")
_INLINE_ENUMERATOR = re.compile(r"(?:[a-z]|[ivx]{1,5}|\d{1,3}(?:\.\d{1,3})*)[.)][ \t]+[A-Z]"
                                r"|\((?:[a-z]|[ivx]{1,5}|\d{1,3})\)[ \t]+[A-Z]")
_NUMBERED_HEADING = re.compile(r"\s*(?:\d|[ivxlc]+[.)]|[a-z][.)]|§"
                               r"|(?:article|art\.|section|chapter|chapitre|titre|part|partie)\s)", re.IGNORECASE)
_ELISION = re.compile(r"['’]")
_DOTTED_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "u.s", "s.a", "e.u"


def segment_clauses(doc: Document, *, include_headings: bool = False) -> tuple[Clause, ...]:
    """Split ``doc`` into clauses in reading order (see the module docstring)."""
    blocks = doc.blocks
    if not blocks:
        from .ingest.structure import plain_text_blocks

        blocks = plain_text_blocks(doc.text)
    text = doc.text
    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    version_starts = [start for start, _end, _code in doc.languages]  # a document in several languages

    def language_at(start: int) -> str:
        if not version_starts:
            return doc.language
        return doc.languages[max(0, bisect_right(version_starts, start) - 1)][2]
    path: list[tuple[int, str]] = []  # (level, heading text)

    def emit(start: int, end: int, kind: str, headings: tuple[str, ...]) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        piece = text[start:end]
        if not _HAS_TEXT.search(piece):
            return
        key = _clause_key(piece)
        n = seen.get(key, 0)
        seen[key] = n + 1
        clauses.append(Clause(id=f"c-{key}-{n}", start=start, end=end, text=piece, headings=headings,
                              kind=kind, language=language_at(start)))

    for index, block in enumerate(blocks):
        start, end = max(0, block.start), min(len(text), block.end)
        if start >= end:
            continue
        if block.kind == "heading" and _reads_as_heading(text[start:end]):
            level = block.level or 1
            if index == 0 and not _NUMBERED_HEADING.match(text, start, end):
                level = 0  # the document's title stays at the root of every heading path
            while path and path[-1][0] >= level:
                path.pop()
            if include_headings:
                emit(start, end, "heading", tuple(h for _, h in path))
            path.append((level, " ".join(text[start:end].split())))
            continue
        headings = tuple(h for _, h in path)
        kind = block.kind if block.kind in ("list-item", "table-header") else "sentence"
        for piece_start, piece_end, piece_kind in _line_items(text, start, end, kind):
            for s, e in _sentences(text, piece_start, piece_end):
                for s2, e2 in _split_run_on(text, s, e):
                    emit(s2, e2, piece_kind, headings)
    return tuple(clauses)


def _clause_key(piece: str) -> str:
    normalised = " ".join(piece.lower().split())
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=5).hexdigest()


def _reads_as_heading(piece: str) -> bool:
    return len(piece) <= MAX_HEADING_CHARS and len(piece.split()) <= MAX_HEADING_WORDS


def _line_items(text: str, start: int, end: int, kind: str):
    """Cut a block where a line starts with a bullet or an enumerator ("(a)", "2.", "iv)") — a list set in one
    paragraph, as in <br>-separated HTML or a PDF text layer."""
    cuts = [start]
    for m in _LINE_ITEM.finditer(text, start, end):
        cuts.append(m.end())
    cuts.append(end)
    for i in range(len(cuts) - 1):
        piece_kind = kind if i == 0 or kind == "table-header" else "list-item"
        if cuts[i] < cuts[i + 1]:
            yield cuts[i], cuts[i + 1], piece_kind


def _sentences(text: str, start: int, end: int):
    """Sentence spans of text[start:end]."""
    begin = start
    for m in _CANDIDATE.finditer(text, start, end):
        cut = m.end()
        j = cut
        while j < end and text[j].isspace():
            j += 1
        if j >= end:
            break
        if _is_sentence_end(text, begin, m.start(), m.group(), j, end):
            yield begin, cut
            begin = j
    if begin < end:
        yield begin, end


def _is_sentence_end(text: str, begin: int, punct_at: int, punct: str, nxt: int, end: int) -> bool:
    first = text[nxt]
    if first.islower() or (first == "(" and not text[nxt + 1:nxt + 2].isupper()):
        # "… the software. c. We continuously …", "… confidential. (b) We may …": an item of an inline list
        return bool(_INLINE_ENUMERATOR.match(text, nxt, end))
    if not (first.isupper() or first.isdigit() or first in _OPENERS or first in _BULLETS):
        return False
    if punct[0] != ".":
        return True
    if punct.startswith("..."):
        return True
    window = text[max(begin, punct_at - 40):punct_at]
    tok = _TOKEN_BEFORE.search(window)
    if not tok:
        return True
    token = _ELISION.split(tok.group(1).lstrip(_OPENERS).lower())[-1]  # "l'art." -> "art"
    if not token:
        return True
    line_start = text.rfind("\n", begin, punct_at) + 1 or begin
    if _ENUMERATOR.fullmatch(token) and not text[max(line_start, begin):punct_at - len(token)].strip():
        return False  # "1. You must…", "a. …": an enumerator at the start of the line, not a sentence
    if token in _NEVER_END:
        return False
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. Smith", "M. Dupont"
    if "-" in token and token.rsplit("-", 1)[1] in _MAYBE_END:
        token = token.rsplit("-", 1)[1]  # "the EU-U.S. Data Privacy Framework", "Swiss-U.S. DPF": the abbreviation
    if token in _MAYBE_END or _DOTTED_ABBREVIATION.fullmatch(token):
        word = _WORD.match(text, nxt)
        return bool(word) and word.group().lower() in _STARTERS
    return True


def _split_run_on(text: str, start: int, end: int):
    """Split a sentence longer than LONG_SENTENCE after each ";" (keeping pieces of at least MIN_SEMICOLON_PART);
    a piece still longer than MAX_CLAUSE_CHARS (text without punctuation) is cut at a comma or a space."""
    if end - start <= LONG_SENTENCE:
        yield start, end
        return
    begin = start
    for m in _SEMICOLON.finditer(text, start, end):
        cut = m.end()
        if cut - begin >= MIN_SEMICOLON_PART and end - cut >= MIN_SEMICOLON_PART:
            yield from _cap_length(text, begin, cut)
            begin = cut
    yield from _cap_length(text, begin, end)


def _cap_length(text: str, start: int, end: int):
    while end - start > MAX_CLAUSE_CHARS:
        window_end = start + MAX_CLAUSE_CHARS
        cut = text.rfind(", ", start + MAX_CLAUSE_CHARS // 2, window_end)
        cut = cut + 1 if cut != -1 else text.rfind(" ", start + MAX_CLAUSE_CHARS // 2, window_end)
        if cut <= start:
            cut = window_end  # no space at all (a long token): a hard cut keeps detectors' input bounded
        yield start, cut
        start = cut
    yield start, end


__all__ = ["segment_clauses", "LONG_SENTENCE"]
