"""The audit side of a Dask worker: one long-lived, single-threaded audit process per worker thread.

A ``dask.distributed`` worker always runs several threads (event loop, task threads, offload thread), so
fineprint/isolate.py cannot ``fork()`` a budgeted child there and falls back to a fresh ``python -m fineprint.isolate``
per document, which loads the rules and models again each time: that was ~0.4 s per document on top of a ~0.3 s
audit, four times slower than a sequential batch. Instead, ``AuditService`` (a worker plugin, registered by the
client for each batch) starts, for each thread of the worker, one *audit process*: ``python -m fineprint.batch_worker``,
single-threaded, which loads the detectors once at start and then serves documents one by one. For each document it
runs batch's audit-and-record as everywhere else: ``isolate.audit`` forks a budgeted child (time, memory and output
budgets, as for ``--scheduler sync``) that shares the loaded models copy-on-write; the report and status files are
written by the audit process, and only the small index record goes back to the worker and the client.

Lifetime: an audit process asks the kernel to SIGKILL it when the worker dies (``PR_SET_PDEATHSIG``; it is started
from the worker's event-loop thread, the main thread, which lives as long as the worker) and checks at start that
its parent is still the worker; its budgeted children do the same towards it. A worker of a local cluster dies with
the batch through distributed's own parent watch (see fineprint/batch_cluster.py). So killing the batch, a worker or
an audit process leaves nothing running below it. (Where the kernel has no ``PR_SET_PDEATHSIG``, an audit process
whose worker died exits when it finishes its document: its input is closed.)

If an audit process dies in the middle of a document (killed from outside, or the kernel's OOM killer chose it
rather than the budgeted child), a new one is started and the document is audited once more; if that one dies too
the document is recorded as an error and the batch goes on. Where no audit process can be started (no interpreter
to run, or one that dies before it is ready, e.g. fineprint not importable by it), the worker audits its documents
itself (isolate then spawns a process per document: slower, same result).
"""
from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from typing import Any, Callable

from .settings import Settings

PLUGIN_NAME = "fineprint-audit"
READY = b"ready"
_HEADER = 8


class AuditProcessDied(Exception):
    """The audit process went away before answering."""


class AuditProcessBroken(AuditProcessDied):
    """The audit process died before it was ready (it cannot start here: e.g. fineprint not importable by the
    interpreter): the worker audits itself from then on."""


def _write_frame(fh, payload: bytes) -> None:
    fh.write(len(payload).to_bytes(_HEADER, "big"))
    fh.write(payload)
    fh.flush()


def _read_frame(fh) -> bytes | None:
    header = fh.read(_HEADER)
    if len(header) < _HEADER:
        return None
    n = int.from_bytes(header, "big")
    data = fh.read(n)
    return data if len(data) == n else None


# ---------------------------------------------------------------------------------------------- worker side
class AuditProcess:
    """One ``python -m fineprint.batch_worker`` serving audits over a pipe (pickled frames)."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        env.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core per worker thread
        debug = env.get("FINEPRINT_DEBUG") == "1"
        self.proc = subprocess.Popen([sys.executable, "-m", "fineprint.batch_worker", str(os.getpid())],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=None if debug else subprocess.DEVNULL, env=env, start_new_session=True)
        self.ready = False

    def audit(self, task: Callable[..., dict], sources: list[str], out_dir: str, fmt: str,
              settings: Settings) -> list[dict]:
        try:
            if not self.ready:  # its first frame says the models are loaded
                self.ready = _read_frame(self.proc.stdout) == READY
                if not self.ready:
                    self.close()
                    raise AuditProcessBroken()
            _write_frame(self.proc.stdin, pickle.dumps((task, sources, out_dir, fmt, settings),
                                                       protocol=pickle.HIGHEST_PROTOCOL))
            answer = _read_frame(self.proc.stdout)
        except (OSError, ValueError):
            answer = None
        if answer is None:
            self.close()
            raise AuditProcessDied()
        return pickle.loads(answer)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)  # it exits at the end of its input
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


_IDLE: queue.SimpleQueue[AuditProcess] = queue.SimpleQueue()
_ALL: list[AuditProcess] = []
_LOCK = threading.Lock()
_BROKEN: list[bool] = []  # set once an audit process could not start on this worker


def _start() -> AuditProcess | None:
    if _BROKEN:
        return None
    try:
        proc = AuditProcess()
    except OSError:
        return None  # no interpreter to start (embedded Python): the worker audits itself
    with _LOCK:
        _ALL.append(proc)
    return proc


def _take() -> AuditProcess | None:
    while True:
        try:
            proc = _IDLE.get_nowait()
        except queue.Empty:
            return _start()
        if proc.alive():
            return proc
        proc.close()


def _give_back(proc: AuditProcess) -> None:
    _IDLE.put(proc)


def close_all() -> None:
    with _LOCK:
        procs, _ALL[:] = list(_ALL), []
    while True:
        try:
            _IDLE.get_nowait()
        except queue.Empty:
            break
    for proc in procs:
        proc.close()


def audit_on_worker(source: str, task: Callable[..., dict], out_dir: str, fmt: str, settings: Settings) -> dict:
    """The Dask task: ``task(source, out_dir, fmt, settings)`` (batch's audit-and-record, which never raises and
    writes the report) in one of this worker's audit processes; its index record."""
    for attempt in (1, 2):
        proc = _take()
        if proc is None:
            return task(source, out_dir, fmt, settings)
        try:
            record = proc.audit(task, [source], out_dir, fmt, settings)[0]
        except AuditProcessBroken:
            _BROKEN.append(True)
            return task(source, out_dir, fmt, settings)
        except AuditProcessDied:
            continue  # a new audit process, once
        _give_back(proc)
        return record
    return {"source": source, "status": "error",
            "error": "the audit process died each time it audited this input (crash or out of memory)"}


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the 'batch' extra is not installed: batch_cluster says so before this is used
    WorkerPlugin = object  # type: ignore[assignment,misc]


class AuditService(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Starts one audit process per worker thread when the worker starts (or when the plugin is registered), so
    the models load while the scheduler hands out the first tasks; stops them when the worker closes."""

    name = PLUGIN_NAME
    idempotent = True  # registered by every batch: a worker that already has it keeps its audit processes

    def __init__(self, local: bool = False) -> None:
        self.local = local

    def setup(self, worker) -> None:
        if self.local and threading.current_thread() is threading.main_thread():
            # a worker of the batch's own cluster: a Ctrl-C in the terminal (sent to the whole process group) is the
            # batch's to handle (it stops and closes the cluster); the worker would only print a traceback
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)
        for _ in range(max(1, getattr(worker.state, "nthreads", 1))):
            proc = _start()
            if proc is None:
                break
            _give_back(proc)

    def teardown(self, worker) -> None:
        close_all()


# ---------------------------------------------------------------------------------------------- audit process
def _serve(worker_pid: int) -> None:
    from .isolate import die_with_parent

    die_with_parent(worker_pid)
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints from libraries must not break the answers
    try:  # load the rules and models now, once, before the first document: the budgeted children share them
        from .detectors.registry import text_detectors

        text_detectors(None)
    except Exception:  # noqa: BLE001 - a detector that cannot load fails the documents with its own message
        pass
    _write_frame(answers, READY)
    while True:
        data = _read_frame(requests)
        if data is None:
            return  # the worker closed the pipe (or died)
        task, sources, out_dir, fmt, settings = pickle.loads(data)  # task: pickled by name (batch's)
        records: list[dict[str, Any]] = []
        for source in sources:
            try:
                records.append(task(source, out_dir, fmt, settings))
            except Exception as exc:  # noqa: BLE001 - e.g. the status file cannot be written (disk full)
                records.append({"source": source, "status": "error",
                                "error": f"internal error: {type(exc).__name__}: {exc}"})
        _write_frame(answers, pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
