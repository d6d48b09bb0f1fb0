"""Fixtures giving the ingest tests their input builders."""
from __future__ import annotations

import pytest

from ingest_builders import build_blank_pdf, build_docx, build_encrypted_pdf, build_text_pdf


@pytest.fixture
def text_pdf():
    return build_text_pdf


@pytest.fixture
def blank_pdf():
    return build_blank_pdf()


@pytest.fixture
def encrypted_pdf():
    return build_encrypted_pdf


@pytest.fixture
def docx_bytes():
    return build_docx()
