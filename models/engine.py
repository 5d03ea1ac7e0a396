"""Engines and sessions: the same code path for SQLite (default) and PostgreSQL (production).

SQLite gets what PostgreSQL has by default: foreign keys enforced, writers that wait for each
other instead of failing, and transactions that take the write lock when they begin (so that
a read-then-write transaction cannot be refused half-way).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

SessionFactory = Callable[[], Session]
SQLITE_BUSY_SECONDS = 60


class NoDatabase(LookupError):
    """An SQLite file that does not exist, where a command only reads: none is created."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no database at {path}")
        self.path = path


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names; None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def make_engine(url: str, *, create: bool = True, **options) -> Engine:
    """An engine for `url`. An SQLite file's folder is created as needed; with `create` false
    (a command that only reads) a missing file raises `NoDatabase` and nothing is created."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    path = sqlite_file(url)
    if path is not None and not create and not path.is_file():
        raise NoDatabase(path)
    if path is not None and create:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, **options)
    event.listen(engine, "connect", sqlite_on_connect)
    event.listen(engine, "begin", sqlite_on_begin)
    return engine


def sqlite_on_connect(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling off: SQLAlchemy's "begin" issues BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    use_write_ahead_log(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def use_write_ahead_log(cursor, attempts: int = 200) -> None:
    """Switch the file to WAL once. The switch needs the file to itself and SQLite does not
    wait for that (no busy handler), so processes opening a new file together retry."""
    for _ in range(attempts):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode = WAL")


def sqlite_on_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> SessionFactory:
    """A function that opens a new session on `engine` (objects stay readable after commit)."""

    def open_session() -> Session:
        return Session(engine, expire_on_commit=False)

    return open_session


def is_database_fault(error: BaseException) -> bool:
    """A fault of the database connection (down, locked, restarted), worth trying again;
    not a constraint the data broke."""
    return isinstance(error, OperationalError | InterfaceError)
