"""Run one pure-Python computation in a forked child process while the parent goes on (a second CPU core).

Used by ``classify`` to match the YAML rules while the trained models score the same batch. Only where it is safe
and useful: Linux (``fork`` without the macOS caveats), at least two usable cores, no other Python thread in the
process (a lock held by another thread at fork time would never be released in the child), and not disabled with
``FINEPRINT_PARALLEL=0``. Anything unexpected — the fork fails, the child raises or dies, its answer is truncated —
and ``result()`` simply computes the value in the parent, so the outcome never depends on the child.
"""
from __future__ import annotations

import os
import pickle
import sys
import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def available() -> bool:
    """Whether a forked helper may be used here and now."""
    if os.environ.get("FINEPRINT_PARALLEL", "1").strip().lower() in ("0", "no", "false", "off"):
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2 and threading.active_count() == 1


class Background(Generic[T]):
    """``fn()`` running in a forked child; ``result()`` waits for its value (or computes it here on any failure)."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._pid: int | None = None
        self._read: int | None = None
        if not available():
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers or buffers
            status = 1
            try:
                os.close(read)
                payload = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(len(payload).to_bytes(8, "little"))
                    out.write(payload)
                status = 0
            except BaseException:  # noqa: BLE001 - the parent recomputes; nothing may escape a forked child
                pass
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def cancel(self) -> None:
        """Stop the child if it still runs (the parent gave up on the batch); harmless after ``result()``."""
        if self._pid is None:
            return
        import signal

        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self._read)
        except OSError:
            pass
        self._pid = None

    def result(self) -> T:
        if self._pid is None:
            return self._fn()
        data = b""
        try:
            with os.fdopen(self._read, "rb") as fh:
                data = fh.read()
        except OSError:
            pass
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            status = 1
        self._pid = None
        size = int.from_bytes(data[:8], "little") if len(data) >= 8 else -1
        if status != 0 or size != len(data) - 8:
            return self._fn()
        try:
            return pickle.loads(data[8:])
        except Exception:  # noqa: BLE001 - a damaged answer: compute it here instead
            return self._fn()
