"""Shared helpers of the evaluation gates (validation splits of ../shared and the French sets written by us)."""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the training package lives beside fineprint/, not inside it
    sys.path.insert(0, str(ROOT))

UNFAIR_CODES = {"ltd": "unfair.limitation-of-liability", "ter": "unfair.unilateral-termination",
                "ch": "unfair.unilateral-change", "cr": "unfair.content-removal", "use": "unfair.contract-by-using",
                "law": "unfair.choice-of-law", "j": "unfair.jurisdiction", "a": "unfair.arbitration"}
PRACTICE_CODES = {"first": "practice.first-party-collection", "third": "practice.third-party-sharing",
                  "choice": "practice.user-choice", "access": "practice.user-access",
                  "retention": "practice.data-retention", "security": "practice.data-security",
                  "change": "practice.policy-change", "dnt": "practice.do-not-track",
                  "audiences": "practice.specific-audiences", "intro": "practice.introductory",
                  "contact": "practice.contact-information", "other": "practice.not-covered"}


def sha256_of(paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def baseline(folder: Path) -> dict:
    return json.loads((folder / "baseline.json").read_text(encoding="utf-8"))


def read_tsv(path: Path, codes: dict[str, str]) -> tuple[list[str], list[set[str]]]:
    """A French set: ``codes<TAB>text`` lines ("fair" = no label), comments with #."""
    texts, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lab, _, text = line.partition("\t")
        gold.append(set() if lab == "fair" else {codes[c] for c in lab.split(",")})
        texts.append(text)
    return texts, gold


def predict(detector, texts: list[str], language: str) -> list[set[str]]:
    from fineprint.model import Clause

    clauses = [Clause(id=f"t{i}", start=0, end=len(t), text=t, language=language) for i, t in enumerate(texts)]
    return [{f.id for f in found} for found in detector.detect(clauses, language)]


def matrix(sets: list[set[str]], labels) -> np.ndarray:
    return np.array([[int(lab in s) for lab in labels] for s in sets], dtype=np.int8)
