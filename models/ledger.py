"""The inbox ledger's SQL: which inbox entries were seen, and what ingesting each gave.

An entry is known by its key: its inbox, its path inside it, its size and its version (an
object store's ETag, else the mtime). Every function opens its own short session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import tuple_
from sqlmodel import Session, col, select

from models.engine import SessionFactory
from models.names import storable_text
from models.statuses import IngestStatus
from models.tables import InboxEntry

LedgerKey = tuple[str, str, int, str]  # inbox, path, size in bytes, version
KEYS_PER_QUERY = 200  # keeps each IN list small


@dataclass(frozen=True)
class EntryOutcome:
    """What ingesting an entry gave, as the ledger keeps it."""

    outcome: IngestStatus
    sha256: str | None
    report_id: int | None
    findings: int
    rejection_code: str | None
    message: str | None


def key_of(row: InboxEntry) -> LedgerKey:
    return (row.inbox, row.path, row.size_bytes, row.version)


def ledger_rows(
    session_factory: SessionFactory, keys: Sequence[LedgerKey]
) -> dict[LedgerKey, InboxEntry]:
    """The ledger's rows for these keys, by key."""
    if not keys:
        return {}
    with session_factory() as session:
        return select_ledger(session, keys)


def select_ledger(session: Session, keys: Sequence[LedgerKey]) -> dict[LedgerKey, InboxEntry]:
    columns = (
        col(InboxEntry.inbox),
        col(InboxEntry.path),
        col(InboxEntry.size_bytes),
        col(InboxEntry.version),
    )
    rows: dict[LedgerKey, InboxEntry] = {}
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        query = select(InboxEntry).where(tuple_(*columns).in_(chunk))
        rows.update((key_of(row), row) for row in session.exec(query))
    return rows


def record_entry(
    session_factory: SessionFactory,
    key: LedgerKey,
    result: EntryOutcome,
    now: datetime,
    path_bytes: bytes | None = None,
) -> None:
    """Write what ingesting the entry gave into the ledger (a new row, or the entry's row).
    The key's path is readable text (models.names); `path_bytes` the raw path if it differs."""
    with session_factory() as session, session.begin():
        row = select_ledger(session, [key]).get(key)
        if row is None:
            inbox, path, size_bytes, version = key
            row = InboxEntry(
                inbox=inbox,
                path=path,
                size_bytes=size_bytes,
                version=version,
                path_bytes=path_bytes,
                first_seen=now,
                last_seen=now,
                outcome=result.outcome.value,
            )
        row.outcome = result.outcome.value
        row.sha256 = result.sha256
        row.report_id = result.report_id
        row.findings = result.findings
        row.rejection_code = result.rejection_code
        row.message = storable_text(result.message) if result.message else result.message
        row.last_seen = now
        session.add(row)
