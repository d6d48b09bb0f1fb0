"""The terminal report: headline first, grouped by severity, decisive words marked, French under lang fr."""
from __future__ import annotations

import pytest

from fineprint.report import render, render_many


def test_headline_comes_first_then_findings_by_severity(temu_report):
    out = render(temu_report, "text")
    lines = out.splitlines()
    assert lines[0].startswith("fineprint — rules.txt")
    assert "7 potential problems in 2 clauses, 4 of them serious" in " ".join(lines[1:4])
    assert out.index("High (4\u00a0problems") < out.index("Medium (3\u00a0problems")
    assert out.index("Consent or licence without end") < out.index("Medium (3\u00a0problems")


def test_decisive_words_are_marked_without_colour(temu_report):
    out = render(temu_report, "text", color=False)
    assert "[[in perpetuity]]" in out and "[[laws of Ireland]]" in out
    assert "\x1b[" not in out


def test_colour_mode_uses_terminal_styles_instead_of_brackets(temu_report):
    out = render(temu_report, "text", color=True)
    assert "\x1b[" in out and "[[in perpetuity]]" not in out and "in perpetuity" in out


def test_each_finding_shows_why_law_and_what_to_do(temu_report):
    out = " ".join(render(temu_report, "text").split())
    assert "Why it matters:" in out and "The law: - GDPR Art. 7(3)" in out
    assert "What you can do:" in out and "fineprint letter withdraw-consent" in out
    assert "<https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32016R0679#art_7>" in out
    assert "does not give legal advice" in out


def test_french_report_reads_french(temu_report_fr):
    out = " ".join(render(temu_report_fr, "text").split())
    assert "Grave (4 problèmes, 1 clause)" in out and "Pourquoi c'est important :" in out and "Ce que vous pouvez faire :" in out
    assert "RGPD art. 7(3)" in out and "Why it matters" not in out and "High (" not in out


def test_markup_in_the_document_is_printed_literally(hostile_report):
    out = render(hostile_report, "text")
    assert '<script>alert("x")</script>' not in out  # only the flagged clause is shown...
    assert "<img src=x onerror=alert(1)>" in out  # ...and it is shown as it is, not interpreted
    assert "<script>warning</script>" in out
    assert ":smile: [bold red][[forever]][/] and ever." in out  # no emoji, no rich markup interpreted


def test_app_report_shows_reach_table_and_trackers(app_report):
    out = render(app_report, "text")
    assert "What this app can reach" in out and "Read your contacts <all of them>" in out
    assert "Facebook Ads" in out and "Tracker data: Exodus Privacy (ODbL)" in out
    assert "in a third-party library: Facebook Ads" in out
    assert "Severity lowered: READ_LOGS is granted only to system apps" in " ".join(out.split())


def test_no_exodus_attribution_without_exodus_data():
    from report_builders import make_app_report

    assert "Exodus" not in render(make_app_report(exodus=False), "text")


def test_batch_text_lists_failures(temu_report, app_report):
    out = render_many([temu_report, app_report], "text", failures=[("gone.html", "not found")])
    assert "rules.txt" in out and "shop.apk" in out
    assert "Inputs that could not be audited" in out and "gone.html: not found" in out


def test_urls_are_never_cut_by_wrapping(app_report, temu_report):
    import re

    for report in (app_report, temu_report):
        for line in render(report, "text").splitlines():
            if "<https://" in line:
                assert re.search(r"<https://\S+>", line), line


def test_an_id_is_explained_once_and_later_findings_point_back(app_report):
    from dataclasses import replace

    tracker = next(f for f in app_report.findings if f.id == "app.tracker")
    second = replace(tracker, text="AppsFlyer: com.appsflyer", evidence={"origin": "library", "library": "AppsFlyer"})
    out = render(replace(app_report, findings=app_report.findings + (second,)), "text")
    assert out.count("Trackers send data about you") == 1
    # one explanation, then both pieces of evidence under it
    details = out[out.index("Details by finding"):]
    assert "2 findings" in details
    assert details.index("Trackers send data about you") < details.index("Facebook Ads: com.facebook.ads")
    assert details.index("Trackers send data about you") < details.index("AppsFlyer: com.appsflyer")


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_where_column_of_the_reach_table_is_in_the_report_language(fmt):
    from report_builders import make_app_report

    out = " ".join(render(make_app_report("fr"), fmt).split())
    assert "bibliothèque tierce : Facebook Ads" in out and "le code propre de l'application" in out.replace("&#39;", "'")
    assert "library: Facebook Ads" not in out
    en = " ".join(render(make_app_report("en"), fmt).split())
    assert "third-party library: Facebook Ads" in en


def test_same_id_findings_are_listed_together_so_see_above_is_just_above():
    from fineprint.assess import assess
    from fineprint.model import DocumentInfo, Finding, Span
    from fineprint.settings import Settings

    text = "We may sell your data. We keep it forever. We may also sell your contacts."
    findings = [Finding(id=i, span=Span(text.index(w), text.index(w) + len(w)), text=w, detector="rule:test")
                for i, w in (("rights.data-sale", "We may sell your data."),
                             ("rights.indefinite-retention", "We keep it forever."),
                             ("rights.data-sale", "We may also sell your contacts."))]
    info = DocumentInfo(source="p.txt", kind="privacy-policy", language="en", sha256="", chars=len(text))
    out = render(assess(info, findings, settings=Settings(), text=text), "text")
    out = out[out.index("Details by finding"):]
    sale, contacts, forever = (out.index(w) for w in ("sell your data", "sell your contacts", "keep it forever"))
    assert sale < contacts < forever
    assert out.count("Why it matters") == 2  # one per id


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_clause_with_several_findings_is_quoted_in_full_once(temu_report, fmt):
    from report_builders import TEMU

    out = " ".join(render(temu_report, fmt).replace("[[", "").replace("]]", "").replace("**", "").split())
    assert out.count("Except to the extent prohibited by applicable law") >= 2
    assert out.count(TEMU) == 1
    # the later findings on it still show their own decisive words, marked as the same clause
    assert out.count("the same clause as above") == 5
    assert "in perpetuity" in out[out.index("the same clause as above") - 400:]


def test_several_libraries_are_named_in_the_plural():
    from fineprint.report.common import reach_origin

    row = {"origin": "library: Facebook SDK, Google CrashLytics"}
    assert reach_origin(row, "fr") == "bibliothèques tierces : Facebook SDK, Google CrashLytics"
    assert reach_origin(row, "en") == "third-party libraries: Facebook SDK, Google CrashLytics"
    assert reach_origin({"origin": "something else"}, "fr") == "something else"


def test_french_reports_write_decimals_with_a_comma(temu_report_fr, temu_report):
    for fmt in ("text", "md", "html"):
        assert "confiance 0,90" in render(temu_report_fr, fmt) and "confiance 0.90" not in render(temu_report_fr, fmt)
        assert "confidence 0.90" in render(temu_report, fmt)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_tracker_categories_are_in_the_report_language(fmt):
    from report_builders import make_app_report

    assert "Publicité" in render(make_app_report("fr"), fmt)
    assert "Advertisement" in render(make_app_report("en"), fmt)


def test_within_an_id_the_explanation_comes_once_then_the_clauses_in_document_order():
    from fineprint.assess import assess
    from fineprint.model import DocumentInfo, Finding, Span
    from fineprint.settings import Settings

    text = "We may update the terms from time to time. We may change these terms at any time without notice."
    weak, strong = "We may update the terms from time to time.", "We may change these terms at any time without notice."
    findings = [Finding(id="unfair.unilateral-change", span=Span(text.index(w), text.index(w) + len(w)), text=w,
                        confidence=c, detector="model:test") for w, c in ((weak, 0.6), (strong, 0.99))]
    info = DocumentInfo(source="t.txt", kind="terms", language="en", sha256="", chars=len(text))
    out = render(assess(info, findings, settings=Settings(), text=text), "text")
    out = out[out.index("Details by finding"):]
    assert out.index("Why it matters:") < out.index("update the terms") < out.index("change these terms")
    assert out.count("Why it matters:") == 1 and "2\u00a0clauses" in out  # number and noun never split


def test_a_severity_heading_counts_what_the_verdict_counts(temu_report):
    """The verdict, the counts line and the severity headings count problems (ids): a High id with one clause rated
    Medium is one serious problem, listed under High, and its clauses are counted there ("High (12, and 3 rated
    Medium)" confused two readers in session 40, as "High (25)" beside "20 serious problems" had in session 39)."""
    from dataclasses import replace

    findings = list(temu_report.findings)
    high = next(f for f in findings if f.severity == "high")
    medium = next(f for f in findings if f.severity == "medium")
    # the High id found once more, in another clause, where it weighs less
    findings.append(replace(high, span=medium.span, text=medium.text, severity="medium",
                            severity_reason="a narrower clause"))
    report = replace(temu_report, findings=tuple(findings))
    for fmt in ("text", "markdown", "html"):
        out = " ".join(render(report, fmt).split())
        assert "4 serious problems" in out and "4 problems, 1 clause" in out and "3 problems, 2 clauses" in out
        assert "rated Medium" not in out
    assert "7 problems (High 4 · Medium 3)" in " ".join(render(report, "text").split())


def test_one_id_in_many_clauses_is_one_serious_problem(temu_report):
    """Bluesky's arbitration section, nine sentences of one id, read "9 serious problems" (session 40)."""
    from dataclasses import replace

    high = next(f for f in temu_report.findings if f.severity == "high")
    text = temu_report.text + "".join(f"\nArbitration clause number {i} binds you." for i in range(5))
    extra = []
    for i in range(5):
        start = text.index(f"Arbitration clause number {i}")
        extra.append(replace(high, span=type(high.span)(start, start + 36), text=text[start:start + 36]))
    report = replace(temu_report, text=text, findings=tuple(temu_report.findings) + tuple(extra))
    out = " ".join(render(report, "text").split())
    assert "Think twice before accepting: 4 serious problems." in out
    assert "of them serious" in out and "High (4 problems, 6 clauses)" in out


def test_a_missing_disclosure_is_counted_as_missing_not_as_a_clause():
    """"Automated decisions — 1 clause" was said of a disclosure the policy does not make (session 39)."""
    from pathlib import Path

    import fineprint

    out = render(fineprint.audit(str(Path(__file__).parent / "data" / "bakery-privacy.md")), "text")
    assert "Right to complain to a supervisory authority — missing" in out
    assert "[transparency.right-complaint]  missing" in out


def test_the_headline_keeps_missing_disclosures_out_of_the_serious_ones():
    """« 9 points … dans 9 clauses, dont 2 graves et 1 information obligatoire manquante » read as ten points."""
    from fineprint.assess import headline
    from fineprint.model import Finding, Span

    high = Finding(id="rights.perpetual", span=Span(0, 10), text="in perpetuity", confidence=0.9, detector="t",
                   severity="high")
    gone = Finding(id="transparency.right-complaint", span=Span(0, 0), text="", confidence=1.0, detector="t",
                   severity="medium", missing=True)
    assert headline([high, gone], "privacy-policy", "en").startswith(
        "1 potential problem in 1 clause, a serious one, and 1 missing disclosure")
    assert headline([high, high, gone], "privacy-policy", "fr").startswith(
        "1 problème potentiel dans 1 clause, grave, et 1 information obligatoire "
        "manquante")


def test_french_fields_and_map_read_as_french(tmp_path):
    """French takes a lower-case letter after a colon (« Pourquoi c'est important : le … »), and a heading that ends
    on a colon gets no second one in the map (« Bons d'achat : : », session 39)."""
    import fineprint

    path = tmp_path / "cgv.md"
    path.write_text("# Conditions générales\n\n## Bons d'achat :\n\nLa société peut modifier les présentes conditions "
                    "à tout moment et sans préavis.\n", encoding="utf-8")
    out = " ".join(render(fineprint.audit(str(path)), "text").split()).replace("\u00a0", " ")
    after = out[out.index("Pourquoi c'est important : ") + len("Pourquoi c'est important : ")]
    assert after.islower(), out
    assert ": :" not in out
    assert "· Bons d'achat :" in out
