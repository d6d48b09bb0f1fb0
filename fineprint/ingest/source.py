"""Reading an input's bytes with the size limit enforced while reading: files are stat-ed first, standard input and
URL bodies are streamed and stop one byte past the limit. Nothing over ``settings.max_bytes`` is held in memory."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import EmptyInputError, InputError, InputTooLargeError, UnsupportedInputError
from ..settings import MB, Settings

CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one input and what came with them."""

    data: bytes
    source: str  # as the user gave it
    name: str | None = None  # file name or URL path: a format hint
    media_type: str | None = None  # Content-Type of a URL response
    charset: str | None = None  # charset of a URL response
    path: str | None = None  # set when the input is a file on disk


def too_large(size_hint: str, settings: Settings, source: str | None = None) -> InputTooLargeError:
    limit = settings.max_bytes / MB
    shown = f"{limit:.0f}" if limit >= 1 else f"{limit:.2f}"
    return InputTooLargeError(f"input is {size_hint}, over the {shown} MB limit; raise the limit with --max-size "
                              "(in MB) if you trust this input", source=source)


def describe_size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n} bytes"


def read_stream(stream: BinaryIO, settings: Settings) -> bytes:
    """Read a stream up to the size limit, in chunks."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > settings.max_bytes:
            raise too_large("larger than the limit", settings)
        chunks.append(chunk)
    return b"".join(chunks)


def read_stdin(settings: Settings) -> RawInput:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is not available")
    if stream.isatty():
        raise InputError("standard input is a terminal; pipe a document in (for example `cat terms.txt | "
                         "fineprint audit -`) or give a file name", source="-")
    data = read_stream(stream, settings)
    if not data:
        raise EmptyInputError("standard input is empty")
    return RawInput(data=data, source="-", name=None)


def check_path(path: str) -> os.stat_result:
    """stat() a path, turning every OS failure into a one-line InputError."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except PermissionError:
        raise InputError("permission denied", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", source=path) from None
    import stat

    if stat.S_ISDIR(st.st_mode):
        raise UnsupportedInputError(f"is a directory; give a file, or use `fineprint batch {path}` to audit "
                                    "every file in it", source=path)
    return st


def read_head(path: str, n: int = 8192) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", source=path) from None


def read_file(path: str, settings: Settings, st: os.stat_result | None = None) -> RawInput:
    st = st or check_path(path)
    import stat

    if stat.S_ISREG(st.st_mode) and st.st_size > settings.max_bytes:
        raise too_large(describe_size(st.st_size), settings, source=path)
    try:
        with open(path, "rb") as fh:
            data = read_stream(fh, settings)  # a FIFO or a growing file is capped too
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", source=path) from None
    if not data:
        raise EmptyInputError("the file is empty", source=path)
    return RawInput(data=data, source=path, name=os.path.basename(path), path=path)
