"""What a model's finding shows as its evidence: the decisive words, as the reader's own words, and where they are.

A linear model's evidence is the word n-grams that pushed hardest towards the label (``LinearModel.decisive_terms``).
Shown as they come they can say nothing ("[[7]] jours", "[[pourra]]"), start or end on an article ("[[stored and]]"),
or, for French, be English words of the gloss found nowhere in the clause. This module makes them readable and
finds them in the clause.
"""
from __future__ import annotations

import re
from typing import Sequence

from ...model import Clause, Span
from .features import WORD_RE

# Words that say nothing to a reader when highlighted alone: « conformément [[à l]]'article », « [[7]] jours ». A term
# made only of these (or of digits, or of one- and two-letter pieces) still weighs in the model, it is just not shown.
_FUNCTION_WORDS = frozenset("""
the a an of to in on at by for from with and or as is are be been was were it its this that these those which who
your our you we us their they any all such other
le la les l un une des de du d et ou à au aux en dans par pour sur avec ce cet cette ces qui que qu se sa son ses
leur leurs vous nous votre vos notre nos est sont être il elle ils elles y ne pas
may can will shall would could should might must has have had do does
peut peuvent pourra pourront pourrait pourraient doit doivent devra devront sera seront serait ont
not no nor if there once whether when where while then than out via also only anything something
afin non si lorsque lorsqu où dont ainsi aussi également uniquement notamment cas via
""".split())  # modal and auxiliary verbs too: « JENNYFER [[pourra]] … [[annuler]] » showed "pourra" as a reason;
# adverbs and conjunctions: "[[Once]]", "[[If there are]]", "[[whether]]", « [[Afin]] », « [[non]] », « [[également]] »
# were highlighted as reasons in session 39's reads


# Articles, prepositions and conjunctions: at a term's ends they add nothing to the highlight (pronouns stay: "we may
# retain" says who)
_EDGE_WORDS = frozenset("""
the a an of to in on at by for from with and or as
le la les l un une des de du d et ou à au aux en dans par pour sur avec
""".split())


def _trimmed(gram: str) -> str:
    """The term without the function words at its ends ("[[stored and]] processed" -> "[[stored]] and processed",
    "acquisition [[of corporate]] entities" -> "of [[corporate]]"): what is highlighted reads as the reason."""
    words = gram.split()
    while len(words) > 1 and words[-1] in _EDGE_WORDS:
        words.pop()
    while len(words) > 1 and words[0] in _EDGE_WORDS:
        words.pop(0)
    return " ".join(words)


def _telling(gram: str) -> bool:
    """A decisive term worth highlighting: at least one word that is not a function word, a digit or a fragment."""
    return any(len(w) > 2 and not w.isdigit() and w not in _FUNCTION_WORDS for w in gram.split())


def _locate(clause: Clause, terms: Sequence[str]) -> list[Span]:
    """Absolute spans of the decisive terms in the clause (case-insensitive, whole words, any punctuation or
    spacing between the words). A plain scan, no regex: there may be thousands of findings in a batch."""
    spans = []
    lower = clause.text.lower()
    starts = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(lower)]
    for term in terms:
        want = term.split()
        n = len(want)
        for i in range(len(starts) - n + 1):
            if starts[i][2] == want[0] and all(starts[i + k][2] == want[k] for k in range(1, n)):
                end = starts[i + n - 1][1]
                tail = _CONTRACTION_TAIL.match(lower, end)  # "don" of "don't": the highlight takes the whole word
                spans.append(Span(clause.start + starts[i][0], clause.start + (tail.end() if tail else end)))
                break
    return sorted(spans, key=lambda s: s.start)


def _french_terms(clause: Clause, terms: Sequence[str], lexicon: str = "") -> tuple[list[str], list[Span]]:
    """A French clause's decisive terms as the reader's own words, with their spans. A model reads French twice (its
    words and their English gloss); a term learnt from the gloss ("these third parties") is shown as the French words
    it glosses (« ces tiers »), which are then highlighted, instead of an English phrase found nowhere in the text
    (Qobuz: « [[politiques]] » was highlighted alone, the decisive « ces tiers » not at all)."""
    from .french import DEFAULT_LEXICON, gloss_sources

    out: list[str] = []
    spans: list[Span] = []
    glossed = None
    for term in terms:
        found = _locate(clause, [term])
        if found:  # the model's own French words, shown as the text has them ("états-unis", "l'utilisateur")
            span = found[0]
            shown = " ".join(clause.text[span.start - clause.start:span.end - clause.start].lower().split())
        else:
            if glossed is None:
                glossed = gloss_sources(clause.text, lexicon or DEFAULT_LEXICON)
            want = term.split()
            n = len(want)
            at = next((k for k in range(len(glossed) - n + 1)
                       if all(glossed[k + q][0] == want[q] for q in range(n))), None)
            if at is None:
                if term not in out:
                    out.append(term)  # not in the text at all (an address token): kept as evidence, not highlighted
                continue
            a, b = glossed[at][1], glossed[at + n - 1][2]
            shown = " ".join(clause.text[a:b].lower().split())
            span = Span(clause.start + a, clause.start + b)
        if any(shown in o for o in out) or any(s.start == span.start and s.end == span.end for s in spans):
            continue
        out = [o for o in out if o not in shown]  # a longer phrase takes the place of a word it contains
        spans = [s for s in spans if not (span.start <= s.start and s.end <= span.end)]
        out.append(shown)
        spans.append(span)
    return out, spans


_CONTRACTION_TAIL = re.compile(r"['’](?:t|s|re|ll|ve|d|m)\b")
