#!/usr/bin/env python3
"""Batch throughput on Dask and results-store insert rate.

    python benchmarks/bench_batch.py [--limit N] [--no-write]

Corpus: the first N English Open Terms Archive documents (../shared/corpora/ota-en, read in place). Measures:
- documents/s sequentially (one process, models warm) and on a local Dask cluster of 1 and of 2 worker processes
  (workers warmed with one audit first, so model loading is not counted); the speed-up from 1 to 2 workers;
- peak resident memory of each worker (ru_maxrss, read inside the worker after the batch);
- results-store insert rate (reports and findings per second) on SQLite and on a throw-away PostgreSQL server;
- the projected cost of auditing 1 million policies from the measured per-document CPU time.
The machine's load average is recorded with the results: on a shared machine the parallel numbers are what they were.
Results go to docs/benchmarks.md (section "batch") with the machine and the date.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "history"))
from _machine import ROOT, SHARED, machine, today, write_section  # noqa: E402

CPU_HOUR_USD = 0.04  # assumption: on-demand price of one vCPU-hour of a general-purpose cloud VM (2026, order of magnitude)


def corpus(limit: int) -> list[str]:
    files = sorted((SHARED / "corpora" / "ota-en").glob("*/*.md"))
    return [str(f) for f in files if 2_000 <= f.stat().st_size <= 300_000][:limit]


def _warm():
    import fineprint

    fineprint.audit((ROOT / "examples" / "cash-reward-rules.md").read_bytes(), name="warm.md")
    return os.getpid()


def _maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sequential(docs: list[str]) -> dict:
    from fineprint.batch import run_batch

    _warm()
    out = tempfile.mkdtemp(prefix="bench-seq-")
    cpu0, t0 = time.process_time(), time.perf_counter()
    s = run_batch(docs, out, scheduler="sync", resume=False)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    shutil.rmtree(out)
    return {"docs": len(docs), "ok": s.ok, "wall_s": round(wall, 2), "docs_per_s": round(len(docs) / wall, 2),
            "cpu_s_per_doc": round(cpu / len(docs), 3), "peak_mb": round(_maxrss_mb())}


def on_clusters(docs: list[str], sizes=(1, 2), repeat: int = 3) -> dict[int, dict]:
    """One local cluster per size, all started (and warmed) first; then the runs alternate between them, ``repeat``
    rounds, and each keeps its best wall time: on a shared machine whose load comes and goes, alternating gives both
    sizes the same luck, and the best run is the least disturbed one."""
    import distributed

    from fineprint.batch import run_batch

    clusters = {n: distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR) for n in sizes}
    clients = {n: distributed.Client(c) for n, c in clusters.items()}
    walls: dict[int, list[float]] = {n: [] for n in sizes}
    cpus: dict[int, list[float]] = {n: [] for n in sizes}
    oks: dict[int, int] = {}
    try:
        for client in clients.values():
            client.run(_warm)
        for _ in range(repeat):
            for n, client in clients.items():
                out = tempfile.mkdtemp(prefix=f"bench-{n}w-")
                cpu0 = client.run(time.process_time)
                t0 = time.perf_counter()
                s = run_batch(docs, out, scheduler=clusters[n].scheduler_address, resume=False)
                walls[n].append(time.perf_counter() - t0)
                cpu1 = client.run(time.process_time)
                cpus[n].append(sum(cpu1[w] - cpu0[w] for w in cpu1 if w in cpu0))
                oks[n] = s.ok
                shutil.rmtree(out)
        peaks = {n: sorted(round(v) for v in c.run(_maxrss_mb).values()) for n, c in clients.items()}
    finally:
        for n in sizes:
            clients[n].close()
            clusters[n].close()
    out = {}
    for n in sizes:
        wall = min(walls[n])
        out[n] = {"workers": n, "ok": oks[n], "wall_s": round(wall, 2), "docs_per_s": round(len(docs) / wall, 2),
                  "walls_s": [round(w, 1) for w in walls[n]], "worker_cpu_s_per_doc": round(min(cpus[n]) / len(docs), 3),
                  "worker_peak_mb": peaks[n]}
    return out


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3, help="alternating rounds of the 1- and 2-worker runs")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core per worker, as in production
    docs = corpus(args.limit)
    load_before = os.getloadavg()
    seq = sequential(docs)
    runs = on_clusters(docs, (1, 2), repeat=args.repeat)
    one, two = runs[1], runs[2]
    load_after = os.getloadavg()
    from fineprint.batch import run_batch

    reports_dir = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    run_batch(docs, reports_dir, scheduler="sync", resume=False)
    store = store_rates(docs, reports_dir)
    shutil.rmtree(reports_dir)
    speedup = round(one["wall_s"] / two["wall_s"], 2)
    core_hours = seq["cpu_s_per_doc"] * 1_000_000 / 3600
    result = {"machine": machine(), "date": today(), "load_before": [round(x, 2) for x in load_before],
              "load_after": [round(x, 2) for x in load_after], "sequential": seq, "dask_1": one, "dask_2": two,
              "speedup_1_to_2": speedup, "store": store,
              "million": {"core_hours": round(core_hours), "usd_at_cpu_hour": CPU_HOUR_USD,
                          "usd": round(core_hours * CPU_HOUR_USD),
                          "days_on_2_workers": round(1_000_000 / two["docs_per_s"] / 86400, 1),
                          "sqlite_gb": round(store["sqlite_bytes_per_report"] * 1_000_000 / 1e9, 1)}}
    print(json.dumps(result, indent=2))
    if args.no_write:
        return
    m = result["million"]
    pg = store["postgresql"]
    pg_line = (f"{pg['reports_per_s']} reports/s ({pg['findings_per_s']} findings/s)" if "reports_per_s" in pg
               else pg["skipped"])
    body = f"""## Batch on Dask and the results store (`benchmarks/bench_batch.py`)

{result['date']}, {result['machine']}. Load average before / after the runs: {result['load_before']} /
{result['load_after']} — the machine is shared with other jobs, so the parallel figures are those of a loaded machine.
Corpus: the first {len(docs)} English Open Terms Archive documents of 2-300 KB (`corpora/ota-en`), the same for every run;
models warm in every process (loading them is not counted). The 1- and 2-worker clusters run alternately,
{len(one['walls_s'])} rounds each, best round kept (every round is listed).

| run | wall time | documents/s | peak memory |
|---|---|---|---|
| sequential (one process, `--scheduler sync`) | {seq['wall_s']} s | {seq['docs_per_s']} | {seq['peak_mb']} MB |
| local Dask cluster, 1 worker (best of {one['walls_s']} s) | {one['wall_s']} s | {one['docs_per_s']} | {one['worker_peak_mb']} MB per worker |
| local Dask cluster, 2 workers (best of {two['walls_s']} s) | {two['wall_s']} s | {two['docs_per_s']} | {two['worker_peak_mb']} MB per worker |

Speed-up from 1 to 2 workers: **{speedup}x** on the best rounds (target 1.7x); round by round:
{[round(a / b, 2) for a, b in zip(one['walls_s'], two['walls_s'])]}. CPU time per document: {seq['cpu_s_per_doc']} s
sequentially, {one['worker_cpu_s_per_doc']} s on 1 worker, {two['worker_cpu_s_per_doc']} s summed over 2 workers (Dask's
scheduler and worker threads, and two processes sharing caches, cost that much more per document). Where wall time
is far above CPU time, the processes were waiting for a core that other jobs held: with the load average above the
core count, the 1.7x target cannot be shown on this machine, and these figures are not a measure of Dask's scaling.

Results store, {store['reports']} reports with {store['findings']} findings, inserted 50 per transaction:
SQLite {store['sqlite']['reports_per_s']} reports/s ({store['sqlite']['findings_per_s']} findings/s);
PostgreSQL (a local throw-away server, fsync off) {pg_line}. SQLite size: {store['sqlite_bytes_per_report']} bytes
per report (finding texts included).

Projected cost of 1 million policies at the measured {seq['cpu_s_per_doc']} CPU-s per document: {m['core_hours']}
core-hours, about ${m['usd']} at ${CPU_HOUR_USD} per vCPU-hour (an assumed on-demand cloud price), or
{m['days_on_2_workers']} days on this machine's 2 workers; the SQLite store would hold about {m['sqlite_gb']} GB.
"""
    write_section(ROOT / "docs" / "benchmarks.md", "batch", body)


if __name__ == "__main__":
    main()
