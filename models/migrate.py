"""Alembic, driven from Python: the schema is only ever created and changed by migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 7_261_104_112  # any constant shared by every raingan process


class SchemaOutOfDate(RuntimeError):
    """The database holds an older schema: `raingan db upgrade` brings it up to date."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration; migrations run on `connection` (in its transaction)."""
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        upgrade_on(connection, revision)


def upgrade_on(connection: Connection, revision: str = "head") -> None:
    command.upgrade(alembic_config(connection), revision)


def lock_migrations(connection: Connection) -> None:
    """Hold the migration lock until the transaction ends: workers starting together on an
    empty database create its schema once. (SQLite: BEGIN IMMEDIATE holds it already.)"""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_schema(engine: Engine) -> None:
    """Create the schema in an empty database; refuse one at an older revision.

    Upgrading a database that holds data is a decision for `raingan db upgrade`, never a side
    effect of ingesting files.
    """
    with engine.begin() as connection:
        lock_migrations(connection)
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head_revision():
            return
        if current is None and not set(inspect(connection).get_table_names()) - {"alembic_version"}:
            upgrade_on(connection)
            return
    raise SchemaOutOfDate(
        f"the database is at revision {current or 'none'}, raingan needs {head_revision()}: "
        "run `raingan db upgrade`"
    )
