"""Red-team inputs of issue 14, rebuilt by small functions (nothing shipped as a blob). Each says what it imitates."""
from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "ingest"))  # ingest_builders: a real, valid .docx

SENTENCE = "We may sell your personal data to third parties and you waive any right to sue us in court. "


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    from ingest_builders import pdf_file

    return pdf_file(objects, root)


def _flate(obj_dict: str, data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return (f"<< {obj_dict} /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode() + packed
            + b"\nendstream")


def pdf_cpu_bomb(pages: int = 2000, stream_mb: int = 59) -> bytes:
    """A small PDF whose ``pages`` pages all draw one shared Flate content stream of ``stream_mb`` MB of text
    operators (the issue's 155 KB / 2,000-page / 59 MB PDF)."""
    unit = b"BT /F1 9 Tf 10 10 Td (We may sell your data) Tj ET\n"
    content = unit * (stream_mb * 1024 * 1024 // len(unit))
    font = 3 + pages
    content_id = font + 1
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    for _ in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(_flate("", content))
    return _pdf(objects)


def pdf_heavy_pages(pages: int = 400, page_mb: float = 3.0) -> bytes:
    """Every page with its own (not shared) Flate content stream of ``page_mb`` MB of text operators."""
    unit = b"BT /F1 9 Tf 10 10 Td (We may sell your data) Tj ET\n"
    content = unit * int(page_mb * 1024 * 1024 // len(unit))
    font = 3 + 2 * pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    packed = None
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        if packed is None:
            packed = _flate("", content)
        objects.append(packed)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf(objects)


def pdf_deep_page_tree(depth: int = 20000) -> bytes:
    """A page tree nested ``depth`` levels deep (one Pages node inside the next), one page at the bottom."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        me = 2 + level
        parent = f"/Parent {me - 1} 0 R " if level else ""
        objects.append(f"<< /Type /Pages {parent}/Kids [{me + 1} 0 R] /Count 1 >>".encode())
    page = 2 + depth
    objects.append(f"<< /Type /Page /Parent {page - 1} 0 R /MediaBox [0 0 612 792] >>".encode())
    return _pdf(objects)


def pdf_wide_kids(entries: int = 2_500_000) -> bytes:
    """A Pages node whose Kids array holds ``entries`` references (all to one page)."""
    kids = b" ".join([b"3 0 R"] * entries)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % entries,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
    return _pdf(objects)


def docx_lying_sizes(inflated_mb: int = 400) -> bytes:
    """A .docx whose ``word/document.xml`` declares 1,000 bytes in the ZIP directory but inflates to
    ``inflated_mb`` MB (the issue's 400 KB / 3 MB .docx that reached 849 MB / 2.1 GB of memory)."""
    from ingest_builders import build_docx  # tests/ingest: a real, valid .docx

    base = zipfile.ZipFile(io.BytesIO(build_docx()))
    body = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.'
            b'openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    para = b"<w:p><w:r><w:t>" + SENTENCE.encode() * 20 + b"</w:t></w:r></w:p>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = [compressor.compress(body)]
    total = len(body)
    block = para * (1024 * 1024 // len(para) + 1)
    while total < inflated_mb * 1024 * 1024:
        packed.append(compressor.compress(block))
        total += len(block)
    packed.append(compressor.compress(b"</w:body></w:document>"))
    packed.append(compressor.flush())
    deflated = b"".join(packed)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info, base.read(info))
        zf.writestr("word/document.xml", b"x" * 1000)  # placeholder: its entries are patched below
    return _swap_member(out.getvalue(), "word/document.xml", deflated, declared=1000)


def _swap_member(archive: bytes, name: str, deflated: bytes, declared: int) -> bytes:
    """Replace member ``name`` of a ZIP by raw ``deflated`` data while keeping a ``declared`` uncompressed size."""
    zf = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    central = []
    for info in zf.infolist():
        raw_name = info.filename.encode()
        if info.filename == name:
            data, crc, csize, usize = deflated, 0x12345678, len(deflated), declared
        else:
            zf.fp.seek(info.header_offset)
            local = zf.fp.read(30)
            n, e = struct.unpack("<HH", local[26:30])
            zf.fp.seek(info.header_offset + 30 + n + e)
            data, crc, csize, usize = zf.fp.read(info.compress_size), info.CRC, info.compress_size, info.file_size
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, csize, usize, len(raw_name), 0))
        out.write(raw_name)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, csize, usize,
                                   len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def zip_bad_version() -> bytes:
    """A .docx-looking ZIP whose members need "version 18.8" to extract (zipfile: NotImplementedError)."""
    from ingest_builders import build_docx

    data = bytearray(build_docx())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        data[pos + 6:pos + 8] = struct.pack("<H", 188)  # version needed to extract
        pos += 4
    return bytes(data)


def gzip_bomb(inflated_mb: int = 200) -> bytes:
    """gzip data that inflates to ``inflated_mb`` MB of one repeated sentence."""
    import gzip

    buf = io.BytesIO()
    block = SENTENCE.encode() * (1024 * 1024 // len(SENTENCE) + 1)
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        for _ in range(inflated_mb):
            gz.write(block)
    return buf.getvalue()


class TreeMemory:
    """Peak memory of a process and its descendants while it runs, sampled every 20 ms from /proc: the sum of their
    proportional set sizes (PSS: a page shared by a forked worker and its parent counts once). wait4's ru_maxrss
    cannot serve: Linux carries the parent's resident size at fork into the child's maximum, across exec.
    ``with TreeMemory(pid) as m: ...`` then ``m.peak_mb``."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        import threading

        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_pss_kb(p) for p in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, total / 1024)
            self._stop.wait(self.interval)


def _tree(pid: int) -> set[int]:
    found, todo = {pid}, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                kids = {int(x) for x in fh.read().split()} - found
        except OSError:
            kids = set()
        found |= kids
        todo.extend(kids)
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * 4
    except (OSError, ValueError, IndexError):
        return 0
