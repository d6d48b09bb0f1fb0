"""What users get from `fineprint letter`, `fineprint requests` and an APK audit stays byte for byte what it was
before the layout work of issue 10 (letters as a registry, ingest/apk/ split, APK detectors in the registry).

The expected outputs in tests/data/outputs/ were written by the code before that change (commit fdcfe1b) with
``FINEPRINT_WRITE_EXPECTED=1 python -m pytest tests/test_outputs_unchanged.py``; a change that alters any of them on
purpose rewrites them the same way and says why in its commit message.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fineprint.cli import main

EXPECTED = Path(__file__).with_name("data") / "outputs"
WRITE = os.environ.get("FINEPRINT_WRITE_EXPECTED") == "1"
DATE = "2026-01-31"
PERSON = ["--name", "Ana Diaz-Moreau", "--email", "ana@example.org", "--address", "3 rue Vieille ; 69001 Lyon",
          "--account", "ana.dm", "--company", "Globex Retail SAS", "--date", DATE]
POLICY = ("Globex Retail SAS, 12 rue de la Paix, 75002 Paris, France, is the controller of your personal data.\n\n"
          "If you have any question about this policy, contact our Data Protection Officer at dpo@globex.example.\n")
REPORT = {"schema": "fineprint.report/1", "tool": {"name": "fineprint", "version": "0.1.0"},
          "document": {"source": "rules.txt", "kind": "offer", "language": "en", "sha256": "0" * 64, "chars": 80},
          "findings": [{"id": fid, "title": "", "severity": "high", "confidence": 0.97,
                        "span": {"start": 0, "end": 80}, "detector": "test", "evidence": {},
                        "text": "You grant us a perpetual, worldwide licence to use your name, likeness and voice."}
                       for fid in ("rights.likeness-use", "rights.perpetual", "rights.consent-by-conduct")]}

RIGHTS = ("access", "rectification", "erasure", "objection", "withdraw-consent", "portability", "restriction",
          "complaint", "reminder")
FOLLOW_UP = ["--sent", "2025-12-31", "--about", "erasure", "--facts", "Aucune réponse.", "--reply", "Rien."]
LETTERS: dict[str, list[str]] = {}
for _right in RIGHTS:
    for _lang in ("en", "fr"):
        LETTERS[f"letter-{_right}-{_lang}"] = ["letter", _right, "--lang", _lang, *PERSON,
                                               *(FOLLOW_UP if _right in ("complaint", "reminder") else [])]
LETTERS.update({
    "letter-erasure-grounds-md": ["letter", "erasure", *PERSON, "--ground", "unlawful", "--ground", "objection",
                                  "--detail", "order history", "--format", "md"],
    "letter-objection-marketing-html": ["letter", "objection", *PERSON, "--marketing", "--format", "html",
                                        "--lang", "fr"],
    "letter-objection-reason": ["letter", "objection", *PERSON, "--reason", "I moved & <changed> jobs."],
    "letter-portability-to": ["letter", "portability", *PERSON, "--transmit-to", "Initech", "--to", "dpo@x.example",
                              "--to-address", "1 Main St ; Springfield", "--siren", "123456789"],
    "letter-restriction-grounds": ["letter", "restriction", *PERSON, "--ground", "contested-accuracy",
                                   "--lang", "fr", "--format", "md"],
    "letter-rectification-details": ["letter", "rectification", *PERSON, "--detail", "birth date: 1990-02-03"],
    "letter-complaint-no-request": ["letter", "complaint", *PERSON, "--facts", "Ils vendent mes données."],
    "letter-bare": ["letter", "access", "--date", DATE],
    "letter-from-report": ["letter", "withdraw-consent", "--from-report", "{report}", *PERSON],
    "letter-from-report-fr-html": ["letter", "erasure", "--from-report", "{report}", "--lang", "fr", "--format",
                                   "html", *PERSON],
    "letter-policy": ["letter", "access", "--policy", "{policy}", "--lang", "fr", "--date", DATE],
    "letter-bad-right": ["letter", "deletion", "--date", DATE],
    "letter-bad-ground": ["letter", "access", "--ground", "unlawful", "--date", DATE],
    "letter-reminder-no-sent": ["letter", "reminder", "--date", DATE],
    "letter-bad-about": ["letter", "reminder", "--sent", DATE, "--about", "complaint"],
    "help-letter": ["letter", "--help"],
    "help-requests": ["requests", "--help"],
    "help-requests-add": ["requests", "add", "--help"],
    "requests-add": ["requests", "--journal", "{journal}", "add", "--company", "Globex", "--right", "erasure",
                     "--sent", "2025-12-01", "--to", "dpo@globex.example", "--note", "LRAR 1A234"],
    "letter-record": ["letter", "access", *PERSON, "--record", "--to", "dpo@globex.example"],
    "letter-record-complaint": ["letter", "complaint", *PERSON, "--record", *FOLLOW_UP],
    "requests-list": ["requests", "--journal", "{journal}", "list", "--all", "--today", "2026-02-10"],
})
APKS = ("edge_fdroidserver_janus", "droidbench_Contacts1", "trk_exoduscore_instapaper")


def _invoke(capsys, args: list[str]) -> dict:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return {"code": code, "out": out, "err": err}


def _check(name: str, got: dict) -> None:
    path = EXPECTED / f"{name}.json"
    if WRITE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    want = json.loads(path.read_text(encoding="utf-8"))
    for key in ("code", "out", "err"):
        assert got[key] == want[key], f"{name}: {key} differs from {path.name}"


@pytest.fixture()
def files(tmp_path, monkeypatch):
    journal = tmp_path / "journal.sqlite3"
    monkeypatch.setenv("FINEPRINT_DATA_DIR", str(tmp_path))
    (tmp_path / "report.json").write_text(json.dumps(REPORT), encoding="utf-8")
    (tmp_path / "policy.txt").write_text(POLICY, encoding="utf-8")
    return tmp_path, {"{report}": str(tmp_path / "report.json"), "{policy}": str(tmp_path / "policy.txt"),
                      "{journal}": str(journal)}


def test_letters_and_requests_are_unchanged(capsys, files):
    tmp_path, subs = files
    for name, args in LETTERS.items():
        got = _invoke(capsys, [subs.get(a, a) for a in args])
        for key in ("out", "err"):
            got[key] = got[key].replace(str(tmp_path), "<tmp>")
        _check(name, got)


@pytest.mark.parametrize("apk", APKS)
def test_apk_reports_are_unchanged(capsys, shared, apk, tmp_path, monkeypatch):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path))  # the shipped tracker list, not a downloaded one
    path = shared / "apk" / "samples" / f"{apk}.apk"
    for fmt in ("json", "md"):
        got = _invoke(capsys, ["audit", str(path), "--format", fmt])
        for key in ("out", "err"):
            # the Markdown report escapes the path's underscores in its title; the expected file says <shared>
            for written in (str(path), str(path).replace("_", "\\_")):
                got[key] = got[key].replace(written, f"<shared>/apk/samples/{apk}.apk")
        _check(f"audit-{apk}-{fmt}", got)
