"""fineprint batch: one report per input, every failure recorded, resumable."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fineprint.batch import expand_inputs, report_name, run_batch

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "offer.md").write_text((ROOT / "examples" / "cash-reward-rules.md").read_text(encoding="utf-8"))
    (folder / "empty.txt").write_text("")
    (folder / "garbage.pdf").write_bytes(b"\x00\x01\x02 not a pdf" * 100)
    (folder / "ignored.xyz").write_text("not a supported suffix")
    return folder


def read_index(out):
    return [json.loads(l) for l in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def test_folders_expand_to_supported_files(corpus):
    names = [Path(p).name for p in expand_inputs([str(corpus)])]
    assert names == ["empty.txt", "garbage.pdf", "offer.md"]


def test_report_names_are_unique_and_stable():
    assert report_name("a/terms.html", "json") == report_name("a/terms.html", "json")
    assert report_name("a/terms.html", "json") != report_name("b/terms.html", "json")


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_every_input_is_recorded(corpus, tmp_path, scheduler):
    out = tmp_path / "out"
    summary = run_batch([str(corpus)], out, scheduler=scheduler, workers=2)
    assert (summary.ok, summary.failed) == (1, 2)
    index = read_index(out)
    assert [Path(r["source"]).name for r in index] == ["empty.txt", "garbage.pdf", "offer.md"]
    ok = index[2]
    assert ok["status"] == "ok" and ok["findings"] > 0 and ok["worst"] == "high"
    report = json.loads((out / ok["report"]).read_text(encoding="utf-8"))
    assert report["schema"] == "fineprint.report/1"
    assert all(r["status"] == "error" and r["error"] for r in index[:2])


def test_resume_skips_what_is_done(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch([str(corpus)], out, scheduler="sync")
    again = run_batch([str(corpus)], out, scheduler="sync")
    assert again.skipped == 1 and again.ok == 1 and again.failed == 2


def test_cli_exit_status_and_summary(corpus, tmp_path):
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "batch", str(corpus), "--out", str(tmp_path / "o"),
                        "--scheduler", "sync"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert "1 audited" in r.stderr and "2 failed" in r.stderr and "Traceback" not in r.stderr
