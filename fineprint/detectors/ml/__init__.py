"""Trained clause classifiers: ``unfair.*`` (CLAUDETTE / UNFAIR-ToS and annotated real sentences),
``rights.*`` (annotated real sentences) and ``practice.*`` (OPP-115 and annotated real policy sentences).

Inference is numpy only (no sklearn, no torch): a fixed-vocabulary TF-IDF (``features.py``), one linear model per
label, Platt-calibrated probabilities and per-label thresholds, all stored in ``fineprint/models/<task>/<version>``.
French text is read as its own words plus their English gloss from a bilingual lexicon (``french.py``; the model's
meta says how), so French sentences and the English ones both teach the model. Models load lazily, once per process
(the registry calls ``load()``).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ...model import Clause, Finding, Span
from . import guards
from .evidence import _french_terms, _locate, _telling, _trimmed  # noqa: F401 (tests import the last two)
from .features import Batch, Vectoriser, WordVectors, linear_scores, text_units, word_grams, words

MODELS_ROOT = Path(__file__).resolve().parent.parent.parent / "models"


@dataclass(frozen=True)
class LinearModel:
    """One shipped model: vectoriser, weights (features x labels), calibration and thresholds."""

    labels: tuple[str, ...]
    vectoriser: Vectoriser
    weights: np.ndarray
    bias: np.ndarray
    calib_a: np.ndarray
    calib_b: np.ndarray
    threshold: np.ndarray
    meta: dict
    # domain word vectors (models/wordvec/<version>) whose sentence mean is a dense block after the n-grams, times
    # ``dense_scale``; None for a model trained on n-grams alone
    dense: WordVectors | None = None
    dense_scale: float = 0.0
    # a language-augmented model (training.train.LANG_AUGMENT) scores French text with weights of its own: the shared
    # ones plus what French sentences taught; None where one set of weights reads both languages
    fr_weights: np.ndarray | None = None
    fr_bias: np.ndarray | None = None

    @classmethod
    def load(cls, folder: Path) -> "LinearModel":
        """Read ``model.npz`` + ``meta.json`` from a model folder (FileNotFoundError if absent)."""
        folder = Path(folder)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = read_arrays(folder / "model.npz")

        def vocab(key: str) -> dict[str, int]:
            terms = arrays[key].tobytes().decode("utf-8").split("\n")
            return dict(zip(terms, range(len(terms))))

        vec = Vectoriser(vocab("word_vocab"), arrays["word_idf"], vocab("char_vocab"), arrays["char_idf"])
        dense, scale = None, 0.0
        if "dense_scale" in arrays:
            dense = _word_vectors(folder.parent.parent / "wordvec" / meta["dense"])
            scale = float(arrays["dense_scale"])
            if vec.width + dense.dim != arrays["weights"].shape[0]:
                raise ValueError(f"{folder}: its weights do not match the word vectors wordvec/{meta['dense']}")
        # float16 on disk (half the size), float32 in memory (gathers without a conversion per batch)
        weights = arrays["weights"].astype(np.float32)
        fr_weights = fr_bias = None
        if "fr_rows" in arrays:
            # stored as the rows where French differs, by how much (most features never occur in French text)
            fr_weights = weights.copy()
            fr_weights[arrays["fr_rows"]] += arrays["fr_delta"].astype(np.float32)
            fr_bias = arrays["fr_bias"]
        return cls(tuple(meta["labels"]), vec, weights, arrays["bias"], arrays["calib_a"], arrays["calib_b"],
                   arrays["threshold"], meta, dense, scale, fr_weights, fr_bias)

    def weights_for(self, language: str) -> tuple[np.ndarray, np.ndarray]:
        """The (weights, intercepts) that score text of ``language``."""
        if language == "fr" and self.fr_weights is not None:
            return self.fr_weights, self.fr_bias  # type: ignore[return-value]
        return self.weights, self.bias

    def probabilities(self, token_lists: Sequence[Sequence[str]],
                      gram_lists: Sequence[Sequence[str]] | None = None, batch: Batch | None = None,
                      language: str = "en") -> np.ndarray:
        """Calibrated probability of every label, one row per text of ``language`` (``batch``: the texts' shared
        ``Batch``)."""
        weights, bias = self.weights_for(language)
        rows = self.vectoriser.transform(token_lists, gram_lists, batch)
        raw = linear_scores(rows, len(token_lists), weights, bias)
        if self.dense is not None:
            tokens = batch.token_lists if batch is not None else token_lists
            raw += (self.dense_scale * self.dense.embed(tokens)) @ weights[self.vectoriser.width:]
        return 1.0 / (1.0 + np.exp(-(self.calib_a * raw + self.calib_b)))

    def predict(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """0/1 decisions at the thresholds chosen by cross-validation on the training data."""
        return (self.probabilities(token_lists) >= self.threshold).astype(np.int8)

    def decisive_terms(self, tokens: Sequence[str], label: int, k: int = 3,
                       grams: Sequence[str] | None = None, language: str = "en") -> list[str]:
        """The k word n-grams of a text that push hardest towards ``label`` (shown as evidence)."""
        vocab = self.vectoriser.word_vocab
        grams = list(dict.fromkeys(g for g in (grams if grams is not None else word_grams(tokens)) if g in vocab))
        if not grams:
            return []
        ids = np.fromiter((vocab[g] for g in grams), dtype=np.int64, count=len(grams))
        push = self.weights_for(language)[0][ids, label].astype(np.float32) * self.vectoriser.word_idf[ids]
        order = np.argsort(-push, kind="stable")
        best = [_trimmed(grams[i]) for i in order if push[i] > 0 and _telling(grams[i])]
        # prefer the longest phrase: drop a term contained in a better-ranked one
        out: list[str] = []
        for g in best:
            if not any(g in o for o in out):
                out.append(g)
            if len(out) == k:
                break
        return out


_VECTORS: dict[Path, WordVectors] = {}
_VECTORS_LOCK = threading.Lock()


def _word_vectors(folder: Path) -> WordVectors:
    """One copy of the shared word vectors per process, whichever models use them."""
    folder = Path(folder).resolve()
    with _VECTORS_LOCK:
        if folder not in _VECTORS:
            _VECTORS[folder] = WordVectors.load(folder)
        return _VECTORS[folder]


DECOMPRESSED_KEPT = 6  # decompressed model copies kept in the cache (older model versions go)


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of a compressed ``.npz`` model file. Inflating them is a third of a model's loading time, so a
    decompressed copy is kept in the user cache, named by a hash of the file's bytes (a retrained model gets its own);
    without a usable cache the file is simply read."""
    from ... import cache

    data = Path(path).read_bytes()  # FileNotFoundError for a missing model, as before
    name = f"{hashlib.sha256(data).hexdigest()[:32]}.npz"
    copy = cache.path(CACHE_AREA, name)
    if copy is not None and copy.is_file():
        try:
            arrays = _npz(copy)
            cache.touch(copy)
            return arrays
        except (OSError, ValueError, EOFError, zipfile.BadZipFile):
            pass  # damaged: read the model file and write the copy again
    arrays = _npz(io.BytesIO(data))
    cache.write(CACHE_AREA, name, lambda fh: np.savez(fh, **arrays), keep=DECOMPRESSED_KEPT)
    return arrays


def _npz(source) -> dict[str, np.ndarray]:
    with np.load(source) as z:
        return {k: z[k] for k in z.files}


CACHE_AREA = "models-v1"


_LETTERS = re.compile(r"[^\W\d_]+")


class _ModelDetector:
    """Shared logic of the trained detectors (``task`` names the model folder)."""

    name = ""
    task = ""
    version = "v1"
    scores_every_id = True  # classify reports the probability of every label, not only of those that fired
    # `classify --jobs 2` runs the detectors that allow it in a second process (pipeline.PARALLEL_MIN_CLAUSES); the
    # rights model stays here: its scores confirm the rules' rights.* findings
    runs_apart = False
    # A clause of fewer words is a heading or a fragment ("condition médicale ou", "Anywhere in the world"): the
    # annotation guide gives those no label, and on the development services the models' findings there were
    # mostly wrong (4, 5 or 6 words measured alike). Its scores are still given.
    MIN_WORDS = 5

    def __init__(self, models_root: Path | None = None) -> None:
        self._root = Path(models_root) if models_root else MODELS_ROOT
        self._model: LinearModel | None = None
        self._lock = threading.Lock()
        self._last: tuple[tuple[str, ...], str, np.ndarray] | None = None

    def ids(self) -> frozenset[str]:
        return frozenset(self.load()._model.labels)  # type: ignore[union-attr]

    def rule_gate(self, language: str) -> float | None:
        """None: only the rights model confirms rule findings (RightsModelDetector)."""
        return None

    @property
    def label(self) -> str:
        """What ran, for reports: the model and its version."""
        return f"model:{self.task}/{self.version}"

    def load(self) -> "_ModelDetector":
        """Read the shipped model once. A model that is missing or does not load is an error, never a silent drop:
        its findings would be missing from every report."""
        with self._lock:
            if self._model is None:
                folder = self._root / self.task / self.version
                try:
                    self._model = LinearModel.load(folder)
                except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
                    from ...errors import ResourceError

                    raise ResourceError(f"model {self.task}/{self.version} could not be loaded from {folder} "
                                        f"({type(exc).__name__}: {exc}); reinstall fineprint or rebuild it with "
                                        f"`python -m training.train {self.task}`") from exc
        return self

    @property
    def model(self) -> LinearModel:
        return self.load()._model  # type: ignore[return-value]

    @property
    def french(self) -> str:
        """How the model reads French (``features.text_units``), with the lexicon it was trained with after a colon
        where it is not the first one: its meta says, v1 models only glossed."""
        return self.model.meta.get("french", "gloss")

    def _model_text(self, clause: Clause) -> str:
        """What the model reads of a clause (a subclass may add context, e.g. the heading)."""
        return clause.text

    def _adjust(self, probs: np.ndarray, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """The model's probabilities, changed by what a subclass knows besides (e.g. cue words); as they are here."""
        return probs

    def _probs(self, clauses: Sequence[Clause], language: str) -> np.ndarray:
        texts = tuple(self._model_text(c) for c in clauses)
        last = self._last
        # classify asks for detect() then scores() on the same batch: compute once
        if last is not None and last[1] == language and last[0] == texts:
            return last[2]
        if texts:
            probs = self._adjust(self._model_probs(texts, language), clauses, language)
        else:
            probs = np.zeros((0, len(self.model.labels)))
        self._last = (texts, language, probs)
        return probs

    def _model_probs(self, texts: tuple[str, ...], language: str) -> np.ndarray:
        """The model's own probabilities for the texts (the --deep detector reads them with another model)."""
        batch = _batch(texts, language, self.french)
        return self.model.probabilities(batch.token_lists, batch.gram_lists, batch, language)

    def scores(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """Calibrated probability of every label of this detector, one dict per clause."""
        probs = self._probs(clauses, language)
        labels = self.model.labels
        return [dict(zip(labels, row)) for row in probs.tolist()]

    def decisions(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """Per clause, {label: confidence} at the label's threshold, each clause judged alone (``classify``)."""
        probs = self._probs(clauses, language)
        labels = self.model.labels
        out: list[dict[str, float]] = [{} for _ in clauses]
        if len(probs):
            # each clause on its own: no document-level adjustment, so a sentence gets the same labels alone or
            # in any batch, in any order
            rows, cols = np.nonzero((probs >= self._thresholds(language)) & self._long_enough(clauses)[:, None])
            for i, j, p in zip(rows.tolist(), cols.tolist(), probs[rows, cols].tolist()):
                out[i][labels[j]] = round(p, 4)
        return out

    def detect(self, clauses: Sequence[Clause], language: str) -> list[list[Finding]]:
        """Findings where a label's probability reaches its threshold, with the decisive words highlighted."""
        probs = self._probs(clauses, language)
        model = self.model
        hits = self._hits(probs, language) if len(probs) else np.zeros((0, len(model.labels)), dtype=bool)
        if len(probs):
            hits &= self._long_enough(clauses)[:, None]
        out = [[] for _ in clauses]
        rows, cols = np.nonzero(hits)
        if len(rows):
            batch = _batch(tuple(c.text for c in clauses), language, self.french)
            tokens, grams = batch.token_lists, batch.gram_lists
            for i, j in zip(rows.tolist(), cols.tolist()):
                out[i].append(self._finding(clauses[i], tokens[i], grams[i], language, j, float(probs[i, j])))
        return out

    def _long_enough(self, clauses: Sequence[Clause]) -> np.ndarray:
        """Clauses this model may report on: at least MIN_WORDS words and, where a minimum applies, not a title
        ("Cross-Border Data Transfers of Personal Information": the guide gives titles no label; on the development
        services four false findings fewer, none true lost)."""
        if not self.MIN_WORDS:
            return np.ones(len(clauses), dtype=bool)
        from ...ingest.structure import reads_as_title

        return np.fromiter((len(_LETTERS.findall(c.text, 0, 400)) >= self.MIN_WORDS and not reads_as_title(c.text)
                            for c in clauses), dtype=bool, count=len(clauses))

    def _hits(self, probs: np.ndarray, language: str = "en") -> np.ndarray:
        """Which (clause, label) pairs of one document become findings: probability at or above the label's
        threshold (a detector may adjust this to the whole document, as practice.* does)."""
        return probs >= self._thresholds(language)

    def _thresholds(self, language: str) -> np.ndarray:
        """The per-label decision thresholds for clauses of ``language``: those chosen at training time on the real
        annotated sentences of that language (``threshold_by_language`` in meta.json), else the model's own."""
        chosen = self.model.meta.get("threshold_by_language", {}).get(language)
        if not chosen or len(chosen) != len(self.model.threshold):
            return self.model.threshold
        return np.asarray(chosen, dtype=self.model.threshold.dtype)

    def _finding(self, clause: Clause, tokens: Sequence[str], grams: Sequence[str], language: str, j: int,
                 prob: float) -> Finding:
        model = self.model
        terms = model.decisive_terms(tokens, j, grams=grams, language=language)
        if language == "fr":
            terms, spans = _french_terms(clause, terms, self.french.partition(":")[2])
            highlights = tuple(sorted(spans, key=lambda s: s.start))
        else:
            highlights = tuple(_locate(clause, terms))
        return Finding(
            id=model.labels[j], span=Span(clause.start, clause.end), text=clause.text, confidence=round(prob, 4),
            detector=f"model:{self.task}/{self.version}", clause_id=clause.id, highlights=highlights,
            evidence={"probability": round(prob, 4), "threshold": round(float(self._thresholds(language)[j]), 4),
                      "decisive_terms": terms},
        )


_batch_lock = threading.Lock()
_last_batch: list = [None]


def _batch(texts: tuple[str, ...], language: str, french: str = "gloss") -> Batch:
    """Tokens, word n-grams and character grams of a batch, shared by the detectors that score the same batch one
    after the other (with the same way of reading French)."""
    key = (language, french if language == "fr" else "")
    with _batch_lock:
        last = _last_batch[0]
        if last is not None and last[1] == key and last[0] == texts:
            return last[2]
    units = [text_units(t, language, french) for t in texts]
    out = Batch.of([u[0] for u in units], [u[1] for u in units])
    with _batch_lock:
        _last_batch[0] = (texts, key, out)
    return out


class UnfairDetector(_ModelDetector):
    """The eight CLAUDETTE unfair-term categories (``unfair.*``)."""

    name = "unfair"
    task = "unfair"
    version = "v2"

    def _thresholds(self, language: str) -> np.ndarray:
        """Per language, the thresholds chosen *together with the rules* at training time (``joint_thresholds`` in
        meta.json, ``training.train.unfair_joint_thresholds``): the YAML rules report what they find on their own,
        and the model alone needs the probability at which its lone findings were accurate on real sentences of
        train services. Falls back to the model's own thresholds (the benchmark protocols always use those)."""
        chosen = self.model.meta.get("joint_thresholds", {}).get("threshold", {}).get(language)
        if not chosen or len(chosen) != len(self.model.threshold):
            return super()._thresholds(language)
        return np.asarray(chosen, dtype=self.model.threshold.dtype)

    def _adjust(self, probs: np.ndarray, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """The guards of ``guards.UNFAIR_GUARDS``, in their order: each clears one kind of harmless wording the linear
        model cannot see (the user's own fault or rights, plain force majeure, a consumer's own courts, what follows a
        termination, a question …); each function's docstring says which, and tests/test_classify_interface.py
        shows each clearing the harmless wording and keeping the flagged one."""
        for guard in guards.UNFAIR_GUARDS:
            probs = guard(probs, clauses, language, self.model.labels)
        return probs


class RightsModelDetector(_ModelDetector):
    """The thirteen ``rights.*`` ids, learnt from real annotated sentences (beside the YAML rules, which keep
    supplying the decisive words and explanations; the model supplies recall). A finding of the model alone shows
    the words that weighed most as its evidence."""

    name = "rights-model"
    task = "rights"
    version = "v1"

    def _adjust(self, probs: np.ndarray, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """Protective denials lower the probability of the ids they protect (``guards.denials``); a stated, closed
        retention period is not indefinite retention (``guards.periods``); community rules on prohibited content are
        not sensitive data (``guards.conduct_rules``), nor are definitions (``guards.definitions``); anonymised data or money
        kept is no indefinite retention (``guards.not_personal``); data coming in from advertisers or partners is not a data sale
        (``guards.inbound``); a transfer names where the data goes (``guards.destination``), somewhere outside Europe
        (``guards.europe_only``), and is not what applies to
        users who live in the US (``guards.us_residents``); a data sale names a
        recipient or a sale (``guards.recipient``), and a definition of "sale" is none (``guards.sale_definitions``);
        what a notice covers infers no consent (``guards.scope_statements``); information about the device is no
        access to it (``guards.device_information``); a pointer to another notice collects no sensitive data
        (``guards.pointers``), nor does the user's right to withdraw consent or data no longer collected
        (``guards.own_rights``); a pointer to where transfers are described is none (``guards.transfer_pointers``), nor are the export laws
        the user must obey (``guards.export_control``);
        the items of a list a prohibition introduces are denials too
        (``guards.prohibited_lists``); a question asserts nothing (``guards.questions``)."""
        probs = guards.denials(probs, clauses, language, self.model.labels)
        probs = guards.questions(probs, clauses, language, self.model.labels)
        probs = guards.prohibited_lists(probs, clauses, language, self.model.labels)
        probs = guards.periods(probs, clauses, language, self.model.labels)
        probs = guards.conduct_rules(probs, clauses, language, self.model.labels)
        probs = guards.definitions(probs, clauses, language, self.model.labels)
        probs = guards.not_personal(probs, clauses, language, self.model.labels)
        probs = guards.destination(probs, clauses, language, self.model.labels)
        probs = guards.europe_only(probs, clauses, language, self.model.labels)
        probs = guards.us_residents(probs, clauses, language, self.model.labels)
        probs = guards.dispute_bodies(probs, clauses, language, self.model.labels)
        probs = guards.not_required(probs, clauses, language, self.model.labels)
        probs = guards.device_information(probs, clauses, language, self.model.labels)
        probs = guards.pointers(probs, clauses, language, self.model.labels)
        probs = guards.framework_pointers(probs, clauses, language, self.model.labels)
        probs = guards.limit_right(probs, clauses, language, self.model.labels)
        probs = guards.own_rights(probs, clauses, language, self.model.labels)
        probs = guards.transfer_pointers(probs, clauses, language, self.model.labels)
        probs = guards.export_control(probs, clauses, language, self.model.labels)
        probs = guards.recipient(probs, clauses, language, self.model.labels)
        probs = guards.sale_definitions(probs, clauses, language, self.model.labels)
        probs = guards.scope_statements(probs, clauses, language, self.model.labels)
        return guards.inbound(probs, clauses, language, self.model.labels)

    def rule_gate(self, language: str) -> float | None:
        """The probability this model must give a YAML rule's rights.* finding for it to stand (chosen per language
        at training time on out-of-fold scores of train services; ``pipeline._rule_confirmation``)."""
        return self.model.meta.get("rule_gate", {}).get("gate", {}).get(language)

    def _thresholds(self, language: str) -> np.ndarray:
        """Per language, the thresholds chosen *together with the rules* at training time: where a confirmed YAML
        rule already finds an id, the model alone needs more probability to add a finding of its own (its lone
        findings were most of the false ones). Falls back to the model's own thresholds."""
        chosen = self.model.meta.get("rule_gate", {}).get("threshold", {}).get(language)
        if not chosen or len(chosen) != len(self.model.threshold):
            return self.model.threshold
        return np.asarray(chosen, dtype=self.model.threshold.dtype)



class MoneyModelDetector(_ModelDetector):
    """The four ``money.*`` ids (indemnity, no refund, automatic renewal, balances lost), learnt from sentences of
    real terms read for them (``training/money.py``), beside the YAML rules of ``fineprint/rules/money``: the rules
    supply the decisive words and the lowered severities, the model what their wording misses. Its thresholds were
    chosen so that the model and the rules together keep a precision of 0.9 on the read sentences; an id where the
    model added nothing at that precision (no refund, balances lost) is left to the rules (threshold above 1)."""

    name = "money-model"
    task = "money"
    version = "v1"
    runs_apart = True  # `classify --jobs 2`: scored in the second process, beside the rules

    def detect(self, clauses: Sequence[Clause], language: str) -> list[list[Finding]]:
        """The model's findings, read as the id's YAML rule reads its own: none where the rule's exclusions match
        (its ``none`` and ``unless`` patterns: "will not automatically renew", "we will refund", "each party shall
        indemnify": n-grams weigh the words of a protective clause like those of the term it denies), and each
        lowered as the rule lowers (an indemnity only for the harm you cause by breaking the terms, a refund the law
        keeps: Low, with the rule's reason), so that a clause gets the same answer whichever detector found it."""
        from dataclasses import replace

        from ..registry import text_detectors
        from ..rules import caseless, expand_contractions, fold

        found = super().detect(clauses, language)
        if not any(found):
            return found
        rules = text_detectors(["rules"])[0]
        by_id = {r.id: r for r in rules.rules_for(language if language in ("en", "fr") else "en")}
        out = []
        for per_clause in found:
            kept = []
            for f in per_clause:
                rule = by_id.get(f.id)
                folded = caseless(expand_contractions(fold(f.text))[0])
                if rule is not None and any(rx.search(folded) for rx in (
                        *rule.unless, *(rx for alt in rule.alternatives for rx in alt.none))):
                    continue
                low = next((low for low in (rule.lowerings if rule else ()) if low.pattern.search(folded)), None)
                kept.append(replace(f, severity=low.severity, severity_reason=low.reason) if low else f)
            out.append(kept)
        return out

class PracticeDetector(_ModelDetector):
    """The twelve OPP-115 privacy-practice categories (``practice.*``).

    The model learnt from privacy policies only; on terms of service or offer rules it sees data practices in many
    sentences that merely mention an account or content. So a batch (a document) in which fewer than
    ``POLICY_SHARE`` of the clauses carry a substantive practice is not treated as a privacy text: there, only
    substantive practices at probability >= ``OUTSIDE_POLICY_MIN`` are reported, and never the two labels that only
    make sense inside a policy (introductory, not covered). Scores are unchanged.
    """

    name = "practice"
    task = "practice"
    version = "v2"
    MIN_WORDS = 0  # practices describe; OPP-115 labels short segments too ("Contact us", "Data retention")
    POLICY_SHARE = 0.6
    OUTSIDE_POLICY_MIN = 0.8
    CONTEXT_ONLY = frozenset({"practice.introductory", "practice.not-covered"})
    runs_apart = True  # `classify --jobs 2`: in the second process with the rules and transparency (half the work)

    def _hits(self, probs: np.ndarray, language: str = "en") -> np.ndarray:
        hits = super()._hits(probs, language)
        context = np.array([lab in self.CONTEXT_ONLY for lab in self.model.labels])
        share = float(hits[:, ~context].any(axis=1).mean())
        if share >= self.POLICY_SHARE:
            return hits
        return hits & ~context & (probs >= self.OUTSIDE_POLICY_MIN)
