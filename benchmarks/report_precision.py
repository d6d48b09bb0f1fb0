#!/usr/bin/env python3
"""Whole-report precision, judged by reading: every rights.* and unfair.* finding of whole reports of real current
documents, each read by two readers against ../shared/docs/TAXONOMY.md and docs/annotation-guide.md.

    python benchmarks/report_precision.py                  # audit the judged documents now; precision on the findings
                                                           # judged, and the findings no one has judged yet
    python benchmarks/report_precision.py --unjudged F.tsv # also write the unjudged findings (to read, then record)

The judgements (`benchmarks/report_precision_judged.yaml`) point into ../shared: document path, the finding's id,
the clause's offset and the first 12 hex digits of its sha1 (never the text). A finding counts as judged when the
same id is reported on a clause with the same sha1. Precision is computed on the findings both readers agree on
(per language of the report and per reading round);
Cohen's kappa over all judged findings says how far they agree. The documents are of *first-sight* services (no
model, rule or threshold was tuned on them): the judgements measure a user's reading of a whole report, once.

A document published in several languages records the version that was read (``lang``, as ``--lang`` picks it).

Documents read whole also list the sentences the report missed (``misses``: id, the clause's sha1 and offset, and how
many readers named it). Whole-report recall = the red flags reported now / every red flag of those documents, where
a red flag is a finding both readers judged right or a missed clause both readers named.

The "Worth checking" list (findings below --min-confidence, listed apart, never counted) is measured apart: its
precision on the items readers judged (from round 6 on, the readers saw them mixed with the counted findings, not
told which), and the recall a reader gets who also reads that list (``recall_with_worth_checking``).
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
JUDGED = ROOT / "benchmarks" / "report_precision_judged.yaml"


def sha(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def audited(shared: Path, doc: str, lang: str | None = None) -> tuple[list, list]:
    """The counted findings and the "Worth checking" ones of one fresh audit (``lang``: the version read in a document
    published in several languages, as ``--lang`` picks it; a judged document records it as ``lang``)."""
    import fineprint
    from fineprint.settings import Settings

    from fineprint.assess import with_similar

    report = fineprint.audit(str(shared / doc), Settings(lang=lang))
    # a finding that stands for same-template clauses (assess.merge_similar) shows each of them to the reader
    pick = lambda fs: [(f.id, sha(f.text), f.span.start if f.span else -1, f.text)  # noqa: E731
                       for f in with_similar(fs) if f.id.startswith(("rights.", "unfair."))]
    return pick(report.findings), pick(report.less_certain)


def kappa(a: list[bool], b: list[bool]) -> float | None:
    n = len(a)
    if not n:
        return None
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return round((po - pe) / (1 - pe), 3) if pe < 1 else None


def evaluate(shared: Path) -> dict:
    import yaml

    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    judged = {(d["path"], j["id"], j["sha1"]): j for d in data["documents"] for j in d["findings"]}
    out: dict = {"documents": len(data["documents"]), "per_language": {}, "unjudged": []}
    both_a, both_b = [], []
    out["per_round"] = {}
    recall: dict = {}
    recall_rounds: dict = {}
    worth = {"listed": 0, "judged": 0, "agreed": 0, "right": 0}
    for d in data["documents"]:
        groups = [out["per_language"].setdefault(d["language"], {"findings": 0, "judged": 0, "agreed": 0, "right": 0}),
                  out["per_round"].setdefault(str(d.get("round", 1)), {"findings": 0, "judged": 0, "agreed": 0,
                                                                       "right": 0})]
        now, apart = audited(shared, d["path"], d.get("lang"))
        if "misses" in d:  # read whole for what was missed: whole-report recall
            reported = {(fid, h) for fid, h, _, _ in now}
            listed = reported | {(fid, h) for fid, h, _, _ in apart}
            flags = [(j["id"], j["sha1"]) for j in d["findings"] if j["verdicts"] == ["tp", "tp"]]
            flags += [(m["id"], m["sha1"]) for m in d["misses"] if m["named_by"] == 2]
            flags = list(dict.fromkeys(flags))  # a missed clause later found and judged right is one red flag, not two
            for per in (recall.setdefault(d["language"], {"red_flags": 0, "reported": 0, "with_worth_checking": 0}),
                        recall_rounds.setdefault(str(d.get("round", 1)), {"red_flags": 0, "reported": 0,
                                                                          "with_worth_checking": 0})):
                per["red_flags"] += len(flags)
                per["reported"] += sum(f in reported for f in flags)
                per["with_worth_checking"] += sum(f in listed for f in flags)
        for fid, h, _, _ in apart:  # the "Worth checking" list: its own precision, where it was read
            worth["listed"] += 1
            j = judged.get((d["path"], fid, h))
            if j is not None:
                a, b = j["verdicts"]
                worth["judged"] += 1
                worth["agreed"] += a == b
                worth["right"] += a == b == "tp"
        for fid, h, start, text in now:
            j = judged.get((d["path"], fid, h))
            for per in groups:
                per["findings"] += 1
            if j is None:
                out["unjudged"].append({"path": d["path"], "id": fid, "sha1": h, "start": start, "text": text})
                continue
            a, b = j["verdicts"]
            both_a.append(a == "tp")
            both_b.append(b == "tp")
            for per in groups:
                per["judged"] += 1
                per["agreed"] += a == b
                per["right"] += a == b == "tp"
    for per in [*out["per_language"].values(), *out["per_round"].values()]:
        per["precision"] = round(per["right"] / per["agreed"], 3) if per["agreed"] else None
    agreed = sum(p["agreed"] for p in out["per_language"].values())
    right = sum(p["right"] for p in out["per_language"].values())
    out["precision"] = round(right / agreed, 3) if agreed else None
    out["kappa"] = kappa(both_a, both_b)
    for per in [*recall.values(), *recall_rounds.values()]:
        per["recall"] = round(per["reported"] / per["red_flags"], 3) if per["red_flags"] else None
        per["recall_with_worth_checking"] = (round(per.pop("with_worth_checking") / per["red_flags"], 3)
                                             if per["red_flags"] else None)
    if recall:
        flags = sum(p["red_flags"] for p in recall.values())
        out["whole_report_recall"] = {"per_language": recall, "per_round": recall_rounds,
                                      "recall": round(sum(p["reported"] for p in recall.values()) / flags, 3),
                                      "recall_with_worth_checking": round(sum(
                                          p["recall_with_worth_checking"] * p["red_flags"] for p in recall.values())
                                          / flags, 3)}
    worth["precision"] = round(worth["right"] / worth["agreed"], 3) if worth["agreed"] else None
    out["worth_checking"] = worth
    return out


def main(argv=None) -> int:
    import json

    ap = argparse.ArgumentParser(prog="python benchmarks/report_precision.py")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--unjudged", type=Path, help="write the findings no one has judged yet (TSV) to this file")
    ap.add_argument("--models", type=Path, help="a models folder to score instead of the shipped one (variants)")
    a = ap.parse_args(argv)
    if a.models:
        if not (a.models / "rights").is_dir():
            print(f"error: {a.models} is not a models folder (no rights/ in it)", file=sys.stderr)
            return 2
        import fineprint.detectors.ml as ml

        ml.MODELS_ROOT = a.models
    if not (a.shared / "corpora").is_dir():
        print(f"error: {a.shared}/corpora not found (the judged documents are read in place)", file=sys.stderr)
        return 2
    res = evaluate(a.shared)
    if a.unjudged:
        with a.unjudged.open("w", encoding="utf-8") as fh:
            fh.write("path\tid\tsha1\tstart\tclause\n")
            for u in res["unjudged"]:
                fh.write(f"{u['path']}\t{u['id']}\t{u['sha1']}\t{u['start']}\t{' '.join(u['text'].split())}\n")
    res["unjudged"] = len(res["unjudged"])
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
