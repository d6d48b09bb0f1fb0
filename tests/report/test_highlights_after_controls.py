"""Decisive words stay on their words when the document carries characters the renderers strip.

Real documents hold left-to-right marks (U+200E, ArtStation's terms have them), stray C1 controls and, in hostile
ones, escape sequences. The renderers clean every string before printing; the document's text must keep its length
there, or every highlight after the first stripped character lands a few letters off ("ful[[ly paid]]-up")."""
from __future__ import annotations

import re

import fineprint
from fineprint.report import render
from fineprint.safetext import same_length
from fineprint.settings import Settings

CLAUSE = ("You grant us a perpetual, irrevocable, worldwide licence to use your name and photo in our advertising, "
          "without notice or payment.")


def _doc(tmp_path, noise: str):
    body = (f"# Terms {noise}\n\nWelcome {noise} to the service. {noise} Read these terms {noise} carefully.\r\n\r\n"
            f"{CLAUSE}\n")
    path = tmp_path / "terms.md"
    path.write_text(body, encoding="utf-8")
    return fineprint.audit(str(path), Settings())


def _marked(out: str) -> list[str]:
    return [" ".join(m.split()) for m in re.findall(r"\[\[(.+?)\]\]", out, flags=re.S)]


def test_highlights_fall_on_whole_words_after_marks_controls_and_escapes(tmp_path):
    plain = _marked(render(_doc(tmp_path, ""), "text"))
    noisy_report = _doc(tmp_path, "\u200e\x85\x1b[31m")
    noisy = _marked(render(noisy_report, "text"))
    assert plain and "perpetual" in " ".join(plain)
    assert noisy == plain  # the same words, not shifted by the characters removed before them
    for words in noisy:
        assert re.search(r"(?<![A-Za-z])" + re.escape(words) + r"(?![A-Za-z])", CLAUSE), words
    assert "\x1b" not in render(noisy_report, "text")  # and the escape sequence is still not printed


def test_same_length_blanks_what_for_terminal_removes():
    text = "a\u200eb\x1b]0;title\x07c\r\nd"
    assert len(same_length(text)) == len(text)
    assert same_length(text).split() == ["a", "b", "c", "d"]
