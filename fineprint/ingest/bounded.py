"""Reading compressed data with a cap on what is actually inflated, never on the sizes an archive declares.

- ``read_zip_member``: one ZIP member, read in 1 MB pieces; stops one piece past ``cap`` (zipfile never returns more
  than the member's declared size, and reading in pieces keeps it from inflating the whole member at once, which is
  what ``ZipFile.read`` does: a member declaring 1,000 bytes may inflate gigabytes before its CRC is checked).
- ``repack_zip``: every member of an archive read that way, within a per-member and a total cap, into a new
  uncompressed (stored) archive that a library (python-docx) may then read whole without surprise.
- ``inflate``: gzip / zlib / raw-deflate pieces (an HTTP body) inflated piece by piece, at most ``cap`` bytes.

Every failure is a ``fineprint.errors`` error with a one-line message.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Iterable, Iterator

from ..errors import CorruptInputError, InputTooLargeError, UnsupportedInputError

MB = 1024 * 1024
PIECE = MB
MAX_MEMBERS = 10_000


def _too_large(what: str, cap: int) -> InputTooLargeError:
    return InputTooLargeError(f"{what} unpacks to more than {cap / MB:.0f} MB (a compression bomb?); raise the limit "
                              "with --max-size (in MB) if you trust this input")


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, *, what: str | None = None) -> bytes:
    """The inflated bytes of one member, at most ``cap`` of them (``InputTooLargeError`` beyond)."""
    what = what or info.filename
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                piece = fh.read(PIECE)
                if not piece:
                    break
                out += piece
                if len(out) > cap:
                    raise _too_large(what, cap)
    except NotImplementedError as exc:  # "zip file version 18.8", an unknown compression method
        raise UnsupportedInputError(f"{what} uses a ZIP feature that cannot be read here ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise CorruptInputError(f"damaged archive member {what} ({exc})") from None
    return bytes(out)


def repack_zip(data: bytes, *, member_cap: int, total_cap: int, what: str = "archive") -> bytes:
    """A stored (uncompressed) copy of the ZIP ``data``, each member inflated with ``read_zip_member``; the inflated
    total may not exceed ``total_cap``. Raises ``CorruptInputError`` for a damaged archive."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except NotImplementedError as exc:
        raise UnsupportedInputError(f"this {what} uses a ZIP feature that cannot be read here ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError) as exc:
        raise CorruptInputError(f"damaged {what} (zip): {exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise InputTooLargeError(f"this {what} holds {len(infos)} files, more than the {MAX_MEMBERS} read here")
    out = io.BytesIO()
    total = 0
    with zf, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as packed:
        seen: set[str] = set()
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))  # a NUL ends the name here
            if not entry.filename or entry.filename.endswith("/") or entry.filename in seen:  # (is_dir fails on "")
                continue
            seen.add(entry.filename)
            body = read_zip_member(zf, info, min(member_cap, total_cap - total), what=f"{info.filename} in this {what}")
            total += len(body)
            packed.writestr(entry, body)
    return out.getvalue()


def inflate(pieces: Iterable[bytes], encoding: str, cap: int, *, what: str = "the response") -> Iterator[bytes]:
    """Inflate ``pieces`` encoded with ``encoding`` (gzip, x-gzip, deflate, or identity/empty), yielding at most
    ``cap`` bytes in all; ``InputTooLargeError`` once more would come."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("", "identity"):
        total = 0
        for piece in pieces:
            total += len(piece)
            if total > cap:
                raise _too_large(what, cap)
            yield piece
        return
    if encoding in ("gzip", "x-gzip"):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decompressor = None  # zlib-wrapped per the RFC, raw deflate in practice: decided on the first bytes
    else:
        raise UnsupportedInputError(f"{what} is compressed with {encoding!r}, which fineprint did not ask for")
    total = 0
    for piece in pieces:
        if not piece:
            continue
        if decompressor is None:
            decompressor = zlib.decompressobj(zlib.MAX_WBITS if piece[:1] == b"\x78" else -zlib.MAX_WBITS)
        data = piece
        while data:
            try:
                out = decompressor.decompress(data, PIECE)
            except zlib.error as exc:
                raise CorruptInputError(f"{what} is not valid {encoding} data ({exc})") from None
            total += len(out)
            if total > cap:
                raise _too_large(what, cap)
            if out:
                yield out
            data = decompressor.unconsumed_tail
            if decompressor.eof:
                return
    if decompressor is not None:
        rest = decompressor.flush()
        if total + len(rest) > cap:
            raise _too_large(what, cap)
        if rest:
            yield rest
