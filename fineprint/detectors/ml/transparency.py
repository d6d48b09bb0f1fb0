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
from typing import Iterable, Sequence

import numpy as np

from ...model import Clause, Finding, Span
from . import _ModelDetector, _batch

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
CUE_TIE_BREAK = 0.05  # plus this much of the model's probability, so that cued clauses are not all tied
# A clause raised only by its heading ("Droit d'accès" above it: ``under_heading_right``) gets this, or the id's
# document threshold where that is higher (portability's is 0.87), plus a fiftieth of the model's probability, never
# more than CUE_PROBABILITY: it discloses the right, but the sentences that name it themselves are quoted first.
HEADING_PROBABILITY = 0.85
HEADING_TIE_BREAK = 0.02

# English cues that count whatever the training run chose: those that name the item in the GDPR's words and never
# fire on a training policy that does not disclose it (on the 126 training policies of GDPR-T200: the DPO's title on 7
# of the 8 that give a DPO's contact, none of the other 118; the right of access on 41 of 58, none of 68;
# rectification on 11 of 58, none of 68; erasure on 34 of 70, none of 56). The training run left them out only because
# the model alone decided those short app policies as well (a gain under CUE_MIN_GAIN); the model misses them in
# long corporate ones (Arc: "you may use the following information to contact our Data Protection Officer", read 0.13
# against a threshold of 0.41; Donkey Republic: "Right to rectification of data (Article 16 of the GDPR)", 0.08
# against 0.09). A cue only adds clauses, so it cannot hide a disclosure.
ALWAYS_EN_CUES = frozenset({"transparency.dpo-contact", "transparency.right-access",
                            "transparency.right-rectification", "transparency.right-erasure"})

# The rights (and automated decisions) told apart by the words that name them (``words`` in the cue files): a clause
# that names one of them by its cue is not another whose words it lacks.
RIGHT_IDS = ("transparency.right-access", "transparency.right-rectification", "transparency.right-erasure",
             "transparency.right-object", "transparency.right-portability", "transparency.right-restrict",
             "transparency.right-withdraw-consent", "transparency.right-complaint",
             "transparency.automated-decisions")


def _patterns(section: dict) -> dict[str, re.Pattern]:
    return {fid: re.compile(re.sub(r"\s+", "", pattern), re.IGNORECASE | re.MULTILINE)
            for fid, pattern in section.items() if fid.startswith("transparency.")}


@lru_cache(maxsize=2)
def _cue_file(language: str) -> dict:
    import yaml

    name = "transparency_fr.yaml" if language == "fr" else "transparency_en.yaml"
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def cues(language: str) -> dict[str, re.Pattern]:
    """The cue of each id in ``language`` ("en" or "fr"; whitespace in the YAML is layout only: the patterns spell
    spaces ``\\s+``)."""
    return _patterns(_cue_file("fr" if language == "fr" else "en"))


@lru_cache(maxsize=2)
def exclusions(language: str) -> tuple[dict[str, re.Pattern], dict[str, re.Pattern]]:
    """``(not, words)`` of the cue file of ``language``: per id, the words that make a clause about something else,
    and per right, the words that name it."""
    data = _cue_file("fr" if language == "fr" else "en")
    return _patterns(data.get("not") or {}), _patterns(data.get("words") or {})


@lru_cache(maxsize=2)
def rights_in_general(language: str) -> re.Pattern | None:
    """``general`` of the cue file of ``language``: the words that name rights together ("your rights", « vos
    droits »)."""
    pattern = _cue_file("fr" if language == "fr" else "en").get("general")
    return re.compile(re.sub(r"\s+", "", pattern), re.IGNORECASE) if pattern else None


@lru_cache(maxsize=2)
def pointer(language: str) -> re.Pattern | None:
    """``pointer`` of the cue file of ``language``: a clause that only points to another document ("See our Data
    Retention Policy for more information.", « Pour plus d'informations, consultez notre politique cookies. »)."""
    pattern = _cue_file("fr" if language == "fr" else "en").get("pointer")
    return re.compile(re.sub(r"\s+", "", pattern), re.IGNORECASE | re.MULTILINE) if pattern else None


def cue_matches(text: str, language: str, fid: str) -> bool:
    """Whether ``text`` matches the cue of ``fid`` once the id's ``not`` words are taken out."""
    lang = "fr" if language == "fr" else "en"
    cue, nope = cues(lang).get(fid), exclusions(lang)[0].get(fid)
    if cue is None or not cue.search(text):
        return False
    return nope is None or bool(cue.search(nope.sub(" ", text)))


def not_items(text: str, language: str, ids: Iterable[str] | None = None,
              named: Iterable[str] | None = None) -> frozenset[str]:
    """The ids (of ``ids``, default all) a clause's text is *not*, whatever the model reads there:

    - an id whose ``not`` words it contains, unless its cue still matches without them (an Art. 27 representative
      is not the DPO, but "our Data Protection Officer and our EU Representative" is);
    - a right whose words it lacks while it names another right by that right's cue ("The right to request deletion
      of your personal data" is erasure, not access);
    - every right, when it names rights together (``general``: "the above-mentioned rights", « vos droits ») and
      none by its words ("If you wish to exercise the above-mentioned rights, please contact us.").
    - a right whose words it lacks, when it only points to another document (``pointer``: "See our Data Retention
      Policy for more information." is no withdrawal of consent).

    ``named``: the rights whose cue the text matches (``cue_matches``), when the caller knows them already."""
    lang = "fr" if language == "fr" else "en"
    nots, words = exclusions(lang)
    wanted = (set(cues(lang)) | set(nots) | set(RIGHT_IDS)) if ids is None else set(ids)
    out = {fid for fid in wanted if fid in nots and nots[fid].search(text) and not cue_matches(text, lang, fid)}
    if named is None:
        named = {fid for fid in RIGHT_IDS if cue_matches(text, lang, fid)}
    named = set(named)
    if named:
        out.update(fid for fid in RIGHT_IDS if fid in wanted and fid not in out and fid not in named
                   and named - {fid} and fid in words and not words[fid].search(text))
    else:
        general = rights_in_general(lang)
        if general is not None and general.search(text) and not any(words[fid].search(text)
                                                                    for fid in RIGHT_IDS if fid in words):
            out.update(fid for fid in RIGHT_IDS if fid in wanted)
    points = pointer(lang)
    if points is not None and points.search(text):
        out.update(fid for fid in RIGHT_IDS if fid in wanted and not (fid in words and words[fid].search(text)))
    return frozenset(out)


HEADING_MAX_WORDS = 10  # a heading read as the cue of the right it names is a short one ("8.1. Droit d'accès")


@lru_cache(maxsize=4096)
def heading_right(heading: str, language: str) -> str | None:
    """The one right (or automated decisions) a short heading names by its cue and no other by its words ("Right of
    access", « 8.1. Droit d'accès »); ``None`` for a longer heading or one that names several ("Access and Data
    Portability Rights")."""
    if len(_WORDS.findall(heading, 0, 400)) > HEADING_MAX_WORDS:
        return None
    named = [fid for fid in RIGHT_IDS if cue_matches(heading, language, fid)]
    if len(named) != 1:
        return None
    words = exclusions("fr" if language == "fr" else "en")[1]
    others = [fid for fid in RIGHT_IDS if fid != named[0] and fid in words and words[fid].search(heading)]
    return None if others else named[0]


def under_heading_right(clause: Clause, language: str) -> str | None:
    """The right a clause is about because of its heading (``heading_right``): a sentence of five words or more
    (not "1, point e RGPD).", nor a figure: "Average completion time – 11 days") that names no other right by that
    right's words, unless it also has the words of the heading's right ("4. Request correction of any data" under a
    numbered "3. Request portability of your data" is rectification)."""
    if len(clause.headings) < 2 or len(clause.text.split()) < 5 or len(_WORDS.findall(clause.text, 0, 400)) < 5:
        return None
    fid = heading_right(clause.headings[-1], language)
    if fid is None:
        return None
    words = exclusions("fr" if language == "fr" else "en")[1]
    if fid in words and words[fid].search(clause.text):
        return fid
    return None if any(words[o].search(clause.text) for o in RIGHT_IDS if o != fid and o in words) else fid


PER_ID_DEFAULT = 3  # passages quoted per id

# A passage that only names a right ("Right to Data Portability.", « Droit d'opposition ») or the DPO's title ("Data
# Protection Officer" on a line of its own) is not quoted when a sentence discloses the same item; where none does, it
# is quoted (ranked this much lower) and counts for the document decision. Not for the other ids, where a name alone
# is the disclosure ("Google Analytics" under "Who receives your data"; on GDPR-T200 ranking those lower quoted fewer
# annotated recipients).
LABEL_PENALTY = 0.5
LABEL_IDS = frozenset(RIGHT_IDS) | {"transparency.dpo-contact"}
_LABEL = re.compile(r"^\W*(?:the\s+|your\s+|an?\s+|le\s+|la\s+|un\s+|votre\s+)?(?:rights?|droits?)\b", re.I)
_WORDS = re.compile(r"[^\W\d_]+")


def is_label(clause: Clause) -> bool:
    """A heading, a title, a short "Right to …" item or a short line ending in a colon: names a topic, says nothing."""
    from ...ingest.structure import reads_as_title

    text = clause.text.strip()
    n = len(_WORDS.findall(text, 0, 400))
    return (clause.kind == "heading" or n == 0 or reads_as_title(text)
            or (n <= 8 and (text.endswith(":") or bool(_LABEL.match(text)))))


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
    PER_ID = PER_ID_DEFAULT
    runs_apart = True  # `classify --jobs 2`: in the second process with the rules and practice (half the work)

    def _model_text(self, clause: Clause) -> str:
        return model_text(clause)

    def _adjust(self, probs: np.ndarray, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """A clause that matches the cue of an id raises that id to the cue's probability (one under a heading that
        names a right, to HEADING_PROBABILITY); a clause that is not an id (``not_items``) gets probability 0 for it,
        where that can change a decision (a probability at or above the id's lower threshold, document or clause)."""
        labels = self.model.labels
        if not len(probs):
            return probs
        matched = self._cue_hits(clauses, language)
        headed = self._heading_hits(clauses, language, matched) & ~matched
        used = np.array([lab in self.cue_ids(language) for lab in labels])[None, :]
        # the model's own probability (a twentieth of it) orders the clauses a cue raises alike
        probs = np.where(matched & used, np.maximum(probs, CUE_PROBABILITY + CUE_TIE_BREAK * probs), probs)
        level = np.maximum(HEADING_PROBABILITY, np.asarray(self.model.threshold, dtype=float))[None, :]
        raised = np.maximum(level, np.minimum(level + HEADING_TIE_BREAK * probs, CUE_PROBABILITY))
        probs = np.where(headed & used, np.maximum(probs, raised), probs)
        matched = matched | headed
        ruled = set(exclusions("fr" if language == "fr" else "en")[0]) | set(RIGHT_IDS)
        cols = np.array([j for j, lab in enumerate(labels) if lab in ruled], dtype=int)
        rights = [j for j, lab in enumerate(labels) if lab in RIGHT_IDS]
        reach = probs[:, cols] >= self._floor()[cols]
        for i in np.flatnonzero(reach.any(axis=1)).tolist():
            ids = [labels[j] for j in cols[reach[i]].tolist()]
            named = [labels[j] for j in rights if matched[i, j]]
            for fid in not_items(clauses[i].text, language, ids, named):
                probs[i, labels.index(fid)] = 0.0
        return probs

    def _floor(self) -> np.ndarray:
        """Per id, the lower of its document and clause thresholds (below it a probability decides nothing)."""
        selection = self.model.meta.get("selection", [])
        if len(selection) != len(self.model.labels):
            return np.asarray(self.model.threshold, dtype=float)
        return np.minimum(np.asarray(self.model.threshold, dtype=float),
                          [float(sel.get("clause_threshold", t)) for sel, t in zip(selection, self.model.threshold)])

    def cue_ids(self, language: str) -> frozenset[str]:
        """Ids whose cue counts in ``language``: every French cue; the English cues the training run kept, and
        ``ALWAYS_EN_CUES``."""
        if language == "fr":
            return frozenset(cues("fr"))
        return (frozenset(self.model.meta.get("en_cues", ())) | ALWAYS_EN_CUES) & frozenset(cues("en"))

    def _cue_hits(self, clauses: Sequence[Clause], language: str) -> np.ndarray:
        """Where a clause matches the cue of an id (``cue_matches``), for the ids whose cue counts and the rights
        (``not_items`` reads those)."""
        wanted = self.cue_ids(language) | frozenset(RIGHT_IDS)
        lang = "fr" if language == "fr" else "en"
        found, nots = cues(lang), exclusions(lang)[0]
        out = np.zeros((len(clauses), len(self.model.labels)), dtype=bool)
        for j, lab in enumerate(self.model.labels):
            cue, nope = found.get(lab), nots.get(lab)
            if lab not in wanted or cue is None:
                continue
            for i, c in enumerate(clauses):  # (cue_matches, inlined: this runs on every clause)
                out[i, j] = bool(cue.search(c.text)) and (nope is None or bool(cue.search(nope.sub(" ", c.text))))
        return out

    def _heading_hits(self, clauses: Sequence[Clause], language: str, matched: np.ndarray) -> np.ndarray:
        """A clause that names no right itself (``matched``: the cue hits), under a short heading that names one
        ("8.1. Droit d'accès"), is that right (``under_heading_right``)."""
        lang = "fr" if language == "fr" else "en"
        wanted = self.cue_ids(language) | frozenset(RIGHT_IDS)
        out = np.zeros_like(matched)
        col = {lab: j for j, lab in enumerate(self.model.labels)}
        rights = [col[lab] for lab in RIGHT_IDS if lab in col and lab in wanted]
        for i, c in enumerate(clauses):
            if len(c.headings) > 1 and not matched[i, rights].any():
                named = under_heading_right(c, lang)
                if named in col and named in wanted:
                    out[i, col[named]] = True
        return out

    def detect(self, clauses: Sequence[Clause], language: str) -> list[list[Finding]]:
        """The passages of each id (at most PER_ID); a passage that only names a right or the DPO is quoted only
        where no sentence discloses the item (``is_label``)."""
        probs = self._probs(clauses, language)
        out: list[list[Finding]] = [[] for _ in clauses]
        if not len(probs):
            return out
        labels = np.fromiter((is_label(c) for c in clauses), dtype=bool, count=len(clauses))
        rows, cols = np.nonzero(self._hits(probs, language, labels) & self._long_enough(clauses)[:, None])
        if len(rows):
            batch = _batch(tuple(c.text for c in clauses), language, self.french)
            for i, j in zip(rows.tolist(), cols.tolist()):
                out[i].append(self._finding(clauses[i], batch.token_lists[i], batch.gram_lists[i], language, j,
                                            float(probs[i, j])))
        return out

    def _label_columns(self) -> np.ndarray:
        return np.array([lab in LABEL_IDS for lab in self.model.labels])

    def _hits(self, probs: np.ndarray, language: str = "en", labels: np.ndarray | None = None) -> np.ndarray:
        hits = probs >= self.model.threshold
        if labels is not None:
            # a bare label of a right or of the DPO is quoted only where no sentence discloses the item
            bare = labels[:, None] & self._label_columns()[None, :]
            hits &= ~(bare & (hits & ~bare).any(axis=0)[None, :])
        if len(probs) > self.PER_ID:
            # keep the PER_ID most probable passages of each id (ties: the first in the document), a bare label
            # ranked LABEL_PENALTY lower
            rank = probs - LABEL_PENALTY * (labels[:, None] & self._label_columns()) if labels is not None else probs
            rank = np.where(hits, rank, -np.inf)
            top = np.argsort(-rank, axis=0, kind="stable")[:self.PER_ID]
            keep = np.zeros_like(hits)
            np.put_along_axis(keep, top, True, axis=0)
            hits &= keep
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
