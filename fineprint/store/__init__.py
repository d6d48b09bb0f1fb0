"""Deprecated alias of ``fineprint.letters.journal`` (the request journal), kept for code written against the
documented ``fineprint.store.RequestJournal``; new code imports ``fineprint.letters.journal``.

``fineprint.store`` *is* that module (same object), so attributes set on one are seen through the other. A package
rather than a ``store.py`` module so that git sees ``store.py -> letters/journal.py`` as a plain rename.
"""
import sys

from ..letters import journal as _journal

sys.modules[__name__] = _journal
