"""The statuses the database stores, declared once: `models.tables` builds its CHECK lists from
them, and the pipeline and the flows compare with them (never with bare strings)."""

from __future__ import annotations

from enum import StrEnum


class SourceStatus(StrEnum):
    """What became of an original file (`source_files.status`)."""

    LOADED = "loaded"
    REJECTED = "rejected"
    FAILED = "failed"  # an internal error or a database fault: tried again


class IngestStatus(StrEnum):
    """What one ingest of a file gave, as an inbox's ledger records it (`inbox_entries.outcome`):
    a source status, `unchanged` when the same content was done before, or `skipped` when the
    entry was never read (a symbolic link, a FIFO, a device: the message says which)."""

    LOADED = "loaded"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    FAILED = "failed"
    SKIPPED = "skipped"
