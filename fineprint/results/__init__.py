"""The results store (documents by content hash, versions, reports, findings; SQLite or PostgreSQL) and what reads
it: ``fineprint stats`` and Parquet export. Needs the ``store`` extra: ``pip install 'fineprint[store]'``."""
from .store import ResultStore, default_url, export_parquet, guess_service, normalise_url, open_store

__all__ = ["ResultStore", "default_url", "export_parquet", "guess_service", "normalise_url", "open_store"]
