"""Compiled regular expressions kept between runs, like Python keeps byte code in ``__pycache__``.

The rules engine's patterns are large alternations (vocabulary expanded inline); Python's ``re`` spends more time
compiling them than ``fineprint classify`` spends matching a thousand sentences. ``re`` itself compiles in two steps:
a pure-Python parser and code generator produce a list of integers, then C (``_sre.compile``) builds the pattern
object from that list. This cache stores the list, one small file per pattern, so a later run only does the C step
for the patterns it needs.

Files sit in the user cache directory (``$FINEPRINT_CACHE_DIR`` overrides), in a folder named after the Python build
(version and ``_sre.MAGIC``: the code is only valid there), each named by a hash of the exact pattern source and flags
and holding that source to be checked, so a changed rule simply compiles anew; the oldest files are removed when there
are too many. ``_sre`` validates the code it is given, and anything unexpected — a missing or damaged file, a
read-only directory, another Python — falls back to a plain ``re.compile``.
"""
from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

FOLDER_PREFIX = "regex-v1-"
MAX_FILES = 2000  # beyond this, the oldest files go (~25 MB; a rule edited many times leaves stale patterns behind)


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


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def default_folder() -> Path | None:
    """This Python's folder of compiled patterns (None where there is no cache directory or no usable stamp)."""
    folder, stamp = cache_dir(), _stamp()
    if folder is None or stamp is None:
        return None
    return folder / (FOLDER_PREFIX + _digest(stamp)[:16])


class RegexCache:
    """``compile(source, flags)`` like ``re.compile``, reusing the code stored by earlier runs; ``save()`` stores the
    code compiled by this one."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._stamp = _stamp()
        self._fresh: dict[Path, dict] = {}
        self._lock = threading.Lock()

    def compile(self, source: str, flags: int = 0) -> re.Pattern:
        """The compiled pattern (same object behaviour as ``re.compile(source, flags)``); ``re.error`` if invalid."""
        flags = int(flags)
        if self._stamp is None or self.folder is None:
            return re.compile(source, flags)
        path = self.folder / f"{_digest(f'{flags}:{source}')}.json"
        entry = self._read(path, source, flags)
        if entry is not None:
            try:
                return _build(source, entry)
            except Exception:  # a damaged entry: compile anew, and overwrite it
                pass
        pattern, entry = _compile_recording(source, flags)
        if entry is not None:
            with self._lock:
                self._fresh[path] = {"stamp": self._stamp, "flags": flags, "source": source, "entry": entry}
        return pattern

    def _read(self, path: Path, source: str, flags: int) -> list | None:
        import json

        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("stamp") != self._stamp or stored.get("source") != source \
                or stored.get("flags") != flags:
            return None
        return stored.get("entry")

    @property
    def dirty(self) -> bool:
        return bool(self._fresh)

    def save(self) -> None:
        """Write the code compiled by this run, one file per pattern (atomic; a read-only place is ignored)."""
        import json
        import os
        import tempfile

        with self._lock:
            fresh, self._fresh = self._fresh, {}
        if not fresh or self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for path, content in fresh.items():
                fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(content, fh, separators=(",", ":"), ensure_ascii=False)
                os.replace(tmp, path)
            self._prune()
        except (OSError, TypeError, ValueError):
            pass  # a read-only cache only costs start-up time

    def _prune(self) -> None:
        files = list(self.folder.glob("*.json"))
        if len(files) <= MAX_FILES:
            return
        files.sort(key=lambda p: p.stat().st_mtime)
        for old in files[:len(files) - MAX_FILES]:
            old.unlink(missing_ok=True)


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
    code.frombytes(b64decode(packed, validate=True))
    return _sre.compile(source, final_flags, code.tolist(), groups, dict(groupindex), tuple(indexgroup))
