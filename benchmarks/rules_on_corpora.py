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
    python benchmarks/rules_on_corpora.py --documents          # whole documents, segmented as `fineprint audit` does
    python benchmarks/rules_on_corpora.py --documents --sample rights.data-sale --n 30 --seed 1
                                   # a fixed-seed random sample of firings on whole documents, to judge by reading
    python benchmarks/rules_on_corpora.py --documents --sample rights.data-sale --seed 2 \
        --exclude benchmarks/rules_precision_judged.yaml   # a new sample that leaves out firings already judged
    python benchmarks/rules_on_corpora.py --judged benchmarks/rules_precision_judged.yaml
                                   # sampled precision per id from the judgements, and what the current rules do on them

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


_PARAGRAPH = re.compile(r"<paragraph\b[^>]*>(.*?)</paragraph>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _goppc_text(path: Path) -> str:
    # Some GoPPC files are not well-formed XML (mismatched tags), so paragraphs are cut out by pattern; list items
    # become lines of their own, as an HTML extractor would give them.
    import html

    paragraphs = []
    for body in _PARAGRAPH.findall(path.read_text(encoding="utf-8")):
        body = re.sub(r"<item\b[^>]*>", "\n", body)
        paragraphs.append(html.unescape(_TAG.sub(" ", body)).strip())
    return "\n\n".join(p for p in paragraphs if p)


def load_documents(t200_sample: int = 40, seed: int = 0, fresh: bool = False) -> list[tuple[str, str, str]]:
    """Whole real documents as (corpus, document name, text): every GoPPC-150 policy (paragraphs joined), the 45
    English CLAUDETTE terms of service (one sentence per line, in order) and a fixed sample of GDPR-T200 policies.
    ``fresh``: only the GDPR-T200 policies left out of that sample (documents never read while tuning)."""
    docs: list[tuple[str, str, str]] = []
    t200 = sorted((DATASETS / "gdpr_t200").glob("*.json"))
    picked = set(random.Random(seed).sample(t200, min(t200_sample, len(t200))))
    if fresh:
        for path in (p for p in t200 if p not in picked):
            passages = [p.get("passage", "").strip() for p in json.loads(path.read_text(encoding="utf-8"))]
            docs.append(("gdpr_t200_rest", path.name, "\n\n".join(p for p in passages if p)))
        return docs
    for path in sorted((DATASETS / "goppc150" / "xml").glob("*.xml"), key=lambda p: int(p.stem)):
        docs.append(("goppc150", path.name, _goppc_text(path)))
    per_company: dict[str, list[str]] = {}
    for line in open(DATASETS / "claudette_multilingual" / "en.jsonl", encoding="utf-8"):
        row = json.loads(line)
        per_company.setdefault(row["company"], []).append(row["text"].strip())
    docs += [("claudette_en", company, "\n\n".join(lines)) for company, lines in per_company.items()]
    for path in sorted(picked):
        passages = [p.get("passage", "").strip() for p in json.loads(path.read_text(encoding="utf-8"))]
        docs.append(("gdpr_t200", path.name, "\n\n".join(p for p in passages if p)))
    return docs


def document_firings(detector, docs) -> tuple[list[tuple[str, str, int, str, str]], int]:
    """Every (corpus, document, clause index, id, clause text) on which a rule fires, segmented as an audit is;
    and the number of clauses read."""
    from fineprint.model import Document
    from fineprint.segment import segment_clauses

    firings = []
    n_clauses = 0
    for corpus, name, text in docs:
        clauses = segment_clauses(Document(text=text, source=name, language="en"))
        n_clauses += len(clauses)
        for index, (clause, findings) in enumerate(zip(clauses, detector.detect(clauses, "en"))):
            firings += [(corpus, name, index, f.id, clause.text) for f in findings]
    return firings, n_clauses


def documents_report(detector, sample: str | None, n: int, seed: int, exclude: frozenset = frozenset(),
                     fresh: bool = False) -> str:
    docs = load_documents(fresh=fresh)
    firings, n_clauses = document_firings(detector, docs)
    if sample:
        pool = sorted(f for f in firings if f[3] == sample and (sample, f"{f[0]}:{f[1]}#{f[2]}") not in exclude)
        random.Random(seed).shuffle(pool)
        lines = [f"{len(pool)} firings of {sample} on {len(docs)} documents; sample of {min(n, len(pool))} "
                 f"(seed {seed}):"]
        lines += [f"- {corpus}:{name}#{index} {text[:500]}" for corpus, name, index, _, text in pool[:n]]
        return "\n".join(lines) + "\n"
    per_corpus: dict[str, Counter] = {}
    for corpus, _, _, rule_id, _ in firings:
        per_corpus.setdefault(corpus, Counter())[rule_id] += 1
    corpora = sorted({d[0] for d in docs})
    ndocs = Counter(d[0] for d in docs)
    lines = [f"{len(docs)} documents, {n_clauses:,} clauses", "",
             "| id | " + " | ".join(f"{c} ({ndocs[c]} docs)" for c in corpora) + " | total |",
             "|---" * (len(corpora) + 2) + "|"]
    for rule_id in sorted(detector.ids()):
        cells = [str(per_corpus.get(c, Counter())[rule_id]) for c in corpora]
        total = sum(per_corpus.get(c, Counter())[rule_id] for c in corpora)
        lines.append(f"| {rule_id} | " + " | ".join(cells) + f" | {total} |")
    return "\n".join(lines) + "\n"


def judged_report(detector, path: Path) -> str:
    """Sampled precision per id and round from a judgement file, and what the current rules do on the same clauses.

    The file holds, per round (a seed, and the rules it was drawn with), the judged firings of each id by reference
    (corpus:document#clause index, segmented as an audit is) with a verdict: tp, fp, or conditional (access or
    consent the person turns on: not flagged by the project's documented decision, so counted as a false positive;
    the lenient figure counts it as right)."""
    import hashlib

    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs = {(c, name): text for c, name, text in load_documents() + load_documents(fresh=True)}
    from fineprint.model import Document
    from fineprint.segment import segment_clauses

    clauses: dict[tuple[str, str], tuple] = {}
    lines = []
    for rnd in data["rounds"]:
        lines += [f"### round seed {rnd['seed']} ({rnd['rules']})", "",
                  "| id | fired | judged | TP | FP | conditional | precision | lenient | FP still firing now "
                  "| TP still firing now |", "|---|---|---|---|---|---|---|---|---|---|"]
        all_tp = all_n = 0
        weighted_right = weighted_fired = 0.0
        for rule_id, entry in rnd["ids"].items():
            judged = entry["judged"]
            counts = Counter(j["verdict"] for j in judged)
            still = Counter()
            for j in judged:
                corpus_doc, index = j["ref"].rsplit("#", 1)
                key = tuple(corpus_doc.split(":", 1))
                if key not in clauses:
                    clauses[key] = segment_clauses(Document(text=docs[key], source=key[1], language="en"))
                clause = clauses[key][int(index)]
                if hashlib.sha1(clause.text.encode()).hexdigest()[:12] != j["sha1"]:
                    still["moved"] += 1
                    continue
                if rule_id in {h.rule.id for h in detector.hits(clause.text, "en")}:
                    still[j["verdict"]] += 1
            n = len(judged)
            all_tp += counts["tp"]
            all_n += n
            weighted_right += entry["fired"] * counts["tp"] / n
            weighted_fired += entry["fired"]
            lines.append(f"| {rule_id} | {entry['fired']} | {n} | {counts['tp']} | {counts['fp']} | "
                         f"{counts['conditional']} | {counts['tp'] / n:.2f} | "
                         f"{(counts['tp'] + counts['conditional']) / n:.2f} | "
                         f"{still['fp'] + still['conditional']} of {counts['fp'] + counts['conditional']} | "
                         f"{still['tp']} of {counts['tp']} |"
                         + (f" ({still['moved']} clauses moved)" if still["moved"] else ""))
        lines += ["", f"All judged firings: {all_tp} of {all_n} right ({all_tp / max(1, all_n):.3f}); weighted by "
                  f"how often each id fires, about {weighted_right / max(1.0, weighted_fired):.3f} of the "
                  f"{weighted_fired:.0f} firings of the ids judged are right.", ""]
    return "\n".join(lines)


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
    ap.add_argument("--documents", action="store_true",
                    help="whole documents (GoPPC-150, CLAUDETTE en, 40 GDPR-T200), segmented as an audit is: "
                         "firing counts per id, or with --sample ID a fixed-seed sample of firings")
    ap.add_argument("--sample", metavar="ID", help="with --documents: print a random sample of this id's firings")
    ap.add_argument("--exclude", metavar="JUDGED_YAML", type=Path,
                    help="with --sample: leave out the firings of that id already judged in this file")
    ap.add_argument("--fresh", action="store_true",
                    help="with --documents: only the 116 GDPR-T200 policies outside the default sample of 40")
    ap.add_argument("--judged", metavar="JUDGED_YAML", type=Path,
                    help="sampled precision per id from a judgement file, and which judged firings still fire")
    args = ap.parse_args()
    if not DATASETS.is_dir():
        sys.exit(f"{DATASETS} not found: this benchmark reads ../shared/datasets in place")
    detector = RuleDetector().load()
    if args.contract_by_using:
        print(contract_by_using(detector))
        return
    if args.judged:
        print(judged_report(detector, args.judged))
        return
    if args.documents:
        exclude = frozenset()
        if args.exclude:
            import yaml

            rounds = yaml.safe_load(args.exclude.read_text(encoding="utf-8"))["rounds"]
            # Per (id, clause): a clause judged for another id has not been judged for this one.
            exclude = frozenset((rule_id, j["ref"]) for r in rounds for rule_id, e in r["ids"].items()
                                for j in e["judged"])
        print(documents_report(detector, args.sample, args.n, args.seed, exclude, args.fresh))
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
