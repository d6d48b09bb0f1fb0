"""The prefilter: literal strings a pattern cannot match without, and one scan per clause for all of them.

A *gate* is a set of strings at least one of which occurs (white space collapsed to single spaces) in any text a
pattern matches. Gates are read off the pattern's source by a small analyser of the regular-expression syntax the
rules use (literals, escapes, small character sets, groups, alternation, quantifiers, look-arounds); anything it does
not model counts as "could be anything", so a gate is always a necessary condition and the prefilter never changes
what matches (tests check the fast path against matching every pattern on every clause).

Every distinct gate of a rule set gets one bit. For a clause, one Aho-Corasick scan (pyahocorasick) over every gate
string finds which occur, and the clause's mask is the OR of their bits. A rule alternative is tried only when all
its gates' bits are set; a cue's presence is tested only on those of its top-level alternatives whose gate passes.
"""
from __future__ import annotations

import re

GATE_LIMIT = 256  # most strings a gate may hold
MIN_GATE = 3  # shortest useful gate string (white space aside)
ALL_GATES = -1  # a mask with every bit set: every alternative tried, every pattern searched whole (the reference)

# One token of regular-expression source: an escape, a character set, a group opening, or one character.
_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?(?:P<\w+>|<[=!]|[:=!])|\(\?|\{\d*(?:,\d*)?\}|.", re.DOTALL)
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("dDsSwW")
_QUANTIFIER = re.compile(r"[?*+]|\{\d*(?:,\d*)?\}")


class _Unknown(Exception):
    """A construct the analyser does not model (no gate is derived from the pattern)."""


def _score(strings: set[str] | None) -> int:
    return min((len(x.strip()) for x in strings), default=0) if strings else 0


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if _score(b) > _score(a) or (_score(b) == _score(a) and b and a and len(b) < len(a)):
        return b
    return a


class _Parser:
    """Recursive descent over the tokens of one pattern, yielding (full, needed) like a literal-set algebra:
    ``full`` every string the piece can match (None: not a small finite set), ``needed`` the best set of strings
    one of which must occur in any match (None: unknown)."""

    def __init__(self, source: str) -> None:
        self.tokens = _TOKEN.findall(source)
        self.i = 0

    def parse(self):
        result = self.alternation()
        if self.i != len(self.tokens):
            raise _Unknown("unbalanced )")
        return result

    def alternation(self):
        branches = [self.sequence()]
        while self.i < len(self.tokens) and self.tokens[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        full = None if any(f is None for f, _ in branches) else set().union(*(f for f, _ in branches))
        if full is not None and len(full) > GATE_LIMIT:
            full = None
        chosen = [_better(f, n) for f, n in branches]
        needed = None if any(_score(x) == 0 for x in chosen) else set().union(*chosen)
        if needed is not None and len(needed) > GATE_LIMIT:
            needed = None
        return full, needed

    def sequence(self):
        run: set[str] = {""}
        whole = True
        best: set[str] | None = None
        tokens = self.tokens
        while self.i < len(tokens) and tokens[self.i] not in ("|", ")"):
            atom = self.atom()
            quant = tokens[self.i] if self.i < len(tokens) and _QUANTIFIER.fullmatch(tokens[self.i]) else None
            if quant is not None:
                self.i += 1
                if self.i < len(tokens) and tokens[self.i] in ("?", "+"):  # lazy or possessive
                    self.i += 1
            if atom == "zero":
                if quant is not None and quant not in ("?", "*") and not quant.startswith("{0"):
                    pass  # a repeated assertion is still zero-width
                continue
            if atom is _SPACE:  # \s+ is one space in the gated text (white space collapsed); a lone \s is not
                atom = ({" "}, None) if quant is not None and _least(quant) >= 1 else (None, None)
                quant = None
            full, needed = atom
            if quant is not None:
                if _least(quant) == 0:
                    full, needed = None, None
                else:
                    full, needed = None, _better(full, needed)
            if full is not None and len(run) * len(full) <= GATE_LIMIT:
                run = {p + q for p in run for q in full}
                continue
            whole = False
            best = _better(_better(best, run), needed if needed is not None else full)
            run = {""}
        best = _better(best, run)
        return (run if whole else None), best

    def atom(self):
        token = self.tokens[self.i]
        self.i += 1
        if token in ("(", "(?:") or token.startswith("(?P<"):
            inner = self.alternation()
            self._close()
            return inner
        if token in ("(?=", "(?!", "(?<=", "(?<!"):
            self.alternation()
            self._close()
            return "zero"
        if token == "(?":
            raise _Unknown("inline flags or conditional")
        if token in ("^", "$"):
            return "zero"
        if token == ".":
            return None, None
        if token.startswith("\\"):
            ch = token[1]
            if ch in _ZERO_WIDTH_ESCAPES:
                return "zero"
            if ch == "s":
                return _SPACE
            if ch in _CLASS_ESCAPES:
                return None, None
            if ch.isalnum():
                raise _Unknown(f"escape {token}")  # \1, \g, \u..., \x..., \n: not modelled
            return {ch.lower()}, None
        if token.startswith("["):
            return _char_set(token), None
        if token in ("*", "+", "?", ")") or _QUANTIFIER.fullmatch(token):
            raise _Unknown(f"unexpected {token}")
        return {token.lower()}, None

    def _close(self) -> None:
        if self.i >= len(self.tokens) or self.tokens[self.i] != ")":
            raise _Unknown("unclosed group")
        self.i += 1


_SPACE = object()  # the atom \s (see sequence())


def _least(quant: str) -> int:
    if quant in ("*", "?"):
        return 0
    if quant == "+":
        return 1
    low = quant[1:-1].split(",")[0]
    return int(low) if low else 0


def _char_set(token: str) -> set[str] | None:
    """The characters of a small set of plain characters (``[ '’]``); None for ranges, classes and negation."""
    body = token[1:-1]
    if body.startswith("^"):
        return None
    chars: set[str] = set()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if i + 1 >= len(body) or body[i + 1].isalnum():
                return None
            ch = body[i + 1]
            i += 1
        elif ch == "-" and 0 < i < len(body) - 1:
            return None  # a range
        chars.add(ch.lower())
        i += 1
    return chars if 0 < len(chars) <= 4 else None


def literal_gate(source: str, min_length: int = MIN_GATE) -> tuple[str, ...] | None:
    """Strings of which at least one occurs (white space collapsed) in any text ``source`` matches; None: unknown."""
    try:
        full, needed = _Parser(source).parse()
    except (_Unknown, IndexError, ValueError):
        return None
    best = _better(needed, full)
    if _score(best) < min_length:
        return None
    minimal: list[str] = []
    for p in sorted(best, key=len):
        if not any(m in p for m in minimal):
            minimal.append(p)
    return tuple(minimal)


# --- cutting a pattern into its top-level alternatives (each may then get its own gate) ---------------------------

# Patterns whose alternatives cannot be tested one by one: back-references, conditionals, global inline flags.
_UNSPLITTABLE = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")
# What matters to cutting a pattern at its top-level "|": escapes and sets (skipped whole), brackets, bars.
_STRUCTURE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\[|[()|]", re.DOTALL)


def top_level(source: str) -> list[str] | None:
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
    if not source.endswith(")") or top_level(inner) is None:
        return None  # the first group closes before the end: "(?:a)b(?:c)"
    return inner


def branches_of(source: str, depth: int = 0) -> list[str]:
    """The alternatives of a pattern, nested whole groups opened: a match of ``source`` is a match of one of them."""
    if depth == 0 and _UNSPLITTABLE.search(source):
        return [source]
    parts = top_level(source)
    if parts is None:
        return [source]
    if len(parts) == 1:
        inner = _unwrap(source) if depth < 20 else None
        return [source] if inner is None else branches_of(inner, depth + 1)
    return [b for part in parts for b in branches_of(part, depth + 1)]


class GateIndex:
    """Which gates of one rule set a clause passes, as a bit mask: one Aho-Corasick scan per clause."""

    def __init__(self, gates: dict[int, tuple[str, ...]]) -> None:
        import ahocorasick

        bits_of: dict[str, int] = {}
        for bit, strings in gates.items():
            for s in strings:
                bits_of[s] = bits_of.get(s, 0) | bit
        self._automaton = None
        if bits_of:
            automaton = ahocorasick.Automaton()
            for s, bits in bits_of.items():
                automaton.add_word(s, bits)
            automaton.make_automaton()
            self._automaton = automaton

    def mask(self, spaced: str) -> int:
        """The bits of every gate one of whose strings occurs in ``spaced`` (folded, white space collapsed)."""
        if self._automaton is None:
            return 0
        bits = 0
        for _, found in self._automaton.iter(spaced):
            bits |= found
        return bits
