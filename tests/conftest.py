import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FINEPRINT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (datasets, APKs, examples); tests that need it skip where it is absent (a user's machine)."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (set FINEPRINT_SHARED); data-dependent test skipped")
    return SHARED
