"""The real labelled data the models learn from and are gated on: fineprint's annotations of OTA sentences and the
ToS;DR case table. Labels are pointers into ../shared, never copies of the text; the first-sight split is stable."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training import annotation as A  # noqa: E402
from training import realdata as R  # noqa: E402

ROWS = {lang: [json.loads(line) for line in (A.ANNOTATIONS_DIR / f"ota-{lang}.jsonl").read_text().splitlines()]
        for lang in ("en", "fr")}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_annotations_point_into_shared_and_copy_no_text(lang):
    rows = ROWS[lang]
    assert len(rows) >= 3000
    for r in rows:
        assert set(r) <= {"path", "start", "end", "sha", "service", "doc", "split", "labels", "annotator", "note",
                          "second", "removed_in_review", "relabelled_in_review", "targeted_review",
                          "added_in_review", "review"}, "an annotation row must not carry the sentence's text"
        assert r["path"].startswith(f"corpora/ota-{lang}/") and 0 <= r["start"] < r["end"]
        assert set(r["labels"]) <= A.ALL_IDS
        assert r["split"] == ("first-sight" if A.is_first_sight(r["service"]) else "train")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_rights_and_unfair_id_has_real_positives(lang):
    counts = Counter(x for r in ROWS[lang] for x in r["labels"])
    assert all(counts[i] >= 1 for i in A.UNFAIR), {i: counts[i] for i in A.UNFAIR}
    assert sum(counts[i] for i in A.RIGHTS) >= 150
    assert sum(1 for r in ROWS[lang] if "second" in r) >= 300  # the double-annotated sample


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_stored_labels_resolve_to_the_same_sentences_in_shared(shared, lang):
    loaded = A.load_annotations(lang, root=shared)
    assert len(loaded) == len(ROWS[lang]), "some labelled sentences no longer match ../shared (hash differs)"
    assert all(r["text"] for r in loaded)


def test_first_sight_is_by_service_and_shared_across_sources():
    assert A.is_first_sight("GitHub") == A.is_first_sight("github") == A.is_first_sight("Git-Hub")
    for lang in ("en", "fr"):
        by_service = {}
        for r in ROWS[lang]:
            by_service.setdefault(r["service"], set()).add(r["split"])
        assert all(len(s) == 1 for s in by_service.values())
        held_out = sum(r["split"] == "first-sight" for r in ROWS[lang])
        # round 1 drew from every service, later rounds from train services only: the held-out set keeps its
        # sentences (598 English, 806 French) while its share falls as the train rounds grow
        assert held_out >= 500 and held_out / len(ROWS[lang]) <= 0.35


def test_check_reports_unknown_ids_missing_and_duplicate_keys(tmp_path):
    work = tmp_path / "w.jsonl"
    work.write_text("\n".join(json.dumps({"key": k, "text": "x"}) for k in ("a", "b", "c")) + "\n")
    answers = tmp_path / "w.answers.jsonl"
    answers.write_text('{"key": "a", "labels": ["rights.perpetual"]}\n{"key": "a", "labels": []}\n'
                       '{"key": "b", "labels": ["rights.forever"]}\nnot json\n')
    problems = A.check(answers, work)
    text = "\n".join(problems)
    assert "unknown id" in text and "given twice" in text and "not JSON" in text and "no answer" in text


def test_cohen_kappa():
    assert A.cohen_kappa([True, False, True, False], [True, False, True, False]) == 1.0
    assert A.cohen_kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert A.cohen_kappa([False, False], [False, False]) is None


def test_display_text_removes_markdown_only():
    assert A.display_text(r"See [our policy](https://x.y/p) and **section 2\.1**.") == "See our policy and section 2.1."
    assert A.display_text("### 3\\. Governing law") == "3. Governing law"


def test_tosdr_case_table_lists_every_case_once_with_a_rationale(shared):
    table = [line.split("\t") for line in R.CASES_TSV.read_text().splitlines()
             if not line.startswith("#") and not line.startswith("case\t")]
    cases = Counter(json.loads(line)["case"] for line in
                    (shared / "datasets" / "tosdr_points" / "points.jsonl").open(encoding="utf-8"))
    assert sorted(row[0] for row in table) == sorted(cases)
    known = A.ALL_IDS | {"-"}
    for case, ids, role, n, why in table:
        assert role in ("flag", "protective", "-") and why.strip()
        assert all(i in known for i in ids.split("|"))
        assert (ids == "-") == (role == "-")
        assert int(n) == cases[case]


def test_court_cases_are_split_by_the_quotes_own_words():
    ids = ("unfair.jurisdiction", "unfair.choice-of-law")
    assert R.quote_ids("These Terms are governed by the laws of California.", ids) == ("unfair.choice-of-law",)
    assert R.quote_ids("Disputes go exclusively to the courts of Santa Clara County.", ids) == ("unfair.jurisdiction",)
    assert set(R.quote_ids("Governed by the laws of Ireland; the courts of Dublin have jurisdiction.", ids)) == set(ids)


def test_french_paragraph_set_is_first_sight_only_read_twice_and_never_trained_on():
    from training import paragraphs as P

    rows = [json.loads(line) for line in P.OUT.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 250
    for r in rows:
        assert set(r) == {"path", "start", "end", "sha", "service", "readings", "practice"}, "no text copied"
        assert r["path"].startswith("corpora/ota-fr/") and A.is_first_sight(r["service"])
        assert A.is_privacy_doc(r["path"].rsplit("/", 1)[1]) and len(r["readings"]) == 2 == len(r["practice"])
        assert all(set(x) <= set(A.RIGHTS) for x in r["readings"])
        assert all(set(x) <= set(A.PRACTICE) for x in r["practice"])
    # training reads ota-*.jsonl only: the paragraph files are never a training source
    assert not P.OUT.name.startswith("ota-") and not P.DEV_OUT.name.startswith("ota-")


def test_french_development_paragraphs_are_of_train_services_only():
    """Choices about paragraphs are made on train services' paragraphs, never on first-sight ones."""
    from training import paragraphs as P

    rows = [json.loads(line) for line in P.DEV_OUT.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 200
    for r in rows:
        assert set(r) == {"path", "start", "end", "sha", "service", "practice"}, "no text copied"
        assert r["path"].startswith("corpora/ota-fr/") and not A.is_first_sight(r["service"])
        assert len(r["practice"]) == 2 and all(set(x) <= set(A.PRACTICE) for x in r["practice"])
    assert {p.name for p in A.ANNOTATIONS_DIR.glob("ota-*.jsonl")} == {"ota-en.jsonl", "ota-fr.jsonl"}


def test_append_adds_a_round_to_the_stored_labels_and_merge_refuses_to_drop_them(shared, tmp_path, monkeypatch):
    stored = ROWS["en"][:2]
    monkeypatch.setattr(A, "ANNOTATIONS_DIR", tmp_path / "annotations")
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "ota-en.jsonl").write_text("".join(json.dumps(r) + "\n" for r in stored))
    rel = stored[0]["path"].split("/", 2)[2]
    new = next(s for s in A.document_sentences("ota-en", rel) if s.start not in {r["start"] for r in stored})
    old_key = f"ota-en:{rel}:{stored[0]['start']}"
    work = tmp_path / "round7"
    work.mkdir()
    (work / "en-1.answers.jsonl").write_text(
        json.dumps({"key": new.key, "labels": ["unfair.arbitration", "not-an-id"]}) + "\n"
        + json.dumps({"key": old_key, "labels": ["rights.perpetual"]}) + "\n")
    A.append(work)
    rows = [json.loads(x) for x in (tmp_path / "annotations" / "ota-en.jsonl").read_text().splitlines()]
    assert len(rows) == 3
    added = next(r for r in rows if r["start"] == new.start and r["path"] == stored[0]["path"])
    assert added["labels"] == ["unfair.arbitration"] and added["sha"] == new.sha and added["annotator"] == "en-1"
    first = next(r for r in rows if r["start"] == stored[0]["start"] and r["path"] == stored[0]["path"])
    assert first["labels"] == stored[0]["labels"]  # a stored label is never changed by a later round
    if "second" not in stored[0] and stored[0]["annotator"] != "en-1":
        assert first["second"] == {"annotator": "en-1", "labels": ["rights.perpetual"]}
    with pytest.raises(SystemExit, match="would drop"):
        A.merge(work)  # the earlier rounds' folders are not given: refuse rather than lose their labels


@pytest.mark.parametrize("content, message", [
    ("not json at all\n", "not JSON"),
    ('[1, 2]\n', "no 'labels' list"),
    ('{"key": "nokey", "labels": []}\n', "corpus:path:offset"),
    ('{"key": "ota-en:A/B.md:1", "labels": []}\n{"key": "ota-en:A/B.md:1", "labels": []}\n', "given twice"),
    (b"\xff\xfe\x00binary", "unreadable"),
])
def test_append_refuses_a_malformed_answer_file_before_writing_anything(tmp_path, monkeypatch, capsys, content,
                                                                        message):
    monkeypatch.setattr(A, "ANNOTATIONS_DIR", tmp_path / "annotations")
    work = tmp_path / "round"
    work.mkdir()
    path = work / "en-1.answers.jsonl"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(SystemExit) as exc:
        A.append(work)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "annotations").exists()  # nothing written


def test_append_without_answer_files_says_so(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        A.append(tmp_path / "missing")
    assert exc.value.code == 2 and "no answer files" in capsys.readouterr().err


def _fake_corpus(tmp_path, monkeypatch, corpus: str, services, document: str, text) -> None:
    """A ../shared with one document per service (``text(service)`` its body) and no stored labels."""
    for service in services:
        folder = tmp_path / "corpora" / corpus / service
        folder.mkdir(parents=True)
        (folder / document).write_text(f"# Document\n\n{text(service)}\n", encoding="utf-8")
    monkeypatch.setattr(A, "shared_root", lambda: tmp_path)
    monkeypatch.setattr(A, "ANNOTATIONS_DIR", tmp_path / "annotations")


def test_candidates_skip_dev_and_first_sight_services_and_draw_per_language(tmp_path, monkeypatch):
    """A new reading round never reads first-sight services; with ``skip_dev`` it leaves the development services out
    too (so the round's gain is measured on unchanged development sentences), and ``languages`` sets each count."""
    names = [f"Service{i}" for i in range(60)]
    train = [n for n in names if not A.is_first_sight(n) and not A.is_dev(n)][:2]
    dev = [n for n in names if A.is_dev(n)][:1]
    held = [n for n in names if A.is_first_sight(n)][:1]
    _fake_corpus(tmp_path, monkeypatch, "ota-en", train + dev + held, "Terms of Service.md",
                 lambda service: f"{service} may terminate your account at any time for any reason. {service} may share "
                                 f"your data with advertisers. {service} may change these terms without notice. "
                                 f"{service} may remove your content.")
    A.sample_candidates(tmp_path / "work", per_language=100, helpers=1, tag="t", skip_dev=True,
                        languages={"en": 16}, unsure_share=0.5)
    assert not (tmp_path / "work" / "fr-t-1.jsonl").exists()  # French not asked for
    rows = [json.loads(x) for x in (tmp_path / "work" / "en-t-1.jsonl").read_text().splitlines()]
    assert 0 < len(rows) <= 16
    assert {r["service"] for r in rows} <= set(train)
    A.sample_candidates(tmp_path / "work2", per_language=100, helpers=1, tag="t", languages={"en": 16})
    rows = [json.loads(x) for x in (tmp_path / "work2" / "en-t-1.jsonl").read_text().splitlines()]
    assert {r["service"] for r in rows} & set(dev) and not {r["service"] for r in rows} & set(held)


def test_candidates_ids_limit_the_pools_read_and_unknown_ids_are_refused(tmp_path, monkeypatch, capsys):
    """``--ids``: a round aimed at the ids the detectors miss draws from those ids' keyword pools only; an id that
    does not exist is a one-line usage error, not a silent empty round."""
    names = [f"Service{i}" for i in range(60)]
    train = [n for n in names if not A.is_first_sight(n) and not A.is_dev(n)][:3]
    _fake_corpus(tmp_path, monkeypatch, "ota-en", train, "Privacy Policy.md",
                 lambda service: f"We transfer your data to the United States and other countries outside the EEA. "
                                 f"We sell your personal information to advertisers. "
                                 f"You grant {service} a perpetual, irrevocable licence to your content. "
                                 f"The weather is nice in {service} today.")
    A.sample_candidates(tmp_path / "work", per_language=100, helpers=1, tag="t", languages={"en": 100},
                        unsure_share=0.0, ids=("rights.third-country-transfer",))
    rows = [json.loads(x) for x in (tmp_path / "work" / "en-t-1.jsonl").read_text().splitlines()]
    assert rows and all("United States" in r["text"] for r in rows), [r["text"] for r in rows]
    with pytest.raises(SystemExit) as exc:
        A.main(["candidates", "--out", str(tmp_path / "w3"), "--ids", "rights.no-such-id"])
    assert exc.value.code == 2 and "unknown id(s): rights.no-such-id" in capsys.readouterr().err


def test_candidates_random_share_draws_ordinary_sentences_without_asking_the_detectors(tmp_path, monkeypatch):
    """``--random-share 1``: once a language's keyword pools are read out, a round draws unread train-service
    sentences at random (the weather sentences included, which no pool would pick), and
    never runs the detectors to choose them."""
    names = [f"Service{i}" for i in range(60)]
    train = [n for n in names if not A.is_first_sight(n) and not A.is_dev(n)][:3]
    _fake_corpus(tmp_path, monkeypatch, "ota-fr", train, "Politique de confidentialité.md",
                 lambda service: f"Nous transférons vos données aux États-Unis. Il fait beau à {service} aujourd'hui. "
                                 f"La boutique {service} ouvre à neuf heures. Les colis {service} partent le lundi.")
    import fineprint

    monkeypatch.setattr(fineprint, "classify", lambda *a, **k: pytest.fail("the detectors chose a random round"))
    A.sample_candidates(tmp_path / "work", per_language=100, helpers=2, tag="t", languages={"fr": 8},
                        unsure_share=0.0, random_share=1.0, seed=5)
    rows = [json.loads(x) for h in (1, 2) for x in (tmp_path / "work" / f"fr-t-{h}.jsonl").read_text().splitlines()]
    assert len(rows) == 8 and len({r["key"] for r in rows}) == 8
    assert any("beau" in r["text"] or "ouvre" in r["text"] or "colis" in r["text"] for r in rows)
    assert {r["service"] for r in rows} <= set(train)


@pytest.mark.parametrize("option, value", [("--random-share", "1.5"), ("--unsure-share", "-0.1"),
                                           ("--reported-share", "half")])
def test_a_share_outside_zero_to_one_is_a_usage_error(tmp_path, capsys, option, value):
    with pytest.raises(SystemExit) as exc:
        A.main(["candidates", "--out", str(tmp_path / "w"), option, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert option in err and ("between 0 and 1" in err or "not a number" in err)
    assert not (tmp_path / "w").exists()


def test_more_first_sight_sentences_are_new_first_sight_ones_each_for_two_readers(shared, tmp_path):
    """``python -m training.annotation first-sight``: a larger held-out set, labelled as the independent evaluation
    labels (two readers per sentence), drawn only from first-sight services and never a sentence already stored."""
    A.sample_first_sight(tmp_path, "fr", total=30, helpers=3, seed=7, tag="t")
    files = sorted(tmp_path.glob("fr-t-*.jsonl"))
    assert len(files) == 3
    readers: dict[str, list[int]] = {}
    for n, path in enumerate(files):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            readers.setdefault(row["key"], []).append(n)
            assert A.is_first_sight(row["service"]) and row["text"]
    assert len(readers) == 30
    assert all(len(r) == 2 and r[0] != r[1] for r in readers.values()), "each sentence for two different readers"
    stored = {f"ota-fr:{r['path'].split('/', 2)[2]}:{r['start']}" for r in A.stored_rows("fr")}
    assert not stored & set(readers), "a sentence already labelled was drawn again"


def test_a_clean_development_set_is_drawn_from_development_services_only(shared, tmp_path):
    """``first-sight --services dev``: the same draw from the development services, for choosing between variants on
    sentences read blind (never from first-sight or other train services, never a stored sentence)."""
    A.sample_first_sight(tmp_path, "en", total=20, helpers=2, seed=7, tag="t", services="dev")
    keys = set()
    for path in sorted(tmp_path.glob("en-t-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert A.is_dev(row["service"]) and not A.is_first_sight(row["service"])
            keys.add(row["key"])
    assert len(keys) == 20
    stored = {f"ota-en:{r['path'].split('/', 2)[2]}:{r['start']}" for r in A.stored_rows("en")}
    assert not stored & keys


def test_unfair_learns_from_the_reading_rounds_its_recipe_names(shared, monkeypatch):
    """training.train's OTA_ROUNDS: unfair.* learns from reading rounds 1-5 only (the later, targeted rounds cost
    English precision on the development services), practice.* and rights.* from every round."""
    import re

    from training import realdata as R
    from training import train as T

    monkeypatch.delenv("FINEPRINT_OTA_ANNOTATORS", raising=False)
    assert T._ota_rounds("practice") is None and T._ota_rounds("rights") is None
    rounds = re.compile(T._ota_rounds("unfair"))
    assert rounds.match("en-3") and rounds.match("fr-r5-2") and not rounds.match("en-r7-1")
    assert not rounds.match("fr-r21-4") and not rounds.match("fr-fs2-1")
    labels = ("unfair.arbitration",)
    every = R.annotation_rows(labels, "train", langs=("fr",))
    some = R.annotation_rows(labels, "train", langs=("fr",), annotators=T._ota_rounds("unfair"))
    stored = [r for r in A.stored_rows("fr") if r["split"] == "train"]
    assert 0 < len(some.texts) < len(every.texts)
    assert len(some.texts) <= sum(bool(rounds.match(r["annotator"])) for r in stored)
    monkeypatch.setenv("FINEPRINT_OTA_ANNOTATORS", "")
    assert T._ota_rounds("unfair") is None  # "" = every round
