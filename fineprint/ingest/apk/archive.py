"""The ZIP side of an APK: the central directory (Python's ``zipfile``), then each entry read by hand, as Android
does (an unknown compression method is read as "stored", local-header lies are ignored), and the walk over an
archive: manifest, file list, every classes*.dex, nested APKs one level deep, a DEX file with a ZIP appended (Janus).

Every cap applies to what is actually inflated, never to what an entry declares: a deflated entry is inflated
chunk by chunk and stops one byte past its cap (and past ``MAX_TOTAL_INFLATED`` for the whole archive), whatever
sizes its headers give.
"""
from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from ...appmodel import AppModel, DexInfo, Watch
from ...errors import CorruptInputError, InputTooLargeError, UnsupportedInputError
from .collect import Collector
from .dex import DEX_MAGIC
from .manifest import parse_manifest
from .resources import resource_strings

MB = 1024 * 1024
ZIP_LOCAL = b"PK\x03\x04"
ZIP_EOCD = b"PK\x05\x06"
# Caps that keep a hostile archive from exhausting memory; each is far above what a real app needs.
MAX_APK_FILE_BYTES = 4096 * MB  # the 32-bit ZIP limit; Android's own installer stops well before
MAX_ENTRY_BYTES = 512 * MB  # one inflated entry (a DEX file is at most a few tens of MB)
MAX_MANIFEST_BYTES = 8 * MB
MAX_TOTAL_INFLATED = 2048 * MB
MAX_ENTRIES = 200_000
MAX_DEX_FILES = 512
MAX_NESTED_APKS = 16
MAX_ARSC_BYTES = 64 * MB


def analyse(source: Path | bytes, label: str, watch: Watch) -> AppModel:
    """Parse an APK (or a bare DEX file) in this process. Prefer ``load_apk``, which budgets it.

    Hostile archives reach code paths nobody planned for: any parsing failure that is not already a clear
    InputError becomes a one-line CorruptInputError rather than a traceback.
    """
    try:
        return _analyse(source, label, watch)
    except (struct.error, ValueError, IndexError, KeyError, zlib.error, EOFError, UnicodeError, OverflowError,
            zipfile.BadZipFile, NotImplementedError) as exc:
        raise CorruptInputError(f"damaged APK, analysis stopped ({type(exc).__name__}: {str(exc)[:120]})",
                                source=label) from None


def _analyse(source: Path | bytes, label: str, watch: Watch) -> AppModel:
    if isinstance(source, Path):
        fh = open(source, "rb")
        size = source.stat().st_size
    else:
        fh = io.BytesIO(source)
        size = len(source)
    with fh:
        sha = hashlib.sha256()
        for chunk in iter(lambda: fh.read(MB), b""):
            sha.update(chunk)
        fh.seek(0)
        head = fh.read(8)
        is_dex = bool(DEX_MAGIC.fullmatch(head))
        collector = Collector(watch)
        zf = _open_zip(fh, label, allow_fail=is_dex)
        janus = False
        if is_dex:
            fh.seek(0)
            dex_size = struct.unpack("<I", fh.read(40)[32:36])[0] if size >= 40 else 0
            janus = zf is not None
            fh.seek(0)
            data = fh.read(min(max(dex_size, 0), size, MAX_ENTRY_BYTES))
            collector.read_dex(data, "(DEX at the start of the file)" if janus else "classes.dex")
            if not janus:
                collector.not_analysed.append("a bare DEX file, not an APK: without a manifest, permissions and "
                                              "components are unknown")
            else:
                collector.not_analysed.append(
                    "this file is both a DEX file and an APK (Janus, CVE-2017-13156): Android 5-8 would run the DEX "
                    "code at its start while checking the APK's signature; both were analysed")
        manifest: dict = {}
        if zf is not None:
            manifest = _read_archive(zf, fh, label, collector, depth=0, janus=janus or is_dex, budget=_Inflated())
        elif not is_dex:
            raise UnsupportedInputError("not an APK: neither a ZIP archive nor a DEX file", source=label)
    return collector.model(source=label, sha256=sha.hexdigest(), size=size, manifest=manifest, janus=janus)


def _open_zip(fh, label: str, *, allow_fail: bool) -> zipfile.ZipFile | None:
    try:
        fh.seek(0)
        return zipfile.ZipFile(fh)
    except zipfile.BadZipFile as exc:
        if allow_fail:
            return None
        fh.seek(0)
        head = fh.read(4)
        if head == ZIP_LOCAL:
            raise CorruptInputError(f"truncated or damaged APK (ZIP directory unreadable: {exc})",
                                    source=label) from None
        raise UnsupportedInputError("not an APK: the file is not a ZIP archive", source=label) from None
    except (OSError, ValueError, struct.error, NotImplementedError) as exc:
        raise CorruptInputError(f"damaged APK ({exc})", source=label) from None


class _Inflated:
    """Running total of inflated bytes, so that many small bombs cannot add up."""

    def __init__(self) -> None:
        self.total = 0


def _read_entry(zf: zipfile.ZipFile, fh, info: zipfile.ZipInfo, cap: int, budget: _Inflated) -> bytes:
    """Inflate one entry the way Android does (central directory wins; unknown method = stored), at most ``cap``."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != ZIP_LOCAL:
        raise ValueError("bad local header")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        out = bytearray()
        remaining = info.compress_size
        while remaining > 0:
            chunk = fh.read(min(remaining, MB))
            if not chunk:
                break
            remaining -= len(chunk)
            out += inflater.decompress(chunk, cap + 1 - len(out))
            if len(out) > cap or budget.total + len(out) > MAX_TOTAL_INFLATED:
                raise OverflowError(f"{info.filename} inflates beyond {cap // MB} MB (zip bomb?)")
            while inflater.unconsumed_tail and len(out) <= cap:
                out += inflater.decompress(inflater.unconsumed_tail, cap + 1 - len(out))
                if len(out) > cap:
                    raise OverflowError(f"{info.filename} inflates beyond {cap // MB} MB (zip bomb?)")
        if remaining > 0:
            raise ValueError(f"{info.filename} is truncated")
        budget.total += len(out)
        return bytes(out)
    # STORED, or a bogus method Android treats as stored
    n = min(info.compress_size, cap + 1)
    data = fh.read(n)
    if len(data) > cap:
        raise OverflowError(f"{info.filename} is larger than {cap // MB} MB")
    if len(data) < info.compress_size:
        raise ValueError(f"{info.filename} is truncated")
    budget.total += len(data)
    return data


_DEX_NAME = re.compile(r"^classes(\d*)\.dex$")


def _read_archive(zf: zipfile.ZipFile, fh, label: str, collector: Collector, *, depth: int,
                  janus: bool = False, prefix: str = "", budget: _Inflated) -> dict:
    """Read the manifest, the file list, every classes*.dex and nested APKs of one archive."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputTooLargeError(f"{len(infos)} ZIP entries is more than the {MAX_ENTRIES} an APK may have",
                                 source=label)
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        by_name.setdefault(info.filename, info)  # Android's zip reader uses the first entry of a name
    names = list(by_name)
    dex_names = sorted((n for n in names if _DEX_NAME.match(n)),
                       key=lambda n: int(_DEX_NAME.match(n).group(1) or 1))
    manifest_info = by_name.get("AndroidManifest.xml")
    nested = [n for n in names if n.lower().endswith(".apk")] if depth == 0 else []
    if depth == 0 and manifest_info is None and not dex_names and not janus and not nested:
        raise UnsupportedInputError("a ZIP archive, but not an APK (no AndroidManifest.xml, no classes.dex)",
                                    source=label)
    manifest: dict = {}
    if manifest_info is not None:
        try:
            raw = _read_entry(zf, fh, manifest_info, MAX_MANIFEST_BYTES, budget)
            manifest = parse_manifest(raw)
            _resolve_manifest_strings(manifest, zf, fh, by_name.get("resources.arsc"), budget, collector, prefix)
        except OverflowError as exc:
            if depth == 0:
                raise InputTooLargeError(f"AndroidManifest.xml: {exc}", source=label) from None
            collector.not_analysed.append(f"{prefix}AndroidManifest.xml: {exc}")
        except Exception as exc:  # the manifest parser may raise anything on hostile input
            if depth == 0 and not dex_names:
                raise CorruptInputError(f"unreadable AndroidManifest.xml ({type(exc).__name__}: {exc})",
                                        source=label) from None
            collector.not_analysed.append(f"{prefix}AndroidManifest.xml could not be read ({type(exc).__name__})")
    for n in names:
        if n.startswith("lib/") and n.endswith(".so"):
            collector.native_libs.append(prefix + n)
    for n in dex_names[:MAX_DEX_FILES]:
        info = by_name[n]
        try:
            data = _read_entry(zf, fh, info, MAX_ENTRY_BYTES, budget)
        except OverflowError as exc:
            collector.dex.append(DexInfo(prefix + n, info.file_size, error=str(exc)))
            collector.not_analysed.append(f"{prefix}{n}: {exc}")
            continue
        except (ValueError, OSError, zlib.error, EOFError) as exc:
            collector.dex.append(DexInfo(prefix + n, info.file_size, error=str(exc)))
            collector.not_analysed.append(f"{prefix}{n} could not be read ({exc})")
            continue
        collector.read_dex(data, prefix + n)
        del data  # one DEX in memory at a time
    if len(dex_names) > MAX_DEX_FILES:
        collector.not_analysed.append(f"{len(dex_names) - MAX_DEX_FILES} DEX files beyond the first "
                                      f"{MAX_DEX_FILES} were not analysed")
    if depth == 0:
        inner_manifests: dict[str, dict] = {}
        for n in nested[:MAX_NESTED_APKS]:
            try:
                data = _read_entry(zf, fh, by_name[n], MAX_ENTRY_BYTES, budget)
                inner = zipfile.ZipFile(io.BytesIO(data))
            except (OverflowError, ValueError, OSError, zlib.error, zipfile.BadZipFile, EOFError,
                    NotImplementedError) as exc:
                collector.not_analysed.append(f"nested APK {n} could not be read ({exc})")
                continue
            collector.nested.append(n)
            sub = _read_archive(inner, io.BytesIO(data), label, collector, depth=1, prefix=f"{n}!",
                                budget=budget)
            for perm in sub.get("permissions", ()):
                collector.nested_permissions.add(perm)
            if sub.get("package"):
                inner_manifests[n] = sub
        if len(nested) > MAX_NESTED_APKS:
            collector.not_analysed.append(f"{len(nested) - MAX_NESTED_APKS} nested APKs were not analysed")
        if not manifest and inner_manifests:
            # a bundle of split APKs (.apks / .xapk): the base APK's manifest describes the app
            base = next((n for n in inner_manifests if n.rsplit("/", 1)[-1] == "base.apk"), None) or \
                next((n for n in inner_manifests if not n.rsplit("/", 1)[-1].startswith(("split_", "config."))),
                     next(iter(inner_manifests)))
            manifest = inner_manifests[base]
    collector.files += len(names)
    return manifest


def _resolve_manifest_strings(manifest: dict, zf, fh, arsc_info, budget, collector: Collector, prefix: str) -> None:
    """Turn @string references of the app's label and version name into text, from resources.arsc."""
    wanted = {k: manifest.pop(k) for k in ("label_ref", "version_name_ref") if k in manifest}
    if not wanted or arsc_info is None:
        return
    try:
        found = resource_strings(_read_entry(zf, fh, arsc_info, MAX_ARSC_BYTES, budget), set(wanted.values()))
    except Exception as exc:  # hostile resource tables must not stop the analysis: the label is a nicety
        collector.not_analysed.append(f"{prefix}resources.arsc could not be read ({type(exc).__name__}); "
                                      "the app's name is unknown")
        return
    if found.get(wanted.get("label_ref")):
        manifest["label"] = found[wanted["label_ref"]]
    if found.get(wanted.get("version_name_ref")) and not manifest.get("version_name"):
        manifest["version_name"] = found[wanted["version_name_ref"]]
