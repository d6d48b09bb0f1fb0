"""Gate on whole reports of first-sight documents, judged by reading (benchmarks/report_precision.py).

Fifty-seven current terms and privacy policies of first-sight services (thirty-one English, twenty-six French
reports, read in six rounds); every rights.* and unfair.* finding read by two readers. A change that makes the findings the
readers judged false come back, or that drops findings judged right, moves the precision; a change that adds many
findings no one has read fails until they are read and recorded (benchmarks/report_precision_judged.yaml). The
forty-one documents of rounds 3 to 6 were also read whole for what the report missed: whole-report recall is gated
too, so that a change that loses red flags fails. Round 6 also judged the "Worth checking" list (findings below
--min-confidence, listed apart): its precision and the recall of a reader who reads it too are gated.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

# measured 0.846 on 249 findings (rounds 1-2), 0.849 on 320 (round 3, session 9), 0.848 on 332 (round 3b) and 0.855
# on 380 with round 4 (English 0.843, French 0.875; kappa 0.88), all on 2026-12-04; 0.844 on 456 with round 5
# (session 10: English 0.830, French 0.868; kappa 0.90; round 5 alone 0.776); 0.852 on 643 with round 6 (session 11:
# English 0.843, French 0.868; kappa 0.91; round 6 alone 0.846; round 5 0.776 -> 0.819 after the guards its false
# findings led to, so round 5 is no longer a clean measure); 0.854 after the user-ends fix seen in round 6 (round 6: 0.851)
FLOOR = 0.83
# rounds 3 and 4 read whole: 115 of 215 red flags reported (0.535; English 0.52, French 0.56); round 3 alone was 0.48
# at the commit its readers read; rounds 3-5 (session 10): 177 of 317 (0.558; English 0.547, French 0.579); rounds 3-6
# (session 11): 0.547 of 623 (English 0.563, French 0.520; round 6 alone 0.539)
RECALL_FLOOR = 0.50
# round 6: 24 of the 48 "Worth checking" items both readers agreed on were right (0.50); a reader who reads that list
# too sees 0.608 of the red flags (round 6 alone 0.618)
WORTH_CHECKING_FLOOR = 0.40
RECALL_WITH_WORTH_CHECKING_FLOOR = 0.56


@pytest.fixture(scope="module")
def result(shared):
    from benchmarks.report_precision import evaluate

    return evaluate(shared)


def test_whole_report_precision_holds(result):
    assert result["precision"] >= FLOOR, result


def test_whole_report_recall_holds(result):
    assert result["whole_report_recall"]["recall"] >= RECALL_FLOOR, result["whole_report_recall"]


def test_the_worth_checking_list_is_worth_reading(result):
    """The list below the floor is not noise: about half its items hold, and reading it finds red flags the counted
    findings miss."""
    worth = result["worth_checking"]
    assert worth["agreed"] >= 40 and worth["precision"] >= WORTH_CHECKING_FLOOR, worth
    whole = result["whole_report_recall"]
    assert whole["recall_with_worth_checking"] >= RECALL_WITH_WORTH_CHECKING_FLOOR, whole
    assert whole["recall_with_worth_checking"] > whole["recall"], whole


def test_the_readers_agree(result):
    assert result["kappa"] >= 0.8, result


def test_few_findings_are_unread(result):
    found = sum(p["findings"] for p in result["per_language"].values())
    assert len(result["unjudged"]) <= 0.1 * found, (
        f"{len(result['unjudged'])} of {found} findings were never judged: "
        "python benchmarks/report_precision.py --unjudged F.tsv, read them, record them")


def test_the_script_refuses_a_missing_data_folder_in_one_line(tmp_path, capsys):
    from benchmarks.report_precision import main

    assert main(["--shared", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not found" in err[0]
