"""Fixtures for the APK tests: the shared samples, the Exodus database, and a builder of hostile archives."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def samples(shared) -> Path:
    path = shared / "apk" / "samples"
    if not path.is_dir():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="session")
def exodus_json(shared) -> Path:
    path = shared / "apk" / "exodus" / "exodus_trackers.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the real user cache."""
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def build_zip(entries: dict[str, bytes], *, stored: tuple[str, ...] = ()) -> bytes:
    """A ZIP with ``entries`` (deflated unless named in ``stored``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def set_central_method(data: bytes, name: str, method: int) -> bytes:
    """Rewrite the compression method of ``name`` in the central directory (a known APK tampering trick)."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46:pos + 46 + name_len] == name.encode():
            struct.pack_into("<H", out, pos + 10, method)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


@pytest.fixture(scope="session")
def apk_parts(samples) -> dict[str, bytes]:
    """The entries of a small real APK (UnCrackable Level 1), to rebuild in hostile shapes."""
    with zipfile.ZipFile(samples / "mastg_uncrackable1.apk") as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


@pytest.fixture(scope="session")
def zipper():
    return build_zip


@pytest.fixture(scope="session")
def central_method():
    return set_central_method
