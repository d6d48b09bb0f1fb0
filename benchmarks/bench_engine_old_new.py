#!/usr/bin/env python3
"""Old against new, side by side in one run: the rules-engine rewrite of issue 10 must not be slower.

    python benchmarks/bench_engine_old_new.py --old /work/wt-rules-old [--new .] [--repeat 7] [--no-write]

OLD and NEW are checkouts, e.g. a git worktree of main: `git worktree add --detach /work/wt-rules-old main`; each
runs with its own `.venv` if it has one, else with this Python's packages and the checkout's code first on the path
(the two need the same packages but pyahocorasick, which the old code does not import). Every measure runs the two alternately
(old, new, old, new ...) as fresh processes, each side with its own cache folder, and reports medians:
- `fineprint --help` start-up;
- a one-document audit (`examples/cash-reward-rules.md`, JSON) as a new process, caches warm, and with an empty
  cache folder (the very first run after install);
- `fineprint classify --lang en` on 1,600 UNFAIR-ToS validation sentences as a new process (old: its default, the
  rules forked into a second process, and FINEPRINT_PARALLEL=0; new: its default, the rules in a second process
  on 2+ cores, and `--jobs 1`);
- the trained models alone (load and score the 1,600 sentences, CPU seconds), the new code with the old checkout's
  model files and with its own: the models were retrained in between;
- throughput in one process: the 43 documents of tests/golden (benchmarks/rules_golden.py), first pass and warm
  (best of two more passes), and the rules alone on the 2,275 UNFAIR-ToS validation sentences (best of three).
Results go to docs/benchmarks.md with the machine and the date.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import ROOT, SHARED, machine, today, write_section  # noqa: E402

N_SENTENCES = 1600

WARM = r"""
import json, sys, time, importlib.util
from pathlib import Path
spec = importlib.util.spec_from_file_location("g", sys.argv[1]); g = importlib.util.module_from_spec(spec)
spec.loader.exec_module(g)
from fineprint.pipeline import audit
from fineprint.detectors.registry import text_detectors
from fineprint.model import Clause
docs = [p for _, p, _ in g.corpus(Path(sys.argv[2]))]
def timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t
first_audit = timed(lambda: [audit(str(p)) for p in docs])
audit_s = min(timed(lambda: [audit(str(p)) for p in docs]) for _ in range(2))
texts = [json.loads(l)["text"] for l in open(Path(sys.argv[2]) / "datasets/unfair_tos/validation.jsonl", encoding="utf-8")]
rules = text_detectors(["rules"])[0]
cl = [Clause(id=str(i), start=0, end=len(x), text=x, language="en") for i, x in enumerate(texts)]
rules_s = min(timed(lambda: rules.scores(cl, "en")) for _ in range(3))
print(json.dumps({"docs": len(docs), "first_audit_s": first_audit, "audit_s": audit_s, "sentences": len(texts),
                  "rules_s": rules_s}))
"""

MODELS = r"""
import json, sys, time
from pathlib import Path
from fineprint.detectors.ml import PracticeDetector, RightsModelDetector, UnfairDetector
from fineprint.detectors.ml.transparency import TransparencyDetector
from fineprint.model import Clause
texts = sys.stdin.read().splitlines()
clauses = [Clause(id=str(i), start=0, end=len(x), text=x, language="en") for i, x in enumerate(texts)]
t = time.process_time()
for cls in (RightsModelDetector, UnfairDetector, PracticeDetector, TransparencyDetector):
    det = cls(models_root=Path(sys.argv[1])).load()
    det.decisions(clauses, "en"), det.scores(clauses, "en")
print(json.dumps({"cpu_s": time.process_time() - t}))
"""


class Side:
    def __init__(self, name: str, checkout: Path, scratch: Path) -> None:
        self.name = name
        self.checkout = checkout.resolve()
        own = self.checkout / ".venv" / "bin" / "python"
        # a checkout without its own environment runs with this one's packages and its own code first on the path
        self.python = str(own) if own.exists() else sys.executable
        self.cache = scratch / f"cache-{name}"

    def run(self, args: list[str], stdin: bytes | None = None, env: dict | None = None, cache: Path | None = None):
        import os

        # byte code compiled once per side into the scratch folder, as an installed copy has it (a checkout run with
        # PYTHONDONTWRITEBYTECODE=1 would compile its edited modules from source in every process)
        full_env = {**os.environ, "FINEPRINT_CACHE_DIR": str(cache or self.cache), "PYTHONPATH": str(self.checkout),
                    "PYTHONPYCACHEPREFIX": str(self.cache.parent / f"pycache-{self.name}"), **(env or {})}
        full_env.pop("PYTHONDONTWRITEBYTECODE", None)
        full_env.pop("FINEPRINT_PARALLEL", None) if "FINEPRINT_PARALLEL" not in (env or {}) else None
        t = time.perf_counter()
        done = subprocess.run([self.python, *args], input=stdin, capture_output=True, cwd=self.checkout, env=full_env,
                              timeout=600)
        wall = time.perf_counter() - t
        if done.returncode not in (0, 1):
            raise SystemExit(f"{self.name}: {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
        return wall, done.stdout


def alternate(sides, measure, repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {s.name: [] for s in sides}
    for _ in range(repeat):
        for s in sides:
            times[s.name].append(measure(s))
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", type=Path, required=True)
    ap.add_argument("--new", type=Path, default=ROOT)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    import os

    load_before = [round(x, 2) for x in os.getloadavg()]
    scratch = Path(tempfile.mkdtemp(prefix="fineprint-oldnew-"))
    old, new = Side("old", args.old, scratch), Side("new", args.new, scratch)
    sides = (old, new)
    texts = [json.loads(line)["text"] for line in open(SHARED / "datasets" / "unfair_tos" / "validation.jsonl",
                                                         encoding="utf-8")][:N_SENTENCES]
    stdin = ("\n".join(t.replace("\n", " ") for t in texts) + "\n").encode("utf-8")
    doc = "examples/cash-reward-rules.md"
    for s in sides:  # warm each side's caches once
        s.run(["-m", "fineprint", "audit", doc, "--format", "json"])
        s.run(["-m", "fineprint", "classify", "--lang", "en"], stdin=stdin)
    rows: list[tuple[str, float, float]] = []
    r = alternate(sides, lambda s: s.run(["-m", "fineprint", "--help"])[0], args.repeat * 2)
    rows.append(("`fineprint --help`", r["old"], r["new"]))
    r = alternate(sides, lambda s: s.run(["-m", "fineprint", "audit", doc, "--format", "json"])[0], args.repeat)
    rows.append(("one-document audit, new process, caches warm", r["old"], r["new"]))

    def empty_cache(s: Side) -> float:
        folder = scratch / f"empty-{s.name}"
        shutil.rmtree(folder, ignore_errors=True)
        return s.run(["-m", "fineprint", "audit", doc, "--format", "json"], cache=folder)[0]

    r = alternate(sides, empty_cache, max(3, args.repeat // 2))
    rows.append(("one-document audit, new process, empty cache folder", r["old"], r["new"]))
    r = alternate(sides, lambda s: s.run(["-m", "fineprint", "classify", "--lang", "en"], stdin=stdin)[0],
                  args.repeat)
    rows.append((f"`classify --lang en`, {N_SENTENCES} sentences (default; old: rules forked; new: rules, practice and transparency in a second process when about two cores are free right now, else one process)",
                 r["old"], r["new"]))
    r1 = alternate((old,), lambda s: s.run(["-m", "fineprint", "classify", "--lang", "en"], stdin=stdin,
                                           env={"FINEPRINT_PARALLEL": "0"})[0], args.repeat)
    r2 = alternate((new,), lambda s: s.run(["-m", "fineprint", "classify", "--lang", "en", "--jobs", "1"],
                                           stdin=stdin)[0], args.repeat)
    rows.append((f"`classify`, {N_SENTENCES} sentences (one process; old: FINEPRINT_PARALLEL=0, new: `--jobs 1`)",
                 r1["old"], r2["new"]))
    warm: dict[str, list[dict]] = {"old": [], "new": []}
    for _ in range(max(3, args.repeat // 2)):
        for s in sides:
            out = s.run(["-c", WARM, str(ROOT / "benchmarks" / "rules_golden.py"), str(SHARED)])[1]
            warm[s.name].append(json.loads(out))
    med = {k: {f: statistics.median(x[f] for x in v) for f in ("first_audit_s", "audit_s", "rules_s")}
           for k, v in warm.items()}
    n_docs, n_sent = warm["new"][0]["docs"], warm["new"][0]["sentences"]
    rows.append((f"in-process audit of the {n_docs} golden documents, first pass (rules compiled as needed)",
                 med["old"]["first_audit_s"], med["new"]["first_audit_s"]))
    rows.append((f"in-process audit of the {n_docs} golden documents, warm (best of 2 more passes)",
                 med["old"]["audit_s"], med["new"]["audit_s"]))
    rows.append((f"rules alone, {n_sent} UNFAIR-ToS sentences, warm (best of 3 passes)", med["old"]["rules_s"],
                 med["new"]["rules_s"]))
    # The models were retrained after the old commit (larger vocabularies): the same new code loading and scoring
    # with each side's model files says how much of a classify difference is the models, not the engine.
    models: dict[str, list[float]] = {"old": [], "new": []}
    for s in sides:  # the first run decompresses each side's model files into the cache
        new.run(["-c", MODELS, str(s.checkout / "fineprint" / "models")], stdin=stdin)
    for _ in range(args.repeat):
        for s in sides:
            out = new.run(["-c", MODELS, str(s.checkout / "fineprint" / "models")], stdin=stdin)[1]
            models[s.name].append(json.loads(out)["cpu_s"])
    rows.append((f"the four trained models alone, load + score {N_SENTENCES} sentences, new code with each side's "
                 "model files (CPU seconds)", statistics.median(models["old"]), statistics.median(models["new"])))
    old_rev = subprocess.run(["git", "-C", str(old.checkout), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
    load_after = [round(x, 2) for x in os.getloadavg()]
    lines = [f"Measured {today()} on {machine()}, load average {load_before} before and {load_after} after; "
             f"old = main at {old_rev} (rules.py with re._parser gates, "
             "regex_cache.py, forked.py), new = this branch (rules/ package, plain re.compile, Aho-Corasick prefilter, "
             "cache.py). Medians of alternating fresh runs (old, new, old, new …), wall seconds; each side has its "
             "own cache folder. The machine is shared (2 cores, other jobs running): differences under about 10 % "
             "are noise.", "",
             "| measure | old (s) | new (s) | new / old |", "|---|---:|---:|---:|"]
    for name, a, b in rows:
        lines.append(f"| {name} | {a:.3f} | {b:.3f} | {b / a:.2f} |")
    body = "## Rules engine rewrite, old against new (`benchmarks/bench_engine_old_new.py`)\n\n" + "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section(ROOT / "docs" / "benchmarks.md", "engine-old-new", body)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
