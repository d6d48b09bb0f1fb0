"""One Settings object instead of a flag explosion. Defaults are explicit and documented here.

The environment is read here and nowhere else (``from_environment``), each variable once per call:

=========================  ==========================================================================================
FINEPRINT_CACHE_DIR        fineprint's cache folder (default: the platform's user cache directory); ``fineprint cache``
FINEPRINT_DATA_DIR         where the request journal lives (default: the platform's user data directory)
FINEPRINT_APK_INPROCESS    1: analyse APKs in this process instead of an isolated child (debugging only)
FINEPRINT_DEBUG            1: an unexpected error shows its traceback
FINEPRINT_COUNTRY          where the reader lives when --country is not given (read by the commands' --country option)
=========================  ==========================================================================================
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Mapping

from . import __version__

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    # Report language: None = the document's language (en or fr), English otherwise.
    lang: str | None = None
    # Where the reader lives (ISO 3166 code: "DE", "GB", "US"; fineprint/law/regions.py): whose law explains the
    # findings. None = a consumer in France (EU and French law).
    country: str | None = None
    # Largest input read, in bytes (files, stdin, URL bodies). Larger inputs fail with InputTooLargeError.
    max_bytes: int = 20 * MB
    # URL fetching.
    fetch_timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = f"fineprint/{__version__} (+https://github.com/fineprint/fineprint; offline terms auditor)"
    # APK analysis budget (seconds of wall time, MB of memory for the analysis subprocess).
    apk_time_budget: float = 300.0
    apk_memory_mb: int = 2048
    trackers_path: str | None = None
    # Budget for one document (fineprint/isolate.py; docs/security.md): `fineprint audit` and each document of
    # `fineprint batch` run in a worker process that is stopped when it runs longer than time_budget seconds, grows
    # by more than memory_budget_mb MB of memory, or answers with a report larger than output_budget_mb MB.
    # isolate=False runs in this process (the Python API's `fineprint.audit` always does; the caps below still hold).
    time_budget: float = 120.0
    memory_budget_mb: int = 2048
    output_budget_mb: int = 64
    isolate: bool = True
    # Work bounded by the input: at most this many findings of one id, and in all, in one report (the report says
    # how many more there were); `fineprint classify` reads lines of at most classify_max_line_chars characters and
    # at most max_bytes in all.
    max_findings_per_id: int = 150
    max_findings: int = 1000
    classify_max_line_chars: int = 100_000
    # Restrict text detectors by name (None = all registered ones).
    detectors: tuple[str, ...] | None = None
    # Reports leave out rights.* / unfair.* findings whose confidence (a calibrated probability for the models) is
    # below this; the report says how many it left out. 0 shows every guess. `fineprint classify` and the
    # descriptive practice.* passages are not affected.
    min_confidence: float = 0.5
    # The findings below min_confidence are not lost: the report lists at most this many of them apart, most
    # confident first, under "Worth checking" (no severity, not counted; 0 lists none).
    max_less_certain: int = 12
    # Processes that run the text detectors of a large `classify` batch (1: this process only).
    jobs: int = 1
    # From the environment (``from_environment``); None = the platform's default folder.
    cache_dir: str | None = None
    data_dir: str | None = None
    apk_inprocess: bool = False
    debug: bool = False

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


DEFAULT = Settings()


def with_budgets(settings: Settings, time_budget: float | None = None, memory_budget_mb: int | None = None,
                 output_budget_mb: int | None = None) -> Settings:
    """``settings`` with the per-document budgets given on the command line (None keeps the default)."""
    changes = {k: v for k, v in (("time_budget", time_budget), ("memory_budget_mb", memory_budget_mb),
                                 ("output_budget_mb", output_budget_mb)) if v is not None}
    return settings.with_(**changes) if changes else settings


_TRUE = ("1", "true", "yes", "on")


def from_environment(base: Settings = DEFAULT, environ: Mapping[str, str] | None = None) -> Settings:
    """``base`` with the options the environment sets (the table at the top of this module)."""
    env = os.environ if environ is None else environ
    return base.with_(cache_dir=env.get("FINEPRINT_CACHE_DIR") or None, data_dir=env.get("FINEPRINT_DATA_DIR") or None,
                      apk_inprocess=env.get("FINEPRINT_APK_INPROCESS", "").strip().lower() in _TRUE,
                      debug=bool(env.get("FINEPRINT_DEBUG")))
