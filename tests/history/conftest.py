import pytest

from pgcluster import TempPostgres, why_unavailable


@pytest.fixture(scope="session")
def postgres_server():
    reason = why_unavailable()
    if reason:
        pytest.skip(reason)
    server = TempPostgres().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh store URL: a SQLite file, then a new database on a real, temporary PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database()
