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
from models.load import insert_ignoring_conflict
from models.names import storable_text
from models.statuses import IngestStatus
from models.tables import InboxEntry

LedgerKey = tuple[str, str, int, str]  # inbox, path, size in bytes, version
KEYS_PER_QUERY = 200  # keeps each IN list small
KEY_COLUMNS = ("inbox", "path", "size_bytes", "version")


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


def select_ledger(
    session: Session, keys: Sequence[LedgerKey], lock: bool = False
) -> dict[LedgerKey, InboxEntry]:
    columns = [col(getattr(InboxEntry, name)) for name in KEY_COLUMNS]
    rows: dict[LedgerKey, InboxEntry] = {}
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        query = select(InboxEntry).where(tuple_(*columns).in_(chunk))
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
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
    inbox, path, size_bytes, version = key
    new_row = {
        "inbox": inbox,
        "path": path,
        "size_bytes": size_bytes,
        "version": version,
        "path_bytes": path_bytes,
        "first_seen": now,
        "last_seen": now,
        "outcome": result.outcome.value,
        "findings": 0,
    }
    with session_factory() as session, session.begin():
        # Created unless there (two writers of one key never clash), then locked and updated.
        insert_ignoring_conflict(session, InboxEntry, new_row, list(KEY_COLUMNS))
        row = select_ledger(session, [key], lock=True)[key]
        row.outcome = result.outcome.value
        row.sha256 = result.sha256
        row.report_id = result.report_id
        row.findings = result.findings
        row.rejection_code = result.rejection_code
        row.message = storable_text(result.message) if result.message else result.message
        row.last_seen = now
        session.add(row)
