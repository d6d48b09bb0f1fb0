"""fineprint — reads what people are asked to accept and explains, with evidence, what they give away.

Public API (stable): ``audit``, ``classify`` and the data types of ``fineprint.model``.
Imports are lazy so that ``fineprint --help`` starts fast.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "audit", "classify", "Settings",
    "Document", "Clause", "Finding", "Report", "Prediction", "Span", "LawRef", "AppInfo", "TrackerInfo",
    "FineprintError", "InputError",
]

_LAZY = {
    "audit": ("fineprint.pipeline", "audit"),
    "classify": ("fineprint.pipeline", "classify"),
    "Settings": ("fineprint.settings", "Settings"),
    "FineprintError": ("fineprint.errors", "FineprintError"),
    "InputError": ("fineprint.errors", "InputError"),
    **{n: ("fineprint.model", n) for n in
       ("Document", "Clause", "Finding", "Report", "Prediction", "Span", "LawRef", "AppInfo", "TrackerInfo")},
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'fineprint' has no attribute {name!r}")
