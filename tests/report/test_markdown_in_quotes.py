"""Quotes read as prose when the document is Markdown with layout tables and escapes, as Open Terms Archive records
pages ("|     | Les CGU sont soumises au droit français. |" under "| --- | --- |", "\\- **Disponibilité**"): the
reader sees the clause's words, not the table's pipes or the backslashes, and the decisive words stay on their words."""
from __future__ import annotations

import re

import fineprint
from fineprint.report import render

DOC = ("# Conditions générales d'utilisation\n\n"
       "|     |     |\n| --- | --- |\n|     | Les CGU sont soumises au droit français. |\n\n"
       "\\- **Disponibilité** : la société ne pourra être tenue responsable de la perte de vos données.\n")


def _report(tmp_path):
    path = tmp_path / "cgu.md"
    path.write_text(DOC, encoding="utf-8")
    return fineprint.audit(str(path))


def test_quotes_show_no_table_pipes_rules_or_escapes(tmp_path):
    report = _report(tmp_path)
    ids = {f.id for f in report.findings}
    assert {"unfair.choice-of-law", "unfair.limitation-of-liability"} <= ids, ids
    out = render(report, "text")
    quotes = [" ".join(q.split()) for q in re.findall(r"«[\s\u00a0\u202f](.+?)[\s\u00a0\u202f]»", out, flags=re.S)]
    law = [q for q in quotes if "droit français" in q]
    assert law and all("|" not in q and "---" not in q for q in law), law
    liability = [q for q in quotes if "perte de vos données" in q]
    assert liability and all("\\-" not in q for q in liability), liability


def test_two_decisive_runs_are_one_space_apart(tmp_path):
    out = render(_report(tmp_path), "text")
    assert "]]  [[" not in out
    # the rule's two runs, and the model's « soumises au droit » (its gloss "governed by the laws") joining them
    assert re.search(r"\[\[soumises au(\]\] \[\[| )droit français\]\]", " ".join(out.split())), out
    from fineprint.report.common import Piece, _squash

    pieces = _squash([Piece("Les CGU sont ", False), Piece("soumises au", True), Piece(" \n ", False),
                      Piece("droit français", True), Piece(".", False)])
    shown = "".join(f"[[{p.text}]]" if p.decisive else p.text for p in pieces)
    assert shown == "Les CGU sont [[soumises au]] [[droit français]].", shown


def test_the_findings_own_text_is_left_as_the_document_has_it(tmp_path):
    report = _report(tmp_path)
    law = next(f for f in report.findings if f.id == "unfair.choice-of-law")
    assert report.text[law.span.start:law.span.end] == law.text  # offsets, JSON and SARIF unchanged


def test_quotes_show_the_words_of_a_link_not_its_markup(tmp_path):
    """Arc's policy quoted "give us a shout at [[email protected]](https://…)": Cloudflare's hidden address, in link
    markup that reads like the report's own [[decisive words]] (session 39)."""
    path = tmp_path / "terms.md"
    path.write_text("# Terms\n\nWe may terminate your account at any time for any reason; to appeal, "
                    "[submit an inquiry here](https://example.com/requests/new?form=2) or email us at "
                    "[\\[email protected\\]](https://example.com/cdn-cgi/l/email-protection).\n", encoding="utf-8")
    out = render(fineprint.audit(str(path)), "text", color=False)
    joined = " ".join(out.split())
    assert "submit an inquiry here or email us at [email protected]" in joined, joined
    assert "](https://" not in joined and "cdn-cgi" not in joined


def test_quotes_show_no_bold_markers_escapes_or_bullet_even_split_by_decisive_words():
    """SEAT CONNECT's « *   \\*\\*Emplacement du véhicule \\*\\*: … » showed as « *\\Emplacement … \\*: » when a
    decisive word began between a backslash and its star (session 39)."""
    from fineprint.report.common import Piece, _squash

    pieces = [Piece("*   \\"), Piece("*\\*Emplacement", True), Piece(" du véhicule \\*\\*: Dans le cadre")]
    assert "".join(p.text for p in _squash(pieces)) == "Emplacement du véhicule : Dans le cadre"
    pieces = [Piece("**Objection:** You can "), Piece("object", True), Piece(" to it; 2 * 3 = 6.")]
    assert "".join(p.text for p in _squash(pieces)) == "Objection: You can object to it; 2 * 3 = 6."


def test_quotes_do_not_start_with_a_lists_number_or_letter():
    """Bluesky's "2. Any guarantee…" and "2. WE MAKE NO REPRESENTATIONS…" both read "2." out of their lists (session
    40); a year or a count is no list number."""
    from fineprint.report.common import Piece, _squash

    for raw, shown in (("2. Any guarantee of availability", "Any guarantee of availability"),
                       ("(b) We may end it", "We may end it"), ("3.2 Les prix peuvent changer", "Les prix peuvent changer"),
                       ("12 months after you leave", "12 months after you leave"),
                       ("2018 Amendments apply", "2018 Amendments apply")):
        assert "".join(p.text for p in _squash([Piece(raw[:3]), Piece(raw[3:], True)])) == shown, raw
