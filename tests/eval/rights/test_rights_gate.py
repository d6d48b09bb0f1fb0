"""Accuracy gate for the rights.* rules (and unfair.contract-by-using) on the project's own evaluation clauses.

    python tests/eval/rights/test_rights_gate.py      # prints the per-language and per-id tables (docs/rules.md)

The clauses were written for fineprint, modelled on real offers, terms and privacy policies; more than half are
protective or neutral clauses that must not be flagged. clauses_*.yaml were written first and the rules were tuned
on them; second_* to twentieth_*.yaml were written afterwards, one round at a time, each scored once before any change
(docs/rules.md gives every first-sight number), then used for tuning too. Precision and recall are micro-averaged over the rights.* ids, per language, and must both
stay at or above 0.90.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROUNDS = ("clauses", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
          "twenty-third", "twenty-fourth")  # in the order written
FILES = {lang: [HERE / f"{name}_{lang}.yaml" for name in ROUNDS if (HERE / f"{name}_{lang}.yaml").exists()]
         for lang in ("en", "fr")}  # rounds 7, 15 and 18 are French only; rounds 8, 11, 14, 16, 17, 19, 22-24 English only
GATE = 0.90
MIN_CLAUSES = 150


def load_clauses() -> list[dict]:
    out = []
    for lang, paths in FILES.items():
        for path in paths:
            for item in yaml.safe_load(path.read_text(encoding="utf-8")):
                out.append({"lang": lang, "text": item["text"], "ids": set(item["ids"]),
                            "imitates": item["imitates"], "file": path.name})
    return out


def in_scope(i: str) -> bool:
    return i.startswith("rights.")


def evaluate(detector, clauses: list[dict]) -> dict:
    """Counts per (language, id): tp, fp, fn; and the clauses that went wrong."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    errors = []
    for c in clauses:
        found = {h.rule.id for h in detector.hits(c["text"], c["lang"])}
        for i in found | c["ids"]:
            key = (c["lang"], i)
            if i in found and i in c["ids"]:
                tp[key] += 1
            elif i in found:
                fp[key] += 1
                errors.append(("FP", c["lang"], i, c["text"]))
            else:
                fn[key] += 1
                errors.append(("FN", c["lang"], i, c["text"]))
    return {"tp": tp, "fp": fp, "fn": fn, "errors": errors}


def micro(result: dict, lang: str, keep=in_scope) -> tuple[float, float, int, int, int]:
    def total(counter):
        return sum(v for (lg, i), v in counter.items() if lg == lang and keep(i))

    tp, fp, fn = total(result["tp"]), total(result["fp"]), total(result["fn"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def tables(result: dict, clauses: list[dict]) -> str:
    lines = ["| language | clauses | of which must not be flagged | TP | FP | FN | precision (rights.*) | "
             "recall (rights.*) |", "|---|---|---|---|---|---|---|---|"]
    for lang in FILES:
        mine = [c for c in clauses if c["lang"] == lang]
        negatives = sum(1 for c in mine if not c["ids"])
        p, r, tp, fp, fn = micro(result, lang)
        lines.append(f"| {lang} | {len(mine)} | {negatives} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} |")
    lines += ["", "| id | en TP/FP/FN | fr TP/FP/FN |", "|---|---|---|"]
    ids = sorted({i for (_, i) in list(result["tp"]) + list(result["fp"]) + list(result["fn"])})
    for i in ids:
        cells = [f"{result['tp'][(lg, i)]}/{result['fp'][(lg, i)]}/{result['fn'][(lg, i)]}" for lg in FILES]
        lines.append(f"| {i} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def result():
    from fineprint.detectors.rules import RuleDetector

    clauses = load_clauses()
    res = evaluate(RuleDetector().load(), clauses)
    print("\n" + tables(res, clauses))
    for kind, lang, i, text in res["errors"]:
        print(f"{kind} [{lang}] {i}: {text}")
    return res


def test_the_evaluation_set_is_large_bilingual_and_mostly_negative():
    clauses = load_clauses()
    for lang in FILES:
        mine = [c for c in clauses if c["lang"] == lang]
        assert len(mine) >= MIN_CLAUSES
        assert sum(1 for c in mine if not c["ids"]) > len(mine) / 2
        assert all(c["imitates"] for c in mine)
    covered = {i for c in clauses for i in c["ids"]}
    from fineprint.detectors.rules import RuleDetector

    assert {i for i in RuleDetector().load().ids() if in_scope(i)} <= covered


@pytest.mark.parametrize("lang", list(FILES))
def test_rights_precision_and_recall_per_language(result, lang):
    precision, recall, *_ = micro(result, lang)
    assert precision >= GATE, f"{lang} precision {precision:.3f} < {GATE}"
    assert recall >= GATE, f"{lang} recall {recall:.3f} < {GATE}"


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    from fineprint.detectors.rules import RuleDetector

    all_clauses = load_clauses()
    res = evaluate(RuleDetector().load(), all_clauses)
    print(tables(res, all_clauses))
    for lang in FILES:
        p, r, *_ = micro(res, lang, keep=lambda i: i == "unfair.contract-by-using")
        print(f"unfair.contract-by-using [{lang}]: precision {p:.3f} recall {r:.3f}")
    if "-v" in sys.argv:
        for kind, lang, i, text in res["errors"]:
            print(f"{kind} [{lang}] {i}: {text}")
