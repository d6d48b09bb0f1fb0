#!/usr/bin/env python3
"""Which readers Open Terms Archive's documents say they are written for (fineprint/law/audience.py), counted.

    python benchmarks/audience_on_corpora.py                   # suggestions by country and corpus, and the time taken
    python benchmarks/audience_on_corpora.py --show US-CA      # the documents given one suggestion, with its words
    python benchmarks/audience_on_corpora.py --show several --n 20 --seed 1
                                   # a fixed-seed sample of one kind ("several", "silent", a country) to judge by reading

The documents are read in place from ../shared/corpora/ota-en and ota-fr (never copied); the document language is
the corpus's. A report shows the suggestion only without --country: this counts what it would show.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS_LANGUAGES = {"ota-en": "en", "ota-fr": "fr"}


def kind_of(suggested: dict | None) -> str:
    """"silent", the country suggested, or "several" (a document that serves several regions)."""
    if suggested is None:
        return "silent"
    return suggested["country"] or "several"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents of one kind: a country (GB, US-CA …), several or silent")
    parser.add_argument("--n", type=int, default=0, help="with --show: a random sample of this many (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not all((CORPORA / name).is_dir() for name in CORPUS_LANGUAGES):
        print(f"skipped: the Open Terms Archive corpora are not at {CORPORA} (ota-en, ota-fr; see ../shared/DATA.md)")
        return 0
    from fineprint.law.audience import suggest

    counts: Counter = Counter()
    options: Counter = Counter()
    shown: list[tuple[str, dict | None]] = []
    started = time.perf_counter()
    chars = 0
    for corpus, language in CORPUS_LANGUAGES.items():
        for path in sorted((CORPORA / corpus).glob("*/*.md")):
            text = path.read_text(encoding="utf-8", errors="replace")
            chars += len(text)
            suggested = suggest(text, "en", language)
            kind = kind_of(suggested)
            counts[(corpus, kind)] += 1
            for code in (suggested or {}).get("options", ()):
                options[(corpus, code)] += 1
            if args.show and kind == args.show:
                shown.append((str(path.relative_to(CORPORA)), suggested))
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(f"{total} documents, {chars / 1e6:.1f} M characters, {elapsed:.1f} s ({1000 * elapsed / max(total, 1):.1f} ms"
          " a document)\n")
    print("| corpus | suggestion | documents |\n|---|---|---:|")
    for (corpus, kind), n in sorted(counts.items(), key=lambda item: (item[0][0], -item[1])):
        print(f"| {corpus} | {kind} | {n} |")
    if options:
        print("\n--country offered in 'several' lines:")
        print("| corpus | --country | documents |\n|---|---|---:|")
        for (corpus, code), n in sorted(options.items(), key=lambda item: (item[0][0], -item[1])):
            print(f"| {corpus} | {code} | {n} |")
    if args.show:
        if args.n and len(shown) > args.n:
            shown = random.Random(args.seed).sample(shown, args.n)
        print(f"\n{len(shown)} documents ({args.show}):")
        for path, suggested in shown:
            print(f"- {path}" + (f": {suggested['label']} ({suggested['why']})" if suggested else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
