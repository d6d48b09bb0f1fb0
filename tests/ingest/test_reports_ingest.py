"""Ingest changes made for the reports: <address> blocks kept for letters, split-APK bundles reach the APK adapter."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from fineprint.errors import CorruptInputError, UnsupportedInputError
from fineprint.ingest import load
from fineprint.model import Document

POLICY_WITH_ADDRESSES = b"""<!DOCTYPE html><html lang="en"><head><title>Privacy policy</title></head><body>
<nav>Home | Shop</nav>
<main><h1>Privacy policy</h1>
<p>This policy explains how Example SAS processes your personal data when you use our shop. We collect your name and
email address to process your orders and to send you receipts.</p>
<h2>Who we are</h2>
<p>The controller is Example SAS, registered in Paris.</p>
<address>Example SAS<br>12 rue de la Paix<br>75002 Paris, France<br>privacy@example.fr</address>
<h2>Your rights</h2>
<p>You can ask for a copy of your data, or ask us to correct or delete it, by writing to the address above.</p>
<p>We keep your order data for three years after your last purchase, then we delete it.</p>
</main>
<footer><address>Example Holding GmbH<br>Hauptstrasse 5, 10115 Berlin</address></footer></body></html>"""


def test_address_elements_keep_every_line_together():
    doc = load(POLICY_WITH_ADDRESSES, name="policy.html")
    assert "Example SAS\n12 rue de la Paix\n75002 Paris, France\nprivacy@example.fr" in doc.text
    # the footer is boilerplate, but its address is the only place some controllers give theirs
    assert "Example Holding GmbH\nHauptstrasse 5, 10115 Berlin" in doc.text
    assert "Home | Shop" not in doc.text


def test_letters_find_the_postal_address_of_an_html_policy():
    from fineprint.letters.contacts import contacts_from_document, suggest_recipient

    contacts = contacts_from_document(load(POLICY_WITH_ADDRESSES, name="policy.html"))
    assert any(c.kind == "address" and "12 rue de la Paix, 75002 Paris" in c.value for c in contacts)
    # a page that gives its address only in the footer
    footer_only = POLICY_WITH_ADDRESSES.replace(
        b"<address>Example SAS<br>12 rue de la Paix<br>75002 Paris, France<br>privacy@example.fr</address>", b"")
    recipient = suggest_recipient(contacts_from_document(load(footer_only, name="policy.html")))
    assert recipient.address is not None and "Hauptstrasse 5, 10115 Berlin" in recipient.address.value


def test_many_unclosed_address_tags_stay_fast():
    import time

    page = b"<html><body><p>Intro.</p>" + b"<address>a" * 50_000 + b"</body></html>"
    start = time.perf_counter()
    doc = load(page, name="odd.html")
    assert isinstance(doc, Document) and time.perf_counter() - start < 10


def _bundle(path, sample, layout: str):
    with zipfile.ZipFile(path, "w") as zf:
        if layout == "apks":  # bundletool: a table of contents and splits/
            zf.writestr("toc.pb", b"\x00")
            zf.write(sample, "splits/base-master.apk")
            zf.write(sample, "splits/base-xxhdpi.apk")
        else:  # XAPK: a manifest.json and the APKs at the top
            zf.writestr("manifest.json", '{"package_name": "x", "split_apks": []}')
            zf.write(sample, "base.apk")
            zf.writestr("config.fr.apk", b"not really an apk")
    return path


@pytest.mark.parametrize("layout", ["apks", "xapk"])
def test_split_apk_bundles_are_audited_as_apps(shared, tmp_path, layout):
    sample = shared / "apk" / "samples" / "droidbench_Contacts1.apk"
    bundle = _bundle(tmp_path / f"app.{layout}", sample, layout)
    app = load(str(bundle))
    assert not isinstance(app, Document) and app.package == load(str(sample)).package
    r = subprocess.run([sys.executable, "-m", "fineprint", "audit", str(bundle), "-f", "json"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert '"app.contacts"' in r.stdout and "Traceback" not in r.stderr


def test_an_empty_bundle_or_a_plain_zip_of_apks_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.xapk"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("manifest.json", "{}")
    with pytest.raises(CorruptInputError, match="AndroidManifest.xml"):
        load(str(empty))
    plain = tmp_path / "apps.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("one.apk", b"x")
        zf.writestr("two.apk", b"y")
    with pytest.raises(UnsupportedInputError, match="neither a .docx nor an .apk"):
        load(str(plain))
