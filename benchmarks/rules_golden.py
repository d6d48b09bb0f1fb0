#!/usr/bin/env python3
"""Record (or compare) what the YAML rules find on a fixed corpus of real documents: tests/golden/rules-findings.json.

    python benchmarks/rules_golden.py            # write the golden file from the installed engine
    python benchmarks/rules_golden.py --check    # compare the installed engine with it (also tests/test_rules_golden.py)

The corpus: 20 terms/policies from ../shared/corpora/ota-en, 20 from ota-fr (every n-th file in sorted order) and
the repository's examples/; and ids per sentence on the 2,275 UNFAIR-ToS validation sentences. Only document paths, their sha256 and offsets are stored, never the text of ../shared
documents. Per clause that a rule fires on: clause offsets, and per finding the id, confidence, severity, highlight
offsets and evidence flags. The rules run alone (no model confirmation): this pins the rules engine, nothing else.

The file depends on the segmenter too (clause offsets). When the segmenter changes, re-record it with the rules
engine as it was, not the one under test: e.g. the engine of main at the time (issue 10 re-recorded it with
fineprint/detectors/rules.py of commit 3f20143 on the merged segmenter: same 208 findings, 6 documents cut
differently), then check the current engine against it.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden" / "rules-findings.json"
PER_CORPUS = 20


def corpus(shared: Path = SHARED) -> list[tuple[str, Path, str]]:
    """(name as stored, path, language) of every document of the fixed corpus."""
    out = []
    for lang in ("en", "fr"):
        files = sorted((shared / "corpora" / f"ota-{lang}").rglob("*.md"))
        step = max(1, len(files) // PER_CORPUS)
        out += [(f"shared/{p.relative_to(shared).as_posix()}", p, lang) for p in files[::step][:PER_CORPUS]]
    for p in sorted((ROOT / "examples").glob("*")):
        if p.suffix in (".md", ".html"):
            out.append((f"repo/{p.relative_to(ROOT).as_posix()}", p, "fr" if "recompense" in p.name else "en"))
    return out


def findings_of(detector, path: Path, language: str) -> dict:
    from fineprint import ingest
    from fineprint.segment import segment_clauses

    data = path.read_bytes()
    doc = ingest.load(str(path))
    clauses = segment_clauses(doc)
    lang = doc.language if doc.language in ("en", "fr") else language
    rows = []
    for clause, found in zip(clauses, detector.detect(clauses, lang)):
        if not found:
            continue
        rows.append([clause.start, clause.end, sorted(
            [f.id, round(f.confidence, 4), f.severity, [[h.start, h.end] for h in f.highlights],
             {k: v for k, v in sorted(f.evidence.items()) if k not in ("matched", "rule")}] for f in found)])
    return {"sha256": hashlib.sha256(data).hexdigest(), "language": lang, "clauses": len(clauses), "findings": rows}


SENTENCES = "datasets/unfair_tos/validation.jsonl"


def sentences_of(detector, shared: Path) -> dict:
    """Ids per sentence on the UNFAIR-ToS validation sentences, as ``classify --lang en`` asks the rules."""
    from fineprint.model import Clause

    path = shared / SENTENCES
    data = path.read_bytes()
    texts = [json.loads(line)["text"] for line in data.decode("utf-8").splitlines() if line.strip()]
    clauses = [Clause(id=f"t{i}", start=0, end=len(t), text=t, language="en") for i, t in enumerate(texts)]
    hits = {str(i): sorted(found) for i, found in enumerate(detector.scores(clauses, "en")) if found}
    return {"sha256": hashlib.sha256(data).hexdigest(), "sentences": len(texts), "ids": hits}


def record(shared: Path = SHARED) -> dict:
    from fineprint.detectors.registry import text_detectors

    detector = text_detectors(["rules"])[0]
    out = {name: findings_of(detector, path, lang) for name, path, lang in corpus(shared)}
    out[f"shared/{SENTENCES}"] = sentences_of(detector, shared)
    return out


def differences(expected: dict, actual: dict) -> list[str]:
    out = []
    for name in sorted(set(expected) | set(actual)):
        e, a = expected.get(name), actual.get(name)
        if e is None or a is None:
            out.append(f"{name}: only in {'the engine' if e is None else 'the golden file'}")
        elif e["sha256"] != a["sha256"]:
            out.append(f"{name}: the document changed in ../shared (sha256); re-record")
        elif "ids" in e:
            for key in sorted(set(e["ids"]) | set(a["ids"]), key=int):
                if e["ids"].get(key) != a["ids"].get(key):
                    out.append(f"{name} sentence {key}: {e['ids'].get(key)} -> {a['ids'].get(key)}")
        elif e != a:
            want = {(r[0], f[0]): f for r in e["findings"] for f in r[2]}
            got = {(r[0], f[0]): f for r in a["findings"] for f in r[2]}
            for key in sorted(set(want) | set(got)):
                if want.get(key) != got.get(key):
                    out.append(f"{name} @{key[0]} {key[1]}: {want.get(key)} -> {got.get(key)}")
            if e["clauses"] != a["clauses"]:
                out.append(f"{name}: {e['clauses']} clauses -> {a['clauses']}")
    return out


def main(argv: list[str]) -> int:
    actual = record()
    if "--check" in argv:
        diff = differences(json.loads(GOLDEN.read_text(encoding="utf-8")), actual)
        print("\n".join(diff) or f"same findings on {len(actual)} documents")
        return 1 if diff else 0
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    n = sum(len(f) for d in actual.values() for _, _, f in d.get("findings", ()))
    print(f"{len(actual)} documents, {n} findings -> {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
