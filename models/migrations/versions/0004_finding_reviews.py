"""Auditors' reviews: each finding's stable id (checks.identity), and the review events that
attach to it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The value list and id length as they are at this revision.
REVIEW_STATUSES = ("confirmed", "dismissed", "explained")
ID_LENGTH = 16
KEEP_IDS = {"sqlite_autoincrement": True}

STORED_FINDINGS = sa.text(
    "SELECT f.report_id, f.rules_version, f.ordinal, f.rule, f.field, f.dimension, f.seq,"
    " s.sha256 FROM findings f JOIN reports r ON r.id = f.report_id"
    " JOIN source_files s ON s.id = r.source_file_id"
    " ORDER BY f.report_id, f.rules_version, f.ordinal"
)
SET_ID = sa.text(
    "UPDATE findings SET finding_id = :finding_id"
    " WHERE report_id = :report_id AND rules_version = :rules_version AND ordinal = :ordinal"
)


def finding_id(sha256: str, rule: str, field: str, dimension, seq, occurrence: int) -> str:
    """checks.identity.finding_id as it is at this revision (frozen here)."""
    text = f"{sha256}|{rule}|{field}|{dimension}|{seq}|{occurrence}"
    return hashlib.sha256(text.encode()).hexdigest()[:ID_LENGTH]


def fill_in_finding_ids() -> None:
    """Ids for the findings already stored: the key's occurrence counts within one report
    and rules version, in the stored (contract) order."""
    connection = op.get_bind()
    seen: Counter[tuple] = Counter()
    updates = []
    for row in connection.execute(STORED_FINDINGS):
        report_id, rules_version, ordinal, rule, field, dimension, seq, sha256 = row
        key = (report_id, rules_version, rule, field, dimension, seq)
        occurrence = seen[key]
        seen[key] += 1
        updates.append(
            {
                "finding_id": finding_id(sha256, rule, field, dimension, seq, occurrence),
                "report_id": report_id,
                "rules_version": rules_version,
                "ordinal": ordinal,
            }
        )
    if updates:
        connection.execute(SET_ID, updates)


def upgrade() -> None:
    with op.batch_alter_table("findings") as table:
        table.add_column(sa.Column("finding_id", sa.String(length=ID_LENGTH), nullable=True))
    fill_in_finding_ids()
    with op.batch_alter_table("findings") as table:
        table.alter_column("finding_id", existing_type=sa.String(length=ID_LENGTH), nullable=False)
        table.create_unique_constraint(
            op.f("uq_findings_finding_id_rules_version"), ["finding_id", "rules_version"]
        )
    allowed = ", ".join(repr(value) for value in REVIEW_STATUSES)
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.String(length=ID_LENGTH), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"status IS NULL OR status IN ({allowed})", name=op.f("ck_review_events_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_events")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_review_events_finding_id", "review_events", ["finding_id"])


def downgrade() -> None:
    op.drop_index("ix_review_events_finding_id", table_name="review_events")
    op.drop_table("review_events")
    with op.batch_alter_table("findings") as table:
        table.drop_constraint(op.f("uq_findings_finding_id_rules_version"), type_="unique")
        table.drop_column("finding_id")
