"""Alembic environment: the connection comes from ``fineprint.results.store`` (config.attributes["connection"]),
or from ``sqlalchemy.url`` when run with the alembic command line."""
from alembic import context
from sqlalchemy import create_engine

from fineprint.results.models import Base

config = context.config
connection = config.attributes.get("connection")


def run(conn) -> None:
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as conn:
        run(conn)
