"""The results store on SQLite and on a real PostgreSQL server: versions by content hash, reports, findings,
migrations, Parquet export."""
import pytest

pytest.importorskip("sqlalchemy", reason="the results store needs the 'store' extra")

import fineprint  # noqa: E402
from fineprint.errors import UsageError  # noqa: E402
from fineprint.results import guess_service, normalise_url, open_store  # noqa: E402

from test_diff import NEW, OLD  # noqa: E402


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ota") / "ShopNova" / "Terms of Service"
    folder.mkdir(parents=True)
    (folder / "2024-03-10.md").write_text(OLD, encoding="utf-8")
    (folder / "2024-06-01.md").write_text(NEW, encoding="utf-8")
    return fineprint.audit(str(folder / "2024-03-10.md")), fineprint.audit(str(folder / "2024-06-01.md"))


def test_versions_by_content_hash_and_findings(store_url, reports):
    old, new = reports
    with open_store(store_url) as store:
        key = "ShopNova/Terms of Service"
        assert store.record(old, key=key, date="2024-03-10", text="v1")[1] is True
        vid, is_new = store.record(new, key=key, date="2024-06-01", text="v2")
        assert is_new
        assert store.record(new, key=key, date="2024-06-01")[1] is False  # same content: a report, no new version
        assert (store.count("documents"), store.count("versions"), store.count("reports")) == (1, 2, 3)
        latest = store.latest_version(key)
        assert latest.id == vid and latest.sha256 == new.document.sha256 and latest.text == "v2"
        rows = store.finding_rows()
        # each version's latest report only: the second report of the new version does not double its findings
        assert len(rows) == len(old.findings) + len(new.findings)
        perpetual = [r for r in rows if r["finding_id"] == "rights.perpetual"]
        assert perpetual and all(str(r["date"]) == "2024-06-01" and r["service"] == "ShopNova" for r in perpetual)
        docs = store.document_rows()
        assert [str(d["date"]) for d in docs] == ["2024-03-10", "2024-06-01"] and docs[1]["worst"] == "high"


def test_reopening_keeps_data_and_schema_is_migrated(store_url, reports):
    with open_store(store_url) as store:
        store.record(reports[0], key="k")
    with open_store(store_url) as store:  # the migration runs again: nothing to do, nothing lost
        assert store.count("versions") == 1
        from sqlalchemy import text

        with store.engine.connect() as conn:
            assert conn.execute(text("select version_num from alembic_version")).scalar() == "0001"


def test_parquet_export(store_url, reports, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with open_store(store_url) as store:
        store.record_many([{"report": r, "key": "ShopNova/Terms"} for r in reports])
        paths = store.export_parquet(tmp_path / "pq")
    findings = pq.read_table(paths[0]).to_pylist()
    assert len(findings) == sum(len(r.findings) for r in reports)
    assert {"finding_id", "severity", "service", "date", "sha256", "text"} <= set(findings[0])
    assert len(pq.read_table(paths[1]).to_pylist()) == 2


def test_bad_store_urls_are_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        open_store("nosuchdialect://x/y")
    with pytest.raises(UsageError) as exc:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(exc.value)


def test_default_store_is_created_in_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path / "data"))
    assert normalise_url(None) == f"sqlite:///{tmp_path / 'data' / 'results.sqlite3'}"
    with open_store() as store:
        assert store.count("documents") == 0
    assert (tmp_path / "data" / "results.sqlite3").is_file()
    assert normalise_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_service_names_from_sources():
    assert guess_service("/x/ota-history/Zoom/Privacy Policy/2023-01-02.md") == ("Zoom", "Privacy Policy")
    assert guess_service("https://example.com/legal/terms") == ("example.com", "legal/terms")
    assert guess_service("/c/ota-en/Zoom/Terms of Service.md") == ("Zoom", "Terms of Service")


def test_stats_tables_and_plots_from_the_store(reports, tmp_path):
    import json
    import subprocess
    import sys

    pytest.importorskip("matplotlib")
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    with open_store(url) as store:
        store.record(reports[0], key="ShopNova/Terms", service="ShopNova", name="Terms", date="2024-03-10")
        store.record(reports[1], key="ShopNova/Terms", service="ShopNova", name="Terms", date="2024-06-01")

    def stats(*args):
        r = subprocess.run([sys.executable, "-m", "fineprint.cli", "stats", "--store", url, *args],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        return r.stdout

    by_id = {r["group"]: r for r in json.loads(stats("--format", "json"))["rows"]}
    assert by_id["rights.perpetual"]["documents"] == 1  # the latest version has it
    by_date = {r["group"]: r for r in json.loads(stats("--by", "date", "--format", "json"))["rows"]}
    assert set(by_date) == {"2024"} and by_date["2024"]["documents"] == 2  # --by date counts every version
    png, page = tmp_path / "s.png", tmp_path / "s.html"
    assert "ShopNova" in stats("--by", "service", "--plot", str(png), "--html", str(page))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    body = page.read_text()
    assert "data:image/png;base64," in body and "ShopNova" in body and "<script" not in body
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "stats", "--from", str(tmp_path)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "index.jsonl" in r.stderr and "Traceback" not in r.stderr
