"""Gate on whole reports of first-sight documents, judged by reading (benchmarks/report_precision.py).

Forty-eight current terms and privacy policies of first-sight services (twenty-six English, twenty-two French
reports, read in five rounds); every rights.* and unfair.* finding read by two readers. A change that makes the findings the
readers judged false come back, or that drops findings judged right, moves the precision; a change that adds many
findings no one has read fails until they are read and recorded (benchmarks/report_precision_judged.yaml). The
thirty-two documents of rounds 3 to 5 were also read whole for what the report missed: whole-report recall is gated
too, so that a change that loses red flags fails.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

# measured 0.846 on 249 findings (rounds 1-2), 0.849 on 320 (round 3, session 9), 0.848 on 332 (round 3b) and 0.855
# on 380 with round 4 (English 0.843, French 0.875; kappa 0.88), all on 2026-12-04; 0.844 on 456 with round 5
# (session 10: English 0.830, French 0.868; kappa 0.90; round 5 alone 0.776)
FLOOR = 0.83
# rounds 3 and 4 read whole: 115 of 215 red flags reported (0.535; English 0.52, French 0.56); round 3 alone was 0.48
# at the commit its readers read; rounds 3-5 (session 10): 177 of 317 (0.558; English 0.547, French 0.579)
RECALL_FLOOR = 0.50


@pytest.fixture(scope="module")
def result(shared):
    from benchmarks.report_precision import evaluate

    return evaluate(shared)


def test_whole_report_precision_holds(result):
    assert result["precision"] >= FLOOR, result


def test_whole_report_recall_holds(result):
    assert result["whole_report_recall"]["recall"] >= RECALL_FLOOR, result["whole_report_recall"]


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
