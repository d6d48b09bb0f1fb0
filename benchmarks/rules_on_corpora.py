#!/usr/bin/env python3
"""How often each YAML rule fires on real privacy policies and terms of service, and samples to read.

    python benchmarks/rules_on_corpora.py                      # counts per id and corpus (markdown)
    python benchmarks/rules_on_corpora.py --show rights.data-sale --n 30 [--corpus opp115] [--seed 1]
    python benchmarks/rules_on_corpora.py --contract-by-using  # precision/recall vs UNFAIR-ToS label 4
    python benchmarks/rules_on_corpora.py --show rights.data-sale --missed '\bsell\b.{0,80}information'
                                   # sentences with the practice's keywords on which the rule did NOT fire (recall)
    git archive HEAD fineprint/rules | tar -x -C /tmp/before      # the rules as committed, to compare with
    python benchmarks/rules_on_corpora.py --against /tmp/before/fineprint/rules [--show rights.data-sale]
                                   # every sentence that a rule change makes fire or stop firing, per id (read them all)

Corpora are read in place from ../shared (never copied): OPP-115 segments (split into sentences), the GDPR-T200
app policies (passages split into sentences), UNFAIR-ToS train+validation and the English CLAUDETTE sentences.
Real documents mostly describe ordinary practices, so a rule that fires on a large share of sentences is noisy:
the counts and the samples are how the rules were tuned for precision on real wording.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z\"'(])")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.strip()) > 15]


def load_corpora() -> dict[str, list[str]]:
    """{corpus name: unique sentences}."""
    corpora: dict[str, list[str]] = {}
    csv.field_size_limit(10**7)
    opp: dict[str, None] = {}
    for split in ("train", "validation"):
        with open(DATASETS / "opp115" / "Majority" / f"{split}_dataset.csv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if row:
                    opp.update(dict.fromkeys(_sentences(row[0])))
    corpora["opp115"] = list(opp)
    t200: dict[str, None] = {}
    for path in sorted((DATASETS / "gdpr_t200").glob("*.json")):
        for passage in json.loads(path.read_text(encoding="utf-8")):
            t200.update(dict.fromkeys(_sentences(passage.get("passage", ""))))
    corpora["gdpr_t200"] = list(t200)
    tos: dict[str, None] = {}
    for split in ("train", "validation"):
        for line in open(DATASETS / "unfair_tos" / f"{split}.jsonl", encoding="utf-8"):
            tos[json.loads(line)["text"]] = None
    corpora["unfair_tos"] = list(tos)
    claudette: dict[str, None] = {}
    for line in open(DATASETS / "claudette_multilingual" / "en.jsonl", encoding="utf-8"):
        text = json.loads(line)["text"].strip()
        if len(text) > 15:
            claudette[text] = None
    corpora["claudette_en"] = list(claudette)
    return corpora


def fire(detector, sentences: list[str]) -> list[set[str]]:
    return [{h.rule.id for h in detector.hits(s, "en")} for s in sentences]


def counts_table(detector, corpora: dict[str, list[str]]) -> str:
    ids = sorted(detector.ids())
    per_corpus = {}
    timings = {}
    for name, sentences in corpora.items():
        started = time.perf_counter()
        fired = fire(detector, sentences)
        timings[name] = time.perf_counter() - started
        per_corpus[name] = Counter(i for f in fired for i in f)
    head = "| id | " + " | ".join(f"{n} ({len(corpora[n]):,})" for n in corpora) + " |"
    lines = [head, "|---" * (len(corpora) + 1) + "|"]
    for i in ids:
        cells = []
        for name in corpora:
            c = per_corpus[name][i]
            cells.append(f"{c} ({100 * c / max(1, len(corpora[name])):.2f}%)")
        lines.append(f"| {i} | " + " | ".join(cells) + " |")
    speed = ", ".join(f"{n}: {len(corpora[n]) / timings[n]:,.0f} sentences/s" for n in corpora)
    return "\n".join(lines) + f"\n\nThroughput (one process): {speed}\n"


def changes_against(detector, before, corpora: dict[str, list[str]], only: str | None = None) -> str:
    """Per id, how many sentences fire before and now, and every sentence gained (+) or lost (-) by the change."""
    totals_before: Counter = Counter()
    totals_now: Counter = Counter()
    rows = []
    for name, sentences in corpora.items():
        for s, old, new in zip(sentences, fire(before, sentences), fire(detector, sentences)):
            totals_before.update(old)
            totals_now.update(new)
            rows += [("+", i, name, s) for i in sorted(new - old)] + [("-", i, name, s) for i in sorted(old - new)]
    ids = sorted(set(totals_before) | set(totals_now))
    lines = ["| id | before | now | gained | lost |", "|---|---|---|---|---|"]
    for i in ids:
        gained = sum(1 for r in rows if r[1] == i and r[0] == "+")
        lost = sum(1 for r in rows if r[1] == i and r[0] == "-")
        lines.append(f"| {i} | {totals_before[i]} | {totals_now[i]} | {gained} | {lost} |")
    lines.append("")
    lines += [f"{sign} {i} [{name}] {s[:300]}" for sign, i, name, s in sorted(rows) if only in (None, i)]
    return "\n".join(lines) + "\n"


def contract_by_using(detector) -> str:
    out = []
    for split in ("train", "validation"):
        rows = [json.loads(line) for line in open(DATASETS / "unfair_tos" / f"{split}.jsonl", encoding="utf-8")]
        tp = fp = fn = 0
        for row in rows:
            pred = "unfair.contract-by-using" in {h.rule.id for h in detector.hits(row["text"], "en")}
            gold = 4 in row["labels"]
            tp += pred and gold
            fp += pred and not gold
            fn += gold and not pred
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out.append(f"| {split} | {len(rows):,} | {tp + fn} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | {f1:.3f} |")
    return ("| UNFAIR-ToS split | sentences | label 4 | TP | FP | FN | precision | recall | F1 |\n"
            "|---|---|---|---|---|---|---|---|---|\n" + "\n".join(out) + "\n")


def main() -> None:
    from fineprint.detectors.rules import RuleDetector

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", help="print sample sentences on which this id fires")
    ap.add_argument("--corpus", help="restrict --show to one corpus")
    ap.add_argument("--n", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--missed", metavar="REGEX",
                    help="with --show: sentences matching REGEX (case-insensitive) on which the id did not fire")
    ap.add_argument("--contract-by-using", action="store_true", help="precision/recall vs UNFAIR-ToS label 4")
    ap.add_argument("--against", metavar="RULES_DIR",
                    help="compare with the rules in RULES_DIR (e.g. the committed ones): counts and every sentence "
                         "gained or lost, per id (with --show: that id only)")
    args = ap.parse_args()
    if not DATASETS.is_dir():
        sys.exit(f"{DATASETS} not found: this benchmark reads ../shared/datasets in place")
    detector = RuleDetector().load()
    if args.contract_by_using:
        print(contract_by_using(detector))
        return
    corpora = load_corpora()
    if args.against:
        if not (Path(args.against) / "vocabulary.yaml").is_file():
            sys.exit(f"{args.against}: not a rules folder (no vocabulary.yaml)")
        print(changes_against(detector, RuleDetector(args.against).load(), corpora, args.show))
        return
    if args.show:
        keywords = re.compile(args.missed, re.I) if args.missed else None
        pool = []
        for name, sentences in corpora.items():
            if args.corpus and name != args.corpus:
                continue
            if keywords is not None:
                sentences = [s for s in sentences if keywords.search(s)]
            pool += [(name, s) for s, f in zip(sentences, fire(detector, sentences))
                     if (args.show in f) != (keywords is not None)]
        random.Random(args.seed).shuffle(pool)
        print(f"{len(pool)} sentences {'contain the keywords but do not fire' if keywords else 'fire'} {args.show}")
        for name, s in pool[: args.n]:
            print(f"- [{name}] {s[:400]}")
        return
    print(counts_table(detector, corpora))
    print(contract_by_using(detector))


if __name__ == "__main__":
    main()
