#!/usr/bin/env python3
"""Whole-report recall on documents of *development* services read whole (a design tool, not a gate).

    python benchmarks/dev_whole_reads.py            # recall per document and language, as JSON
    python benchmarks/dev_whole_reads.py --misses   # also list the red flags the reports miss (id, sentence, why)

`benchmarks/dev_whole_reads.yaml` lists, for each document, every sentence a reader named as a rights.* or unfair.*
red flag while reading the whole document blind to fineprint's output: the raw file's offset and length of the
sentence and the first 12 hex digits of its sha1 (never the text). Where a document was read by two readers, each
blind to the other, a red flag is one both named (``named_by`` equal to ``readers``). A red flag counts as reported when today's report
of that document has a finding of the same id on a clause sharing six consecutive words with the sentence (clause
boundaries differ between a reader's sentence and fineprint's segmentation). The first-sight whole-report rounds
(`report_precision.py`) measure quality; these documents may be designed on, since their services are development
services, so the figure here says how a change moves recall while it is being built.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
READS = ROOT / "benchmarks" / "dev_whole_reads.yaml"
SHINGLE = 6


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def sentences(shared: Path, doc: dict) -> list[tuple[dict, str]]:
    """Each red flag of a document with its sentence, read back from ../shared and checked against its sha1
    (ValueError if the corpus file changed under the pointer)."""
    text = (shared / doc["path"]).read_text(encoding="utf-8")
    out = []
    for flag in doc["flags"]:
        if flag.get("named_by", 1) < doc.get("readers", 1):
            continue  # a document read twice: a red flag is one both readers named
        quote = text[flag["start"]:flag["start"] + flag["length"]]
        if hashlib.sha1(quote.encode("utf-8")).hexdigest()[:12] != flag["sha1"]:
            raise ValueError(f"{doc['path']}: the sentence at {flag['start']} is not the one read (file changed?)")
        out.append((flag, quote))
    return out


def evaluate(shared: Path, misses: bool = False) -> dict:
    import yaml

    import fineprint
    from fineprint.assess import with_similar

    data = yaml.safe_load(READS.read_text(encoding="utf-8"))
    result: dict = {"documents": {}, "per_language": {}}
    for doc in data["documents"]:
        report = fineprint.audit(str(shared / doc["path"]))
        found = [(f.id, _shingles(f.text)) for f in with_similar(report.findings)
                 if f.id.startswith(("rights.", "unfair."))]
        flags = sentences(shared, doc)
        missed = [(flag, quote) for flag, quote in flags
                  if not any(fid == flag["id"] and (_shingles(quote) & sh) for fid, sh in found)]
        entry = {"red_flags": len(flags), "reported": len(flags) - len(missed)}
        if misses:
            entry["missed"] = [{"id": f["id"], "sentence": q[:300], "why": f.get("why", "")} for f, q in missed]
        result["documents"][doc["path"]] = entry
        lang = result["per_language"].setdefault(doc["language"], {"red_flags": 0, "reported": 0})
        lang["red_flags"] += entry["red_flags"]
        lang["reported"] += entry["reported"]
    for per in result["per_language"].values():
        per["recall"] = round(per["reported"] / per["red_flags"], 3) if per["red_flags"] else None
    total = sum(p["red_flags"] for p in result["per_language"].values())
    result["recall"] = round(sum(p["reported"] for p in result["per_language"].values()) / total, 3) if total else None
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list the red flags the reports miss")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the ../shared folder")
    args = ap.parse_args(argv)
    if not (args.shared / "corpora").is_dir():
        print(f"error: no corpora under {args.shared} (pass --shared)", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(args.shared, args.misses), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
