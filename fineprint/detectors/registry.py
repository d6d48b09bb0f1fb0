"""The explicit table of detectors. Adding a detector = one module + one line here; nothing registers by import.

Entries are "module:factory" strings so that nothing heavy is imported until a detector is needed. A detector whose
optional dependency or model is missing is skipped with a warning rather than breaking the whole audit.
"""
from __future__ import annotations

import importlib
import threading
import warnings
from typing import Sequence

from .base import TextDetector

# name -> "module:callable returning an (unloaded) detector"
TEXT_DETECTORS: dict[str, str] = {
    "rules": "fineprint.detectors.rules:RuleDetector",
    "unfair": "fineprint.detectors.ml:UnfairDetector",
    "practice": "fineprint.detectors.ml:PracticeDetector",
}

_cache: dict[str, TextDetector] = {}
_lock = threading.Lock()


def text_detectors(names: Sequence[str] | None = None) -> list[TextDetector]:
    """Loaded detectors, in table order (each loaded once per process)."""
    wanted = list(TEXT_DETECTORS) if names is None else list(names)
    unknown = [n for n in wanted if n not in TEXT_DETECTORS]
    if unknown:
        from ..errors import UsageError

        raise UsageError(f"unknown detector(s) {', '.join(unknown)}; known: {', '.join(TEXT_DETECTORS)}")
    out = []
    for name in wanted:
        det = _load(name)
        if det is not None:
            out.append(det)
    return out


def _load(name: str) -> TextDetector | None:
    with _lock:
        if name in _cache:
            return _cache[name]
        module, _, attr = TEXT_DETECTORS[name].partition(":")
        try:
            det = getattr(importlib.import_module(module), attr)().load()
        except (ImportError, FileNotFoundError) as exc:
            warnings.warn(f"detector {name!r} unavailable: {exc}", RuntimeWarning, stacklevel=2)
            det = None
        _cache[name] = det
        return det
