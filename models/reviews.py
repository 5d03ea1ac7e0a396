"""Auditors' reviews of findings: events by a finding's stable id, the latest its status.

A review is not a child of a report (no foreign key): a finding's id outlives the rows that
store it, so a review survives reparse, re-audit and supersession, and applies to the same
finding under the next rules version.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from checks.identity import NOT_REVIEWED
from models.tables import REVIEW_STATUSES, Finding, ReviewEvent


class UnknownFinding(LookupError):
    pass


@dataclass(frozen=True)
class Review:
    finding_id: str
    status: str
    note: str | None
    reviewed_by: str
    reviewed_at: datetime


def finding_exists(session: Session, finding_id: str) -> bool:
    statement = select(Finding.finding_id).where(Finding.finding_id == finding_id).limit(1)
    return session.exec(statement).first() is not None


def record_review(
    session: Session,
    finding_id: str,
    status: str,
    *,
    note: str | None,
    reviewed_by: str,
    now: datetime,
) -> Review:
    """Add a review event (the caller commits); UnknownFinding if no stored finding has the id."""
    if status not in REVIEW_STATUSES:
        raise ValueError(f"a review status is one of {', '.join(REVIEW_STATUSES)}")
    if not finding_exists(session, finding_id):
        raise UnknownFinding(finding_id)
    event = ReviewEvent(
        finding_id=finding_id, status=status, note=note, reviewed_by=reviewed_by, reviewed_at=now
    )
    session.add(event)
    session.flush()
    return as_review(event)


def review_history(session: Session, finding_id: str) -> list[Review]:
    """Every review of a finding, oldest first."""
    statement = (
        select(ReviewEvent)
        .where(ReviewEvent.finding_id == finding_id)
        .order_by(col(ReviewEvent.id))
    )
    return [as_review(event) for event in session.exec(statement).all()]


def latest_reviews(session: Session, finding_ids: Collection[str]) -> dict[str, Review]:
    """The current review of each of these findings that has one (the latest event)."""
    found: dict[str, Review] = {}
    wanted = sorted(set(finding_ids))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        latest = (
            select(func.max(ReviewEvent.id))
            .where(col(ReviewEvent.finding_id).in_(chunk))
            .group_by(col(ReviewEvent.finding_id))
        )
        events = session.exec(select(ReviewEvent).where(col(ReviewEvent.id).in_(latest))).all()
        found.update((event.finding_id, as_review(event)) for event in events)
    return found


CHUNK = 500  # ids per query: SQLite binds at most a few thousand parameters


def status_of(review: Review | None) -> str:
    return review.status if review else NOT_REVIEWED


def as_review(event: ReviewEvent) -> Review:
    return Review(event.finding_id, event.status, event.note, event.reviewed_by, event.reviewed_at)
