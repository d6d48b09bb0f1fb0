"""A blind second reading of the annotated sentences the models most disagree with (label review).

    python -m training.review suspects --out DIR [--per-language 300]   # work files for the blind re-reading
    python -m training.review disagreements DIR                        # re-read vs stored -> adjudication files
    python -m training.review pools SPEC.json --out DIR                # keyword pools -> targeted work files
    python -m training.review targeted DIR [--apply]                   # one-id-at-a-time consistency review
    (then ``python -m training.annotation merge`` applies ``adjudicated-*.answers.jsonl`` found in the work folders)

Why: eight thousand sentences per language were read in five rounds by different readers; a label that one reader
gave and another would not (a missed arbitration clause, a protective sentence flagged) teaches the models noise
and, on first-sight documents, costs precision and recall alike. Re-reading everything again is not affordable; the
sentences most worth a second look are those where a model trained without them (grouped 5-fold cross-validation by
service, the same selection as ``training.train``) strongly disagrees with the stored label: a positive the model
gives almost no probability, a negative it gives a high one.

The procedure keeps the reading honest:
1. **blind re-reading** — the re-reader sees the sentence, its document and heading, never the stored labels nor the
   model's score, and labels it with ``rights.*`` and ``unfair.*`` by TAXONOMY.md and docs/annotation-guide.md;
2. **adjudication** — where the re-reading differs from the stored label, a third reader sees both label sets in a
   random order ("reading A", "reading B", without saying which is the stored one) and decides, by the guide;
3. the adjudicated set replaces the stored ``rights.*`` / ``unfair.*`` labels (``practice.*`` are untouched) and
   the row records what it was (``relabelled_in_review``). Where the re-reading agrees, nothing changes.

Only *train* services are reviewed: first-sight services are never read for tuning, and their labels stay as read.
The models choose which sentences are read; they never choose a label.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from . import annotation as A

REVIEWED = A.RIGHTS + A.UNFAIR
LOW, HIGH = 0.08, 0.75  # a positive under LOW or a negative over HIGH (and over the label's threshold) is a suspect


def _oof(task: str, datasets: Path, log) -> tuple[list[str], list[tuple], np.ndarray, np.ndarray]:
    """Out-of-fold probabilities of every row of a task (training.train's features and selection)."""
    from . import train as T

    rows, _, _ = T.training_rows(task, datasets)
    docs, y, groups = list(zip(rows.texts, rows.langs)), rows.matrix(), rows.groups
    _, _, x = T.fit_vectorisers(docs)
    real = T.OTA_WEIGHT[task]
    weight = np.array([real if g.startswith("ota:") else 1.0 for g in groups])
    choice = T.select(x, y, groups, log, T.BETA[task], None if np.all(weight == 1.0) else weight)
    prob = np.stack([ch.get("_oof", np.full(len(docs), np.nan)) for ch in choice], axis=1)
    thr = np.array([ch["threshold"] for ch in choice])
    keep = [i for i, s in enumerate(rows.source) if s.startswith("ota")]
    return list(rows.labels), [docs[i] for i in keep], y[keep], np.vstack([prob[keep], thr[None, :]])


def suspects(out: Path, per_language: int, datasets: Path, seed: int = 2041, log=print) -> None:
    out.mkdir(parents=True, exist_ok=True)
    by_text: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lang in A.CORPORA:
        for r in A.load_annotations(lang, "train"):
            by_text[(lang, r["text"])].append(r)
    score: dict[str, float] = defaultdict(float)  # key -> strength of the disagreement
    why: dict[str, list[str]] = defaultdict(list)
    rowinfo: dict[str, dict] = {}
    for task in ("rights", "unfair"):
        labels, docs, y, prob = _oof(task, datasets, log)
        thr, prob = prob[-1], prob[:-1]
        for i, (text, lang) in enumerate(docs):
            for j, lab in enumerate(labels):
                p = prob[i, j]
                if np.isnan(p) or y[i, j] < 0:
                    continue
                if y[i, j] == 1 and p < LOW:
                    s = LOW - p
                elif y[i, j] == 0 and p > max(HIGH, thr[j]):
                    s = p - HIGH
                else:
                    continue
                for r in by_text.get((lang, text), []):
                    key = f"{r['path'].split('/')[1]}:{r['path'].split('/', 2)[2]}:{r['start']}"
                    score[key] += float(s)
                    why[key].append(f"{lab}:{'pos' if y[i, j] == 1 else 'neg'}:{p:.2f}")
                    rowinfo[key] = {**r, "lang": lang}
    rng = random.Random(seed)
    for lang in A.CORPORA:
        keys = sorted((k for k in score if rowinfo[k]["lang"] == lang), key=lambda k: -score[k])[:per_language]
        rng.shuffle(keys)
        with (out / f"relabel-{lang}.jsonl").open("w", encoding="utf-8") as fh:
            for k in keys:
                r = rowinfo[k]
                fh.write(json.dumps({"key": k, "service": r["service"], "doc": r["doc"],
                                     "kind": "privacy" if A.is_privacy_doc(r["doc"]) else "terms",
                                     "text": r["text"]}, ensure_ascii=False) + "\n")
        # kept apart from the work file: the re-reader never sees it
        with (out / f"why-{lang}.private.jsonl").open("w", encoding="utf-8") as fh:
            for k in keys:
                fh.write(json.dumps({"key": k, "stored": [x for x in rowinfo[k]["labels"] if x in REVIEWED],
                                     "why": why[k]}) + "\n")
        log(f"{lang}: {sum(1 for k in score if rowinfo[k]['lang'] == lang)} suspects, {len(keys)} to re-read")


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()] if path.exists() else []


def disagreements(work: Path, seed: int = 2042, log=print) -> dict:
    """Re-read vs stored labels (rights.* + unfair.*): agreement figures, and the adjudication work files."""
    rng = random.Random(seed)
    stats = {}
    for lang in A.CORPORA:
        stored = {r["key"]: set(r["stored"]) for r in _read(work / f"why-{lang}.private.jsonl")}
        texts = {r["key"]: r for r in _read(work / f"relabel-{lang}.jsonl")}
        reread = {}
        for path in sorted(work.glob(f"relabel-{lang}*.answers.jsonl")):
            for r in _read(path):
                reread[r["key"]] = {x for x in r["labels"] if x in REVIEWED}
        todo, same, changed_ids = [], 0, 0
        for key, new in reread.items():
            old = stored.get(key, set())
            if new == old:
                same += 1
                continue
            changed_ids += len(new ^ old)
            a, b = (old, new) if rng.random() < 0.5 else (new, old)
            t = texts[key]
            todo.append({"key": key, "service": t["service"], "doc": t["doc"], "kind": t["kind"], "text": t["text"],
                         "reading_a": sorted(a), "reading_b": sorted(b)})
        with (work / f"adjudicate-{lang}.jsonl").open("w", encoding="utf-8") as fh:
            for row in todo:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        stats[lang] = {"re-read": len(reread), "same set": same, "differ": len(todo), "ids differing": changed_ids}
        log(f"{lang}: {stats[lang]}")
    return stats


def adjudicated(works: list[Path]) -> dict[str, list[str]]:
    """key -> the adjudicated rights.* + unfair.* labels (``adjudicated-*.answers.jsonl`` in the work folders)."""
    out: dict[str, list[str]] = {}
    for work in works:
        for path in sorted(work.glob("adjudicated-*.answers.jsonl")):
            for r in _read(path):
                out[r["key"]] = sorted(x for x in r["labels"] if x in REVIEWED)
    return out


def pools(spec: Path, out: Path, seed: int = 47, log=print) -> dict:
    """The work files of a targeted review from keyword pools (``training/review_pools/*.json``): every train sentence
    (development and first-sight services left out; questions left out, they assert nothing) of a kind's language that
    matches all of its patterns, once per id to decide, labelled and unlabelled alike; shuffled, grouped by id, in two
    ``targeted-<lang>-<n>.jsonl`` halves per language. The readers see the sentence and its document, never the
    stored label. Returns per kind: sentences and how many carry each id now."""
    kinds = json.loads(spec.read_text(encoding="utf-8"))["kinds"]
    out.mkdir(parents=True, exist_ok=True)
    items: dict[str, dict[str, dict]] = defaultdict(dict)
    stats = {}
    for kind, k in kinds.items():
        pats = [re.compile(x, re.I) for x in k["all_of"]]
        n, has = 0, {i: 0 for i in k["ids"]}
        for r in A.load_annotations(k["lang"], "train"):
            text = r["text"]
            if A.is_dev(r["service"]) or text.rstrip().endswith("?") or not all(p.search(text) for p in pats):
                continue
            n += 1
            key = f"{r['path'].split('/')[1]}:{r['path'].split('/', 2)[2]}:{r['start']}"
            for i in k["ids"]:
                has[i] += i in r["labels"]
                items[k["lang"]].setdefault(f"{key}|{i}", {"item": f"{key}|{i}", "id": i, "service": r["service"],
                                                           "document": r["path"], "sentence": text})
        stats[kind] = {"sentences": n, "labelled": has}
        log(f"{kind}: {stats[kind]}")
    rng = random.Random(seed)
    for lang, found in items.items():
        rows = list(found.values())
        rng.shuffle(rows)
        rows.sort(key=lambda x: x["id"])
        half = (len(rows) + 1) // 2
        for n, chunk in enumerate((rows[:half], rows[half:]), 1):
            with (out / f"targeted-{lang}-{n}.jsonl").open("w", encoding="utf-8") as fh:
                for row in chunk:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return stats


def targeted(work: Path, apply: bool = False, log=print) -> dict:
    """A consistency review of a few kinds of clause, one id at a time (the guide's eighth round).

    ``work`` holds ``targeted-<lang>-<n>.jsonl`` (item = ``<key>|<id>``, the id to decide, the sentence) and two
    independent readers' ``answers-<lang>-<n>-a.jsonl`` / ``-b.jsonl`` (item, label true/false, why). The readers saw
    neither the stored label nor any score. A stored label changes only where **both** readers agree against it; a
    disagreement keeps the stored label. The change is written into ``training/annotations/ota-<lang>.jsonl`` and
    recorded in the row (``targeted_review``: the ids added and removed), which ``annotation.merge`` keeps.
    Returns per language and id: items, readers' agreement (Cohen's kappa), labels added and removed."""
    stats: dict = {}
    changes: dict[str, dict[str, dict[str, list[str]]]] = {lang: {} for lang in A.CORPORA}
    for lang in A.CORPORA:
        stored = {}
        for r in A.stored_rows(lang):
            stored[f"{r['path'].split('/')[1]}:{r['path'].split('/', 2)[2]}:{r['start']}"] = r
        per_id: dict[str, dict] = defaultdict(lambda: {"items": 0, "a": [], "b": [], "added": 0, "removed": 0,
                                                         "disagreed": 0})
        for wf in sorted(work.glob(f"targeted-{lang}-*.jsonl")):
            n = wf.stem.rsplit("-", 1)[1]
            items = _read(wf)
            ans = [{r["item"]: bool(r["label"]) for r in _read(work / f"answers-{lang}-{n}-{x}.jsonl")}
                   for x in ("a", "b")]
            for it in items:
                key, lab = it["item"].rsplit("|", 1)
                if it["item"] not in ans[0] or it["item"] not in ans[1] or key not in stored:
                    continue
                a, b = ans[0][it["item"]], ans[1][it["item"]]
                st = per_id[lab]
                st["items"] += 1
                st["a"].append(a)
                st["b"].append(b)
                has = lab in stored[key]["labels"]
                if a != b:
                    st["disagreed"] += 1
                elif a != has:
                    st["added" if a else "removed"] += 1
                    changes[lang].setdefault(key, {"added": [], "removed": []})["added" if a else "removed"].append(lab)
        stats[lang] = {lab: {"items": v["items"], "kappa": (None if (k := A.cohen_kappa(v["a"], v["b"])) is None
                                                          else round(k, 2)),
                             "both yes": sum(x and y for x, y in zip(v["a"], v["b"])),
                             "disagreed": v["disagreed"], "added": v["added"], "removed": v["removed"]}
                       for lab, v in sorted(per_id.items())}
        log(f"{lang}: {json.dumps(stats[lang])}")
        if apply and changes[lang]:
            rows = A.stored_rows(lang)
            for r in rows:
                key = f"{r['path'].split('/')[1]}:{r['path'].split('/', 2)[2]}:{r['start']}"
                ch = changes[lang].get(key)
                if not ch:
                    continue
                labels = (set(r["labels"]) | set(ch["added"])) - set(ch["removed"])
                r["labels"] = sorted(labels)
                prev = r.get("targeted_review", {"added": [], "removed": []})
                r["targeted_review"] = {"added": sorted(set(prev["added"]) | set(ch["added"])),
                                        "removed": sorted(set(prev["removed"]) | set(ch["removed"]))}
            A._write_rows(A.ANNOTATIONS_DIR / f"ota-{lang}.jsonl", rows)
            log(f"{lang}: {len(changes[lang])} rows changed")
    return stats


def main(argv=None) -> int:
    from .data import default_datasets

    ap = argparse.ArgumentParser(prog="python -m training.review", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("suspects")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--per-language", type=int, default=300)
    s.add_argument("--datasets", type=Path, default=None)
    d = sub.add_parser("disagreements")
    d.add_argument("work", type=Path)
    pl = sub.add_parser("pools", help="keyword pools (training/review_pools/*.json) -> targeted work files")
    pl.add_argument("spec", type=Path)
    pl.add_argument("--out", type=Path, required=True)
    t = sub.add_parser("targeted", help="two readers, one id at a time; a label changes where both agree against it")
    t.add_argument("work", type=Path)
    t.add_argument("--apply", action="store_true", help="write the changes into training/annotations")
    args = ap.parse_args(argv)
    if args.cmd == "pools":
        try:
            stats = pools(args.spec, args.out, log=lambda m: print(m, file=sys.stderr))
        except (OSError, ValueError, KeyError, TypeError, re.error) as exc:  # a spec that is missing or malformed
            print(f"review pools: {args.spec}: not a pool spec ({type(exc).__name__}: {exc})"[:300], file=sys.stderr)
            return 2
        print(json.dumps(stats, indent=1))
        return 0
    if args.cmd == "targeted":
        print(json.dumps(targeted(args.work, args.apply, log=lambda m: print(m, file=sys.stderr)), indent=1))
        return 0
    if args.cmd == "suspects":
        suspects(args.out, args.per_language, args.datasets or default_datasets(),
                 log=lambda m: print(m, file=sys.stderr))
    else:
        print(json.dumps(disagreements(args.work, log=lambda m: print(m, file=sys.stderr)), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
