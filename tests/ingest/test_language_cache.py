"""The language model is read from an uncompressed copy in fineprint's cache: same answers, and a damaged or
unwritable cache never breaks language detection."""
from __future__ import annotations

import pytest

from fineprint.ingest import language

EN = "By using the service you agree to these terms. We may share your personal data with our partners."
FR = "En utilisant le service, vous acceptez les présentes conditions. Nous pouvons partager vos données."


@pytest.fixture()
def fresh_identifier(monkeypatch, tmp_path):
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def _reference():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in language.CANDIDATES if c in set(ident.labels)])
    return ident


def test_cached_model_answers_like_py3langid(fresh_identifier):
    reference = _reference()
    first = language._identifier()
    copies = list((fresh_identifier / "langid").glob("model-*.npz"))
    assert len(copies) == 1
    language._identifier.cache_clear()
    second = language._identifier()  # now read from the copy
    for text in (EN, FR, "Der Nutzer stimmt den Bedingungen zu."):
        assert first.classify(text) == second.classify(text) == reference.classify(text)
    assert language.detect_language(FR * 5) == ("fr", ())


def test_damaged_copy_falls_back_to_py3langid(fresh_identifier):
    language._identifier()
    (copy,) = (fresh_identifier / "langid").glob("model-*.npz")
    copy.write_bytes(b"not a numpy archive")
    language._identifier.cache_clear()
    assert language.detect_language(EN * 5) == ("en", ())


def test_unwritable_cache_still_detects(monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FINEPRINT_CACHE_DIR", str(blocker))
    language._identifier.cache_clear()
    try:
        assert language.detect_language(FR * 5)[0] == "fr"
    finally:
        language._identifier.cache_clear()
