"""The rules engine's shortcuts (clause-level gate masks, per-alternative presence tests, the cached plan) must change
nothing but the time: every finding equals the one of matching every pattern on every clause."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml

from fineprint.detectors import rules as R
from fineprint.detectors.rules import prefilter as P
from fineprint.detectors.rules.compile import Pattern, _Compiler
from fineprint.model import Clause

EVAL = Path(__file__).resolve().parent / "eval"


def _findings(detector, texts, lang):
    clauses = [Clause(id=f"c{i}", start=0, end=len(t), text=t, language=lang) for i, t in enumerate(texts)]
    return [[(f.id, f.confidence, f.detector, [(s.start, s.end) for s in f.highlights], f.evidence, f.severity,
              f.severity_reason) for f in found] for found in detector.detect(clauses, lang)]


def _assert_same(texts, lang):
    fast = _findings(R.RuleDetector().load(), texts, lang)
    reference = _findings(R.RuleDetector(prefilter=False).load(), texts, lang)
    differ = [(texts[i], reference[i], fast[i]) for i in range(len(texts)) if fast[i] != reference[i]]
    assert not differ, f"{len(differ)} clauses differ, first: {differ[0]}"
    return sum(map(len, fast))


def _rule_examples(lang):
    out = []
    from fineprint.detectors.rules.load import read_rules

    for data in (d for path in R.rule_files() for d in read_rules(path)):
        examples = data.get("examples") or {}
        for kind in ("flag", "ok"):
            out.extend((examples.get(kind) or {}).get(lang) or [])
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_prefiltered_rules_equal_brute_force_on_rule_examples_and_evaluation_clauses(lang):
    texts = _rule_examples(lang)
    for path in sorted((EVAL / "rights").glob(f"*_{lang}.yaml")):
        texts += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    if lang == "fr":
        for path in sorted((EVAL / "french").glob("*.tsv")):
            texts += [line.partition("\t")[2] for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#")]
    assert len(texts) > 200
    assert _assert_same(texts, lang) > 50  # the comparison covers clauses that fire, not only silent ones


def test_prefiltered_rules_equal_brute_force_on_real_validation_sentences(shared):
    import sys

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from training import data as D

    datasets = shared / "datasets"
    texts = D.unfair_split(datasets, "validation").texts[:500] + D.opp_split(datasets, "validation").texts[:200]
    _assert_same(list(texts), "en")


def test_a_french_clause_given_as_english_is_matched_like_brute_force():
    texts = ["Vous cédez à l'organisateur le droit d'utiliser votre nom et votre image dans le monde entier, "
             "sans contrepartie, pour une durée illimitée.",
             "Nous vendons vos données personnelles à nos partenaires commerciaux."]
    _assert_same(texts, "en")


def test_the_gate_mask_says_exactly_which_gates_occur():
    rng = random.Random(7)
    alphabet = "abc d"
    strings = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6))) for _ in range(120)})
    gates = {}
    compiler = _Compiler({}, {})
    for _ in range(60):
        gate = tuple(rng.sample(strings, rng.randint(1, 4)))
        gates[compiler.bit(gate)] = gate
    index = P.GateIndex(gates)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = 0
        for bit, gate in gates.items():
            if any(g in text for g in gate):
                expected |= bit
        assert index.mask(text) == expected, text


@pytest.mark.parametrize("pattern, parts", [
    (r"a|b", ["a", "b"]),
    (r"(?:a|b)", ["a", "b"]),
    (r"(?:(?:a|b)|c)", ["a", "b", "c"]),
    (r"(a|b)", ["a", "b"]),
    (r"(?:a|b)c", ["(?:a|b)c"]),
    (r"(?:a)|(?:b)c", ["a", "(?:b)c"]),
    (r"[|(]x|y", ["[|(]x", "y"]),
    (r"[]|]x|y", ["[]|]x", "y"]),
    (r"\(a\|b\)|c", [r"\(a\|b\)", "c"]),
    (r"(?<=x)a|b", ["(?<=x)a", "b"]),
    (r"(unclosed|x", [r"(unclosed|x"]),
])
def test_patterns_are_cut_at_their_top_level_alternatives_only(pattern, parts):
    assert P.branches_of(pattern) == parts


def test_patterns_with_back_references_are_not_cut():
    rx = Pattern(r"(a)\1|b", "test")
    _Compiler({}, {}).split(rx)
    assert rx.branches is None


@pytest.mark.parametrize("pattern, gate", [
    (r"\bsell\s+your\s+data\b", ("sell your data",)),
    (r"\b(?:sell|rent)\w*\s+data", (" data",)),  # equally long: the smaller set
    (r"\b(?:sell|rent)\w*\s+\w+", ("rent", "sell")),
    (r"(?:sell|x)", None),  # one branch has no useful literal
    (r"data\s?sale", ("data",)),  # \s? may be absent: the run stops there
    (r"a\sb(?:cookies?|consent)", ("cookie", "consent")),  # a lone \s is not a collapsed space
    (r"[ ']s\s+data", (" s data", "'s data")),
    (r"(?i)sell", None),  # inline flags: not modelled, no gate
    (r"(?!never)sell\w{2,}", ("sell",)),
    (r"(unclosed", None),
])
def test_gates_are_literal_strings_every_match_contains(pattern, gate):
    found = P.literal_gate(pattern)
    assert (sorted(found) if found is not None else None) == (sorted(gate) if gate is not None else None)


def test_every_gate_of_every_rule_holds_on_the_texts_its_pattern_matches():
    """Soundness on real wording: where a cue matches a rule example, one of its gate strings occurs."""
    texts = [" ".join(R.fold(t).split()) for lang in ("en", "fr") for t in _rule_examples(lang)]
    detector = R.RuleDetector(use_cache=False).load()
    checked = 0
    for lang in ("en", "fr"):
        for rule in detector.rules_for(lang):
            for alt in rule.alternatives:
                for (_, rx), gate in zip(alt.cues, alt.gates):
                    if not gate:
                        continue
                    for text in texts:
                        if rx.search(text):
                            checked += 1
                            assert any(g in text for g in gate), (rx.where, gate, text)
    assert checked > 200


def test_a_bad_pattern_is_a_resource_error_naming_its_file(tmp_path):
    from fineprint.errors import ResourceError

    with pytest.raises(ResourceError, match="where.yaml"):
        Pattern("(unclosed", "where.yaml [en]").compiled()


def _one_rule_dir(tmp_path, word):
    family = tmp_path / "rules" / "rights"
    family.mkdir(parents=True, exist_ok=True)
    (family / "sale.yaml").write_text(
        "id: rights.data-sale\nname: sale\nlanguages: [en]\n"
        f"patterns: {{en: ['\\b{word}\\s+your\\s+data\\b']}}\n", encoding="utf-8")
    return tmp_path / "rules"


def test_the_plan_is_cached_and_a_changed_rule_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path / "cache"))
    rules_dir = _one_rule_dir(tmp_path, "sell")
    assert [h.rule.id for h in R.RuleDetector(rules_dir).load().hits("We sell your data.", "en")] == \
        ["rights.data-sale"]
    plans = list((tmp_path / "cache").glob("rules-v2/plan-en-*.json"))
    assert len(plans) == 1 and "sell your data" in plans[0].read_text(encoding="utf-8")
    assert len(list((tmp_path / "cache").glob("rules-v2/parsed-*.json"))) == 1
    again = R.RuleDetector(rules_dir).load()
    assert again.hits("We sell your data.", "en") and not again.hits("We rent your data.", "en")
    _one_rule_dir(tmp_path, "rent")  # same size, new content
    changed = R.RuleDetector(rules_dir).load()
    assert changed.hits("We rent your data.", "en") and not changed.hits("We sell your data.", "en")


def test_a_damaged_plan_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path / "cache"))
    rules_dir = _one_rule_dir(tmp_path, "sell")
    R.RuleDetector(rules_dir).load().rules_for("en")
    for plan in (tmp_path / "cache").glob("rules-v2/*.json"):
        plan.write_text('{"\\\\bsell\\\\s+your\\\\s+data\\\\b": 7, "x": [', encoding="utf-8")
    assert R.RuleDetector(rules_dir).load().hits("We sell your data.", "en")


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(blocked))
    rules_dir = _one_rule_dir(tmp_path, "sell")
    detector = R.RuleDetector(rules_dir).load()
    assert detector.detect([Clause(id="c", start=0, end=18, text="We sell your data.")], "en")[0]


def test_plans_of_earlier_rule_versions_are_pruned(tmp_path, monkeypatch):
    from fineprint.detectors.rules.compile import PLANS_KEPT, PLANS_PER_LANGUAGE

    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path / "cache"))
    for i in range(PLANS_KEPT + 3):
        R.RuleDetector(_one_rule_dir(tmp_path, f"sell{i}")).load().rules_for("en")
    assert len(list((tmp_path / "cache").glob("rules-v2/plan-en-*.json"))) == PLANS_PER_LANGUAGE
    assert len(list((tmp_path / "cache").glob("rules-v2/*.json"))) <= PLANS_KEPT
