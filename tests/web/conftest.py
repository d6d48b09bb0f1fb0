"""Fixtures of the web app tests: one analysis worker pool for the whole session (a worker loads the models once),
and an app (FastAPI TestClient) that uses it. Skipped where the web extra is not installed."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'fineprint[web]')")
pytest.importorskip("multipart", reason="python-multipart is not installed (pip install 'fineprint[web]')")

from fineprint.web.app import WebConfig, create_app  # noqa: E402
from fineprint.web.worker import WorkerPool  # noqa: E402



@pytest.fixture(scope="session")
def pool():
    p = WorkerPool(1, timeout=60, memory_mb=2048)
    yield p
    p.close()


@pytest.fixture(scope="session")
def config():
    return WebConfig(max_upload_mb=8, fetch_timeout=3)


@pytest.fixture(scope="session")
def client(pool, config):
    from fastapi.testclient import TestClient

    with TestClient(create_app(config, pool=pool)) as c:
        yield c
