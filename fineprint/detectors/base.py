"""The one interface every text detector implements.

A detector is constructed cheaply (store configuration only); ``load()`` does the I/O (reading rules, a model) and
is called once, lazily, by the registry. ``detect`` works on a batch of clauses so that trained models can vectorise.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from ..model import Clause, Finding


@runtime_checkable
class TextDetector(Protocol):
    name: str  # registry name, e.g. "rules", "unfair"
    label: str  # what ran, for reports: "rules@<hash of the rule files>", "model:unfair/v2"
    # True for detectors that score every id they cover (trained models): ``classify`` reports those scores
    scores_every_id: bool

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

