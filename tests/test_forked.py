"""classify's second process (fineprint/forked.py): same answers as one process, and any failure falls back."""
from __future__ import annotations

import os
import threading

import pytest

from fineprint import forked, pipeline
from fineprint.pipeline import PARALLEL_MIN_CLAUSES, classify

needs_fork = pytest.mark.skipif(not forked.available(), reason="no second core, not Linux, or threads running")


@needs_fork
def test_the_value_is_computed_in_another_process():
    job = forked.Background(os.getpid)
    assert job._pid is not None
    assert job.result() != os.getpid()


@needs_fork
def test_a_failing_child_is_replaced_by_the_parent():
    calls = []

    def flaky():
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            raise RuntimeError("boom")  # only in the child (its list is a copy)
        return "ok"

    parent = os.getpid()
    assert forked.Background(flaky).result() == "ok"
    assert calls == [parent]  # the parent recomputed it


@needs_fork
def test_a_child_that_dies_is_replaced_by_the_parent():
    parent = os.getpid()

    def dies():
        if os.getpid() != parent:
            os._exit(9)
        return 42

    assert forked.Background(dies).result() == 42


def test_disabled_by_environment_or_threads(monkeypatch):
    monkeypatch.setenv("FINEPRINT_PARALLEL", "0")
    assert not forked.available()
    job = forked.Background(os.getpid)
    assert job._pid is None and job.result() == os.getpid()
    monkeypatch.delenv("FINEPRINT_PARALLEL")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not forked.available()  # a lock held by that thread could never be released in a child
    finally:
        stop.set()
        worker.join()


def test_classify_gives_the_same_predictions_in_one_or_two_processes(monkeypatch):
    texts = ["You agree that any dispute shall be resolved by binding arbitration in New York.",
             "We may terminate your account at any time without notice.",
             "We sell your personal information to advertisers.",
             "By using the service you accept these terms.",
             "The weather is nice today."] * (PARALLEL_MIN_CLAUSES // 5 + 1)
    texts = [f"{t} ({i})" for i, t in enumerate(texts)]
    monkeypatch.setenv("FINEPRINT_PARALLEL", "0")
    one = classify(texts, "en")
    monkeypatch.setenv("FINEPRINT_PARALLEL", "1")
    monkeypatch.setattr(pipeline, "_RAN_APART", set())  # as in a fresh process: its first batch may go apart
    started = []
    monkeypatch.setattr(forked.Background, "__init__", _recording(forked.Background.__init__, started))
    two = classify(texts, "en")
    assert one == two
    assert any("rights.data-sale" in p.labels for p in two) and any("unfair.arbitration" in p.labels for p in two)
    assert len(started) == 1 and pipeline._RAN_APART == {"rules"}
    again = classify(texts, "en")  # a later batch of the same process: everything here
    assert again == one and len(started) == 1


def _recording(init, started):
    def wrapped(self, fn):
        started.append(fn)
        init(self, fn)
    return wrapped
