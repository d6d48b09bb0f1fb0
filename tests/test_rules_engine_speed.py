"""The rules engine's shortcuts (clause-level gate masks, per-alternative presence tests, the compiled-regex cache)
must change nothing but the time: every finding equals the one of matching every pattern on every clause."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml

from fineprint.detectors import rules as R
from fineprint.detectors.regex_cache import RegexCache
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
    for path in R.rule_files():
        examples = R.read_yaml(path).get("examples") or {}
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
    for _ in range(60):
        gate = tuple(rng.sample(strings, rng.randint(1, 4)))
        gates[R._gate_bit(gate)] = gate
    index = R.GateIndex(gates)
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
    assert R._branches_of(pattern) == parts


def test_patterns_with_back_references_are_not_cut():
    rx = R.LazyPattern(r"(a)\1|b", "test")
    R._split(rx)
    assert rx.branches is None


def test_cached_regular_expressions_match_like_re_compile(tmp_path):
    folder = tmp_path / "regex"
    sources = [r"\bcookies?\b(?!\s+policy)", r"(?P<who>we|you)\s+(?:sell|share)\w*", r"(?<!non-)\bsub-?licen[cs]\w*",
               r"[àâä]\w+|\d{2,}", r"(?:x|y)+?z"]
    texts = ["We share cookies, you sell data; the Cookie Policy", "non-sublicense sub-licence sublicensed",
             "âge 2024 xyz yyz", ""]
    first = RegexCache(folder)
    for s in sources:
        first.compile(s, re.IGNORECASE)
    first.save()
    assert len(list(folder.glob("*.json"))) == len(sources)
    second = RegexCache(folder)
    for s in sources:
        cached, plain = second.compile(s, re.IGNORECASE), re.compile(s, re.IGNORECASE)
        assert cached.groupindex == plain.groupindex and cached.groups == plain.groups
        assert cached.flags == plain.flags
        for t in texts:
            assert [(m.span(), m.groups()) for m in cached.finditer(t)] == \
                [(m.span(), m.groups()) for m in plain.finditer(t)]
    assert not second.dirty  # everything came from the files


def test_a_damaged_or_foreign_regex_cache_is_ignored(tmp_path):
    folder = tmp_path / "regex"
    cache = RegexCache(folder)
    cache.compile("abc|d")
    cache.save()
    (path,) = folder.glob("*.json")
    text = path.read_text(encoding="utf-8")
    stored = json.loads(text)
    stored["entry"][1] = "AAAA" + stored["entry"][1]  # the code shifted by three bytes
    path.write_text(json.dumps(stored), encoding="utf-8")
    damaged = RegexCache(folder)
    assert damaged.compile("abc|d").search("xxd").group() == "d"
    assert damaged.dirty  # compiled anew, to be written back
    path.write_text("not json", encoding="utf-8")
    assert RegexCache(folder).compile("abc|d").search("abc").group() == "abc"
    path.write_text(text.replace('"stamp":"', '"stamp":"other-python'), encoding="utf-8")
    fresh = RegexCache(folder)
    fresh.compile("abc|d")
    assert fresh.dirty  # not taken from another Python's file


def test_a_bad_pattern_still_raises_and_an_unwritable_cache_is_harmless(tmp_path):
    with pytest.raises(re.error):
        RegexCache(tmp_path / "c").compile("(unclosed")
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    cache = RegexCache(blocked / "sub")  # its folder cannot be created
    cache.compile("abc")
    cache.save()


def _one_rule_dir(tmp_path, word):
    family = tmp_path / "rules" / "rights"
    family.mkdir(parents=True, exist_ok=True)
    (family / "sale.yaml").write_text(
        "id: rights.data-sale\nname: sale\nlanguages: [en]\n"
        f"patterns: {{en: ['\\b{word}\\s+your\\s+data\\b']}}\n", encoding="utf-8")
    return tmp_path / "rules"


def test_parsed_rules_are_cached_and_a_changed_rule_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path / "cache"))
    rules_dir = _one_rule_dir(tmp_path, "sell")
    assert [h.rule.id for h in R.RuleDetector(rules_dir).load().hits("We sell your data.", "en")] == \
        ["rights.data-sale"]
    assert list((tmp_path / "cache").glob("rules-v1/parsed-*.json"))
    assert list((tmp_path / "cache").glob("rules-v1/plan-en-*.json"))
    again = R.RuleDetector(rules_dir).load()
    assert again.hits("We sell your data.", "en") and not again.hits("We rent your data.", "en")
    _one_rule_dir(tmp_path, "rent")  # same size, new content
    changed = R.RuleDetector(rules_dir).load()
    assert changed.hits("We rent your data.", "en") and not changed.hits("We sell your data.", "en")


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(blocked))
    rules_dir = _one_rule_dir(tmp_path, "sell")
    detector = R.RuleDetector(rules_dir).load()
    assert detector.detect([Clause(id="c", start=0, end=18, text="We sell your data.")], "en")[0]


def test_plans_of_earlier_rule_versions_are_dropped(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path / "cache"))
    for word in ("sell", "rent", "trade"):
        R.RuleDetector(_one_rule_dir(tmp_path, word)).load().rules_for("en")
    assert len(list((tmp_path / "cache").glob("rules-v1/plan-en-*.json"))) == 2
