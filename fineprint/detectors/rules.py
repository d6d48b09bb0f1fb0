"""The YAML rules engine: one declarative rule per file under ``fineprint/rules/<family>/<rule-name>.yaml``.

A rule names a taxonomy id and, per language, alternatives ("patterns"). An alternative fires when every one of its
named cues (regular expressions) matches in the clause, optionally within N words of each other and in order, with
no cue occurrence negated ("we never sell") and none of the alternative's or the rule's exclusions present ("with
your prior consent", "unless you ask"). Rules may lower the default severity with a reason, and record boolean
evidence flags (e.g. whether a transfer safeguard is named) for ``assess``.

Matching runs on a folded copy of the clause with the SAME length as the original (lower case, accents removed,
typographic apostrophes/quotes/dashes and no-break spaces made plain), so offsets of matches are offsets into the
clause text and highlights point at the decisive words in ``Document.text``. The rule format is documented in
docs/rules.md and validated by ``fineprint/rules/rule.schema.json``.
"""
from __future__ import annotations

import bisect
import operator
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import product
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import ResourceError
from ..model import Clause, Finding, Span

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
VOCABULARY_FILE = "vocabulary.yaml"
LANGUAGES = ("en", "fr")
DEFAULT_CONFIDENCE = 0.9
# How far back (in words) a negator may stand before a cue to negate it, unless a rule says otherwise.
DEFAULT_NEGATION_WINDOW = 5
# Negation does not reach across these: "we do not sell your data; we share it" / "..., but we share it".
_SCOPE_BREAK = re.compile(r"[.;:!?()]|\b(?:but|however|except|although|whereas|mais|sauf|cependant|toutefois|"
                          r"neanmoins)\b")
_WORD = re.compile(r"\w+")
_MACRO = re.compile(r"\{\{(\w+)\}\}")


# --- text folding -----------------------------------------------------------------------------------------------

def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


_PUNCT = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "\u0060": "'", "\u2032": "'",
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2039": '"', "\u203a": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\t": " ", "\n": " ",
}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _PUNCT.items()}
    for code in range(0x41, 0x250):
        ch = chr(code)
        if code not in table:
            folded = _fold_char(ch)
            if folded != ch:
                table[code] = folded
    return table


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with exactly the same length (offsets stay valid)."""
    folded = text.translate(_fold_table())
    if len(folded) != len(text):  # defensive: every mapping above is one character to one character
        return text.lower() if len(text.lower()) == len(text) else text
    return folded


# --- compiled rules ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Alternative:
    cues: tuple[tuple[str, LazyPattern], ...]
    # Per cue, literal strings one of which must occur in the clause for the cue to match (None: no such set).
    # Checking them with ``in`` first skips most regular-expression searches on ordinary sentences.
    gates: tuple[tuple[str, ...] | None, ...] = ()
    by_cost: tuple[tuple[str, LazyPattern], ...] = ()  # the cues, shortest pattern first
    within: int | None = None
    ordered: bool = False
    none: tuple[LazyPattern, ...] = ()
    confidence: float | None = None
    required: int = 0  # the gates' bits (see ``_gate_bit``): all must be set in a clause's mask for a match


@dataclass(frozen=True, slots=True)
class Lowering:
    pattern: LazyPattern
    severity: str
    reason: str


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    name: str
    path: str
    confidence: float
    alternatives: tuple[Alternative, ...]
    unless: tuple[LazyPattern, ...]
    negator: LazyPattern | None
    negation_window: int
    negated_cues: frozenset[str] | None  # None: every cue may be negated
    negation_inside: bool  # also look inside the cue ("you do not agree" when the cue starts at "you")
    highlight: frozenset[str] | None  # None: every cue is highlighted
    lowerings: tuple[Lowering, ...]
    flags: tuple[tuple[str, LazyPattern], ...]

    @property
    def detector(self) -> str:
        return f"rule:{self.id}/{self.name}"


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule firing on one clause: offsets are relative to the clause text."""

    rule: CompiledRule
    confidence: float
    matches: tuple[tuple[str, int, int], ...]  # (cue, start, end)
    severity: str | None = None
    severity_reason: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict, hash=False)


def _yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file (the C loader when available); a broken file is a ResourceError naming it."""
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_yaml_loader())
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read rule file {path}: {exc}") from exc


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """Every rule file: the YAML files inside the family folders (the vocabulary and schema sit at the top)."""
    return sorted(p for p in rules_dir.glob("*/*.yaml") if not p.name.startswith("_"))


def load_vocabulary(rules_dir: Path = RULES_DIR) -> dict[str, dict[str, str]]:
    """Shared named regex fragments per language, used in rules as ``{{name}}``."""
    path = rules_dir / VOCABULARY_FILE
    data = read_yaml(path) if path.exists() else {}
    return {lang: dict((data or {}).get(lang) or {}) for lang in LANGUAGES}


def _expand(pattern: str, vocab: dict[str, str], where: str, depth: int = 0) -> str:
    if depth > 5:
        raise ResourceError(f"{where}: vocabulary macros nest too deeply")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in vocab:
            raise ResourceError(f"{where}: unknown vocabulary entry {{{{{name}}}}}; define it in {VOCABULARY_FILE}")
        return "(?:" + _expand(vocab[name], vocab, where, depth + 1) + ")"

    return _MACRO.sub(sub, pattern)


class LazyPattern:
    """A rule's regular expression, compiled the first time it is needed.

    Compiling every expanded pattern up front costs more than the matching of a typical policy; most patterns sit
    behind literal gates that ordinary clauses never pass. Identical sources share one object (and one compilation).
    """

    __slots__ = ("pattern", "where", "_compiled", "branches")
    flags = re.IGNORECASE

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where
        self._compiled: re.Pattern | None = None
        # For presence tests: the top-level alternatives grouped by gate, [(pattern, gate bit or 0)]; None: whole.
        self.branches: tuple[tuple[LazyPattern, int], ...] | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            try:
                self._compiled = _regex_cache().compile(self.pattern, self.flags)
            except re.error as exc:
                raise ResourceError(f"{self.where}: bad regular expression: {exc}") from exc
        return self._compiled

    def search(self, text: str):
        return self.compiled().search(text)

    def finditer(self, text: str):
        return self.compiled().finditer(text)


_REGEX_CACHE: list = []


def _regex_cache():
    """The process's cache of compiled regular expressions (``regex_cache.RegexCache``), made on first use."""
    if not _REGEX_CACHE:
        from .regex_cache import RegexCache, default_folder

        with _PATTERNS_LOCK:
            if not _REGEX_CACHE:
                _REGEX_CACHE.append(RegexCache(default_folder()))
    return _REGEX_CACHE[0]


def _save_regex_cache() -> None:
    if _REGEX_CACHE and _REGEX_CACHE[0].dirty:
        _REGEX_CACHE[0].save()


_PATTERNS: dict[str, LazyPattern] = {}
_PATTERNS_LOCK = threading.Lock()


def _compile(pattern: str, vocab: dict[str, str], where: str) -> LazyPattern:
    source = _expand(pattern, vocab, where)
    with _PATTERNS_LOCK:
        lazy = _PATTERNS.get(source)
        if lazy is None:
            lazy = _PATTERNS[source] = LazyPattern(source, where)
    return lazy


_GATE_LIMIT = 256  # most strings a gate may hold


def _gate_score(strings: set[str] | None) -> int:
    return min((len(x.strip()) for x in strings), default=0) if strings else 0


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if _gate_score(b) > _gate_score(a) or (_gate_score(b) == _gate_score(a) and b and a and len(b) < len(a)):
        return b
    return a


def _analyse(seq) -> tuple[set[str] | None, set[str] | None]:
    """(every literal string the parsed sequence can match, or None; best set of strings one of which must occur)."""
    from re import _constants as c  # the parser's opcodes

    run: set[str] = {""}
    whole = True
    best: set[str] | None = None
    for op, av in seq:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width
        full, needed = _analyse_element(op, av, c)
        if full is not None and len(run) * len(full) <= _GATE_LIMIT:
            run = {p + q for p in run for q in full}
            continue
        whole = False
        best = _better(_better(best, run), needed if needed is not None else full)
        run = {""}
    best = _better(best, run)
    return (run if whole else None), best


def _analyse_element(op, av, c):
    if op is c.LITERAL:
        return {chr(av).lower()}, None
    if op is c.IN and len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
        return {chr(v).lower() for _, v in av}, None
    if op is c.SUBPATTERN:
        return _analyse(av[-1])
    if op is c.BRANCH:
        parts = [_analyse(b) for b in av[1]]
        full = None if any(f is None for f, _ in parts) else set().union(*(f for f, _ in parts))
        chosen = [_better(f, n) for f, n in parts]
        needed = None if any(_gate_score(x) == 0 for x in chosen) else set().union(*chosen)
        if needed is not None and len(needed) > _GATE_LIMIT:
            needed = None
        return full, needed
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        inner = list(av[2])
        if len(inner) == 1 and inner[0][0] is c.IN and inner[0][1] == [(c.CATEGORY, c.CATEGORY_SPACE)]:
            return None, {" "}  # \s+ : gates look at text whose white space is collapsed to single spaces
        full, needed = _analyse(inner)
        return None, _better(full, needed)
    return None, None


def _space_runs(seq):
    """The parsed sequence with ``\\s+`` folded into the literal run it joins (gates see collapsed spaces)."""
    from re import _constants as c

    out = []
    for op, av in seq:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is c.IN \
                and list(av[2][0][1]) == [(c.CATEGORY, c.CATEGORY_SPACE)]:
            out.append((c.LITERAL, ord(" ")))
        elif op is c.SUBPATTERN:
            out.append((op, (*av[:-1], _space_runs(av[-1]))))
        elif op is c.BRANCH:
            out.append((op, (av[0], [_space_runs(b) for b in av[1]])))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            out.append((op, (av[0], av[1], _space_runs(av[2]))))
        else:
            out.append((op, av))
    return out


# Derived from pattern sources, kept between runs (see _load_plan): literal gates, alternatives, gate tries.
_GATES: dict[str, tuple[str, ...] | None] = {}
_GATES_USED: set[str] = set()  # the keys a language's compilation asked for, saved as its plan


def literal_gate(pattern, min_length: int = 3) -> tuple[str, ...] | None:
    """Strings of which at least one occurs (white space collapsed) in any text ``pattern`` matches; None: unknown.

    Checking a gate with ``in`` costs far less than a search with a large alternation, and ordinary sentences
    rarely contain the rare words most cues need.
    """
    from re import _parser

    key = f"{min_length}:{pattern.pattern}"
    _GATES_USED.add(key)
    if key in _GATES:
        return _GATES[key]
    try:
        _, best = _analyse(_space_runs(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a parser detail not modelled here (or a bad pattern, reported when compiled): no gate
        best = None
    gate = None
    if _gate_score(best) >= min_length:
        minimal: list[str] = []
        for p in sorted(best, key=len):
            if not any(m in p for m in minimal):
                minimal.append(p)
        gate = tuple(minimal)
    _GATES[key] = gate
    return gate


def _load_plan(rules_dir: Path, language: str, digest: str | None) -> bool:
    """What compiling these rules (same files, same language) derived in an earlier run: parsing every pattern for
    its literal gates and alternatives is most of the start-up time otherwise. False when there is none."""
    import json

    path = _rules_cache_file(f"plan-{language}", rules_dir, digest) if digest else None
    if path is None or not path.is_file():
        return False
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stored, dict):
        return False
    _touch(path)
    for key, gate in stored.items():
        if isinstance(key, str) and (gate is None or isinstance(gate, list)):
            _GATES.setdefault(key, tuple(gate) if gate is not None else None)
    return True


def _save_plan(rules_dir: Path, language: str, digest: str | None, keys: set[str]) -> None:
    """Keep the derived data of one language's rules (only what they asked for: stale patterns are not carried)."""
    import json

    path = _rules_cache_file(f"plan-{language}", rules_dir, digest) if digest else None
    if path is None:
        return
    try:
        _write_cache_file(path, json.dumps({k: list(v) if v is not None else None for k, v in _GATES.items()
                                            if k in keys}, ensure_ascii=False))
        for legacy in ("rule-gates-v1.json", "regex-code-v1.json"):  # single files of earlier versions
            (path.parent.parent / legacy).unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache only costs start-up time


# --- the rule files, parsed once per version: JSON loads several times faster than YAML parses -----------------

def _rules_digest(files: Sequence[Path], rules_dir: Path) -> str | None:
    """A hash of every rule file's name and bytes and of the vocabulary (None when one cannot be read)."""
    import hashlib

    h = hashlib.sha256()
    try:
        for path in [*files, rules_dir / VOCABULARY_FILE]:
            h.update(str(path).encode("utf-8") + b"\0")
            h.update(path.read_bytes() if path.exists() else b"")
            h.update(b"\0")
    except OSError:
        return None
    return h.hexdigest()


# Parsed rules and compilation plans live in one folder of the cache, named after the rules folder they come from.
_RULES_CACHE = "rules-v1"
_RULES_CACHE_FILES = 200  # the oldest files beyond this go (tests and experiments leave small ones behind)
_PLAN_VERSIONS = 2  # plans kept per rules folder and language (the current rules and the ones before)


def _rules_cache_file(kind: str, rules_dir: Path | None = None, digest: str | None = None) -> Path | None:
    import hashlib

    from .regex_cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    where = hashlib.sha256(str(Path(rules_dir or RULES_DIR).resolve()).encode("utf-8")).hexdigest()[:12]
    return folder / _RULES_CACHE / (f"{kind}-{where}" + (f"-{digest[:24]}" if digest else "") + ".json")


def _write_cache_file(path: Path, text: str) -> None:
    """Atomic write; then the rules cache folder is trimmed to its newest files. Errors are for the caller."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    files = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[:-_RULES_CACHE_FILES]:
        old.unlink(missing_ok=True)
    if path.name.startswith("plan-"):  # earlier versions of the same rules folder's plan: large, never read again
        same = [p for p in files if p.name.rsplit("-", 1)[0] == path.name.rsplit("-", 1)[0] and p != path]
        for old in same[:-(_PLAN_VERSIONS - 1) or None]:
            old.unlink(missing_ok=True)


def _touch(path: Path) -> None:
    import os

    try:
        os.utime(path)  # recently used: the last to be trimmed
    except OSError:
        pass


def _parsed_cache(files: Sequence[Path], rules_dir: Path, digest: str | None):
    """(raw rules, vocabulary) as parsed by an earlier run from exactly these files; None if there is none."""
    import json

    path = _rules_cache_file("parsed", rules_dir)
    if path is None or digest is None or not path.is_file():
        return None
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("digest") != digest:
            return None
        raw = [(Path(p), data) for p, data in stored["rules"]]
        vocabulary = {lang: dict(stored["vocabulary"].get(lang) or {}) for lang in LANGUAGES}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None
    if [p for p, _ in raw] != list(files):
        return None
    _touch(path)
    return raw, vocabulary


def _save_parsed_cache(rules_dir: Path, digest: str | None, raw, vocabulary) -> None:
    import json

    path = _rules_cache_file("parsed", rules_dir)
    if path is None or digest is None:
        return
    content = {"digest": digest, "rules": [[str(p), data] for p, data in raw], "vocabulary": vocabulary}
    try:
        text = json.dumps(content, ensure_ascii=False)
        if json.loads(text) != content:  # YAML gave something JSON cannot say exactly (dates, number keys): no cache
            return
        _write_cache_file(path, text)
    except (OSError, TypeError, ValueError):
        pass  # a read-only cache only costs start-up time


# --- clause-level prefilter: which gates a clause passes, all at once ---------------------------------------------
#
# Every distinct gate (a set of strings one of which must occur) gets one bit. For a clause, one regular-expression
# scan over a trie of every gate string of the language finds which strings occur, and the clause's mask (the bits
# of the gates it passes) follows from a table. A rule alternative is tried only when all its gates' bits are set;
# a cue's presence is tested only on those of its top-level alternatives whose gate passes. Gates are necessary
# conditions only, so results are exactly those of matching every pattern on every clause (tests check this).

_BITS: dict[frozenset[str], int] = {}
_STRINGS_OF_BIT: dict[int, tuple[str, ...]] = {}
_BITS_LOCK = threading.Lock()
ALL_GATES = -1  # a mask with every bit set: every alternative tried, every pattern searched whole (the reference)


def _gate_bit(gate: tuple[str, ...] | None) -> int:
    """The bit of one gate (0 for no gate: nothing to require)."""
    if not gate:
        return 0
    key = frozenset(gate)
    with _BITS_LOCK:
        bit = _BITS.get(key)
        if bit is None:
            bit = _BITS[key] = 1 << len(_BITS)
            _STRINGS_OF_BIT[bit] = tuple(gate)
    return bit


# Patterns whose alternatives cannot be tested one by one: back-references, conditionals, global inline flags.
_UNSPLITTABLE = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


# What matters to cutting a pattern at its top-level "|": escapes and sets (skipped whole), brackets, bars.
_STRUCTURE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\[|[()|]", re.DOTALL)


def _top_level(source: str) -> list[str] | None:
    """``source`` cut at its top-level ``|`` (None when its brackets do not balance: left whole)."""
    parts, depth, start = [], 0, 0
    for m in _STRUCTURE.finditer(source):
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth < 0:
                return None
        elif token == "|":
            if depth == 0:
                parts.append(source[start:m.start()])
                start = m.end()
        elif token == "[":
            return None  # a set that never closes
    if depth:
        return None
    parts.append(source[start:])
    return parts


def _unwrap(source: str) -> str | None:
    """The inside of a pattern that is one whole non-capturing or plain group, e.g. ``(?:a|b)``; else None."""
    if source.startswith("(?:"):
        inner = source[3:-1]
    elif source.startswith("(") and not source.startswith("(?"):
        inner = source[1:-1]
    else:
        return None
    if not source.endswith(")") or _top_level(inner) is None:
        return None  # the first group closes before the end: "(?:a)b(?:c)"
    return inner


def _branches_of(source: str, depth: int = 0) -> list[str]:
    """The alternatives of a pattern, nested whole groups opened: a match of ``source`` is a match of one of them."""
    parts = _top_level(source)
    if parts is None:
        return [source]
    if len(parts) == 1:
        inner = _unwrap(source) if depth < 20 else None
        return [source] if inner is None else _branches_of(inner, depth + 1)
    return [b for part in parts for b in _branches_of(part, depth + 1)]


def _split(rx: LazyPattern) -> None:
    """Set ``rx.branches``: its alternatives grouped by gate, so that a presence test skips the gated-out ones."""
    if rx.branches is not None or _UNSPLITTABLE.search(rx.pattern):
        return
    key = "parts:" + rx.pattern
    _GATES_USED.add(key)
    branches = _GATES.get(key)
    if branches is None:
        branches = _GATES[key] = tuple(_branches_of(rx.pattern))
    if len(branches) < 2:
        return
    by_gate: dict[int, list[str]] = {}
    for b in branches:
        probe = LazyPattern(b, rx.where)
        by_gate.setdefault(_gate_bit(literal_gate(probe)), []).append(b)
    if len(by_gate) < 2:
        return
    with _PATTERNS_LOCK:
        out = []
        for bit, sources in by_gate.items():
            source = "|".join(sources)
            lazy = _PATTERNS.get(source)
            if lazy is None:
                lazy = _PATTERNS[source] = LazyPattern(source, f"{rx.where} (part)")
            out.append((lazy, bit))
    rx.branches = tuple(out)


class GateIndex:
    """Which gates of one language's rules a clause passes, as a bit mask (one scan per clause)."""

    def __init__(self, gates: dict[int, tuple[str, ...]]) -> None:
        closure: dict[str, int] = {}
        for bit, strings in gates.items():
            for s in strings:
                closure[s] = closure.get(s, 0) | bit
        self._own = closure
        # the scan reports, at each position, the longest gate string starting there: add the bits of its prefixes
        # (worked out for the strings that turn up, on first sight)
        self._bits: dict[str, int] = {}
        self._scan = _regex_cache().compile("(?=(" + _trie_cached(closure) + "))") if closure else None

    def _prefix_bits(self, s: str) -> int:
        own = self._own
        bits = own[s]
        for k in range(1, len(s)):
            bits |= own.get(s[:k], 0)
        self._bits[s] = bits
        return bits

    def mask(self, spaced: str) -> int:
        """The bits of every gate one of whose strings occurs in ``spaced`` (folded, white space collapsed)."""
        if self._scan is None:
            return 0
        bits, table = 0, self._bits
        for s in set(self._scan.findall(spaced)):
            found = table.get(s)
            bits |= found if found is not None else self._prefix_bits(s)
        return bits


def _trie_cached(strings) -> str:
    """``_trie(strings)``, kept in the gate cache between runs (building it is a third of the rules' start-up)."""
    import hashlib

    key = "trie:" + hashlib.sha256("\0".join(sorted(strings)).encode("utf-8")).hexdigest()
    _GATES_USED.add(key)
    stored = _GATES.get(key)
    if stored and len(stored) == 1 and isinstance(stored[0], str):
        return stored[0]
    source = _trie(strings)
    _GATES[key] = (source,)
    return source


def _trie(strings) -> str:
    """A regular expression matching, at one position, the longest of ``strings`` that starts there."""
    root: dict = {}
    for s in strings:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = None

    def emit(node: dict) -> str:
        kids = sorted(k for k in node if k)
        if not kids:
            return ""
        alts = [re.escape(k) + emit(node[k]) for k in kids]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body  # greedy: the longer string first

    return emit(root)


def _per_lang(value: Any, lang: str) -> Any:
    """Values given per language ({en: ..., fr: ...}) or once for all languages."""
    if isinstance(value, dict) and set(value) <= set(LANGUAGES) | {"any"}:
        return value.get(lang, value.get("any"))
    return value


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def compile_rule(data: dict, path: Path, vocabulary: dict[str, dict[str, str]],
                 languages: Sequence[str] = LANGUAGES) -> dict[str, CompiledRule]:
    """The rule compiled once per language it covers (among ``languages``): {language: CompiledRule}."""
    out: dict[str, CompiledRule] = {}
    for lang in data.get("languages", LANGUAGES):
        if lang not in languages:
            continue
        vocab = vocabulary.get(lang, {})
        where = f"{path.name} [{lang}]"
        alts = []
        for i, alt in enumerate(_as_list((data.get("patterns") or {}).get(lang))):
            cues_spec = alt["all"] if isinstance(alt, dict) else {"cue": alt}
            cues = tuple((name, _compile(rx, vocab, f"{where} pattern {i} cue {name}"))
                         for name, rx in cues_spec.items())
            gates = tuple(literal_gate(rx) for _, rx in cues)
            for _, rx in cues:
                _split(rx)
            alts.append(Alternative(
                cues=cues,
                gates=gates,
                required=reduce(operator.or_, map(_gate_bit, gates), 0),
                by_cost=tuple(sorted(cues, key=lambda c: len(c[1].pattern))),
                within=alt.get("within") if isinstance(alt, dict) else None,
                ordered=bool(alt.get("ordered")) if isinstance(alt, dict) else False,
                none=tuple(_compile(rx, vocab, f"{where} pattern {i} none")
                           for rx in _as_list(alt.get("none") if isinstance(alt, dict) else None)),
                confidence=alt.get("confidence") if isinstance(alt, dict) else None,
            ))
        if not alts:
            continue
        neg = data.get("negation") or {}
        negator_rx = _per_lang(neg.get("negators"), lang)
        if negator_rx is None and neg.get("negators") is None and neg.get("use_default", True):
            negator_rx = "{{negator}}" if "negator" in vocab else None
        lowerings = tuple(
            Lowering(pattern=_compile(rx, vocab, f"{where} lower"), severity=low["severity"],
                     reason=_per_lang(low["reason"], lang))
            for low in _as_list(data.get("lower"))
            for rx in _as_list(_per_lang(low["when"], lang)))
        flags = tuple((name, _compile(rx, vocab, f"{where} evidence {name}"))
                      for name, spec in (data.get("evidence") or {}).items()
                      for rx in [_per_lang(spec, lang)] if rx)
        out[lang] = CompiledRule(
            id=data["id"], name=data["name"], path=str(path), confidence=float(data.get("confidence",
                                                                                   DEFAULT_CONFIDENCE)),
            alternatives=tuple(alts),
            unless=tuple(_compile(rx, vocab, f"{where} unless") for rx in _as_list(_per_lang(data.get("unless"),
                                                                                              lang))),
            negator=_compile(negator_rx, vocab, f"{where} negators") if negator_rx else None,
            negation_window=int(neg.get("window", DEFAULT_NEGATION_WINDOW)),
            negated_cues=frozenset(neg["cues"]) if neg.get("cues") is not None else None,
            negation_inside=bool(neg.get("inside", False)),
            highlight=frozenset(data["highlight"]) if data.get("highlight") else None,
            lowerings=lowerings, flags=flags,
        )
    return out


# --- matching ---------------------------------------------------------------------------------------------------

class _Words:
    """Word positions of one folded clause, to measure distances in words."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def between(self, start: int, end: int) -> int:
        return self.index(end) - self.index(start)


def _negated(rule: CompiledRule, folded: str, start: int, end: int) -> bool:
    """A negator among the few words before the cue (and, for rules that ask, inside it), within its scope."""
    window_start = max(0, start - 12 * rule.negation_window - 12)
    before = folded[window_start:start]
    breaks = list(_SCOPE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    words = list(_WORD.finditer(before))
    if len(words) > rule.negation_window:
        before = before[words[-rule.negation_window].start():]
    if rule.negation_inside:
        before += folded[start:end]
    return bool(rule.negator.search(before))


def _raw_matches(rx: LazyPattern, folded: str, memo: dict) -> list[tuple[int, int]]:
    """Every non-empty match of one pattern in the clause; shared by the rules that use the same pattern."""
    spans = memo.get(rx)
    if spans is None:
        spans = [m.span() for m in rx.finditer(folded) if m.end() > m.start()]
        memo[rx] = spans
    return spans


def _present(rx: LazyPattern, folded: str, memo: dict, mask: int | None = None) -> bool:
    """Whether the pattern matches the clause; with the clause's gate ``mask``, only its alternatives whose gate
    passes are searched (each part's answer is shared by every rule that uses it)."""
    spans = memo.get(rx)
    if spans is not None:
        return bool(spans)
    if mask is None or mask == ALL_GATES or rx.branches is None:
        found = rx.search(folded) is not None
    else:
        found = False
        for part, bit in rx.branches:
            if bit & mask != bit:
                continue
            key = (part,)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = part.search(folded) is not None
            if hit:
                found = True
                break
    if not found:
        memo[rx] = []
    return found


def _cue_matches(rule: CompiledRule, name: str, rx: LazyPattern, folded: str,
                 memo: dict) -> list[tuple[int, int]]:
    found = []
    for start, end in _raw_matches(rx, folded, memo):
        if rule.negator is not None and (rule.negated_cues is None or name in rule.negated_cues) \
                and _negated(rule, folded, start, end):
            continue
        found.append((start, end))
    return found


_MAX_COMBINATIONS = 512


def _match_alternative(rule: CompiledRule, alt: Alternative, folded: str, spaced: str,
                       words: list, memo: dict, mask: int | None = None) -> tuple[tuple[str, int, int], ...] | None:
    if mask is None:
        for gate in alt.gates:
            if gate is not None and not any(g in spaced for g in gate):
                return None
    elif alt.required & mask != alt.required:
        return None
    # Every cue must be present: test the cheapest patterns first, before collecting all matches.
    for _, rx in alt.by_cost:
        if not _present(rx, folded, memo, mask):
            return None
    per_cue = []
    for name, rx in alt.cues:
        spans = _cue_matches(rule, name, rx, folded, memo)
        if not spans:
            return None
        per_cue.append((name, spans))
    if any(rx.search(folded) for rx in alt.none):
        return None
    if alt.within is None and not alt.ordered:
        return tuple((name, *spans[0]) for name, spans in per_cue)
    if not words:
        words.append(_Words(folded))
    counter = 0
    best = None
    for combo in product(*(spans for _, spans in per_cue)):
        counter += 1
        if counter > _MAX_COMBINATIONS:
            break
        if alt.ordered and any(combo[i][0] < combo[i - 1][1] for i in range(1, len(combo))):
            continue
        lo = min(s for s, _ in combo)
        hi = max(e for _, e in combo)
        dist = words[0].between(lo, hi)
        if alt.within is not None and dist > alt.within:
            continue
        if best is None or dist < best[0]:
            best = (dist, combo)
    if best is None:
        return None
    return tuple((name, s, e) for (name, _), (s, e) in zip(per_cue, best[1]))


def match_rule(rule: CompiledRule, folded: str, spaced: str | None = None, memo: dict | None = None,
               mask: int | None = None) -> Hit | None:
    """Apply one compiled rule to a folded clause; the first alternative that matches wins.

    ``memo`` (one per clause) shares pattern matches between rules that use the same vocabulary. ``mask``: the
    clause's gate bits from ``GateIndex.mask`` (None: gates checked one by one; ``ALL_GATES``: no prefilter at all).
    """
    words: list = []
    spaced = " ".join(folded.split()) if spaced is None else spaced
    memo = {} if memo is None else memo
    for alt in rule.alternatives:
        matches = _match_alternative(rule, alt, folded, spaced, words, memo, mask)
        if matches is None:
            continue
        if any(rx.search(folded) for rx in rule.unless):
            return None
        severity = reason = None
        for low in rule.lowerings:
            if low.pattern.search(folded):
                severity, reason = low.severity, low.reason
                break
        evidence = {name: bool(rx.search(folded)) for name, rx in rule.flags}
        conf = alt.confidence if alt.confidence is not None else rule.confidence
        return Hit(rule=rule, confidence=float(conf), matches=matches, severity=severity, severity_reason=reason,
                   evidence=evidence)
    return None


# --- the detector -----------------------------------------------------------------------------------------------

class RuleDetector:
    """Text detector over the YAML rules (registry name ``rules``).

    ``load()`` reads every rule file (fast: the C YAML loader); the regular expressions of a language are compiled
    the first time a clause in that language is seen, so an English audit never pays for the French rules.
    """

    name = "rules"
    scores_every_id = False  # confidences of what fired only (classify takes them from decisions)
    runs_apart = True  # pure Python, no state shared with other detectors: classify may run it in a second process

    def __init__(self, rules_dir: str | Path | None = None, prefilter: bool = True) -> None:
        self.rules_dir = Path(rules_dir) if rules_dir else RULES_DIR
        # prefilter=False matches every pattern of every rule on every clause: the reference the fast path must equal
        self.prefilter = prefilter
        self._raw: list[tuple[Path, dict]] | None = None
        self._vocabulary: dict[str, dict[str, str]] = {}
        self._compiled: dict[str, tuple[CompiledRule, ...]] = {}
        self._index: dict[str, GateIndex] = {}
        self._plans: dict[str, tuple] = {}
        self._digest: str | None = None  # hash of the rule files, names the cached plans
        self._lock = threading.Lock()

    @property
    def label(self) -> str:
        """What ran, for reports: the rules and a hash of their files."""
        return f"rules@{self._digest[:12]}" if self._digest else "rules"

    def load(self) -> "RuleDetector":
        """Read every rule file once (compilation happens per language, on first use)."""
        if self._raw is not None:
            return self
        files = rule_files(self.rules_dir)
        if not files:
            raise ResourceError(f"no rule files found under {self.rules_dir}; the installation is incomplete")
        self._digest = _rules_digest(files, self.rules_dir)
        parsed = _parsed_cache(files, self.rules_dir, self._digest)
        if parsed is not None:
            self._raw, self._vocabulary = parsed
            return self
        raw = []
        for path in files:
            data = read_yaml(path)
            if not isinstance(data, dict) or not {"id", "name", "patterns"} <= set(data):
                raise ResourceError(f"{path}: not a rule (needs at least id, name and patterns)")
            raw.append((path, data))
        self._vocabulary = load_vocabulary(self.rules_dir)
        self._raw = raw
        _save_parsed_cache(self.rules_dir, self._digest, raw, self._vocabulary)
        return self

    def rules_for(self, language: str) -> tuple[CompiledRule, ...]:
        """The compiled rules of one language (compiled once, on first use)."""
        compiled = self._compiled.get(language)
        if compiled is not None:
            return compiled
        self.load()
        with self._lock:
            if language not in self._compiled:
                planned = _load_plan(self.rules_dir, language, self._digest)
                known = len(_GATES)
                _GATES_USED.clear()
                out = []
                for path, data in self._raw or ():
                    if language in data.get("languages", LANGUAGES):
                        out.extend(c for lang, c in compile_rule(data, path, self._vocabulary,
                                                                  languages=(language,)).items())
                self._index[language] = _index_of(out)
                self._compiled[language] = tuple(out)
                if not planned or len(_GATES) > known:
                    _save_plan(self.rules_dir, language, self._digest, set(_GATES_USED))
            return self._compiled[language]

    def _required(self, language: str) -> tuple[tuple[CompiledRule, tuple[int, ...]], ...]:
        """The rules of a language, each with its alternatives' gate bits."""
        plan = self._plans.get(language)
        if plan is None:
            plan = self._plans[language] = tuple((rule, tuple(alt.required for alt in rule.alternatives))
                                                 for rule in self.rules_for(language))
        return plan

    def mask(self, spaced: str, languages: Iterable[str]) -> int:
        """The clause's gate bits for the rules of ``languages`` (``ALL_GATES`` when prefiltering is off)."""
        if not self.prefilter:
            return ALL_GATES
        bits = 0
        for lang in languages:
            self.rules_for(lang)
            bits |= self._index[lang].mask(spaced)
        return bits

    def validate(self) -> "RuleDetector":
        """Compile every pattern of every language now (rules are otherwise compiled lazily): a broken rule raises
        ResourceError naming its file."""
        for rules in self.rules.values():
            for rule in rules:
                patterns = [rx for alt in rule.alternatives for _, rx in alt.cues] + \
                    [rx for alt in rule.alternatives for rx in alt.none] + list(rule.unless) + \
                    [low.pattern for low in rule.lowerings] + [rx for _, rx in rule.flags] + \
                    ([rule.negator] if rule.negator is not None else [])
                for rx in patterns:
                    rx.compiled()
        return self

    @property
    def rules(self) -> dict[str, tuple[CompiledRule, ...]]:
        """Every compiled rule, by language (compiles all languages)."""
        return {lang: self.rules_for(lang) for lang in LANGUAGES}

    def ids(self) -> frozenset[str]:
        return frozenset(data["id"] for _, data in (self.load()._raw or ()))

    def rule_gate(self, language: str) -> float | None:
        return None  # rules confirm nothing; the rights model confirms them (TextDetector.rule_gate)

    def hits(self, text: str, language: str) -> list[Hit]:
        """Every rule hit on one text, at most one per taxonomy id (the most confident)."""
        folded = fold(text)
        spaced = " ".join(folded.split())
        memo: dict = {}
        best: dict[str, Hit] = {}
        languages = tuple(_languages_for(language, folded))
        mask = self.mask(spaced, languages)
        for lang in languages:
            for rule, required in self._required(lang):
                if rule.id in best and best[rule.id].confidence >= rule.confidence:
                    continue
                for bits in required:  # skip the rule outright unless one alternative's gates all pass
                    if bits & mask == bits:
                        break
                else:
                    continue
                hit = match_rule(rule, folded, spaced, memo, mask)
                if hit is not None and (rule.id not in best or hit.confidence > best[rule.id].confidence):
                    best[rule.id] = hit
        return list(best.values())

    def detect(self, clauses: Sequence[Clause], language: str) -> list[list[Finding]]:
        out = []
        for clause in clauses:
            lang = clause.language if clause.language in LANGUAGES else language
            out.append([_finding(clause, hit) for hit in self.hits(clause.text, lang)])
        _save_regex_cache()
        return out

    def decisions(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        """Per clause, {id: confidence} of the findings ``detect`` would give (for ``classify``): the scores."""
        return self.scores(clauses, language)

    def scores(self, clauses: Sequence[Clause], language: str) -> list[dict[str, float]]:
        out = []
        for clause in clauses:
            lang = clause.language if clause.language in LANGUAGES else language
            out.append({hit.rule.id: hit.confidence for hit in self.hits(clause.text, lang)})
        _save_regex_cache()
        return out


def _index_of(rules: Iterable[CompiledRule]) -> GateIndex:
    """The gate index of a set of rules: the gates of their alternatives and of their cues' parts."""
    gates: dict[int, tuple[str, ...]] = {}
    for rule in rules:
        for alt in rule.alternatives:
            for gate in alt.gates:
                if gate:
                    gates[_gate_bit(gate)] = gate
            for _, rx in alt.cues:
                for _, bit in rx.branches or ():
                    if bit:
                        gates[bit] = _STRINGS_OF_BIT[bit]
    return GateIndex(gates)


_FUNCTION_WORDS = {
    "en": re.compile(r"\b(?:the|and|you|your|we|our|of|to|is|are|will|may|with|this|that|by|for)\b"),
    "fr": re.compile(r"\b(?:le|la|les|des|du|et|vous|votre|vos|nous|notre|est|sont|dans|pour|par|une|aux|qui)\b"),
}


# Both lists in one scan (they share no word, so each match counts for exactly one language).
_EITHER = re.compile("|".join(f"(?P<{lang}>{rx.pattern})" for lang, rx in _FUNCTION_WORDS.items()))


def guess_language(folded: str) -> str | None:
    """en or fr when the function words say so clearly (a French clause given to ``classify --lang en``)."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for m in _EITHER.finditer(folded):
        counts[m.lastgroup] += 1
    (best, n), (_, other) = sorted(counts.items(), key=lambda kv: -kv[1])
    return best if n >= 3 and n >= 2 * other + 1 else None


def _languages_for(language: str, folded: str = "") -> Iterable[str]:
    if language not in LANGUAGES:
        return LANGUAGES
    guessed = guess_language(folded) if folded else None
    return (language,) if guessed in (None, language) else (language, guessed)


def _finding(clause: Clause, hit: Hit) -> Finding:
    rule = hit.rule
    shown = [m for m in hit.matches if rule.highlight is None or m[0] in rule.highlight] or list(hit.matches)
    highlights = tuple(Span(clause.start + s, clause.start + e) for _, s, e in sorted(shown, key=lambda m: m[1]))
    evidence = {"matched": [clause.text[s:e] for _, s, e in sorted(hit.matches, key=lambda m: m[1])],
                "rule": rule.name, **hit.evidence}
    return Finding(id=rule.id, span=Span(clause.start, clause.end), text=clause.text, confidence=hit.confidence,
                   detector=rule.detector, clause_id=clause.id, highlights=highlights, evidence=evidence,
                   severity=hit.severity, severity_reason=hit.severity_reason)
