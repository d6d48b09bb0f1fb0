"""Positions you can trust: every finding of a .txt or .md input carries the line, column and character offset of
its text in the ORIGINAL file (ingest drops blank lines, trailing spaces and Markdown markup, so offsets into the
extracted text are not offsets into the file), and SARIF regions point at that exact text."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from fineprint.assess import assess
from fineprint.ingest import load
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.report import render
from fineprint.report.positions import positions, text_fragment

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPORA = SHARED / "corpora"


def _same_char(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).isspace() and b.isspace() or unicodedata.normalize("NFC", a) == b


def _alnum(text: str) -> str:
    return "".join(re.findall(r"[^\W_]", unicodedata.normalize("NFC", text)))


def _in_order(small: str, big: str) -> bool:
    chars = iter(big)
    return all(ch in chars for ch in small)


def assert_points_at(original: str, position, evidence: str) -> None:
    """The original text at the position is the evidence: same first and last character, the evidence's words in
    the same letters and digits in between (Markdown markup such as ** or a link's (url) may sit between them), and the
    line and column agree with the offset."""
    piece = original[position.offset:position.end_offset]
    assert _same_char(piece[:1], evidence[:1]) and _same_char(piece[-1:], evidence[-1:]), (piece[:80], evidence[:80])
    # link targets of [text](url) and [text][ref], inline HTML tags and _ are markup; every other letter or digit is the evidence's
    bare = re.sub(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]|!?\[|</?(?:br|span|sup|sub|em|strong|b|i|u)\b[^>\n]*>", "",
                  unicodedata.normalize("NFC", piece), flags=re.IGNORECASE)
    # (a link around an image, "[![](img)](url)", keeps its url as text: then the evidence is inside the piece, in order)
    assert _alnum(bare) == _alnum(evidence) or _in_order(_alnum(evidence), _alnum(piece)), (piece[:200], evidence[:200])
    lines = original[:position.offset].splitlines(keepends=True) or [""]
    assert len(lines) + (lines[-1].endswith(("\n", "\r"))) == position.line
    assert (0 if lines[-1].endswith(("\n", "\r")) else len(lines[-1])) + 1 == position.column
    assert len(original[:position.end_offset].replace("\r\n", "\n").replace("\r", "\n").split("\n")) == position.end_line


def _report_on(path: Path, sentences: list[str]):
    doc = load(str(path))
    findings = []
    for n, sentence in enumerate(sentences):
        i = doc.text.index(sentence)
        findings.append(Finding(id="unfair.limitation-of-liability", span=Span(i, i + len(sentence)), text=sentence,
                                clause_id=f"c{n}", detector="test"))
    info = DocumentInfo(source=str(path), kind="terms", language="en", sha256=doc.sha256, chars=len(doc.text))
    return assess(info, findings, text=doc.text)


def test_a_txt_sentence_is_found_at_its_line_and_offset_in_the_file(tmp_path):
    # blank lines at the top and runs of blank lines are dropped by ingest: the "line 5 instead of 8"
    raw = "\n\n\nTerms\r\n\r\n\r\n\r\n1. Use.   \r\nAnyone\u00a0may use it.\r\n\n\n\nWe are not liable for anything.\r\n"
    path = tmp_path / "terms.txt"
    path.write_bytes(raw.encode("utf-8"))
    report = _report_on(path, ["We are not liable for anything."])
    original = raw  # decoded as is: offsets count characters of the file, \r included
    [p] = positions(report)
    assert p.exact
    assert original[p.offset:p.end_offset] == "We are not liable for anything."
    assert (p.line, p.column) == (13, 1)
    sarif = json.loads(render(report, "sarif"))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 13 and region["charOffset"] == original.index("We are not liable")
    assert region["snippet"]["text"] == "We are not liable for anything."
    data = json.loads(render(report, "json"))
    assert data["findings"][0]["position"]["line"] == 13 and data["findings"][0]["position"]["in"] == "file"


def test_markdown_markup_does_not_shift_positions(tmp_path):
    raw = ("# Terms\n\nSee [our **policy**](https://example.com/p) and `code`. "
           "We **may** end your account *at any time*.\n\n\n\n2\\. We keep your data [forever][1].\n\n"
           "[1]: https://example.com\n")
    path = tmp_path / "terms.md"
    path.write_text(raw, encoding="utf-8")
    doc = load(str(path))
    sentences = ["We may end your account at any time.", "We keep your data forever."]
    report = _report_on(path, sentences)
    for p, sentence in zip(positions(report), sentences):
        assert p.exact
        assert_points_at(raw, p, sentence)
    first, second = positions(report)
    assert raw[first.offset:first.end_offset] == "We **may** end your account *at any time*."
    assert first.line == 3 and second.line == 7 and doc.text.count("\n", 0, report.findings[1].span.start) + 1 == 5


def test_a_changed_file_gets_no_file_positions(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("\n\nWe are not liable for anything.\n", encoding="utf-8")
    report = _report_on(path, ["We are not liable for anything."])
    path.write_text("Edited since.\n\nWe are not liable for anything.\n", encoding="utf-8")
    [p] = positions(report)
    assert not p.exact and p.line == 1  # the extracted text's line, said so ("in": "text")


def test_html_findings_get_a_text_fragment_anchor():
    assert text_fragment("We may end your account at any time, without notice - or reason.") == (
        "#:~:text=We%20may%20end%20your,notice%20%2D%20or%20reason.")
    assert text_fragment("Short one.") == "#:~:text=Short%20one."


def _corpus_files() -> list[Path]:
    if not CORPORA.is_dir():
        return []
    files = sorted(CORPORA.glob("ota-en/*/*.md")) + sorted(CORPORA.glob("ota-fr/*/*.md"))
    # a spread of real documents, small enough to keep the suite fast: every 40th file of each corpus
    return files[::40]


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent (real documents not available)")
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_every_position_of_every_finding_on_real_documents(path):
    import fineprint

    report = fineprint.audit(str(path))
    original = path.read_bytes().decode("utf-8-sig")
    where = positions(report)
    placed = [(f, p) for f, p in zip(report.findings, where) if p is not None]
    for f, p in placed:
        assert p.exact, f"{path}: no file position"
        assert_points_at(original, p, report.text[f.span.start:f.span.end])
    sarif = json.loads(render(report, "sarif"))
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in sarif["runs"][0]["results"]]
    for (f, p), region in zip(placed, [r for r in regions if r]):
        assert region["charOffset"] == p.offset and region["startLine"] == p.line
        assert region["snippet"]["text"] == original[p.offset:p.offset + region["charLength"]]


def test_headings_are_attributed_to_the_right_clause(tmp_path):
    from fineprint.report.positions import heading_text
    from fineprint.segment import segment_clauses

    raw = ("Table of contents\n\n1\\. Who can take part\n\n2\\. Price\n\n**1\\. Who can take part**\n\n"
           "Anyone over 18 may take part.\n\nVAT NUMBER: FR52 749 983 029\n\n"
           "We may change these rules at any time.\n\n**2\\. Price**\n\nWe may change prices at any time.\n")
    path = tmp_path / "rules.md"
    path.write_text(raw, encoding="utf-8")
    clauses = segment_clauses(load(str(path)))

    def heading_of(words):
        clause = next(c for c in clauses if words in c.text)
        return heading_text(clause.headings[-1]) if clause.headings else ""

    # a "LABEL: value" line is not a title, and a Markdown-escaped number ("2\.") still makes a numbered title
    assert heading_of("We may change these rules") == "1. Who can take part"
    assert heading_of("We may change prices") == "2. Price"


def test_a_numbered_clause_that_opens_a_list_stays_a_clause(tmp_path):
    from fineprint.segment import segment_clauses

    path = tmp_path / "terms.md"
    path.write_text("**A19. Limitation of liability**\n\n3\\. We are not liable for:\n\n*   any losses; or\n", "utf-8")
    clauses = segment_clauses(load(str(path)))
    assert any("We are not liable for" in c.text for c in clauses)


def test_replay_gives_back_the_extracted_text_with_unicode_that_nfc_changes():
    from fineprint.ingest.text import extract_text
    from fineprint.report.positions import replay_text

    # decomposed accent, Hangul jamo, Malayalam vowel signs (U+0D47 U+0D3E compose to U+0D4B), no-break spaces
    raw = "Caf\u0065\u0301 \u1112\u1161\u11ab \u0d2f\u0d47\u0d3e\u0d17\u00a0: **gras** ok.\n"
    text, _ = extract_text(raw.encode("utf-8"), markdown=True)
    replayed = replay_text(raw, True)
    assert replayed.text == text
    assert raw[replayed.origin[text.index("ok")]:].startswith("ok")


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent (real documents not available)")
def test_replay_matches_ingest_on_real_documents():
    from fineprint.ingest.decode import decode_bytes
    from fineprint.ingest.text import extract_text
    from fineprint.report.positions import replay_text

    files = sorted(CORPORA.glob("ota-*/*/*.md"))[::6]
    for path in files:
        data = path.read_bytes()
        text, _ = extract_text(data, markdown=True)
        assert replay_text(decode_bytes(data), True).text == text, path


def test_replay_follows_ingest_through_bidirectional_controls():
    """ingest reads a right-to-left override run in display order and drops other bidi controls (docs/security.md);
    the positions replay does the same, so a flagged sentence written backwards still points at its characters."""
    from fineprint.ingest.textnorm import normalize_text
    from fineprint.report.positions import replay_text

    original = "Terms.\n\u202e.atad ruoy lles yam eW\u202c\nSee \u202bעברית\u202c here.\n"
    t = replay_text(original, markdown=False)
    assert t.text == normalize_text(original)
    assert "We may sell your data." in t.text
    w = t.text.index("We may")
    assert original[t.origin[w]] == "W" and t.origin[w] > original.index("eW") - 1
    assert all(original[o] == ch for ch, o in zip(t.text, t.origin) if ch not in "\n ")
