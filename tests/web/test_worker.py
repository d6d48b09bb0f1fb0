"""The analysis worker: a job past its time or memory limit is stopped, its worker replaced, and the next job
answered; bad input comes back as the same fineprint error."""
from __future__ import annotations

import os
import time

import pytest

from fineprint.errors import UnsupportedInputError
from fineprint.settings import Settings
from fineprint.web.worker import WorkerError, WorkerPool


@pytest.fixture(scope="module")
def small_pool():
    p = WorkerPool(1, timeout=2, memory_mb=600, warm=False)
    yield p
    p.close()


def test_a_job_past_its_time_limit_is_stopped_and_the_next_one_answered(small_pool):
    before = small_pool.restarts
    start = time.monotonic()
    with pytest.raises(WorkerError) as info:
        small_pool.run("sleep", seconds=30)
    assert info.value.reason == "timeout" and time.monotonic() - start < 10
    assert small_pool.restarts == before + 1
    assert small_pool.run("sleep", seconds=0) == 0


def test_a_job_past_its_memory_limit_is_stopped_and_the_next_one_answered(small_pool):
    with pytest.raises(WorkerError) as info:
        small_pool.run("allocate", mb=2000)
    assert info.value.reason == "memory"
    assert small_pool.run("allocate", mb=10) == 10 << 20


def test_bad_input_comes_back_as_the_fineprint_error(small_pool):
    with pytest.raises(UnsupportedInputError):
        small_pool.run("audit", data=b"\x00\x01\x02" * 50, name="x.bin", settings=Settings())
    assert small_pool.run("sleep", seconds=0) == 0  # the worker survived


def test_the_server_answers_while_an_analysis_runs_past_its_limit(pool):
    """One worker stuck on a slow analysis: the API still answers pages and other requests meanwhile."""
    import threading

    from fastapi.testclient import TestClient

    from fineprint.web.app import WebConfig, create_app

    slow = WorkerPool(1, timeout=3, warm=False)
    try:
        with TestClient(create_app(WebConfig(), pool=slow)) as c:
            outcome = {}
            t = threading.Thread(target=lambda: outcome.setdefault("e", _run(slow)))
            t.start()
            time.sleep(0.5)
            start = time.monotonic()
            assert c.get("/api/v1/taxonomy").status_code == 200
            assert c.get("/").status_code == 200
            assert time.monotonic() - start < 2
            t.join()
            assert outcome["e"] == "timeout"
    finally:
        slow.close()


def _run(p):
    try:
        p.run("sleep", seconds=30)
    except WorkerError as exc:
        return exc.reason


def test_a_worker_killed_past_its_limit_leaves_no_folder_behind():
    """Each worker works in an empty folder of its own; killing it (time limit, shutdown) removes that folder too."""
    p = WorkerPool(1, timeout=1, memory_mb=600, warm=False)
    try:
        first = p._idle.queue[0].folder
        assert os.path.isdir(first)
        with pytest.raises(WorkerError):
            p.run("sleep", seconds=30)
        assert not os.path.exists(first)
        second = p._idle.queue[0].folder
        assert p.run("sleep", seconds=0) == 0
    finally:
        p.close()
    assert not os.path.exists(second)
