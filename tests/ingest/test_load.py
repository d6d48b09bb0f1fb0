"""Successful ingestion through the Python API: each format gives text, structure, language, kind and checksum."""
from __future__ import annotations

import hashlib

import pytest

from fineprint.errors import EncryptedInputError, NoTextError
from fineprint.ingest import load
from fineprint.model import Document
from fineprint.settings import Settings

TERMS_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Terms of Service</title>
<script>var tracking = "should never appear";</script><style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/login">Log in</a></nav>
<header><div class="cookie-banner">We use cookies. Accept all?</div></header>
<main>
<h1>Terms of Service</h1>
<p>Last updated: 1 March 2024. These terms govern your use of the Acme app and website.</p>
<h2>1. Your account</h2>
<p>You must be at least 18 years old.&nbsp;We may suspend or terminate your account at any time, for any reason,
without notice.</p>
<h2>2. Content you post</h2>
<p>You grant Acme a worldwide, perpetual, irrevocable, royalty-free licence to use, copy, modify and publish any
content you post, in any media now known or hereafter developed.</p>
<ul>
  <li>Photos and videos you upload;</li>
  <li>Your name, likeness and voice;<ul><li>including in advertising.</li></ul></li>
</ul>
<h3>2.1 Changes</h3>
<p>We may change these terms at any time. Continued use means you accept the changes.</p>
<table><tr><th>Data</th><th>Kept for</th></tr><tr><td>Account data</td><td>10 years</td></tr></table>
<h2>3. Liability</h2>
<p>TO THE MAXIMUM EXTENT PERMITTED BY LAW, ACME SHALL NOT BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL OR
CONSEQUENTIAL DAMAGES, OR ANY LOSS OF DATA, WHETHER IN CONTRACT, TORT OR OTHERWISE.</p>
</main>
<footer>© 2024 Acme Inc. · Imprint · Careers · Press</footer>
</body></html>
"""

FR_POLICY = """Politique de confidentialité

Article 1 – Responsable du traitement
Le responsable du traitement de vos données personnelles est la société Exemple SAS, 1 rue de la Paix, Paris.

Article 2 – Données collectées
Nous collectons vos nom, prénom, adresse électronique, etc. ainsi que votre localisation précise.
Vous disposez d'un droit d'accès, de rectification et d'effacement (art. 15 à 17 du RGPD) : écrivez-nous.
"""


def test_html_keeps_main_content_structure_and_drops_boilerplate():
    doc = load(TERMS_HTML.encode("utf-8"), name="terms.html")
    assert isinstance(doc, Document)
    assert doc.media_type == "text/html"
    assert doc.language == "en" and doc.kind == "terms"
    assert "should never appear" not in doc.text and "color: red" not in doc.text
    assert "Careers" not in doc.text and "Log in" not in doc.text
    kinds = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    assert ("heading", "Terms of Service") in kinds
    assert ("heading", "2.1 Changes") in kinds
    assert ("list-item", "Photos and videos you upload;") in kinds
    assert any(k == "table-row" and "Account data" in t and "10 years" in t for k, t in kinds)
    headings = {doc.text[b.start:b.end]: b.level for b in doc.blocks if b.kind == "heading"}
    assert headings["Terms of Service"] == 1 and headings["1. Your account"] == 2 and headings["2.1 Changes"] == 3
    # paragraph boundaries: the two paragraphs under "1." and "2." are separate blocks
    paragraphs = [t for k, t in kinds if k == "paragraph"]
    assert any(t.startswith("You must be at least 18") and "without notice." in t for t in paragraphs)
    assert "\u00a0" not in doc.text  # &nbsp; became a plain space
    assert doc.sha256 == hashlib.sha256(TERMS_HTML.encode("utf-8")).hexdigest()


def test_block_offsets_point_into_the_text():
    for data, name in ((TERMS_HTML.encode(), "t.html"), (FR_POLICY.encode(), "p.txt"), (FR_POLICY.encode(), "p.md")):
        doc = load(data, name=name)
        assert doc.blocks
        for block in doc.blocks:
            piece = doc.text[block.start:block.end]
            assert piece and piece == piece.strip()


def test_french_text_in_cp1252_is_decoded_and_classified():
    doc = load(FR_POLICY.encode("cp1252"), name="politique.txt")
    assert "données personnelles" in doc.text and "Responsable du traitement" in doc.text
    assert doc.language == "fr"
    assert doc.kind == "privacy-policy"
    assert doc.warnings == ()
    assert [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"][:2] == [
        "Politique de confidentialité", "Article 1 – Responsable du traitement"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "latin-1"])
def test_boms_and_legacy_encodings(encoding):
    doc = load(FR_POLICY.replace("–", "-").encode(encoding), name="p.txt")
    assert doc.text.startswith("Politique de confidentialité")
    assert "\ufeff" not in doc.text


def test_html_meta_charset_is_honoured():
    page = ('<html><head><meta charset="windows-1252"><title>Règlement du jeu</title></head><body><h1>Règlement du '
            'jeu-concours</h1><p>Le gagnant sera désigné par tirage au sort parmi les participants. '
            'La dotation est un séjour à Nice.</p></body></html>').encode("cp1252")
    doc = load(page, name="jeu.html")
    assert "Règlement du jeu-concours" in doc.text
    assert doc.kind == "offer" and doc.language == "fr"


def test_narrow_and_non_breaking_spaces_become_plain_spaces():
    text = "Conditions générales d'utilisation\n\nVous acceptez\u202f; nous pouvons tout modifier\u00a0!"
    doc = load(text.encode(), name="cgu.txt")
    assert "acceptez ; nous" in doc.text and "modifier !" in doc.text


def test_markdown_headings_and_lists():
    md = b"# Privacy Policy\n\nWe collect data.\n\n## What we share\n\n- Your email with partners.\n- Your location.\n"
    doc = load(md, name="policy.md")
    blocks = [(b.kind, b.level, doc.text[b.start:b.end]) for b in doc.blocks]
    assert ("heading", 1, "Privacy Policy") in blocks
    assert ("heading", 2, "What we share") in blocks
    assert ("list-item", 1, "Your location.") in blocks
    assert doc.kind == "privacy-policy" and doc.title == "Privacy Policy"


def test_html_sniffed_from_content_even_with_txt_name():
    doc = load(TERMS_HTML.encode(), name="saved-page.txt")
    assert doc.media_type == "text/html" and "<p>" not in doc.text


def test_pdf_text_layer(text_pdf):
    data = text_pdf([["PRIVACY POLICY", "1. Data we collect", "We collect your name and your infor-",
                      "mation. We never sell it.", "Acme confidential"],
                     ["You may ask for erasure at any time.", "Acme confidential"],
                     ["Contact our data protection officer.", "Acme confidential"]])
    doc = load(data, name="policy.pdf")
    assert doc.media_type == "application/pdf"
    assert "your information." in doc.text  # hyphenation across lines is joined
    assert "Acme confidential" not in doc.text  # running footer dropped
    assert doc.kind == "privacy-policy" and doc.language == "en"
    assert ("heading", "1. Data we collect") in [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


def test_pdf_without_text_layer(blank_pdf):
    with pytest.raises(NoTextError, match="no text layer"):
        load(blank_pdf, name="scan.pdf")


def test_encrypted_pdf(encrypted_pdf):
    with pytest.raises(EncryptedInputError, match="password"):
        load(encrypted_pdf(), name="locked.pdf")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_with_empty_user_password_is_read(encrypted_pdf, algorithm):
    doc = load(encrypted_pdf("", algorithm), name="owner-only.pdf")
    assert "We sell your data to advertisers" in doc.text


def test_docx_headings_lists_tables(docx_bytes):
    doc = load(docx_bytes, name="terms.docx")
    blocks = [(b.kind, b.level, doc.text[b.start:b.end]) for b in doc.blocks]
    assert ("heading", 1, "1. Your account") in blocks
    assert ("heading", 2, "2. Liability") in blocks
    assert ("list-item", 1, "We collect your location.") in blocks
    assert ("table-row", 0, "Data | Retention: 10 years") in blocks
    assert doc.title == "Terms of Service" and doc.kind == "terms"


def test_unsupported_language_warns_but_loads():
    text = ("Allgemeine Geschäftsbedingungen. Wir dürfen diese Bedingungen jederzeit ohne Ankündigung ändern. "
            "Ihre Daten werden an unsere Partner weitergegeben und zehn Jahre lang gespeichert.")
    doc = load(text.encode(), name="agb.txt")
    assert doc.language == "de"
    assert any("not supported" in w for w in doc.warnings)


def test_bytes_limit_applies_to_raw_bytes():
    from fineprint.errors import InputTooLargeError

    with pytest.raises(InputTooLargeError, match="--max-size"):
        load(b"a" * 2048, Settings(max_bytes=1024), name="big.txt")


def test_kind_unknown_without_evidence():
    doc = load(b"The weather was fine. We walked to the river and had lunch by the water.", name="x.txt")
    assert doc.kind == "unknown"


def test_load_from_path_and_stdin_name(tmp_path):
    path = tmp_path / "cgu.txt"
    path.write_bytes(FR_POLICY.encode())
    doc = load(str(path))
    assert doc.source == str(path) and doc.language == "fr"
    assert load(path).text == doc.text  # a pathlib.Path works too


@pytest.mark.parametrize("path, language", [("examples/cash-reward-rules.md", "en"),
                                            ("examples/recompense-parrainage.md", "fr")])
def test_bundled_offer_rules_are_offers(path, language):
    from pathlib import Path

    full = Path(__file__).resolve().parents[2] / path
    if not full.exists():
        pytest.skip(f"{path} not in this checkout")
    doc = load(str(full))
    assert doc.kind == "offer" and doc.language == language


def test_html_without_main_element_and_br_separated_list():
    page = b"""<html><body><div id="wrap"><div class="content">
<div class="title">Conditions g\xc3\xa9n\xc3\xa9rales d'utilisation</div>
<div>En utilisant le service, vous acceptez les pr\xc3\xa9sentes conditions.<br>
1. Nous pouvons modifier le service.<br>2. Nous pouvons supprimer votre compte.</div>
<div><b>Article 2 - Responsabilit\xc3\xa9</b></div>
<div>La soci\xc3\xa9t\xc3\xa9 d\xc3\xa9cline toute responsabilit\xc3\xa9 en cas de perte de donn\xc3\xa9es.</div>
</div></div></body></html>"""
    doc = load(page, name="cgu.html")
    assert doc.language == "fr" and doc.kind == "terms"
    from fineprint.segment import segment_clauses

    texts = [c.text for c in segment_clauses(doc)]
    assert "1. Nous pouvons modifier le service." in texts
    assert "2. Nous pouvons supprimer votre compte." in texts
    assert "La société décline toute responsabilité en cas de perte de données." in texts


def test_deeply_nested_html_with_text_is_read():
    page = "<html><body>" + "<div>" * 100_000 + "<p>We may sell your personal data to partners.</p>" + \
        "</div>" * 100_000 + "</body></html>"
    doc = load(page.encode(), name="deep.html")
    assert "We may sell your personal data to partners." in doc.text


def test_markdown_inline_markup_is_reduced_to_text():
    md = b"# Terms\n\nYou grant us a **perpetual** licence, see [our policy](https://example.com/p) and `Art. 5`.\n"
    doc = load(md, name="t.md")
    assert "You grant us a perpetual licence, see our policy and Art. 5." in doc.text
    assert "**" not in doc.text and "https://" not in doc.text


def test_pdf_sentence_running_over_a_page_break_stays_one_clause(text_pdf):
    from fineprint.segment import segment_clauses

    data = text_pdf([["Terms of Service", "We may terminate your account at any time and for any"],
                     ["reason, without notice. You may close it too."]])
    texts = [c.text for c in segment_clauses(load(data, name="t.pdf"))]
    assert "We may terminate your account at any time and for any\nreason, without notice." in texts


def test_docx_zip_bomb_is_refused():
    import io
    import zipfile

    from fineprint.errors import InputTooLargeError

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", " " * (40 * 1024 * 1024))
    with pytest.raises(InputTooLargeError, match="unpacks"):
        load(buf.getvalue(), name="bomb.docx")


def test_javascript_only_page_says_what_to_do():
    from fineprint.errors import EmptyInputError

    page = b"<html><head><script src='app.js'></script></head><body><div id='root'></div></body></html>"
    with pytest.raises(EmptyInputError, match="JavaScript"):
        load(page, name="app.html")


def test_xhtml_with_xml_declaration_is_html():
    page = (b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            b"<h1>Privacy Policy</h1><p>We collect your personal data.</p></body></html>")
    doc = load(page, name="policy.txt")
    assert doc.media_type == "text/html" and "<h1>" not in doc.text


def test_apk_is_dispatched_by_content_from_path_and_bytes(shared):
    samples = sorted((shared / "apk" / "samples").glob("*.apk"), key=lambda p: p.stat().st_size)
    if not samples:
        pytest.skip("no APK samples in ../shared")
    smallest = samples[0]
    from_path = load(str(smallest))
    from_bytes = load(smallest.read_bytes(), name="download.bin")  # the content decides, not the name
    assert not isinstance(from_path, Document) and not isinstance(from_bytes, Document)
    assert from_path.package == from_bytes.package


def test_stdin_is_read_as_a_stream(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FR_POLICY.encode("cp1252"))))
    doc = load("-")
    assert doc.source == "-" and doc.language == "fr" and doc.kind == "privacy-policy"


@pytest.mark.parametrize("text, language", [("We sell your data.", "en"), ("Nous vendons vos données.", "fr"),
                                            ("12345 678 90", "unknown")])
def test_short_text_language(text, language):
    doc = load(text.encode(), name="x.txt")
    assert doc.language == language
    if language == "unknown":
        assert any("findings may be missing" in w for w in doc.warnings)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    doc = load(FR_POLICY.encode(encoding), name="p.txt")
    assert doc.text.startswith("Politique de confidentialité") and doc.language == "fr"


def test_legacy_cyrillic_is_not_mistaken_for_cp1252():
    text = ("Пользовательское соглашение. Мы можем изменить эти условия в любое время без предварительного "
            "уведомления. Ваши персональные данные передаются партнёрам.")
    doc = load(text.encode("cp1251"), name="x.txt")
    assert doc.text == text and doc.language == "ru"


def test_sweepstakes_rules_are_an_offer():
    text = ("SUMMER GIVEAWAY — OFFICIAL RULES\n\nNO PURCHASE NECESSARY. 1. Eligibility. The Sweepstakes is open to "
            "legal residents aged 18 or older. 2. Prize. One winner will receive a trip to Nice. 3. Publicity. "
            "Entrants agree that the Sponsor may use their name and likeness for promotion.")
    assert load(text.encode(), name="rules.txt").kind == "offer"


# A privacy policy that never calls itself one in its text (Open Terms Archive's Rue du Commerce policy opens on
# legal notices): read from its words alone its kind is unclear. A page saved as "Privacy Policy.html" says what it is.
UNTITLED_POLICY = ("Le site est édité par Exemple SAS, au capital de 10 000 euros. Nous collectons vos nom, adresse "
                   "e-mail et historique d'achats pour gérer vos commandes et vous adresser nos offres. Vous pouvez "
                   "accéder à vos données et les rectifier en nous écrivant. Ces informations sont conservées trois ans.")


@pytest.mark.parametrize("name, kind", [(None, "unknown"), ("notes.txt", "unknown"),
                                        ("Privacy Policy.html", "privacy-policy"),
                                        ("politique-de-confidentialite.txt", "privacy-policy"),
                                        ("https://www.example.fr/legal/privacy?lang=fr", "privacy-policy"),
                                        ("CGV.txt", "terms")])
def test_the_file_name_or_url_counts_as_a_title(name, kind):
    from fineprint.ingest.kind import detect_kind

    assert detect_kind(UNTITLED_POLICY, source=name) == kind


def test_a_title_in_the_text_still_beats_the_file_name():
    from fineprint.ingest.kind import detect_kind

    terms = "Terms of Service\n\nThese Terms of Service govern your use of the service. By using it you agree to them."
    assert detect_kind(terms, title="Terms of Service", source="privacy.txt") == "terms"
