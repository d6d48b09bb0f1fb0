"""``transparency.*``: what a privacy policy tells you, as GDPR Art. 13 and 14 require, and what it leaves out.

One linear model per id (``fineprint/models/transparency/v1``, trained by ``python -m training.transparency`` on the
GDPR-T200 app policies) scores every clause, read with its nearest heading ("Your rights: you may ask us ..."); cues
in the law's own words (``transparency_fr.yaml``, ``transparency_en.yaml``) add the clauses that match them: in French
for every id (the model learnt from English only), in English for the ids where the training run found they help. A
clause at or above the id's threshold is the passage that discloses it (an info finding, with the passage); an id no
clause of a privacy policy reaches is a finding with ``missing=True`` (``missing_findings``), explained from the law
data with the hint that ``fineprint letter access`` can ask for it. The thresholds were chosen for the *document*
decision (disclosed or missing) on out-of-fold scores of the training policies, so the same number decides both.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

from ...model import Clause, Finding, Span
from . import _ModelDetector

# The ids in the order of TAXONOMY.md (the order missing disclosures are listed in).
IDS = ("transparency.controller-identity", "transparency.dpo-contact", "transparency.purposes",
       "transparency.legal-basis", "transparency.recipients", "transparency.retention-period",
       "transparency.transfers", "transparency.right-access", "transparency.right-rectification",
       "transparency.right-erasure", "transparency.right-object", "transparency.right-portability",
       "transparency.right-restrict", "transparency.right-withdraw-consent", "transparency.right-complaint",
       "transparency.automated-decisions")

# The document kinds on which disclosures are looked for (a missing one is only meaningful there).
POLICY_KINDS = frozenset({"privacy-policy"})


# A clause matching an id's cue (when the cue counts: ``cue_ids``) is given at least this probability.
CUE_PROBABILITY = 0.9


@lru_cache(maxsize=2)
def cues(language: str) -> dict[str, re.Pattern]:
    """The cue of each id in ``language`` ("en" or "fr"; whitespace in the YAML is layout only: the patterns spell
    spaces ``\\s+``)."""
    import yaml

    name = "transparency_fr.yaml" if language == "fr" else "transparency_en.yaml"
    data = yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
    return {fid: re.compile(re.sub(r"\s+", "", pattern), re.IGNORECASE) for fid, pattern in data.items()}


def model_text(clause: Clause) -> str:
    """What the model reads for a clause: its nearest heading (not the document title), then the clause."""
    heading = clause.headings[-1] if len(clause.headings) > 1 else ""
    return f"{heading} :: {clause.text}" if heading else clause.text


class TransparencyDetector(_ModelDetector):
    """Passages that disclose each ``transparency.*`` item (info findings). At most ``PER_ID`` passages per id are
    reported per document, the most probable first, so a long rights section is not listed sentence by sentence."""

    name = "transparency"
    task = "transparency"
    version = "v1"
    MIN_WORDS = 0  # "E-mail: privacy@example.com" under "Contact us" discloses the controller's contact
    PER_ID = 3
    runs_apart = True  # `classify --jobs 2`: in the second process with the rules and practice (half the work)

    def _model_text(self, clause: Clause) -> str:
        return model_text(clause)

    def _adjust(self, probs: np.ndarray, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """A clause that matches the cue of an id raises that id to the cue's probability."""
        if self.cue_ids(language):
            return np.maximum(probs, self._cue_matrix(clauses, language))
        return probs

    def cue_ids(self, language: str) -> frozenset[str]:
        """Ids whose cue counts in ``language``: every French cue; the English cues the training run kept."""
        if language == "fr":
            return frozenset(cues("fr"))
        return frozenset(self.model.meta.get("en_cues", ())) & frozenset(cues("en"))

    def _cue_matrix(self, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """CUE_PROBABILITY where a clause matches the cue of an id that uses cues in ``language``, else 0."""
        found = cues("fr" if language == "fr" else "en")
        used = self.cue_ids(language)
        out = np.zeros((len(clauses), len(self.model.labels)), dtype=np.float32)
        for j, lab in enumerate(self.model.labels):
            cue = found.get(lab) if lab in used else None
            if cue is None:
                continue
            for i, c in enumerate(clauses):
                if cue.search(c.text):
                    out[i, j] = CUE_PROBABILITY
        return out

    def _hits(self, probs: np.ndarray, language: str = "en") -> np.ndarray:
        hits = probs >= self.model.threshold
        if len(probs) > self.PER_ID:
            # keep the PER_ID most probable passages of each id
            kth = -np.sort(-probs, axis=0)[self.PER_ID - 1]
            hits &= probs >= kth
        return hits

    def decisions(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """``classify``: each line judged alone, at the *clause* thresholds chosen at training time (the document
        thresholds, low for rare ids, say whether some clause of a whole policy discloses the item)."""
        probs = self._probs(clauses, language)
        labels = self.model.labels
        selection = self.model.meta.get("selection", [])
        clause_t = np.array([float(sel.get("clause_threshold", t)) for sel, t in zip(selection, self.model.threshold)]
                            if len(selection) == len(labels) else self.model.threshold)
        out: list[dict[str, float]] = [{} for _ in clauses]
        if len(probs):
            rows, cols = np.nonzero(probs >= clause_t)
            for i, j, p in zip(rows.tolist(), cols.tolist(), probs[rows, cols].tolist()):
                out[i][labels[j]] = round(p, 4)
        return out

    def _finding(self, clause: Clause, tokens, grams, language: str, j: int, prob: float) -> Finding:
        """The passage finding; its confidence says how sure the *document decision* is: 0.5 at the id's threshold
        (where "disclosed" starts), 1.0 at probability 1 (the raw probability and threshold are in the evidence).
        Thresholds are low for rare ids, and a passage that decides "disclosed" must not be hidden by the report's
        default --min-confidence while its id is not reported missing either."""
        f = super()._finding(clause, tokens, grams, language, j, prob)
        t = float(self.model.threshold[j])
        scaled = 0.5 + 0.5 * (prob - t) / (1.0 - t) if t < 1.0 else prob
        return replace(f, confidence=round(min(1.0, max(0.5, scaled)), 4))

    def disclosed(self, clauses: Sequence[Clause], language: str) -> dict[str, float]:
        """``{id: best probability}`` of the ids some clause discloses (the document-level decision)."""
        probs = self._probs(clauses, language)
        if not len(probs):
            return {}
        best = probs.max(axis=0)
        return {lab: round(float(p), 4) for lab, p, t in zip(self.model.labels, best, self.model.threshold)
                if p >= t}

    def missing_findings(self, clauses: Sequence[Clause], language: str, disclosed: set[str] | None = None
                         ) -> list[Finding]:
        """One ``missing=True`` finding per id no clause discloses (``disclosed``: ids found present, if already
        known). The span is empty: there is no passage to point to."""
        found = set(self.disclosed(clauses, language)) if disclosed is None else disclosed
        probs = self._probs(clauses, language)
        best = probs.max(axis=0) if len(probs) else np.zeros(len(self.model.labels))
        out = []
        for j, lab in enumerate(self.model.labels):
            if lab in found:
                continue
            out.append(Finding(id=lab, span=Span(0, 0), text="", confidence=round(1.0 - float(best[j]), 4),
                               detector=self.label, missing=True,
                               evidence={"best_probability": round(float(best[j]), 4),
                                         "threshold": round(float(self.model.threshold[j]), 4),
                                         "ask_with": "fineprint letter access"}))
        return out


def missing_items(det: "TransparencyDetector", clauses: Sequence[Clause], language: str) -> list[Finding]:
    """The document-level half of transparency.*: one ``missing`` finding per item no clause discloses."""
    return det.missing_findings(clauses, language, set(det.disclosed(clauses, language)))
