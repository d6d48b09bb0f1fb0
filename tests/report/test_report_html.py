"""The HTML report: self-contained, summary first, flagged clauses highlighted in place, everything escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from fineprint.report import render, render_many


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.marks, self._in_mark, self.mark_text = [], [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "mark":
            self.marks += 1
            self._in_mark += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data):
        if self._in_mark:
            self.mark_text.append(data)


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    return c


def test_summary_comes_before_the_document(temu_report):
    html = render(temu_report, "html")
    assert html.index("7 potential problems") < html.index("<article")
    assert html.index('<table class="counts">') < html.index("<article")
    assert html.index("Think twice before accepting") < html.index("What matters most") < html.index("Details by finding")


def test_flagged_clauses_are_highlighted_in_place_with_decisive_words(temu_report):
    html = render(temu_report, "html")
    doc = parse(html)
    marked = "".join(doc.mark_text)
    assert "in perpetuity" in marked and "These rules are governed by the laws of Ireland." in marked
    assert "Anyone over 18." not in marked  # unflagged text stays plain
    assert re.search(r'<span class="decisive">in perpetuity</span>', html)
    assert 'class="high"' in html and 'class="medium"' in html


def test_one_card_per_id_with_its_clauses_linked_to_the_text(temu_report):
    html = render(temu_report, "html")
    details = html[html.index("Details by finding"):html.index("<article")]
    assert details.count("Why it matters") == len({f.id for f in temu_report.findings})
    assert "fineprint letter withdraw-consent" in details
    assert 'href="https://eur-lex.europa.eu/' in details
    # every clause of a card links to its place in the document, and every highlight back to its card
    for target in re.findall(r'<a href="#(r1-f\d+-text)">', details):
        assert f'id="{target}"' in html[html.index("<article"):]
    for card in set(re.findall(r'<a class="flag" href="#([^"]+)"', html)):
        assert f'<div class="card' in html and f'id="{card}"' in details


def test_self_contained_no_script_no_external_resource(temu_report, app_report):
    for report in (temu_report, app_report):
        html = render(report, "html")
        doc = parse(html)
        assert "script" not in doc.tags and "link" not in doc.tags and "img" not in doc.tags
        assert not [v for k, v in doc.attrs if k == "src"]
        assert "<style>" in html


def test_every_piece_of_document_text_is_escaped(hostile_report):
    html = render(hostile_report, "html")
    doc = parse(html)
    assert "script" not in doc.tags and "img" not in doc.tags and "b" not in doc.tags
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&#39;single&#39;" in html
    assert 'evil&#34;&lt;script&gt;.html' in html  # the source name too
    assert "&lt;script&gt;warning&lt;/script&gt;" in html  # and warnings


def test_french_html(temu_report_fr):
    html = render(temu_report_fr, "html")
    assert '<html lang="fr">' in html and "Pourquoi c&#39;est important" in html and "Résumé" in html


def test_app_html_has_reach_table_trackers_and_exodus_attribution(app_report):
    html = render(app_report, "html")
    assert "What this app can reach" in html and "Read your contacts &lt;all of them&gt;" in html
    assert "Tracker data: Exodus Privacy (ODbL)" in html and "com.example.shop" in html


def test_batch_html_is_one_page_with_a_section_per_report(temu_report, app_report):
    html = render_many([temu_report, app_report], "html", failures=[("a<b>.txt", "empty")])
    assert html.count("<html") == 1 and html.count('class="report"') == 3
    assert "a&lt;b&gt;.txt" in html
    ids = re.findall(r'id="(r\d-f\d+)"', html)
    assert len(ids) == len(set(ids))  # anchors stay unique across reports
