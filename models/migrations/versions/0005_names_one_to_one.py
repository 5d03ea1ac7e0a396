"""Names that cannot collide: the readable form of a name (models.names) escapes the backslash
and writes C1 control characters `\\uNNNN`, so that it is one-to-one with the name's bytes; the
inbox ledger's rows are re-keyed to it.

Before, the text `c-\\xff.pdf` and a name holding the byte 0xFF read the same, and with equal
size and mtime the second was never ingested. A row's raw name is its `path_bytes`, else its
`path` (then plain UTF-8); its new readable path and `path_bytes` follow from it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

ENTRIES = sa.text("SELECT id, inbox, path, path_bytes, size_bytes, version FROM inbox_entries")
SET_PATH = sa.text("UPDATE inbox_entries SET path = :path, path_bytes = :path_bytes WHERE id = :id")
DELETE_ENTRY = sa.text("DELETE FROM inbox_entries WHERE id = :id")


def raw_name(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def readable_0005(name: str) -> str:
    """models.names.readable_name as it is at this revision (frozen here)."""

    def escaped(character: str) -> str:
        code = ord(character)
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        if character == "\\":
            return "\\\\"
        if unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS:
            return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
        return character

    return "".join(escaped(character) for character in name)


def readable_0004(name: str) -> str:
    """models.names.readable_name as it was before this revision (frozen here)."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def escaped(character: str) -> str:
        if unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS:
            code = ord(character)
            return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        return character

    return "".join(escaped(character) for character in text)


def re_key(readable: Callable[[str], str]) -> None:
    """Every ledger row's path written anew by `readable`, its raw bytes kept beside when they
    differ. A key taken already (only going back: the old form collides) loses its later row,
    which the next run reads again."""
    connection = op.get_bind()
    moves, taken = [], set()
    for row in connection.execute(ENTRIES).all():
        raw = bytes(row.path_bytes) if row.path_bytes is not None else row.path.encode("utf-8")
        name = raw_name(raw)
        path = readable(name)
        if path == row.path:
            taken.add((row.inbox, path, row.size_bytes, row.version))
        else:
            moves.append((row, path, None if path == name else raw))
    updates, deletions = [], []
    for row, path, path_bytes in moves:
        key = (row.inbox, path, row.size_bytes, row.version)
        if key in taken:
            deletions.append({"id": row.id})
        else:
            taken.add(key)
            updates.append({"id": row.id, "path": path, "path_bytes": path_bytes})
    if deletions:
        connection.execute(DELETE_ENTRY, deletions)
    if updates:  # through a name no file has, so that two moving rows never clash half-way
        parked = [{**update, "path": f"//re-keying/{update['id']}"} for update in updates]
        connection.execute(SET_PATH, parked)
        connection.execute(SET_PATH, updates)


def upgrade() -> None:
    re_key(readable_0005)


def downgrade() -> None:
    re_key(readable_0004)
