"""Reviews that follow the report: a review event may be carried over from the same finding of
the report a re-sent one superseded (`carried_from`, the earlier finding's id), and a finding
may be reopened (a review event with status `open`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The value list and id length as they are at this revision, and as they were before it.
REVIEW_STATUSES = ("confirmed", "dismissed", "explained", "open")
REVIEW_STATUSES_0007 = ("confirmed", "dismissed", "explained")
ID_LENGTH = 16
STATUS_CHECK = "ck_review_events_status"
# SQLite changes a CHECK by copying the table: the copy must keep ids never reused.
KEEP_IDS = {"sqlite_autoincrement": True}


def status_check(values: tuple[str, ...]) -> str:
    allowed = ", ".join(repr(value) for value in values)
    return f"status IS NULL OR status IN ({allowed})"


def upgrade() -> None:
    with op.batch_alter_table("review_events", table_kwargs=KEEP_IDS) as table:
        table.add_column(sa.Column("carried_from", sa.String(length=ID_LENGTH), nullable=True))
        table.drop_constraint(op.f(STATUS_CHECK), type_="check")
        table.create_check_constraint(op.f(STATUS_CHECK), status_check(REVIEW_STATUSES))


def downgrade() -> None:
    # Before this revision a finding could not be reopened: its reopenings go.
    op.execute("DELETE FROM review_events WHERE status = 'open'")
    with op.batch_alter_table("review_events", table_kwargs=KEEP_IDS) as table:
        table.drop_constraint(op.f(STATUS_CHECK), type_="check")
        table.create_check_constraint(op.f(STATUS_CHECK), status_check(REVIEW_STATUSES_0007))
        table.drop_column("carried_from")
