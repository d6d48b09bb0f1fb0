"""F1 scores as the published benchmarks compute them (numpy only, so gates and benchmarks share one definition)."""
from __future__ import annotations

import numpy as np


def per_label_f1(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """F1 of each column of 0/1 matrices (0 where a label has neither gold nor predicted positives)."""
    y, p = y.astype(bool), p.astype(bool)
    tp = (y & p).sum(0)
    denom = 2 * tp + (~y & p).sum(0) + (y & ~p).sum(0)
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def micro_f1(y: np.ndarray, p: np.ndarray) -> float:
    y, p = y.astype(bool), p.astype(bool)
    tp = (y & p).sum()
    denom = 2 * tp + (~y & p).sum() + (y & ~p).sum()
    return float(2 * tp / denom) if denom else 0.0


def lexglue_scores(y: np.ndarray, p: np.ndarray) -> dict:
    """LexGLUE UNFAIR-ToS protocol: a ninth "no label" class is added to gold and prediction before scoring.
    Returns micro/macro F1 in percent and the per-class F1 (the last one is the "none" class)."""
    y9 = np.hstack([y, (y.sum(1) == 0)[:, None]])
    p9 = np.hstack([p, (p.sum(1) == 0)[:, None]])
    per = per_label_f1(y9, p9)
    return {"micro_f1": 100 * micro_f1(y9, p9), "macro_f1": 100 * float(per.mean()), "per_label": 100 * per}


def multilabel_scores(y: np.ndarray, p: np.ndarray) -> dict:
    """PrivacyGLUE OPP-115: macro-F1 over the labels (and micro-F1), in percent."""
    per = per_label_f1(y, p)
    return {"micro_f1": 100 * micro_f1(y, p), "macro_f1": 100 * float(per.mean()), "per_label": 100 * per}
