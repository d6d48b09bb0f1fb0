"""Report renderers: one Report (or a batch) -> text | json | md | html | sarif.

    render(report, "html")                         -> a self-contained HTML page
    render_many(reports, "json", failures=[...])   -> {"schema": "fineprint.batch/1", ...}

Each format lives in its own module, imported only when used (rich and jinja2 are imported inside the renderers).
"""
from __future__ import annotations

import importlib
from typing import Sequence

from ..model import Report

FORMATS = ("text", "json", "md", "html", "sarif")
_ALIASES = {"markdown": "md", "terminal": "text"}
_MODULES = {"text": "text", "json": "json", "md": "markdown", "html": "html", "sarif": "sarif"}


def _module(fmt: str):
    fmt = _ALIASES.get(fmt, fmt)
    if fmt not in _MODULES:
        from ..errors import UsageError

        raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{_MODULES[fmt]}")


def render(report: Report, fmt: str = "text", color: bool = False) -> str:
    """One report in ``fmt`` (text, json, md, html or sarif). ``color`` only affects the text format.
    Every string of the report is first stripped of escape sequences and control characters (fineprint/safetext.py)."""
    from ..safetext import clean

    return _module(fmt).render(clean(report), color=color)


def render_many(reports: Sequence[Report], fmt: str = "text", failures: Sequence[tuple[str, str]] = (),
                color: bool = False) -> str:
    """Several reports (a batch) in one output, with the inputs that failed as ``(source, message)`` pairs."""
    from ..safetext import clean

    return _module(fmt).render_many(clean(list(reports)), failures=clean(list(failures)), color=color)


__all__ = ["FORMATS", "render", "render_many"]
