"""The request journal: deadlines, listing, closing, the data directory, concurrent writers and a writer killed
in the middle of a transaction."""
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest

from fineprint.cli import main
from fineprint.errors import FineprintError, InputError, ResourceError, UsageError
from fineprint.store import FILE_NAME, RequestJournal, default_path

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_add_sets_the_one_month_deadline_and_lists_open_requests_by_deadline(tmp_path):
    journal = RequestJournal(tmp_path / "j.sqlite3")
    late = journal.add("Globex", "access", date(2026, 1, 31))
    early = journal.add("Initech", "erasure", date(2026, 1, 10), recipient="dpo@initech.example")
    assert late.deadline == date(2026, 2, 28)
    assert [r.company for r in journal.list()] == ["Initech", "Globex"]
    assert journal.list()[0].recipient == "dpo@initech.example"
    journal.done(early.id, outcome="data sent")
    assert [r.company for r in journal.list()] == ["Globex"]
    closed = [r for r in journal.list(include_done=True) if r.status == "done"]
    assert closed[0].outcome == "data sent" and closed[0].closed is not None
    assert late.overdue(date(2026, 3, 1)) and not late.overdue(date(2026, 2, 28))


def test_unknown_request_and_bad_values_are_clear_errors(tmp_path):
    journal = RequestJournal(tmp_path / "j.sqlite3")
    with pytest.raises(InputError, match="no request #7"):
        journal.done(7)
    with pytest.raises(UsageError):
        journal.add("Globex", "complaint", date(2026, 1, 1))
    with pytest.raises(UsageError):
        journal.add("   ", "access", date(2026, 1, 1))


def test_journal_lives_in_the_data_dir_and_is_created_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / FILE_NAME
    assert not default_path().exists()
    RequestJournal().add("Globex", "access", date(2026, 1, 1))
    assert default_path().exists()
    mode = sqlite3.connect(default_path()).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_without_the_env_variable_the_platform_data_dir_is_used(monkeypatch):
    from platformdirs import user_data_dir

    monkeypatch.delenv("FINEPRINT_DATA_DIR", raising=False)
    assert default_path() == Path(user_data_dir("fineprint", appauthor=False)) / FILE_NAME


def test_a_file_that_is_not_a_journal_is_a_one_line_error(tmp_path, capsys):
    bad = tmp_path / "requests.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ResourceError, match="not a readable request journal"):
        RequestJournal(bad).list()
    code, _, err = run(capsys, "requests", "--journal", str(bad), "list")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_concurrent_threads_all_land(tmp_path):
    journal = RequestJournal(tmp_path / "j.sqlite3")
    errors = []

    def writer(n):
        try:
            for i in range(15):
                journal.add(f"Company {n}-{i}", "access", date(2026, 1, 1 + i))
        except FineprintError as exc:  # pragma: no cover - the failure the test is about
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(journal.list()) == 90
    assert len({r.id for r in journal.list()}) == 90


WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from fineprint.store import RequestJournal
    journal = RequestJournal(sys.argv[1])
    for i in range(int(sys.argv[3])):
        journal.add(f"{sys.argv[2]}-{i}", "erasure", date(2026, 2, 1))
""")


def test_concurrent_processes_all_land(tmp_path):
    path = tmp_path / "j.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"p{n}", "20"], cwd=ROOT)
             for n in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    rows = RequestJournal(path).list()
    assert len(rows) == 80
    assert {r.company.split("-")[0] for r in rows} == {"p0", "p1", "p2", "p3"}


KILLED_MID_WRITE = textwrap.dedent("""
    import sys, time
    from datetime import date
    from fineprint.store import RequestJournal
    journal = RequestJournal(sys.argv[1])
    with journal._connect(write=True) as conn:
        for i in range(50):
            conn.execute("INSERT INTO requests (company, right, sent, deadline, created) "
                         "VALUES (?, 'access', '2026-01-01', '2026-02-01', 'now')", (f"half-written {i}",))
        print("inside", flush=True)
        time.sleep(60)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_transaction_leaves_the_journal_as_it_was(tmp_path):
    path = tmp_path / "j.sqlite3"
    journal = RequestJournal(path)
    journal.add("Before", "access", date(2026, 1, 1))
    proc = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "inside"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert [r.company for r in journal.list()] == ["Before"]
    after = journal.add("After", "erasure", date(2026, 1, 2))  # the lock died with the process
    assert [r.company for r in journal.list()] == ["Before", "After"] and after.id
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_cli_suggests_reminder_and_complaint_once_the_deadline_passed(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path))
    code, out, _ = run(capsys, "requests", "add", "--company", "Globex Retail", "--right", "access",
                       "--sent", "2026-01-31")
    assert code == 0 and "2026-02-28" in out
    run(capsys, "requests", "add", "--company", "Initech", "--right", "portability", "--sent", "2026-02-20")
    code, out, _ = run(capsys, "requests", "list", "--today", "2026-03-02")
    assert code == 0
    globex, initech = [line for line in out.splitlines() if line.startswith("#")]
    assert "Globex Retail" in globex and "OVERDUE by 2 days" in globex
    assert "Initech" in initech and "18 days left" in initech
    assert "fineprint letter reminder --company 'Globex Retail' --sent 2026-01-31 --about access" in out
    assert "fineprint letter complaint --company 'Globex Retail' --sent 2026-01-31 --about access" in out
    assert "--company Initech" not in out  # not overdue: no suggestion
    code, out, _ = run(capsys, "requests", "done", "1", "--outcome", "answered")
    assert code == 0
    code, out, _ = run(capsys, "requests", "list", "--today", "2026-03-02")
    assert "Globex" not in out and "Initech" in out


def test_cli_done_of_an_unknown_id_is_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path))
    code, _, err = run(capsys, "requests", "done", "42")
    assert code == 2 and "#42" in err
