"""What makes `classify` fast must not change what it says: scores rounded by numpy equal Python's ``round``."""
from __future__ import annotations

import numpy as np

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


def test_a_second_process_only_when_about_two_cores_are_free(monkeypatch):
    import os

    from fineprint import pipeline

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert pipeline.default_jobs() == 2
    monkeypatch.setattr(os, "getloadavg", lambda: (1.0, 1.0, 1.0))  # one core busy: both processes would share one
    assert pipeline.default_jobs() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (3.5, 3.5, 3.5))
    assert pipeline.default_jobs() == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert pipeline.default_jobs() == 1
