"""Compiled regular expressions kept between runs, like Python keeps byte code in ``__pycache__``.

The rules engine's patterns are large alternations (vocabulary expanded inline); Python's ``re`` spends more time
compiling them than ``fineprint classify`` spends matching a thousand sentences. ``re`` itself compiles in two steps:
a pure-Python parser and code generator produce a list of integers, then C (``_sre.compile``) builds the pattern
object from that list. This cache stores the list per pattern source, so a later run only does the C step.

The cache file sits in the user cache directory and is keyed by the exact pattern source and flags, so a changed
rule simply compiles anew (stale entries age out). It is only used on the Python build that wrote it (version and
``_sre.MAGIC`` must match); ``_sre`` validates the code it is given, and anything unexpected — a missing or
corrupt file, a read-only directory, another Python — falls back to a plain ``re.compile``.
"""
from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

FILE_NAME = "regex-code-v1.json"
MAX_ENTRIES = 4000  # oldest entries beyond this are dropped when the file is rewritten


def _stamp() -> str | None:
    """What the stored code depends on (None: this Python's ``re`` internals are not the ones this module knows)."""
    try:
        import _sre
        from array import array

        if array("I").itemsize != _sre.CODESIZE or not hasattr(re, "_compiler"):
            return None
        return f"{sys.implementation.name}-{sys.version}-{_sre.MAGIC}-{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return None


def cache_dir() -> Path | None:
    """fineprint's cache directory: $FINEPRINT_CACHE_DIR, else the user cache directory (None: unknown)."""
    import os

    if os.environ.get("FINEPRINT_CACHE_DIR"):
        return Path(os.environ["FINEPRINT_CACHE_DIR"])
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return Path(user_cache_dir("fineprint"))


def default_path() -> Path | None:
    folder = cache_dir()
    return folder / FILE_NAME if folder is not None else None


class RegexCache:
    """``compile(source, flags)`` like ``re.compile``, reusing code stored by earlier runs; ``save()`` stores new code."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._stamp = _stamp()
        self._stored: dict[str, list] | None = None
        self._fresh: dict[str, list] = {}
        self._used: set[str] = set()
        self._lock = threading.Lock()

    def _entries(self) -> dict[str, list]:
        if self._stored is None:
            self._stored = self._read()
        return self._stored

    def _read(self) -> dict[str, list]:
        import json

        if self.path is None or self._stamp is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self._stamp or not isinstance(data.get("code"), dict):
            return {}
        return data["code"]

    def compile(self, source: str, flags: int = 0) -> re.Pattern:
        """The compiled pattern (same object behaviour as ``re.compile(source, flags)``); ``re.error`` if invalid."""
        flags = int(flags)
        if self._stamp is None:
            return re.compile(source, flags)
        key = f"{flags}:{source}"
        with self._lock:
            entry = self._fresh.get(key) or self._entries().get(key)
        if entry is not None:
            try:
                pattern = _build(source, entry)
                with self._lock:
                    self._used.add(key)
                return pattern
            except Exception:  # a damaged entry: compile anew and overwrite it
                pass
        pattern, entry = _compile_recording(source, flags)
        if entry is not None:
            with self._lock:
                self._fresh[key] = entry
                self._used.add(key)
        return pattern

    @property
    def dirty(self) -> bool:
        return bool(self._fresh)

    def save(self) -> None:
        """Write the entries used or made by this run after the older ones (atomic; a read-only place is ignored)."""
        import json
        import os
        import tempfile

        with self._lock:
            if not self._fresh or self.path is None or self._stamp is None:
                return
            stored = self._read()  # another run may have added entries meanwhile
            merged = {k: v for k, v in stored.items() if k not in self._used}
            merged.update((k, self._fresh.get(k) or stored.get(k) or self._entries().get(k)) for k in self._used)
            merged = {k: v for k, v in merged.items() if v is not None}
            if len(merged) > MAX_ENTRIES:
                merged = dict(list(merged.items())[-MAX_ENTRIES:])
            self._fresh.clear()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"stamp": self._stamp, "code": merged}, fh, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only cache only costs start-up time


def _compile_recording(source: str, flags: int) -> tuple[re.Pattern, list | None]:
    """Compile as ``re._compiler.compile`` does, keeping the code list; (pattern, None) if that is not possible."""
    try:
        import _sre
        from array import array
        from base64 import b64encode
        from re import _compiler, _parser

        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = [flags | parsed.state.flags, b64encode(array("I", code).tobytes()).decode("ascii"),
                 parsed.state.groups - 1, groupindex, indexgroup]
        return _sre.compile(source, entry[0], code, entry[2], groupindex, tuple(indexgroup)), entry
    except re.error:
        raise
    except Exception:  # internals differ from what this module expects: the ordinary way, uncached
        return re.compile(source, flags), None


def _build(source: str, entry: list) -> re.Pattern:
    import _sre
    from array import array
    from base64 import b64decode

    final_flags, packed, groups, groupindex, indexgroup = entry
    code = array("I")
    code.frombytes(b64decode(packed))
    return _sre.compile(source, final_flags, code.tolist(), groups, dict(groupindex), tuple(indexgroup))
