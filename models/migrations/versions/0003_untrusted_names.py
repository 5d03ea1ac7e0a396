"""An untrusted inbox: the raw bytes of names that are not plain UTF-8, and `skipped` entries
(symbolic links, FIFOs, devices) in the inbox ledger.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The value lists as they are at this revision, and as they were before it.
INBOX_OUTCOMES = ("loaded", "unchanged", "rejected", "failed", "skipped")
INBOX_OUTCOMES_0002 = ("loaded", "unchanged", "rejected", "failed")
OUTCOME_CHECK = "ck_inbox_entries_outcome"
# SQLite changes a CHECK by copying the table: the copy must keep ids never reused.
KEEP_IDS = {"sqlite_autoincrement": True}


def outcome_check(values: tuple[str, ...]) -> str:
    allowed = ", ".join(repr(value) for value in values)
    return f"outcome IS NULL OR outcome IN ({allowed})"


def upgrade() -> None:
    with op.batch_alter_table("source_files", table_kwargs=KEEP_IDS) as table:
        table.add_column(sa.Column("origin_bytes", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("inbox_entries", table_kwargs=KEEP_IDS) as table:
        table.add_column(sa.Column("path_bytes", sa.LargeBinary(), nullable=True))
        table.drop_constraint(op.f(OUTCOME_CHECK), type_="check")
        table.create_check_constraint(op.f(OUTCOME_CHECK), outcome_check(INBOX_OUTCOMES))


def downgrade() -> None:
    op.execute("DELETE FROM inbox_entries WHERE outcome = 'skipped'")
    with op.batch_alter_table("inbox_entries", table_kwargs=KEEP_IDS) as table:
        table.drop_constraint(op.f(OUTCOME_CHECK), type_="check")
        table.create_check_constraint(op.f(OUTCOME_CHECK), outcome_check(INBOX_OUTCOMES_0002))
        table.drop_column("path_bytes")
    with op.batch_alter_table("source_files", table_kwargs=KEEP_IDS) as table:
        table.drop_column("origin_bytes")
