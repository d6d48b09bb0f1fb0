"""Hostile and broken inputs: a clear result or a clear one-line InputError, never a hang or a traceback."""
from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

import pytest

import fineprint.ingest.apk.archive as apk  # the ZIP walk and its caps
from fineprint.detectors.apk import detect_app
from fineprint.errors import CorruptInputError, EmptyInputError, InputError, InputTooLargeError, UnsupportedInputError
from fineprint.ingest.apk import load_apk
from fineprint.settings import Settings

SETTINGS = Settings()


def load(data, **kw):
    return load_apk(data, SETTINGS, name="x.apk", isolate=False, **kw)


def one_line(exc: InputError) -> str:
    line = exc.one_line()
    assert "\n" not in line and "Traceback" not in line and len(line) < 300
    return line


def test_truncated_apk(samples):
    data = (samples / "vuln_ovaa.apk").read_bytes()
    with pytest.raises(CorruptInputError) as err:
        load(data[: len(data) // 2])
    assert "truncated" in one_line(err.value)


def test_apk_cut_just_before_the_end_keeps_no_half_dex(samples, zipper, apk_parts):
    """A file whose data area is damaged but whose directory survives: what is readable is analysed."""
    parts = dict(apk_parts)
    parts["classes.dex"] = parts["classes.dex"][:200]  # a DEX file cut short
    model = load(zipper(parts))
    assert model.package == "owasp.mstg.uncrackable1"
    assert model.dex[0].error and any("classes.dex" in line for line in model.not_analysed)


def test_zip_that_is_not_an_apk(zipper):
    with pytest.raises(UnsupportedInputError) as err:
        load(zipper({"readme.txt": b"hello", "photo.jpg": b"\xff\xd8\xff"}))
    assert "not an APK" in one_line(err.value)


def test_not_a_zip_at_all():
    with pytest.raises(UnsupportedInputError) as err:
        load(b"%PDF-1.7 this is not an app" * 10)
    assert "not" in one_line(err.value)


def test_empty_input(tmp_path):
    with pytest.raises(EmptyInputError):
        load(b"")
    empty = tmp_path / "empty.apk"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        load_apk(empty, SETTINGS, isolate=False)


def test_missing_file(tmp_path):
    with pytest.raises(UnsupportedInputError):
        load_apk(tmp_path / "nope.apk", SETTINGS, isolate=False)


def _deflate_zeros(n: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    out = [comp.compress(chunk) for _ in range(n >> 20)]
    out.append(comp.flush())
    return b"".join(out)


def _bomb_zip(entries: dict[str, bytes], bomb_name: str, bomb_size: int) -> bytes:
    """A ZIP whose ``bomb_name`` inflates to ``bomb_size`` zero bytes while declaring 1000 bytes."""
    raw = _deflate_zeros(bomb_size)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(out.getvalue())
    eocd = data.rfind(b"PK\x05\x06")
    cd_size = int.from_bytes(data[eocd + 12:eocd + 16], "little")
    cd_off = int.from_bytes(data[eocd + 16:eocd + 20], "little")
    count = int.from_bytes(data[eocd + 10:eocd + 12], "little")
    name = bomb_name.encode()
    local_off = cd_off
    crc = 0
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + bytes(2) + (8).to_bytes(2, "little") + bytes(4)
             + crc.to_bytes(4, "little") + len(raw).to_bytes(4, "little") + (1000).to_bytes(4, "little")
             + len(name).to_bytes(2, "little") + bytes(2) + name)
    central = (b"PK\x01\x02" + (20).to_bytes(2, "little") + (20).to_bytes(2, "little") + bytes(2)
               + (8).to_bytes(2, "little") + bytes(4) + crc.to_bytes(4, "little") + len(raw).to_bytes(4, "little")
               + (1000).to_bytes(4, "little") + len(name).to_bytes(2, "little") + bytes(2 + 2 + 2 + 2 + 4)
               + local_off.to_bytes(4, "little") + name)
    old_cd = bytes(data[cd_off:cd_off + cd_size])
    body = bytes(data[:cd_off]) + local + raw
    new_cd = old_cd + central
    end = (b"PK\x05\x06" + bytes(4) + (count + 1).to_bytes(2, "little") + (count + 1).to_bytes(2, "little")
           + len(new_cd).to_bytes(4, "little") + len(body).to_bytes(4, "little") + bytes(2))
    return body + new_cd + end


def test_zip_bomb_dex_is_skipped_not_inflated(apk_parts, monkeypatch):
    monkeypatch.setattr(apk, "MAX_ENTRY_BYTES", 8 << 20)
    parts = {k: v for k, v in apk_parts.items() if k != "classes.dex"}
    data = _bomb_zip(parts, "classes.dex", 64 << 20)
    assert len(data) < 1 << 20  # under a megabyte on disk ...
    start = time.perf_counter()
    model = load(data)  # ... 64 MB declared as 1000 bytes: stopped at the cap, reported, no crash
    assert time.perf_counter() - start < 10
    assert model.package == "owasp.mstg.uncrackable1"
    assert any("zip bomb" in line for line in model.not_analysed)


def test_zip_bomb_manifest_is_an_input_error(apk_parts):
    parts = {k: v for k, v in apk_parts.items() if k != "AndroidManifest.xml"}
    data = _bomb_zip(parts, "AndroidManifest.xml", 32 << 20)
    with pytest.raises(InputTooLargeError) as err:
        load(data)
    assert "AndroidManifest.xml" in one_line(err.value)


def test_many_dex_files_are_all_read(apk_parts, zipper):
    parts = {k: v for k, v in apk_parts.items() if k != "classes.dex"}
    dex = apk_parts["classes.dex"]
    for i in range(1, 41):
        parts["classes.dex" if i == 1 else f"classes{i}.dex"] = dex
    model = load(zipper(parts))
    assert len(model.dex) == 40 and all(not d.error for d in model.dex)
    assert [d.name for d in model.dex[:3]] == ["classes.dex", "classes2.dex", "classes3.dex"]
    findings, _, _ = detect_app(model, SETTINGS)
    assert "app.root-detection" in {f.id for f in findings}


def test_too_many_dex_files_are_reported(apk_parts, zipper, monkeypatch):
    monkeypatch.setattr(apk, "MAX_DEX_FILES", 5)
    parts = dict(apk_parts)
    for i in range(2, 9):
        parts[f"classes{i}.dex"] = apk_parts["classes.dex"]
    model = load(zipper(parts))
    assert len(model.dex) == 5
    assert any("DEX files beyond" in line for line in model.not_analysed)


def test_garbage_dex_is_reported_not_fatal(apk_parts, zipper):
    parts = dict(apk_parts)
    parts["classes2.dex"] = b"dex\n035\x00" + bytes(range(256)) * 4
    model = load(zipper(parts))
    assert model.dex[0].error == "" and model.dex[1].error
    assert any("classes2.dex" in line for line in model.not_analysed)


def test_tampered_manifest_bogus_compression_method(apk_parts, zipper, central_method):
    """Android reads an unknown compression method as STORED; so must we (a known anti-analysis trick)."""
    data = central_method(zipper(apk_parts, stored=("AndroidManifest.xml",)), "AndroidManifest.xml", 0x1337)
    model = load(data)
    assert model.package == "owasp.mstg.uncrackable1" and model.min_sdk == 19


def test_tampered_manifest_obfuscated_attribute_names(apk_parts, zipper):
    """Attribute name strings rewritten: Android resolves attributes by resource id, and so do we."""
    manifest = apk_parts["AndroidManifest.xml"]
    utf16 = b"\x04\x00n\x00a\x00m\x00e\x00\x00\x00"
    assert utf16 in manifest
    parts = dict(apk_parts, **{"AndroidManifest.xml": manifest.replace(utf16, b"\x04\x00x\x00y\x00z\x00w\x00\x00\x00")})
    model = load(zipper(parts))
    assert any(c.name.endswith("MainActivity") for c in model.components)


def test_tampered_manifest_junk_between_chunks(apk_parts, zipper):
    """Unknown chunk types and dummy bytes between elements are skipped, as Android skips them."""
    manifest = bytearray(apk_parts["AndroidManifest.xml"])
    start_element = manifest.find(b"\x02\x01\x10\x00")  # the first RES_XML_START_ELEMENT chunk header
    junk = b"\x77\x07\x08\x00\x10\x00\x00\x00" + b"JUNKJUNK"  # an unknown 16-byte chunk
    manifest[start_element:start_element] = junk
    manifest[4:8] = (len(manifest)).to_bytes(4, "little")
    model = load(zipper(dict(apk_parts, **{"AndroidManifest.xml": bytes(manifest)})))
    assert model.package == "owasp.mstg.uncrackable1"


def test_unreadable_manifest_with_code_still_gives_a_result(apk_parts, zipper):
    parts = dict(apk_parts, **{"AndroidManifest.xml": b"\x03\x00\x08\x00" + b"\xff" * 64})
    model = load(zipper(parts))
    assert model.classes and any("AndroidManifest.xml" in line for line in model.not_analysed)


def test_unreadable_manifest_without_code_is_corrupt(apk_parts, zipper):
    with pytest.raises(CorruptInputError):
        load(zipper({"AndroidManifest.xml": b"\x03\x00\x08\x00" + b"\xff" * 64, "res/x.png": b"png"}))


def test_bare_dex_file_is_analysed(apk_parts):
    model = load(apk_parts["classes.dex"])
    assert model.classes and model.package == ""
    assert any("manifest" in line.lower() for line in detect_app(model, SETTINGS)[1].not_analysed)


def test_nested_apk_is_analysed(apk_parts, zipper, samples):
    inner = (samples / "droidbench_SendSMS.apk").read_bytes()
    model = load(zipper(dict(apk_parts, **{"assets/plugin.apk": inner})))
    assert model.nested_apks == ("assets/plugin.apk",)
    assert "android.permission.SEND_SMS" in model.permissions
    assert any(d.name == "assets/plugin.apk!classes.dex" for d in model.dex)


def test_time_budget_is_enforced_in_the_subprocess(samples):
    settings = Settings(apk_time_budget=0.01)
    with pytest.raises(InputTooLargeError) as err:
        load_apk(samples / "vuln_ovaa.apk", settings, isolate=True)
    assert "budget" in one_line(err.value)


def test_subprocess_reports_input_errors_as_input_errors(zipper):
    with pytest.raises(UnsupportedInputError) as err:
        load_apk(zipper({"readme.txt": b"x"}), SETTINGS, name="r.apk", isolate=True)
    assert err.value.source == "r.apk"


def test_split_apk_bundle_uses_the_base_manifest(apk_parts, zipper, samples):
    """An .apks / .xapk bundle: no manifest at the top, a base APK and configuration splits inside."""
    base = (samples / "droidbench_LocationLeak1.apk").read_bytes()
    split = zipper({"AndroidManifest.xml": apk_parts["AndroidManifest.xml"], "lib/arm64-v8a/libx.so": b"\x7fELF"})
    model = load(zipper({"split_config.arm64_v8a.apk": split, "base.apk": base, "toc.pb": b"\x00"}))
    assert model.package == "de.ecspride"
    assert "android.permission.ACCESS_FINE_LOCATION" in model.permissions
    assert model.native_libs == ("split_config.arm64_v8a.apk!lib/arm64-v8a/libx.so",)


def test_fake_encryption_flag_is_ignored_like_android_does(apk_parts, zipper):
    """The 'encrypted' bit set on entries that are not encrypted breaks many tools; Android ignores it."""
    data = bytearray(zipper(apk_parts))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        while pos >= 0:
            data[pos + flag_at] |= 1
            pos = data.find(sig, pos + 4)
    model = load(bytes(data))
    assert model.package == "owasp.mstg.uncrackable1" and model.classes


def test_memory_budget_is_enforced_in_the_subprocess(samples):
    """A budget too small for the app is a one-line InputTooLargeError, not a crash of the caller."""
    with pytest.raises(InputTooLargeError) as err:
        load_apk(samples / "trk_firebase_crashlytics_sample.apk", Settings(apk_memory_mb=40), isolate=True)
    assert "memory" in one_line(err.value)


def test_random_damage_gives_a_result_or_an_input_error(samples):
    """Bytes flipped anywhere in a real APK (fixed seed): a model or a one-line InputError, quickly, nothing else."""
    import random

    original = (samples / "mastg_uncrackable1.apk").read_bytes()
    rng = random.Random(20240301)
    outcomes = {"model": 0, "error": 0}
    for _ in range(60):
        data = bytearray(original)
        for _ in range(rng.choice((1, 4, 32))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            del data[rng.randrange(len(data)):][: rng.randrange(1, 4096)]
        start = time.perf_counter()
        try:
            load(bytes(data))
            outcomes["model"] += 1
        except InputError as exc:
            one_line(exc)
            outcomes["error"] += 1
        assert time.perf_counter() - start < 10
    assert outcomes["model"] > 0


@pytest.mark.parametrize("offset, fmt, value", [
    (0, "<H", 0x0000),  # file chunk type zeroed (breaks tools that check it; Android does not)
    (2, "<H", 0x0010),  # file header size lies
    (8, "<H", 0x0000),  # string pool chunk type zeroed
    (24, "<I", 0x12345600 & ~0x100),  # string pool flags: unknown bits set, UTF-8 bit clear (as in the file)
    (20, "<I", 5),  # style count lies
])
def test_tampered_manifest_headers(apk_parts, zipper, offset, fmt, value):
    manifest = bytearray(apk_parts["AndroidManifest.xml"])
    struct.pack_into(fmt, manifest, offset, value)
    model = load(zipper(dict(apk_parts, **{"AndroidManifest.xml": bytes(manifest)})))
    assert model.package == "owasp.mstg.uncrackable1" and model.components
