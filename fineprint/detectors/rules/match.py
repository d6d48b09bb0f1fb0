"""Matching: a clause folded once, then each rule's alternatives tried behind the prefilter's gate mask.

Matching runs on a folded copy of the clause with the SAME length as the original (lower case, accents removed,
typographic apostrophes/quotes/dashes and no-break spaces made plain), so offsets of matches are offsets into the
clause text and highlights point at the decisive words in ``Document.text``. English contractions ("aren't", "we'll")
are then written out (``expand_contractions``), and the offsets of matches mapped back to the original words.

An alternative fires when every one of its named cues matches, optionally within N words of each other and in order,
with no cue occurrence negated ("we never sell"; « ne … que » restricts and negates nothing) and none of the
alternative's or the rule's exclusions present.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Any, Iterable

from ...model import Clause, Finding, Span
from .compile import Alternative, CompiledRule, Pattern
from .load import LANGUAGES
from .prefilter import ALL_GATES

# Negation does not reach across these: "we do not sell your data; we share it" / "..., but we share it", nor past a
# comma that opens a new clause on its own subject ("Rewards are not guaranteed, and we reserve the right to adjust
# them", "if you don't pay, we can remove your account", « si vous ne payez pas, nous pouvons résilier »).
_SCOPE_BREAK = re.compile(r"[.;:!?()]|\b(?:but|however|except|although|whereas|mais|sauf|cependant|toutefois|"
                          r"neanmoins)\b|,\s*(?:(?:and|so|then|et|alors|puis)\s+)?(?=(?:we|you|they|nous|vous|ils|elles)\b)")
_WORD = re.compile(r"\w+")
# A leading conditional clause closed by a comma ("If you are not a paying subscriber, any changes will become
# effective …", "If you do not opt out, we will share …", « Si vous n'acceptez pas …, nous pourrons … »): its negation
# is the condition's, not the main clause's.
_CONDITION_CLOSED = re.compile(r"\b(?:if|when|whenever|unless|once|si|lorsque|quand)\b[^,;]*,")
# « ne » / « n' » as the only negators before a cue, and « que » / « qu' » within three words after it
_RESTRICTIVE_NE = re.compile(r"(?:(?:ne|n')\s*)+")
_RESTRICTIVE_QUE = re.compile(r"\W*(?:\w+\W+){0,3}?qu(?:e\b|')")


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule firing on one clause: offsets are relative to the clause text."""

    rule: CompiledRule
    confidence: float
    matches: tuple[tuple[str, int, int], ...]  # (cue, start, end)
    severity: str | None = None
    severity_reason: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict, hash=False)


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


# English contractions, written out before matching so that a rule's "we are not liable", "we will not" or "does not
# affect" also reads "we aren't liable", "we won't" and "doesn't affect" (plain-language terms such as Kraken's or
# Booking.com's are written with them). Only English words: French elisions (l', qu', n') are left alone.
_NEGATED = {w + "n": w for w in ("are", "is", "was", "were", "do", "does", "did", "has", "have", "had", "would",
                                  "could", "should", "must", "need", "might")}
_NEGATED.update({"won": "will", "can": "can", "shan": "shall"})
_SUBJECTS = frozenset(("we", "you", "they", "i", "it", "he", "she", "that", "there", "who"))
_TAIL = {"re": "are", "ll": "will", "ve": "have", "d": "would", "m": "am", "s": "is"}
_LAST_WORD = re.compile(r"(?<![\w'])\w+\Z")
_TAIL_WORD = re.compile(r"(t|re|ll|ve|d|m|s)(?!\w)")


def expand_contractions(folded: str) -> tuple[str, tuple[list[int], list[int]] | None]:
    """``folded`` with English contractions written out, and for each character of the result the offset in
    ``folded`` a match starting there starts at, and the offset a match ending there ends at (None when nothing
    changed: the offsets are the same). A match that starts or ends inside written-out words ("not" of "don't")
    covers the whole contraction in the original.

    Only the apostrophes are visited (a French clause has many, for « l' » and « d' », and none of them matches)."""
    pieces: list[str] = []
    back: list[int] = []
    back_end: list[int] = []
    last = 0
    i = folded.find("'")
    while i != -1:
        tail = _TAIL_WORD.match(folded, i + 1)
        head = _LAST_WORD.search(folded, max(0, i - 8), i) if tail else None
        written = None
        if head is not None:
            word, ending = head.group(0), tail.group(1)
            if ending == "t":
                base = _NEGATED.get(word)
                if base is not None:
                    written = "cannot" if base == "can" else base + " not"
            elif word in _SUBJECTS:
                written = word + " " + _TAIL[ending]
        if written is not None:
            start, stop = head.start(), tail.end()
            pieces.append(folded[last:start])
            back.extend(range(last, start))
            back_end.extend(range(last, start))
            pieces.append(written)
            back.extend([start] * len(written))
            back_end.extend([stop - 1] * len(written))
            last = stop
        i = folded.find("'", i + 1)
    if not pieces:
        return folded, None
    pieces.append(folded[last:])
    back.extend(range(last, len(folded)))
    back_end.extend(range(last, len(folded)))
    return "".join(pieces), (back, back_end)


# Letters that re.IGNORECASE equates with ASCII ones and that fold leaves as they are (İ, ı, ſ, the Kelvin sign; fold
# is shared with the French glossing), and capitals in case fold fell back: mapped before matching, so that a pattern
# compiled without re.IGNORECASE (compile.caseless_safe) finds exactly what it found with it. Gates still read the
# text as fold gives it.
_CASELESS = str.maketrans({**{chr(c): chr(c + 32) for c in range(0x41, 0x5B)},
                           "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_CAPITAL = re.compile("[A-Z]")


def caseless(folded: str) -> str:
    """``folded`` as the rules' patterns read it (same length): see ``_CASELESS``."""
    if folded.isascii() and not _CAPITAL.search(folded):
        return folded
    return folded.translate(_CASELESS)


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
    # searched in the clause, so that a break's look at the next word may see the cue's first word
    breaks = [m for m in _SCOPE_BREAK.finditer(folded, window_start, min(len(folded), start + 8)) if m.end() <= start]
    if breaks:
        before = folded[breaks[-1].end():start]
    closed = None
    for closed in _CONDITION_CLOSED.finditer(before):
        pass
    if closed is not None:
        before = before[closed.end():]
    words = list(_WORD.finditer(before))
    if len(words) > rule.negation_window:
        before = before[words[-rule.negation_window].start():]
    if rule.negation_inside:
        before += folded[start:end]
    found = rule.negator.search(before)
    if found and _RESTRICTIVE_NE.fullmatch(" ".join(m.group(0) for m in rule.negator.finditer(before))) \
            and _RESTRICTIVE_QUE.match(folded, end):
        # French « ne … que » restricts, it does not deny: « ne sont conservées que le temps nécessaire » keeps the
        # data, « nous ne partageons vos données qu'avec nos prestataires » shares them
        return False
    return bool(found)


def _raw_matches(rx: Pattern, folded: str, memo: dict, mask: int | None = None) -> list[tuple[int, int]]:
    """Every non-empty match of one pattern in the clause; shared by the rules that use the same pattern. With the
    clause's gate ``mask``, the pattern searched is made of the alternatives whose gates pass, in their order (the
    others cannot match anywhere in the clause: the matches are the same)."""
    spans = memo.get(rx)
    if spans is None:
        searched = _reduced(rx, mask) if rx.ordered and mask is not None and mask != ALL_GATES else rx
        spans = [m.span() for m in searched.finditer(folded) if m.end() > m.start()] if searched is not None else []
        memo[rx] = spans
    return spans


def _reduced(rx: Pattern, mask: int) -> Pattern | None:
    """``rx`` without the alternatives whose gates are not all in ``mask`` (None: no alternative left)."""
    key = 0
    for _, bit in rx.ordered:
        if bit & mask == bit:
            key |= bit
    found = rx.reduced.get(key)
    if found is None:
        kept = [source for source, bit in rx.ordered if bit & key == bit]
        if len(kept) == len(rx.ordered):
            found = rx
        elif not kept:
            return None
        else:
            found = Pattern("|".join(kept), f"{rx.where} (alternatives of the clause)")
        rx.reduced[key] = found
    return found


def _present(rx: Pattern, folded: str, memo: dict, mask: int | None = None) -> bool:
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


def _cue_matches(rule: CompiledRule, name: str, rx: Pattern, folded: str,
                 memo: dict, mask: int | None = None) -> list[tuple[int, int]]:
    found = []
    for start, end in _raw_matches(rx, folded, memo, mask):
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
        spans = _cue_matches(rule, name, rx, folded, memo, mask)
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
    Given ``spaced`` (the folded clause with single spaces, for the gates), ``folded`` must have been through
    ``caseless``; without, it is done here.
    """
    words: list = []
    if spaced is None:
        spaced = " ".join(folded.split())
        folded = caseless(folded)
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
