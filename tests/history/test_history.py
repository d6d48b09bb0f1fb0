"""fineprint history: a timeline of findings over dated versions (OTA folder layout, or a git repository)."""
import json
import shutil
import subprocess
import sys

import pytest

from test_diff import LIKENESS, NEW, OLD

# a third version: the licence is withdrawn again
LATER = NEW.replace(LIKENESS + "\n", "")


def run(*args):
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture
def ota(tmp_path):
    doc = tmp_path / "ota" / "ShopNova" / "Terms of Service"
    doc.mkdir(parents=True)
    (doc / "2024-03-10.md").write_text(OLD, encoding="utf-8")
    (doc / "2024-06-01.md").write_text(NEW, encoding="utf-8")
    (doc / "2024-09-15.md").write_text(LATER, encoding="utf-8")
    (doc / "notes.txt").write_text("not a dated version", encoding="utf-8")
    return tmp_path / "ota"


def _perpetual(data, key="ShopNova/Terms of Service"):
    doc = next(d for d in data["documents"] if d["key"] == key)
    assert doc["versions"] == ["2024-03-10", "2024-06-01", "2024-09-15"]
    return next(f for f in doc["findings"] if f["id"] == "rights.perpetual")


def test_timeline_says_when_the_licence_appeared_and_went_away(ota, tmp_path):
    r = run("history", str(ota), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["schema"] == "fineprint.history/1"
    f = _perpetual(data)
    assert f["severity"] == "high"
    assert f["runs"] == [{"first": "2024-06-01", "last": "2024-06-01", "gone": "2024-09-15", "text": LIKENESS}]
    text = run("history", str(ota)).stdout
    assert "rights.perpetual" in text and "2024-06-01 -> gone 2024-09-15" in text
    page = tmp_path / "h.html"
    assert run("history", str(ota), "--format", "html", "-o", str(page)).returncode == 0
    body = page.read_text()
    assert "<svg" in body and "rights.perpetual: 2024-06-01 to 2024-09-15" in body and "<script" not in body


def test_git_repository_of_versions(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    git = lambda *a, date=None: subprocess.run(  # noqa: E731
        ["git", "-C", str(repo), *a], check=True, capture_output=True,
        env={**env, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})})
    git("init", "-q")
    (repo / "ShopNova").mkdir()
    target = repo / "ShopNova" / "Terms of Service.md"
    for day, text in (("2024-03-10", OLD), ("2024-06-01", NEW), ("2024-09-15", LATER)):
        target.write_text(text, encoding="utf-8")
        git("add", ".")
        git("commit", "-q", "-m", day, date=f"{day}T12:00:00Z")
    r = run("history", str(repo), "--format", "json")
    assert r.returncode == 0, r.stderr
    f = _perpetual(json.loads(r.stdout))
    assert [(x["first"], x["gone"]) for x in f["runs"]] == [("2024-06-01", "2024-09-15")]


def test_history_writes_to_the_store(ota, tmp_path):
    pytest.importorskip("sqlalchemy")
    from fineprint.results import open_store

    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    assert run("history", str(ota), "--store", url, "-o", str(tmp_path / "t.txt")).returncode == 0
    with open_store(url) as store:
        assert store.count("versions") == 3 and store.count("documents") == 1
        dates = {str(r["date"]) for r in store.finding_rows() if r["finding_id"] == "rights.perpetual"}
        assert dates == {"2024-06-01"}


def test_empty_or_missing_folder_is_one_line_error(tmp_path):
    r = run("history", str(tmp_path))
    assert r.returncode == 2 and "no dated versions" in r.stderr and "Traceback" not in r.stderr
    r = run("history", str(tmp_path / "missing"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_every_ota_history_document_gets_a_timeline(shared):
    from fineprint.history import discover

    versions = discover(shared / "corpora" / "ota-history")
    keys = {v.key for v in versions}
    assert len(versions) == 234 and len(keys) == 16
    assert all(v.service and v.name for v in versions)


def test_a_failed_capture_is_suspect_not_a_change_of_terms(ota):
    doc = ota / "ShopNova" / "Terms of Service"
    (doc / "2024-09-15.md").write_text(NEW, encoding="utf-8")
    (doc / "2024-08-01.md").write_text("# Access denied\n\nPlease enable cookies.\n", encoding="utf-8")
    data = json.loads(run("history", str(ota), "--format", "json").stdout)
    d = data["documents"][0]
    assert [s["date"] for s in d["suspect"]] == ["2024-08-01"] and "2024-08-01" not in d["versions"]
    f = next(f for f in d["findings"] if f["id"] == "rights.perpetual")
    assert [(r["first"], r["gone"]) for r in f["runs"]] == [("2024-06-01", None)]  # never "went away"
