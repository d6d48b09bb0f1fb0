"""The detectors whose findings a kind of document does not report are not run on it: the transparency check only
on privacy policies, the practice map only on policies and unknown documents (their findings were computed on terms
and then dropped, a fifth of a 96 KB terms audit, session 39)."""
from __future__ import annotations

import pytest

import fineprint
from fineprint.detectors.ml import PracticeDetector
from fineprint.detectors.ml.transparency import TransparencyDetector


def _refuse(self, clauses, language):
    raise AssertionError(f"{self.name} ran")


def test_terms_are_not_read_by_the_policy_only_detectors(tmp_path, monkeypatch):
    monkeypatch.setattr(TransparencyDetector, "detect", _refuse)
    monkeypatch.setattr(PracticeDetector, "detect", _refuse)
    path = tmp_path / "terms.md"
    path.write_text("# Terms of Service\n\nThese terms are governed by the laws of the State of New York. We may "
                    "terminate your account at any time without notice.\n", encoding="utf-8")
    report = fineprint.audit(str(path))
    assert report.document.kind == "terms"
    assert {f.id for f in report.findings} >= {"unfair.choice-of-law"}


def test_a_privacy_policy_is_still_read_by_them(tmp_path, monkeypatch):
    monkeypatch.setattr(TransparencyDetector, "detect", _refuse)
    path = tmp_path / "privacy.md"
    path.write_text("# Privacy Policy\n\nWe collect your email address to send you our newsletter. You may ask us "
                    "for a copy of your data.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="transparency ran"):
        fineprint.audit(str(path))
