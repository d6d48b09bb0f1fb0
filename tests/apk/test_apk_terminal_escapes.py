"""Issue 14: an APK's manifest fields never drive the terminal (colour, window title, 8-bit CSI), in the report or in
an error line. The manifest is compiled by the test (tests/apk/conftest.py), with a real app's code beside it."""
from __future__ import annotations

import subprocess
import sys

EVIL = "com.evil\x1b[31mRED\x1b]0;PWNED\x07\x9b2J"


def test_manifest_escapes_do_not_reach_the_terminal(axml, zipper, apk_parts, tmp_path):
    manifest = ("manifest", {"package": EVIL, "versionCode": 7, "versionName": "1.0\x1b[2J"}, [
        ("uses-permission", {"name": "android.permission.READ_CONTACTS"}, []),
        ("application", {"name": "Evil\x1b]8;;http://x\x07link"}, []),
    ])
    apk = tmp_path / f"evil{EVIL}.apk"
    apk.write_bytes(zipper({"AndroidManifest.xml": axml(manifest), "classes.dex": apk_parts["classes.dex"]}))
    for fmt in ("text", "md", "json"):
        r = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", str(apk), "--format", fmt],
                           capture_output=True, timeout=300)
        assert r.returncode in (0, 1), r.stderr
        for stream in (r.stdout, r.stderr):
            text = stream.decode("utf-8", "replace")
            assert not any(c in text for c in ("\x1b", "\x07", "\x9b")), fmt
        assert b"com.evilRED" in r.stdout  # the package is shown, without its escape sequences
    missing = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", str(tmp_path / f"gone{EVIL}.apk")],
                             capture_output=True, timeout=120)
    assert missing.returncode == 2 and b"\x1b" not in missing.stderr and b"\x07" not in missing.stderr
