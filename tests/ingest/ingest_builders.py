"""Builders for ingest test inputs (PDF with a text layer, blank and encrypted PDFs, DOCX), made in code rather than
stored as binary fixtures. Used by tests/ingest and tests/test_bad_input.py."""
from __future__ import annotations

import io


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_file(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file of these numbered objects (1 0 obj, 2 0 obj, ...), with its cross-reference table and trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def build_text_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF whose pages show the given lines in Helvetica (a real text layer)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 740 Td"]
        for line in lines:
            ops.append(f"({_pdf_string(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf_file(objects)


def build_blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_encrypted_pdf(user_password: str = "secret", algorithm: str = "AES-128") -> bytes:
    from pypdf import PdfReader, PdfWriter

    plain = build_text_pdf([["We sell your data to advertisers and keep it forever."]])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_docx() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Acme Terms"
    document.add_heading("Terms of Service", level=0)
    document.add_heading("1. Your account", level=1)
    document.add_paragraph("You must be 18 years old. We may close your account at any time without notice.")
    document.add_paragraph("We collect your location.", style="List Bullet")
    document.add_paragraph("We share your contacts.", style="List Bullet")
    document.add_heading("2. Liability", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Data"
    table.rows[0].cells[1].text = "Retention: 10 years"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
