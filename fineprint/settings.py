"""One Settings object instead of a flag explosion. Defaults are explicit and documented here."""
from __future__ import annotations

from dataclasses import dataclass, replace

from . import __version__

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    # Report language: None = the document's language (en or fr), English otherwise.
    lang: str | None = None
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
    # Restrict text detectors by name (None = all registered ones).
    detectors: tuple[str, ...] | None = None
    # Reports leave out rights.* / unfair.* findings whose confidence (a calibrated probability for the models) is
    # below this; the report says how many it left out. 0 shows every guess. `fineprint classify` and the
    # descriptive practice.* passages are not affected.
    min_confidence: float = 0.5

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


DEFAULT = Settings()
