"""Gate: the shipped practice/v2 model must keep its OPP-115 (PrivacyGLUE Majority) validation scores."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/eval/_gate.py
from _gate import PRACTICE_CODES, baseline, matrix, predict, sha256_of  # noqa: E402

HERE = Path(__file__).resolve().parent
LABELS = list(PRACTICE_CODES.values())


@pytest.fixture(scope="module")
def scored(shared):
    from fineprint.detectors.ml import PracticeDetector
    from fineprint.detectors.ml.metrics import multilabel_scores
    from training.data import PRACTICE_LABELS, opp_split

    split = opp_split(shared / "datasets", "validation")
    base = baseline(HERE)
    if sha256_of(split.files) != base["data_sha256"]:
        pytest.fail(f"validation data changed ({split.files[0]}): re-train and re-record {HERE / 'baseline.json'}")
    assert list(PRACTICE_LABELS) == LABELS
    pred = predict(PracticeDetector().load(), split.texts, "en")
    return multilabel_scores(split.y, matrix(pred, LABELS)), base


def test_macro_f1_not_below_baseline(scored):
    sc, base = scored
    assert sc["macro_f1"] >= base["min_macro_f1"], f"macro-F1 {sc['macro_f1']:.2f} < {base['min_macro_f1']}"


def test_micro_f1_not_below_baseline(scored):
    sc, base = scored
    assert sc["micro_f1"] >= base["min_micro_f1"], f"micro-F1 {sc['micro_f1']:.2f} < {base['min_micro_f1']}"


def test_every_category_is_found(scored):
    sc, base = scored
    weak = {lab: round(float(f), 1) for lab, f in zip(LABELS, sc["per_label"]) if f < base["min_label_f1"]}
    assert not weak, f"categories below {base['min_label_f1']} F1: {weak}"
