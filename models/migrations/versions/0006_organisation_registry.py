"""The registry of local administrative organisations, by code (`raingan organisations
import`): reports are matched to its entries by name, province and district.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The organisation types as they are at this revision.
ORG_TYPES = ("อบจ.", "อบต.", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "กรุงเทพมหานคร", "เมืองพัทยา")


def upgrade() -> None:
    allowed = ", ".join(repr(value) for value in ORG_TYPES)
    op.create_table(
        "organisation_registry",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("org_type", sa.String(length=32), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("province_key", sa.Text(), nullable=False),
        sa.Column("district_key", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"org_type IS NULL OR org_type IN ({allowed})",
            name=op.f("ck_organisation_registry_org_type"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_organisation_registry")),
    )
    op.create_index(
        "ix_organisation_registry_keys", "organisation_registry", ["name_key", "province_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_organisation_registry_keys", table_name="organisation_registry")
    op.drop_table("organisation_registry")
