"""Users of `raingan web`: a name, a role (viewer, auditor, admin), an argon2 password hash
(none for users a reverse proxy signs in), and whether they are disabled.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The value list and name length as they are at this revision.
USER_ROLES = ("viewer", "auditor", "admin")
USER_NAME_LENGTH = 64


def upgrade() -> None:
    allowed = ", ".join(repr(value) for value in USER_ROLES)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=USER_NAME_LENGTH), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(f"role IS NULL OR role IN ({allowed})", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("users")
