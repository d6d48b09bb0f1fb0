"""Windows-1252 text decoded as Latin-1 upstream leaves C1 controls in a document ("don\\x92t", "c\\x9cur"): Tunisair's
French conditions of carriage in Open Terms Archive hold 213 of them. They are read as the characters they were
written as, so the words stay words ("don't" matches a rule written for "do not") instead of being glued ("dont")."""
from __future__ import annotations

import fineprint
from fineprint.ingest import load
from fineprint.ingest.textnorm import repair_c1


def test_c1_controls_become_the_windows_1252_characters_in_text_and_markdown(tmp_path):
    path = tmp_path / "terms.md"
    path.write_text("# Terms\n\nWe don\x92t accept liability. Votre c\x9cur, \x93ever\x94 \x96 no.\n", encoding="utf-8")
    text = load(str(path)).text
    assert "don\u2019t" in text and "c\u0153ur" in text and "\u201cever\u201d" in text and "\u2013" in text
    assert not any(0x80 <= ord(c) < 0xA0 for c in text)


def test_c1_controls_in_html_survive_extraction(tmp_path):
    path = tmp_path / "terms.html"
    path.write_text("<html><body><h1>Terms</h1><p>We don\x92t accept liability for the loss of your data.</p>"
                    "</body></html>", encoding="utf-8")
    assert "We don\u2019t accept liability" in load(str(path)).text


def test_undefined_positions_and_escapes_carry_no_control():
    assert repair_c1("a\x81b\x9bc") == "ab\u203ac"  # 0x81 is undefined in Windows-1252; 0x9B is a quote mark there
    assert repair_c1("plain") == "plain"


def test_classify_reads_a_c1_apostrophe_as_an_apostrophe():
    sentence = "Kraken isn\u2019t responsible for losses from your use of the service."  # a rule reads "is not"
    broken, clean = fineprint.classify([sentence.replace("\u2019", "\x92"), sentence], lang="en")
    assert broken.labels == clean.labels and broken.scores == clean.scores  # read as the same sentence
