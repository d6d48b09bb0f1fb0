"""Run by test_batch_cluster.py in a process of its own (dask.distributed leaves a thread pool behind in the process
that used it, and other tests need a single-threaded process): a batch on a 2-worker local cluster, one worker killed
with SIGKILL while it holds audits. Prints a JSON line about the kill; the test reads the batch's index itself.

    python kill_worker_batch.py DOCS_FOLDER OUT_FOLDER
    python kill_worker_batch.py DOCS_FOLDER OUT_FOLDER --poison SOURCE   # SOURCE kills every worker that starts it
"""
import json
import logging
import os
import signal
import sys
import threading
import time


def poisoned(docs: str, out: str, source: str) -> None:
    """A worker plugin makes one input kill (os._exit) every worker that starts auditing it, as a document that
    crashes the parser or exhausts memory would; the scheduler gives up on it after allowed-failures."""
    import dask
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin

    from fineprint.batch import run_batch
    from fineprint.batch_cluster import _task_key

    target = _task_key(source)

    class Poison(WorkerPlugin):
        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and str(key).startswith(target):
                os._exit(1)

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.CRITICAL)
        client = distributed.Client(cluster)
        try:
            client.register_plugin(Poison())
            s = run_batch([docs], out, scheduler=cluster.scheduler_address)
        finally:
            client.close()
            cluster.close()
    print(json.dumps({"ok": s.ok, "failed": s.failed}))


def main(docs: str, out: str) -> None:
    import distributed

    from fineprint.batch import run_batch

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    result: dict = {}
    t = threading.Thread(target=lambda: result.update(
        summary=run_batch([docs], out, scheduler=cluster.scheduler_address)))
    info: dict = {}
    try:
        t.start()
        # wait until one audit is done (the batch is under way) and a worker holds audits not yet done; kill it
        victim = None
        deadline = time.monotonic() + 180
        status = os.path.join(out, ".status")
        while victim is None and time.monotonic() < deadline:
            done = len(os.listdir(status)) if os.path.isdir(status) else 0
            busy = [a for a, keys in client.processing().items() if any("fineprint-audit-" in str(k) for k in keys)]
            if done and busy:
                victim = busy[0]
            else:
                time.sleep(0.02)
        if victim is None:
            raise SystemExit("the batch never got under way")
        info["in_flight"] = len(client.processing().get(victim, ()))
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        t.join(300)
        info["finished"] = not t.is_alive()
        info["victim_gone"] = victim not in client.scheduler_info()["workers"]
        s = result.get("summary")
        info["ok"], info["failed"] = (s.ok, s.failed) if s else (None, None)
    finally:
        client.close()
        cluster.close()
    print(json.dumps(info))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[3] == "--poison":
        poisoned(sys.argv[1], sys.argv[2], sys.argv[4])
    else:
        main(sys.argv[1], sys.argv[2])
