"""rights.* and practice.* on real French privacy-policy paragraphs: measurement sets, read twice.

    python -m training.paragraphs sample --out DIR        # paragraphs to read (two readers read all of them)
    python -m training.paragraphs merge DIR               # answers -> training/annotations/firstsight-fr-paragraphs.jsonl
    python -m training.paragraphs export --out DIR [--split dev]   # the stored paragraphs with their text, to read
    python -m training.paragraphs merge-practice DIR [--split dev] # practice.* answers -> the same rows
    python -m training.paragraphs sample --split dev --out DIR     # paragraphs of train services' policies

The first-sight file also carries ``practice`` readings (the twelve OPP-115 ids, read by two other readers): the
issue asks for French practice.* macro-F1 >= 0.70 on real policy paragraphs. ``dev-fr-paragraphs.jsonl`` holds
paragraphs of *train* services' policies read the same way, so that choices about paragraphs (how a paragraph's
labels are made from its sentences) are made there and first sight stays unread.

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
DEV_OUT = A.ANNOTATIONS_DIR / "dev-fr-paragraphs.jsonl"
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


def policy_documents(split: str = "first-sight") -> list[str]:
    want = split == "first-sight"
    return [d for d in A.corpus_documents(CORPUS)
            if A.is_first_sight(d.split("/", 1)[0]) == want and A.is_privacy_doc(d.split("/", 1)[1])]


def _out(split: str) -> Path:
    return OUT if split == "first-sight" else DEV_OUT


def sample(out: Path, total: int = 300, seed: int = 2043, split: str = "first-sight") -> None:
    rng = random.Random(seed)
    pools = {k: v for k, v in A._compiled_pools("fr").items() if k.startswith("rights.")}
    docs = policy_documents(split)
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
    print(f"{len(chosen)} paragraphs from {len(docs)} {split} French policies", file=sys.stderr)


def export(out: Path, split: str = "first-sight") -> None:
    """The stored paragraphs with their text (read back from ../shared), for readers of another set of ids."""
    rows = load(split=split, complete=False)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "paragraphs-fr.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            key = f"{CORPUS}:{r['path'].split('/', 2)[2]}:{r['start']}"
            fh.write(json.dumps({"key": key, "service": r["service"], "doc": r["path"].rsplit("/", 1)[1],
                                 "text": r["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} paragraphs", file=sys.stderr)


def _read_answers(work: Path, ids: tuple[str, ...]) -> dict[str, list[list[str]]]:
    answers: dict[str, list[list[str]]] = {}
    for path in sorted(work.glob("paragraphs-fr-*.answers.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                answers.setdefault(r["key"], []).append(sorted(set(r["labels"]) & set(ids)))
    return answers


def merge_practice(work: Path, split: str = "first-sight") -> None:
    """Add two readers' practice.* answers to the stored rows of ``split`` (dev: rows are created)."""
    answers = _read_answers(work, A.PRACTICE)
    out = _out(split)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    have = {f"{CORPUS}:{r['path'].split('/', 2)[2]}:{r['start']}": r for r in rows}
    by_doc: dict[str, dict[int, Paragraph]] = {}
    for key in sorted(answers, key=A._parse_key):
        if key not in have:
            _, rel, start = A._parse_key(key)
            if rel not in by_doc:
                by_doc[rel] = {p.start: p for p in document_paragraphs(rel)}
            p = by_doc[rel][start]
            have[key] = {"path": f"corpora/{CORPUS}/{rel}", "start": p.start, "end": p.end, "sha": p.sha,
                         "service": p.service}
            rows.append(have[key])
        have[key]["practice"] = answers[key]
    rows.sort(key=lambda r: (r["path"], r["start"]))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{out}: {sum(len(r.get('practice', [])) > 1 for r in rows)} paragraphs with practice.* read twice",
          file=sys.stderr)


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


def load(root: Path | None = None, field: str = "readings", split: str = "first-sight",
         complete: bool = True) -> list[dict]:
    """The paragraphs with their text read back from ../shared (a changed paragraph is skipped) and the gold set of
    ``field`` (``readings``: rights.*; ``practice``): ``gold`` = ids both readers gave, ``unsure`` = ids only one
    gave (not scored). ``complete=False`` keeps paragraphs not yet read twice (no gold)."""
    path = _out(split)
    if not path.exists():
        return []
    root = root or A.shared_root()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        file = root / r["path"]
        if not file.exists():
            continue
        raw = file.read_text(encoding="utf-8")[r["start"]:r["end"]]
        if A.sentence_hash(raw) != r["sha"]:
            continue
        readings = r.get(field) or []
        if len(readings) < 2:
            if not complete:
                out.append({**r, "text": A.display_text(raw)})
            continue
        a, b = (set(x) for x in readings[:2])
        out.append({**r, "text": A.display_text(raw), "gold": a & b, "unsure": a ^ b})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.paragraphs", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--total", type=int, default=300)
    s.add_argument("--split", choices=("first-sight", "dev"), default="first-sight")
    m = sub.add_parser("merge")
    m.add_argument("work", type=Path)
    e = sub.add_parser("export")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--split", choices=("first-sight", "dev"), default="first-sight")
    mp = sub.add_parser("merge-practice")
    mp.add_argument("work", type=Path)
    mp.add_argument("--split", choices=("first-sight", "dev"), default="first-sight")
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        sample(args.out, args.total, split=args.split)
    elif args.cmd == "export":
        export(args.out, args.split)
    elif args.cmd == "merge-practice":
        merge_practice(args.work, args.split)
    else:
        merge(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
