"""Run the APK analysis in a child process with a wall-time and memory budget (``Settings.apk_time_budget``,
``Settings.apk_memory_mb``): ``load_apk``, the public entry, and ``python -m fineprint.ingest.apk``, the child.

A hostile archive that would exhaust memory or loop kills only the child; the parent answers with a one-line
``InputTooLargeError``. The model comes back pickled: the child is the same interpreter running fineprint's own code.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from ...appmodel import AppModel, Watch
from ...errors import CorruptInputError, EmptyInputError, InputTooLargeError, ResourceError, UnsupportedInputError
from ...settings import DEFAULT, Settings, from_environment
from .archive import MAX_APK_FILE_BYTES, MB, analyse


def default_watch() -> Watch:
    """The references the registered APK detectors need to see in code (``detectors.registry.app_watch``)."""
    from ...detectors.registry import app_watch

    return app_watch()


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
