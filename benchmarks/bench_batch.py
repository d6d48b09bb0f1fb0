#!/usr/bin/env python3
"""Batch throughput on Dask and results-store insert rate.

    python benchmarks/bench_batch.py [--limit N] [--repeat R] [--no-store] [--no-write]

Corpus: the first N English Open Terms Archive documents of 2-300 KB (../shared/corpora/ota-en, read in place), the
same for every run. Measures:
- documents/s sequentially (``--scheduler sync``: one process, models loaded before the clock starts, a forked
  budgeted child per document) and on a local Dask cluster (``fineprint.batch_cluster.local_cluster``, what
  ``fineprint batch`` starts) of 1 and of 2 workers, each warmed with one audit per worker before the clock starts;
  the speed-up from 1 to 2 workers. The three runs alternate, ``R`` rounds, each in a fresh process / cluster (an
  idle cluster left running would take CPU from the others); every round is reported, and the best one kept;
- where the CPU goes, per document: in the audit processes and their budgeted children (the audits), in the Dask
  worker processes, and in this process (scheduler, client, nannies); for the sequential run, the process and its
  children. Each process's CPU is read from /proc (psutil), so nothing run in a child is missed;
- how much CPU *other* processes of the machine used during each run (from /proc/stat), and the load average: on a
  shared machine a 1.7x speed-up cannot show when others hold a core;
- peak resident memory (VmHWM) of each worker and audit process;
- the wall time of a 3-document batch from the command line: the default (``auto``, which runs it in-process), the
  old default ``processes``, and a forced local cluster; and of a batch of ``CLUSTER_FROM`` documents (where ``auto``
  starts the cluster) in-process and on the cluster;
- results-store insert rate (reports and findings per second) on SQLite and on a throw-away PostgreSQL server;
- the projected cost of auditing 1 million policies from the measured per-document CPU time.
Results go to docs/benchmarks.md (section "batch") with the machine and the date.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "history"))
from _machine import ROOT, SHARED, machine, today, write_section  # noqa: E402

CPU_HOUR_USD = 0.04  # assumption: on-demand price of one vCPU-hour of a general-purpose cloud VM (2026, order of magnitude)
WARM_DOC = ROOT / "examples" / "cash-reward-rules.md"


def corpus(limit: int) -> list[str]:
    files = sorted((SHARED / "corpora" / "ota-en").glob("*/*.md"))
    return [str(f) for f in files if 2_000 <= f.stat().st_size <= 300_000][:limit]


def machine_busy_s() -> float:
    """CPU seconds the whole machine spent busy since boot (all cores; /proc/stat)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def self_and_children_cpu() -> tuple[float, float]:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime


def vm_hwm_mb(pid: int) -> int | None:
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return None


# ------------------------------------------------------------------------------------------------- sequential
def sequential_child(list_file: str) -> None:
    """In a fresh process (single-threaded, as ``fineprint batch --scheduler sync``): warm, then time the batch."""
    from fineprint.batch import run_batch
    from fineprint.detectors.registry import text_detectors

    docs = Path(list_file).read_text(encoding="utf-8").splitlines()
    text_detectors(None)
    out = tempfile.mkdtemp(prefix="bench-seq-")
    run_batch([str(WARM_DOC)], out, scheduler="sync", resume=False)  # first fork, first render: not counted
    shutil.rmtree(out)
    out = tempfile.mkdtemp(prefix="bench-seq-")
    busy0, (s0, c0), t0 = machine_busy_s(), self_and_children_cpu(), time.perf_counter()
    s = run_batch(docs, out, scheduler="sync", resume=False)
    wall = time.perf_counter() - t0
    s1, c1 = self_and_children_cpu()
    cpu = (s1 - s0) + (c1 - c0)
    others = max(0.0, machine_busy_s() - busy0 - cpu)
    shutil.rmtree(out)
    print(json.dumps({"ok": s.ok, "wall_s": wall, "cpu_s": cpu, "audit_cpu_s": c1 - c0, "others_cpu_s": others,
                      "peak_mb": vm_hwm_mb(os.getpid())}))


def sequential(list_file: str) -> dict:
    r = subprocess.run([sys.executable, __file__, "--sequential-child", list_file], capture_output=True, text=True,
                       check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------- cluster
def _cluster_cpu(worker_pids: list[int]) -> dict[str, float]:
    """CPU seconds so far: this process (scheduler, client, nannies), the worker processes, and the audit processes
    with their reaped budgeted children."""
    import psutil

    parent = sum(self_and_children_cpu()[:1])
    workers = audit = 0.0
    for pid in worker_pids:
        try:
            w = psutil.Process(pid)
            t = w.cpu_times()
            workers += t.user + t.system
            for helper in w.children():
                h = helper.cpu_times()
                audit += h.user + h.system + h.children_user + h.children_system
        except psutil.Error:
            continue
    return {"parent": parent, "workers": workers, "audit": audit}


def _warm_cluster(client) -> list[int]:
    """One audit per worker (its audit process loads the models and forks once); the worker pids."""
    from fineprint.batch import _audit_and_record
    from fineprint.batch_worker import audit_on_worker
    from fineprint.settings import DEFAULT

    out = tempfile.mkdtemp(prefix="bench-warm-")
    (Path(out) / ".status").mkdir()
    workers = list(client.scheduler_info()["workers"])
    futures = [client.submit(audit_on_worker, str(WARM_DOC), task=_audit_and_record, out_dir=out, fmt="json",
                             settings=DEFAULT, pure=False, workers=[w], key=f"warm-{i}") for i, w in enumerate(workers)]
    client.gather(futures)
    shutil.rmtree(out)
    pids = client.run(os.getpid)
    return [pids[w] for w in workers]


def on_cluster(docs: list[str], n: int) -> dict:
    import distributed

    from fineprint.batch import run_batch
    from fineprint.batch_cluster import local_cluster

    cluster = local_cluster(n)
    client = distributed.Client(cluster)
    try:
        pids = _warm_cluster(client)
        out = tempfile.mkdtemp(prefix=f"bench-{n}w-")
        busy0, cpu0, t0 = machine_busy_s(), _cluster_cpu(pids), time.perf_counter()
        s = run_batch(docs, out, scheduler=cluster.scheduler_address, resume=False)
        wall = time.perf_counter() - t0
        cpu1, busy1 = _cluster_cpu(pids), machine_busy_s()
        shutil.rmtree(out)
        import psutil

        helpers = [h.pid for p in pids for h in psutil.Process(p).children()]
        peaks = {"worker": [vm_hwm_mb(p) for p in pids], "audit_process": [vm_hwm_mb(p) for p in helpers]}
    finally:
        client.close()
        cluster.close()
    cpu = {k: cpu1[k] - cpu0[k] for k in cpu0}
    return {"ok": s.ok, "wall_s": wall, "cpu_s": cpu, "others_cpu_s": max(0.0, busy1 - busy0 - sum(cpu.values())),
            "peak_mb": peaks}


# ------------------------------------------------------------------------------------------------- small batch
def cli_batch_s(docs: list[str], *extra: str) -> float:
    """Wall seconds of ``fineprint batch DOCS`` from the command line (start-up and shutdown included)."""
    target = tempfile.mkdtemp(prefix="bench-cli-")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", *docs, "-o", target, *extra],
                   capture_output=True, check=True)
    wall = time.perf_counter() - t0
    shutil.rmtree(target)
    return round(wall, 2)


def small_batch(docs: list[str]) -> dict[str, float]:
    """A 3-document batch per scheduler, and a batch of CLUSTER_FROM documents in-process and on the cluster (where
    ``auto`` switches: the two should be close)."""
    from fineprint.batch import CLUSTER_FROM

    out = {"3 docs, auto (default: in-process)": cli_batch_s(docs[:3]),
           "3 docs, processes (old default)": cli_batch_s(docs[:3], "--scheduler", "processes"),
           "3 docs, local cluster": cli_batch_s(docs[:3], "--scheduler", "local")}
    if len(docs) >= CLUSTER_FROM:
        out[f"{CLUSTER_FROM} docs, in-process"] = cli_batch_s(docs[:CLUSTER_FROM], "--scheduler", "sync")
        out[f"{CLUSTER_FROM} docs, auto (default: local cluster)"] = cli_batch_s(docs[:CLUSTER_FROM])
    return out


# ------------------------------------------------------------------------------------------------- store
def store_rates(docs: list[str], reports_dir: Path) -> dict:
    from fineprint.results import open_store
    from pgcluster import TempPostgres, why_unavailable

    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(reports_dir.glob("*.json"))]
    n_findings = sum(len(r["findings"]) for r in reports)
    out = {"reports": len(reports), "findings": n_findings}

    def measure(url: str) -> dict:
        with open_store(url) as store:
            items = [{"report": r, "key": r["document"]["source"]} for r in reports]
            t0 = time.perf_counter()
            for i in range(0, len(items), 50):
                store.record_many(items[i:i + 50])
            wall = time.perf_counter() - t0
        return {"reports_per_s": round(len(reports) / wall, 1), "findings_per_s": round(n_findings / wall)}

    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    out["sqlite"] = measure(f"sqlite:///{tmp / 'r.sqlite3'}")
    out["sqlite_bytes_per_report"] = round((tmp / "r.sqlite3").stat().st_size / max(len(reports), 1))
    shutil.rmtree(tmp)
    reason = why_unavailable()
    if reason:
        out["postgresql"] = {"skipped": reason}
    else:
        pg = TempPostgres().start()
        try:
            out["postgresql"] = measure(pg.new_database())
        finally:
            pg.stop()
    return out


def _store_section(store: dict | None) -> str:
    if store is None:
        return "Results store: not measured in this run (`--no-store`)."
    pg = store["postgresql"]
    pg_line = (f"{pg['reports_per_s']} reports/s ({pg['findings_per_s']} findings/s)" if "reports_per_s" in pg
               else pg["skipped"])
    return (f"Results store, {store['reports']} reports with {store['findings']} findings, inserted 50 per "
            f"transaction: SQLite {store['sqlite']['reports_per_s']} reports/s ({store['sqlite']['findings_per_s']} "
            f"findings/s); PostgreSQL (a local throw-away server, fsync off) {pg_line}. SQLite size: "
            f"{store['sqlite_bytes_per_report']} bytes per report (finding texts included).")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the sequential, 1- and 2-worker runs")
    ap.add_argument("--no-store", action="store_true", help="skip the results-store insert rates")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--sequential-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core per process, as in a batch
    if args.sequential_child:
        sequential_child(args.sequential_child)
        return
    docs = corpus(args.limit)
    n = len(docs)
    list_file = Path(tempfile.mkdtemp(prefix="bench-list-")) / "docs.txt"
    list_file.write_text("\n".join(docs), encoding="utf-8")
    load_before = os.getloadavg()
    rounds: list[dict] = []
    for r in range(args.repeat):
        rnd = {"sequential": sequential(str(list_file)), 1: on_cluster(docs, 1), 2: on_cluster(docs, 2),
               "load": os.getloadavg()[0]}
        rnd["speedup"] = rnd[1]["wall_s"] / rnd[2]["wall_s"]
        rounds.append(rnd)
        print(f"round {r + 1}: sequential {rnd['sequential']['wall_s']:.1f} s, 1 worker {rnd[1]['wall_s']:.1f} s, "
              f"2 workers {rnd[2]['wall_s']:.1f} s: {rnd['speedup']:.2f}x (load {rnd['load']:.1f}; others used "
              f"{rnd[1]['others_cpu_s']:.0f} / {rnd[2]['others_cpu_s']:.0f} CPU-s during the 1/2-worker runs)",
              file=sys.stderr)
    small = small_batch(docs)
    load_after = os.getloadavg()
    store = None
    if not args.no_store:
        from fineprint.batch import run_batch

        reports_dir = Path(tempfile.mkdtemp(prefix="bench-reports-"))
        run_batch(docs, reports_dir, scheduler="sync", resume=False)
        store = store_rates(docs, reports_dir)
        shutil.rmtree(reports_dir)
    shutil.rmtree(list_file.parent)

    def best(key):
        return min((rnd[key] for rnd in rounds), key=lambda x: x["wall_s"])

    seq, one, two = best("sequential"), best(1), best(2)
    quiet = min(rounds, key=lambda rnd: rnd[1]["others_cpu_s"] + rnd[2]["others_cpu_s"])
    speedup_best = one["wall_s"] / two["wall_s"]
    seq_cpu = seq["cpu_s"] / n

    def per_doc(run):
        return {k: round(v / n, 3) for k, v in run["cpu_s"].items()}

    core_hours = seq_cpu * 1_000_000 / 3600
    result = {"machine": machine(), "date": today(), "docs": n, "load_before": [round(x, 2) for x in load_before],
              "load_after": [round(x, 2) for x in load_after],
              "rounds": [{"sequential_s": round(rnd["sequential"]["wall_s"], 2), "one_s": round(rnd[1]["wall_s"], 2),
                          "two_s": round(rnd[2]["wall_s"], 2), "speedup": round(rnd["speedup"], 2),
                          "load": round(rnd["load"], 1),
                          "others_cpu_s": [round(rnd[k]["others_cpu_s"]) for k in ("sequential", 1, 2)]}
                         for rnd in rounds],
              "sequential": {"wall_s": round(seq["wall_s"], 2), "docs_per_s": round(n / seq["wall_s"], 2),
                             "cpu_s_per_doc": round(seq_cpu, 3), "peak_mb": seq["peak_mb"]},
              "dask_1": {"wall_s": round(one["wall_s"], 2), "docs_per_s": round(n / one["wall_s"], 2),
                         "cpu_s_per_doc": per_doc(one), "peak_mb": one["peak_mb"]},
              "dask_2": {"wall_s": round(two["wall_s"], 2), "docs_per_s": round(n / two["wall_s"], 2),
                         "cpu_s_per_doc": per_doc(two), "peak_mb": two["peak_mb"]},
              "speedup_best": round(speedup_best, 2), "speedup_quietest_round": round(quiet["speedup"], 2),
              "speedup_median": round(statistics.median(rnd["speedup"] for rnd in rounds), 2),
              "cli_batches_s": small, "store": store,
              "million": {"core_hours": round(core_hours), "usd_at_cpu_hour": CPU_HOUR_USD,
                          "usd": round(core_hours * CPU_HOUR_USD, 1),
                          "days_on_2_workers": round(1_000_000 / (n / two["wall_s"]) / 86400, 1),
                          "sqlite_gb": round(store["sqlite_bytes_per_report"] * 1_000_000 / 1e9, 1) if store else None}}
    print(json.dumps(result, indent=2))
    if args.no_write:
        return
    m = result["million"]
    sqlite_note = f"; the SQLite store would hold about {m['sqlite_gb']} GB" if m["sqlite_gb"] else ""
    from fineprint.batch import CLUSTER_FROM

    d1, d2 = result["dask_1"], result["dask_2"]
    rows = "\n".join(f"| {i + 1} | {x['sequential_s']} s | {x['one_s']} s | {x['two_s']} s | **{x['speedup']}x** | "
                     f"{x['load']} | {x['others_cpu_s'][1]} / {x['others_cpu_s'][2]} CPU-s |"
                     for i, x in enumerate(result["rounds"]))
    small_rows = "\n".join(f"| {k} | {v} s |" for k, v in small.items())
    body = f"""## Batch on Dask and the results store (`benchmarks/bench_batch.py`)

{result['date']}, {result['machine']}. Load average before / after: {result['load_before']} / {result['load_after']}.
Rerun: `python benchmarks/bench_batch.py --limit {n} --repeat {len(rounds)}` (on a quiet machine).
Corpus: the first {n} English Open Terms Archive documents of 2-300 KB (`corpora/ota-en`), the same for every run.
Models warm everywhere (loaded, and one document audited, before the clock starts). Each round runs the three in
turn, each in a fresh process or cluster: sequential (`--scheduler sync`: one process, a forked budgeted child per
document), then the local Dask cluster that `fineprint batch` starts (`fineprint.batch_cluster.local_cluster`) with
1 and with 2 workers. "Others" is the CPU time that *other* processes of the machine used during the 1- and 2-worker
runs (from /proc/stat): with 2 cores, any of it is taken from the 2-worker run.

| round | sequential | 1 worker | 2 workers | speed-up 1 -> 2 | load | others (1 / 2 workers) |
|---|---|---|---|---|---|---|
{rows}

Speed-up from 1 to 2 workers (target 1.7x): **{result['speedup_best']}x** on the best runs, {result['speedup_median']}x
median, {result['speedup_quietest_round']}x in the round where other processes took least CPU.

| best run | wall time | documents/s | CPU per document | peak memory |
|---|---|---|---|---|
| sequential | {result['sequential']['wall_s']} s | {result['sequential']['docs_per_s']} | {result['sequential']['cpu_s_per_doc']} s (process + budgeted children) | {result['sequential']['peak_mb']} MB |
| Dask, 1 worker | {d1['wall_s']} s | {d1['docs_per_s']} | audits {d1['cpu_s_per_doc']['audit']} s, worker {d1['cpu_s_per_doc']['workers']} s, scheduler + client {d1['cpu_s_per_doc']['parent']} s | worker {d1['peak_mb']['worker']} MB, audit process {d1['peak_mb']['audit_process']} MB |
| Dask, 2 workers | {d2['wall_s']} s | {d2['docs_per_s']} | audits {d2['cpu_s_per_doc']['audit']} s, workers {d2['cpu_s_per_doc']['workers']} s, scheduler + client {d2['cpu_s_per_doc']['parent']} s | workers {d2['peak_mb']['worker']} MB, audit processes {d2['peak_mb']['audit_process']} MB |

On a worker the audits run in an audit process that loaded the models once and forks a budgeted child per document
(fineprint/batch_worker.py), as the sequential run does; the worker only relays, and only the index record travels
back. Small batches from the command line (wall time, start-up and shutdown included; `auto` starts the cluster
from {CLUSTER_FROM} documents):

| batch | wall time |
|---|---|
{small_rows}

{_store_section(store)}

Projected cost of 1 million policies at the measured {result['sequential']['cpu_s_per_doc']} CPU-s per document
(sequential, children included): {m['core_hours']} core-hours, about ${m['usd']} at ${CPU_HOUR_USD} per vCPU-hour (an
assumed on-demand cloud price), or {m['days_on_2_workers']} days on this machine's 2 workers{sqlite_note}.
"""
    write_section(ROOT / "docs" / "benchmarks.md", "batch", body)


if __name__ == "__main__":
    main()
