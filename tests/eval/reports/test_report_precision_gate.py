"""Gate on whole reports of first-sight documents, judged by reading (benchmarks/report_precision.py).

Seventy-five current terms and privacy policies of first-sight services (forty-one English, thirty-four French
reports, read in eight rounds); every rights.* and unfair.* finding read by two readers. A change that makes the findings the
readers judged false come back, or that drops findings judged right, moves the precision; a change that adds many
findings no one has read fails until they are read and recorded (benchmarks/report_precision_judged.yaml). The
fifty-nine documents of rounds 3 to 8 were also read whole for the red flags (round 8: listed blind, before any
finding was shown): whole-report recall is gated too, so that a change that loses red flags fails. Round 6 also judged the "Worth checking" list (findings below
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
# 0.858 on 847 with round 7 (session 12; round 7 alone 0.860); 0.857 on 1,128 with round 8 (session 13: English
# 0.854, French 0.864; kappa 0.92; round 8 alone 0.851); 0.859 on 1,163 after round 8b (32 of 35 right)
FLOOR = 0.83
# rounds 3 and 4 read whole: 115 of 215 red flags reported (0.535; English 0.52, French 0.56); round 3 alone was 0.48
# at the commit its readers read; rounds 3-5 (session 10): 177 of 317 (0.558; English 0.547, French 0.579); rounds 3-6
# (session 11): 0.547 of 623 (English 0.563, French 0.520; round 6 alone 0.539)
# rounds 3-8 (session 13): 0.568 of 1,394 (a red flag counted once; English 0.582, French 0.539; round 8 alone, listed
# blind, 0.511)
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


def test_a_missed_clause_later_found_and_judged_right_is_one_red_flag(tmp_path, monkeypatch):
    """Round 8b judged findings that earlier readers had listed as missed: the same (id, clause) is one red flag."""
    import benchmarks.report_precision as rp

    judged = tmp_path / "judged.yaml"
    judged.write_text(
        "documents:\n"
        "- path: corpora/x.md\n  language: en\n  round: 3\n"
        "  findings:\n"
        "  - {id: unfair.arbitration, sha1: aaa, verdicts: [tp, tp]}\n"
        "  - {id: unfair.limitation-of-liability, sha1: bbb, verdicts: [tp, tp], round: 3b}\n"
        "  misses:\n"
        "  - {id: unfair.limitation-of-liability, sha1: bbb, start: 0, named_by: 2}\n"
        "  - {id: unfair.jurisdiction, sha1: ccc, start: 9, named_by: 2}\n", encoding="utf-8")
    monkeypatch.setattr(rp, "JUDGED", judged)
    monkeypatch.setattr(rp, "audited", lambda shared, doc, lang=None: (
        [("unfair.arbitration", "aaa", 0, "a"), ("unfair.limitation-of-liability", "bbb", 5, "b")], []))
    whole = rp.evaluate(tmp_path)["whole_report_recall"]
    assert whole["per_language"]["en"]["red_flags"] == 3
    assert whole["recall"] == round(2 / 3, 3)
