"""Gate on money.* in whole documents, judged by reading (benchmarks/money_eval.py, benchmarks/money_judged.yaml).

Readers read first-sight documents whole and listed every sentence that makes the user pay the company's losses,
refuses a refund, renews automatically or lets a balance be lost. Five sets:
- ``gate``: 10 documents (Fox News, Sendinblue, AcuityAds, Infolinks, Myspace; Air Europa's and Austrian Airlines'
  conditions of carriage, Amazon, G7, WhatsApp in French) read in session 44 by two readers who saw neither the rules
  nor the model, while the model learnt from its second reading round; scored once, after, with nothing changed
  since, but for a guard a unit test asked for (model findings pass the rules' exclusions). Two documents read by
  both (kappa 1.0, on 5 listed sentences). Measured 2026-12-07: the rules alone recall 0.299 (32 of 107 listed
  sentence-ids), precision 0.909; rules and money model 0.374 / 0.927, then 0.364 / 0.925 with the guard.
- ``gate-2``: 15 documents (Booking.com, Microsoft, Xfinity, Ning, Cityscoot …) read by four readers in session 44
  and scored once the rules were frozen (rules 0.433 / 0.898; session 43's rules 0.418 / 0.911); the money model's
  thresholds were settled while it was being scored (rules and model 0.470 / 0.892), so it is a held-out set the
  model is not blind to.
- ``gate-3``: 8 documents (Kraken, Looker Studio, Yahoo's publisher terms, Firefox Monitor; the conditions of carriage
  of Air Corsica, Transavia and Volotea, Alibaba in French) read in session 45 by readers who saw neither the rules
  nor the model; the three airlines' conditions read again, whole, by three new readers with the training
  convention on fees kept from a refund (the first two readers of Air Corsica had disagreed on it). 111 listed
  sentence-ids. Scored five times (the model card says when and why): with the shipped rules and model 0.396 / 0.933
  (rules alone 0.360 / 0.927). The first-sight documents with money terms are now all read: this is the last fresh
  set.
- ``development``: 23 first-sight documents whose misses the rules were widened from (sessions 43 and 44; not a clean
  measure, it guards against losing what was gained): recall 0.80, precision 0.96.
- ``train``: 24 documents of train services read whole to widen the rules from (14 in sessions 43-44, ten airlines'
  conditions of carriage in session 45; recall 0.76, precision 0.97: the
  money model trains on them, and on the development set's).
A change that makes the audit report money findings no reader listed, or lose listed ones, fails here.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

GATE_RECALL_FLOOR = 0.33
GATE_PRECISION_FLOOR = 0.85
GATE_2_RECALL_FLOOR = 0.42
GATE_3_RECALL_FLOOR = 0.37
DEVELOPMENT_RECALL_FLOOR = 0.75
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
    assert gate["documents"] == 10
    assert gate["precision"] >= GATE_PRECISION_FLOOR, gate
    assert gate["recall"] >= GATE_RECALL_FLOOR, gate


def test_the_second_held_out_set_holds(shared):
    from benchmarks.money_eval import evaluate

    gate_2 = evaluate(shared, "gate-2")
    assert gate_2["documents"] == 15 and gate_2["agreement"]["documents"] == 4, gate_2
    assert gate_2["precision"] >= GATE_PRECISION_FLOOR and gate_2["recall"] >= GATE_2_RECALL_FLOOR, gate_2


def test_the_two_readers_agree_on_the_documents_both_read(gate):
    assert gate["agreement"]["documents"] == 2 and gate["agreement"]["kappa"] >= 0.8, gate["agreement"]


def test_what_the_development_reading_gained_is_kept(development):
    assert development["precision"] >= DEVELOPMENT_PRECISION_FLOOR, development
    assert development["recall"] >= DEVELOPMENT_RECALL_FLOOR, development


def test_what_the_train_reading_gained_is_kept(shared):
    from benchmarks.money_eval import evaluate

    train = evaluate(shared, "train")
    assert train["documents"] == 24 and train["recall"] >= 0.65 and train["precision"] >= 0.90, train


def test_the_judgements_hold_no_text(shared):
    """Pointers only (path, offset, length, hash): the documents' text stays in ../shared."""
    import yaml

    from benchmarks.money_eval import JUDGED, load

    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    for doc in data["documents"]:
        for s in doc["sentences"]:
            assert set(s) <= {"start", "length", "sha1", "ids", "readers"}, s
    assert sum(len(rows) for rows in load(shared).values()) > 360  # and every hash still matches the file


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


def test_a_sentence_the_reader_joined_across_a_hard_line_break_is_found(tmp_path, monkeypatch):
    """A hard-wrapped file breaks sentences with a blank line; a reader copies the sentence joined with one space."""
    import yaml

    import benchmarks.money_eval as me

    doc = tmp_path / "corpora" / "ota-fr" / "Shop" / "Terms.md"
    doc.parent.mkdir(parents=True)
    doc.write_text("# CGV\n\nLes cartes cadeaux ne sont pas\n\nremboursables, même en cas de perte.\n", encoding="utf-8")
    monkeypatch.setattr(me, "JUDGED", tmp_path / "judged.yaml")
    tsv = tmp_path / "reader_y.tsv"
    tsv.write_text("document\tid\tsentence\nota-fr/Shop/Terms.md\tmoney.no-refund\t"
                   "Les cartes cadeaux ne sont pas remboursables, même en cas de perte.\n", encoding="utf-8")
    assert me.main(["--record-from", str(tsv), "--as", "gate", "--shared", str(tmp_path)]) == 0
    (row,) = yaml.safe_load(me.JUDGED.read_text(encoding="utf-8"))["documents"][0]["sentences"]
    raw = doc.read_text(encoding="utf-8")
    assert raw[row["start"]:row["start"] + row["length"]].endswith("même en cas de perte.")
    assert "\n\n" in raw[row["start"]:row["start"] + row["length"]]


def test_the_third_held_out_set_holds(shared):
    from benchmarks.money_eval import evaluate

    gate_3 = evaluate(shared, "gate-3")
    assert gate_3["documents"] == 8, gate_3
    assert gate_3["precision"] >= GATE_PRECISION_FLOOR and gate_3["recall"] >= GATE_3_RECALL_FLOOR, gate_3
