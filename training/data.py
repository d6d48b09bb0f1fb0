"""Loading the labelled corpora of ../shared/datasets into (texts, label matrix, groups) for training and evaluation.

Formats and licences: ../shared/DATA.md. Test splits are absent on purpose; validation is for reporting only.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fineprint.detectors.ml.features import words

UNFAIR_LABELS = ("unfair.limitation-of-liability", "unfair.unilateral-termination", "unfair.unilateral-change",
                 "unfair.content-removal", "unfair.contract-by-using", "unfair.choice-of-law", "unfair.jurisdiction",
                 "unfair.arbitration")
# CLAUDETTE tag codes in the multilingual corpus, in UNFAIR-ToS label order ("pinc", privacy included, is not one)
CLAUDETTE_CODES = ("ltd", "ter", "ch", "cr", "use", "law", "j", "a")

OPP_CATEGORIES = {
    "First Party Collection/Use": "practice.first-party-collection",
    "Third Party Sharing/Collection": "practice.third-party-sharing",
    "User Choice/Control": "practice.user-choice",
    "User Access, Edit and Deletion": "practice.user-access",
    "Data Retention": "practice.data-retention",
    "Data Security": "practice.data-security",
    "Policy Change": "practice.policy-change",
    "Do Not Track": "practice.do-not-track",
    "International and Specific Audiences": "practice.specific-audiences",
    "Introductory/Generic": "practice.introductory",
    "Privacy contact information": "practice.contact-information",
    "Practice not covered": "practice.not-covered",
}
PRACTICE_LABELS = tuple(OPP_CATEGORIES.values())


@dataclass(frozen=True)
class Split:
    texts: list[str]
    y: np.ndarray  # n x labels, 0/1
    groups: list[str]  # company / policy, for grouped cross-validation
    files: tuple[Path, ...]  # the files read (hashed by the gates)


def default_datasets() -> Path:
    """../shared/datasets beside the checkout, or $FINEPRINT_SHARED/datasets."""
    root = Path(__file__).resolve().parent.parent
    shared = Path(os.environ.get("FINEPRINT_SHARED", root.parent / "shared"))
    return shared / "datasets"


def sha256_files(paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def _key(text: str) -> str:
    return " ".join(words(text))


def unfair_split(datasets: Path, split: str) -> Split:
    path = datasets / "unfair_tos" / f"{split}.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    y = np.array([[int(i in r["labels"]) for i in range(len(UNFAIR_LABELS))] for r in rows], dtype=np.int8)
    return Split([r["text"] for r in rows], y, [r["company"] for r in rows], (path,))


def claudette_extra(datasets: Path, exclude: Split) -> Split:
    """English multilingual-CLAUDETTE sentences (2021 ToS versions) minus the validation companies and minus any
    sentence whose words equal a validation sentence, so validation stays unseen."""
    path = datasets / "claudette_multilingual" / "en.jsonl"
    companies = {c.lower() for c in exclude.groups}
    seen = {_key(t) for t in exclude.texts}
    texts, labels, groups = [], [], []
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        key = _key(r["text"])
        if r["company"].lower() in companies or key in seen or len(key.split()) < 3:
            continue
        texts.append(r["text"])
        labels.append([int(c in r["unfair_categories"]) for c in CLAUDETTE_CODES])
        groups.append("claudette:" + r["company"].lower())
    return Split(texts, np.array(labels, dtype=np.int8), groups, (path,))


def opp_split(datasets: Path, split: str, variant: str = "Majority") -> Split:
    """Unique OPP-115 segments with their set of categories (a multi-label segment is repeated in the CSV)."""
    path = datasets / "opp115" / variant / f"{split}_dataset.csv"
    seg: dict[str, set[str]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) >= 2 and row[1] in OPP_CATEGORIES:
                seg.setdefault(row[0], set()).add(OPP_CATEGORIES[row[1]])
    texts = list(seg)
    y = np.array([[int(lab in seg[t]) for lab in PRACTICE_LABELS] for t in texts], dtype=np.int8)
    # the CSV has no policy id: fold by position, which keeps a policy's consecutive segments mostly together
    groups = [f"block{i // 50}" for i in range(len(texts))]
    return Split(texts, y, groups, (path,))


def concat(a: Split, b: Split) -> Split:
    return Split(a.texts + b.texts, np.vstack([a.y, b.y]), a.groups + b.groups, a.files + b.files)


FR_CODES = {
    "unfair": dict(zip(CLAUDETTE_CODES, UNFAIR_LABELS)),
    "practice": dict(zip(("first", "third", "choice", "access", "retention", "security", "change", "dnt",
                          "audiences", "intro", "contact", "other"), PRACTICE_LABELS)),
}
FRENCH_DIR = Path(__file__).resolve().parent / "french"


def french_written(task: str, glossed: bool = True) -> Split:
    """French clauses written for fineprint (training/french/*_fr_train.tsv). ``glossed``: turned into the English
    feature space as v1 models read French; otherwise the French text itself (v2 models read it with its gloss)."""
    from fineprint.detectors.ml.french import gloss

    labels = UNFAIR_LABELS if task == "unfair" else PRACTICE_LABELS
    codes = FR_CODES[task]
    path = FRENCH_DIR / f"{task}_fr_train.tsv"
    texts, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lab, _, text = line.partition("\t")
        gold = set() if lab == "fair" else {codes[c] for c in lab.split(",")}
        texts.append(" ".join(gloss(text)) if glossed else text)
        rows.append([int(x in gold) for x in labels])
    return Split(texts, np.array(rows, dtype=np.int8), ["fr-written"] * len(texts), (path,))
