"""Third-party parsers log their complaints (pypdf: "EOF marker not found", trafilatura: discarded elements) to the
root logger, which would print extra lines on the user's stderr next to fineprint's one-line error. The ingest
code turns them off while it runs and reports problems through its own errors and Document.warnings instead."""
from __future__ import annotations

import logging
import warnings
from contextlib import contextmanager

LIBRARY_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer", "docx", "httpx",
                   "httpcore")


@contextmanager
def quiet_libraries():
    """Silence the parsers' loggers and Python warnings for the duration of the block (restored afterwards)."""
    loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    previous = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, previous):
            lg.setLevel(level)
