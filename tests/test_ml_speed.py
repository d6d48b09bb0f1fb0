"""The trained detectors' fast paths give what the plain ones give: batch vs one sentence at a time, decisions()
vs detect(), word n-grams vs their definition, and classify's numbers vs the detectors' own."""
from __future__ import annotations

import numpy as np
import pytest

from fineprint.detectors.ml import PracticeDetector, UnfairDetector
from fineprint.detectors.ml.features import word_grams, words
from fineprint.model import Clause

SENTENCES = [
    "We may terminate your account at any time without notice, for any reason or no reason.",
    "Any dispute arising out of these terms shall be settled by binding arbitration in San Francisco.",
    "These terms are governed by the laws of the State of California.",
    "We are not liable for any indirect, incidental or consequential damages.",
    "We collect your email address, location and device identifiers when you register.",
    "We share your information with advertising partners and analytics providers.",
    "You can access, correct or delete your personal data from your account settings.",
    "We keep your data for as long as your account is active.",
    "Nous pouvons résilier votre compte à tout moment et sans préavis.",
    "", "the the the the", "   ", "!!!",
]


def clauses(texts, lang="en"):
    return [Clause(id=f"c{i}", start=0, end=len(t), text=t, language=lang) for i, t in enumerate(texts)]


@pytest.fixture(scope="module", params=[UnfairDetector, PracticeDetector])
def detector(request):
    return request.param().load()


def test_word_grams_are_the_joined_runs_of_one_two_and_three_words():
    for text in SENTENCES:
        tokens = words(text)
        expected = list(tokens)
        for n in (2, 3):
            expected += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        assert word_grams(tokens) == expected


def test_a_batch_scores_each_sentence_as_if_it_were_alone(detector):
    batch = detector.model.probabilities([words(t) for t in SENTENCES])
    for i, text in enumerate(SENTENCES):
        alone = detector.model.probabilities([words(text)])
        np.testing.assert_allclose(batch[i], alone[0], rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_decisions_are_the_findings_of_detect(detector, lang):
    """classify's decisions are detect's findings; practice.* in a document may drop some (terms are not a policy)
    but never adds one."""
    batch = clauses(SENTENCES * 3, lang)
    found = [{f.id: f.confidence for f in per} for per in detector.detect(batch, lang)]
    detector._last = None  # no shortcut through the cached probabilities
    decided = detector.decisions(batch, lang)
    if isinstance(detector, PracticeDetector):
        assert all(f.items() <= d.items() for f, d in zip(found, decided))
    else:
        assert decided == found
    assert any(found)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_decisions_do_not_depend_on_the_rest_of_the_batch(detector, lang):
    alone = [detector.decisions(clauses([t], lang), lang)[0] for t in SENTENCES]
    detector._last = None
    assert detector.decisions(clauses(SENTENCES, lang), lang) == alone


def test_classify_reports_the_models_scores_and_labels():
    from fineprint.pipeline import classify

    from fineprint.detectors.registry import text_detectors

    texts = SENTENCES[:8]
    predictions = classify(texts, "en")
    unfair, practice = UnfairDetector().load(), PracticeDetector().load()
    rules = text_detectors(["rules"])[0]
    for det in (unfair, practice):
        batch = clauses(texts)
        for text, p, scores, fired in zip(texts, predictions, det.scores(batch, "en"), det.decisions(batch, "en")):
            ruled = {h.rule.id for h in rules.hits(text, "en")}
            for label, value in scores.items():
                # the model's own score, unless a YAML rule found the id too (its confidence may be higher)
                if label in ruled:
                    assert p.scores[label] >= round(value, 4)
                else:
                    assert p.scores[label] == round(value, 4)
            assert set(fired) <= set(p.labels)


def test_model_arrays_come_back_identical_from_the_decompressed_copy(tmp_path, monkeypatch):
    from fineprint.detectors.ml import MODELS_ROOT, read_arrays

    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path / "cache"))
    source = MODELS_ROOT / "practice" / "v2" / "model.npz"
    with np.load(source) as z:
        expected = {k: z[k] for k in z.files}

    def same(arrays):
        return arrays.keys() == expected.keys() and all(
            arrays[k].dtype == expected[k].dtype and np.array_equal(arrays[k], expected[k]) for k in expected)

    assert same(read_arrays(source))  # first read: from the model file, copy written
    (copy,) = (tmp_path / "cache").glob("models-v1/*.npz")
    assert same(read_arrays(source))  # from the copy
    copy.write_bytes(b"damaged")
    assert same(read_arrays(source))  # damaged copy: the model file again, copy rewritten
    assert copy.stat().st_size > 1000
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(blocked))
    assert same(read_arrays(source))  # no usable cache: still the same arrays
    with pytest.raises(FileNotFoundError):
        read_arrays(tmp_path / "missing.npz")


def test_linear_scores_in_chunks_equal_one_pass_and_dense_algebra():
    from fineprint.detectors.ml.features import linear_scores

    rng = np.random.default_rng(3)
    n_docs, width = 40, 500
    docs = np.sort(rng.choice([d for d in range(n_docs) if d % 7], size=3000))  # every 7th document empty
    cols = rng.integers(0, width, size=len(docs))
    vals = rng.random(len(docs)).astype(np.float32)
    weights = rng.normal(size=(width, 5)).astype(np.float32)
    bias = rng.normal(size=5).astype(np.float32)
    rows = (docs.astype(np.int32), cols, vals)
    whole = linear_scores(rows, n_docs, weights, bias, chunk=10 ** 9)
    for chunk in (1, 37, 500):
        assert np.array_equal(linear_scores(rows, n_docs, weights, bias, chunk=chunk), whole)
    dense = np.zeros((n_docs, width), dtype=np.float64)
    np.add.at(dense, (docs, cols), vals)
    np.testing.assert_allclose(whole, dense @ weights + bias, rtol=1e-4, atol=1e-4)
    assert np.array_equal(whole[0], bias)
