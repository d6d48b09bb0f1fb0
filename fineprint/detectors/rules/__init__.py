"""The YAML rules engine: one declarative rule per file, ``fineprint/rules/<family>/<name>.yaml`` for id ``<family>.<name>``.

A rule names a taxonomy id and, per language, alternatives ("patterns"). An alternative fires when every one of its
named cues (regular expressions) matches in the clause, optionally within N words of each other and in order, with
no cue occurrence negated ("we never sell") and none of the alternative's or the rule's exclusions present ("with
your prior consent", "unless you ask"). Rules may lower the default severity with a reason, and record boolean
evidence flags (e.g. whether a transfer safeguard is named) for ``assess``. The format is documented in
docs/rules.md (generated from the rules by ``python -m fineprint.detectors.rules.docs``) and validated by
``fineprint/rules/rule.schema.json``.

The data flow, one module each: ``load`` (YAML files -> ``RuleSource``), ``compile`` (-> one ``CompiledRuleSet`` per
language), ``prefilter`` (gates and the per-clause scan), ``match`` (a clause against a rule set). ``RuleDetector``
below is the text detector that ties them together; it owns all state (no module-level mutable state).
"""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from ...model import Clause, Finding
from ..base import is_question
from .compile import CompiledRule, CompiledRuleSet, compile_rule, compile_rules
from .load import LANGUAGES, RULES_DIR, RuleSource, load_rules, load_vocabulary, read_yaml, rule_files
from .match import Hit, _finding, _languages_for, caseless, expand_contractions, fold, guess_language, match_rule
from .prefilter import ALL_GATES, literal_gate

__all__ = ["ALL_GATES", "LANGUAGES", "RULES_DIR", "CompiledRule", "CompiledRuleSet", "Hit", "RuleDetector",
           "compile_rule", "fold", "guess_language", "literal_gate", "load_vocabulary", "match_rule", "read_yaml",
           "rule_files"]


class RuleDetector:
    """Text detector over the YAML rules (registry name ``rules``).

    ``load()`` reads every rule file; a language's rules are compiled the first time a clause in that language is
    seen, so an English audit never pays for the French rules."""

    name = "rules"
    scores_every_id = False  # confidences of what fired only (classify takes them from decisions)
    runs_apart = True  # pure Python, no state shared with other detectors: `classify --jobs 2` may run it apart

    def __init__(self, rules_dir: str | Path | None = None, prefilter: bool = True, use_cache: bool = True) -> None:
        self.rules_dir = Path(rules_dir) if rules_dir else RULES_DIR
        # prefilter=False matches every pattern of every rule on every clause: the reference the fast path must equal
        self.prefilter = prefilter
        self.use_cache = use_cache
        self._source: RuleSource | None = None
        self._sets: dict[str, CompiledRuleSet] = {}
        self._lock = threading.Lock()

    @property
    def label(self) -> str:
        """What ran, for reports: the rules and a hash of their files."""
        return f"rules@{self._source.digest[:12]}" if self._source else "rules"

    def load(self) -> "RuleDetector":
        """Read every rule file once (compilation happens per language, on first use)."""
        if self._source is None:
            self._source = load_rules(self.rules_dir, self.use_cache)
        return self

    def rule_set(self, language: str) -> CompiledRuleSet:
        """The compiled rules of one language (compiled once, on first use)."""
        found = self._sets.get(language)
        if found is None:
            self.load()
            with self._lock:
                found = self._sets.get(language)
                if found is None:
                    found = self._sets[language] = compile_rules(self._source, language, self.use_cache)
        return found

    def rules_for(self, language: str) -> tuple[CompiledRule, ...]:
        return self.rule_set(language).rules

    @property
    def rules(self) -> dict[str, tuple[CompiledRule, ...]]:
        """Every compiled rule, by language (compiles all languages)."""
        return {lang: self.rules_for(lang) for lang in LANGUAGES}

    def mask(self, spaced: str, languages) -> int:
        """The clause's gate bits for the rules of ``languages`` (``ALL_GATES`` when prefiltering is off)."""
        if not self.prefilter:
            return ALL_GATES
        bits = 0
        for lang in languages:
            bits |= self.rule_set(lang).index.mask(spaced)
        return bits

    def validate(self) -> "RuleDetector":
        """Compile every pattern of every language now (rules are otherwise compiled lazily): a broken rule raises
        ResourceError naming its file."""
        for rules in self.rules.values():
            for rule in rules:
                for rx in rule.patterns():
                    rx.compiled()
        return self

    def ids(self) -> frozenset[str]:
        return self.load()._source.ids()

    def rule_gate(self, language: str) -> float | None:
        return None  # rules confirm nothing; the rights model confirms them (TextDetector.rule_gate)

    def hits(self, text: str, language: str) -> list[Hit]:
        """Every rule hit on one text, at most one per taxonomy id (the most confident). A question asserts nothing
        ("Will your data be transferred outside the EU?": a heading or an FAQ line whose answer follows; annotation
        guide, session 37): no hit."""
        if is_question(text):
            return []
        folded, back = expand_contractions(fold(text))
        spaced = " ".join(folded.split())  # what the gates read
        matched = caseless(folded)  # what the patterns read
        memo: dict = {}
        best: dict[str, Hit] = {}
        languages = tuple(_languages_for(language, folded))
        for lang in languages:
            rule_set = self.rule_set(lang)
            # each language's gate bits are its own: the mask is taken per rule set
            mask = rule_set.index.mask(spaced) if self.prefilter else ALL_GATES
            for rule, required in rule_set.required:
                if rule.id in best and best[rule.id].confidence >= rule.confidence:
                    continue
                for bits in required:  # skip the rule outright unless one alternative's gates all pass
                    if bits & mask == bits:
                        break
                else:
                    continue
                hit = match_rule(rule, matched, spaced, memo, mask)
                if hit is not None and (rule.id not in best or hit.confidence > best[rule.id].confidence):
                    best[rule.id] = hit
        if back is None:
            return list(best.values())
        # offsets into the written-out copy, back to offsets into ``text`` (a contraction is covered whole)
        starts, ends = back
        return [replace(hit, matches=tuple((cue, starts[start], ends[end - 1] + 1) for cue, start, end in hit.matches))
                for hit in best.values()]

    def detect(self, clauses: Sequence[Clause], language: str) -> list[list[Finding]]:
        out = []
        for clause in clauses:
            lang = clause.language if clause.language in LANGUAGES else language
            out.append([_finding(clause, hit) for hit in self.hits(clause.text, lang)])
        self._safeguards_elsewhere(clauses, out)
        return out

    def _safeguards_elsewhere(self, clauses: Sequence[Clause], out: list[list[Finding]]) -> None:
        """A transfer whose own sentence names no safeguard (``evidence["safeguard"] is False``) in a document that
        names one in another sentence ("Where we do so, we rely on the standard contractual clauses" after "Your data
        may be processed in the United States") gets ``evidence["safeguard_elsewhere"]``, the offset of the first
        such sentence: the document tells the reader what protects its transfers (Comptoir des Cotonniers' reader
        found five of ten "serious" problems to be transfers beside the clauses they name, session 40)."""
        open_ = [(i, j) for i, found in enumerate(out) for j, f in enumerate(found) if f.evidence.get("safeguard") is False]
        if not open_:
            return
        patterns = [rx for lang in LANGUAGES for rule in self.rules_for(lang) for name, rx in rule.flags
                    if name == "safeguard"]
        where = next((c.start for c in clauses if c.text and not is_question(c.text)
                      and any(rx.search(caseless(expand_contractions(fold(c.text))[0])) for rx in patterns)), None)
        if where is None:
            return
        for i, j in open_:
            f = out[i][j]
            out[i][j] = replace(f, evidence={**f.evidence, "safeguard_elsewhere": where})

    def decisions(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """Per clause, {id: confidence} of the findings ``detect`` would give (for ``classify``): the scores."""
        return self.scores(clauses, language)

    def scores(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        out = []
        for clause in clauses:
            lang = clause.language if clause.language in LANGUAGES else language
            out.append({hit.rule.id: hit.confidence for hit in self.hits(clause.text, lang)})
        return out
