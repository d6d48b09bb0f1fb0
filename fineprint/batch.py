"""Audit many documents or apps: one report file per input, an index of what succeeded and what failed.

Built for consumer associations, journalists and regulators who scan thousands of documents. The work is spread with
Dask instead of a home-made pool: by default (``auto``) a local ``dask.distributed`` cluster, one worker per core
(fineprint/batch_cluster.py), or an existing cluster with ``--scheduler tcp://host:8786``. A small batch runs in this
process instead: starting the cluster (worker processes, then one audit process per worker loading the models) and
stopping it costs about 3-4 s on a 2-core machine, which 2 workers only win back from about ``CLUSTER_FROM`` = 20
documents (an audit takes 0.2-0.5 s of CPU; measured in docs/benchmarks.md, section "batch"); ``--workers N`` with
N > 1, or ``--scheduler local``, asks for the cluster whatever the size.
Every input ends as exactly one line of ``index.jsonl`` — ``ok`` with its report file, or ``error`` with the one-line
reason — so nothing is silently lost, and a re-run resumes where an interrupted one stopped.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import click
from .cli_options import country_option

from .settings import DEFAULT, Settings

CLUSTER_FROM = 20  # documents to audit from which ``auto`` starts a local cluster (module docstring)
SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".apk"}
EXTENSIONS = {"json": "json", "html": "html", "md": "md", "sarif": "sarif", "text": "txt"}


@dataclass(frozen=True, slots=True)
class BatchSummary:
    ok: int
    failed: int
    skipped: int
    index: Path


def expand_inputs(items: Iterable[str]) -> list[str]:
    """Files, URLs and folders (searched recursively for supported files), in a stable order, without repeats."""
    out: list[str] = []
    for item in items:
        p = Path(item)
        if not re.match(r"^https?://", item) and p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(item)
    return list(dict.fromkeys(out))


def report_name(source: str, fmt: str) -> str:
    """A file name that is readable, unique per source and stable across runs."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(source.rstrip("/")).name or source)[:60].strip("._") or "input"
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{stem}-{digest}.{EXTENSIONS[fmt]}"


def audit_one(source: str, out_dir: str, fmt: str, settings: Settings) -> dict:
    """Audit one input and write its report; never raises (a failure is a record)."""
    from .errors import FineprintError

    record: dict = {"source": source}
    try:
        from .isolate import audit
        from .report import render

        report = audit(source, settings, warm=True)  # within the per-document budget (fineprint/isolate.py)
        target = Path(out_dir) / report_name(source, fmt)
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_text(render(report, fmt), encoding="utf-8")
        os.replace(tmp, target)  # a report file is either complete or absent
        by = report.summary.by_severity
        record.update(status="ok", report=target.name, kind=report.document.kind,
                      language=report.document.language, sha256=report.document.sha256,
                      findings=len(report.findings), worst=report.worst_severity(),
                      by_severity={k: v for k, v in by.items() if v})
    except FineprintError as exc:
        record.update(status="error", error=exc.one_line())
    except MemoryError:
        record.update(status="error", error="out of memory")
    except Exception as exc:  # a broken input must not stop the batch; the record keeps the reason
        record.update(status="error", error=f"internal error: {type(exc).__name__}: {exc}")
    return record


def _status_path(out_dir: Path, source: str) -> Path:
    return out_dir / ".status" / (hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest() + ".json")


def _audit_and_record(source: str, out_dir: str, fmt: str, settings: Settings) -> dict:
    record = audit_one(source, out_dir, fmt, settings)
    status = _status_path(Path(out_dir), source)
    tmp = status.with_suffix(".part")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, status)
    return record


def run_batch(inputs: Iterable[str], out_dir: str | Path, *, fmt: str = "json", settings: Settings = DEFAULT,
              scheduler: str = "auto", workers: int | None = None, resume: bool = True,
              progress: bool = False) -> BatchSummary:
    """Audit every input into ``out_dir``; write ``out_dir/index.jsonl`` (one record per input, in input order)."""
    out = Path(out_dir)
    (out / ".status").mkdir(parents=True, exist_ok=True)
    sources = expand_inputs(inputs)
    done: dict[str, dict] = {}
    if resume:
        for s in sources:
            st = _status_path(out, s)
            if st.exists():
                try:
                    rec = json.loads(st.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                if rec.get("status") == "ok" and (out / rec.get("report", "")).is_file():
                    done[s] = rec
    todo = [s for s in sources if s not in done]
    new = _compute(todo, str(out), fmt, settings, scheduler, workers, progress) if todo else []
    records = {**done, **{r["source"]: r for r in new}}
    index = out / "index.jsonl"
    tmp = index.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for s in sources:
            fh.write(json.dumps(records[s], ensure_ascii=False) + "\n")
    os.replace(tmp, index)
    failed = sum(1 for s in sources if records[s]["status"] != "ok")
    return BatchSummary(ok=len(sources) - failed, failed=failed, skipped=len(done), index=index)


def _compute(todo: list[str], out: str, fmt: str, settings: Settings, scheduler: str, workers: int | None,
             progress: bool) -> list[dict]:
    if scheduler == "auto":
        scheduler = auto_scheduler(len(todo), workers)
    if scheduler == "sync" or len(todo) == 1:
        return [_audit_and_record(s, out, fmt, settings) for s in todo]
    from .batch_cluster import compute as compute_on_cluster, is_cluster

    if is_cluster(scheduler):  # dask.distributed: a local cluster or one at an address; a dead worker's inputs rerun
        return compute_on_cluster(_audit_and_record, todo, out, fmt, settings, scheduler, workers, progress)
    try:
        import dask
        import dask.bag as db
    except ImportError:
        from .errors import UsageError

        raise UsageError("parallel batches need Dask: pip install 'fineprint[batch]' (or use --scheduler sync)")
    workers = workers or os.cpu_count() or 1
    bag = db.from_sequence(todo, npartitions=min(len(todo), workers * 4)).map(
        _audit_and_record, out_dir=out, fmt=fmt, settings=settings)
    if scheduler not in ("processes", "threads"):
        from .errors import UsageError

        raise UsageError(f"unknown scheduler {scheduler!r}: use auto, local, processes, threads, sync or "
                         "tcp://HOST:PORT")
    kwargs = {"scheduler": scheduler, "num_workers": workers}
    pool = _orphan_proof_pool(workers) if scheduler == "processes" else None
    if pool is not None:
        kwargs["pool"] = pool
    try:
        if progress:
            from dask.diagnostics import ProgressBar

            with ProgressBar(out=sys.stderr):
                return bag.compute(**kwargs)
        return bag.compute(**kwargs)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def auto_scheduler(n_todo: int, workers: int | None) -> str:
    """``auto``: the local cluster when it pays (module docstring), else this process (also where the 'batch'
    extra, dask.distributed, is not installed)."""
    import importlib.util

    from . import batch_cluster

    if importlib.util.find_spec("distributed") is None:
        return "sync"
    if workers is not None:
        return "local" if workers > 1 and n_todo > 1 else "sync"
    return "local" if n_todo >= CLUSTER_FROM and batch_cluster.cores() > 1 else "sync"


def _orphan_proof_pool(workers: int):
    """Dask's local process pool, whose workers die with this process (a ``kill -9`` of the batch leaves no worker
    auditing the queue); None where that cannot be arranged (Dask then makes its own pool)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .isolate import die_with_parent

    try:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent,
                                   initargs=(os.getpid(),))
    except (ValueError, OSError, TypeError):
        return None


@click.command("batch")
@click.argument("inputs", nargs=-1)
@click.option("--from-file", "list_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Read inputs (paths or URLs) from FILE, one per line ('-' for stdin).")
@click.option("--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the reports and index.jsonl (created if needed).")
@click.option("--format", "-f", "fmt", type=click.Choice(list(EXTENSIONS)), default="json", show_default=True)
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of the explanations; a document in both English and French is read in that one only, "
                   "and one identified as another language (refused without it) is read as this one.")
@click.option("--scheduler", default="auto", show_default=True,
              help=f"auto (a local dask.distributed cluster, one worker per CPU, from {CLUSTER_FROM} inputs or "
                   "with --workers 2+; smaller batches run in this process) | local (always the cluster) | "
                   "tcp://HOST:PORT (an existing cluster) | processes | threads | sync. On a cluster a dead "
                   "worker's inputs rerun.")
@click.option("--workers", type=click.IntRange(1, 512), default=None, help="Local workers (default: CPU count).")
@click.option("--no-resume", is_flag=True, help="Audit again inputs that an earlier run already reported.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback/private addresses.")
@click.option("--trackers", "trackers_path", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--time-budget", type=click.FloatRange(1, 86400), default=None, help="Seconds per document (120).")
@click.option("--memory-budget", type=click.IntRange(64, 1 << 20), default=None, help="MB per document (2048).")
@click.option("--store", "store_url", default=None,
              help="Also record the reports in the results store (SQLAlchemy URL, SQLite path or 'default'; "
                   "needs --format json).")
@country_option
def batch_command(inputs, list_file, out_dir, fmt, lang, scheduler, workers, no_resume, allow_private,
                  trackers_path, time_budget, memory_budget, store_url, country):
    """Audit many INPUTS (files, folders, URLs) into one report per input plus OUT/index.jsonl.

    An input that fails is recorded in the index with its reason and the batch goes on. Exit status: 0 if every
    input was audited, 2 if any failed (see index.jsonl)."""
    from .errors import UsageError

    items = list(inputs)
    if list_file is not None:
        items += [line.strip() for line in list_file if line.strip() and not line.lstrip().startswith("#")]
    if not items:
        raise UsageError("no inputs: give files, folders or URLs, or --from-file LIST")
    if store_url and fmt != "json":
        raise UsageError("--store reads the JSON reports: use it with --format json")
    store = None
    if store_url:  # opened (and created) before the batch starts: a bad URL fails fast
        from .results import open_store

        store = open_store(store_url)
    from .settings import with_budgets

    settings = with_budgets(Settings(lang=lang, allow_private=allow_private, trackers_path=trackers_path,
                                     country=country),
                            time_budget, memory_budget)  # per document: docs/security.md
    summary = run_batch(items, out_dir, fmt=fmt, settings=settings, scheduler=scheduler, workers=workers,
                        resume=not no_resume, progress=sys.stderr.isatty())
    click.echo(f"{summary.ok} audited ({summary.skipped} from an earlier run), {summary.failed} failed; "
               f"index: {summary.index}", err=True)
    if store is not None:
        from .results.folder import record_batch

        with store:
            n = record_batch(store, out_dir)
        click.echo(f"{n} reports recorded in the results store", err=True)
    if summary.failed:
        sys.exit(2)
