"""Record the evaluation gates' baselines (tests/eval/*/baseline.json) from the shipped models' meta.json.

    python -m training.record_baselines

Minimums are the measured validation scores rounded down to 0.1 (inference is deterministic, so any drop shows);
per-label minimum = the weakest label's F1 minus 1 point. The data's sha256 ties a baseline to the data it was
measured on.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def floor1(x: float) -> float:
    return math.floor(x * 10) / 10


def main() -> None:
    for task, folder in (("unfair", "unfair"), ("practice", "practice")):
        meta = json.loads((ROOT / "fineprint" / "models" / task / "v1" / "meta.json").read_text())
        v = meta["validation"]
        per = [f for k, f in v["per_label_f1"].items() if not k.startswith("(")]
        out = {"model": f"{task}/{meta['version']}", "data_sha256": v["sha256"], "protocol": v["protocol"],
               "measured": {"micro_f1": v["micro_f1"], "macro_f1": v["macro_f1"]},
               "min_micro_f1": floor1(v["micro_f1"]), "min_macro_f1": floor1(v["macro_f1"]),
               "min_label_f1": floor1(min(per) - 1.0)}
        (ROOT / "tests" / "eval" / folder / "baseline.json").write_text(json.dumps(out, indent=2) + "\n")
        print(task, out)


if __name__ == "__main__":
    main()
