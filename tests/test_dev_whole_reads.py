"""benchmarks/dev_whole_reads.py: red flags of development-service documents read whole, kept as pointers into
../shared, and the recall of today's reports on them (a design tool; the first-sight rounds are the measure)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import dev_whole_reads as W  # noqa: E402


def test_every_pointer_reads_back_the_sentence_read_and_only_development_services(shared):
    import yaml

    from training import annotation as A

    data = yaml.safe_load(W.READS.read_text(encoding="utf-8"))
    assert len(data["documents"]) >= 8
    for doc in data["documents"]:
        service = doc["path"].split("/")[2]
        assert A.is_dev(service) and not A.is_first_sight(service), service
        flags = W.sentences(shared, doc)
        assert flags and all(f["id"].startswith(("rights.", "unfair.")) for f, _ in flags)
        assert all(len(q) == f["length"] for f, q in flags)
        assert all(1 <= f["named_by"] <= doc["readers"] for f in doc["flags"])
    assert any(doc["readers"] == 2 for doc in data["documents"])  # some were read twice, blind


def test_in_a_document_read_twice_only_the_flags_both_readers_named_count(shared):
    import yaml

    doc = next(d for d in yaml.safe_load(W.READS.read_text(encoding="utf-8"))["documents"]
               if d["readers"] == 2 and any(f["named_by"] == 1 for f in d["flags"]))
    counted = W.sentences(shared, doc)
    assert len(counted) == sum(f["named_by"] == 2 for f in doc["flags"]) < len(doc["flags"])


def test_a_moved_sentence_is_an_error_not_a_silent_miss(shared, tmp_path):
    import yaml

    doc = yaml.safe_load(W.READS.read_text(encoding="utf-8"))["documents"][0]
    doc = {**doc, "flags": [{**doc["flags"][0], "start": doc["flags"][0]["start"] + 1}]}
    with pytest.raises(ValueError, match="not the one read"):
        W.sentences(shared, doc)


def test_recall_counts_a_red_flag_only_where_the_report_has_that_id_on_that_sentence(shared, monkeypatch, tmp_path):
    """A reported red flag needs the same id on a clause sharing six consecutive words; a flag whose id the report
    never gives is listed as missed."""
    import yaml

    doc = yaml.safe_load(W.READS.read_text(encoding="utf-8"))["documents"][0]
    reads = tmp_path / "reads.yaml"
    reads.write_text(yaml.safe_dump({"documents": [doc]}), encoding="utf-8")
    monkeypatch.setattr(W, "READS", reads)
    missed = {(m["id"], m["sentence"]) for m in W.evaluate(shared, misses=True)["documents"][doc["path"]]["missed"]}
    real = next(f for f, q in W.sentences(shared, doc) if (f["id"], q[:300]) not in missed)
    fake = {**real, "id": "rights.moral-rights-waiver"}  # the same sentence under an id nothing reports there
    reads.write_text(yaml.safe_dump({"documents": [{**doc, "flags": [real, fake]}]}), encoding="utf-8")
    monkeypatch.setattr(W, "READS", reads)
    got = W.evaluate(shared, misses=True)
    entry = got["documents"][doc["path"]]
    assert entry["red_flags"] == 2 and entry["reported"] == 1
    assert [m["id"] for m in entry["missed"]] == ["rights.moral-rights-waiver"]


def test_without_the_corpora_it_says_so_in_one_line(tmp_path, capsys):
    assert W.main(["--shared", str(tmp_path)]) == 2
    assert "no corpora" in capsys.readouterr().err
