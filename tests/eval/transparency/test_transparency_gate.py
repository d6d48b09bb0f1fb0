"""Gate: the shipped transparency/v1 model on the GDPR-T200 test fifth (policies never trained or tuned on) and on
our French annotations. Document level: for each id, is it disclosed somewhere in the policy or missing? Floors sit a
little under the numbers measured at training time (docs/transparency.md), so a regression fails."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # the training package lives beside fineprint/, not inside it
    sys.path.insert(0, str(ROOT))

MIN_MACRO_F1 = 0.84  # measured 0.869 (see docs/transparency.md)
MIN_MISSING_F1_MEAN = 0.87  # measured 0.90
MIN_FRENCH_MACRO_F1 = 0.90  # measured 0.927
# every id must still separate disclosed from missing documents better than chance on the test policies
MIN_ID_MACRO_F1 = 0.45


@pytest.fixture(scope="module")
def test_result(shared):
    from training.transparency import evaluate, load_policies

    if not (shared / "datasets" / "gdpr_t200").is_dir():
        pytest.skip("gdpr_t200 not present")
    policies = [p for p in load_policies(shared / "datasets") if p["split"] == "test"]
    assert len(policies) == 30, "the test fifth is fixed by the policy names; the dataset changed"
    return evaluate(policies)


def test_document_macro_f1(test_result):
    assert test_result["macro_f1"] >= MIN_MACRO_F1, test_result["macro_f1"]


def test_missing_disclosures_are_found(test_result):
    assert test_result["missing_f1_mean"] >= MIN_MISSING_F1_MEAN, test_result["missing_f1_mean"]


def test_no_id_collapses(test_result):
    weak = {fid: s["macro_f1"] for fid, s in test_result["per_id"].items() if s["macro_f1"] < MIN_ID_MACRO_F1}
    assert not weak, weak


def test_french_annotated_policies(shared):
    from training.transparency import evaluate_french

    if not (shared / "corpora" / "ota-fr").is_dir():
        pytest.skip("ota-fr corpus not present")
    result = evaluate_french(shared)
    assert set(result["kinds"].values()) == {"privacy-policy"}, result["kinds"]
    assert result["macro_f1"] >= MIN_FRENCH_MACRO_F1, result["macro_f1"]


# French policies read after the cues were written (first sight): floors a little under the measured 0.66 / 0.92
MIN_FRENCH_FIRST_SIGHT_MACRO_F1 = 0.62
MIN_FRENCH_FIRST_SIGHT_DISCLOSED_F1 = 0.88


def test_french_first_sight_policies(shared):
    from training.transparency import FRENCH_FIRST_SIGHT, evaluate_french

    if not (shared / "corpora" / "ota-fr").is_dir():
        pytest.skip("ota-fr corpus not present")
    result = evaluate_french(shared, path=FRENCH_FIRST_SIGHT)
    assert result["policies"] == 10
    assert result["macro_f1"] >= MIN_FRENCH_FIRST_SIGHT_MACRO_F1, result["macro_f1"]
    assert result["disclosed_f1_mean"] >= MIN_FRENCH_FIRST_SIGHT_DISCLOSED_F1, result["disclosed_f1_mean"]
