"""fineprint/cache.py (one atomic, bounded disk cache), `fineprint cache info|clear`, and Settings.from_environment."""
from __future__ import annotations

import os
import subprocess
import sys

from fineprint import cache
from fineprint.settings import DEFAULT, from_environment


def test_writes_are_atomic_read_back_and_pruned_to_the_newest(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path))
    for i in range(5):
        path = cache.write("area", f"f{i}.bin", bytes([i]) * 10, keep=3)
        os.utime(path, (1000 + i, 1000 + i))
    assert sorted(p.name for p in (tmp_path / "area").iterdir()) == ["f2.bin", "f3.bin", "f4.bin"]
    assert cache.read_bytes("area", "f3.bin") == bytes([3]) * 10
    assert cache.read_bytes("area", "missing") is None
    # a writer function, for libraries that write to a file object (numpy.savez)
    cache.write("area", "g.bin", lambda fh: fh.write(b"xyz"), keep=3)
    assert (tmp_path / "area" / "g.bin").read_bytes() == b"xyz"
    assert not [p for p in (tmp_path / "area").iterdir() if p.name.endswith(".tmp")]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path))
    cache.write("area", "f.bin", b"old")

    def broken(fh):
        fh.write(b"half")
        raise OSError("disk full")

    assert cache.write("area", "f.bin", broken) is None
    assert (tmp_path / "area" / "f.bin").read_bytes() == b"old"
    assert [p.name for p in (tmp_path / "area").iterdir()] == ["f.bin"]


def test_an_unusable_cache_folder_only_returns_none(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(blocked))
    assert cache.write("area", "f.bin", b"x") is None
    assert cache.read_bytes("area", "f.bin") is None


def test_cache_info_and_clear_commands(tmp_path):
    env = {**os.environ, "FINEPRINT_CACHE_DIR": str(tmp_path / "c")}
    run = lambda *args: subprocess.run([sys.executable, "-m", "fineprint", "cache", *args], env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=60)
    (tmp_path / "c" / "rules-v2").mkdir(parents=True)
    (tmp_path / "c" / "rules-v2" / "plan.json").write_text("{}" * 100, encoding="utf-8")
    shown = run("info")
    assert shown.returncode == 0 and "1 files" in shown.stdout and "rules-v2" in shown.stdout
    cleared = run("clear")
    assert cleared.returncode == 0 and "removed 1 files" in cleared.stdout
    assert list((tmp_path / "c").iterdir()) == []
    assert "0 files" in run("info").stdout


def test_settings_read_the_environment_in_one_place():
    env = {"FINEPRINT_CACHE_DIR": "/c", "FINEPRINT_DATA_DIR": "/d", "FINEPRINT_APK_INPROCESS": "yes",
           "FINEPRINT_DEBUG": "1"}
    s = from_environment(DEFAULT, env)
    assert (s.cache_dir, s.data_dir, s.apk_inprocess, s.debug) == ("/c", "/d", True, True)
    s = from_environment(DEFAULT, {"FINEPRINT_CACHE_DIR": "", "FINEPRINT_APK_INPROCESS": "0"})
    assert (s.cache_dir, s.data_dir, s.apk_inprocess, s.debug) == (None, None, False, False)


def test_no_module_reads_the_environment_outside_settings():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parent.parent / "fineprint"
    reads = re.compile(r"os\.environ(?:\.get)?\s*[\[(]\s*[\"']FINEPRINT_|os\.getenv\(")
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if p.name != "settings.py" and reads.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"environment read outside fineprint/settings.py: {offenders}"
