"""Record the evaluation gates' baselines and the docs' score tables from the shipped models.

    python -m training.record_baselines

- tests/eval/{unfair,practice}/baseline.json from each model's meta.json (validation scores measured at training);
- tests/eval/french/baseline.json by scoring the French sets now;
- the validation and French tables of docs/classifiers.md.
Minimums are the measured scores rounded down to 0.1 (inference is deterministic, so any drop shows); the per-label
floor is the weakest label's F1 minus 1 point. The data's sha256 ties a baseline to the data it was measured on.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path

import numpy as np

from . import data as D

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
DOC = ROOT / "docs" / "classifiers.md"


def floor1(x: float) -> float:
    return math.floor(x * 10) / 10


def french_scores(task: str) -> tuple[dict, int, str]:
    from fineprint.detectors.ml import PracticeDetector, UnfairDetector
    from fineprint.detectors.ml.metrics import lexglue_scores, multilabel_scores
    from fineprint.model import Clause

    labels = D.UNFAIR_LABELS if task == "unfair" else D.PRACTICE_LABELS
    codes = D.FR_CODES[task]
    path = EVAL / "french" / f"{task}_fr.tsv"
    texts, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lab, _, text = line.partition("\t")
            gold.append(set() if lab == "fair" else {codes[c] for c in lab.split(",")})
            texts.append(text)
    det = (UnfairDetector if task == "unfair" else PracticeDetector)().load()
    clauses = [Clause(id=str(i), start=0, end=len(t), text=t, language="fr") for i, t in enumerate(texts)]
    pred = [{f.id for f in fs} for fs in det.detect(clauses, "fr")]
    y = np.array([[int(lab in g) for lab in labels] for g in gold], dtype=np.int8)
    p = np.array([[int(lab in s) for lab in labels] for s in pred], dtype=np.int8)
    sc = (lexglue_scores if task == "unfair" else multilabel_scores)(y, p)
    return sc, len(texts), hashlib.sha256(path.read_bytes()).hexdigest()


def write_block(name: str, body: str) -> None:
    start, end = f"<!-- scores:{name} -->", f"<!-- /scores:{name} -->"
    text = DOC.read_text(encoding="utf-8")
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: f"{start}\n{body}\n{end}", text, flags=re.S)
        DOC.write_text(text, encoding="utf-8")


def main() -> None:
    val_rows = []
    for task in ("unfair", "practice"):
        from .train import VERSIONS

        meta = json.loads((ROOT / "fineprint" / "models" / task / VERSIONS[task] / "meta.json").read_text())
        v = meta["validation"]
        per = [f for k, f in v["per_label_f1"].items() if not k.startswith("(")]
        out = {"model": f"{task}/{meta['version']}", "data_sha256": v["sha256"], "protocol": v["protocol"],
               "measured": {"micro_f1": v["micro_f1"], "macro_f1": v["macro_f1"]},
               "min_micro_f1": floor1(v["micro_f1"]), "min_macro_f1": floor1(v["macro_f1"]),
               "min_label_f1": floor1(min(per) - 1.0)}
        (EVAL / task / "baseline.json").write_text(json.dumps(out, indent=2) + "\n")
        val_rows.append((task, v))
    lines = []
    for task, v in val_rows:
        lines.append(f"**{task}/{meta['version']}**, validation ({v['protocol']}, {v['texts']} texts): micro-F1 **{v['micro_f1']:.1f}**,"
                     f" macro-F1 **{v['macro_f1']:.1f}**\n")
        lines.append("| label | F1 |\n|---|---|")
        lines += [f"| {k} | {f:.1f} |" for k, f in v["per_label_f1"].items()]
        lines.append("")
    write_block("validation", "\n".join(lines).rstrip())
    fr = {}
    lines = []
    for task in ("unfair", "practice"):
        sc, n, sha = french_scores(task)
        fr[task] = {"sha256": sha, "texts": n, "measured": {"micro_f1": round(sc["micro_f1"], 2),
                                                            "macro_f1": round(sc["macro_f1"], 2)},
                    "min_macro_f1": floor1(sc["macro_f1"])}
        names = list(D.UNFAIR_LABELS) + ["(fair: no label)"] if task == "unfair" else list(D.PRACTICE_LABELS)
        lines.append(f"**French {task}** ({n} clauses{', LexGLUE protocol' if task == 'unfair' else ''}): "
                     f"micro-F1 **{sc['micro_f1']:.1f}**, macro-F1 **{sc['macro_f1']:.1f}**\n")
        lines.append("| category | F1 |\n|---|---|")
        lines += [f"| {k} | {f:.1f} |" for k, f in zip(names, sc["per_label"])]
        lines.append("")
    (EVAL / "french" / "baseline.json").write_text(json.dumps(fr, indent=2) + "\n")
    write_block("french", "\n".join(lines).rstrip())
    print(json.dumps({"validation": {t: (v["micro_f1"], v["macro_f1"]) for t, v in val_rows},
                      "french": {t: f["measured"] for t, f in fr.items()}}))


if __name__ == "__main__":
    main()
