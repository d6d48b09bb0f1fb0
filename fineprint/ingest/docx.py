"""Word .docx -> text with headings (Heading/Title styles or outline levels), list items (numbering or List
styles) and table rows, in document order."""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import CorruptInputError
from ..settings import Settings
from .bounded import repack_zip
from .textnorm import TextAssembler

# A .docx is a zip: what it inflates to may be far larger than the file. At most this many times the file (or
# --max-size, if larger) is inflated, counted on the bytes that come out, not on the sizes the archive declares.
MAX_INFLATION = 20
_HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|título|titolo)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def extract_docx(data: bytes, settings: Settings) -> tuple[str, tuple, str | None]:
    """``(text, blocks, title)`` of a .docx document."""
    # What python-docx reads is a stored copy whose members were inflated here with caps on the bytes that actually
    # came out (a member may declare 1,000 bytes and inflate to gigabytes): fineprint/ingest/bounded.py.
    cap = max(settings.max_bytes, len(data) * MAX_INFLATION)
    data = repack_zip(data, member_cap=cap, total_cap=cap, what=".docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, AttributeError) as exc:
        raise CorruptInputError(f"damaged or unreadable .docx ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml XMLSyntaxError and friends from a malformed part
        raise CorruptInputError(f"damaged .docx: {type(exc).__name__}: {exc}") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = TextAssembler()
    title = None
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == _W + "p":
            paragraph = Paragraph(child, document)
            kind, level = _paragraph_kind(paragraph)
            text = paragraph.text
            if kind == "title" and text.strip():
                title = title or " ".join(text.split())
                kind, level = "heading", 1
            out.add(kind, text, level, keep_line_breaks=True)
        elif child.tag == _W + "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                        cells.append(value)
                out.add("table-row", " | ".join(cells))
    try:
        core_title = document.core_properties.title
    except Exception:  # core properties are optional metadata
        core_title = None
    return out.text(), tuple(out.blocks), title or (" ".join(core_title.split()) if core_title else None)


def _paragraph_kind(paragraph) -> tuple[str, int]:
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    if name.lower() in ("title", "titre"):
        return "title", 1
    m = _HEADING_STYLE.match(name)
    if m:
        return "heading", int(m.group(1))
    ppr = paragraph._p.pPr
    if ppr is not None:
        outline = ppr.find(_W + "outlineLvl")
        if outline is not None:
            try:
                level = int(outline.get(_W + "val")) + 1
            except (TypeError, ValueError):
                level = 10
            if level <= 9:  # outline level 9 (stored as 9, shown as "body text") is not a heading
                return "heading", level
        numbering = ppr.find(_W + "numPr")
        if numbering is not None:
            ilvl = numbering.find(_W + "ilvl")
            try:
                depth = int(ilvl.get(_W + "val")) + 1 if ilvl is not None else 1
            except (TypeError, ValueError):
                depth = 1
            return "list-item", depth
    if "list" in name.lower() or "liste" in name.lower():
        return "list-item", 1
    return "paragraph", 0
