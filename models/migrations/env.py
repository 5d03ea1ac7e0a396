"""Alembic environment: runs on the connection `models.migrate` hands over, or on the URL.

On PostgreSQL an advisory lock serialises migrations, so that workers starting at once on an
empty database create the schema once: the others wait, then find it at head.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, pool
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (the tables, for autogenerate)
from models.engine import make_engine
from models.migrate import lock_migrations
from raingan.settings import load_settings

config = context.config
target_metadata = SQLModel.metadata


def database_url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    return url or load_settings().database_url


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        lock_migrations(connection)
        context.run_migrations()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = make_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        run_on(connection)
        connection.commit()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations()
