"""The explicit table of detectors. Adding a detector = one module + one line here; nothing registers by import.

Entries are "module:factory" strings so that nothing heavy is imported until a detector is needed. A detector that
cannot load raises ``ResourceError`` (exit 2): a report never silently lacks a detector.
"""
from __future__ import annotations

import importlib
import threading
from typing import Sequence

from .base import TextDetector

# name -> "module:callable returning an (unloaded) detector"
TEXT_DETECTORS: dict[str, str] = {
    "rules": "fineprint.detectors.rules:RuleDetector",
    "rights-model": "fineprint.detectors.ml:RightsModelDetector",
    "unfair": "fineprint.detectors.ml:UnfairDetector",
    "practice": "fineprint.detectors.ml:PracticeDetector",
    "transparency": "fineprint.detectors.transparency:TransparencyDetector",
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
        out.append(_load(name))
    return out


def _load(name: str) -> TextDetector:
    """A registered detector, loaded once per process. A detector that cannot load is an error (exit 2), never a
    silent drop: a report without it would look complete and miss every finding it makes."""
    from ..errors import ResourceError

    with _lock:
        if name in _cache:
            return _cache[name]
        module, _, attr = TEXT_DETECTORS[name].partition(":")
        try:
            det = getattr(importlib.import_module(module), attr)().load()
        except ImportError as exc:
            raise ResourceError(f"detector {name!r} could not be imported ({exc}); the installation is incomplete: "
                                "reinstall fineprint") from exc
        except FileNotFoundError as exc:
            raise ResourceError(f"detector {name!r} is missing a file ({exc}); the installation is incomplete: "
                                "reinstall fineprint") from exc
        _cache[name] = det
        return det


def labels(names: Sequence[str] | None = None) -> tuple[str, ...]:
    """What each detector that runs is, with its version (``rules@<hash>``, ``model:unfair/v2``), for reports."""
    return tuple(det.label for det in text_detectors(names))
