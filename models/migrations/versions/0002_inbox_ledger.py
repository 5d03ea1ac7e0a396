"""The inbox ledger: which files of an inbox the nightly flow has seen, and what they gave.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The value list as it is at this revision.
INBOX_OUTCOMES = ("loaded", "unchanged", "rejected", "failed")


def upgrade() -> None:
    allowed = ", ".join(repr(value) for value in INBOX_OUTCOMES)
    op.create_table(
        "inbox_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbox", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("rejection_code", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"outcome IS NULL OR outcome IN ({allowed})", name=op.f("ck_inbox_entries_outcome")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_entries")),
        sa.UniqueConstraint(
            "inbox",
            "path",
            "size_bytes",
            "version",
            name=op.f("uq_inbox_entries_inbox_path_size_bytes_version"),
        ),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("inbox_entries")
