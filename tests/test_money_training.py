"""The money model's data (training/money.py): the reading rounds are pointers into ../shared that still resolve to the
sentences that were read, from train services only, read twice on a sample with an agreement worth training on; and
the shipped model is the one those rows train (its data hash)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rounds(shared):
    from training import money

    return {lang: money._stored(lang) for lang in ("en", "fr")}


def test_the_readings_are_pointers_to_sentences_of_train_services(shared, rounds):
    from training import annotation as A

    for lang, rows in rounds.items():
        assert len(rows) >= 1400, lang
        for r in rows:
            assert "text" not in r and set(r["labels"]) <= {
                "money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture"}
            assert not A.is_first_sight(r["service"]), r  # the gate's services are never read for training
            raw = (shared / r["path"]).read_text(encoding="utf-8")[r["start"]:r["end"]]
            assert A.sentence_hash(raw) == r["sha"], r


def test_every_id_has_positives_in_both_languages(rounds):
    for lang, rows in rounds.items():
        for id_ in ("money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture"):
            assert sum(id_ in r["labels"] for r in rows) >= 15, (lang, id_)


def test_the_two_readings_agree(rounds):
    from training import money

    agreement = money.agreement()
    for lang in ("en", "fr"):
        assert agreement[lang]["sentences"] >= 100
        assert agreement[lang]["exact"] >= 0.9, agreement[lang]
        for id_, a in agreement[lang]["ids"].items():
            assert a["kappa"] is None or a["kappa"] >= 0.6, (lang, id_, a)


def test_the_shipped_model_was_trained_on_these_files(shared):
    from training import data as D
    from training import money

    meta = json.loads((ROOT / "fineprint" / "models" / "money" / "v1" / "meta.json").read_text(encoding="utf-8"))
    _rows, files = money.training_rows(shared)
    assert meta["train_sha256"] == money.data_sha256(files), "retrain: python -m training.money train"
    assert meta["labels"] == list(money.MONEY)


def test_a_reading_round_draws_unread_sentences_of_train_services_only(shared, tmp_path):
    import csv

    from training import annotation as A
    from training import money

    money.sample(tmp_path, {"en": 20}, helpers=2, double=4, unsure_share=0.5, seed=7)
    files = sorted(tmp_path.glob("money-en-*.tsv"))
    assert [f.name for f in files] == ["money-en-1.tsv", "money-en-2.tsv"]
    read = {f.name: [r["key"] for r in csv.DictReader(open(f, encoding="utf-8"), delimiter="\t")] for f in files}
    assert len(set(read["money-en-1.tsv"]) & set(read["money-en-2.tsv"])) == 4  # read twice, for the agreement
    assert len(set(read["money-en-1.tsv"]) | set(read["money-en-2.tsv"])) == 24
    stored = {(r["path"], r["start"]) for r in money._stored("en")}
    for key in set(read["money-en-1.tsv"]) | set(read["money-en-2.tsv"]):
        corpus, rel, start = A._parse_key(key)
        assert not A.is_first_sight(rel.split("/", 1)[0])
        assert (f"corpora/{corpus}/{rel}", start) not in stored  # never drawn again


def test_the_documents_read_but_not_yet_trained_on_still_point_at_their_sentences(shared, monkeypatch):
    import benchmarks.money_eval as me

    monkeypatch.setattr(me, "JUDGED", ROOT / "training" / "data" / "money-documents-unused.yaml")
    rows = me.load(shared, "train")  # raises where a sentence's hash no longer matches its file
    assert len(rows) == 15 and sum(len(r) for r in rows.values()) > 100
    from training import annotation as A

    assert not any(A.is_first_sight(path.split("/")[1]) for path in rows)
