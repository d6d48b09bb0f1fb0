"""First-sight evaluation: fineprint on real sentences of services it was never trained or tuned on.

    python -m benchmarks.eval_firstsight            # print the scores (JSON)
    python -m benchmarks.eval_firstsight --write    # also write them into docs/classifiers.md and the model cards

Two measurements, with the protocols of the independent evaluation:
1. Annotated OTA sentences of first-sight services (``training/annotations``, split "first-sight"), English and
   French: sentence-level precision and recall of the rights.* + unfair.* ids that ``fineprint classify`` outputs
   (every text detector: rules and models). Where two annotators read a sentence and disagree on an id, that id is
   not scored for that sentence. practice.* macro-F1 on the privacy-policy sentences.
2. ToS;DR curators' quotes of first-sight services: recall of the id their case maps to, and the share of
   protective quotes ("this service does not sell your data") free of the opposite flag.
3. Paragraphs of the French privacy policies of first-sight services (``training/paragraphs.py``), read twice:
   precision and recall of the rights.* ids found in a paragraph (the union of what ``fineprint classify`` gives
   its sentences); an id the two readers disagree on is not scored for that paragraph.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training import annotation as A  # noqa: E402
from training import realdata as R  # noqa: E402

SCORED = A.RIGHTS + A.UNFAIR


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else 0.0
    return {"precision": None if p is None else round(p, 3), "recall": None if r is None else round(r, 3),
            "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def annotated(lang: str, predict, split: str = "first-sight") -> dict:
    rows = A.load_annotations(lang, "train" if split == "dev" else split)
    if split == "dev":
        rows = [r for r in rows if A.is_dev(r["service"])]
    if ANNOTATORS is not None:
        rows = [r for r in rows if ANNOTATORS.search(r["annotator"])]
    if not rows:
        return {"sentences": 0}
    preds = predict([r["text"] for r in rows], lang)
    per_id = defaultdict(lambda: [0, 0, 0])
    practice = defaultdict(lambda: [0, 0, 0])
    by_service = defaultdict(lambda: [0, 0, 0])
    for r, pred in zip(rows, preds):
        gold = set(r["labels"])
        unsure = set()
        if "second" in r:
            unsure = gold ^ set(r["second"]["labels"])
        got = set(pred)
        for i in SCORED:
            if i in unsure:
                continue
            per_id[i][0] += i in got and i in gold
            per_id[i][1] += i in got and i not in gold
            per_id[i][2] += i not in got and i in gold
            svc = by_service[r["service"]]
            svc[0] += i in got and i in gold
            svc[1] += i in got and i not in gold
            svc[2] += i not in got and i in gold
        if A.is_privacy_doc(r["doc"]):
            for i in A.PRACTICE:
                if i in unsure:
                    continue
                practice[i][0] += i in got and i in gold
                practice[i][1] += i in got and i not in gold
                practice[i][2] += i not in got and i in gold
    total = [sum(v[k] for v in per_id.values()) for k in range(3)]
    out = {"sentences": len(rows), "services": len({r["service"] for r in rows}),
           "rights+unfair": _prf(*total),
           "rights": _prf(*[sum(per_id[i][k] for i in A.RIGHTS) for k in range(3)]),
           "unfair": _prf(*[sum(per_id[i][k] for i in A.UNFAIR) for k in range(3)]),
           "per_id": {i: _prf(*per_id[i]) for i in SCORED if sum(per_id[i])},
           "f1_interval": _bootstrap_f1(list(by_service.values()))}
    with_gold = [i for i in A.PRACTICE if practice[i][0] + practice[i][2]]
    if with_gold:
        out["practice_macro_f1"] = round(sum(_prf(*practice[i])["f1"] for i in with_gold) / len(with_gold), 3)
        out["practice_per_id"] = {i: _prf(*practice[i]) for i in with_gold}
    return out


def _bootstrap_f1(services: list[list[int]], rounds: int = 2000, seed: int = 31) -> list[float] | None:
    """95% interval of rights+unfair.* F1 when the services are drawn again with replacement (the sentences of one
    service are not independent: a service writes the same clause many times). Seeded: the same data gives the same
    interval."""
    import random

    if len(services) < 2:
        return None
    rng = random.Random(seed)
    scores = []
    for _ in range(rounds):
        tp = fp = fn = 0
        for _ in services:
            a, b, c = services[rng.randrange(len(services))]
            tp, fp, fn = tp + a, fp + b, fn + c
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    scores.sort()
    return [round(scores[int(0.025 * rounds)], 3), round(scores[int(0.975 * rounds) - 1], 3)]


def tosdr(predict, shared: Path, split: str = "first-sight") -> dict:
    points = [p for p in R.tosdr_points(shared)
              if p["split"] == split or (split == "dev" and p["split"] == "train" and A.is_dev(p["service"]))]
    by_lang = defaultdict(list)
    for p in points:
        by_lang[p["lang"]].append(p)
    found = missed = clean = dirty = 0
    per_id = defaultdict(lambda: [0, 0])
    for lang, pts in by_lang.items():
        for p, pred in zip(pts, predict([p["text"] for p in pts], lang)):
            hit = any(i in pred for i in p["ids"])
            if p["role"] == "flag":
                found += hit
                missed += not hit
                for i in p["ids"]:
                    per_id[i][0 if hit else 1] += 1
            else:
                clean += not hit
                dirty += hit
    return {"quotes": len(points), "flag_quotes": found + missed,
            "recall": round(found / (found + missed), 3) if found + missed else None,
            "protective_quotes": clean + dirty,
            "protective_free_of_flag": round(clean / (clean + dirty), 3) if clean + dirty else None,
            "recall_per_id": {i: round(v[0] / sum(v), 3) for i, v in sorted(per_id.items())}}


def paragraphs(predict) -> dict:
    from fineprint.model import Document
    from fineprint.segment import segment_clauses

    from training import paragraphs as P

    rows = P.load()
    if not rows:
        return {"paragraphs": 0}
    units, owner = [], []
    for n, r in enumerate(rows):
        for c in segment_clauses(Document(text=r["text"], source="paragraph")):
            units.append(c.text)
            owner.append(n)
    got = [set() for _ in rows]
    for n, labels in zip(owner, predict(units, "fr")):
        got[n] |= {x for x in labels if x.startswith("rights.")}
    per_id = _paragraph_counts(rows, got, A.RIGHTS)
    total = [sum(v[k] for v in per_id.values()) for k in range(3)]
    disagreed = sum(len(r["unsure"]) for r in rows)
    agreed = sum(len(r["gold"]) for r in rows)
    return {"paragraphs": len(rows), "services": len({r["service"] for r in rows}), "rights": _prf(*total),
            "ids_both_readers": agreed, "ids_one_reader": disagreed,
            "per_id": {i: _prf(*per_id[i]) for i in A.RIGHTS if sum(per_id[i])}}


def _paragraph_counts(rows: list[dict], got: list[set], ids) -> dict[str, list[int]]:
    """Per id, [tp, fp, fn] of the predicted sets against the ids both readers gave; an id only one gave is not
    scored for that paragraph."""
    per_id = defaultdict(lambda: [0, 0, 0])
    for r, pred in zip(rows, got):
        for i in ids:
            if i in r["unsure"]:
                continue
            per_id[i][0] += i in pred and i in r["gold"]
            per_id[i][1] += i in pred and i not in r["gold"]
            per_id[i][2] += i not in pred and i in r["gold"]
    return per_id


def practice_paragraphs(predict, split: str = "first-sight") -> dict:
    """practice.* of French policy paragraphs (training/paragraphs.py, ``practice`` readings), each paragraph given
    whole to ``fineprint classify`` as a user or an evaluator would give it (classify reads a paragraph whole and
    sentence by sentence). Macro-F1 over the ids that both readers gave at least once, as OPP-115 is scored; an id
    only one reader gave is not scored for that paragraph."""
    from training import paragraphs as P

    rows = P.load(field="practice", split=split)
    if not rows:
        return {"paragraphs": 0}
    got = [{x for x in labels if x.startswith("practice.")} for labels in predict([r["text"] for r in rows], "fr")]
    per_id = _paragraph_counts(rows, got, A.PRACTICE)
    with_gold = [i for i in A.PRACTICE if per_id[i][0] + per_id[i][2]]
    total = [sum(per_id[i][k] for i in A.PRACTICE) for k in range(3)]
    return {"paragraphs": len(rows), "services": len({r["service"] for r in rows}),
            "macro_f1": round(sum(_prf(*per_id[i])["f1"] for i in with_gold) / len(with_gold), 3) if with_gold else None,
            "micro": _prf(*total), "per_id": {i: _prf(*per_id[i]) for i in with_gold}}


ANNOTATORS: re.Pattern | None = None  # --annotators: only the rows of the reading rounds it matches
DETECTORS: tuple[str, ...] | None = None  # --deep: the default detectors with unfair-deep in the place of unfair


def fineprint_predict(texts, lang):
    import fineprint
    from fineprint.settings import DEFAULT

    settings = DEFAULT if DETECTORS is None else DEFAULT.with_(detectors=DETECTORS)
    return [p.labels for p in fineprint.classify(texts, lang=lang, settings=settings)]


def evaluate(split: str = "first-sight") -> dict:
    """``split="dev"``: the development fifth of the train services, for comparing variants trained with
    FINEPRINT_DEV=1 (never the first-sight services)."""
    shared = A.shared_root()
    return {"en": annotated("en", fineprint_predict, split), "fr": annotated("fr", fineprint_predict, split),
            "tosdr": tosdr(fineprint_predict, shared, split),
            **({"fr_paragraphs": paragraphs(fineprint_predict)} if split == "first-sight" else {}),
            "fr_practice_paragraphs": practice_paragraphs(fineprint_predict, split)}


def markdown(res: dict, old: dict | None = None) -> str:
    """The summary table; with ``old`` (the same evaluation of the previous release) side by side."""
    def cell(d, key):
        return "" if d is None or d.get(key) is None else f"{d[key]}"

    head = "| first-sight set | sentences (services) | precision | recall | F1 |"
    if old:
        head += " v1 precision | v1 recall | v1 F1 |"
    lines = [head, "|---" * (head.count("|") - 1) + "|"]

    def row(name, n, new, prev):
        line = f"| {name} | {n} | {cell(new, 'precision')} | {cell(new, 'recall')} | {cell(new, 'f1')} |"
        if old:
            line += f" {cell(prev, 'precision')} | {cell(prev, 'recall')} | {cell(prev, 'f1')} |"
        lines.append(line)

    for lang, name in (("en", "English OTA sentences"), ("fr", "French OTA sentences")):
        r = res[lang]
        if not r.get("sentences"):
            continue
        for fam in ("rights+unfair", "rights", "unfair"):
            row(f"{name}, {fam}.*", f"{r['sentences']} ({r['services']})", r[fam], old[lang][fam] if old else None)
        if "practice_macro_f1" in r:
            row(f"{name}, practice.* in privacy documents (macro-F1)", "", {"f1": r["practice_macro_f1"]},
                {"f1": old[lang].get("practice_macro_f1")} if old else None)
    t, o = res["tosdr"], (old or {}).get("tosdr")
    row("ToS;DR quotes of first-sight services: recall of the mapped id", t["flag_quotes"], {"recall": t["recall"]},
        {"recall": o["recall"]} if o else None)
    row("ToS;DR protective quotes free of the opposite flag", t["protective_quotes"],
        {"precision": t["protective_free_of_flag"]}, {"precision": o["protective_free_of_flag"]} if o else None)
    pa = res.get("fr_paragraphs") or {}
    if pa.get("paragraphs"):
        row("French privacy-policy paragraphs, rights.* (read twice; disagreements not scored)",
            f"{pa['paragraphs']} ({pa['services']})", pa["rights"], None)
    pp = res.get("fr_practice_paragraphs") or {}
    if pp.get("paragraphs"):
        row("French privacy-policy paragraphs, practice.* (macro-F1; each paragraph given whole to classify)",
            f"{pp['paragraphs']} ({pp['services']})", {"f1": pp["macro_f1"]}, None)
    spans = [f"{name} {res[lang]['f1_interval'][0]}-{res[lang]['f1_interval'][1]}"
             for lang, name in (("en", "English"), ("fr", "French")) if res[lang].get("f1_interval")]
    if spans:
        lines += ["", "95% interval of the rights+unfair.* F1 when the services are drawn again (2,000 bootstrap "
                      "resamples by service): " + ", ".join(spans) + ". Differences smaller than this cannot be read "
                      "on this sample."]
    return "\n".join(lines)


def per_id_markdown(res: dict) -> str:
    lines = ["| id | English P / R (tp) | French P / R (tp) |", "|---|---|---|"]
    for i in SCORED:
        cells = []
        for lang in ("en", "fr"):
            s = res[lang].get("per_id", {}).get(i)
            cells.append("—" if not s else f"{s['precision']} / {s['recall']} ({s['tp']})")
        lines.append(f"| {i} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def write(res: dict, old: dict | None = None) -> None:
    block = markdown(res, old)
    doc = ROOT / "docs" / "classifiers.md"
    text = doc.read_text(encoding="utf-8")
    new = f"<!-- scores:firstsight -->\n{block}\n\nPer id:\n\n{per_id_markdown(res)}\n<!-- /scores:firstsight -->"
    if "<!-- scores:firstsight -->" in text:
        text = re.sub(r"<!-- scores:firstsight -->.*?<!-- /scores:firstsight -->", lambda _: new, text, flags=re.S)
    else:
        text += "\n## First-sight scores\n\n" + new + "\n"
    doc.write_text(text, encoding="utf-8")
    for card in (ROOT / "fineprint" / "models").glob("*/*/MODEL_CARD.md"):
        c = card.read_text(encoding="utf-8")
        if "<!-- firstsight -->" in c:
            c = re.sub(r"<!-- firstsight -->.*?<!-- /firstsight -->",
                       lambda _: f"<!-- firstsight -->\nAll of fineprint's text detectors together (`fineprint "
                                 f"classify`), as a user gets them:\n\n{block}\n<!-- /firstsight -->", c, flags=re.S)
            card.write_text(c, encoding="utf-8")


def record_baseline(res: dict, margin: float = 0.02) -> None:
    """tests/eval/firstsight/baseline.json: floors a little under today's scores (a deliberate change re-records)."""
    import hashlib
    import math

    h = hashlib.sha256()
    for p in sorted((ROOT / "training" / "annotations").glob("ota-*.jsonl")):
        h.update(p.read_bytes())

    def floor(v):
        return math.floor((v - margin) * 100) / 100

    out = {"annotations_sha256": h.hexdigest(),
           **{lang: {m: floor(res[lang]["rights+unfair"][m]) for m in ("precision", "recall")} for lang in ("en", "fr")},
           "tosdr": {"recall": floor(res["tosdr"]["recall"]),
                     "protective_free_of_flag": floor(res["tosdr"]["protective_free_of_flag"])}}
    pa = res.get("fr_paragraphs") or {}
    if pa.get("paragraphs"):
        from training import paragraphs as P

        out["fr_paragraphs"] = {"sha256": hashlib.sha256(P.OUT.read_bytes()).hexdigest(),
                                **{m: floor(pa["rights"][m]) for m in ("precision", "recall")}}
        pp = res.get("fr_practice_paragraphs") or {}
        if pp.get("macro_f1") is not None:
            out["fr_paragraphs"]["practice_macro_f1"] = floor(pp["macro_f1"])
    (ROOT / "tests" / "eval" / "firstsight" / "baseline.json").write_text(json.dumps(out, indent=1) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.eval_firstsight")
    ap.add_argument("--write", action="store_true", help="write the scores into the docs and model cards")
    ap.add_argument("--dev", action="store_true", help="score the development fifth of the train services instead")
    ap.add_argument("--models", type=Path, help="a models folder to score instead of the shipped one (variants)")
    ap.add_argument("--record-baseline", action="store_true", help="re-record tests/eval/firstsight/baseline.json")
    ap.add_argument("--compare", type=Path, help="the JSON this script printed for the previous release (v1 columns)")
    ap.add_argument("--deep", action="store_true", help="score with --deep (unfair.* from the fine-tuned e5)")
    ap.add_argument("--annotators", help="score only rows whose reading round matches this regex (e.g. '(en|fr)-cd-': "
                    "the clean development set, read twice and blind); never with --write")
    a = ap.parse_args(argv)
    if a.annotators:
        global ANNOTATORS
        if a.write or a.record_baseline:
            ap.error("--annotators scores a subset: it writes nothing")
        ANNOTATORS = re.compile(a.annotators)
    if a.deep:
        global DETECTORS
        from fineprint.detectors.registry import deep_names

        DETECTORS = deep_names()
        if a.write or a.record_baseline:
            ap.error("--deep scores are written by hand into docs/classifiers.md (the default path is the gated one)")
    if a.models:
        import fineprint.detectors.ml as ml

        ml.MODELS_ROOT = a.models
    res = evaluate("dev" if a.dev else "first-sight")
    print(json.dumps(res, indent=1))
    print(markdown(res, json.loads(a.compare.read_text()) if a.compare else None), file=sys.stderr)
    if a.write:
        write(res, json.loads(a.compare.read_text()) if a.compare else None)
    if a.record_baseline:
        record_baseline(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
