"""rights.* on real French privacy-policy paragraphs of first-sight services: a measurement set, read twice.

    python -m training.paragraphs sample --out DIR        # paragraphs to read (two readers read all of them)
    python -m training.paragraphs merge DIR               # answers -> training/annotations/firstsight-fr-paragraphs.jsonl

A reader of a policy meets paragraphs, not sentences: the issue asks that ``rights.*`` hold on real French policy
paragraphs (precision ≥ 0.80, recall ≥ 0.70). The paragraphs come only from the privacy documents of **first-sight**
services of ``../shared/corpora/ota-fr`` (never trained or tuned on); half are drawn where a keyword pool of a
``rights.*`` id occurs (so that the rare ids have a chance to appear), half at random. Two readers label every
paragraph independently with the ``rights.*`` ids it expresses (TAXONOMY.md, docs/annotation-guide.md); as in the
independent evaluation, an id on which they disagree is not scored. Rows point into ../shared (path, offsets, sha256
of the paragraph); no text is copied. Nothing trains on this file: ``training.train`` reads ``ota-*.jsonl`` only.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import annotation as A

OUT = A.ANNOTATIONS_DIR / "firstsight-fr-paragraphs.jsonl"
CORPUS = "ota-fr"
MIN_WORDS, MAX_CHARS = 15, 2500


@dataclass(frozen=True)
class Paragraph:
    rel: str
    start: int
    end: int
    sha: str
    text: str

    @property
    def service(self) -> str:
        return self.rel.split("/", 1)[0]

    @property
    def key(self) -> str:
        return f"{CORPUS}:{self.rel}:{self.start}"


def document_paragraphs(rel: str, root: Path | None = None) -> list[Paragraph]:
    """Blocks of text between blank lines (headings, tables and very short blocks left out), as a reader sees them."""
    root = root or A.shared_root() / "corpora"
    raw = (root / CORPUS / rel).read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"(?:^(?!#)(?!\s*\|)[^\n]*\S[^\n]*(?:\n|$))+", raw, re.M):
        block = m.group(0).rstrip("\n")
        text = A.display_text(block)
        if len(text.split()) < MIN_WORDS or len(text) > MAX_CHARS:
            continue
        out.append(Paragraph(rel, m.start(), m.start() + len(block), A.sentence_hash(block), text))
    return out


def policy_documents() -> list[str]:
    return [d for d in A.corpus_documents(CORPUS)
            if A.is_first_sight(d.split("/", 1)[0]) and A.is_privacy_doc(d.split("/", 1)[1])]


def sample(out: Path, total: int = 300, seed: int = 2043) -> None:
    rng = random.Random(seed)
    pools = {k: v for k, v in A._compiled_pools("fr").items() if k.startswith("rights.")}
    docs = policy_documents()
    chosen: list[Paragraph] = []
    per_doc = max(1, total // len(docs))
    for rel in docs:
        paras = document_paragraphs(rel)
        hits = [p for p in paras if any(rx.search(p.text) for rx in pools.values())]
        rng.shuffle(hits)
        picked = hits[: per_doc // 2]
        rest = [p for p in paras if p not in picked]
        rng.shuffle(rest)
        picked += rest[: per_doc - len(picked)]
        chosen += picked
    rng.shuffle(chosen)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "paragraphs-fr.jsonl").open("w", encoding="utf-8") as fh:
        for p in chosen:
            fh.write(json.dumps({"key": p.key, "service": p.service, "doc": p.rel.split("/", 1)[1], "text": p.text},
                                ensure_ascii=False) + "\n")
    print(f"{len(chosen)} paragraphs from {len(docs)} first-sight French policies", file=sys.stderr)


def merge(work: Path) -> None:
    answers: dict[str, list[list[str]]] = {}
    for path in sorted(work.glob("paragraphs-fr-*.answers.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                answers.setdefault(r["key"], []).append(sorted(set(r["labels"]) & set(A.RIGHTS)))
    rows = []
    by_doc: dict[str, dict[int, Paragraph]] = {}
    for key in sorted(answers, key=A._parse_key):
        _, rel, start = A._parse_key(key)
        if rel not in by_doc:
            by_doc[rel] = {p.start: p for p in document_paragraphs(rel)}
        p = by_doc[rel][start]
        rows.append({"path": f"corpora/{CORPUS}/{rel}", "start": p.start, "end": p.end, "sha": p.sha,
                     "service": p.service, "readings": answers[key]})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} paragraphs, {sum(len(r['readings']) > 1 for r in rows)} read twice", file=sys.stderr)


def load(root: Path | None = None) -> list[dict]:
    """The paragraphs with their text read back from ../shared (a changed paragraph is skipped) and the gold set:
    ``gold`` = ids both readers gave, ``unsure`` = ids only one gave (not scored)."""
    if not OUT.exists():
        return []
    root = root or A.shared_root()
    out = []
    for line in OUT.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        file = root / r["path"]
        if not file.exists():
            continue
        raw = file.read_text(encoding="utf-8")[r["start"]:r["end"]]
        if A.sentence_hash(raw) != r["sha"] or len(r["readings"]) < 2:
            continue
        a, b = (set(x) for x in r["readings"][:2])
        out.append({**r, "text": A.display_text(raw), "gold": a & b, "unsure": a ^ b})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.paragraphs", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--total", type=int, default=300)
    m = sub.add_parser("merge")
    m.add_argument("work", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        sample(args.out, args.total)
    else:
        merge(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
