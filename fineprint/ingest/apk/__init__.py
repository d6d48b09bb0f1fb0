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

The package, in the order data flows through it: ``isolate`` (``load_apk``: budgets, child process) -> ``archive``
(the ZIP walk, caps on inflated bytes) -> ``manifest`` and ``resources`` (binary XML, the app's name) and ``dex``
(the DEX tables and code items) -> ``collect`` (everything into one ``AppModel``).
"""
from __future__ import annotations

from ...appmodel import Watch
from .archive import (
    MAX_APK_FILE_BYTES,
    MAX_ARSC_BYTES,
    MAX_DEX_FILES,
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_NESTED_APKS,
    MAX_TOTAL_INFLATED,
    MB,
    analyse,
)
from .collect import MAX_CALLERS, MAX_HOSTS
from .dex import DEX_MAGIC, DexTables, read_tables
from .isolate import default_watch, load_apk
from .manifest import parse_manifest
from .resources import resource_strings

__all__ = ["DEX_MAGIC", "MAX_APK_FILE_BYTES", "MAX_ARSC_BYTES", "MAX_CALLERS", "MAX_DEX_FILES", "MAX_ENTRIES",
           "MAX_ENTRY_BYTES", "MAX_HOSTS", "MAX_MANIFEST_BYTES", "MAX_NESTED_APKS", "MAX_TOTAL_INFLATED", "MB",
           "DexTables", "Watch", "analyse", "default_watch", "load_apk", "parse_manifest", "read_tables",
           "resource_strings"]
