"""Organisation names read from images: a report keeps the name as read (`organisation_name`),
whether it was read from a page's image, and the known name it was taken as (a name within a
letter or two of exactly one name raingan holds from text layers, or of the registry).

Reports loaded before keep their organisation; whether their name was read from an image is
worked out from their stored warnings and evidence, as `models.name_match` does at this
revision (frozen here).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# `ocr: page N read from its image (…)`, the contract's warning for a page read by OCR.
OCR_PAGE_LIKE = "ocr: page % read from its image%"
OCR_PAGES = sa.text(
    "SELECT w.report_id, w.page FROM parse_warnings AS w"
    " JOIN reports AS r ON r.id = w.report_id"
    " WHERE w.message LIKE :like AND w.page IS NOT NULL AND r.organisation_name IS NOT NULL"
)
DOCUMENTS = sa.table("report_documents", sa.column("report_id"), sa.column("evidence", sa.JSON))
SET_FROM_IMAGE = sa.text("UPDATE reports SET organisation_name_from_image = true WHERE id = :id")


class StoredEvidence(TypedDict, total=False):
    """The keys of the stored evidence (`checks.evidence.EvidenceJson` at this revision) read
    here: a page and a box's four coordinates per place, the pages of each section."""

    boxes: dict[str, list[list[float]]]
    section_pages: dict[str, list[int]]


def name_read_from_image(ocr_pages: set[int], evidence: StoredEvidence) -> bool:
    """models.name_match.name_read_from_image as it is at this revision: the page the name was
    read on is one read from its image; where that page is unknown, any page but the memo."""
    boxes = (evidence.get("boxes") or {}).get("report.organization") or []
    if boxes:
        return bool({int(box[0]) for box in boxes} & ocr_pages)
    memo = set((evidence.get("section_pages") or {}).get("memo") or [])
    return bool(ocr_pages - memo)


def mark_names_read_from_images() -> None:
    connection = op.get_bind()
    pages: dict[int, set[int]] = {}
    for report_id, page in connection.execute(OCR_PAGES, {"like": OCR_PAGE_LIKE}).all():
        pages.setdefault(report_id, set()).add(int(page))
    if not pages:
        return
    statement = sa.select(DOCUMENTS.c.report_id, DOCUMENTS.c.evidence).where(
        DOCUMENTS.c.report_id.in_(sorted(pages))
    )
    marked = [
        {"id": report_id}
        for report_id, evidence in connection.execute(statement).all()
        if name_read_from_image(pages[report_id], evidence or StoredEvidence())
    ]
    if marked:
        connection.execute(SET_FROM_IMAGE, marked)


def upgrade() -> None:
    op.add_column(
        "reports",
        sa.Column(
            "organisation_name_from_image",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    op.add_column("reports", sa.Column("organisation_name_matched", sa.Text(), nullable=True))
    mark_names_read_from_images()


def downgrade() -> None:
    op.drop_column("reports", "organisation_name_matched")
    op.drop_column("reports", "organisation_name_from_image")
