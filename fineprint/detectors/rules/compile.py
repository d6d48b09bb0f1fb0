"""Compiling rules: vocabulary expanded, patterns deduplicated and compiled lazily, gates derived, in one object.

``CompiledRuleSet`` holds everything derived from the rules of one folder and one language: the compiled rules, the
table of patterns (identical sources share one object and one compilation), the gate bits and the prefilter index.
Nothing is kept at module level; two rule sets never share state.

Deriving gates reads every pattern's source (``prefilter.literal_gate``), which costs more than a short audit's
matching: the result (the *plan*) is kept in the disk cache (fineprint/cache.py), named by a hash of the rule files.
"""
from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any, Sequence

from ... import cache
from ...errors import ResourceError
from .load import LANGUAGES, VOCABULARY_FILE, RuleSource
from .prefilter import GateIndex, branches_of, literal_gate

DEFAULT_CONFIDENCE = 0.9
# How far back (in words) a negator may stand before a cue to negate it, unless a rule says otherwise.
DEFAULT_NEGATION_WINDOW = 5
_MACRO = re.compile(r"\{\{(\w+)\}\}")
CACHE_AREA = "rules-v2"
PLANS_PER_LANGUAGE = 3  # plans of one language kept: the current rules and the two versions before
PLANS_KEPT = 16  # files kept (parsed rules and two languages' plans, of the current rules and a few earlier versions)


class Pattern:
    """A rule's regular expression (vocabulary expanded), compiled the first time it is needed.

    Compiling every pattern up front costs more than the matching of a typical policy; most patterns sit behind
    gates that ordinary clauses never pass."""

    __slots__ = ("pattern", "where", "_compiled", "branches", "ordered", "reduced")

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where
        self._compiled: re.Pattern | None = None
        # For presence tests: the top-level alternatives grouped by gate, ((pattern, gate bit or 0), ...); None: whole.
        self.branches: tuple[tuple[Pattern, int], ...] | None = None
        # The same alternatives in their order, each with its gate bit; and the patterns made of those alternatives
        # whose gates a clause passes (by the bits passed): alternatives whose gate fails cannot match anywhere in
        # the clause, so leaving them out changes no match, and compiles far less than the whole pattern.
        self.ordered: tuple[tuple[str, int], ...] = ()
        self.reduced: dict[int, Pattern] = {}

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            # Clauses are matched folded to lower case (match.fold, match.caseless), where a pattern written in lower
            # case matches the same without re.IGNORECASE: compiled 20 % faster and searched 25 % faster.
            flags = 0 if caseless_safe(self.pattern) else re.IGNORECASE
            try:
                self._compiled = re.compile(self.pattern, flags)
            except re.error as exc:
                raise ResourceError(f"{self.where}: bad regular expression: {exc}") from exc
        return self._compiled

    def search(self, text: str):
        return self.compiled().search(text)

    def finditer(self, text: str):
        return self.compiled().finditer(text)


_SAFE_ESCAPES = frozenset("bBwWsSdDAZtnrfv")


def caseless_safe(source: str) -> bool:
    """Whether ``source`` finds the same matches without ``re.IGNORECASE`` as with it, on a clause folded by
    ``match.fold`` and ``match.caseless`` (no capitals, and none of the four letters ``re`` equates with ASCII ones
    when ignoring case). True when its letters are ASCII and none is a capital, with no back-reference, no inline
    flag, no escape that names a character by number or name, and no range in a class but a-z or 0-9 style ones.
    Anything else is compiled with ``re.IGNORECASE``, as before (tests/test_classify_speed.py compares the two)."""
    if "(?P=" in source or not all(c.isascii() or not c.isalpha() and c.lower() == c == c.upper()
                                    for c in source if not c.isascii()):
        return False  # a named back-reference, or a letter outside ASCII (currency signs are not letters)
    i, n, in_class, start = 0, len(source), False, 0
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n or (source[i + 1].isalnum() and source[i + 1] not in _SAFE_ESCAPES):
                return False  # a back-reference, \x41, \N{...}, an octal escape
            i += 2
            continue
        if "A" <= c <= "Z":
            return False
        if in_class:
            if c == "]" and i > start:
                in_class = False
            elif c == "-" and i > start and i + 1 < n and source[i + 1] != "]":
                lo, hi = source[i - 1], source[i + 1]
                if source[i - 2:i - 1] == "\\" or not (lo.islower() and hi.islower() or lo.isdigit() and hi.isdigit()):
                    return False  # a range that may span capital letters
        elif c == "[":
            in_class = True
            start = i + 1 + (source[i + 1:i + 2] == "^")
            if source[start:start + 1] == "]":
                start += 1  # "[]...]": a leading ] is a member
        elif c == "(" and source[i + 1:i + 2] == "?" and source[i + 2:i + 3].isalpha() and source[i + 2] != "P":
            return False  # an inline flag: (?a), (?i), (?-i:...)
        i += 1
    return True


@dataclass(frozen=True, slots=True)
class Alternative:
    cues: tuple[tuple[str, Pattern], ...]
    # Per cue, literal strings one of which must occur in the clause for the cue to match (None: no such set).
    gates: tuple[tuple[str, ...] | None, ...] = ()
    by_cost: tuple[tuple[str, Pattern], ...] = ()  # the cues, shortest pattern first
    within: int | None = None
    ordered: bool = False
    none: tuple[Pattern, ...] = ()
    confidence: float | None = None
    required: int = 0  # the gates' bits: all must be set in a clause's mask for a match


@dataclass(frozen=True, slots=True)
class Lowering:
    pattern: Pattern
    severity: str
    reason: str


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    name: str
    path: str
    confidence: float
    alternatives: tuple[Alternative, ...]
    unless: tuple[Pattern, ...]
    negator: Pattern | None
    negation_window: int
    negated_cues: frozenset[str] | None  # None: every cue may be negated
    negation_inside: bool  # also look inside the cue ("you do not agree" when the cue starts at "you")
    highlight: frozenset[str] | None  # None: every cue is highlighted
    lowerings: tuple[Lowering, ...]
    flags: tuple[tuple[str, Pattern], ...]
    stands_alone: bool = False  # a rights.* finding that needs no confirmation by the rights model (pipeline)

    @property
    def detector(self) -> str:
        return f"rule:{self.id}/{self.name}"

    def patterns(self) -> list[Pattern]:
        """Every pattern of the rule (to compile them all at once in ``validate``)."""
        return [rx for alt in self.alternatives for _, rx in alt.cues] + \
            [rx for alt in self.alternatives for rx in alt.none] + list(self.unless) + \
            [low.pattern for low in self.lowerings] + [rx for _, rx in self.flags] + \
            ([self.negator] if self.negator is not None else [])


@dataclass(frozen=True)
class CompiledRuleSet:
    """The rules of one language, compiled, with their prefilter."""

    language: str
    rules: tuple[CompiledRule, ...]
    index: GateIndex
    required: tuple[tuple[CompiledRule, tuple[int, ...]], ...]  # each rule with its alternatives' gate bits


def _per_lang(value: Any, lang: str) -> Any:
    """Values given per language ({en: ..., fr: ...}) or once for all languages."""
    if isinstance(value, dict) and set(value) <= set(LANGUAGES) | {"any"}:
        return value.get(lang, value.get("any"))
    return value


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


class _Compiler:
    """The state of one compilation: patterns by source, gate bits, the plan (derived gates) read or computed."""

    def __init__(self, vocabulary: dict[str, str], plan: dict[str, Any]) -> None:
        self.vocab = vocabulary
        self.plan = plan
        self.used: set[str] = set()  # the plan entries this compilation asked for (saved; stale ones are not)
        self.patterns: dict[str, Pattern] = {}
        self.bits: dict[frozenset[str], int] = {}
        self.strings_of_bit: dict[int, tuple[str, ...]] = {}

    def expand(self, pattern: str, where: str, depth: int = 0) -> str:
        if depth > 10:
            raise ResourceError(f"{where}: vocabulary macros nest too deeply")

        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name not in self.vocab:
                raise ResourceError(f"{where}: unknown vocabulary entry {{{{{name}}}}}; define it in {VOCABULARY_FILE}")
            return "(?:" + self.expand(self.vocab[name], where, depth + 1) + ")"

        return _MACRO.sub(sub, pattern)

    def pattern(self, source: str, where: str, expand: bool = True) -> Pattern:
        source = self.expand(source, where) if expand else source
        found = self.patterns.get(source)
        if found is None:
            found = self.patterns[source] = Pattern(source, where)
        return found

    def gate(self, source: str) -> tuple[str, ...] | None:
        self.used.add(source)
        if source not in self.plan:
            self.plan[source] = literal_gate(source)
        gate = self.plan[source]
        return tuple(gate) if gate is not None else None

    def bit(self, gate: tuple[str, ...] | None) -> int:
        """The bit of one gate (0 for no gate: nothing to require)."""
        if not gate:
            return 0
        key = frozenset(gate)
        bit = self.bits.get(key)
        if bit is None:
            bit = self.bits[key] = 1 << len(self.bits)
            self.strings_of_bit[bit] = tuple(gate)
        return bit

    def split(self, rx: Pattern) -> None:
        """Set ``rx.branches``: its alternatives grouped by gate, so that a presence test skips the gated-out ones."""
        if rx.branches is not None:
            return
        key = "parts:" + rx.pattern
        self.used.add(key)
        if key not in self.plan:
            self.plan[key] = branches_of(rx.pattern)
        branches = self.plan[key]
        if len(branches) < 2:
            return
        by_gate: dict[int, list[str]] = {}
        ordered = []
        for b in branches:
            bit = self.bit(self.gate(b))
            by_gate.setdefault(bit, []).append(b)
            ordered.append((b, bit))
        if len(by_gate) < 2:
            return
        rx.ordered = tuple(ordered)
        rx.branches = tuple((self.pattern("|".join(sources), f"{rx.where} (part)", expand=False), bit)
                            for bit, sources in by_gate.items())

    def with_words(self, data: dict, path: Path, lang: str) -> "_Compiler":
        """This compiler, or one that shares its tables and also knows the rule's own word lists."""
        words = ((data.get("words") or {}).get(lang)) or {}
        if not words:
            return self
        clash = sorted(set(words) & set(self.vocab))
        if clash:
            raise ResourceError(f"{path.name}: word list {clash[0]!r} is also a vocabulary entry; rename one")
        local = object.__new__(_Compiler)
        local.__dict__.update({k: getattr(self, k) for k in ("plan", "used", "patterns", "bits", "strings_of_bit")})
        local.vocab = {**self.vocab, **words}
        return local

    def rule(self, data: dict, path: Path, lang: str) -> CompiledRule | None:
        """One rule in one language (None when it has no pattern there)."""
        where = f"{path.name} [{lang}]"
        alts = []
        for i, alt in enumerate(_as_list((data.get("patterns") or {}).get(lang))):
            spec = alt if isinstance(alt, dict) else {"all": {"cue": alt}}
            cues = tuple((name, self.pattern(rx, f"{where} pattern {i} cue {name}")) for name, rx in spec["all"].items())
            gates = tuple(self.gate(rx.pattern) for _, rx in cues)
            for _, rx in cues:
                self.split(rx)
            alts.append(Alternative(
                cues=cues, gates=gates, required=reduce(operator.or_, map(self.bit, gates), 0),
                by_cost=tuple(sorted(cues, key=lambda c: len(c[1].pattern))),
                within=spec.get("within"), ordered=bool(spec.get("ordered")),
                none=tuple(self.pattern(rx, f"{where} pattern {i} none") for rx in _as_list(spec.get("none"))),
                confidence=spec.get("confidence")))
        if not alts:
            return None
        neg = data.get("negation") or {}
        negator_rx = _per_lang(neg.get("negators"), lang)
        if negator_rx is None and neg.get("negators") is None and neg.get("use_default", True):
            negator_rx = "{{negator}}" if "negator" in self.vocab else None
        return CompiledRule(
            id=data["id"], name=data["name"], path=str(path),
            confidence=float(data.get("confidence", DEFAULT_CONFIDENCE)), alternatives=tuple(alts),
            unless=tuple(self.pattern(rx, f"{where} unless") for rx in _as_list(_per_lang(data.get("unless"), lang))),
            negator=self.pattern(negator_rx, f"{where} negators") if negator_rx else None,
            negation_window=int(neg.get("window", DEFAULT_NEGATION_WINDOW)),
            negated_cues=frozenset(neg["cues"]) if neg.get("cues") is not None else None,
            negation_inside=bool(neg.get("inside", False)),
            highlight=frozenset(data["highlight"]) if data.get("highlight") else None,
            stands_alone=bool(data.get("stands_alone", False)),
            lowerings=tuple(Lowering(pattern=self.pattern(rx, f"{where} lower"), severity=low["severity"],
                                     reason=_per_lang(low["reason"], lang))
                            for low in _as_list(data.get("lower")) for rx in _as_list(_per_lang(low["when"], lang))),
            flags=tuple((name, self.pattern(rx, f"{where} evidence {name}"))
                        for name, spec in (data.get("evidence") or {}).items() for rx in [_per_lang(spec, lang)] if rx))

    def index(self, rules: Sequence[CompiledRule]) -> GateIndex:
        """The prefilter of the rules: the gates of their alternatives and of their cues' parts."""
        gates: dict[int, tuple[str, ...]] = {}
        for rule in rules:
            for alt in rule.alternatives:
                for gate in alt.gates:
                    if gate:
                        gates[self.bit(gate)] = gate
                for _, rx in alt.cues:
                    for _, bit in rx.branches or ():
                        if bit:
                            gates[bit] = self.strings_of_bit[bit]
        return GateIndex(gates)


def compile_rules(source: RuleSource, language: str, use_cache: bool = True) -> CompiledRuleSet:
    """The rules of ``source`` that cover ``language``, compiled (the plan read from the disk cache if it is there)."""
    name = f"plan-{language}-{source.digest[:24]}.json"
    plan: dict[str, Any] = {}
    if use_cache:
        stored = cache.read_bytes(CACHE_AREA, name)
        try:
            loaded = json.loads(stored) if stored else {}
            plan = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            plan = {}
    known = len(plan)
    compiler = _Compiler(source.vocabulary.get(language, {}), plan)
    rules = []
    for path, data in source.rules:
        if language in data.get("languages", LANGUAGES):
            rule = compiler.with_words(data, path, language).rule(data, path, language)
            if rule is not None:
                rules.append(rule)
    index = compiler.index(rules)
    if use_cache and (known == 0 or len(plan) > known):
        kept = {k: v for k, v in plan.items() if k in compiler.used}
        cache.write(CACHE_AREA, name, json.dumps(kept, ensure_ascii=False).encode("utf-8"), keep=PLANS_KEPT)
        stale = sorted(p for p in (cache.cache_dir() or Path("/nonexistent")).joinpath(CACHE_AREA).glob(
            f"plan-{language}-*.json") if p.name != name)
        for old in sorted(stale, key=lambda p: p.stat().st_mtime)[:-(PLANS_PER_LANGUAGE - 1) or None]:
            old.unlink(missing_ok=True)
    return CompiledRuleSet(language=language, rules=tuple(rules), index=index,
                           required=tuple((r, tuple(a.required for a in r.alternatives)) for r in rules))


def compile_rule(data: dict, path: Path, vocabulary: dict[str, dict[str, str]],
                 languages: Sequence[str] = LANGUAGES) -> dict[str, CompiledRule]:
    """One rule compiled on its own, per language it covers (for tools and tests): {language: CompiledRule}."""
    from .load import _joined_cues

    data = _joined_cues(data)
    out = {}
    for lang in data.get("languages", LANGUAGES):
        if lang in languages:
            rule = _Compiler(vocabulary.get(lang, {}), {}).with_words(data, path, lang).rule(data, path, lang)
            if rule is not None:
                out[lang] = rule
    return out

