"""fineprint watch on a loopback HTTP server: a version is stored only when the text changed, and the findings that
appeared are reported; the URL guard still refuses private addresses unless --allow-private."""
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("sqlalchemy", reason="watch stores versions in the results store ('store' extra)")

from fineprint.results import open_store  # noqa: E402
from fineprint.settings import Settings  # noqa: E402
from fineprint.watch import Target, targets_from, watch_one  # noqa: E402

from test_diff import LIKENESS, NEW, OLD  # noqa: E402


def page(body: str, script: str = "") -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip() and not p.startswith("#"))
    return (f"<html><head><title>ShopNova terms</title><script>{script}</script></head>"
            f"<body><main><h1>ShopNova terms of use</h1>{paras}</main></body></html>").encode()


@pytest.fixture
def server():
    state = {"body": page(OLD), "hits": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state["hits"] += 1
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(state["body"])))
            self.end_headers()
            self.wfile.write(state["body"])

        def log_message(self, *a):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/terms", state
    httpd.shutdown()


def test_new_version_only_when_text_changes_and_the_diff_names_the_new_red_flag(server, tmp_path):
    url, state = server
    settings = Settings(allow_private=True)
    target = targets_from([url])[0]
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite3'}") as store:
        assert watch_one(target, store, settings).status == "first"
        state["body"] = page(OLD, script="var build = 2;")  # markup changed, text did not
        r = watch_one(target, store, settings)
        assert r.status == "unchanged" and store.count("versions") == 1
        state["body"] = page(NEW)
        r = watch_one(target, store, settings)
        assert r.status == "changed" and store.count("versions") == 2
        appeared = {f.id for f in r.diff.findings if f.change == "appeared"}
        assert "rights.perpetual" in appeared
        assert all(f.new_text and "perpetual, irrevocable" in f.new_text for f in r.diff.findings
                   if f.id == "rights.perpetual")
        assert not [f for f in r.diff.findings if f.change == "disappeared"]
        assert store.latest_version(url).text and LIKENESS[:40] in store.latest_version(url).text
    assert state["hits"] == 3  # one fetch per run, nothing else


def test_cli_guard_refuses_loopback_without_allow_private(server, tmp_path):
    url, state = server
    store = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "watch", url, "--store", store],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "loopback" in r.stderr and "Traceback" not in r.stderr
    assert state["hits"] == 0
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "watch", url, "--store", store, "--allow-private",
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["results"][0]["status"] == "first"


def test_ota_declaration_targets(tmp_path):
    decl = tmp_path / "ShopNova.json"
    decl.write_text(json.dumps({"name": "ShopNova", "documents": {
        "Terms of Service": {"fetch": "https://shopnova.example/terms", "select": ["main"]},
        "Privacy Policy": {"fetch": "https://shopnova.example/privacy"}}}))
    got = targets_from([str(decl)])
    assert [(t.key, t.url) for t in got] == [("ShopNova/Terms of Service", "https://shopnova.example/terms"),
                                             ("ShopNova/Privacy Policy", "https://shopnova.example/privacy")]
    from fineprint.errors import UsageError

    with pytest.raises(UsageError):
        targets_from([str(tmp_path / "nope.txt")])
