"""Fixtures for the report tests (the builders live in report_builders.py)."""
from __future__ import annotations

import pytest

from report_builders import make_app_report, make_hostile_report, make_temu_report


@pytest.fixture
def temu_report():
    return make_temu_report()


@pytest.fixture
def temu_report_fr():
    return make_temu_report("fr")


@pytest.fixture
def hostile_report():
    return make_hostile_report()


@pytest.fixture
def app_report():
    return make_app_report()
