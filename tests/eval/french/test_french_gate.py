"""Gate: French clauses (sets written for fineprint, never trained on) through the English models + lexicon.

No shared data needed: these sets live here. Macro-F1 >= 0.80 per task is the issue's bar; baseline.json records
the measured scores (minus nothing) so a drop shows; the sets' sha256 guard against silent edits.
"""
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/eval/_gate.py
from _gate import PRACTICE_CODES, UNFAIR_CODES, baseline, matrix, predict, read_tsv, sha256_of  # noqa: E402

HERE = Path(__file__).resolve().parent
SETS = {"unfair": ("unfair_fr.tsv", UNFAIR_CODES), "practice": ("practice_fr.tsv", PRACTICE_CODES)}


def french_scores(task: str) -> dict:
    from fineprint.detectors.ml import PracticeDetector, UnfairDetector
    from fineprint.detectors.ml.metrics import lexglue_scores, multilabel_scores

    name, codes = SETS[task]
    texts, gold = read_tsv(HERE / name, codes)
    labels = list(codes.values())
    det = (UnfairDetector if task == "unfair" else PracticeDetector)().load()
    y, p = matrix(gold, labels), matrix(predict(det, texts, "fr"), labels)
    # unfair: the LexGLUE protocol (a "fair" class scored like the others); practice: the 12 categories
    return (lexglue_scores if task == "unfair" else multilabel_scores)(y, p) | {"n": len(texts), "y": y}


@pytest.mark.parametrize("task", ["unfair", "practice"])
def test_french_set_is_the_recorded_one(task):
    base = baseline(HERE)[task]
    assert sha256_of([HERE / SETS[task][0]]) == base["sha256"], "French set edited: re-run and re-record baseline"


@pytest.mark.parametrize("task", ["unfair", "practice"])
def test_french_set_has_25_per_category(task):
    sc = french_scores(task)
    counts = sc["y"].sum(0)
    assert counts.min() >= 25, counts
    if task == "unfair":
        assert int((sc["y"].sum(1) == 0).sum()) >= 25  # fair clauses too


@pytest.mark.parametrize("task", ["unfair", "practice"])
def test_french_macro_f1(task):
    base = baseline(HERE)[task]
    sc = french_scores(task)
    assert sc["macro_f1"] >= max(80.0, base["min_macro_f1"]), (sc["macro_f1"], np.round(sc["per_label"], 1))
