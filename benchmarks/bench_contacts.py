"""Measure fineprint.letters.contacts on real privacy policies: ../shared/datasets/gdpr_t200 (156 English app policies,
word-level GDPR Art. 13/14 annotations by Cory et al. 2025, GPL-3.0, read in place).

Gold: the values annotated "Controller Contact" and "DPO Contact" (and "Controller Name" for organisations), with
performed = true. A policy's text is its passages joined by newlines. Each gold value is typed:
email (has an @), web (http/www), phone (mostly digits, 6-15 of them), address (has a digit and two words or more),
other (a phrase such as "contact us": no extractor can return it; counted apart, and in "all kinds" recall).

Matching, per policy, on unique values (case-insensitive):
- email, web: equal after removing a trailing slash and "http(s)://" / "www."; phone: same digits.
- address: a gold address is found when >= 60% of its word tokens lie in one extracted address (gold addresses are
  often one line of a multi-line block that the extractor joins); an extracted address is correct when >= 50% of
  its tokens appear in the policy's gold addresses taken together.
- organisation: equal after removing the legal form and punctuation, or one contains the other.
Precision = correct extracted / extracted; recall = gold found / gold. Organisations the extractor marks
"third-party" (well-known SDK and platform vendors, never suggested as the recipient) are not counted as extracted.

The rules were written looking at the first half of the policies (sorted by file name, "dev"); the second half
("held-out") was only scored. Run: python benchmarks/bench_contacts.py [--shared ../shared] [--show-misses]
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

from fineprint.letters.contacts import extract_contacts  # noqa: E402

KIND_OF_CONTACT = {"email": "email", "web-form": "web", "phone": "phone", "address": "address",
                   "organisation": "organisation"}
_TOKEN = re.compile(r"[\w]+", re.UNICODE)
_LEGAL = re.compile(r"\b(?:inc|llc|ltd|limited|gmbh|ag|sas|sarl|sa|bv|nv|pty|plc|corp|corporation|co|srl|pvt|"
                    r"private|llp|lp|ab|oy|the)\b")


def gold_kind(value: str) -> str:
    if "@" in value:
        return "email"
    if re.search(r"https?://|www\.", value, re.IGNORECASE):
        return "web"
    digits = re.sub(r"\D", "", value)
    letters = re.sub(r"[^A-Za-z]", "", re.sub(r"(?i)\b(?:tel|phone|contact no|number|by phone number)\b", "", value))
    if 6 <= len(digits) <= 15 and len(letters) <= 3:
        return "phone"
    if re.search(r"\d", value) and len(value.split()) >= 2:
        return "address"
    return "other"


def norm_url(v: str) -> str:
    v = re.sub(r"^(?:https?://)?(?:www\.)?", "", v.strip().lower())
    return v.rstrip("/.")


def tokens(v: str) -> list[str]:
    return [t for t in _TOKEN.findall(v.lower()) if t not in {"address", "attn", "attention", "to"}]


def norm_org(v: str) -> str:
    return " ".join(_LEGAL.sub(" ", " ".join(_TOKEN.findall(v.lower()))).split())


def load_policy(path: Path):
    passages = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join(p["passage"] for p in passages)
    gold = defaultdict(set)
    for p in passages:
        for a in p["annotations"]:
            if not a.get("performed", True):
                continue
            value = " ".join(a["value"].split())
            if a["requirement"] in ("Controller Contact", "DPO Contact"):
                gold[gold_kind(value)].add(value)
            elif a["requirement"] == "Controller Name":
                gold["organisation"].add(value)
    return text, gold


def match(kind: str, pred: str, gold: str) -> bool:
    if kind == "email":
        return pred.lower().strip(".") == gold.lower().strip(".")
    if kind == "web":
        return norm_url(pred) == norm_url(gold)
    if kind == "phone":
        return re.sub(r"\D", "", pred) == re.sub(r"\D", "", gold)
    if kind == "organisation":
        a, b = norm_org(pred), norm_org(gold)
        return bool(a and b) and (a == b or (len(a) >= 3 and len(b) >= 3 and (a in b or b in a)))
    raise ValueError(kind)


def score(files: list[Path], show_misses: bool = False) -> dict:
    counts = {k: {"extracted": 0, "correct": 0, "gold": 0, "found": 0} for k in
              ("email", "web", "phone", "address", "organisation")}
    other_gold = 0
    for path in files:
        text, gold = load_policy(path)
        other_gold += len(gold["other"])
        predicted = defaultdict(set)
        for c in extract_contacts(text):
            if c.role != "third-party":  # vendors named as recipients are never suggested as the controller
                predicted[KIND_OF_CONTACT[c.kind]].add(c.value)
        for kind, row in counts.items():
            preds, golds = predicted[kind], gold[kind]
            row["extracted"] += len(preds)
            row["gold"] += len(golds)
            if kind == "address":
                gold_tokens = set(t for g in golds for t in tokens(g))
                for p in preds:
                    pt = tokens(p)
                    ok = bool(pt) and sum(t in gold_tokens for t in pt) / len(pt) >= 0.5
                    row["correct"] += ok
                    if show_misses and not ok:
                        print(f"FP address {path.name}: {p!r}")
                for g in golds:
                    gt = tokens(g)
                    ok = any(gt and sum(t in set(tokens(p)) for t in gt) / len(gt) >= 0.6 for p in preds)
                    row["found"] += ok
                    if show_misses and not ok:
                        print(f"FN address {path.name}: {g!r}")
            else:
                for p in preds:
                    ok = any(match(kind, p, g) for g in golds)
                    row["correct"] += ok
                    if show_misses and not ok:
                        print(f"FP {kind} {path.name}: {p!r}")
                for g in golds:
                    ok = any(match(kind, p, g) for p in preds)
                    row["found"] += ok
                    if show_misses and not ok:
                        print(f"FN {kind} {path.name}: {g!r}")
    result = {}
    for kind, row in counts.items():
        result[kind] = {**row, "precision": row["correct"] / row["extracted"] if row["extracted"] else 0.0,
                        "recall": row["found"] / row["gold"] if row["gold"] else 0.0}
    contact = [counts[k] for k in ("email", "web", "phone", "address")]
    extracted = sum(r["extracted"] for r in contact)
    correct = sum(r["correct"] for r in contact)
    gold_n = sum(r["gold"] for r in contact)
    found = sum(r["found"] for r in contact)
    result["contacts (email+web+phone+address)"] = {
        "extracted": extracted, "correct": correct, "gold": gold_n, "found": found,
        "precision": correct / extracted if extracted else 0.0, "recall": found / gold_n if gold_n else 0.0}
    result["contacts, all kinds incl. 'other' phrases"] = {
        "gold": gold_n + other_gold, "found": found,
        "recall": found / (gold_n + other_gold) if gold_n + other_gold else 0.0}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--show-misses", choices=["dev", "held-out"], default=None)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    folder = Path(args.shared) / "datasets" / "gdpr_t200"
    files = sorted(folder.glob("*.json"))
    if not files:
        sys.exit(f"no policies in {folder}")
    half = len(files) // 2
    splits = {"dev": files[:half], "held-out": files[half:]}
    results = {name: score(fs, show_misses=args.show_misses == name) for name, fs in splits.items()}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, result in results.items():
        print(f"\n{name} ({len(splits[name])} policies)")
        print(f"{'kind':45} {'P':>6} {'R':>6} {'extracted':>10} {'gold':>6}")
        for kind, row in result.items():
            p = f"{row['precision']:.2f}" if "precision" in row else "-"
            print(f"{kind:45} {p:>6} {row['recall']:6.2f} {row.get('extracted', '-'):>10} {row['gold']:>6}")


if __name__ == "__main__":
    main()
