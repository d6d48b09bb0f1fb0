"""The HTTP API: the same fineprint.report/1 JSON as the CLI, one-line errors with the right status, limits."""
from __future__ import annotations

import json

import pytest

from fineprint.report.json import validate

from web_samples import TEMU, TEMU_IDS, TRACKER_APK


def test_audit_of_the_temu_clause_gives_its_six_findings_as_a_valid_report(client):
    r = client.post("/api/v1/audit", data={"text": TEMU})
    assert r.status_code == 200
    data = r.json()
    validate(data)
    assert data["schema"] == "fineprint.report/1"
    assert TEMU_IDS <= {f["id"] for f in data["findings"]}
    assert data["summary"]["verdict"] and data["summary"]["top"]
    assert all(f["explanation"] and f["law"] for f in data["findings"] if f["id"] in TEMU_IDS)


def test_an_upload_gives_the_same_json_as_the_cli(client, shared):
    from fineprint.pipeline import audit
    from fineprint.report.json import to_dict
    from fineprint.settings import Settings

    path = shared / "examples" / "temu-cash-reward-2024.md"
    data = path.read_bytes()
    r = client.post("/api/v1/audit", files={"file": ("temu.md", data, "text/markdown")}, data={"lang": "fr"})
    assert r.status_code == 200
    expected = to_dict(audit(str(path), Settings(lang="fr")))  # `fineprint audit FILE --format json --lang fr`
    got = r.json()
    assert all(f["position"]["in"] == "file" for f in got["findings"] if "position" in f)
    assert got["findings"] == json.loads(json.dumps(expected["findings"]))
    assert got["summary"] == json.loads(json.dumps(expected["summary"]))
    assert got["language"] == "fr"


def test_an_apk_upload_reports_its_trackers(client, shared):
    data = (shared / TRACKER_APK).read_bytes()
    r = client.post("/api/v1/audit", files={"file": ("app.apk", data, "application/octet-stream")})
    assert r.status_code == 200
    report = r.json()
    validate(report)
    names = {t["name"] for t in report["app"]["trackers"]}
    assert "Google Firebase Analytics" in names


@pytest.mark.parametrize("fields, files, status, words", [
    ({}, None, 400, "exactly one input"),
    ({"text": "   "}, None, 400, "exactly one input"),
    ({"text": "a", "url": "https://example.com/"}, None, 400, "exactly one input"),
    ({}, {"file": ("x.txt", b"\x00\x01\x02\xff" * 100, "text/plain")}, 415, "binary"),
    ({}, {"file": ("x.txt", b"", "text/plain")}, 400, "empty"),
    ({"url": "file:///etc/passwd"}, None, 415, "http"),
    ({"url": "http://127.0.0.1:8000/api/v1/health"}, None, 400, "loopback"),
    ({"url": "http://169.254.169.254/latest/meta-data/"}, None, 400, "link-local"),
    ({"text": "hello", "lang": "de"}, None, 422, "lang"),
])
def test_bad_input_gets_a_one_line_error_and_the_right_status(client, fields, files, status, words):
    r = client.post("/api/v1/audit", data=fields, files=files)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert words in error.lower() and "\n" not in error and "Traceback" not in error


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    r = client.post("/api/v1/audit", files={"file": ("big.txt", b"a" * (9 << 20), "text/plain")})
    assert r.status_code == 413
    assert "larger than 8 MB" in r.json()["error"]


def test_classify_labels_clauses_like_the_cli(client):
    r = client.post("/api/v1/classify", json={"texts": ["We may sell your personal data to our partners.",
                                                       "Le présent contrat est régi par le droit anglais."]})
    assert r.status_code == 200
    first, second = r.json()["predictions"]
    assert "rights.data-sale" in first["labels"]
    assert "unfair.choice-of-law" in second["labels"]
    assert client.post("/api/v1/classify", json={"texts": ["x"] * 1001}).status_code == 422
    assert client.post("/api/v1/classify", json={"texts": "not a list"}).status_code == 422


def test_letter_quotes_the_report_and_comes_as_text_html_or_pdf(client):
    report = client.post("/api/v1/audit", data={"text": TEMU}).json()
    body = {"right": "withdraw-consent", "company": "Temu", "name": "Alex Martin", "report": report,
            "date": "2026-03-01"}
    text = client.post("/api/v1/letter", json=body)
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert "Alex Martin" in text.text and "in perpetuity" in text.text and "Article 7(3)" in text.text
    html = client.post("/api/v1/letter", json={**body, "format": "html", "lang": "fr"})
    assert html.headers["content-type"].startswith("text/html") and 'lang="fr"' in html.text
    pdf = client.post("/api/v1/letter", json={**body, "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    bad = client.post("/api/v1/letter", json={**body, "report": {"schema": "something/else"}})
    assert bad.status_code == 400 and "not a fineprint report" in bad.json()["error"]


def test_taxonomy_lists_every_id_with_its_law_in_either_language(client):
    from fineprint.law import all_ids

    en = client.get("/api/v1/taxonomy").json()
    fr = client.get("/api/v1/taxonomy", params={"lang": "fr"}).json()
    assert [e["id"] for e in en["ids"]] == all_ids() == [e["id"] for e in fr["ids"]]
    perpetual = {e["id"]: e for e in fr["ids"]}["rights.perpetual"]
    assert perpetual["title"] != {e["id"]: e for e in en["ids"]}["rights.perpetual"]["title"]
    assert all(law["url"].startswith("https://") for law in perpetual["law"])


def test_openapi_describes_the_four_endpoints_and_no_page_loads_a_cdn(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/audit", "/api/v1/classify", "/api/v1/letter", "/api/v1/taxonomy"} <= set(spec["paths"])
    page = client.get("/api")
    assert page.status_code == 200 and "/api/v1/classify" in page.text
    assert client.get("/docs").status_code == 404  # FastAPI's Swagger page would load its assets from a CDN


def test_every_response_carries_the_security_headers(client):
    for r in (client.get("/"), client.get("/api/v1/taxonomy"), client.get("/static/app.css"),
              client.post("/api/v1/audit", data={})):
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_fineprint_serve_starts_answers_and_stops():
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "fineprint", "serve", "--port", str(port), "--no-urls"],
                            stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "fineprint serve did not start"
                time.sleep(0.3)
        assert r.json()["status"] == "ok" and "server" not in r.headers
        refused = httpx.post(f"http://127.0.0.1:{port}/api/v1/audit", data={"url": "https://example.com/"})
        assert refused.status_code == 400 and "does not fetch URLs" in refused.json()["error"]
    finally:
        proc.terminate()
        proc.wait(15)
    assert f"serving on http://127.0.0.1:{port}/" in proc.stderr.read().decode()


def test_a_pasted_text_over_the_field_limit_gets_a_one_line_answer(client):
    r = client.post("/api/v1/audit", data={"text": "We may sell your data. " * 50000})
    assert r.status_code == 400 and "upload a long document as a file" in r.json()["error"]
    page = client.post("/report", data={"text": "We may sell your data. " * 50000})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "upload a long document as a file" in page.text
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/api/v1/nothing").json()["status"] == 404


def test_fineprint_serve_on_a_busy_port_fails_with_one_line():
    import socket
    import subprocess
    import sys

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "fineprint", "serve", "--port", str(port)], capture_output=True,
                           text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == f"fineprint: error: cannot listen on 127.0.0.1:{port}: Address already in use; " \
                               "choose another --port"


def test_the_reader_country_explains_the_findings_under_that_law(client):
    r = client.post("/api/v1/audit", data={"text": TEMU, "country": "us"})
    assert r.status_code == 200
    data = r.json()
    validate(data)
    assert {k: data["reader"][k] for k in ("country", "region", "label")} == {
        "country": "US", "region": "us", "label": "a consumer in the United States"}
    assert data["reader"]["consumer_help"][0]["url"] == "https://reportfraud.ftc.gov"
    assert TEMU_IDS <= {f["id"] for f in data["findings"]}
    assert not any("eur-lex" in ref["url"] or "legifrance" in ref["url"] for f in data["findings"] for ref in f["law"])
    default = client.post("/api/v1/audit", data={"text": TEMU}).json()
    assert default["reader"]["region"] == "fr"


def test_a_country_without_a_law_profile_is_a_one_line_400(client):
    r = client.post("/api/v1/audit", data={"text": TEMU, "country": "CH"})
    assert r.status_code == 400
    assert "no law profile for country 'CH'" in r.json()["error"]


def test_a_letter_for_a_reader_in_the_us_or_the_uk_follows_their_law(client):
    report = client.post("/api/v1/audit", data={"text": TEMU}).json()
    body = {"right": "erasure", "company": "Temu", "name": "Alex Martin", "report": report, "date": "2026-03-01"}
    us = client.post("/api/v1/letter", json={**body, "country": "US"})
    assert us.status_code == 200 and "1798.105" in us.text and "GDPR" not in us.text
    uk = client.post("/api/v1/letter", json={**body, "country": "GB"})
    assert uk.status_code == 200 and "UK GDPR" in uk.text and "CNIL" not in uk.text
    refused = client.post("/api/v1/letter", json={**body, "right": "objection", "country": "US"})
    assert refused.status_code == 400 and "CCPA" in refused.json()["error"]
    unknown = client.post("/api/v1/letter", json={**body, "country": "ZZ"})
    assert unknown.status_code == 400 and "\n" not in unknown.json()["error"]
