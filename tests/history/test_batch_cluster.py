"""Batches on a Dask cluster: a worker killed in the middle of a batch loses nothing, and every input is in the
results exactly once."""
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="cluster batches need the 'batch' extra")

from fineprint.batch import run_batch  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "cash-reward-rules.md").read_text(encoding="utf-8")


def make_docs(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):  # distinct inputs (different sources and contents)
        (folder / f"offer-{i:02d}.md").write_text(f"# Offer {i}\n\n" + EXAMPLE, encoding="utf-8")
    return folder


def test_killed_worker_inputs_are_retried_and_recorded_exactly_once(tmp_path):
    docs = make_docs(tmp_path / "docs", 16)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    out = tmp_path / "out"
    result = {}
    t = threading.Thread(target=lambda: result.update(
        summary=run_batch([str(docs)], out, scheduler=cluster.scheduler_address)))
    try:
        t.start()
        # wait until one audit is done (the batch is under way) and a worker holds audits not yet done; kill it
        victim = None
        deadline = time.monotonic() + 180
        while victim is None and time.monotonic() < deadline:
            done = len(list((out / ".status").glob("*.json"))) if (out / ".status").is_dir() else 0
            busy = [a for a, keys in client.processing().items() if any("fineprint-audit-" in str(k) for k in keys)]
            if done and busy:
                victim = busy[0]
            else:
                time.sleep(0.02)
        assert victim, "the batch never got under way"
        in_flight = len(client.processing()[victim])
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        t.join(300)
        assert not t.is_alive()
        assert in_flight >= 1
        assert victim not in client.scheduler_info()["workers"]  # it really died (the nanny started a new one)
    finally:
        client.close()
        cluster.close()
    summary = result["summary"]
    assert (summary.ok, summary.failed) == (16, 0)
    index = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = [r["source"] for r in index]
    assert sorted(sources) == sorted(str(p) for p in docs.iterdir()) and len(set(sources)) == 16
    for r in index:
        assert r["status"] == "ok" and r["worst"] == "high"
        assert json.loads((out / r["report"]).read_text(encoding="utf-8"))["document"]["source"] == r["source"]
    assert len(list(out.glob("*.json"))) == 16 and not list(out.glob("*.part"))


def test_cli_local_cluster_progress_summary_and_store(tmp_path):
    pytest.importorskip("sqlalchemy")
    docs = make_docs(tmp_path / "docs", 3)
    (docs / "empty.md").write_text("")
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", str(docs), "-o", str(tmp_path / "out"),
                        "--workers", "2", "--store", url], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr  # one input failed (empty): recorded, the batch went on
    assert "4 inputs in" in r.stderr and "on 2 Dask worker(s): 3 ok, 1 failed" in r.stderr
    assert "3 reports recorded in the results store" in r.stderr
    from fineprint.results import open_store

    with open_store(url) as store:
        assert store.count("versions") == 3
    stats = subprocess.run([sys.executable, "-m", "fineprint.cli", "stats", "--from", str(tmp_path / "out"),
                            "--format", "json"], capture_output=True, text=True, timeout=300)
    rows = {r["group"]: r for r in json.loads(stats.stdout)["rows"]}
    assert rows["rights.perpetual"]["documents"] == 3
