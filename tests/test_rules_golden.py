"""Outputs unchanged: the rules engine finds exactly what tests/golden/rules-findings.json recorded on a fixed corpus
of real documents (benchmarks/rules_golden.py says which, and re-records after a deliberate rule change)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("rules_golden", ROOT / "benchmarks" / "rules_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_find_what_the_golden_file_recorded(shared):
    bench = _bench()
    expected = json.loads(bench.GOLDEN.read_text(encoding="utf-8"))
    assert sum(len(d.get("findings", ())) for d in expected.values()) > 100  # a corpus the rules fire on
    diff = bench.differences(expected, bench.record(shared))
    assert not diff, f"{len(diff)} differences with the golden file:\n" + "\n".join(diff[:20])
