"""Alembic migrations of the results store (applied by ``fineprint.results.open_store`` on first use)."""
