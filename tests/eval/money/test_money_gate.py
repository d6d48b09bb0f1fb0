"""Gate on money.* in whole documents, judged by reading (benchmarks/money_eval.py, benchmarks/money_judged.yaml).

Readers read first-sight documents whole and listed every sentence that makes the user pay the company's losses,
refuses a refund, renews automatically or lets a balance be lost. Two sets:
- ``gate``: 13 documents (8 English, 5 French) read after the rules were written and widened; no rule changed after
  it was read. Two documents were read by both readers (kappa 1.0 on their 500 decisions, 6 sentences each).
  Measured 2026-12-07: recall 0.323 (10 of 31 listed sentences), precision 1.0 (10 of 10 money findings); then,
  after the rules were widened from a reading of 14 train documents only (the ``train`` set): recall 0.387 (12 of
  31), precision 1.0 (12 of 12).
- ``development``: 10 documents read before the last widening of the rules, which drew on what that reading showed
  (not a clean measure; it guards against losing what was gained): recall 0.60, precision 0.954.
- ``train``: 14 documents of train services read whole to widen the rules from (recall 0.28 before, 0.54 after).
A change that makes the audit report money findings no reader listed, or lose listed ones, fails here.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

GATE_RECALL_FLOOR = 0.35
GATE_PRECISION_FLOOR = 0.90
DEVELOPMENT_RECALL_FLOOR = 0.55
DEVELOPMENT_PRECISION_FLOOR = 0.90


@pytest.fixture(scope="module")
def gate(shared):
    from benchmarks.money_eval import evaluate

    return evaluate(shared, "gate")


@pytest.fixture(scope="module")
def development(shared):
    from benchmarks.money_eval import evaluate

    return evaluate(shared, "development")


def test_money_findings_on_documents_never_tuned_on_hold(gate):
    assert gate["documents"] == 13
    assert gate["precision"] >= GATE_PRECISION_FLOOR, gate
    assert gate["recall"] >= GATE_RECALL_FLOOR, gate


def test_the_two_readers_agree_on_the_documents_both_read(gate):
    assert gate["agreement"]["documents"] == 2 and gate["agreement"]["kappa"] >= 0.8, gate["agreement"]


def test_what_the_development_reading_gained_is_kept(development):
    assert development["precision"] >= DEVELOPMENT_PRECISION_FLOOR, development
    assert development["recall"] >= DEVELOPMENT_RECALL_FLOOR, development


def test_what_the_train_reading_gained_is_kept(shared):
    from benchmarks.money_eval import evaluate

    train = evaluate(shared, "train")
    assert train["documents"] == 14 and train["recall"] >= 0.50 and train["precision"] >= 0.90, train


def test_the_judgements_hold_no_text(shared):
    """Pointers only (path, offset, length, hash): the documents' text stays in ../shared."""
    import yaml

    from benchmarks.money_eval import JUDGED, load

    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    for doc in data["documents"]:
        for s in doc["sentences"]:
            assert set(s) <= {"start", "length", "sha1", "ids", "readers"}, s
    assert sum(len(rows) for rows in load(shared).values()) > 130  # and every hash still matches the file


def test_the_script_refuses_a_missing_data_folder_in_one_line(tmp_path, capsys):
    from benchmarks.money_eval import main

    assert main(["--shared", str(tmp_path / "nowhere")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_reader_list_naming_an_unknown_document_is_reported_not_recorded(shared, tmp_path, monkeypatch, capsys):
    import benchmarks.money_eval as me

    monkeypatch.setattr(me, "JUDGED", tmp_path / "judged.yaml")
    tsv = tmp_path / "reader_x.tsv"
    tsv.write_text("document\tid\tsentence\nota-en/No Such Service/Terms.md\tmoney.no-refund\tAll sales are final.\n",
                   encoding="utf-8")
    assert me.main(["--record-from", str(tsv), "--as", "train", "--shared", str(shared)]) == 1
    assert "no such document" in capsys.readouterr().err
