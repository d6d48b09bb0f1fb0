"""End to end in a real browser: Playwright driving Debian's chromium headless (no browser is downloaded; set
FINEPRINT_CHROMIUM to use another binary) against `fineprint serve` started by the tests on a free loopback port.

Screenshots go to $FINEPRINT_SCREENSHOTS (default: a pytest temporary folder; the path is printed). The
accessibility check runs axe-core, taken from $FINEPRINT_AXE_JS, ./node_modules/axe-core, or installed from npm
into a temporary folder; it fails on any serious or critical violation.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from web_samples import TEMU, TEMU_IDS, TRACKER_APK

ROOT = Path(__file__).resolve().parents[2]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


def chromium_binary() -> str | None:
    for candidate in (os.environ.get("FINEPRINT_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def server():
    """`fineprint serve` in a child process, on a free port; stopped after the module."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "fineprint", "serve", "--port", str(port), "--timeout", "120"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"fineprint serve did not start: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium found (apt-get install -y chromium, or set FINEPRINT_CHROMIUM); browser tests "
                    "skipped")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=binary, args=["--no-sandbox", "--disable-gpu",
                                                            "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("FINEPRINT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    problems = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    context.close()


def test_paste_the_temu_clause_and_read_its_six_findings_with_explanations(server, page, shots):
    page.goto(server + "/")
    page.fill("#text", TEMU)
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("section.summary")
    for fid in TEMU_IDS:
        group = page.locator(f"article#g-{fid.replace('.', '-')}")
        assert group.is_visible(), fid
        assert group.locator("p.why").inner_text().strip()
        assert group.locator("p.law a").count() >= 1
    assert page.locator("mark.flag#c0").is_visible()  # highlighted in place
    page.screenshot(path=str(shots / "report-temu-en.png"), full_page=True)
    # the filters work under the Content-Security-Policy (the script is ours, served from this origin)
    page.locator("#filters input[value=high]").uncheck()
    high = page.locator("article.group[data-severity=high]")
    assert high.count() and not high.first.is_visible()
    page.locator("#filters input[value=high]").check()
    assert high.first.is_visible()
    assert not page.problems, page.problems  # no CSP violation, no script error


def test_write_a_letter_from_the_report(server, page, shots):
    page.goto(server + "/")
    page.fill("#text", TEMU)
    page.click("#paste-form button[type=submit]")
    page.click("form.letter-button button[type=submit]")
    page.wait_for_selector("#letter-form")
    page.fill("#name", "Alex Martin")
    page.fill("#company", "Temu")
    page.click("#letter-form button:not([formaction])")
    assert "Alex Martin" in page.locator("pre.letter").inner_text()
    assert "in perpetuity" in page.locator("pre.letter").inner_text()
    page.screenshot(path=str(shots / "letter-en.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#letter-form button[value=txt]")
    assert "Alex Martin" in Path(download.value.path()).read_text(encoding="utf-8")


def test_upload_an_apk_and_see_its_trackers(server, page, shots, shared):
    page.goto(server + "/")
    page.set_input_files("#file", str(shared / TRACKER_APK))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("table.trackers", timeout=120000)
    trackers = page.locator("table.trackers").inner_text()
    assert "Google Firebase Analytics" in trackers
    page.screenshot(path=str(shots / "app-report.png"), full_page=True)


def test_switch_to_french_and_read_a_french_report(server, page, shots):
    page.goto(server + "/")
    page.click("a.lang-switch")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.fill("#text", TEMU)
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("section.summary")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#verdict-h").inner_text() == "Verdict"
    assert "Pourquoi c’est important" in page.locator("article.group").first.inner_text()
    assert "RGPD" in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "report-temu-fr.png"), full_page=True)


def axe_script(tmp_path_factory) -> Path | None:
    for candidate in (os.environ.get("FINEPRINT_AXE_JS"), ROOT / "node_modules" / "axe-core" / "axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    npm = shutil.which("npm")
    if not npm:
        return None
    prefix = tmp_path_factory.mktemp("axe")
    try:
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
                        "axe-core@4"], check=True, timeout=180, capture_output=True)
    except (subprocess.SubprocessError, OSError):
        return None
    path = prefix / "node_modules" / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def test_no_serious_accessibility_violation(server, browser, tmp_path_factory, shared):
    axe = axe_script(tmp_path_factory)
    if axe is None:
        pytest.skip("axe-core not found (set FINEPRINT_AXE_JS or `npm install axe-core`) and npm could not fetch it")
    # axe is injected by the test: only this context lets a script in past the page's Content-Security-Policy
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    page = context.new_page()
    found = {}

    def check(name):
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        found[name] = [(v["id"], v["impact"], len(v["nodes"])) for v in result
                       if v["impact"] in ("serious", "critical")]

    try:
        page.goto(server + "/")
        check("home")
        page.fill("#text", TEMU)
        page.click("#paste-form button[type=submit]")
        page.wait_for_selector("section.summary")
        check("report")
        page.click("form.letter-button button[type=submit]")
        page.wait_for_selector("#letter-form")
        check("letter")
        page.goto(server + "/")
        page.set_input_files("#file", str(shared / TRACKER_APK))
        page.click("#upload-form button[type=submit]")
        page.wait_for_selector("table.trackers", timeout=120000)
        check("app report")
    finally:
        context.close()
    assert not any(found.values()), found
