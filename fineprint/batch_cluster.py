"""Batches on a Dask cluster (dask.distributed): a local cluster by default, or an existing one by address.

Each input is one task. When a worker dies (killed, out of memory, its machine lost) the scheduler gives the inputs it
was auditing to another worker. An input whose workers die ``distributed.scheduler.allowed-failures`` + 1 times (a
document that crashes every worker it meets) is given up by Dask — and with it, sometimes, inputs that only shared
those workers: each given-up input runs once more, alone, and only one that kills its worker again is recorded as an
error; the batch goes on. Results are
gathered per input (``source`` is the key), so each input appears exactly once in the index however often it ran;
its report and status files are written atomically, so a retried audit replaces, never duplicates.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from typing import Callable

from .settings import Settings

ADDRESS_PREFIXES = ("tcp://", "tls://", "ucx://", "inproc://")


def is_cluster(scheduler: str) -> bool:
    return scheduler == "local" or scheduler.startswith(ADDRESS_PREFIXES)


def _task_key(source: str) -> str:
    return "fineprint-audit-" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def compute(task: Callable[..., dict], todo: list[str], out: str, fmt: str, settings: Settings, scheduler: str,
            workers: int | None, progress: bool, summary: bool = True) -> list[dict]:
    """Run ``task(source, out_dir=, fmt=, settings=)`` (batch's audit-and-record, which never raises) for every
    input of ``todo`` on a Dask cluster; one record per input, in input order."""
    from .errors import UsageError

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("the Dask cluster needs the 'distributed' package: pip install 'fineprint[batch]' "
                         "(or use --scheduler processes / sync)") from None
    started = time.monotonic()
    cluster = None
    try:
        if scheduler == "local":
            n = workers or os.cpu_count() or 1
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            n_workers = len(client.scheduler_info().get("workers", {}))
            futures = client.map(task, todo, out_dir=out, fmt=fmt, settings=settings,
                                 key=[_task_key(s) for s in todo], pure=False)
            by_key = {f.key: s for f, s in zip(futures, todo)}
            records = _gather(client, futures, by_key, progress)
            # An input that was merely on a worker killed by another one can be given up with it (Dask counts every
            # task the dead worker held): each such input runs again alone, so only the one that kills is an error.
            for source in [s for s in todo if records[s].get("worker_lost")]:
                alone = client.submit(task, source, out_dir=out, fmt=fmt, settings=settings,
                                      key=_task_key(source) + "-alone", pure=False)
                records.update(_gather(client, [alone], {alone.key: source}, False))
    finally:
        if cluster is not None:
            cluster.close()
    if summary:
        elapsed = time.monotonic() - started
        ok = sum(1 for r in records.values() if r.get("status") == "ok")
        lost = sum(1 for r in records.values() if r.get("worker_lost"))
        sys.stderr.write(f"{len(todo)} inputs in {elapsed:.1f} s ({len(todo) / max(elapsed, 1e-9):.2f}/s) on "
                         f"{n_workers} Dask worker(s): {ok} ok, {len(todo) - ok} failed"
                         + (f", {lost} lost with their worker" if lost else "") + "\n")
    return [records[s] for s in todo]


def _gather(client, futures, by_key: dict, progress: bool) -> dict[str, dict]:
    from distributed import as_completed

    records: dict[str, dict] = {}
    bar = None
    if progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from rich.console import Console

        bar = Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=False)
        bar.start()
        task = bar.add_task("audit", total=len(futures))
    try:
        for fut in as_completed(futures):
            source = by_key[fut.key]
            if fut.status == "finished":
                records[source] = fut.result()
            else:  # KilledWorker (the input killed every worker it met), or the cluster went away
                exc = fut.exception()
                name = type(exc).__name__
                if name == "KilledWorker":
                    records[source] = {"source": source, "status": "error", "worker_lost": True,
                                       "error": "a worker died each time it audited this input (crash or out of memory)"}
                else:  # e.g. the status file could not be written (disk full): recorded, the batch goes on
                    records[source] = {"source": source, "status": "error", "error": f"internal error: {name}: {exc}"}
            fut.release()
            if bar is not None:
                bar.advance(task)
    finally:
        if bar is not None:
            bar.stop()
    return records
