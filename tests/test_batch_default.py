"""`fineprint batch` by default: a local Dask cluster for batches worth it, this process for small ones; the
per-document budgets hold on the cluster, and an audit process that dies in the middle of a document costs nothing.

The cluster runs in subprocesses (the CLI): dask.distributed leaves threads in the process that used it, and other
tests need a single-threaded process."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile_inputs as hostile
from fineprint import batch, batch_cluster

needs_cluster = pytest.mark.skipif(importlib.util.find_spec("distributed") is None or batch_cluster.cores() < 2,
                                   reason="the local cluster needs the 'batch' extra (dask.distributed) and 2 CPUs")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "cash-reward-rules.md").read_text(encoding="utf-8")


def rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def test_auto_starts_the_cluster_only_where_it_pays(monkeypatch):
    monkeypatch.setattr(batch_cluster, "cores", lambda: 2)
    cluster = "local" if importlib.util.find_spec("distributed") else "sync"
    assert batch.auto_scheduler(3, None) == "sync"
    assert batch.auto_scheduler(batch.CLUSTER_FROM - 1, None) == "sync"
    assert batch.auto_scheduler(batch.CLUSTER_FROM, None) == cluster
    assert batch.auto_scheduler(3, 2) == cluster  # workers asked for: a cluster whatever the size
    assert batch.auto_scheduler(3, 1) == "sync" and batch.auto_scheduler(1, 4) == "sync"
    monkeypatch.setattr(batch_cluster, "cores", lambda: 1)
    assert batch.auto_scheduler(1000, None) == "sync"  # one core: workers would only add their overhead


def test_a_small_batch_runs_in_this_process(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"offer-{i}.md").write_text(f"# Offer {i}\n\n" + EXAMPLE, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", str(docs), "-o", str(tmp_path / "out")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "3 audited" in r.stderr and "Dask worker" not in r.stderr  # no cluster started for 3 documents
    assert [x["status"] for x in rows(tmp_path / "out")] == ["ok"] * 3


@needs_cluster
def test_budgets_hold_on_the_default_cluster(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-heavy.txt").write_text(hostile.SENTENCE * 40000, encoding="utf-8")
    for i in range(3):
        (docs / f"b-offer-{i}.md").write_text(f"# Offer {i}\n\n" + EXAMPLE, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", str(docs), "-o", str(tmp_path / "out"),
                        "--workers", "2", "--time-budget", "4"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr
    assert "on 2 Dask worker(s): 3 ok, 1 failed" in r.stderr and "Traceback" not in r.stderr
    by_name = {Path(x["source"]).name: x for x in rows(tmp_path / "out")}
    assert by_name["a-heavy.txt"]["status"] == "error" and "--time-budget" in by_name["a-heavy.txt"]["error"]
    assert all(by_name[f"b-offer-{i}.md"]["status"] == "ok" for i in range(3))


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    kids = {int(x) for x in fh.read().split()} - found
                    found |= kids
                    todo.extend(kids)
        except OSError:
            continue
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _ppid(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


@needs_cluster
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_an_audit_process_killed_mid_document_loses_nothing(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(6):
        (docs / f"d{i}.txt").write_text((hostile.SENTENCE + f"{i} ") * 3000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "fineprint.cli", "batch", str(docs), "-o", str(tmp_path / "out"),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        for pid in _descendants(proc.pid):  # an audit process with a budgeted child: in the middle of a document
            if ("fineprint.batch_worker" in _cmdline(pid) and "fineprint.batch_worker" not in _cmdline(_ppid(pid))
                    and _descendants(pid)):
                victim = pid
                break
        else:
            time.sleep(0.05)
    assert victim is not None, "no audit process was seen auditing"
    os.kill(victim, signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    index = rows(tmp_path / "out")
    assert sorted(Path(x["source"]).name for x in index) == [f"d{i}.txt" for i in range(6)]
    assert all(x["status"] == "ok" for x in index)
    assert len(list((tmp_path / "out").glob("*.json"))) == 6


AUDIT_PROCESS_SCRIPT = """
import json, sys
from pathlib import Path
from fineprint import batch_worker as bw
from fineprint.batch import _audit_and_record as task
from fineprint.settings import Settings
docs, out = Path(sys.argv[1]), Path(sys.argv[2])
(out / ".status").mkdir(parents=True)
settings = Settings(detectors=("rules",))
first = bw.audit_on_worker(str(docs / "offer-0.md"), task, str(out), "json", settings)
second = bw.audit_on_worker(str(docs / "offer-1.md"), task, str(out), "json", settings)
started = len(bw._ALL)
bw.close_all()
sys.executable = "/bin/false"  # an interpreter that cannot run fineprint: audit processes never get ready
third = bw.audit_on_worker(str(docs / "offer-2.md"), task, str(out), "json", settings)
print(json.dumps({"records": [first, second, third], "started": started, "broken": bool(bw._BROKEN)}))
"""


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="needs the 'batch' extra")
def test_audit_processes_are_reused_and_the_worker_audits_itself_if_none_can_start(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"offer-{i}.md").write_text(f"# Offer {i}\n\n" + EXAMPLE, encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", AUDIT_PROCESS_SCRIPT, str(docs), str(tmp_path / "out")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["started"] == 1  # one audit process served both documents (models loaded once)
    assert got["broken"]  # the third found no audit process able to start ...
    assert [x["status"] for x in got["records"]] == ["ok"] * 3  # ... and was audited all the same
    assert all(x["worst"] == "high" for x in got["records"])
    assert len(list((tmp_path / "out").glob("*.json"))) == 3
