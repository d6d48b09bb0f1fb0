"""The label review (training/review.py) and the French paragraph set (training/paragraphs.py): what a maintainer
relies on — the re-reader never sees the stored labels, disagreements go to adjudication in a random order, an
adjudicated set replaces only rights.*/unfair.*, and paragraphs point into the file without headings or tables."""
from __future__ import annotations

import json
from pathlib import Path

from training import paragraphs as P
from training import review as R


def _write(path: Path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_disagreements_become_blind_adjudication_items(tmp_path):
    work = tmp_path
    items = [{"key": f"ota-en:S/Terms.md:{i}", "service": "S", "doc": "Terms", "kind": "terms", "text": f"t{i}"}
             for i in range(3)]
    _write(work / "relabel-en.jsonl", items)
    _write(work / "why-en.private.jsonl", [
        {"key": items[0]["key"], "stored": ["unfair.arbitration"], "why": []},
        {"key": items[1]["key"], "stored": [], "why": []},
        {"key": items[2]["key"], "stored": ["rights.perpetual"], "why": []}])
    _write(work / "relabel-en-1.answers.jsonl", [
        {"key": items[0]["key"], "labels": ["unfair.arbitration"]},                       # agrees
        {"key": items[1]["key"], "labels": ["unfair.jurisdiction", "practice.introductory"]},  # adds an id
        {"key": items[2]["key"], "labels": []}])                                           # removes one
    assert "stored" not in (work / "relabel-en.jsonl").read_text()  # the re-reader's file has no labels
    stats = R.disagreements(work, log=lambda m: None)
    assert stats["en"] == {"re-read": 3, "same set": 1, "differ": 2, "ids differing": 2}
    adj = [json.loads(x) for x in (work / "adjudicate-en.jsonl").read_text().splitlines()]
    assert {a["key"] for a in adj} == {items[1]["key"], items[2]["key"]}
    for a in adj:  # both readings shown, practice.* left out of the review
        assert sorted([a["reading_a"], a["reading_b"]]) in ([[], ["unfair.jurisdiction"]], [[], ["rights.perpetual"]])


def test_adjudicated_labels_keep_only_reviewed_families(tmp_path):
    _write(tmp_path / "adjudicated-en.answers.jsonl",
           [{"key": "k1", "labels": ["unfair.jurisdiction", "practice.introductory"]}, {"key": "k2", "labels": []}])
    assert R.adjudicated([tmp_path]) == {"k1": ["unfair.jurisdiction"], "k2": []}


def test_paragraphs_point_into_the_file_and_skip_headings_tables_and_fragments(tmp_path, monkeypatch):
    corpus = tmp_path / "ota-fr" / "Acme"
    corpus.mkdir(parents=True)
    body = ("# Politique de confidentialité\n\n"
            "Vos données peuvent être transférées vers les États-Unis, où la législation n'offre pas le même niveau "
            "de protection que dans l'Union européenne, et conservées aussi longtemps que nécessaire.\n\n"
            "| Données | Durée |\n|---|---|\n| compte | 3 ans |\n\n"
            "Trop court.\n")
    (corpus / "Privacy Policy.md").write_text(body, encoding="utf-8")
    paras = P.document_paragraphs("Acme/Privacy Policy.md", root=tmp_path)
    assert len(paras) == 1
    p = paras[0]
    assert body[p.start:p.end].startswith("Vos données") and p.text.endswith("nécessaire.")
    assert p.key == "ota-fr:Acme/Privacy Policy.md:" + str(p.start)


def test_targeted_review_changes_a_label_only_where_both_readers_agree_against_it(tmp_path, monkeypatch):
    from training import annotation as A

    ann = tmp_path / "annotations"
    ann.mkdir()
    monkeypatch.setattr(A, "ANNOTATIONS_DIR", ann)
    row = {"service": "S", "doc": "Terms", "split": "train", "annotator": "en-1", "sha": "x", "end": 9}
    _write(ann / "ota-en.jsonl", [
        {**row, "path": "corpora/ota-en/S/Terms.md", "start": 0, "labels": []},                           # both: yes
        {**row, "path": "corpora/ota-en/S/Terms.md", "start": 10, "labels": ["unfair.unilateral-change"]},  # both: no
        {**row, "path": "corpora/ota-en/S/Terms.md", "start": 20, "labels": []},                          # split
        {**row, "path": "corpora/ota-en/S/Terms.md", "start": 30, "labels": ["rights.data-sale"]}])       # agree
    _write(ann / "ota-fr.jsonl", [])
    work = tmp_path / "work"
    work.mkdir()
    items = [{"item": f"ota-en:S/Terms.md:{s}|{i}", "id": i, "text": "t"} for s, i in
             ((0, "rights.data-sale"), (10, "unfair.unilateral-change"), (20, "unfair.unilateral-termination"),
              (30, "rights.data-sale"))]
    _write(work / "targeted-en-1.jsonl", items)
    _write(work / "answers-en-1-a.jsonl", [{"item": it["item"], "label": v} for it, v in zip(items, (1, 0, 1, 1))])
    _write(work / "answers-en-1-b.jsonl", [{"item": it["item"], "label": v} for it, v in zip(items, (1, 0, 0, 1))])
    assert "labels" not in (work / "targeted-en-1.jsonl").read_text()  # the readers never see the stored label
    stats = R.targeted(work, apply=True, log=lambda m: None)
    assert stats["en"]["rights.data-sale"] == {"items": 2, "kappa": None, "both yes": 2, "disagreed": 0,
                                               "added": 1, "removed": 0}
    assert stats["en"]["unfair.unilateral-termination"]["disagreed"] == 1
    rows = {r["start"]: r for r in A.stored_rows("en")}
    assert rows[0]["labels"] == ["rights.data-sale"] and rows[0]["targeted_review"]["added"] == ["rights.data-sale"]
    assert rows[10]["labels"] == [] and rows[10]["targeted_review"]["removed"] == ["unfair.unilateral-change"]
    assert rows[20]["labels"] == [] and "targeted_review" not in rows[20]  # a disagreement keeps the stored label
    assert rows[30]["labels"] == ["rights.data-sale"] and "targeted_review" not in rows[30]


def test_keyword_pools_make_blind_work_files_one_id_at_a_time(tmp_path, monkeypatch):
    """`review pools`: train sentences of a kind (all patterns match), once per id, development services and
    questions left out, labelled and unlabelled alike, and never the stored label in the readers' file."""
    from training import annotation as A

    def rows(lang, split):
        base = {"doc": "Terms", "split": "train", "path": "corpora/ota-en/S/Terms.md"}
        return [{**base, "service": "S", "start": 0, "labels": ["unfair.limitation-of-liability"],
                 "text": "We are not liable for delays caused by force majeure."},
                {**base, "service": "S", "start": 60, "labels": [], "text": "Force majeure means war or flood."},
                {**base, "service": "S", "start": 90, "labels": [], "text": "Is force majeure a defence?"},
                {**base, "service": "S", "start": 120, "labels": [], "text": "We may change these terms."},
                {**base, "service": "DevCo", "start": 0, "labels": [], "text": "Force majeure excuses us."}]

    monkeypatch.setattr(A, "load_annotations", rows)
    monkeypatch.setattr(A, "is_dev", lambda service: service == "DevCo")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"kinds": {"fm": {"lang": "en", "all_of": ["force majeure"],
                                                 "ids": ["unfair.limitation-of-liability", "unfair.arbitration"]}}}))
    stats = R.pools(spec, tmp_path / "work", log=lambda m: None)
    assert stats["fm"] == {"sentences": 2, "labelled": {"unfair.limitation-of-liability": 1,
                                                        "unfair.arbitration": 0}}
    items = [json.loads(x) for f in sorted((tmp_path / "work").glob("targeted-en-*.jsonl"))
             for x in f.read_text().splitlines()]
    assert sorted(i["item"] for i in items) == sorted(
        f"ota-en:S/Terms.md:{s}|{i}" for s in (0, 60) for i in ("unfair.limitation-of-liability", "unfair.arbitration"))
    assert all("labels" not in i for i in items)


def test_a_missing_or_malformed_pool_spec_is_one_line_and_status_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    for content in (None, "{not json", '{"no_kinds": {}}', '{"kinds": {"k": {"lang": "en", "all_of": ["("], "ids": []}}}'):
        if content is not None:
            bad.write_text(content)
        assert R.main(["pools", str(bad if content is not None else tmp_path / "nowhere.json"),
                       "--out", str(tmp_path / "w")]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("review pools:") and "\n" not in err and "Traceback" not in err
