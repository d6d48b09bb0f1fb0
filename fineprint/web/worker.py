"""Analysis in worker processes with a time and a memory limit, so that one bad upload cannot stall the server.

    pool = WorkerPool(size=1, timeout=60, memory_mb=2048)
    report = pool.run("audit", data=b"...", name="terms.html", settings=Settings(...))
    pool.close()

Each worker is a separate Python process (``python -m fineprint.web.worker``: nothing inherited from the server's
threads) that loads the models once and then answers jobs one at a time over its standard input and output. Its address space is capped with ``RLIMIT_AS``; a job
that runs past ``timeout`` seconds gets its worker killed and replaced (the next job waits for the new one only),
and a worker that dies (out of memory, a crash in a native library) is replaced the same way. The server process
never parses an upload itself. fineprint errors raised in the worker (bad input) come back as the same exceptions.

Self-contained on purpose (no dependency on the web framework): the lead may unify it with fineprint/isolate.py.
"""
from __future__ import annotations

import os
import pickle
import queue
import selectors
import shutil
import subprocess
import sys
import threading
import time
from typing import Any


class WorkerError(Exception):
    """The analysis did not finish: ``reason`` is "timeout", "memory", "crashed" or "busy"."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def _limit_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not Linux, or a lower hard limit already: keep what there is
        pass


def audited(report, data: bytes | None) -> dict[str, Any]:
    """What an audit job answers: the Report, its ``fineprint.report/1`` dictionary and the position of each finding
    (in the original bytes when they are text or Markdown, so "line N" is the line of the file the user sent)."""
    from ..report.json import finding_dict, to_dict
    from ..report.positions import positions
    from ..report.summary import summarize

    out = to_dict(report)  # the worker's working folder is empty: no file of the server is read for positions
    where = positions(report, data=data) if data is not None else positions(report)
    if data is not None and report.text:
        out["findings"] = [finding_dict(f, p) for f, p in zip(report.findings, where)]
        out["summary"] = summarize(report, where=where).to_dict()
    return {"report": report, "json": out, "where": where}


def _job(kind: str, kwargs: dict) -> Any:
    if kind == "audit":
        from ..pipeline import audit

        source = kwargs["url"] if kwargs.get("url") else kwargs["data"]
        return audited(audit(source, kwargs["settings"], name=kwargs.get("name")), kwargs.get("data"))
    if kind == "audit-text":  # pasted text: read as plain text whatever it looks like (no HTML sniffing)
        from ..ingest import load_raw
        from ..ingest.source import RawInput
        from ..pipeline import audit_document

        raw = RawInput(data=kwargs["data"], source=kwargs.get("name") or "pasted text", name=kwargs.get("name"))
        return audited(audit_document(load_raw(raw, kwargs["settings"], fmt="text"), kwargs["settings"]),
                       kwargs["data"])
    if kind == "classify":
        from ..pipeline import classify

        return classify(kwargs["texts"], kwargs.get("lang"), kwargs["settings"])
    if kind == "sleep":  # tests: a job that outlives its time limit
        time.sleep(kwargs["seconds"])
        return kwargs["seconds"]
    if kind == "allocate":  # tests: a job that outgrows its memory limit
        return len(bytearray(kwargs["mb"] * 1024 * 1024))
    raise ValueError(f"unknown job {kind!r}")


def _send(stream, value) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(payload).to_bytes(8, "little") + payload)
    stream.flush()


def _read_exact(stream, n: int) -> bytes:
    data = stream.read(n)
    if data is None or len(data) < n:
        raise EOFError("the worker closed its pipe")
    return data


def _recv(stream):
    return pickle.loads(_read_exact(stream, int.from_bytes(_read_exact(stream, 8), "little")))


def _serve(memory_mb: int, warm: bool, folder: str | None = None) -> None:
    """The worker's loop (``python -m fineprint.web.worker``): jobs on stdin, answers on stdout, one at a time:
    ("ok", value), ("error", exception) or ("memory", None)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _limit_memory(memory_mb)
    import tempfile

    # an empty working folder: nothing resolves a name a user chose (an upload's file name) to a file of the server;
    # the pool makes it and removes it when the worker ends, even when the worker is killed
    os.chdir(folder or tempfile.mkdtemp(prefix="fineprint-web-"))
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a library that prints must not corrupt the answers
    if warm:
        try:  # load the rules and models now, not during the first request
            from ..pipeline import classify

            classify(["By using the site you agree to these terms."], "en")
            classify(["En utilisant le site, vous acceptez ces conditions."], "fr")
        except Exception:  # noqa: BLE001 - the first real job reports the problem
            pass
    _send(out, ("ready", None))
    while True:
        try:
            kind, kwargs = _recv(inp)
        except (EOFError, OSError, KeyboardInterrupt):
            try:
                os.rmdir(os.getcwd())
            except OSError:
                pass
            return
        try:
            answer = ("ok", _job(kind, kwargs))
        except MemoryError:
            answer = ("memory", None)
        except Exception as exc:  # noqa: BLE001 - sent back to the server, which decides what the user sees
            answer = ("error", exc)
        try:
            _send(out, answer)
        except MemoryError:
            _send(out, ("memory", None))
        except Exception as exc:  # noqa: BLE001 - e.g. an exception that does not pickle
            _send(out, ("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, memory_mb: int, warm: bool) -> None:
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="fineprint-web-")
        self.process = subprocess.Popen([sys.executable, "-m", "fineprint.web.worker", str(memory_mb),
                                         "1" if warm else "0", self.folder], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, close_fds=True)
        self.ready = False

    def poll(self, timeout: float) -> bool:
        """Whether an answer (or the end of the pipe) is there to read within ``timeout`` seconds."""
        with selectors.DefaultSelector() as sel:
            sel.register(self.process.stdout, selectors.EVENT_READ)
            return bool(sel.select(max(0.0, timeout)))

    def send(self, value) -> None:
        try:
            _send(self.process.stdin, value)
        except (BrokenPipeError, OSError):
            raise EOFError("the worker is gone") from None

    def recv(self):
        return _recv(self.process.stdout)

    def wait_ready(self, timeout: float) -> bool:
        if not self.ready and self.poll(timeout):
            try:
                self.ready = self.recv()[0] == "ready"
            except (EOFError, OSError, pickle.UnpicklingError):
                return False
        return self.ready

    def exitcode(self) -> int | None:
        try:
            return self.process.wait(1)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)  # a worker killed past its limit cannot remove it itself


class WorkerPool:
    """``size`` worker processes; ``run`` blocks the calling thread (call it from a thread pool in async code)."""

    def __init__(self, size: int = 1, timeout: float = 60.0, memory_mb: int = 2048, *, warm: bool = True,
                 queue_timeout: float = 30.0, start_timeout: float = 120.0) -> None:
        self.size = max(1, size)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.warm = warm
        self.queue_timeout = queue_timeout
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        for _ in range(self.size):
            self._idle.put(_Worker(memory_mb, warm))

    def run(self, kind: str, **kwargs) -> Any:
        if self._closed:
            raise WorkerError("crashed", "the server is shutting down")
        try:
            worker = self._idle.get(timeout=self.queue_timeout)
        except queue.Empty:
            raise WorkerError("busy", "every analysis worker is busy; try again in a moment") from None
        healthy = False
        try:
            if not worker.wait_ready(self.start_timeout):
                raise WorkerError("crashed", "the analysis worker did not start")
            worker.send((kind, kwargs))
            if not worker.poll(self.timeout):
                raise WorkerError("timeout", f"the analysis took longer than {self.timeout:g} s and was stopped")
            try:
                status, value = worker.recv()
            except (EOFError, OSError, pickle.UnpicklingError):
                if self._oom(worker):
                    raise WorkerError("memory", "the analysis ran out of memory and was stopped") from None
                raise WorkerError("crashed", "the analysis stopped unexpectedly") from None
            if status == "memory":
                raise WorkerError("memory", f"the analysis needed more than {self.memory_mb} MB and was stopped")
            healthy = True
            if status == "error":
                raise value
            return value
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                worker.kill()
                with self._lock:
                    self.restarts += 1
                if not self._closed:
                    self._idle.put(_Worker(self.memory_mb, self.warm))

    @staticmethod
    def _oom(worker: _Worker) -> bool:
        # killed by the kernel's OOM killer (SIGKILL) or aborted by an allocation failure in native code
        return worker.exitcode() in (-9, -6)

    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self._idle.queue)]

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break


if __name__ == "__main__":
    _serve(int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3] if len(sys.argv) > 3 else None)
