"""The one APK adapter: bytes or a path -> a frozen ``AppModel`` (fineprint/appmodel.py).

What it reads, and how, so that a large app costs seconds and tens of MB, not minutes and GBs:
- the ZIP central directory (Python's ``zipfile``), then each entry by hand: Android reads an unknown compression
  method as "stored" and ignores local-header lies, so do we; every entry is inflated with a hard size cap (zip bombs);
- AndroidManifest.xml with apkInspector's tamper-tolerant binary-XML parser, attributes resolved by resource id as
  Android does (an obfuscated attribute name cannot hide ``android:name``);
- each classes*.dex, one at a time, with a small reader of the DEX tables (strings, types, fields, methods, class
  definitions). Code is not disassembled: the byte patterns of invoke / field / const-string instructions that name a
  watched API are searched in the code area, and each hit is confirmed by walking the one method that contains it,
  which tells *which class* uses the API (the app's own code or a library). No cross-reference analysis.
Nested APKs (splits, APKs bundled in assets) are read the same way, one level deep. A DEX file with a ZIP appended
(Janus, CVE-2017-13156) is read as both.

``load_apk`` runs all of this in a child process with a wall-time and memory budget (``Settings.apk_time_budget``,
``Settings.apk_memory_mb``); what could not be analysed is listed in ``AppModel.not_analysed`` rather than raised.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..appmodel import AppModel, CodeUse, Component, DexInfo
from ..errors import CorruptInputError, EmptyInputError, InputTooLargeError, ResourceError, UnsupportedInputError
from ..settings import DEFAULT, Settings, from_environment

MB = 1024 * 1024
DEX_MAGIC = re.compile(rb"dex\n0[0-9]{2}\x00")
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
MAX_CALLERS = 12  # callers kept per watched reference (evidence, not an inventory)
MAX_HOSTS = 2000
_URL_HOST = re.compile(r"\b(?:https?|wss?)://([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
ANDROID_NS = "http://schemas.android.com/apk/res/android"


@dataclass(frozen=True, slots=True)
class Watch:
    """The references whose use in code the detectors need to see, with their callers."""

    methods: frozenset[str] = frozenset()  # "Lpkg/Class;->name"
    fields: frozenset[str] = frozenset()  # "Landroid/os/Build;->FINGERPRINT"
    strings: frozenset[str] = frozenset()  # exact string constants
    string_patterns: tuple[str, ...] = ()  # lowercase regexes searched in lowercased string constants
    supers: frozenset[str] = frozenset()  # "Landroid/accessibilityservice/AccessibilityService;" (subclassed)


def default_watch() -> Watch:
    """The watch list the APK detectors declare (fineprint/detectors/apk/data/capabilities.yaml)."""
    from ..detectors.apk.capabilities import watch_list

    return watch_list()


# --------------------------------------------------------------------------------------------------------- entry
def load_apk(source: str | os.PathLike | bytes, settings: Settings = DEFAULT, name: str | None = None, *,
             watch: Watch | None = None, isolate: bool | None = None) -> AppModel:
    """Read an APK (path or bytes) into an ``AppModel``.

    ``isolate`` (default: on, unless FINEPRINT_APK_INPROCESS=1) runs the parsing in a child process limited to
    ``settings.apk_memory_mb`` of address space and ``settings.apk_time_budget`` seconds. Bad input raises an
    ``InputError`` with a one-line reason; a budget overrun raises ``InputTooLargeError``.
    """
    if isolate is None:
        isolate = not from_environment().apk_inprocess
    label = name or (source if isinstance(source, (str, os.PathLike)) else "-")
    label = str(label)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if not data:
            raise EmptyInputError("the input is empty", source=label)
        if len(data) > settings.max_bytes:
            raise InputTooLargeError(f"{len(data) / MB:.0f} MB is over the {settings.max_bytes / MB:.0f} MB limit "
                                     "(raise it with --max-size)", source=label)
        path = None
    else:
        path = Path(source)
        if not path.is_file():
            raise UnsupportedInputError("no such file" if not path.exists() else "not a regular file", source=label)
        size = path.stat().st_size
        if size == 0:
            raise EmptyInputError("the file is empty", source=label)
        # A file is streamed entry by entry, never read whole: its size is bounded by the ZIP format, and memory
        # by the analysis budget, not by --max-size (real apps often weigh 100 MB and more).
        if size > MAX_APK_FILE_BYTES:
            raise InputTooLargeError(f"{size / MB:.0f} MB is larger than any APK can be "
                                     f"({MAX_APK_FILE_BYTES // MB} MB)", source=label)
        data = None
    try:
        import importlib

        importlib.import_module("apkInspector")  # the manifest parser; everything else is fineprint's own code
    except ImportError:
        raise ResourceError("APK support is not installed; install it with: pip install 'fineprint[apk]'",
                            source=label) from None
    watch = watch or default_watch()
    if not isolate:
        return analyse(path if path is not None else data, label, watch)
    return _analyse_in_child(path, data, label, watch, settings)


def _analyse_in_child(path: Path | None, data: bytes | None, label: str, watch: Watch, settings: Settings) -> AppModel:
    """Run ``analyse`` in ``python -m fineprint.ingest.apk`` under rlimits; the model comes back pickled."""
    request = pickle.dumps({"path": str(path) if path is not None else None, "data": data, "label": label,
                            "watch": watch, "memory_mb": settings.apk_memory_mb})
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    try:
        proc = subprocess.run([sys.executable, "-m", "fineprint.ingest.apk"], input=request, capture_output=True,
                              timeout=settings.apk_time_budget, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise InputTooLargeError(f"APK analysis took longer than its {settings.apk_time_budget:.0f} s budget",
                                 source=label) from None
    except OSError:
        # no usable interpreter to start (embedded Python, process limits): analyse here, without isolation
        return analyse(path if path is not None else data, label, watch)
    if proc.returncode == 0 and proc.stdout:
        status, payload = pickle.loads(proc.stdout)
        if status == "ok":
            return payload
        kind, message = payload
        raise _ERRORS.get(kind, CorruptInputError)(message, source=label)
    if proc.returncode in (-9, 137) or b"memory" in proc.stderr.lower():
        raise InputTooLargeError(f"APK analysis needed more than its {settings.apk_memory_mb} MB memory budget",
                                 source=label)
    last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
    raise ResourceError(f"APK analysis process failed (exit {proc.returncode}): {last[:200]}", source=label)


_ERRORS = {cls.__name__: cls for cls in (CorruptInputError, EmptyInputError, InputTooLargeError,
                                          UnsupportedInputError, ResourceError)}


def _child_main() -> None:
    """Entry point of the analysis subprocess: pickled request on stdin, pickled (status, payload) on stdout."""
    request = pickle.loads(sys.stdin.buffer.read())
    try:
        import resource

        limit = int(request["memory_mb"]) * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # no rlimit on this platform: the wall-time budget still applies
    source = request["path"] if request["path"] is not None else request["data"]
    try:
        result = ("ok", analyse(Path(source) if isinstance(source, str) else source, request["label"],
                                request["watch"]))
    except MemoryError:
        result = ("error", ("InputTooLargeError", "APK analysis ran out of its memory budget"))
    except (CorruptInputError, EmptyInputError, InputTooLargeError, UnsupportedInputError, ResourceError) as exc:
        result = ("error", (type(exc).__name__, exc.message))
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.buffer.flush()


# ------------------------------------------------------------------------------------------------------ analysis
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
        collector = _Collector(watch)
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
            manifest = _read_archive(zf, fh, label, collector, depth=0, janus=janus or is_dex)
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


def _read_archive(zf: zipfile.ZipFile, fh, label: str, collector: "_Collector", *, depth: int,
                  janus: bool = False, prefix: str = "") -> dict:
    """Read the manifest, the file list, every classes*.dex and nested APKs of one archive."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputTooLargeError(f"{len(infos)} ZIP entries is more than the {MAX_ENTRIES} an APK may have",
                                 source=label)
    budget = collector.inflated
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
            sub = _read_archive(inner, io.BytesIO(data), label, collector, depth=1, prefix=f"{n}!")
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


# ------------------------------------------------------------------------------------------------------ manifest
# Android resolves manifest attributes by resource id, not by the name string, so tampered names do not matter.
_ATTR_IDS = {
    0x01010003: "name", 0x01010006: "permission", 0x01010009: "protectionLevel", 0x01010010: "exported",
    0x0101000F: "debuggable", 0x01010280: "allowBackup", 0x0101021B: "versionCode", 0x0101021C: "versionName",
    0x0101020C: "minSdkVersion", 0x01010270: "targetSdkVersion", 0x01010271: "maxSdkVersion",
    0x010104EC: "usesCleartextTraffic", 0x0101000E: "enabled", 0x01010001: "label",
}
_COMPONENT_TAGS = ("activity", "activity-alias", "service", "receiver", "provider")


def parse_manifest(raw: bytes) -> dict:
    """Binary AndroidManifest.xml -> a plain dict of what the detectors use (tamper-tolerant)."""
    if raw[:1] == b"<":
        raise ValueError("plain-text XML manifest (not a compiled APK)")
    from apkInspector.axml import ManifestStruct, XmlEndElement, XmlStartElement

    _silence_apkinspector()
    struct_ = ManifestStruct.parse(io.BytesIO(raw))
    strings = struct_.string_pool.string_list
    resids = struct_.resource_map.resids if struct_.resource_map is not None else []

    def text(i: int) -> str:
        return strings[i] if 0 <= i < len(strings) and isinstance(strings[i], str) else ""

    out: dict = {"permissions": [], "declared_permissions": [], "components": [], "queries": []}
    stack: list[tuple[str, dict]] = []
    current: dict | None = None
    for el in struct_.elements:
        if isinstance(el, XmlStartElement):
            tag = text(el.attrext[1])
            attrs: dict[str, object] = {}
            refs: dict[str, int] = {}  # attributes given as resource references (@string/app_name)
            for a in el.attributes:
                key = _ATTR_IDS.get(resids[a.name_index]) if a.name_index < len(resids) else None
                key = key or text(a.name_index)
                if not key or key in attrs:
                    continue
                if a.typed_value_datatype == 1 and isinstance(a.typed_value_data, int):
                    refs[key] = a.typed_value_data
                if a.typed_value_datatype == 3:
                    value: object = text(a.typed_value_data) or text(a.raw_value_index)
                elif a.typed_value_datatype == 18:
                    value = bool(a.typed_value_data)
                elif a.typed_value_datatype in (16, 17):
                    value = int(a.typed_value_data) & 0xFFFFFFFF if a.typed_value_datatype == 17 else \
                        int(a.typed_value_data)
                elif a.raw_value_index != 0xFFFFFFFF and text(a.raw_value_index):
                    value = text(a.raw_value_index)
                else:
                    value = a.typed_value_data
                attrs[key] = value
            parents = [t for t, _ in stack]
            stack.append((tag, attrs))
            if tag == "manifest" and "package" not in out:
                out["package"] = str(attrs.get("package", ""))
                out["version_code"] = str(attrs.get("versionCode", ""))
                out["version_name"] = str(attrs.get("versionName", "")) if isinstance(attrs.get("versionName"),
                                                                                     str) else ""
                if refs.get("versionName"):
                    out["version_name_ref"] = refs["versionName"]
            elif tag == "uses-sdk":
                for key in ("minSdkVersion", "targetSdkVersion"):
                    if isinstance(attrs.get(key), int):
                        out.setdefault(key, attrs[key])
                    elif isinstance(attrs.get(key), str) and str(attrs[key]).isdigit():
                        out.setdefault(key, int(attrs[key]))
            elif tag in ("uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"):
                if isinstance(attrs.get("name"), str) and attrs["name"]:
                    out["permissions"].append(attrs["name"])
            elif tag == "permission":
                level = attrs.get("protectionLevel", 0)
                out["declared_permissions"].append((str(attrs.get("name", "")), _protection(level)))
            elif tag == "application":
                if isinstance(attrs.get("label"), str):
                    out["label"] = attrs["label"]
                elif refs.get("label"):
                    out["label_ref"] = refs["label"]
                out["debuggable"] = bool(attrs.get("debuggable", False))
                if isinstance(attrs.get("allowBackup"), bool):
                    out["allow_backup"] = attrs["allowBackup"]
                if isinstance(attrs.get("usesCleartextTraffic"), bool):
                    out["uses_cleartext"] = attrs["usesCleartextTraffic"]
            elif tag in _COMPONENT_TAGS and "application" in parents:
                current = {"kind": tag, "name": _full_class(str(attrs.get("name", "")), out.get("package", "")),
                           "permission": str(attrs.get("permission", "") or ""),
                           "exported": attrs.get("exported") if isinstance(attrs.get("exported"), bool) else None,
                           "actions": [], "meta_data": []}
                out["components"].append(current)
            elif tag == "action" and current is not None and "intent-filter" in parents:
                if isinstance(attrs.get("name"), str):
                    current["actions"].append(attrs["name"])
            elif tag == "meta-data" and current is not None and parents and parents[-1] in _COMPONENT_TAGS:
                if isinstance(attrs.get("name"), str):
                    current["meta_data"].append(attrs["name"])
            elif tag == "package" and "queries" in parents:
                if isinstance(attrs.get("name"), str):
                    out["queries"].append(attrs["name"])
        elif isinstance(el, XmlEndElement):
            if stack:
                tag, _ = stack.pop()
                if tag in _COMPONENT_TAGS:
                    current = None
    if "package" not in out:
        raise ValueError("no <manifest> element")
    return out


_PROTECTION = {0: "normal", 1: "dangerous", 2: "signature", 3: "signatureOrSystem"}


def _protection(level: object) -> str:
    if isinstance(level, int):
        return _PROTECTION.get(level & 0xF, str(level))
    return str(level)


def _full_class(name: str, package: str) -> str:
    if name.startswith("."):
        return package + name
    if name and "." not in name and package:
        return f"{package}.{name}"
    return name


def _silence_apkinspector() -> None:
    import logging

    logging.getLogger("apkInspector").setLevel(logging.ERROR)
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))


MAX_ARSC_BYTES = 64 * MB


def _resolve_manifest_strings(manifest: dict, zf, fh, arsc_info, budget, collector: "_Collector", prefix: str) -> None:
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


def _pool_strings(raw: bytes, start: int) -> list[str]:
    """The strings of a ResStringPool chunk at ``start`` (UTF-8 or UTF-16)."""
    _, header_size, _, count, _, flags, strings_start, _ = struct.unpack_from("<HHIIIIII", raw, start)
    utf8 = bool(flags & 0x100)
    offsets = struct.unpack_from(f"<{count}I", raw, start + header_size)
    base = start + strings_start
    out = []
    for off in offsets:
        p = base + off
        if utf8:
            p += 2 if raw[p] & 0x80 else 1  # length in UTF-16 units, unused
            n = raw[p]
            if n & 0x80:
                n = ((n & 0x7F) << 8) | raw[p + 1]
                p += 1
            p += 1
            out.append(raw[p:p + n].decode("utf-8", "replace"))
        else:
            n = struct.unpack_from("<H", raw, p)[0]
            p += 2
            if n & 0x8000:
                n = ((n & 0x7FFF) << 16) | struct.unpack_from("<H", raw, p)[0]
                p += 2
            out.append(raw[p:p + 2 * n].decode("utf-16-le", "replace"))
    return out


def resource_strings(raw: bytes, wanted: set[int]) -> dict[int, str]:
    """Resolve string resources ``wanted`` (ids 0xPPTTEEEE) from a compiled resources.arsc.

    Only what an app's name needs: the global string pool, and the entries of the default configuration (or the
    first configuration that has them). References to other resources are followed up to three times.
    """
    if len(raw) < 12 or struct.unpack_from("<H", raw, 0)[0] != 0x0002:
        raise ValueError("not a resource table")
    header_size = struct.unpack_from("<H", raw, 2)[0]
    strings: list[str] = []
    values: dict[int, tuple[int, int, bool]] = {}  # id -> (data type, data, from default config)
    pos = header_size
    while pos + 8 <= len(raw):
        kind, hsize, size = struct.unpack_from("<HHI", raw, pos)
        if size < 8:
            break
        if kind == 0x0001 and not strings:
            strings = _pool_strings(raw, pos)
        elif kind == 0x0200:
            package_id = struct.unpack_from("<I", raw, pos + 8)[0]
            sub = pos + hsize
            while sub + 8 <= pos + size:
                skind, shsize, ssize = struct.unpack_from("<HHI", raw, sub)
                if ssize < 8:
                    break
                if skind == 0x0201:
                    _type_entries(raw, sub, package_id, values)
                sub += ssize
        pos += size
    out: dict[int, str] = {}
    for rid in wanted:
        current = rid
        for _ in range(3):
            hit = values.get(current)
            if hit is None:
                break
            dtype, data, _ = hit
            if dtype == 0x03 and data < len(strings):
                out[rid] = strings[data]
                break
            if dtype != 0x01:
                break
            current = data
    return out


def _type_entries(raw: bytes, start: int, package_id: int, values: dict) -> None:
    _, hsize, _, type_id, flags, _, count, entries_start = struct.unpack_from("<HHIBBHII", raw, start)
    config_size = struct.unpack_from("<I", raw, start + 20)[0]
    default = not any(raw[start + 24:start + 20 + min(config_size, 64)])
    index_at = start + hsize
    if flags & 0x01:  # sparse: (entry index, offset / 4) pairs
        pairs = [struct.unpack_from("<HH", raw, index_at + 4 * k) for k in range(count)]
        offsets = [(i, o * 4) for i, o in pairs]
    elif flags & 0x02:  # 16-bit offsets / 4
        offsets = [(k, o * 4) for k, o in enumerate(struct.unpack_from(f"<{count}H", raw, index_at)) if o != 0xFFFF]
    else:
        offsets = [(k, o) for k, o in enumerate(struct.unpack_from(f"<{count}I", raw, index_at)) if o != 0xFFFFFFFF]
    for index, off in offsets:
        entry = start + entries_start + off
        size, eflags = struct.unpack_from("<HH", raw, entry)
        if eflags & 0x0008:  # compact entry: type in the high byte of the flags, data in place of the key
            dtype, data = eflags >> 8, struct.unpack_from("<I", raw, entry + 4)[0]
        elif eflags & 0x0001:  # a bag (style, array...): not a string
            continue
        else:
            dtype, data = struct.unpack_from("<BI", raw, entry + size + 3)
        rid = (package_id << 24) | (type_id << 16) | index
        if rid not in values or (default and not values[rid][2]):
            values[rid] = (dtype, data, default)


# ----------------------------------------------------------------------------------------------------------- DEX
# Code units per Dalvik opcode (0x00..0xff); payload pseudo-instructions after a nop are sized separately.
_OP_UNITS = bytearray([1] * 256)
for _lo, _hi, _n in ((0x02, 0x02, 2), (0x03, 0x03, 3), (0x05, 0x05, 2), (0x06, 0x06, 3), (0x08, 0x08, 2),
                     (0x09, 0x09, 3), (0x13, 0x13, 2), (0x14, 0x14, 3), (0x15, 0x16, 2), (0x17, 0x17, 3),
                     (0x18, 0x18, 5), (0x19, 0x19, 2), (0x1A, 0x1A, 2), (0x1B, 0x1B, 3), (0x1C, 0x1C, 2),
                     (0x1F, 0x20, 2), (0x22, 0x23, 2), (0x24, 0x26, 3), (0x29, 0x29, 2), (0x2A, 0x2C, 3),
                     (0x2D, 0x3D, 2), (0x44, 0x6D, 2), (0x6E, 0x72, 3), (0x74, 0x78, 3), (0x90, 0xAF, 2),
                     (0xD0, 0xE2, 2), (0xFA, 0xFB, 4), (0xFC, 0xFD, 3), (0xFE, 0xFF, 2)):
    for _op in range(_lo, _hi + 1):
        _OP_UNITS[_op] = _n
_INVOKE_OPS = bytes(list(range(0x6E, 0x73)) + list(range(0x74, 0x79)))
_FIELD_OPS = bytes(range(0x52, 0x6E))


def _uleb(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        if shift > 35:
            raise ValueError("bad uleb128")


class _Collector:
    """Accumulates what every DEX file and manifest says into one AppModel."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch
        # one alternation instead of N searches per string, over the lowercased string (the patterns are written in
        # lowercase): much faster than IGNORECASE
        alternatives = [f"(?:{p})" for p in watch.string_patterns]
        self._patterns = [re.compile("|".join(alternatives))] if alternatives else []
        self._method_names = {ref.rsplit("->", 1)[-1] for ref in watch.methods}
        self.classes: set[str] = set()
        self.callers: dict[str, set[str]] = {}
        self.counts: dict[str, int] = {}
        self.dex: list[DexInfo] = []
        self.native_libs: list[str] = []
        self.nested: list[str] = []
        self.nested_permissions: set[str] = set()
        self.not_analysed: list[str] = []
        self.inflated = _Inflated()
        self.files = 0
        self.hosts: set[str] = set()

    def model(self, *, source: str, sha256: str, size: int, manifest: dict, janus: bool) -> AppModel:
        comps = tuple(Component(kind=c["kind"], name=c["name"], permission=c["permission"], exported=c["exported"],
                                actions=tuple(c["actions"]), meta_data=tuple(c["meta_data"]))
                      for c in manifest.get("components", ()))
        perms = list(dict.fromkeys(list(manifest.get("permissions", ())) + sorted(self.nested_permissions)))
        uses = tuple(CodeUse(ref=r, callers=tuple(sorted(c)[:MAX_CALLERS]), count=self.counts.get(r, 0))
                     for r, c in sorted(self.callers.items()))
        if not self.dex:
            self.not_analysed.append("no DEX code found: only the manifest was analysed")
        return AppModel(
            source=source, sha256=sha256, size=size, package=manifest.get("package", ""),
            label=manifest.get("label", ""),
            version_name=manifest.get("version_name", ""), version_code=manifest.get("version_code", ""),
            min_sdk=manifest.get("minSdkVersion"), target_sdk=manifest.get("targetSdkVersion"),
            debuggable=manifest.get("debuggable", False), allow_backup=manifest.get("allow_backup"),
            uses_cleartext=manifest.get("uses_cleartext"), permissions=tuple(perms),
            declared_permissions=tuple(manifest.get("declared_permissions", ())), components=comps,
            queries=tuple(manifest.get("queries", ())), native_libs=tuple(self.native_libs),
            nested_apks=tuple(self.nested), dex=tuple(self.dex), classes=tuple(sorted(self.classes)), uses=uses,
            hosts=tuple(sorted(self.hosts)[:MAX_HOSTS]), janus=janus,
            not_analysed=tuple(dict.fromkeys(self.not_analysed)), extra={"files": self.files})

    def _hit(self, ref: str, caller: str | None) -> None:
        callers = self.callers.setdefault(ref, set())
        if caller is not None:
            callers.add(caller)
            self.counts[ref] = self.counts.get(ref, 0) + 1

    def read_dex(self, data: bytes, name: str) -> None:
        """Read one DEX file's tables and find the callers of watched references; never raises on bad input."""
        try:
            info = self._read_dex(data, name)
        except (ValueError, IndexError, struct.error, UnicodeError, OverflowError) as exc:
            info = DexInfo(name, len(data), error=f"{type(exc).__name__}: {exc}")
            self.not_analysed.append(f"{name} could not be parsed ({info.error})")
        self.dex.append(info)

    def _read_dex(self, data: bytes, name: str) -> DexInfo:
        if len(data) < 0x70 or not DEX_MAGIC.fullmatch(data[:8]):
            raise ValueError("not a DEX file (bad magic)")
        (str_n, str_off, type_n, type_off, _proto_n, _proto_off, field_n, field_off, meth_n, meth_off, class_n,
         class_off, data_size, data_off) = struct.unpack_from("<14I", data, 56)
        end = len(data)
        for n, off, width in ((str_n, str_off, 4), (type_n, type_off, 4), (field_n, field_off, 8),
                              (meth_n, meth_off, 8), (class_n, class_off, 32)):
            if n and (off + n * width > end):
                raise ValueError("table outside the file (truncated DEX?)")
        # strings: uleb128 length then MUTF-8 up to a NUL; invalid bytes are replaced, not fatal
        str_offsets = struct.unpack_from(f"<{str_n}I", data, str_off)
        strings: list[str] = []
        append = strings.append
        find = data.find
        for off in str_offsets:
            p = off
            while data[p] & 0x80:
                p += 1
            p += 1
            q = find(b"\x00", p)
            if q < 0:
                raise ValueError("unterminated string")
            append(data[p:q].decode("utf-8", "replace"))
        types = [strings[i] for i in struct.unpack_from(f"<{type_n}I", data, type_off)]
        w = self.watch
        watched_methods: dict[int, str] = {}
        if w.methods:
            names = self._method_names
            raw = struct.unpack_from(f"<{meth_n * 2}I", data, meth_off)
            for i in range(meth_n):
                member = strings[raw[2 * i + 1]]
                if member in names:
                    key = f"{types[raw[2 * i] & 0xFFFF]}->{member}"
                    if key in w.methods:
                        watched_methods[i] = key
        watched_fields: dict[int, str] = {}
        if w.fields:
            raw = struct.unpack_from(f"<{field_n * 2}I", data, field_off)
            for i in range(field_n):
                key = f"{types[raw[2 * i] & 0xFFFF]}->{strings[raw[2 * i + 1]]}"
                if key in w.fields:
                    watched_fields[i] = key
        watched_strings: dict[int, str] = {}
        exact = w.strings
        hosts = self.hosts
        for i, s in enumerate(strings):
            if s in exact:
                watched_strings[i] = "string:" + s
            if "://" in s and len(hosts) < MAX_HOSTS:
                hosts.update(h.lower() for h in _URL_HOST.findall(s))
        if self._patterns:
            search = self._patterns[0].search
            # type descriptors ("Lcom/x/Y;") are never loaded by const-string, so they cannot be evidence
            for i, s in enumerate(strings):
                if len(s) < 300 and not (s[:1] in ("L", "[") and s[-1:] == ";") and i not in watched_strings \
                        and search(s.lower()):
                    watched_strings[i] = "string:" + s
        cdefs = struct.unpack_from(f"<{class_n * 8}I", data, class_off)
        defined: list[str] = []
        class_data_offs: list[tuple[int, str]] = []
        for c in range(class_n):
            cls_idx, super_idx = cdefs[8 * c], cdefs[8 * c + 2]
            desc = types[cls_idx]
            dotted = _dotted(desc)
            defined.append(dotted)
            if super_idx != 0xFFFFFFFF and super_idx < len(types) and types[super_idx] in w.supers:
                self._hit("super:" + types[super_idx], dotted)
            if cdefs[8 * c + 6]:
                class_data_offs.append((cdefs[8 * c + 6], dotted))
        self.classes.update(defined)
        if watched_methods or watched_fields or watched_strings:
            self._find_callers(data, class_data_offs, watched_methods, watched_fields,
                                                 watched_strings)
        return DexInfo(name, len(data), classes=class_n, methods=meth_n, strings=str_n)

    def _find_callers(self, data: bytes, class_data_offs: list[tuple[int, str]], methods: dict[int, str],
                      fields: dict[int, str], strings: dict[int, str]) -> int:
        """Search the code for instructions naming a watched index; confirm each hit by walking its method."""
        alternatives = []
        if methods:
            idx = b"|".join(re.escape(struct.pack("<H", i)) for i in methods)
            alternatives.append(b"[" + re.escape(_INVOKE_OPS) + b"].(?:" + idx + b")")
        if fields:
            idx = b"|".join(re.escape(struct.pack("<H", i)) for i in fields)
            alternatives.append(b"[" + re.escape(_FIELD_OPS) + b"].(?:" + idx + b")")
        if strings:
            small = [i for i in strings if i <= 0xFFFF]
            if small:
                idx = b"|".join(re.escape(struct.pack("<H", i)) for i in small)
                alternatives.append(b"\x1a.(?:" + idx + b")")
            idx = b"|".join(re.escape(struct.pack("<I", i)) for i in strings)
            alternatives.append(b"\x1b.(?:" + idx + b")")
        pattern = re.compile(b"(?s)(?:" + b"|".join(alternatives) + b")")
        lo, hi = _code_section(data)
        # finditer does not report matches overlapping a previous one (a false hit inside some other
        # instruction could hide a real one): look for those inside each match, which is cheap as hits are few
        found: set[int] = set()
        for m in pattern.finditer(data, lo, hi):
            todo = [(m.start(), m.end())]
            while todo:
                start, end = todo.pop()
                found.add(start)
                for q in range(start + 1, end):
                    if q not in found:
                        inner = pattern.match(data, q, hi)
                        if inner:
                            todo.append((q, inner.end()))
        hits = sorted(found)
        if not hits:
            return 0
        # code ranges of every method: (insns_start, insns_end, owner class)
        ranges = _code_ranges(data, class_data_offs)
        ranges.sort()
        starts = [r[0] for r in ranges]
        from bisect import bisect_right

        by_method: dict[int, list[int]] = {}
        for pos in hits:
            k = bisect_right(starts, pos) - 1
            if k >= 0 and pos < ranges[k][1] and (pos - ranges[k][0]) % 2 == 0:
                by_method.setdefault(k, []).append(pos)
        for k, positions in by_method.items():
            start, stop, owner = ranges[k]
            for pos in _instruction_starts(data, start, stop, set(positions)):
                op = data[pos]
                if op in (0x1A, 0x1C) or 0x60 <= op <= 0x6D or 0x52 <= op <= 0x5F or 0x6E <= op <= 0x78:
                    index = struct.unpack_from("<H", data, pos + 2)[0]
                else:
                    index = struct.unpack_from("<I", data, pos + 2)[0]
                if op == 0x1A or op == 0x1B:
                    ref = strings.get(index)
                elif 0x52 <= op <= 0x6D:
                    ref = fields.get(index)
                else:
                    ref = methods.get(index)
                if ref:
                    self._hit(ref, owner)
        return len(by_method)


_TYPE_CODE_ITEM = 0x2001


def _section(data: bytes, kind: int) -> tuple[int, int] | None:
    """[start, end) of one section of the DEX map list, or None when the map does not give it."""
    try:
        map_off = struct.unpack_from("<I", data, 52)[0]
        n = struct.unpack_from("<I", data, map_off)[0]
        if n > 64:
            return None
        items = [struct.unpack_from("<HHII", data, map_off + 4 + 12 * k) for k in range(n)]
    except struct.error:
        return None
    offsets = sorted(off for _, _, _, off in items)
    for item_kind, _, _, off in items:
        if item_kind == kind and off < len(data):
            later = [o for o in offsets if o > off]
            return off, min(min(later) if later else len(data), len(data))
    return None


def _code_section(data: bytes) -> tuple[int, int]:
    """[start, end) of the code items; the whole file when the map is unusable."""
    return _section(data, _TYPE_CODE_ITEM) or (0, len(data))


def _code_ranges(data: bytes, class_data_offs: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """(insns start, insns end, owner class) of every method with code, sorted."""
    size = len(data)
    out: list[tuple[int, int, str]] = []
    for off, owner in class_data_offs:
        for code_off in _code_offsets(data, off):
            if code_off and code_off + 16 <= size:
                insns_size = struct.unpack_from("<I", data, code_off + 12)[0]
                start = code_off + 16
                out.append((start, min(start + 2 * insns_size, size), owner))
    out.sort()
    return out


def _code_offsets(data: bytes, off: int) -> list[int]:
    """code_off of each method of one class_data_item (ULEB128 numbers all the way)."""
    p = off
    sf, p = _uleb(data, p)
    inf, p = _uleb(data, p)
    dm, p = _uleb(data, p)
    vm, p = _uleb(data, p)
    for _ in range(2 * (sf + inf)):
        _, p = _uleb(data, p)
    offs = []
    for _ in range(dm + vm):
        _, p = _uleb(data, p)
        _, p = _uleb(data, p)
        code_off, p = _uleb(data, p)
        offs.append(code_off)
    return offs


def _instruction_starts(data: bytes, start: int, stop: int, wanted: set[int]):
    """Yield those of ``wanted`` offsets that are real instruction starts in the method's code [start, stop)."""
    pos = start
    units = _OP_UNITS
    while pos < stop and wanted:
        op = data[pos]
        if op == 0 and pos + 1 < stop and data[pos + 1] in (1, 2, 3):
            ident = data[pos + 1]
            if ident == 1:  # packed-switch payload
                size = struct.unpack_from("<H", data, pos + 2)[0]
                n = 4 + 2 * size
            elif ident == 2:  # sparse-switch payload
                size = struct.unpack_from("<H", data, pos + 2)[0]
                n = 2 + 4 * size
            else:  # fill-array-data payload
                width, size = struct.unpack_from("<HI", data, pos + 2)
                n = 4 + (width * size + 1) // 2
            pos += 2 * n
            continue
        if pos in wanted:
            wanted.discard(pos)
            yield pos
        pos += 2 * units[op]


def _dotted(descriptor: str) -> str:
    if descriptor.startswith("L") and descriptor.endswith(";"):
        return descriptor[1:-1].replace("/", ".")
    return descriptor


if __name__ == "__main__":
    _child_main()
