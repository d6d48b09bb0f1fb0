"""Run the work for one document in an isolated worker process with a budget: wall time, memory and output size.

The APK analysis subprocess (fineprint/ingest/apk.py) was the model; this generalises it to every input, for
``fineprint audit`` and for each document of ``fineprint batch``:

- **How.** On Linux, when this process runs a single thread, the worker is ``fork()``-ed: it starts at once and
  shares the detectors and models already loaded here (copy-on-write). Otherwise (other threads, e.g. inside a Dask
  distributed worker, or no ``fork``) it is a fresh ``python -m fineprint.isolate`` started with ``subprocess``. The
  function to run, its arguments and its answer travel pickled through a pipe.
- **Wall time.** The parent waits at most ``Settings.time_budget`` seconds, then kills the worker (and any process the
  worker started: it leads its own process group).
- **Memory.** The parent samples the worker's resident memory (``/proc``, every 20 ms) and kills it when it grows by
  more than ``Settings.memory_budget_mb`` over what it shared at the start; the worker's address space is also
  capped with ``RLIMIT_AS`` (same budget over its size at the start), so an allocation burst between two samples
  fails inside the worker with ``MemoryError`` instead of growing on.
- **Output.** The pickled answer (a ``Report``) may not exceed ``Settings.output_budget_mb``.
- **Orphans.** The worker asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``) and checks that the
  parent it was started for is still there, so a ``kill -9`` of fineprint leaves nothing running.

A budget that is hit raises ``BudgetExceededError`` (an ``InputError``: exit status 2) whose one-line message names the
budget and the option that raises it. Errors raised in the worker come back as the same ``fineprint.errors`` class;
anything else (a bug: the ingest boundary maps library errors before that) as ``WorkerError``, which the CLI reports as
an internal error (``FINEPRINT_DEBUG=1`` prints the worker's traceback).
"""
from __future__ import annotations

import importlib
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from . import errors as _errors
from .errors import BudgetExceededError, CorruptInputError, FineprintError
from .settings import MB, Settings, from_environment

POLL_S = 0.02
# What fineprint itself may occupy in a freshly started (not forked) worker before the document's budget starts:
# interpreter, numpy and the models.
SPAWN_FOOTPRINT_MB = 768
_PR_SET_PDEATHSIG = 1


class WorkerError(Exception):
    """An unexpected exception in the worker (a bug, not bad input): the CLI shows it as an internal error."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Budget:
    time_s: float
    memory_mb: int
    output_mb: int

    @classmethod
    def of(cls, settings: Settings) -> "Budget":
        return cls(settings.time_budget, settings.memory_budget_mb, settings.output_budget_mb)


@dataclass(frozen=True, slots=True)
class Usage:
    """What the last isolated run used (for tests and benchmarks): wall seconds and peak resident MB of the worker
    above what it shared at its start."""

    wall_s: float
    peak_mb: float


LAST_USAGE: list[Usage] = []  # one entry, replaced by each run (no thread-safety needed: runs are sequential here)


def budget_error(which: str, budget: Budget, detail: str = "", *, source: str | None = None) -> BudgetExceededError:
    """The one-line error for a hit budget: which one, its value, and how to raise it."""
    if which == "time":
        text = (f"stopped after {budget.time_s:g} s: over the time budget for one document; raise it with "
                "--time-budget SECONDS (Settings.time_budget) if you trust this input")
    elif which == "memory":
        text = (f"stopped: needed more than the {budget.memory_mb} MB memory budget for one document{detail}; raise "
                "it with --memory-budget MB (Settings.memory_budget_mb) if you trust this input")
    else:
        text = (f"stopped: the report is larger than the {budget.output_mb} MB output budget{detail}; raise it with "
                "--output-budget MB (Settings.output_budget_mb) if you trust this input")
    return BudgetExceededError(text, source=source, budget=which)


def enabled(settings: Settings) -> bool:
    """Whether documents run isolated: ``Settings.isolate`` (on by default for the CLI and batch)."""
    return bool(settings.isolate)


def run(fn: Callable[..., Any], *args: Any, budget: Budget, label: str | None = None) -> Any:
    """``fn(*args)`` in a budgeted worker process; its value, or the ``FineprintError`` it raised."""
    if _can_fork():
        return _run_forked(fn, args, budget, label)
    return _run_spawned(fn, args, budget, label)


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def audit(source: str, settings: Settings, *, warm: bool = False):
    """``fineprint.audit(source, settings)`` within the document budget (``Settings.isolate``: in a worker process).

    Standard input is read here (capped at ``max_bytes``) and handed to the worker as bytes. ``warm`` loads the
    detectors here first, so that workers forked for several documents share them instead of loading them each."""
    from .pipeline import audit as audit_here

    if not enabled(settings):
        return audit_here(source, settings)
    raw = None
    if source == "-":
        from .ingest.source import read_stdin

        raw = read_stdin(settings)
    if warm and _can_fork():
        from .detectors.registry import text_detectors

        text_detectors(settings.detectors)
    return run(_audit_worker, source, raw, settings, budget=_budget_for(source, settings), label=source)


def audit_with_policy(source: str, policy: str, settings: Settings):
    """``fineprint.flows.app.audit_with_policy`` (an APK checked against its privacy policy) within the budget."""
    from .flows.app import audit_with_policy as here

    if not enabled(settings):
        return here(source, policy, settings)
    return run(here, source, policy, settings, budget=_budget_for(source, settings), label=source)


def _budget_for(source, settings: Settings) -> Budget:
    budget = Budget.of(settings)
    if isinstance(source, str) and source.lower().endswith((".apk", ".apks", ".xapk", ".apkm")):
        # the APK analysis runs in its own subprocess with its own (longer) budget, which the worker must outlast
        budget = Budget(max(budget.time_s, settings.apk_time_budget + 10), budget.memory_mb, budget.output_mb)
    return budget


def _audit_worker(source: str, raw, settings: Settings):
    from .pipeline import audit as audit_here, audit_app, audit_document

    if raw is None:
        return audit_here(source, settings)
    from .ingest import load_raw
    from .ingest.quiet import quiet_libraries
    from .model import Document

    with quiet_libraries():
        loaded = load_raw(raw, settings)
    return audit_document(loaded, settings) if isinstance(loaded, Document) else audit_app(loaded, settings)


# ------------------------------------------------------------------------------------------------------ worker side
def die_with_parent(parent_pid: int | None = None) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies; exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def _vm_bytes(pid: int | str = "self") -> int | None:
    """Address-space size of a process, from /proc."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            size, resident = fh.read().split()[:2]
        return int(size) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _sizes(pid: int) -> tuple[int, int] | None:
    """(address space, resident) bytes of a process, from /proc."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            size, resident = fh.read().split()[:2]
        page = os.sysconf("SC_PAGE_SIZE")
        return int(size) * page, int(resident) * page
    except (OSError, ValueError):
        return None


def _limit_address_space(extra_mb: int) -> None:
    try:
        import resource

        now = _vm_bytes() or 0
        limit = now + extra_mb * MB
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # no rlimit here: the parent's watch and the wall-time budget still apply


def _answer(fn, args, budget: Budget) -> bytes:
    """Run ``fn`` and encode ("ok", value) or ("error", (class name, message, source, budget))."""
    try:
        value = fn(*args)
        payload = pickle.dumps(("ok", value), protocol=pickle.HIGHEST_PROTOCOL)
        if len(payload) > budget.output_mb * MB:
            payload = pickle.dumps(("error", ("BudgetExceededError", "", None, "output", len(payload))))
        return payload
    except FineprintError as exc:
        return pickle.dumps(("error", (type(exc).__name__, exc.message, exc.source,
                                       getattr(exc, "budget", None), None)))
    except MemoryError:
        return pickle.dumps(("error", ("BudgetExceededError", "", None, "memory", None)))
    except RecursionError:
        return pickle.dumps(("error", ("CorruptInputError", "the input is nested too deeply to be read", None, None,
                                       None)))
    except Exception as exc:  # noqa: BLE001 - a bug in fineprint (ingest maps library errors): the parent re-raises
        if from_environment().debug:
            import traceback

            traceback.print_exc()
        text = " ".join(str(exc).split())[:200]
        return pickle.dumps(("internal", (type(exc).__name__, text)))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


# ------------------------------------------------------------------------------------------------------ parent side
def _run_forked(fn, args, budget: Budget, label: str | None):
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        status = 1
        try:
            os.close(read)
            os.setpgid(0, 0)
            die_with_parent(parent)
            _limit_address_space(budget.memory_mb)
            _write_all(write, _answer(fn, args, budget))
            status = 0
        except BaseException:  # noqa: BLE001 - nothing may escape a forked worker
            pass
        finally:
            os._exit(status)
    os.close(write)
    try:
        os.setpgid(pid, pid)  # also done by the worker; whichever runs first
    except OSError:
        pass
    return _collect(pid, read, budget, label, waiter=lambda: os.waitpid(pid, 0)[1])


def _run_spawned(fn, args, budget: Budget, label: str | None):
    request = pickle.dumps({"fn": (fn.__module__, fn.__qualname__), "args": args, "budget": budget,
                            "parent": os.getpid()}, protocol=pickle.HIGHEST_PROTOCOL)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    kwargs: dict = {"start_new_session": True} if os.name == "posix" else {}
    try:
        proc = subprocess.Popen([sys.executable, "-m", "fineprint.isolate"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, **kwargs)
    except OSError:
        return fn(*args)  # no interpreter to start (embedded Python): run here, unisolated
    if os.name != "posix":  # no select() on pipes (Windows): the time and output budgets, no memory sampling
        try:
            out, _ = proc.communicate(request, timeout=budget.time_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise budget_error("time", budget, source=label) from None
        if len(out) > budget.output_mb * MB + 4096:
            raise budget_error("output", budget, source=label)
        return _decode(out, proc.returncode, budget, label, killed=False, near_limit=False)
    try:
        proc.stdin.write(request)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    return _collect(proc.pid, proc.stdout.fileno(), budget, label, waiter=proc.wait, baseline_mb=SPAWN_FOOTPRINT_MB,
                    keep=proc)


def _kill(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
            return
        except (ProcessLookupError, PermissionError, OSError):
            continue


def _collect(pid: int, fd: int, budget: Budget, label: str | None, *, waiter, baseline_mb: int = 0, keep=None):
    start = time.monotonic()
    deadline = start + budget.time_s
    first = _sizes(pid) if baseline_mb == 0 else None
    base, base_vm = (first[1], first[0]) if first else (0, 0)
    limit = base + (budget.memory_mb + baseline_mb) * MB
    as_limit = base_vm + (budget.memory_mb + baseline_mb) * MB if base_vm else None
    peak = peak_vm = 0
    chunks: list[bytes] = []
    received = 0
    hit: str | None = None
    finished = False
    try:
        while True:
            now = time.monotonic()
            if now >= deadline:
                hit = "time"
                break
            sizes = _sizes(pid)
            if sizes is not None:
                vm, rss = sizes
                peak, peak_vm = max(peak, rss), max(peak_vm, vm)
                if rss > limit:
                    hit = "memory"
                    break
            ready, _, _ = select.select([fd], [], [], min(POLL_S, max(0.0, deadline - now)))
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                finished = True
                break
            received += len(chunk)
            if received > budget.output_mb * MB + 4096:
                hit = "output"
                break
            chunks.append(chunk)
    finally:
        if not finished:  # a budget was hit, or this process is interrupted (Ctrl-C): the worker goes too
            _kill(pid)
        try:
            os.close(fd) if keep is None else keep.stdout.close()
        except OSError:
            pass
        status = waiter()
        LAST_USAGE[:] = [Usage(time.monotonic() - start, max(0, peak - base) / MB)]
    if hit is not None:
        raise budget_error(hit, budget, source=label)
    if keep is not None:
        status = keep.returncode
    killed = (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL) if keep is None else status == -9
    near_limit = as_limit is not None and peak_vm > as_limit - 256 * MB
    return _decode(b"".join(chunks), status, budget, label, killed=killed, near_limit=near_limit)


def _decode(data: bytes, status, budget: Budget, label: str | None, *, killed: bool, near_limit: bool):
    """The worker's answer: its value, or the error it reported (re-raised here as the same class)."""
    try:
        kind, payload = pickle.loads(data)
    except Exception:  # noqa: BLE001 - the worker died before answering
        if killed or near_limit:  # the kernel's OOM killer, or a library that exits when an allocation fails
            raise budget_error("memory", budget, source=label) from None
        raise CorruptInputError("the worker reading this input stopped without an answer "
                                f"(status {status}); please report it", source=label) from None
    if kind == "ok":
        return payload
    if kind == "internal":
        raise WorkerError(*payload)
    name, message, source, which, size = payload
    if name == "BudgetExceededError" and which:
        detail = f" ({size / MB:.0f} MB)" if size else ""
        raise budget_error(which, budget, detail, source=source or label)
    cls = getattr(_errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, FineprintError)):
        cls = CorruptInputError
    exc = cls(message, source=source or label)
    if which:
        exc.budget = which
    raise exc


def _spawned_main() -> None:
    """Entry point of a spawned worker: pickled request on stdin, pickled answer on stdout."""
    request = pickle.loads(sys.stdin.buffer.read())
    die_with_parent(request.get("parent"))
    budget: Budget = request["budget"]
    _limit_address_space(budget.memory_mb + SPAWN_FOOTPRINT_MB)
    module, qualname = request["fn"]
    fn: Any = importlib.import_module(module)
    for part in qualname.split("."):
        fn = getattr(fn, part)
    out = _answer(fn, request["args"], budget)
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _spawned_main()
