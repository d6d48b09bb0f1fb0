"""A long clause is cut around its decisive words: when they lie too far apart to show together, the excerpt shows
the first ones, never a window between them with none (SurveyMonkey's liability clause showed "…OR (B) LOSS OF USE,
DATA, BUSINESS…" between "WILL NOT BE LIABLE" and "EVEN IF", session 30)."""
from __future__ import annotations

from fineprint.model import Finding, Span
from fineprint.report.common import EXCERPT_CHARS, excerpt


def test_far_apart_decisive_words_still_show_the_first_ones():
    head = "TO THE EXTENT PERMITTED BY LAW, THE COMPANY WILL NOT BE LIABLE FOR "
    middle = "ANY INDIRECT, CONSEQUENTIAL OR SPECIAL DAMAGES, LOSS OF USE, DATA, BUSINESS OR PROFITS, " * 16
    tail = "EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES."
    text = head + middle + tail
    assert len(text) > 2 * EXCERPT_CHARS
    first = text.index("WILL NOT BE LIABLE")
    last = text.index("EVEN IF")
    f = Finding(id="unfair.limitation-of-liability", span=Span(0, len(text)), text=text, confidence=0.99,
                detector="model:unfair/v2", highlights=(Span(first, first + 18), Span(last, last + 7)))
    pieces = excerpt(f, text)
    assert any(p.decisive and p.text == "WILL NOT BE LIABLE" for p in pieces), pieces
    assert sum(len(p.text) for p in pieces) <= EXCERPT_CHARS + 10


def test_close_decisive_words_are_still_shown_together():
    text = "Intro words here. " * 20 + "We may terminate your account at any time without notice. " + "Tail words. " * 20
    a = text.index("terminate")
    b = text.index("without notice")
    f = Finding(id="unfair.unilateral-termination", span=Span(0, len(text)), text=text, confidence=0.9,
                detector="model:unfair/v2", highlights=(Span(a, a + 9), Span(b, b + 14)))
    marked = [p.text for p in excerpt(f, text) if p.decisive]
    assert marked == ["terminate", "without notice"]
