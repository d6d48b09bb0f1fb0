"""A clause that starts on a layout table's empty header rows (Open Terms Archive's Markdown of Salto's terms:
"|     |     |" / "| --- | --- |" / "|     | Les CGU sont soumises au droit français. |") is shown to a reader at
the line of its words, not two lines above them; JSON and SARIF keep the exact start of the span."""
from __future__ import annotations

import json
import re

import fineprint
from fineprint.report import render

DOC = ("# Conditions générales d'utilisation\n\n"
       "## 7.4. Loi applicable\n\n"
       "|     |     |\n| --- | --- |\n|     | Les CGU sont soumises au droit français. |\n")
WORDS_LINE = 7  # the line of « Les CGU sont soumises… »


def _report(tmp_path):
    path = tmp_path / "cgu.md"
    path.write_text(DOC, encoding="utf-8")
    return fineprint.audit(str(path))


def test_text_and_markdown_send_the_reader_to_the_words(tmp_path):
    report = _report(tmp_path)
    assert any(f.id == "unfair.choice-of-law" for f in report.findings)
    for fmt in ("text", "markdown"):
        out = render(report, fmt)
        lines = {int(n) for n in re.findall(r"(?:ligne|line) (\d+)", out)}
        assert WORDS_LINE in lines and 5 not in lines, (fmt, lines)


def test_json_keeps_the_exact_start_of_the_span(tmp_path):
    report = _report(tmp_path)
    data = json.loads(render(report, "json"))
    law = next(f for f in data["findings"] if f["id"] == "unfair.choice-of-law")
    start = law["position"]["offset"]
    assert law["position"]["line"] == DOC.count("\n", 0, start) + 1
    assert DOC[start:law["position"]["end_offset"]].rstrip(" |").endswith("droit français.")


def test_a_clause_over_several_lines_is_shown_at_the_line_of_its_decisive_words(tmp_path):
    """A table's rows read as one passage sent the Comptoir reader to line 103 for « au Japon » on line 105 (session
    40): the line shown is that of the first decisive word; JSON keeps the span's exact start."""
    doc = ("# Politique\n\n"
           "Pour vous servir au mieux, vos données d'identification et de contact,\n"
           "ainsi que l'historique de vos commandes, sont conservées par nos équipes et\n"
           "sont transférées et stockées aux États-Unis et en Chine.\n")
    path = tmp_path / "p.md"
    path.write_text(doc, encoding="utf-8")
    report = fineprint.audit(str(path))
    [f] = [f for f in report.findings if f.id == "rights.third-country-transfer"]
    words = doc[:min(h.start for h in f.highlights)].count("\n") + 1  # the line of the first decisive word
    start = doc[:f.span.start].count("\n") + 1
    assert start < words, (start, words)  # the passage starts on an earlier line
    out = render(report, "text")
    assert f"ligne {words} " in out and f"ligne {start} " not in out
    data = json.loads(render(report, "json"))
    [j] = [x for x in data["findings"] if x["id"] == "rights.third-country-transfer"]
    assert j["position"]["line"] == start
