"""The Markdown report: same content, decisive words in bold, document text escaped."""
from __future__ import annotations

from fineprint.report import render, render_many


def test_markdown_has_headline_groups_and_bold_decisive_words(temu_report):
    out = render(temu_report, "md")
    assert out.startswith("# fineprint report: rules.txt")
    assert "**Think twice before accepting: 4 serious problems.**\n\n7 potential problems in 2 clauses, 4 of them serious:" in out
    assert out.index("## What matters most") < out.index("## Details by finding") < out.index("## Where in the document")
    assert "### High (4\u00a0problems, 1\u00a0clause)" in out and "### Medium (3\u00a0problems, 2\u00a0clauses)" in out
    assert "**Counts**: 7\u00a0problems (High 4 · Medium 3) — " in out
    assert "**in perpetuity**" in out
    assert "[GDPR Art. 7(3)](https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32016R0679#art_7)" in out
    assert "`fineprint letter withdraw-consent`" in out


def test_markdown_in_french(temu_report_fr):
    out = render(temu_report_fr, "md")
    assert out.startswith("# Rapport fineprint\u00a0: rules.txt") and "**Pourquoi c'est important**\u00a0:" in out
    assert " :" not in out and " ;" not in out and "« " not in out and " »" not in out


def test_markdown_escapes_document_text(hostile_report):
    out = render(hostile_report, "md")
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)>" in out
    assert "<script>" not in out
    assert "\\[bold red\\]**forever**\\[/\\]" in out  # brackets cannot form a link


def test_markdown_app_tables(app_report):
    out = render(app_report, "md")
    assert "| Read your contacts &lt;all of them> | READ\\_CONTACTS | the app's own code |" in out
    assert "*Tracker data: Exodus Privacy (ODbL)*" in out


def test_markdown_batch(temu_report, hostile_report):
    out = render_many([temu_report, hostile_report], "md", failures=[("x.pdf", "encrypted")])
    assert out.count("## fineprint report:") == 2 and "`x.pdf`: encrypted" in out


def test_markdown_keeps_quotes_and_ampersands_readable_and_entities_literal():
    """Read as plain text, the report showed "&quot;Worth checking&quot;" and "AT&amp;T" (session 40); an entity
    written in the document still shows as written, not as the character it names."""
    from fineprint.report.markdown import escape

    assert escape('AT&T says "as is"') == 'AT&T says "as is"'
    assert escape("&quot;x&quot; &#60;b&#62;") == "&amp;quot;x&amp;quot; &amp;#60;b&amp;#62;"
    assert escape("<script>") == "&lt;script>" and escape("Settings > Apps") == "Settings > Apps"
    assert escape("> quoted") == "&gt; quoted"
