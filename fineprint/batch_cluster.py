"""Batches on a Dask cluster (dask.distributed): a local cluster by default, or an existing one by address.

Each input is one task. When a worker dies (killed, out of memory, its machine lost) the scheduler gives the inputs it
was auditing to another worker. An input whose workers die ``distributed.scheduler.allowed-failures`` + 1 times (a
document that crashes every worker it meets) is given up by Dask — and with it, sometimes, inputs that only shared
those workers: each given-up input runs once more, alone, and only one that kills its worker again is recorded as an
error; the batch goes on. Results are
gathered per input (``source`` is the key), so each input appears exactly once in the index however often it ran;
its report and status files are written atomically, so a retried audit replaces, never duplicates.

On each worker the audits run in long-lived single-threaded audit processes that load the models once and fork a
budgeted child per document (fineprint/batch_worker.py); only the small index record travels back.

**Nothing outlives a killed batch** (issue 14: ``kill -9`` of ``fineprint batch`` must leave no worker auditing the
queue). The local cluster is ``LocalCluster(processes=True)``: its scheduler and its nannies are objects in *this*
process (no nanny process exists), and each worker is a process that a nanny starts through distributed's
``AsyncProcess``. AsyncProcess gives every worker the read end of a pipe whose write end only this process holds; a
thread in the worker blocks on it and calls ``os._exit`` when it reads end-of-file, which the kernel delivers the
moment this process dies, by SIGKILL too. That is distributed's own parent-death handling, and it is the one used
here rather than a hand-made one: it needs no polling and no Linux-only call, and it covers worker restarts by the
nanny. Its one condition is that the worker's watch thread can take the GIL: a worker busy in a long C call would
exit only after it; here the workers never audit themselves (the audit processes do, and a worker only waits on a
pipe), so they exit at once. Below the worker, each audit process asks the kernel to SIGKILL it when the worker dies
(``PR_SET_PDEATHSIG``, started from the worker's main thread) and its budgeted children do the same towards it
(fineprint/isolate.py). Other choices were weighed: ``death_timeout`` only acts after seconds and only once the
scheduler is unreachable; nanny-less workers lose the restart of a killed worker; ``PR_SET_PDEATHSIG`` in the workers
themselves would tie them to the AsyncProcess thread that started them (the kernel watches the parent *thread*) and
is Linux-only; a watchdog thread polling the parent pid duplicates what distributed already does. The window that
remains: a worker killed before its imports finish (under 1 s on an idle machine) exits when they do, before it
runs any task. tests/test_hostile.py::test_killed_batch_leaves_no_worker checks the whole tree with the default
scheduler.
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


# Periodic work a batch does not need, which took CPU from the audits on a 2-core machine: the workers' statistical
# profiler (it samples the task thread every 10 ms: most of an idle worker's CPU), the event-loop health checks
# every 20 ms and the system monitor every 0.5 s. With them an idle 2-worker cluster used 10 % of a core; without,
# 1 % (benchmarks/bench_batch.py measures the CPU of each process).
QUIET_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "2s"}


def cores() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def local_cluster(n_workers: int):
    """A local cluster of ``n_workers`` single-threaded worker processes whose every process dies with this one
    (module docstring), listening on the loopback interface only (the HTTP endpoint on a free port: no dashboard,
    no clash with another cluster on 8787)."""
    import dask
    from distributed import LocalCluster

    from .batch_worker import AuditService

    with dask.config.set(QUIET_CONFIG):  # read when the scheduler and nannies are built, here
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                            silence_logs=logging.ERROR,
                            memory_limit=0,  # the worker only relays; each document has its own memory budget
                            config=QUIET_CONFIG,  # the nannies hand it to every worker they start (or restart)
                            plugins=(AuditService(local=True),))  # audit processes start with the worker


# Loggers that report a closing local cluster's races as errors with tracebacks: a worker whose heartbeat was in
# flight when the scheduler retired it logs "Failed to communicate with scheduler during heartbeat" (dask/distributed
# issues 7105 and 9032). Once every record is gathered nothing they could say changes the batch's result.
SHUTDOWN_LOGGERS = ("distributed", "distributed.worker", "distributed.nanny", "distributed.core", "distributed.comm",
                    "distributed.scheduler", "distributed.batched", "distributed.utils")


def quiet_shutdown() -> dict[str, int]:
    """Silence, in the process that runs it (a worker, or this one and its nannies), what a closing cluster logs;
    returns the levels it replaced."""
    levels = {name: logging.getLogger(name).level for name in SHUTDOWN_LOGGERS}
    for name in SHUTDOWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    return levels


def _task_key(source: str) -> str:
    return "fineprint-audit-" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def compute(task: Callable[..., dict], todo: list[str], out: str, fmt: str, settings: Settings, scheduler: str,
            workers: int | None, progress: bool, summary: bool = True) -> list[dict]:
    """Run ``task(source, out_dir, fmt, settings)`` (batch's audit-and-record, which never raises) for every
    input of ``todo`` on a Dask cluster, in the workers' audit processes (fineprint/batch_worker.py); one record per
    input, in input order."""
    from .errors import UsageError

    try:
        from distributed import Client

        from .batch_worker import AuditService, audit_on_worker
    except ImportError:
        raise UsageError("the Dask cluster needs the 'distributed' package: pip install 'fineprint[batch]' "
                         "(or use --scheduler processes / sync)") from None
    started = time.monotonic()
    cluster = None
    try:
        if scheduler == "local":
            cluster = local_cluster(max(1, min(workers or cores(), len(todo))))
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            n_workers = len(client.scheduler_info().get("workers", {}))
            if cluster is None:  # an existing cluster: one audit process per worker thread, models loaded once
                client.register_plugin(AuditService())  # (the local cluster's workers start with it)
            futures = client.map(audit_on_worker, todo, task=task, out_dir=out, fmt=fmt, settings=settings,
                                 key=[_task_key(s) for s in todo], pure=False)
            by_key = {f.key: s for f, s in zip(futures, todo)}
            records = _gather(client, futures, by_key, progress)
            # An input that was merely on a worker killed by another one can be given up with it (Dask counts every
            # task the dead worker held): each such input runs again alone, so only the one that kills is an error.
            for source in [s for s in todo if records[s].get("worker_lost")]:
                alone = client.submit(audit_on_worker, source, task=task, out_dir=out, fmt=fmt, settings=settings,
                                      key=_task_key(source) + "-alone", pure=False)
                records.update(_gather(client, [alone], {alone.key: source}, False))
            if cluster is not None:  # every record is in: what the closing cluster says is noise (below)
                client.run(quiet_shutdown)
    finally:
        if cluster is not None:
            levels = quiet_shutdown()
            try:
                cluster.close()
            finally:  # this process may run other batches (the web API): its loggers are as they were
                for name, level in levels.items():
                    logging.getLogger(name).setLevel(level)
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
                       console=Console(stderr=True), transient=False,
                       refresh_per_second=2)  # its redraw thread shares the cores with the scheduler
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
