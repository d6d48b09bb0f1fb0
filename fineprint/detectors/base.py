"""The two interfaces detectors implement: ``TextDetector`` (clauses of a document) and ``AppDetector`` (an
``AppModel`` read from an APK). Each declares every hook the pipeline calls; nothing is looked up with ``getattr``.

A detector is constructed cheaply (store configuration only); ``load()`` does the I/O (reading rules, a model) and
is called once, lazily, by the registry. ``detect`` works on a batch of clauses so that trained models can vectorise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

from ..appmodel import AppModel, Watch
from ..model import Clause, Finding

# A clause that ends with a question mark (markup after it allowed; a closing quote not: that only quotes a title)
_QUESTION = re.compile(r"\?[\s*_)\]]*$")


def is_question(text: str) -> bool:
    """A question asserts nothing ("Will your data be transferred outside the EU?": a heading or an FAQ line whose
    answer follows; annotation guide, session 37): the rules give it no hit and the models' guards clear it."""
    return _QUESTION.search(text.strip()) is not None


@runtime_checkable
class TextDetector(Protocol):
    name: str  # registry name, e.g. "rules", "unfair"
    label: str  # what ran, for reports: "rules@<hash of the rule files>", "model:unfair/v2"
    # True for detectors that score every id they cover (trained models): ``classify`` reports those scores
    scores_every_id: bool
    # True (a class attribute) for a detector that shares no state with the others, so that ``classify`` may run it
    # in a second process (pure-Python rules); read on the class, before anything is loaded
    runs_apart: bool

    def ids(self) -> frozenset[str]:
        """Taxonomy ids this detector can emit."""

    def load(self) -> "TextDetector":
        """Read rules / model files once; return self."""

    def detect(self, clauses: Sequence[Clause], language: str) -> list[list[Finding]]:
        """Findings for each clause, in the order given (one list per clause)."""

    def scores(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """Probability (or confidence) for every id the detector covers, one dict per clause.

        Used by ``fineprint classify``. Rule-based detectors return the confidence of what fired only.
        """

    def decisions(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """Per clause, ``{id: confidence}`` of what ``detect`` would find, without building evidence (``classify``).
        Each clause is judged on its own: the answer never depends on the rest of the batch."""

    def rule_gate(self, language: str) -> float | None:
        """The score this detector must give a ``rights.*`` rule finding for it to stand (``pipeline`` asks the
        rights model); None when it confirms nothing."""


@dataclass(frozen=True, slots=True)
class AppContext:
    """What every app detector of one audit shares, computed once by ``detect_app``."""

    lang: str  # "en" | "fr": the language of the evidence lines and of the "what this app can reach" rows
    specs: Mapping[str, Any]  # the capability rules by app.* id (detectors/apk/data/capabilities.yaml)
    trackers: Any  # the tracker database (detectors/apk/trackers.py: TrackerDB)
    matches: Sequence[Any]  # the trackers found in the app's classes (TrackerMatch), in database order
    attribution: Any  # who a class belongs to: the app or a library (detectors/apk/capabilities.py: Attribution)


@runtime_checkable
class AppDetector(Protocol):
    name: str  # registry name, e.g. "trackers", "capabilities"

    def load(self) -> "AppDetector":
        """Read data files once; return self."""

    def watch(self) -> Watch:
        """The references in code (API calls, fields, strings, superclasses) this detector needs the APK reader to
        find with their callers; ``Watch()`` when it needs none."""

    def detect(self, app: AppModel, context: AppContext) -> list[tuple[Finding, dict]]:
        """Findings, each with its row of the report's "what this app can reach" table (``AppInfo.reach``)."""
