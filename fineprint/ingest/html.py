"""HTML -> Document: main-content extraction with trafilatura (headings, paragraphs, lists and tables kept), and a
streaming fallback built on the standard library's HTMLParser for pages trafilatura cannot handle or trims too much
(deeply nested markup, pages that are mostly one legal text). The fallback is iterative, so 100,000 nested <div>
elements cannot exhaust the stack."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .decode import decode_bytes
from .textnorm import TextAssembler

# If trafilatura keeps less than this share of the text the fallback finds, it has cut real content (a legal page
# is mostly main content), so the fallback is used.
MIN_TRAFILATURA_SHARE = 0.4
# lxml (libxml2) refuses trees deeper than 256 levels; beyond this, skip trafilatura and stream.
MAX_TRAFILATURA_DEPTH = 200
# trafilatura's fallback extractors (jusText) are quadratic on pages where its main pass finds little; above this
# size only the main pass runs (our streaming extractor is the fallback), and above MAX_TRAFILATURA_CHARS only ours.
FAST_ABOVE_CHARS = 400_000
MAX_TRAFILATURA_CHARS = 5_000_000
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_OPEN_TAG = re.compile(r"<(?!/|!|\?)[a-zA-Z][^>]*?(?<!/)>")
_HEADING = re.compile(r"h([1-6])")


def html_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def extract_html(data: bytes, declared_charset: str | None = None) -> tuple[str, tuple, str | None]:
    """``(text, blocks, title)`` of an HTML page. ``<address>`` elements are kept, line by line, even where the
    main-content extraction would drop them (a page footer): they carry the controller's postal address, which
    letters need."""
    markup = _resolve_bidi_in_text(decode_bytes(data, declared_charset or html_charset(data)))
    addresses = _address_texts(markup)
    if addresses:
        # trafilatura glues an <address>'s first line to the previous paragraph's tail and splits the rest at each
        # <br>; as a paragraph it keeps the lines together
        markup = _ADDRESS_TAG.sub(lambda m: f"<{m.group(1)}p>", markup)
    fallback = _StreamingExtractor.run(markup)
    main = None
    if len(markup) <= MAX_TRAFILATURA_CHARS and _rough_depth(markup) <= MAX_TRAFILATURA_DEPTH:
        main = _trafilatura_extract(markup, fast=len(markup) > FAST_ABOVE_CHARS)
    chosen = fallback
    if main is not None and main[0].length >= MIN_TRAFILATURA_SHARE * fallback[0].length:
        chosen = main
    assembler, title = chosen
    if addresses:
        kept = " ".join(assembler.text().split())
        for address in addresses:
            if " ".join(address.split()) not in kept:
                assembler.add("paragraph", address, keep_line_breaks=True)
    return assembler.text(), tuple(assembler.blocks), title or fallback[1]


_BIDI_ENTITY = re.compile(r"&#(?:x0*(202[a-eA-E]|206[6-9]|61[cC])|0*(823[4-8]|829[4-7]|1564));")
_BIDI_RUN = re.compile("[\u202a-\u202e\u2066-\u2069\u061c][^<]*")


def _resolve_bidi_in_text(markup: str) -> str:
    """Bidirectional controls resolved in the text between tags, before any extractor (trafilatura drops them
    silently, which would leave a right-to-left override's reversed words as they are stored): see textnorm."""
    from .textnorm import repair_c1, resolve_bidi

    markup = repair_c1(markup)  # trafilatura would drop them too: "don\x92t" would read "dont"
    if "&#" in markup:
        markup = _BIDI_ENTITY.sub(lambda m: chr(int(m.group(1), 16) if m.group(1) else int(m.group(2))), markup)
    if not _BIDI_RUN.search(markup):
        return markup
    return _BIDI_RUN.sub(lambda m: resolve_bidi(m.group()), markup)


_ADDRESS_TAG = re.compile(r"<(/?)address\b[^>]*>", re.IGNORECASE)
MAX_ADDRESSES = 20  # a page with more is a directory, not a policy; the first ones are the controller's
MAX_ADDRESS_CHARS = 2_000


def _address_texts(markup: str) -> list[str]:
    """The text of each <address> element (line breaks kept), in page order, without duplicates."""
    if "<address" not in markup.lower():
        return []
    out: list[str] = []
    # pair each opening tag with the next closing one in one pass over the tags (a lazy regex would rescan the page
    # for every unclosed <address>)
    opening = None
    for m in _ADDRESS_TAG.finditer(markup):
        if not m.group(1):
            opening = opening if opening is not None else m.end()
            continue
        if opening is None:
            continue
        inner, opening = markup[opening:m.start()], None
        parser = _LineExtractor()
        parser.feed(inner[:MAX_ADDRESS_CHARS])
        parser.close()
        text = "\n".join(line for line in ("".join(parser.parts)).split("\n") if line.strip())
        if text.strip() and text not in out:
            out.append(text)
        if len(out) == MAX_ADDRESSES:
            break
    return out


class _LineExtractor(HTMLParser):
    """Text of a small HTML fragment, a line break at each <br> and block element, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag == "br" or tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _rough_depth(markup: str) -> int:
    """An upper bound on the nesting depth of the first 2 MB, counted without building a tree."""
    depth = deepest = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", markup[:2_000_000]):
        closing, name, self_closing = m.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _trafilatura_extract(markup: str, fast: bool = False):
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(markup, output_format="xml", include_tables=True, include_comments=False,
                                  include_formatting=False, include_links=False, include_images=False,
                                  favor_recall=True, with_metadata=True, deduplicate=False, fast=fast)
        if not xml:
            return None
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=False))
    except (RecursionError, ValueError, etree.LxmlError, MemoryError, TypeError, AttributeError):
        # trafilatura and lxml fail in these ways on hostile or broken markup (the last two from trafilatura's own
        # tree handling); the streaming extractor reads the page instead
        return None
    if root is None:
        return None
    assembler = TextAssembler()
    main = root.find("main")
    _walk_tei(main if main is not None else root, assembler, 0)
    title = root.get("title") or None
    return assembler, title


def _inline_text(elem) -> str:
    """Text of an element without nested lists/tables (they become their own blocks); <lb/> -> line break."""
    parts = [elem.text or ""]
    for child in elem:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in ("list", "table"):
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk_tei(elem, out: TextAssembler, list_depth: int) -> None:
    for child in elem:
        tag = child.tag
        if tag == "head":
            m = _HEADING.fullmatch(child.get("rend", "") or "")
            out.add("heading", _inline_text(child), int(m.group(1)) if m else 2)
        elif tag in ("p", "quote", "code"):
            if len(child) and all(c.tag in ("p", "list", "table", "head", "quote") for c in child):
                _walk_tei(child, out, list_depth)
            else:
                out.add("paragraph", _inline_text(child), keep_line_breaks=True)
        elif tag == "list":
            _walk_tei(child, out, list_depth + 1)
        elif tag == "item":
            out.add("list-item", _inline_text(child), max(1, list_depth), keep_line_breaks=True)
            for nested in child:
                if nested.tag in ("list", "table"):
                    _walk_tei([nested], out, list_depth)
        elif tag == "table":
            for row in child.iter("row"):
                cells = [" ".join(_inline_text(c).split()) for c in row.findall("cell")]
                out.add("table-row", " | ".join(c for c in cells if c))
        elif tag in ("div", "main", "section"):
            _walk_tei(child, out, list_depth)
        elif tag not in ("comments", "graphic", "lb"):
            text = _inline_text(child)
            if text.strip():
                out.add("paragraph", text, keep_line_breaks=True)


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset("script style noscript template svg math head nav footer aside form button select iframe "
                  "object canvas audio video".split())
_BLOCK = frozenset("p div section article main blockquote pre address figure figcaption dl dt dd ul ol li table "
                   "thead tbody tfoot tr td th caption h1 h2 h3 h4 h5 h6 hr header details summary center".split())


class _StreamingExtractor(HTMLParser):
    """Text with structure from a token stream: no tree, no recursion, boilerplate containers skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = TextAssembler()
        self.buffer: list[str] = []
        self.skip = 0
        self.skip_stack: list[str] = []
        self.heading: int | None = None
        self.list_depth = 0
        self.in_item = 0
        self.row: list[str] | None = None
        self.title_parts: list[str] | None = None
        self.title: str | None = None

    @classmethod
    def run(cls, markup: str):
        parser = cls()
        parser.feed(markup)
        parser.close()
        parser.flush()
        return parser.out, parser.title

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer.clear()
        if not text.strip():
            return
        if self.row is not None:
            self.row.append(" ".join(text.split()))
            return
        if self.heading is not None:
            self.out.add("heading", text, self.heading)
        elif self.in_item:
            self.out.add("list-item", text, max(1, self.list_depth), keep_line_breaks=True)
        else:
            self.out.add("paragraph", text, keep_line_breaks=True)

    def handle_starttag(self, tag, attrs):
        if tag == "title" and self.title is None:
            self.title_parts = []
        if tag in _SKIP and tag not in _VOID:
            self.skip += 1
            self.skip_stack.append(tag)
            return
        if self.skip:
            return
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag in _BLOCK:
            self.flush()
        m = _HEADING.fullmatch(tag)
        if m:
            self.heading = int(m.group(1))
        elif tag in ("ul", "ol"):
            self.list_depth += 1
        elif tag == "li":
            self.in_item += 1
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag):
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split()) or None
            self.title_parts = None
        if self.skip and tag in _SKIP:
            if tag in self.skip_stack:
                while self.skip_stack:
                    self.skip -= 1
                    if self.skip_stack.pop() == tag:
                        break
            return
        if self.skip:
            return
        if tag in _BLOCK:
            self.flush()
        if _HEADING.fullmatch(tag):
            self.heading = None
        elif tag in ("ul", "ol"):
            self.list_depth = max(0, self.list_depth - 1)
        elif tag == "li":
            self.in_item = max(0, self.in_item - 1)
        elif tag == "tr" and self.row is not None:
            cells, self.row = self.row, None
            self.out.add("table-row", " | ".join(c for c in cells if c))

    def handle_data(self, data):
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if not self.skip:
            self.buffer.append(data)
