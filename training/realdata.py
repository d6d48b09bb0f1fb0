"""Real labelled sentences beyond the public benchmarks: ToS;DR curators' quotes and fineprint's own annotations of
current Open Terms Archive documents, as rows with a *partial* label vector.

A row's label is 1 (the sentence expresses the id), 0 (it does not) or -1 (unknown: this source says nothing about
the id; training skips the row for that id). ToS;DR quotes are attached to one case each, so they are known for one
id only: 1 for a "flag" case, 0 for a "protective" one (``training/data/tosdr_cases.tsv``). fineprint's annotations
are known for every rights.* and unfair.* id, and for practice.* in privacy documents.

Both are split by service with the same stable rule (``annotation.is_first_sight``): first-sight services are never
trained or tuned on.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import annotation as A

CASES_TSV = Path(__file__).resolve().parent / "data" / "tosdr_cases.tsv"
RIGHTS_EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval" / "rights"

_COURT_WORDS = re.compile(r"\b(?:courts?|tribunal|tribunaux|jurisdiction|venue|juridiction)", re.IGNORECASE)
_LAW_WORDS = re.compile(r"\b(?:governed by|laws? of|governing law|construed|droit (?:français|applicable)|"
                        r"loi (?:française|applicable))", re.IGNORECASE)


@dataclass
class Rows:
    """Texts, their languages, a label matrix with -1 for unknown, and a group (service) per row."""

    labels: tuple[str, ...]
    texts: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    y: list[list[int]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)

    def add(self, text: str, lang: str, known: dict[str, int], group: str, source: str) -> None:
        self.texts.append(text)
        self.langs.append(lang)
        self.y.append([known.get(lab, -1) for lab in self.labels])
        self.groups.append(group)
        self.source.append(source)

    def extend(self, other: "Rows") -> "Rows":
        assert other.labels == self.labels
        for name in ("texts", "langs", "y", "groups", "source"):
            getattr(self, name).extend(getattr(other, name))
        return self

    def matrix(self) -> np.ndarray:
        return np.array(self.y, dtype=np.int8).reshape(len(self.y), len(self.labels))

    def __len__(self) -> int:
        return len(self.texts)


def case_map() -> dict[str, tuple[tuple[str, ...], str]]:
    """ToS;DR case -> (candidate ids, role) for the cases that are used (role "flag" or "protective")."""
    out = {}
    for line in CASES_TSV.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("case\t"):
            continue
        case, ids, role, _n, _why = line.split("\t")
        if role in ("flag", "protective"):
            out[case] = (tuple(ids.split("|")), role)
    return out


def service_key(name: str) -> str:
    """One spelling per service across sources ("GitHub" in OTA, "github" in ToS;DR)."""
    return re.sub(r"[^0-9a-z]+", "", name.lower())


def quote_ids(quote: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    """For the "court of law" cases the quote's own words say whether it names courts, a law, or both."""
    if len(ids) == 1:
        return ids
    out = []
    if "unfair.jurisdiction" in ids and _COURT_WORDS.search(quote):
        out.append("unfair.jurisdiction")
    if "unfair.choice-of-law" in ids and _LAW_WORDS.search(quote):
        out.append("unfair.choice-of-law")
    return tuple(out)


def tosdr_points(shared: Path) -> list[dict]:
    """ToS;DR quotes of the used cases, in English or French, each with its ids, role, language and split."""
    from fineprint.ingest.language import detect_language

    cases = case_map()
    out = []
    for line in (shared / "datasets" / "tosdr_points" / "points.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["case"] not in cases or not (r.get("quote") or "").strip():
            continue
        quote = re.sub(r"\s+", " ", r["quote"]).strip()
        if len(quote) < 15:
            continue
        lang = detect_language(quote)[0]
        if lang not in ("en", "fr"):
            continue
        ids, role = cases[r["case"]]
        ids = quote_ids(quote, ids)
        if not ids:
            continue
        services = [service_key(s) for s in (r.get("services") or []) if s] or ["unknown"]
        held_out = any(A.is_first_sight(s) for s in services)
        if os.environ.get("FINEPRINT_DEV") == "1" and any(A.is_dev(s) for s in services):
            continue
        out.append({"text": quote, "lang": lang, "ids": ids, "role": role, "case": r["case"],
                    "service": services[0], "split": "first-sight" if held_out else "train"})
    return out


def tosdr_rows(shared: Path, labels: tuple[str, ...], split: str = "train") -> Rows:
    rows = Rows(labels)
    for p in tosdr_points(shared):
        if p["split"] != split:
            continue
        known = {i: int(p["role"] == "flag") for i in p["ids"] if i in labels}
        if known:
            rows.add(p["text"], p["lang"], known, "tosdr:" + p["service"], "tosdr")
    return rows


def annotation_rows(labels: tuple[str, ...], split: str = "train", langs=("en", "fr"),
                    root: Path | None = None, annotators: str | None = None) -> Rows:
    """fineprint's own labels of OTA sentences (training/annotations), text read back from ../shared. ``annotators``:
    a regular expression on the row's annotator ("en-r6-2": reading round 6) to keep some reading rounds only."""
    import os

    rows = Rows(labels)
    leave_dev_out = os.environ.get("FINEPRINT_DEV") == "1" and split == "train"
    only = re.compile(annotators) if annotators else None
    for lang in langs:
        for r in A.load_annotations(lang, split, root):
            if leave_dev_out and A.is_dev(r["service"]):
                continue
            if only is not None and not only.match(r.get("annotator", "")):
                continue
            privacy = A.is_privacy_doc(r["doc"])
            gold = set(r["labels"])
            known = {lab: int(lab in gold) for lab in labels if privacy or not lab.startswith("practice.")}
            if known:
                # round 1 (keyword pools and random sentences, as the first-sight sample was drawn) or a later,
                # targeted round (hesitant detectors, rare ids): training.train may weigh them apart
                first = bool(_ROUND_ONE.match(r.get("annotator", "")))
                rows.add(r["text"], lang, known, "ota:" + service_key(r["service"]), "ota" if first else "ota-targeted")
    return rows


_ROUND_ONE = re.compile(r"^(?:en|fr)-\d+$")


def rights_eval_rows(labels: tuple[str, ...]) -> Rows:
    """The rights.* sentences of tests/eval/rights (earlier rounds: real GDPR-T200 policies paraphrased, CLAUDETTE
    quotes and clauses written for the rules); known for every rights.* id, unknown for the rest."""
    import yaml

    rows = Rows(labels)
    for path in sorted(RIGHTS_EVAL_DIR.glob("*.yaml")):
        lang = "fr" if path.stem.endswith("_fr") else "en"
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if not isinstance(item, dict) or "text" not in item:
                continue
            gold = set(item.get("ids") or [])
            known = {lab: int(lab in gold) for lab in labels if lab.startswith("rights.")}
            rows.add(item["text"], lang, known, f"rights-eval:{path.stem}", "rights-eval")
    return rows


SILVER_DIR = Path(__file__).resolve().parent / "data"


def silver_folder() -> Path | None:
    choice = os.environ.get("FINEPRINT_SILVER", "")
    return None if choice == "0" else Path(choice) if choice else SILVER_DIR


def silver_rows(labels: tuple[str, ...], root: Path | None = None, folder: Path | None = None) -> Rows:
    """Sentences of train services labelled by the e5 teacher (training/teacher.py): per id 1, 0 or unknown.
    Train-only rows with a reduced weight; never evaluated. ``FINEPRINT_SILVER`` names another folder, "0" none."""
    rows = Rows(labels)
    folder = folder or silver_folder()
    if folder is None:
        return rows
    root = root or A.shared_root()
    leave_dev_out = os.environ.get("FINEPRINT_DEV") == "1"
    cache: dict[str, str] = {}
    for lang in ("en", "fr"):
        path = folder / f"silver-{lang}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if A.is_first_sight(r["service"]) or (leave_dev_out and A.is_dev(r["service"])):
                continue
            if r["path"] not in cache:
                file = root / r["path"]
                cache[r["path"]] = file.read_text(encoding="utf-8") if file.exists() else ""
            raw = cache[r["path"]][r["start"]:r["end"]]
            if A.sentence_hash(raw) != r["sha"]:
                continue
            known = {k: int(v) for k, v in r["labels"].items() if k in labels}
            if any(known.values()):
                rows.add(A.display_text(raw), lang, known, "silver:" + service_key(r["service"]), "silver")
    return rows
