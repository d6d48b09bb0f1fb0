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


def _finding(text: str, *words: str) -> Finding:
    spans = tuple(Span(text.index(w), text.index(w) + len(w)) for w in words)
    return Finding(id="unfair.arbitration", span=Span(0, len(text)), text=text, confidence=0.9,
                   detector="model:unfair/v2", highlights=spans)


def test_far_apart_decisive_words_are_shown_in_pieces_each_with_its_words():
    """Tencent's arbitration clause: the short excerpt showed "[[Any dispute]], controversy or claim arising out
    of, …" and stopped before the words that make it arbitration (session 39)."""
    text = ("Any dispute, controversy or claim arising out of, relating to, or in connection with these Terms, "
            "including their existence, validity, interpretation, performance, breach or termination, will be "
            "resolved by arbitration administered by the Hong Kong International Arbitration Centre.")
    pieces = excerpt(_finding(text, "Any dispute", "will be resolved by arbitration"), text, 160)
    shown = "".join(p.text for p in pieces)
    assert [p.text for p in pieces if p.decisive] == ["Any dispute", "will be resolved by arbitration"]
    assert " … " in shown and len(shown) <= 160 + 10


def test_a_negation_before_the_decisive_words_is_never_cut_away():
    """Damart: « Nous ne pourrions donc voir notre responsabilité engagée … » cut to « …voir [[notre
    responsabilité]] engagée … » said the opposite of the clause (session 39)."""
    text = ("Nous ne pourrions donc, compte tenu des caractéristiques et des limites techniques du réseau que "
            "chacun connaît, voir notre responsabilité engagée pour les dommages qui résulteraient de l'utilisation "
            "du réseau Internet, tels que notamment une rupture de service ou une intrusion extérieure.")
    shown = "".join(p.text for p in excerpt(_finding(text, "notre responsabilité", "dommages"), text, 90))
    assert "ne pourrions" in shown and "notre responsabilité" in shown


def test_a_short_clause_is_shown_whole():
    text = "We do not refund fees for any reason."
    assert "".join(p.text for p in excerpt(_finding(text, "for any reason"), text, 160)) == text


def test_a_negation_close_to_long_decisive_words_is_shown_with_them():
    text = ("We do not, to the fullest extent, accept liability " + "for loss of data and loss of profits, " * 12
            + "howsoever caused.")
    f = _finding(text, "accept liability", "howsoever caused")
    shown = "".join(p.text for p in excerpt(f, text, 160))
    assert "accept liability" in shown and len(shown) <= 200


def test_a_window_a_few_words_short_of_the_end_reaches_it():
    """Palia's merger clause was cut at "…will obtain your…", 33 characters before "consent to do so where
    required." (session 39)."""
    text = ("Disclosure in Merger, Sale or Other Asset Transfer: In the event of a reorganization, dissolution, merger, "
            "sale or bankruptcy, we may transfer any information we collect to relevant third parties and will obtain "
            "your consent to do so where required.")
    for words in (("bankruptcy", "information we collect"), ("bankruptcy", "relevant third parties")):
        shown = "".join(p.text for p in excerpt(_finding(text, *words), text, 160))
        assert shown.endswith("where required."), shown


def test_marks_start_and_end_on_words_and_long_words_are_cut_between_words():
    """Paradox's report showed "[[courts located in ]]Stockholm" and "…in relation t …" (session 39)."""
    text = "Disputes shall be determined exclusively by the courts located in Stockholm, Sweden."
    a = text.index("determined")
    f = Finding(id="unfair.jurisdiction", span=Span(0, len(text)), text=text, confidence=0.9, detector="rule:x",
                highlights=(Span(a, text.index("Stockholm")),))
    marked = [p.text for p in excerpt(f, text) if p.decisive]
    assert marked == ["determined exclusively by the courts located in"], marked
    long = "Paradox may act in relation to " + "any breach of these terms by anyone at all, " * 12 + "and delete data."
    f = Finding(id="unfair.content-removal", span=Span(0, len(long)), text=long, confidence=0.9, detector="rule:x",
                highlights=(Span(0, len(long) - 20), Span(len(long) - 12, len(long) - 1)))
    for piece in excerpt(f, long, 160):
        if piece.text not in ("…", " … "):
            assert long.find(piece.text.strip()) >= 0
    shown = "".join(p.text for p in excerpt(f, long, 160))
    assert all(word in long.split() or word in ("…",) or word.rstrip(".,") in long.replace(",", "").split()
               for word in shown.replace("…", " ").split()), shown


def test_a_turn_after_the_decisive_words_that_qualifies_them_stays_in_view():
    """GO Sport's « se réserve le droit de modifier ses prix à tout moment mais … » was cut right after « mais », so
    that it read as if prices could change on orders already placed (session 40)."""
    text = ("La Société se réserve le droit de modifier ses prix à tout moment mais s'engage à appliquer les tarifs "
            "en vigueur lors de l'enregistrement de la commande du Client, sous réserve de la disponibilité des "
            "produits à cette date, " + "selon les modalités décrites dans les présentes conditions, " * 6
            + "et notamment de la disponibilité des stocks.")
    a = text.index("se réserve le droit de modifier")
    b = text.rindex("disponibilité")
    f = Finding(id="unfair.unilateral-change", span=Span(0, len(text)), text=text, confidence=0.9,
                detector="model:unfair/v2", highlights=(Span(a, a + 31), Span(b, b + 13)))
    shown = "".join(p.text for p in excerpt(f, text, 160))
    assert "mais s'engage à appliquer les tarifs en vigueur" in shown, shown
