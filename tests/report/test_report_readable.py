"""Reports people read at a glance, on real documents: the summary first in every format, readable at 80 and 120
columns, the document shown rendered in HTML (no raw Markdown), French typography by rule."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fineprint.report import render
from fineprint.report.common import typography

SHARED = Path(__file__).resolve().parents[3] / "shared"
EN_TERMS = SHARED / "corpora" / "ota-en" / "Booking.com" / "Terms of Service.md"
FR_TERMS = SHARED / "corpora" / "ota-fr" / "Amazon" / "Terms of Service.md"
needs_corpora = pytest.mark.skipif(not EN_TERMS.is_file() or not FR_TERMS.is_file(),
                                   reason="../shared/corpora is absent (real documents not available)")


@pytest.fixture(scope="module")
def en_report():
    import fineprint

    return fineprint.audit(str(EN_TERMS))


@pytest.fixture(scope="module")
def fr_report():
    import fineprint

    return fineprint.audit(str(FR_TERMS))


def _lines_fit(out: str, width: int) -> None:
    for line in out.splitlines():
        if len(line) > width:
            # only a URL may be longer: it sits alone on its line, never cut
            assert re.fullmatch(r"\s*<https?://\S+>", line), (width, line)


@needs_corpora
@pytest.mark.parametrize("width", [80, 120])
def test_long_reports_fit_80_and_120_columns(en_report, fr_report, width):
    from fineprint.report.text import render as text

    for report in (en_report, fr_report):
        out = text(report, width=width)
        _lines_fit(out, width)
        lines = out.splitlines()
        # the verdict and the headline are on the first screen, the things that matter most right after
        assert any(line.startswith(("Think twice", "Read with care", "Réfléchissez", "À lire")) for line in lines[:3])
        top = next(i for i, line in enumerate(lines) if line.startswith(("What matters most", "L'essentiel")))
        assert top < 12


@needs_corpora
@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_summary_then_details_by_id_then_the_document(en_report, fmt):
    out = render(en_report, fmt)
    order = [out.index(en_report.summary.headline.split(":")[0]), out.index("What matters most"),
             out.index("Details by finding"),
             out.index("<article") if fmt == "html" else out.index("Where in the document")]
    assert order == sorted(order)
    ids = {f.id for f in en_report.findings if not f.id.startswith("practice.")}
    # one explanation per id, however many clauses carry it
    assert out.count("Why it matters") == len(ids)


@needs_corpora
def test_html_shows_the_document_rendered_not_raw_markdown(en_report):
    html = render(en_report, "html")
    article = html[html.index("<article"):html.index("</article>")]
    assert not re.search(r"\d\\\.", article)  # "2\." is shown "2."
    assert "-----" not in article and "===" not in article
    assert not re.search(r">\s*#{1,6} ", article)
    assert "<h3>Customer terms of service</h3>" in article and "<ul><li>" in article
    assert "1. Some words here have specific meanings" in article
    assert article.count("<mark") >= len([f for f in en_report.findings if not f.id.startswith("practice.")]) // 2


def test_french_typography_by_rule():
    nb, fine = "\u00a0", "\u202f"
    assert typography("Le droit : voir « ici » ; vraiment ? oui !", "fr") == (
        f"Le droit{nb}: voir «{nb}ici{nb}»{fine}; vraiment{fine}? oui{fine}!")
    assert typography("«collé»", "fr") == f"«{nb}collé{nb}»"
    assert typography("https://x.fr/?a=1 10:30", "fr") == "https://x.fr/?a=1 10:30"
    assert typography("Why : this", "en") == "Why : this"


@needs_corpora
@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_french_reports_never_break_before_a_colon(fr_report, fmt):
    out = render(fr_report, fmt)
    if fmt == "html":
        out = re.sub(r"<style>.*?</style>", "", out, flags=re.S)
    assert not re.search(r"[ \n][:;!?»]", out.replace("</", "")), re.search(r".{40}[ \n][:;!?»].{20}", out)
    assert "« " not in out and not re.search(r"«[^\u00a0]", out)
    if fmt == "text":
        for width in (80, 120):
            from fineprint.report.text import render as text

            for line in text(fr_report, width=width).splitlines():
                assert not line.lstrip().startswith((":", ";", "!", "?", "»")), line
