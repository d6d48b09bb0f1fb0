"""Reading the rules: one YAML file per rule id (``rights.data-sale`` in ``fineprint/rules/rights/data-sale.yaml``;
an id matched by several rules holds them as YAML documents separated by ``---``) and the shared vocabulary.

A regular expression in a rule or in the vocabulary may be written as one string or as a YAML list of alternatives,
which the loader joins with ``|`` once (``join``); ``{{name}}`` in a pattern stands for the word list ``name`` of the
rule's own ``words`` or of the vocabulary, in the rule's language (expanded at compile time, in ``compile.py``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ...errors import ResourceError

RULES_DIR = Path(__file__).resolve().parent.parent.parent / "rules"
VOCABULARY_FILE = "vocabulary.yaml"
SCHEMA_FILE = "rule.schema.json"
LANGUAGES = ("en", "fr")


def _yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file (the C loader when available); a broken file is a ResourceError naming it."""
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_yaml_loader())
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read rule file {path}: {exc}") from exc


def read_rules(path: Path) -> list[Any]:
    """The rules of one file: one YAML document each (a file holds every variant of its id, separated by ``---``)."""
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            return [doc for doc in yaml.load_all(fh, Loader=_yaml_loader()) if doc is not None]
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read rule file {path}: {exc}") from exc


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """Every rule file: the YAML files inside the family folders (the vocabulary and schema sit at the top)."""
    return sorted(p for p in rules_dir.glob("*/*.yaml") if not p.name.startswith("_"))


def join(value: Any) -> Any:
    """A pattern written as a list of alternatives, as one regular expression (a string is left as it is)."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "|".join(value)
    return value


def load_vocabulary(rules_dir: Path = RULES_DIR) -> dict[str, dict[str, str]]:
    """Shared named regex fragments per language, used in rules as ``{{name}}`` (lists joined once)."""
    path = rules_dir / VOCABULARY_FILE
    data = read_yaml(path) if path.exists() else {}
    return {lang: {k: join(v) for k, v in ((data or {}).get(lang) or {}).items()} for lang in LANGUAGES}


def _join_per_lang(value: Any) -> Any:
    if isinstance(value, dict):
        return {lang: join(v) for lang, v in value.items()}
    return join(value)


def _joined_cues(data: dict) -> dict:
    """The rule with every cue, evidence flag, negator list and word list written as a list of alternatives joined
    into one pattern (``unless``, ``none`` and ``lower.when`` lists stay lists: any one of them applies)."""
    patterns = {}
    for lang, alts in (data.get("patterns") or {}).items():
        out = []
        for alt in alts or ():
            if isinstance(alt, dict):
                alt = {**alt, "all": {name: join(rx) for name, rx in (alt.get("all") or {}).items()}}
            out.append(alt)
        patterns[lang] = out
    joined = {**data, "patterns": patterns}
    if data.get("evidence"):
        joined["evidence"] = {name: _join_per_lang(spec) for name, spec in data["evidence"].items()}
    if (data.get("negation") or {}).get("negators") is not None:
        joined["negation"] = {**data["negation"], "negators": _join_per_lang(data["negation"]["negators"])}
    if data.get("words"):
        joined["words"] = {lang: {k: join(v) for k, v in (words or {}).items()} for lang, words in data["words"].items()}
    return joined


@dataclass(frozen=True)
class RuleSource:
    """Every rule of a folder as read from disk: (path, rule) pairs, the vocabulary and a hash of the files."""

    rules_dir: Path
    rules: tuple[tuple[Path, dict], ...]
    vocabulary: dict[str, dict[str, str]]
    digest: str

    def ids(self) -> frozenset[str]:
        return frozenset(data["id"] for _, data in self.rules)


def digest_of(files: Sequence[Path], rules_dir: Path) -> str:
    """A hash of every rule file's name and bytes and of the vocabulary."""
    h = hashlib.sha256()
    for path in [*files, rules_dir / VOCABULARY_FILE]:
        h.update(str(path.relative_to(rules_dir) if path.is_relative_to(rules_dir) else path).encode("utf-8"))
        h.update(b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return h.hexdigest()


CACHE_AREA = "rules-v2"


def load_rules(rules_dir: Path = RULES_DIR, use_cache: bool = True) -> RuleSource:
    """Read every rule file of ``rules_dir`` (a ResourceError names a broken one). The parsed rules are kept in the
    disk cache under a hash of the files (JSON loads several times faster than YAML parses)."""
    import json

    from ... import cache

    files = rule_files(rules_dir)
    if not files:
        raise ResourceError(f"no rule files found under {rules_dir}; the installation is incomplete")
    try:
        digest = digest_of(files, rules_dir)
    except OSError as exc:
        raise ResourceError(f"cannot read the rules under {rules_dir}: {exc}") from exc
    name = f"parsed-{digest[:32]}.json"
    stored = cache.read_bytes(CACHE_AREA, name) if use_cache else None
    if stored:
        try:
            data = json.loads(stored)
            raw = tuple((rules_dir / rel, rule) for rel, rule in data["rules"])
            if sorted({p for p, _ in raw}) == files:
                return RuleSource(rules_dir, raw, {lang: dict(data["vocabulary"][lang]) for lang in LANGUAGES}, digest)
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # damaged: parse the files again
    source = _parse(rules_dir, files, digest)
    if use_cache:
        content = {"rules": [[p.relative_to(rules_dir).as_posix(), rule] for p, rule in source.rules],
                   "vocabulary": source.vocabulary}
        try:
            text = json.dumps(content, ensure_ascii=False)
            if json.loads(text) == content:  # YAML said nothing JSON cannot say exactly (dates, number keys)
                cache.write(CACHE_AREA, name, text.encode("utf-8"), keep=8)
        except (TypeError, ValueError):
            pass
    return source


def _parse(rules_dir: Path, files: list[Path], digest: str) -> RuleSource:
    raw = []
    for path in files:
        for data in read_rules(path):
            if not isinstance(data, dict) or not {"id", "name", "patterns"} <= set(data):
                raise ResourceError(f"{path}: not a rule (needs at least id, name and patterns)")
            raw.append((path, _joined_cues(data)))
    return RuleSource(rules_dir, tuple(raw), load_vocabulary(rules_dir), digest)


def schema() -> dict:
    """The JSON schema every rule file follows (tests validate each file against it)."""
    import json

    return json.loads((RULES_DIR / SCHEMA_FILE).read_text(encoding="utf-8"))
