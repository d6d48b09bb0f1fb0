"""The ZIP reader's caps bound what is actually inflated, whatever sizes an entry declares (ingest/apk/archive.py):
an entry that says 1,000 bytes and inflates to 64 MB stops at the cap, without the 64 MB ever being held, and
many entries under the cap each still stop at the archive's total."""
from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

import fineprint.ingest.apk.archive as archive
from fineprint.errors import InputTooLargeError
from fineprint.ingest.apk import load_apk
from fineprint.settings import Settings

SETTINGS = Settings(lang="en")
MB = 1 << 20


def load(data: bytes):
    return load_apk(data, SETTINGS, name="x.apk", isolate=False)  # in this process, so the patched caps apply


def zip_declaring(entries: dict[str, bytes], declared: dict[str, int]) -> bytes:
    """A ZIP of ``entries`` (deflated) where the entries named in ``declared`` lie about their inflated size, in
    both the local header and the central directory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    out = bytearray(buf.getvalue())
    for name, size in declared.items():
        encoded = name.encode()
        pos = 0
        while True:  # local headers: uncompressed size at +22, name at +30
            pos = out.find(b"PK\x03\x04", pos)
            if pos < 0:
                break
            name_len = struct.unpack_from("<H", out, pos + 26)[0]
            if bytes(out[pos + 30:pos + 30 + name_len]) == encoded:
                struct.pack_into("<I", out, pos + 22, size)
            pos += 4
        pos = 0
        while True:  # central directory: uncompressed size at +24, name at +46
            pos = out.find(b"PK\x01\x02", pos)
            if pos < 0:
                break
            name_len = struct.unpack_from("<H", out, pos + 28)[0]
            if bytes(out[pos + 46:pos + 46 + name_len]) == encoded:
                struct.pack_into("<I", out, pos + 24, size)
            pos += 4
    return bytes(out)


def test_the_lie_is_in_the_archive():
    data = zip_declaring({"classes.dex": bytes(4 * MB)}, {"classes.dex": 1000})
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("classes.dex").file_size == 1000


def test_an_entry_declaring_1000_bytes_stops_at_the_cap_without_holding_what_it_inflates_to(apk_parts, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 1 * MB)
    parts = dict(apk_parts, **{"classes2.dex": bytes(64 * MB)})
    data = zip_declaring(parts, {"classes2.dex": 1000})
    assert len(data) < 2 * MB
    tracemalloc.start()
    try:
        model = load(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert model.package == "owasp.mstg.uncrackable1" and model.dex[0].error == ""
    assert model.dex[1].error and "beyond 1 MB" in model.dex[1].error
    assert any("classes2.dex" in line and "zip bomb" in line for line in model.not_analysed)
    assert peak < 16 * MB, f"{peak / MB:.0f} MB held while reading a 64 MB entry capped at 1 MB"


def test_entries_under_the_cap_stop_at_the_archive_total(apk_parts, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 4 * MB)
    monkeypatch.setattr(archive, "MAX_TOTAL_INFLATED", 5 * MB)
    parts = dict(apk_parts)
    for i in range(2, 6):
        parts[f"classes{i}.dex"] = bytes(2 * MB)  # each under the entry cap, 8 MB together
    model = load(zip_declaring(parts, {f"classes{i}.dex": 1000 for i in range(2, 6)}))
    stopped = [d.name for d in model.dex if "zip bomb" in d.error]  # the others were read (and are not DEX files)
    assert stopped == ["classes4.dex", "classes5.dex"]


def test_a_manifest_declaring_1000_bytes_that_inflates_past_its_cap_is_an_input_error(apk_parts, monkeypatch):
    monkeypatch.setattr(archive, "MAX_MANIFEST_BYTES", 1 * MB)
    parts = dict(apk_parts, **{"AndroidManifest.xml": apk_parts["AndroidManifest.xml"] + bytes(8 * MB)})
    with pytest.raises(InputTooLargeError) as err:
        load(zip_declaring(parts, {"AndroidManifest.xml": 1000}))
    assert "AndroidManifest.xml" in err.value.one_line() and "\n" not in err.value.one_line()


def test_a_nested_apk_inflating_past_the_cap_is_reported_and_the_rest_analysed(apk_parts, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRY_BYTES", 1 * MB)
    parts = dict(apk_parts, **{"assets/inner.apk": bytes(16 * MB)})
    model = load(zip_declaring(parts, {"assets/inner.apk": 1000}))
    assert model.package == "owasp.mstg.uncrackable1"
    assert any("assets/inner.apk" in line and "beyond 1 MB" in line for line in model.not_analysed)
