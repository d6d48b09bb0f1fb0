"""The money.* model: data, reading rounds and training.

    python -m training.money sample --out WORK [--en 1800 --fr 1350 --helpers 3 --double 100]
    python -m training.money merge WORK/*.tsv            # readers' answers -> training/annotations/money-{en,fr}.jsonl
    python -m training.money agreement                   # Cohen's kappa per id on the sentences read twice
    python -m training.money train [--out DIR]           # fineprint/models/money/v1

money.* (indemnity, no refund, automatic renewal, balances lost) is fineprint's own family (``law.BEYOND_TAXONOMY``):
no public data labels it. The model learns from three sources, none of a first-sight service:

- **reading rounds** (``training/annotations/money-{en,fr}.jsonl``): sentences of train services' OTA documents,
  drawn from keyword pools of each id (the words a money clause is written with: refunds, renewals, indemnities,
  credits …, so that most drawn sentences are hard cases: a refund *promised* is as likely as one refused) and at
  random, each read for the four ids. Rows are pointers (path, offsets, sha256 of the sentence), never the text;
- **whole documents read** for the money evaluation (``benchmarks/money_judged.yaml``, sets ``train`` and
  ``development``): every sentence of the document, labelled by what the readers listed;
- **ToS;DR quotes** of train services: the indemnity and no-refund cases as positives (``INDEMNITY_CASES``,
  ``NO_REFUND_CASES``), the refund promised "if certain thresholds are not met" as a no-refund negative, every other
  case's quote as a negative for the four ids.

The ``gate`` set of money_judged.yaml (first-sight documents read whole) is never trained or tuned on.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

from . import annotation as A

MONEY = ("money.indemnity", "money.no-refund", "money.auto-renewal", "money.forfeiture")
VERSION = "v1"
MODELS_DIR = Path(__file__).resolve().parent.parent / "fineprint" / "models"
INDEMNITY_CASES = (
    "You agree to defend, indemnify, and hold the service harmless in case of a claim related to your use of the "
    "service",
    "You are solely responsible for claims made against the service and agree to indemnify and hold harmless the "
    "service.",
    "defend, indemnify, hold harmless; survives termination",
)
NO_REFUND_CASES = ("The service has a no refund policy", "This service has a no refund policy with some exceptions")
REFUND_PROMISED_CASES = ("Users are entitled to a refund if certain thresholds or standards are not met by the service",)

# The words money clauses are written with, per id: what a reading round draws from (most matches are not money
# terms: the readers decide).
POOLS = {
    "en": {
        "money.indemnity": r"\bindemnif|\bharmless\b|\breimburse\s+(?:us|the\s+company)|\bdefend\b|\bcompensate\b"
                           r"|\battorneys?.?\s+fees\b|\bliable\s+(?:to\s+us|for\s+(?:any|all)\s+(?:losses|damages))",
        "money.no-refund": r"\brefund|\breimburs|\bnon-?refundable\b|\bfinal\s+sale|\bsales?\s+are\s+final"
                           r"|\bcancell?ation\s+fees?\b|\bstore\s+credit\b|\bprorat",
        "money.auto-renewal": r"\brenew|\brecurring\b|\bbilling\s+(?:cycle|period)\b|\bfree\s+trial\b"
                              r"|\bsubscription\b|\bcharged?\s+(?:automatically|each|every)\b|\buntil\s+you\s+cancel",
        "money.forfeiture": r"\bexpir|\bforfeit|\bcredits?\b|\bpoints\b|\bbalances?\b|\brewards?\b|\bgift\s+cards?"
                            r"|\bcoins\b|\bvirtual\s+(?:currenc|items?|goods)|\bwallet\b",
    },
    "fr": {
        "money.indemnity": r"\bgaranti\w*\s+\w+(?:\s+\w+){0,4}\s+contre\b|\bindemnis|\bindemne|\bdédommag"
                           r"|\brembourser\s+(?:à\s+)?(?:nous|la\s+société|\w+\s+(?:les|tous)\s+frais)"
                           r"|\bfrais\s+d'avocat|\bamendes?\b",
        "money.no-refund": r"\brembours|\bavoirs?\b|\bnon\s+remboursable|\bferme\s+et\s+définiti|\bfrais\s+d'annulation"
                           r"|\brestent?\s+acquis|\bretenue?\b",
        "money.auto-renewal": r"\breconduction|\breconduit|\brenouvel|\bprélèv|\babonnement|\bpériode\s+d'essai"
                              r"|\bmensualit|\béchéance",
        "money.forfeiture": r"\bexpir|\bperdu|\bpoints\b|\bcagnotte|\bcartes?\s+cadeaux?|\bchèques?\s+cadeaux?"
                            r"|\bcrédits?\b|\bsoldes?\b|\bvalidité\b|\bmonnaie\s+virtuelle|\bbons?\s+d'achat",
    },
}
ANNOTATIONS = {lang: A.ANNOTATIONS_DIR / f"money-{lang}.jsonl" for lang in A.CORPORA}


def sample(out: Path, counts: dict[str, int], helpers: int, double: int, random_share: float = 0.15,
           seed: int = 4401, unsure_share: float = 0.0, tag: str = "") -> None:
    """A reading round: per language, ``counts[lang]`` unread sentences of train services (never first-sight ones),
    ``random_share`` of them at random, ``unsure_share`` where the shipped money model hesitates (a probability
    between 0.1 and 0.9 for an id: where a label teaches it the most) and the rest from the four pools in turn, split
    among ``helpers`` readers; ``double`` more are given to readers 1 and 2 both (their agreement)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    done = {(r["path"], r["start"]) for lang in A.CORPORA for r in _stored(lang)}
    for lang, corpus in A.CORPORA.items():
        wanted = counts.get(lang, 0)
        if not wanted:
            continue
        pools = {k: re.compile(rx, re.IGNORECASE) for k, rx in POOLS[lang].items()}
        pool = A.unread_train_sentences(corpus, done)
        order = list(range(len(pool)))
        rng.shuffle(order)
        total = wanted + double
        chosen = dict.fromkeys(order[: int(total * random_share)], "random")
        if unsure_share:
            probs = _model_probabilities([s.text for s in pool], lang)
            unsure = [i for i in order if i not in chosen and ((probs[i] >= 0.1) & (probs[i] < 0.9)).any()]
            for i in unsure[: int(total * unsure_share)]:
                chosen[i] = "unsure"
        hits = {k: [i for i in order if rx.search(pool[i].text) and i not in chosen] for k, rx in pools.items()}
        while len(chosen) < total and any(hits.values()):
            for k in pools:
                while hits[k] and hits[k][-1] in chosen:
                    hits[k].pop()
                if hits[k] and len(chosen) < total:
                    chosen[hits[k].pop()] = f"pool:{k}"
        items = [pool[i] for i in chosen]
        rng.shuffle(items)
        twice, once = items[:double], items[double:]
        for h in range(helpers):
            mine = once[h::helpers] + (twice if h < 2 else [])
            rng.shuffle(mine)
            with (out / f"money-{lang}{tag}-{h + 1}.tsv").open("w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, delimiter="\t", lineterminator="\n")
                w.writerow(["key", "heading", "text", "ids"])
                for s in mine:
                    w.writerow([s.key, s.heading[:120], s.text, ""])
        by = {}
        for v in chosen.values():
            by[v] = by.get(v, 0) + 1
        print(f"{lang}: {len(pool)} unread train-service sentences; drew {len(items)} {by}", file=sys.stderr)


def _model_probabilities(texts: list[str], lang: str) -> np.ndarray:
    """The shipped money model's probabilities (one row per text), in batches."""
    from fineprint.detectors.ml import MoneyModelDetector, _batch

    det = MoneyModelDetector().load()
    rows = []
    for i in range(0, len(texts), 2000):
        batch = _batch(tuple(texts[i:i + 2000]), lang, det.french)
        rows.append(det.model.probabilities(batch.token_lists, batch.gram_lists, batch, lang))
    return np.vstack(rows) if rows else np.zeros((0, len(MONEY)))


def _stored(lang: str) -> list[dict]:
    path = ANNOTATIONS[lang]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def merge(tsvs: list[Path]) -> None:
    """Readers' answer files (``key``, …, ``ids``: comma-separated money ids, empty for none; the reader is the file's
    name) -> pointer rows. A sentence read twice keeps the first reading as ``labels`` and the other as ``second``."""
    rows: dict[str, dict[str, dict]] = {lang: {} for lang in A.CORPORA}
    for lang in A.CORPORA:
        for r in _stored(lang):
            rows[lang][f"{r['path']}:{r['start']}"] = r
    root = A.shared_root()
    segmented: dict[tuple[str, str], dict[int, A.Sentence]] = {}
    for tsv in tsvs:
        reader = Path(tsv).stem
        for rec in csv.DictReader(open(tsv, encoding="utf-8"), delimiter="\t"):
            corpus, rel, start = A._parse_key(rec["key"])
            lang = "fr" if corpus == "ota-fr" else "en"
            labels = sorted({i.strip() for i in (rec.get("ids") or "").split(",") if i.strip()})
            bad = [i for i in labels if i not in MONEY]
            if bad:
                raise SystemExit(f"{tsv}: unknown id {bad} for {rec['key']}")
            if (corpus, rel) not in segmented:
                segmented[(corpus, rel)] = {s.start: s for s in A.document_sentences(corpus, rel)}
            sentence = segmented[(corpus, rel)].get(start)
            if sentence is None:
                raise SystemExit(f"{tsv}: no sentence at {rec['key']}")
            raw = (root / "corpora" / corpus / rel).read_text(encoding="utf-8")
            key = f"corpora/{corpus}/{rel}:{start}"
            row = rows[lang].get(key)
            if row is None:
                rows[lang][key] = {"path": f"corpora/{corpus}/{rel}", "start": start, "end": sentence.end,
                                   "sha": A.sentence_hash(raw[start:sentence.end]), "service": sentence.service,
                                   "doc": sentence.doc, "split": "train", "labels": labels, "annotator": reader}
            elif row["annotator"] != reader and "second" not in row:
                row["second"] = {"annotator": reader, "labels": labels}
    for lang, by_key in rows.items():
        if by_key:
            ordered = sorted(by_key.values(), key=lambda r: (r["path"], r["start"]))
            ANNOTATIONS[lang].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ordered),
                                         encoding="utf-8")
            print(f"{lang}: {len(ordered)} sentences in {ANNOTATIONS[lang]}", file=sys.stderr)


def agreement() -> dict:
    """Per language and id: Cohen's kappa of the two readings of the sentences read twice."""
    out = {}
    for lang in A.CORPORA:
        rows = [r for r in _stored(lang) if "second" in r]
        per = {}
        for label in MONEY:
            a = [label in r["labels"] for r in rows]
            b = [label in r["second"]["labels"] for r in rows]
            k = A.cohen_kappa(a, b)
            per[label] = {"kappa": None if k is None else round(k, 3), "first": sum(a), "second": sum(b)}
        exact = sum(set(r["labels"]) == set(r["second"]["labels"]) for r in rows)
        out[lang] = {"sentences": len(rows), "exact": round(exact / len(rows), 3) if rows else None, "ids": per}
    return out



def _annotation_rows(root: Path) -> list[tuple[str, str, dict, str, str]]:
    """(text, language, {id: 0/1}, service, source) of the reading rounds, read back from ../shared and checked."""
    out = []
    for lang in A.CORPORA:
        for r in _stored(lang):
            raw = (root / r["path"]).read_text(encoding="utf-8")[r["start"]:r["end"]]
            if A.sentence_hash(raw) != r["sha"]:
                raise SystemExit(f"{r['path']} @{r['start']}: the text changed since it was read")
            out.append((A.display_text(raw), lang, {m: int(m in r["labels"]) for m in MONEY},
                        r["service"], "money-rounds"))
    return out


def _document_rows(root: Path) -> list[tuple[str, str, dict, str, str]]:
    """Every sentence of the documents read whole for the evaluation's train and development sets."""
    import yaml

    from benchmarks.money_eval import JUDGED, _same_clause, load

    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    listed = {**load(root, "train"), **load(root, "development")}
    out = []
    for doc in data["documents"]:
        if doc["set"] not in ("train", "development"):
            continue
        corpus, rel = doc["path"].split("/", 1)
        lang = "fr" if corpus == "ota-fr" else "en"
        for s in A.document_sentences(corpus, rel, root / "corpora"):
            ids = {i for row in listed[doc["path"]] for i in row["ids"] if _same_clause(row["text"], s.text)}
            out.append((s.text, lang, {m: int(m in ids) for m in MONEY}, s.service, "money-documents"))
    return out


def _tosdr_rows(root: Path) -> list[tuple[str, str, dict, str, str]]:
    out = []
    for line in (root / "datasets" / "tosdr_points" / "points.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        service = (p.get("services") or ["?"])[0]
        if A.is_first_sight(service) or not p.get("quote"):
            continue
        y = {m: 0 for m in MONEY}
        if p["case"] in INDEMNITY_CASES:
            y["money.indemnity"] = 1
        elif p["case"] in NO_REFUND_CASES:
            y["money.no-refund"] = 1
        out.append((p["quote"], "en", y, service, "tosdr"))
    return out


def training_rows(root: Path | None = None):
    """Every training row and the files it came from (for the model's data hash)."""
    root = root or A.shared_root()
    rows = _annotation_rows(root) + _document_rows(root) + _tosdr_rows(root)
    files = [ANNOTATIONS[lang] for lang in A.CORPORA if ANNOTATIONS[lang].exists()]
    files += [root / "datasets" / "tosdr_points" / "points.jsonl"]
    return rows, files


def data_sha256(files) -> str:
    """The model's data hash: the files it read, and the train and development documents of money_judged.yaml (the
    only part training reads: a gate set recorded there later leaves the hash, and the model, as they were)."""
    import hashlib

    import yaml

    from benchmarks.money_eval import JUDGED
    from training import data as D

    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    read = [d for d in data["documents"] if d["set"] in ("train", "development")]
    h = hashlib.sha256(D.sha256_files(files).encode("ascii"))
    h.update(json.dumps(read, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


JOINT_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
NEVER = 1.01  # the model never reports the id alone (as training.train.NEVER)
MIN_CV_F1_ALONE = 0.4
# the precision the model and the rules together must keep on the read sentences (the product's bar for findings)
MIN_PRECISION = 0.9


def joint_thresholds(rows, choice: list[dict], log=print) -> list[float]:
    """Per id, the model's threshold raised (never lowered) to where the model and the YAML rules *together* score
    best on the out-of-fold probabilities of the read sentences: the rules already find most of what the model
    finds, so the model is asked for what they miss, at a precision that holds."""
    from fineprint.detectors.rules import RuleDetector

    rules = RuleDetector(use_cache=False).load()
    scored = [i for i, r in enumerate(rows) if r[4] != "tosdr"]
    found = np.zeros((len(scored), len(MONEY)), dtype=bool)
    for k, i in enumerate(scored):
        got = {h.rule.id for h in rules.hits(rows[i][0], rows[i][1])}
        found[k] = [m in got for m in MONEY]
    y = np.array([[rows[i][2][m] for m in MONEY] for i in scored], dtype=bool)
    out = []
    for j, ch in enumerate(choice):
        oof = ch["_oof"][scored]
        ok = ~np.isnan(oof)
        best = (-1.0, NEVER)  # where nothing keeps the precision, the rules alone report the id
        for t in sorted({ch["threshold"], *[g for g in (*JOINT_GRID, NEVER) if g > ch["threshold"]]}):
            union = found[:, j] | (ok & (oof >= t))
            tp, fp, fn = (union & y[:, j]).sum(), (union & ~y[:, j]).sum(), (~union & y[:, j]).sum()
            f1 = 2 * tp / max(1, 2 * tp + fp + fn)
            log(f"    {MONEY[j]} from {t:.2f}: union precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}"
                f" F1 {f1:.3f}")
            if tp / max(1, tp + fp) < MIN_PRECISION and t < NEVER:
                continue
            if f1 > best[0] + 1e-9:
                best = (f1, t)
        rules_f1 = 2 * (found[:, j] & y[:, j]).sum() / max(1, found[:, j].sum() + y[:, j].sum())
        alone = "never alone" if best[1] >= NEVER else f"from {best[1]:.2f}"
        log(f"  {MONEY[j]}: rules alone F1 {rules_f1:.3f}; with the model {alone}: {best[0]:.3f}")
        out.append(float(best[1]))
    return out


def train(out_root: Path = MODELS_DIR, log=print) -> dict:
    from training import data as D
    from training import train as T

    t0 = time.time()
    rows, files = training_rows()
    docs = [(r[0], r[1]) for r in rows]
    y = np.array([[r[2][m] for m in MONEY] for r in rows], dtype=np.int8)
    groups = [re.sub(r"[^0-9a-z]+", "", r[3].lower()) for r in rows]
    sources: dict[str, int] = {}
    for r in rows:
        sources[r[4]] = sources.get(r[4], 0) + 1
    log(f"money: {len(rows)} training texts {sources}; positives "
        f"{dict(zip(MONEY, y.sum(axis=0).tolist()))}")
    wv, cv, x = T.fit_vectorisers(docs, char_max_features=100_000)
    choice = T.select(x, y, groups, log, 1.0, None)
    joint = joint_thresholds(rows, choice, log)
    for j, ch in enumerate(choice):
        ch["threshold"] = joint[j] if ch["cv_f1"] >= MIN_CV_F1_ALONE else NEVER
    weights = np.zeros((x.shape[1], len(MONEY)), dtype=np.float32)
    bias = np.zeros(len(MONEY), dtype=np.float32)
    for j, ch in enumerate(choice):
        m = T._Fitted(ch["C"], x, y[:, j])
        weights[:, j], bias[j] = m.weights, m.intercept
    meta = {
        "version": VERSION, "french": T.FRENCH,
        "method": "TF-IDF word 1-3-grams + in-word char 3-5-grams (French: its own words and their English gloss), "
        "one class-weighted linear SVM per label, Platt-calibrated; thresholds from grouped 5-fold CV on train, "
        "raised to where the model and the YAML rules together score best",
        "trained": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"), "train_texts": len(rows),
        "train_sources": sources, "train_positives": {m: int(y[:, j].sum()) for j, m in enumerate(MONEY)},
        "train_sha256": data_sha256(files),
        "selection": [{k: round(v, 4) for k, v in ch.items() if not k.startswith("_")} for ch in choice],
    }
    out_dir = out_root / "money" / VERSION
    T.export(out_dir, "money", MONEY, wv, cv, weights, bias, choice, meta)
    meta["train_seconds"] = round(time.time() - t0, 1)
    (out_dir / "meta.json").write_text(json.dumps({"task": "money", "labels": list(MONEY), **meta}, indent=2) + "\n")
    write_card(out_dir, {"labels": list(MONEY), **meta})
    log(f"  written to {out_dir} ({meta['train_seconds']} s)")
    return meta


def write_card(out_dir: Path, meta: dict) -> None:
    """MODEL_CARD.md from the training run's numbers; the gate section is kept from the previous card (it is written
    by hand from ``python benchmarks/money_eval.py --set gate``)."""
    previous = (out_dir / "MODEL_CARD.md").read_text(encoding="utf-8") if (out_dir / "MODEL_CARD.md").exists() else ""
    m = re.search(r"<!-- gate -->.*?<!-- /gate -->", previous, re.S)
    gate = m.group(0) if m else "<!-- gate -->\n(not measured yet)\n<!-- /gate -->"
    src = meta["train_sources"]
    sel = "\n".join(f"| {lab} | {meta['train_positives'][lab]} | {s['C']} | "
                    f"{'never alone' if s['threshold'] > 1 else format(s['threshold'], '.2f')} | {100 * s['cv_f1']:.1f} |"
                    for lab, s in zip(meta["labels"], meta["selection"]))
    text = f"""# fineprint money/v1 — model card

**Method.** {meta['method']}. Inference is pure numpy: `fineprint/detectors/ml/`.

**Data** (training texts: {meta['train_texts']}; sha256 of what it read (the files and the train and development documents of money_judged.yaml): `{meta['train_sha256'][:16]}…`), services of
the first-sight split left out everywhere:
- fineprint's reading rounds (`training/annotations/money-{{en,fr}}.jsonl`): sentences of current terms of train
  services from Open Terms Archive (`../shared/corpora/ota-en`, `ota-fr`), drawn from each id's keyword pool and at
  random, each read for the four ids ({src.get('money-rounds', 0)} texts). Text: **ODC-By 1.0** (Open Terms
  Archive); labels: Apache-2.0.
- every sentence of the documents read whole for the money evaluation's `train` and `development` sets
  (`benchmarks/money_judged.yaml`; {src.get('money-documents', 0)} texts; the same licences).
- ToS;DR curators' quotes (`../shared/datasets/tosdr_points`, **CC BY-SA**: attribute ToS;DR, share alike): the
  indemnity and no-refund cases as positives, every other case's quote as a negative ({src.get('tosdr', 0)} texts).

**Intended use.** Flags sentences of terms of service and sales conditions that make the user pay the company's
losses, refuse refunds, renew automatically or let a balance be lost (fineprint's own money.* ids), beside the YAML
rules of fineprint/rules/money: the rules supply the decisive words and the lowered severities, the model what the
rules' wording misses. Not legal advice.

## Gate: first-sight documents read whole, never trained or tuned on

{gate}

## Per-label selection (grouped 5-fold cross-validation on train)

| label | positives in training | C | threshold (probability) | CV F1 |
|---|---|---|---|---|
{sel}

## Known weaknesses

- Few positives (a few hundred per id, fewer for balances lost and renewals): rarer wordings are missed, and a
  sentence full of money words that promises a refund can still score high.
- Sentence-level: "no refund" in one sentence and what it covers in the next are read apart.
- A model finding has the default severity (Medium); the rules' lowered severities (an indemnity for your own breach,
  a refund the law keeps) apply where a rule also fires.

Rebuild: `python -m training.money train` (about {max(1, round(meta['train_seconds'] / 60))} min on the 2-core build
machine); trained {meta['trained']}.
"""
    (out_dir / "MODEL_CARD.md").write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.money", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw a reading round (train services only)")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--en", type=int, default=1800)
    s.add_argument("--fr", type=int, default=1350)
    s.add_argument("--helpers", type=int, default=3)
    s.add_argument("--double", type=int, default=100)
    s.add_argument("--unsure-share", type=float, default=0.0, help="part drawn where the shipped model hesitates")
    s.add_argument("--seed", type=int, default=4401)
    s.add_argument("--tag", default="", help="added to the readers' file names (a second round: -r2)")
    m = sub.add_parser("merge", help="readers' answers -> training/annotations/money-{en,fr}.jsonl")
    m.add_argument("tsv", nargs="+", type=Path)
    sub.add_parser("agreement", help="Cohen's kappa per id on the sentences read twice")
    t = sub.add_parser("train", help="train fineprint/models/money/v1")
    t.add_argument("--out", type=Path, default=MODELS_DIR)
    sub.add_parser("card", help="rewrite MODEL_CARD.md from the model's meta.json")
    a = ap.parse_args(argv)
    if a.cmd == "sample":
        sample(a.out, {"en": a.en, "fr": a.fr}, a.helpers, a.double, seed=a.seed, unsure_share=a.unsure_share,
               tag=a.tag)
    elif a.cmd == "merge":
        merge(a.tsv)
    elif a.cmd == "agreement":
        print(json.dumps(agreement(), indent=1))
    elif a.cmd == "card":
        folder = MODELS_DIR / "money" / VERSION
        write_card(folder, json.loads((folder / "meta.json").read_text(encoding="utf-8")))
    else:
        train(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
