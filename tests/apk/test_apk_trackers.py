"""Tracker database: Exodus parsing, matching semantics, lookup order, and `trackers update` (mock transport)."""
from __future__ import annotations

import json

import httpx
import pytest

from fineprint.detectors.apk import trackers as tr
from fineprint.errors import ResourceError, UsageError

MINI_EXODUS = {"trackers": {
    "1": {"id": 1, "name": "Alpha Ads", "code_signature": "com.alpha.ads.|com.alpha.track", "categories": ["Advertisement"],
          "website": "https://alpha.example", "network_signature": "alpha\\.example", "description": "x"},
    "2": {"id": 2, "name": "Network Only", "code_signature": "", "categories": [], "website": ""},
    "3": {"id": 3, "name": "Beta Crash", "code_signature": "io.beta.", "categories": ["Crash reporting"]},
}}


def test_parse_exodus_skips_network_only_trackers():
    db = tr.parse_exodus(MINI_EXODUS, "mini")
    assert [s.name for s in db.signatures] == ["Alpha Ads", "Beta Crash"]
    assert "ODbL" in db.attribution


@pytest.mark.parametrize("bad", [{}, {"trackers": 3}, {"trackers": {"1": {"code_signature": "x"}}},
                                 {"trackers": {"1": {"name": "n", "code_signature": 5}}}, {"trackers": {}}])
def test_parse_exodus_rejects_other_shapes(bad):
    with pytest.raises(ResourceError):
        tr.parse_exodus(bad, "bad.json")


def test_match_follows_exodus_semantics():
    db = tr.parse_exodus(MINI_EXODUS, "mini")
    classes = ["com.example.Main", "com.alpha.ads.Banner", "com.alpha.ads.Banner$1", "org.other.io.beta.Thing",
               "com.alphaXads.Y"]
    found = {m.signature.name: m for m in db.match(classes)}
    # unescaped dots match any character, and re.search finds a signature anywhere in the name, as in Exodus
    assert set(found) == {"Alpha Ads", "Beta Crash"}
    assert found["Alpha Ads"].count == 3 and found["Beta Crash"].classes == ("org.other.io.beta.Thing",)
    assert db.owner("com.alpha.ads.Banner").name == "Alpha Ads"
    assert db.owner("com.example.Main") is None


def test_shipped_list_anchors_package_prefixes():
    db = tr.shipped_db()
    names = {m.signature.name for m in db.match(["x.com.appsflyer.Lib", "com.appsflyer.AppsFlyerLib"])}
    assert names == {"AppsFlyer"}
    assert all(s.source == "fineprint" for s in db.signatures) and len(db.signatures) >= 40


def test_lookup_order_path_then_cache_then_shipped(tmp_path, monkeypatch, exodus_json):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path))
    assert tr.load_tracker_db(None).origin == "shipped"
    (tmp_path / tr.CACHE_FILE).write_text(json.dumps(MINI_EXODUS), encoding="utf-8")
    assert tr.load_tracker_db(None).origin.startswith("user cache")
    assert tr.load_tracker_db(str(exodus_json)).origin == str(exodus_json)
    assert len(tr.load_tracker_db(str(exodus_json)).signatures) > 400


def test_damaged_cache_falls_back_to_shipped(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path))
    (tmp_path / tr.CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert tr.load_tracker_db(None).origin == "shipped"


def test_explicit_broken_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "t.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ResourceError):
        tr.load_tracker_db(str(bad))
    with pytest.raises(UsageError):
        tr.load_tracker_db(str(tmp_path / "missing.json"))


def test_update_downloads_checks_and_writes_atomically(tmp_path):
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"] = str(request.url)
        return httpx.Response(200, json=MINI_EXODUS)

    dest = tmp_path / "cache" / tr.CACHE_FILE
    db = tr.download_exodus(dest, transport=httpx.MockTransport(handler))
    assert seen["url"] == tr.EXODUS_API
    assert json.loads(dest.read_text(encoding="utf-8")) == MINI_EXODUS
    assert len(db.signatures) == 2 and list(dest.parent.iterdir()) == [dest]  # no temporary file left


@pytest.mark.parametrize("response", [
    httpx.Response(503, text="down"),
    httpx.Response(200, text="<html>not json</html>"),
    httpx.Response(200, json={"something": "else"}),
])
def test_update_refuses_bad_answers_and_keeps_the_old_file(tmp_path, response):
    dest = tmp_path / tr.CACHE_FILE
    dest.write_text(json.dumps(MINI_EXODUS), encoding="utf-8")
    with pytest.raises(ResourceError):
        tr.download_exodus(dest, transport=httpx.MockTransport(lambda request: response))
    assert json.loads(dest.read_text(encoding="utf-8")) == MINI_EXODUS


def test_update_caps_the_size(tmp_path):
    big = httpx.Response(200, content=b"[" + b"0," * 100_000 + b"0]")
    with pytest.raises(ResourceError, match="more than"):
        tr.download_exodus(tmp_path / tr.CACHE_FILE, transport=httpx.MockTransport(lambda r: big), max_bytes=50_000)
    assert not (tmp_path / tr.CACHE_FILE).exists()


def test_update_network_error_is_a_resource_error(tmp_path):
    def handler(request):
        raise httpx.ConnectTimeout("timed out", request=request)

    with pytest.raises(ResourceError, match="could not download"):
        tr.download_exodus(tmp_path / tr.CACHE_FILE, transport=httpx.MockTransport(handler))
