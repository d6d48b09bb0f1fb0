"""Training helpers: the train hold-out used to judge the fine-tuned teacher and distillation, the checkpoint location,
the unlabelled passages, and cross-validation keeping teacher-labelled rows out of scoring folds."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training import data as D  # noqa: E402
from training.finetune_minilm import cache_dir, holdout_mask  # noqa: E402


def test_holdout_keeps_whole_groups_out_and_is_reproducible():
    groups = [f"company{i % 40}" for i in range(4000)]
    mask = holdout_mask(groups)
    held = {g for g, m in zip(groups, mask) if m}
    kept = {g for g, m in zip(groups, mask) if not m}
    assert held and kept and not held & kept
    assert len(held) == 8  # 20% of 40 groups
    assert np.array_equal(mask, holdout_mask(groups))


def test_checkpoint_lives_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("FINEPRINT_CACHE", raising=False)
    assert ROOT not in cache_dir("unfair").parents
    monkeypatch.setenv("FINEPRINT_CACHE", str(tmp_path))
    assert cache_dir("practice") == tmp_path / "minilm-ft" / "practice"


def test_teacher_labelled_rows_are_never_scored_in_cross_validation(monkeypatch):
    """Pseudo-labelled rows train every fold and are scored in none (their labels are the teacher's, not truth)."""
    pytest.importorskip("sklearn")
    from scipy.sparse import csr_matrix

    import training.train as T

    n_real, n_pseudo = 60, 20
    rng = np.random.default_rng(0)
    dense = rng.random((n_real + n_pseudo, 5)).astype(np.float32)
    dense[:, 0] = 0.0
    dense[n_real:, 0] = 1.0  # column 0 marks the pseudo rows
    y = (rng.random((n_real + n_pseudo, 1)) < 0.4).astype(np.int8)
    groups = [f"g{i % 6}" for i in range(n_real)] + ["pseudo"] * n_pseudo
    seen = []

    class Recorder(T._Fitted):
        def __init__(self, c, x, yy, weight=None):
            super().__init__(c, x, yy, weight)
            seen.append(("train", int(x[:, 0].sum())))

        def decision_function(self, x):
            seen.append(("scored", int(x[:, 0].sum())))
            return super().decision_function(x)

    monkeypatch.setattr(T, "_Fitted", Recorder)
    T.select(csr_matrix(dense), y, groups, log=lambda s: None)
    assert seen and all(n == 0 for kind, n in seen if kind == "scored")
    assert all(n == n_pseudo for kind, n in seen if kind == "train")


def test_unlabelled_policy_passages_exclude_opp115_segments(shared):
    from training.distill import unlabelled_practice

    rows = unlabelled_practice(shared / "datasets")
    assert len(rows) > 1000
    opp = {D._key(t) for t in D.opp_split(shared / "datasets", "validation").texts}
    assert not opp & {D._key(r[2]) for r in rows}
    assert all(len(D._key(r[2]).split()) >= 8 for r in rows)


def test_silver_rows_read_pointers_and_never_first_sight(shared, tmp_path, monkeypatch):
    """Teacher labels are pointers into ../shared: a changed sentence (sha mismatch) and a first-sight service are
    skipped, unknown ids stay unknown (-1), and silver rows are grouped so that cross-validation never scores them."""
    from training import annotation as A
    from training import realdata as R
    from training.train import TRAIN_ONLY

    docs = A.corpus_documents("ota-fr")
    train_doc = next(d for d in docs if not A.is_first_sight(d.split("/", 1)[0]))
    held_doc = next(d for d in docs if A.is_first_sight(d.split("/", 1)[0]))
    s_train = A.document_sentences("ota-fr", train_doc)[0]
    s_held = A.document_sentences("ota-fr", held_doc)[0]

    def line(s, sha=None):
        import json

        return json.dumps({"path": f"corpora/ota-fr/{s.path}", "start": s.start, "end": s.end, "sha": sha or s.sha,
                           "service": s.service, "doc": s.doc,
                           "labels": {"rights.data-sale": 1, "rights.perpetual": 0}}) + "\n"

    (tmp_path / "silver-fr.jsonl").write_text(line(s_train) + line(s_held) + line(s_train, sha="0" * 16))
    monkeypatch.delenv("FINEPRINT_DEV", raising=False)
    labels = ("rights.data-sale", "rights.perpetual", "rights.sensitive-data")
    rows = R.silver_rows(labels, folder=tmp_path)
    assert rows.texts == [s_train.text] and rows.langs == ["fr"]
    assert rows.matrix().tolist() == [[1, 0, -1]]
    assert rows.groups[0].startswith(TRAIN_ONLY)
    monkeypatch.setenv("FINEPRINT_SILVER", "0")
    assert len(R.silver_rows(labels)) == 0


@pytest.mark.parametrize("args, says", [
    (["-m", "training.wordvec", "--datasets", "/nonexistent", "--out", "{tmp}/wv"], "datasets folder not found"),
    (["training/gpu_teacher.py", "silver", "--pools", "/nonexistent", "--variant", "dev", "--out", "{tmp}/s"],
     "no pool-*.npz"),
    (["training/gpu_teacher.py", "run", "--carry", "/nonexistent", "--out", "{tmp}/r", "--device", "cpu"],
     "holds no export"),
])
def test_training_tools_refuse_a_missing_input_in_one_line(tmp_path, args, says):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, *[a.format(tmp=tmp_path) for a in args]], cwd=root, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr
    assert not any(tmp_path.iterdir())  # nothing written


def test_annotation_rows_tell_round_one_from_the_targeted_rounds():
    # round 1 was drawn as the first-sight sample was (keyword pools, random sentences); later rounds where the
    # detectors hesitate: FINEPRINT_TARGETED_WEIGHT weighs them apart
    import pytest

    from training import annotation as A
    from training import realdata as R

    try:
        rows = R.annotation_rows(tuple(A.UNFAIR), "train", langs=("fr",))
    except (FileNotFoundError, OSError) as err:
        pytest.skip(f"the annotated sentences need ../shared (the OTA corpora): {err}")
    if not rows.texts:
        pytest.skip("the annotated sentences need ../shared (the OTA corpora)")
    assert set(rows.source) == {"ota", "ota-targeted"}
    stored = [r for r in A.load_annotations("fr", "train")]
    first = sum(1 for r in stored if r["annotator"] in {f"fr-{n}" for n in range(1, 10)})
    assert rows.source.count("ota") == first


def test_a_language_augmented_model_scores_french_with_its_own_weights(tmp_path):
    """Feature augmentation (FINEPRINT_LANG_AUGMENT): the shipped loader scores English text with the shared weights
    and French text with shared + French ones, exactly as the augmented model was trained; a word that means
    something else in French rows no longer carries its English weight there."""
    pytest.importorskip("sklearn")
    import training.train as T
    from fineprint.detectors.ml import LinearModel
    from fineprint.detectors.ml.features import text_units

    # "partners" signals the label in English rows and nothing in French ones (a gloss false friend, say)
    docs = ([("we share your data with partners", "en")] * 20 + [("we keep your account safe", "en")] * 20
            + [("nous informons nos partenaires", "fr")] * 20 + [("nous vendons vos données", "fr")] * 20)
    y = np.array([1] * 20 + [0] * 20 + [0] * 20 + [1] * 20, dtype=np.int8)
    wv, cv, x = T.fit_vectorisers(docs, char_max_features=2000)
    width = x.shape[1]
    xa = T.augment_languages(x, docs)
    assert xa.shape == (len(docs), 2 * width + 1)
    fitted = T._Fitted(1.0, xa, y)
    w, fr = T.split_languages(fitted.weights[:, None].astype(np.float32), np.array([fitted.intercept]), width)
    assert w.shape == (width, 1) and 0 < len(fr["fr_rows"]) < width  # only features seen in French rows differ
    choice = [{"a": 1.0, "b": 0.0, "threshold": 0.5}]
    T.export(tmp_path, "rights", ("rights.data-sale",), wv, cv, w, np.array([fitted.intercept]), choice,
             {"french": T.FRENCH}, fr)
    model = LinearModel.load(tmp_path)
    assert model.fr_weights is not None
    for (text, lang), row, truth in zip(docs[::20], xa[::20], y[::20]):
        units = text_units(text, lang, T.FRENCH)
        raw = np.log(1 / model.probabilities([units[0]], [units[1]], language=lang)[0, 0] - 1) * -1
        assert raw == pytest.approx(float(fitted.decision_function(row)[0]), abs=2e-2)  # float16 on disk
        assert (raw > 0) == bool(truth)
    # English text is never scored with the French weights
    units = text_units("we share your data with partners", "en", T.FRENCH)
    assert model.probabilities([units[0]], [units[1]], language="en")[0, 0] > 0.5
