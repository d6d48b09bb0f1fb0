"""Batches on a Dask cluster: a worker killed in the middle of a batch loses nothing, and every input is in the
results exactly once."""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

# not imported here: dask.distributed leaves a thread pool in the process that used it (tests/test_forked.py needs a
# single-threaded process), so the cluster runs in subprocesses
if importlib.util.find_spec("distributed") is None:
    pytest.skip("cluster batches need the 'batch' extra (dask.distributed)", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "examples" / "cash-reward-rules.md").read_text(encoding="utf-8")


def make_docs(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):  # distinct inputs (different sources and contents)
        (folder / f"offer-{i:02d}.md").write_text(f"# Offer {i}\n\n" + EXAMPLE, encoding="utf-8")
    return folder


def test_killed_worker_inputs_are_retried_and_recorded_exactly_once(tmp_path):
    docs = make_docs(tmp_path / "docs", 16)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, str(Path(__file__).with_name("kill_worker_batch.py")), str(docs), str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    info = json.loads(r.stdout.strip().splitlines()[-1])
    assert info["in_flight"] >= 1  # the killed worker held audits not yet done
    assert info["finished"] and info["victim_gone"]  # it really died (the nanny started a new one)
    assert (info["ok"], info["failed"]) == (16, 0)
    index = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = [r["source"] for r in index]
    assert sorted(sources) == sorted(str(p) for p in docs.iterdir()) and len(set(sources)) == 16
    for r in index:
        assert r["status"] == "ok" and r["worst"] == "high"
        assert json.loads((out / r["report"]).read_text(encoding="utf-8"))["document"]["source"] == r["source"]
    assert len(list(out.glob("*.json"))) == 16 and not list(out.glob("*.part"))


def test_an_input_that_kills_every_worker_is_an_error_and_the_batch_goes_on(tmp_path):
    docs = make_docs(tmp_path / "docs", 6)
    out = tmp_path / "out"
    poison = str(docs / "offer-03.md")
    r = subprocess.run([sys.executable, str(Path(__file__).with_name("kill_worker_batch.py")), str(docs), str(out),
                        "--poison", poison], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == {"ok": 5, "failed": 1}
    index = {x["source"]: x for x in map(json.loads, (out / "index.jsonl").read_text(encoding="utf-8").splitlines())}
    assert len(index) == 6 and index[poison]["status"] == "error"
    assert "a worker died each time it audited this input" in index[poison]["error"]
    assert all(x["status"] == "ok" for s, x in index.items() if s != poison)


def test_cli_local_cluster_progress_summary_and_store(tmp_path):
    pytest.importorskip("sqlalchemy")
    docs = make_docs(tmp_path / "docs", 3)
    (docs / "empty.md").write_text("")
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", str(docs), "-o", str(tmp_path / "out"),
                        "--workers", "2", "--scheduler", "local", "--store", url], capture_output=True, text=True, timeout=300)
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
