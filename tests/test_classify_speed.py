"""What makes `classify` fast must not change what it says: scores rounded by numpy equal Python's ``round``."""
from __future__ import annotations

import re

import numpy as np
import pytest

from fineprint.detectors.rules import LANGUAGES, RuleDetector, rule_files
from fineprint.detectors.rules.compile import caseless_safe
from fineprint.detectors.rules.match import caseless, fold
from fineprint.detectors.rules.load import read_rules
from fineprint.pipeline import _rounded


def _rule_examples(lang):
    return [t for path in rule_files() for data in read_rules(path) for kind in ("flag", "ok")
            for t in ((data.get("examples") or {}).get(kind) or {}).get(lang) or []]


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


def test_a_second_process_only_when_about_two_cores_are_free(monkeypatch):
    import os

    from fineprint import pipeline

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(pipeline, "_running_elsewhere", lambda: 0)
    assert pipeline.default_jobs() == 2
    monkeypatch.setattr(pipeline, "_running_elsewhere", lambda: 1)  # one task caught running: still most of 2 cores
    assert pipeline.default_jobs() == 2
    monkeypatch.setattr(pipeline, "_running_elsewhere", lambda: 2)  # both cores busy: the two would share one
    assert pipeline.default_jobs() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.setattr(pipeline, "_running_elsewhere", lambda: 3.5)
    assert pipeline.default_jobs() == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(pipeline, "_running_elsewhere", lambda: 0)
    assert pipeline.default_jobs() == 1


def test_busy_means_running_now_not_the_last_minute(monkeypatch, tmp_path):
    """A quiet machine whose 1-minute average still counts the user's previous commands gets two processes."""
    import builtins
    import os

    from fineprint import pipeline

    real_open = builtins.open

    def fake_open(path, *a, **k):
        if path == "/proc/loadavg":
            f = tmp_path / "loadavg"
            f.write_text(fake_open.text)
            return real_open(f, *a, **k)
        return real_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    fake_open.text = "1.02 1.17 1.80 1/345 12345\n"  # only this process runs; the average remembers earlier runs
    assert pipeline._running_elsewhere() == 0 and pipeline.default_jobs() == 2
    fake_open.text = "1.02 1.17 1.80 3/345 12345\n"  # two other tasks are running now
    assert pipeline._running_elsewhere() == 2 and pipeline.default_jobs() == 1
    fake_open.text = "garbage\n"  # unreadable: the 1-minute average stands in
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert pipeline._running_elsewhere() == 0.2 and pipeline.default_jobs() == 2


@pytest.mark.parametrize("source, safe", [
    (r"\b(?:sell|rent)\w*\s+[a-z0-9_-]+\b", True), (r"[$£€]\s?\d", True), (r"[^\W\d_]+", True), (r"[-a-z]", True),
    (r"\bGDPR\b", False), (r"données", False), (r"(\w)\1", False), (r"(?P<w>x)(?P=w)", False), (r"(?i:x)", False),
    (r"(?a)\w", False), (r"\x41", False), (r"\N{LATIN SMALL LETTER A}", False), (r"[@-\\]", False),
    (r"[!-~]", False), (r"[\s-z]", False),
])
def test_patterns_compiled_without_ignorecase_are_only_those_it_cannot_change(source, safe):
    assert caseless_safe(source) is safe


def test_every_rule_pattern_finds_the_same_matches_as_with_ignorecase():
    """The shipped patterns, compiled as the engine compiles them, against re.IGNORECASE on the folded clause, on the
    rules' examples and on copies of them written in capitals and with the letters re equates with i, s and k."""
    detector = RuleDetector(use_cache=False).load()
    sources = {}
    for lang in LANGUAGES:
        for rule in detector.rules_for(lang):
            for rx in rule.patterns():
                sources[rx.pattern] = rx
                sources.update((part.pattern, part) for part, _ in rx.branches or ())
    examples = [t for lang in LANGUAGES for t in _rule_examples(lang)][::3]
    odd = str.maketrans({"i": "\u0131", "s": "\u017f", "k": "\u212a", "e": "E"})
    texts = examples + [t.upper() for t in examples[::4]] + [t.translate(odd) for t in examples[::4]] + \
        [t.replace("i", "\u0130") for t in examples[::5]]
    folded = [fold(t) for t in texts]
    matched = [caseless(f) for f in folded]
    assert sum(caseless_safe(s) for s in sources) > 0.95 * len(sources)
    found = 0
    for source, rx in sources.items():
        reference = re.compile(source, re.IGNORECASE)
        for f, m in zip(folded, matched):
            spans = [x.span() for x in rx.finditer(m)]
            assert spans == [x.span() for x in reference.finditer(f)], (rx.where, f)
            found += bool(spans)
    assert found > 1000
