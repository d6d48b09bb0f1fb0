"""What makes `classify` fast must not change what it says: scores rounded by numpy equal Python's ``round``, and a
pattern reduced clause by clause gives the same matches while compiling at most the whole pattern's source again."""
from __future__ import annotations

import itertools

import numpy as np

from fineprint.detectors.rules.compile import Pattern
from fineprint.detectors.rules.match import _reduced
from fineprint.pipeline import _rounded


def _python_rounded(scored):
    return [{k: round(float(v), 4) for k, v in sc.items()} for sc in scored]


def test_float32_probabilities_are_rounded_exactly_as_python_rounds_them():
    rng = np.random.default_rng(7)
    halfway = ((rng.integers(0, 10000, 20000) + 0.5) / 10000).astype(np.float32)  # the cases rounding can get wrong
    values = np.concatenate([rng.random(20000).astype(np.float32), halfway, np.nextafter(halfway, np.float32(1)),
                             np.nextafter(halfway, np.float32(0)), np.float32([0.0, 1.0, 0.00005, 0.99995])])
    scored = [dict(zip(("a", "b", "c", "d"), row)) for row in values.reshape(-1, 4).tolist()]
    assert _rounded(scored) == _python_rounded(scored)


def test_other_scores_are_rounded_by_round_itself():
    # float64 values that are no float32 value: numpy's x * 10**4 would be inexact (it rounds 5e-05 and 0.00025 down,
    # round() up), so round() rounds every value of the batch
    scored = [{"rights.data-sale": 0.9, "unfair.arbitration": 5e-05}, {"x": 0.00025, "y": 0.1 + 0.2}, {}]
    assert _rounded(scored) == _python_rounded(scored)
    assert _rounded([]) == []
    assert _rounded([{}, {}]) == [{}, {}]


def _whole(parts: list[str]) -> Pattern:
    rx = Pattern("|".join(parts), "test")
    rx.ordered = tuple((source, 1 << i) for i, source in enumerate(parts))
    return rx


def test_reduced_patterns_match_as_the_whole_and_compile_at_most_its_source_again():
    words = ("sell", "rent", "lease", "trade", "barter", "monetis", "share", "transfer")
    rx = _whole([rf"\b{w}\w*" for w in words])
    for chosen in itertools.chain.from_iterable(itertools.combinations(range(len(words)), n) for n in range(1, 4)):
        # a clause whose words pass the gates of the chosen alternatives only: the others cannot match in it
        text = " and ".join(f"we {words[i]}ing it, {words[i]}" for i in chosen) + ", nothing else"
        got = _reduced(rx, sum(1 << i for i in chosen))
        assert [m.span() for m in got.finditer(text)] == [m.span() for m in rx.finditer(text)] != []
    assert _reduced(rx, 0) is None
    variants = {id(p): p for p in rx.reduced.values() if p is not None and p is not rx}.values()
    assert sum(len(p.pattern) for p in variants) <= len(rx.pattern)
    assert any(p is rx for p in rx.reduced.values())  # the whole pattern took over once variants cost too much
