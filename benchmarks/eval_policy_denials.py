#!/usr/bin/env python3
"""How well `fineprint/flows/policy.py` reads *denials* ("we do not collect your location"), the statements that make
an app-vs-policy contradiction, measured on GDPR-T200 (../shared/datasets/gdpr_t200), whose annotators marked the
data categories a passage denies (``Data Categories`` with ``performed: false``).

    python benchmarks/eval_policy_denials.py

- recall: of the denied category values that name one of our data types (by our vocabulary: "location data", "your
  name", "e-mail address"; generic values such as "personal information" are left out, the reader never counts
  those), the share for which the reader finds a denial of that type in the same passage;
- precision: of the reader's denials (collect or share), the share that fall in a passage whose annotations deny some
  data category or recipient (a loose check: a denial the annotators did not mark counts as wrong).
Passages are read one by one as clauses (the dataset's own passages, no segmentation).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from fineprint.flows.policy import _patterns, read_policy
    from fineprint.model import Clause

    folder = ROOT.parent / "shared" / "datasets" / "gdpr_t200"
    if not folder.is_dir():
        print(f"error: {folder} not found", file=sys.stderr)
        return 2
    types = _patterns("en")[0]
    wanted = found = 0
    denials = denials_marked = 0
    for path in sorted(folder.glob("*.json")):
        for i, p in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            text = " ".join(str(p.get("passage", "")).split())
            if not text:
                continue
            reading = read_policy([Clause(id=f"p{i}", start=0, end=len(text), text=text)], "en")
            denied = {s.data_type for s in reading.statements if s.negated and s.action in ("collect", "share")}
            marked = [a for a in p.get("annotations") or [] if a.get("performed") is False
                      and a.get("requirement") in ("Data Categories", "Data Recipients")]
            denials += len(denied)
            denials_marked += len(denied) if marked else 0
            for a in marked:
                if a.get("requirement") != "Data Categories":
                    continue
                for name, pat in types.items():
                    if pat.search(str(a.get("value", ""))):
                        wanted += 1
                        found += name in denied
    print(f"denied data types named in annotations: {wanted}; read as denials: {found} "
          f"(recall {found / wanted:.2f})" if wanted else "no specific denied type")
    print(f"reader's denials: {denials}; in passages with an annotated denial: {denials_marked} "
          f"(precision {denials_marked / denials:.2f})" if denials else "no denial read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
