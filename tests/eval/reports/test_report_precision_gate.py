"""Gate on whole reports of first-sight documents, judged by reading (benchmarks/report_precision.py).

Twenty-six current terms and privacy policies of first-sight services (fourteen English, twelve French reports,
read in three rounds); every rights.* and unfair.* finding read by two readers. A change that makes the findings the
readers judged false come back, or that drops findings judged right, moves the precision; a change that adds many
findings no one has read fails until they are read and recorded (benchmarks/report_precision_judged.yaml). The ten
documents of round 3 were also read whole for what the report missed: whole-report recall is gated too, so that a
change that loses red flags fails.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

FLOOR = 0.82  # measured 0.846 on 249 findings (English 0.838, French 0.860) on 2026-12-04; kappa 0.88
# 0.849 on 320 findings with round 3 (2026-12-04, session 9; kappa 0.91); 0.848 on 332 with round 3b (kappa 0.89)
RECALL_FLOOR = 0.45  # round 3 read whole: 61 of 127 red flags reported at the commit read (0.48; English 0.49, French 0.46)


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
