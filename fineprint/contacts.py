"""Deprecated alias of ``fineprint.letters.contacts`` (only the letters use it), kept for code written against the
documented ``fineprint.contacts``; new code imports ``fineprint.letters.contacts``.

``fineprint.contacts`` *is* that module (same object), so attributes set on one are seen through the other."""
import sys

from .letters import contacts as _contacts

sys.modules[__name__] = _contacts
