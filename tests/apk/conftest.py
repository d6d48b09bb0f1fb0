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


# ------------------------------------------------------------------------------ a minimal binary-XML writer
ANDROID_NS = "http://schemas.android.com/apk/res/android"
ATTR_IDS = {"name": 0x01010003, "permission": 0x01010006, "exported": 0x01010010, "minSdkVersion": 0x0101020C,
            "targetSdkVersion": 0x01010270, "versionCode": 0x0101021B, "versionName": 0x0101021C}


def build_axml(root) -> bytes:
    """Compile a tiny element tree ``(tag, {attr: value}, [children])`` to Android's binary XML.

    Attributes in ``ATTR_IDS`` are android: attributes (resolved by resource id, as aapt writes them); str values
    are strings, bool and int values are typed. Enough to test the manifest reader on hand-made manifests.
    """
    strings: list[str] = [n for n in ATTR_IDS]  # resource-mapped names first, as aapt does

    def sid(s: str) -> int:
        if s not in strings:
            strings.append(s)
        return strings.index(s)

    def walk(node):
        tag, attrs, children = node
        sid(tag)
        for k, v in attrs.items():
            sid(k)
            if isinstance(v, str):
                sid(v)
        for c in children:
            walk(c)

    sid("android")
    sid(ANDROID_NS)
    walk(root)
    body = bytearray()

    def chunk(kind: int, header: bytes, payload: bytes) -> bytes:
        return struct.pack("<HHI", kind, 8 + len(header), 8 + len(header) + len(payload)) + header + payload

    def element(node):
        tag, attrs, children = node
        attr_bytes = bytearray()
        for k, v in attrs.items():
            ns = sid(ANDROID_NS) if k in ATTR_IDS else 0xFFFFFFFF
            if isinstance(v, bool):
                raw, typ, data = 0xFFFFFFFF, 0x12, 0xFFFFFFFF if v else 0
            elif isinstance(v, int):
                raw, typ, data = 0xFFFFFFFF, 0x10, v
            else:
                raw, typ, data = sid(v), 0x03, sid(v)
            attr_bytes += struct.pack("<IIIHBBI", ns, sid(k), raw, 8, 0, typ, data)
        ext = struct.pack("<IIHHHHHH", 0xFFFFFFFF, sid(tag), 20, 20, len(attrs), 0, 0, 0)
        body.extend(chunk(0x0102, struct.pack("<II", 1, 0xFFFFFFFF), ext + attr_bytes))
        for c in children:
            element(c)
        body.extend(chunk(0x0103, struct.pack("<II", 1, 0xFFFFFFFF), struct.pack("<II", 0xFFFFFFFF, sid(tag))))

    ns_payload = struct.pack("<II", sid("android"), sid(ANDROID_NS))
    body.extend(chunk(0x0100, struct.pack("<II", 1, 0xFFFFFFFF), ns_payload))
    element(root)
    body.extend(chunk(0x0101, struct.pack("<II", 1, 0xFFFFFFFF), ns_payload))
    data = bytearray()
    offsets = bytearray()
    for s in strings:
        offsets += struct.pack("<I", len(data))
        data += struct.pack("<H", len(s)) + s.encode("utf-16-le") + b"\x00\x00"
    while len(data) % 4:
        data += b"\x00"
    pool_header = struct.pack("<IIIII", len(strings), 0, 0, 28 + len(offsets), 0)
    pool = chunk(0x0001, pool_header, bytes(offsets) + bytes(data))
    resmap = chunk(0x0180, b"", b"".join(struct.pack("<I", ATTR_IDS[n]) for n in ATTR_IDS))
    inner = pool + resmap + bytes(body)
    return struct.pack("<HHI", 0x0003, 8, 8 + len(inner)) + inner


@pytest.fixture(scope="session")
def axml():
    return build_axml
