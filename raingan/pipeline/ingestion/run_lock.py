"""One run over an inbox at a time: a second `nightly` (or `backfill`) over the same inbox and
database waits for the first to end, then finds the ledger done. Two at once each ingested the
same files, and on PostgreSQL clashed on the ledger's unique key, both ending Failed.

PostgreSQL: a session-level advisory lock held on a connection of its own for the run. SQLite:
an fcntl lock on one byte of a lock file beside the database (a byte per inbox). An in-memory
SQLite database is one process's own: nothing to lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import text
from sqlalchemy.engine import make_url

from models.engine import make_engine, sqlite_file

LOCK_SUFFIX = ".runs.lock"
BYTES_OF_KEY = 8


def lock_key(inbox: str) -> int:
    """A signed 64-bit number for the inbox (PostgreSQL's advisory lock key)."""
    digest = hashlib.sha256(f"raingan inbox run {inbox}".encode()).digest()
    return int.from_bytes(digest[:BYTES_OF_KEY], "big", signed=True)


@contextmanager
def one_run_per_inbox(database_url: str, inbox: str) -> Iterator[None]:
    """Hold the inbox's run lock while the body runs, waiting for it if another run holds it."""
    if make_url(database_url).get_backend_name() == "postgresql":
        with advisory_lock(database_url, lock_key(inbox)):
            yield
        return
    path = sqlite_file(database_url)
    if path is None:
        yield
        return
    with file_lock(path.with_name(path.name + LOCK_SUFFIX), lock_key(inbox)):
        yield


@contextmanager
def advisory_lock(database_url: str, key: int) -> Iterator[None]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            connection.commit()
            try:
                yield
            finally:
                # A connection lost meanwhile (a restart) has released the lock already.
                with suppress(Exception):
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    connection.commit()
    finally:
        engine.dispose()


@contextmanager
def file_lock(path: os.PathLike[str], key: int) -> Iterator[None]:
    """An exclusive lock on one byte of `path` (created if need be), chosen by `key`."""
    offset = key % (1 << 31)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX, 1, offset)
        try:
            yield
        finally:
            fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, offset)
    finally:
        os.close(descriptor)
