"""Bad input through the CLI: exit status 2, exactly one clear line on stderr, never a traceback."""
from __future__ import annotations

import http.server
import io
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from ingest_builders import build_blank_pdf, build_encrypted_pdf  # noqa: E402  (test input builders)


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", *args], input=stdin,
                          capture_output=True, timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess, *expected: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("fineprint: error: "), err
    for word in expected:
        assert word.lower() in lines[0].lower(), lines[0]
    return lines[0]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(run_cli(str(path)), "empty")


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\n  \r\n")
    assert_one_line_error(run_cli(str(path)), "no readable text")


def test_empty_stdin():
    assert_one_line_error(run_cli("-", stdin=b""), "standard input is empty")


def test_binary_garbage(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert_one_line_error(run_cli(str(path)), "binary")


def test_image_named_as_text(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert_one_line_error(run_cli(str(path)), "PNG image")


@pytest.mark.parametrize("name", ["terms.pdf", "terms.docx", "app.apk"])
def test_file_that_is_not_what_its_extension_says(tmp_path, name):
    path = tmp_path / name
    path.write_text("This is just plain text pretending to be something else.\n")
    assert_one_line_error(run_cli(str(path)), "not one")


@pytest.mark.parametrize("name", ["terms.docx", "app.apk"])
def test_zip_without_the_expected_content(tmp_path, name):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    path = tmp_path / name
    path.write_bytes(buf.getvalue())
    assert_one_line_error(run_cli(str(path)), "not a real")


def test_truncated_docx(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("We may change these terms at any time.")
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "cut.docx"
    path.write_bytes(buf.getvalue()[:600])
    assert_one_line_error(run_cli(str(path)), "damaged")


def test_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    assert_one_line_error(run_cli(str(path)), "pdf")


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(build_blank_pdf())
    assert_one_line_error(run_cli(str(path)), "no text layer", "OCR")


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(build_encrypted_pdf("secret"))
    assert_one_line_error(run_cli(str(path)), "password")


def test_deeply_nested_html_without_text(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "</div>" * 100_000 + "</body></html>")
    assert_one_line_error(run_cli(str(path)), "no readable text")


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    line = b"We may change these terms at any time without notice to you.\n"
    with open(path, "wb") as fh:
        block = line * (1024 * 1024 // len(line) + 1)
        for _ in range(50):
            fh.write(block)
    line_out = assert_one_line_error(run_cli(str(path)), "20 MB limit", "--max-size")
    assert "50." in line_out  # the actual size is named


def test_max_size_option_lowers_the_limit(tmp_path):
    path = tmp_path / "two-mb.txt"
    path.write_bytes(b"We may change these terms at any time.\n" * 60_000)
    assert_one_line_error(run_cli("--max-size", "1", str(path)), "1 MB limit")


def test_oversized_stdin_is_cut_off():
    assert_one_line_error(run_cli("--max-size", "1", "-", stdin=b"a" * (2 * 1024 * 1024)), "--max-size")


def test_missing_file(tmp_path):
    assert_one_line_error(run_cli(str(tmp_path / "nope.txt")), "no such file")


def test_directory(tmp_path):
    assert_one_line_error(run_cli(str(tmp_path)), "directory", "fineprint batch")


def test_unsupported_url_scheme():
    assert_one_line_error(run_cli("ftp://example.com/terms.txt"), "only http and https")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_url():
    port = _free_port()  # nothing listens there any more
    assert_one_line_error(run_cli("--allow-private", f"http://127.0.0.1:{port}/terms"), "could not fetch")


def test_unresolvable_host():
    # .invalid never resolves (RFC 6761): the failure is immediate, offline or not
    assert_one_line_error(run_cli("http://nonexistent.invalid/terms"), "cannot resolve host")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<html><body><h1>Terms</h1><p>We may change these terms at any time.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_url_is_refused_by_default(local_server, host):
    url = local_server.replace("127.0.0.1", host) + "/terms.html"
    assert_one_line_error(run_cli(url), "loopback", "--allow-private")


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/",
                                 "http://0.0.0.0/"])
def test_private_and_metadata_addresses_are_refused(url):
    assert_one_line_error(run_cli(url), "refusing")


def test_several_inputs_each_failure_reported_once(tmp_path):
    result = run_cli(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    assert [ln.endswith(": no such file") for ln in err.splitlines()] == [True, True]


def test_stdin_from_a_terminal_does_not_wait_forever():
    import os
    import pty

    primary, secondary = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", "-"], stdin=secondary,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(primary)
        os.close(secondary)
    assert_one_line_error(result, "is a terminal")


GERMAN = ("Allgemeine Geschäftsbedingungen. Wir dürfen diese Bedingungen jederzeit ohne Ankündigung ändern. Ihre Daten "
          "werden an unsere Partner weitergegeben und zehn Jahre lang gespeichert. Wir nutzen Cookies von Drittanbietern "
          "für Retargeting- und Remarketingtechnologien zur Optimierung unseres Webangebotes.\n")


def test_a_document_in_another_language_is_refused_in_one_line(tmp_path):
    # English and French detectors read noise into German words (« von », « und » as decisive words of a data sale)
    path = tmp_path / "agb.txt"
    path.write_text(GERMAN, encoding="utf-8")
    line = assert_one_line_error(run_cli(str(path)), "German (de)", "English and French", "--lang en")
    assert "nothing was audited" in line


def test_lang_reads_a_misidentified_document_anyway_and_says_so(tmp_path):
    import json

    path = tmp_path / "agb.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = run_cli(str(path), "--lang", "en", "-f", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["document"]["language"] == "en"
    assert any("identified as German (de) and read as English because --lang en" in w for w in report["warnings"])


def test_a_batch_records_a_document_in_another_language_and_goes_on(tmp_path):
    import json

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "agb.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "in" / "terms.txt").write_text("We may terminate your account at any time without notice.\n",
                                               encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", str(tmp_path / "in"), "-o",
                             str(tmp_path / "out"), "--scheduler", "sync"], capture_output=True, timeout=300)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    rows = {Path(r["source"]).name: r for r in map(json.loads, (tmp_path / "out" / "index.jsonl").open())}
    assert rows["terms.txt"]["status"] == "ok"
    assert rows["agb.txt"]["status"] != "ok" and "German" in json.dumps(rows["agb.txt"])
