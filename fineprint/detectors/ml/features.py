"""Text -> sparse TF-IDF features, shared by training (sklearn fits on these features) and inference (pure numpy).

The same ``analyze`` function feeds both sides, so a model scores exactly the features it was trained on. Two blocks:
word 1-3-grams and character 3-5-grams inside each word (sklearn's ``char_wb`` idea). Each block is TF-IDF weighted
(sublinear tf) and L2-normalised on its own, then the two are concatenated. Character grams are made once per
distinct word of a batch (words follow Zipf's law) and shared by every model that scores the batch (``Batch``).
"""
from __future__ import annotations

import re
from itertools import chain, repeat
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .words import WORD_RE

WORD_NGRAMS = (1, 3)
CHAR_NGRAMS = (3, 5)


# An e-mail or web address is one token, whatever its parts: "write to privacy@bakery.example" says "contact us" in
# every policy, and the address's own words (a company's name) say nothing the model should learn.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?://\S+|\bwww\.[\w-]+\.\S+", re.IGNORECASE)


def mark_addresses(text: str) -> str:
    if "@" not in text and "http" not in text and "www" not in text:
        return text
    return _ADDRESS.sub(lambda m: " emailaddress " if "@" in m.group() else " webaddress ", text)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (punctuation dropped: corpora tokenise it differently; addresses as one token)."""
    return WORD_RE.findall(mark_addresses(text).lower())


def word_grams(tokens: Sequence[str]) -> list[str]:
    """Word n-grams, n in WORD_NGRAMS, joined by one space."""
    out = list(tokens)
    longer = out
    for n in range(2, WORD_NGRAMS[1] + 1):
        # the n-gram at i is the (n-1)-gram at i plus the n-th word: one concatenation per gram, no slicing
        longer = [g + " " + t for g, t in zip(longer, tokens[n - 1:])]
        out.extend(longer)
    return out


def text_units(text: str, language: str, french: str = "gloss") -> tuple[list[str], list[str]]:
    """Tokens and word n-grams a model scores, shared by training and inference.

    English (and other languages): the words. French, by the model's ``french`` mode: ``"gloss"`` (v1 models, trained
    without French data) scores only the English gloss of the text; ``"both"`` (models trained on annotated French)
    scores the French words and their English gloss side by side, n-grams never spanning the two, so a French
    sentence gets what the model learnt from French and what it learnt from English. A mode may name the lexicon
    after a colon (``"both:fr-en-2"``); without one it is ``french.DEFAULT_LEXICON``."""
    if language != "fr":
        tokens = words(text)
        return tokens, word_grams(tokens)
    from .french import DEFAULT_LEXICON, gloss

    mode, _, lexicon = french.partition(":")
    text = mark_addresses(text)
    glossed = gloss(text, lexicon or DEFAULT_LEXICON)
    if mode == "gloss":
        return glossed, word_grams(glossed)
    own = words(text)
    return own + glossed, word_grams(own) + word_grams(glossed)


def char_grams_of_word(word: str) -> list[str]:
    """Character n-grams of one word padded with spaces (so prefixes and suffixes are distinct features)."""
    w = f" {word} "
    lo, hi = CHAR_NGRAMS
    return [w[i:i + n] for n in range(lo, hi + 1) for i in range(len(w) - n + 1)]


def char_grams(tokens: Sequence[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        out.extend(char_grams_of_word(t))
    return out


@dataclass(frozen=True)
class Batch:
    """What the models scoring a batch share: tokens, word n-grams, and the character grams of its distinct words."""

    token_lists: Sequence[Sequence[str]]
    gram_lists: Sequence[Sequence[str]]
    gram_counts: np.ndarray  # word n-grams per text
    token_counts: np.ndarray  # tokens per text
    occurrences: np.ndarray  # per token of the batch (texts concatenated), its index among the distinct words
    char_grams: list[str]  # character grams of the distinct words, word after word
    char_counts: np.ndarray  # character grams per distinct word

    @classmethod
    def of(cls, token_lists: Sequence[Sequence[str]], gram_lists: Sequence[Sequence[str]] | None = None) -> "Batch":
        if gram_lists is None:
            gram_lists = [word_grams(toks) for toks in token_lists]
        n = len(token_lists)
        distinct = list(set(chain.from_iterable(token_lists)))
        position = dict(zip(distinct, range(len(distinct))))
        token_counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
        per_word = list(map(char_grams_of_word, distinct))
        return cls(token_lists, gram_lists, np.fromiter(map(len, gram_lists), dtype=np.int64, count=n), token_counts,
                   np.fromiter(map(position.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64,
                               count=int(token_counts.sum())),
                   list(chain.from_iterable(per_word)),
                   np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word)))


@dataclass
class Vectoriser:
    """Inference-side TF-IDF over a fixed vocabulary (the one sklearn learnt at training time)."""

    word_vocab: dict[str, int]
    word_idf: np.ndarray
    char_vocab: dict[str, int]
    char_idf: np.ndarray
    _idf_cat: np.ndarray | None = field(default=None, repr=False)

    @property
    def width(self) -> int:
        return len(self.word_vocab) + len(self.char_vocab)

    def transform(self, token_lists: Sequence[Sequence[str]],
                  gram_lists: Sequence[Sequence[str]] | None = None,
                  batch: Batch | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse rows as (doc index, feature index, value) arrays, TF-IDF + per-block L2 exactly as in training.

        ``gram_lists`` (the texts' ``word_grams``) or a whole ``Batch`` may be passed when several models score the
        same batch. Python only looks feature ids up; counting, weighting and normalising happen in numpy over the
        whole batch.
        """
        b = batch if batch is not None else Batch.of(token_lists, gram_lists)
        n = len(b.token_lists)
        width, n_words = self.width, len(self.word_vocab)
        # -1: not in the vocabulary, dropped below. 32-bit ids and document numbers: half the memory traffic
        word_ids = np.fromiter(map(self.word_vocab.get, chain.from_iterable(b.gram_lists), repeat(-1)),
                               dtype=np.int32, count=int(b.gram_counts.sum()))
        char_vocab_ids = np.fromiter(map(self.char_vocab.get, b.char_grams, repeat(-1 - n_words)), dtype=np.int32,
                                     count=len(b.char_grams)) + np.int32(n_words)
        # character grams: looked up once per distinct word, then expanded per occurrence of the word
        docs_range = np.arange(n, dtype=np.int32)
        word_docs = np.repeat(docs_range, b.gram_counts)
        lengths, occ = b.char_counts, b.occurrences
        first = np.cumsum(lengths) - lengths
        per_occ = lengths.take(occ)
        total = int(per_occ.sum())
        char_docs = np.repeat(np.repeat(docs_range, b.token_counts), per_occ)
        within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(per_occ) - per_occ, per_occ)
        char_ids_all = char_vocab_ids.take(np.repeat(first.take(occ), per_occ) + within)
        ids = np.concatenate([word_ids, char_ids_all])
        doc_of = np.concatenate([word_docs, char_docs])
        known = ids >= 0
        if not known.any():
            empty = np.zeros(0, dtype=np.int64)
            return empty.astype(np.int32), empty, empty.astype(np.float32)
        keys = doc_of[known].astype(np.int64) * width + ids[known]
        if n * width < 2 ** 31:  # sorting 32-bit keys takes half the time
            keys = keys.astype(np.int32)
        keys, counts = np.unique(keys, return_counts=True)
        keys = keys.astype(np.int64, copy=False)
        docs, cols = keys // width, keys % width
        idf = self._idf_all()
        vals = (1.0 + np.log(counts)) * idf.take(cols)
        # one L2 norm per (document, block): words and character grams are normalised separately, as in training
        seg = docs * 2 + (cols >= n_words)
        norms = np.sqrt(np.bincount(seg, weights=vals * vals, minlength=2 * n))
        vals = vals / norms.take(seg)
        return docs.astype(np.int32), cols, vals.astype(np.float32)

    def _idf_all(self) -> np.ndarray:
        idf = getattr(self, "_idf_cat", None)
        if idf is None:
            idf = np.concatenate([self.word_idf, self.char_idf]).astype(np.float64)
            self._idf_cat = idf
        return idf


def linear_scores(rows: tuple[np.ndarray, np.ndarray, np.ndarray], n_docs: int, weights: np.ndarray,
                  bias: np.ndarray, chunk: int = 32768) -> np.ndarray:
    """X @ W + b for the sparse rows of ``Vectoriser.transform`` (weights: features x labels).

    Worked through in runs of whole documents of about ``chunk`` entries, so the gathered weight rows stay in the CPU
    cache (twice as fast as one pass over the batch; every document's sum is the same, in the same order)."""
    docs, cols, vals = rows
    out = np.tile(bias.astype(np.float32), (n_docs, 1))
    if len(cols):
        starts = np.searchsorted(docs, np.arange(n_docs))
        present = np.bincount(docs, minlength=n_docs) > 0
        first = starts[present]  # where each document with a known feature starts
        sums = np.empty((len(first), weights.shape[1]), dtype=np.float32)
        bounds = np.append(np.searchsorted(first, np.arange(0, len(cols), chunk)), len(first))  # sorted
        # its distinct values (np.unique would do, but imports numpy.ma for that: 10 ms of every process)
        bounds = bounds[np.concatenate(([True], bounds[1:] != bounds[:-1]))]
        for a, z in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
            lo, hi = int(first[a]), int(first[z]) if z < len(first) else len(cols)
            contrib = np.take(weights, cols[lo:hi], axis=0)  # take(): several times faster than weights[cols]
            contrib *= vals[lo:hi, None]
            # reduceat sums each document's run of rows; documents without a known feature keep the bias only
            sums[a:z] = np.add.reduceat(contrib, first[a:z] - lo, axis=0)
        out[present] += sums
    return out


@dataclass
class WordVectors:
    """Domain word vectors (``training/wordvec.py``): a text's dense features are the SIF-weighted mean of its
    tokens' vectors, L2-normalised (a text with no known word gets zeros). Same tokens as the n-grams: French gives
    its own words and their English gloss."""

    vocab: dict[str, int]
    vectors: np.ndarray  # words x dim, float32, rows of unit length
    sif: np.ndarray  # per word, a / (a + p(w))

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    @classmethod
    def load(cls, folder) -> "WordVectors":
        from pathlib import Path

        with np.load(Path(folder) / "vectors.npz") as z:
            terms = z["vocab"].tobytes().decode("utf-8").split("\n")
            vectors = z["vectors"].astype(np.float32) * z["scale"].astype(np.float32)[:, None]
            sif = z["sif"].astype(np.float32)
        return cls(dict(zip(terms, range(len(terms)))), vectors, sif)

    def embed(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        n = len(token_lists)
        out = np.zeros((n, self.dim), dtype=np.float32)
        counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
        ids = np.fromiter(map(self.vocab.get, chain.from_iterable(token_lists), repeat(-1)), dtype=np.int64,
                          count=int(counts.sum()))
        docs = np.repeat(np.arange(n), counts)
        known = ids >= 0
        if not known.any():
            return out
        ids, docs = ids[known], docs[known]
        contrib = np.take(self.vectors, ids, axis=0) * self.sif.take(ids)[:, None]
        starts = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
        out[docs[starts]] = np.add.reduceat(contrib, starts, axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)
