"""The rule reference of docs/rules.md, generated from the rule files: ``python -m fineprint.detectors.rules.docs``.

Rewrites the part of docs/rules.md after ``MARKER`` (``--check``: exit 1 when it is out of date, as a test does).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .load import LANGUAGES, RULES_DIR, load_vocabulary, read_rules, rule_files

MARKER = "<!-- generated from fineprint/rules by `python -m fineprint.detectors.rules.docs`; do not edit below -->"
DOC = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
_MACRO = re.compile(r"\{\{(\w+)\}\}")


def _names(value) -> list[str]:
    """The word lists a pattern (or a list of alternatives) uses."""
    text = "|".join(value) if isinstance(value, list) else str(value)
    return sorted(set(_MACRO.findall(text)))


def _quote(text: str) -> str:
    return text.replace("|", "\\|")


def reference(rules_dir: Path = RULES_DIR) -> str:
    vocabulary = load_vocabulary(rules_dir)
    lines = [MARKER, "", "## Rule reference", "",
             "Every rule file, with its cues per language, the word lists they use and the examples that "
             "tests/test_rules.py runs (flag: must fire; ok: must not).", ""]
    for path in rule_files(rules_dir):
        rules = read_rules(path)
        rel = path.relative_to(rules_dir).as_posix()
        lines += [f"### {rules[0]['id']}", "", f"`fineprint/rules/{rel}`"
                  + (f", {len(rules)} rules" if len(rules) > 1 else ""), ""]
        for data in rules:
            lines.append(f"- **{data['name']}** (confidence {data.get('confidence', 0.9)}, "
                         f"{', '.join(data.get('languages', LANGUAGES))})")
            for lang in LANGUAGES:
                for i, alt in enumerate((data.get("patterns") or {}).get(lang) or ()):
                    cues = alt.get("all", {}) if isinstance(alt, dict) else {"cue": alt}
                    parts = []
                    for name, rx in cues.items():
                        used = _names(rx)
                        shared = [n for n in used if n in vocabulary.get(lang, {})]
                        parts.append(f"`{name}`" + (f" ({', '.join('{{' + n + '}}' for n in shared)})" if shared else ""))
                    extra = []
                    if isinstance(alt, dict) and alt.get("within"):
                        extra.append(f"within {alt['within']} words")
                    if isinstance(alt, dict) and alt.get("ordered"):
                        extra.append("in order")
                    if isinstance(alt, dict) and alt.get("none"):
                        extra.append(f"{len(alt['none']) if isinstance(alt['none'], list) else 1} exclusions")
                    lines.append(f"  - {lang} alternative {i + 1}: " + " + ".join(parts)
                                 + (f" ({', '.join(extra)})" if extra else ""))
            own = {lang: sorted(words) for lang, words in (data.get("words") or {}).items() if words}
            if own:
                lines.append("  - own word lists: " + "; ".join(f"{lang}: {', '.join(names)}" for lang, names in own.items()))
            for kind in ("flag", "ok"):
                for lang, texts in ((data.get("examples") or {}).get(kind) or {}).items():
                    for text in texts[:2]:
                        lines.append(f"  - {kind} ({lang}): {_quote(text)}")
                    if len(texts) > 2:
                        lines.append(f"  - … {len(texts) - 2} more {kind} examples ({lang}) in the file")
        lines.append("")
    lines += ["### Shared vocabulary", "", "`fineprint/rules/vocabulary.yaml`, used in rules as `{{name}}`:", ""]
    for lang in LANGUAGES:
        lines.append(f"- {lang}: " + ", ".join(f"`{n}`" for n in vocabulary.get(lang, {})))
    return "\n".join(lines) + "\n"


def render(doc: str, rules_dir: Path = RULES_DIR) -> str:
    head = doc.split(MARKER)[0].rstrip("\n") + "\n\n"
    return head + reference(rules_dir)


def main(argv: list[str]) -> int:
    current = DOC.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in argv:
        if current != wanted:
            print(f"{DOC} is out of date: run python -m fineprint.detectors.rules.docs", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(wanted, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
