"""Auditors' reviews of findings: events by a finding's stable id, the latest its status.

A review is not a child of a report (no foreign key): a finding's id outlives the rows that
store it, so a review survives reparse, re-audit and supersession, and applies to the same
finding under the next rules version.

A re-sent report is another file, so its findings have other ids: when it supersedes the
report it re-sends, each of its findings that says the same as one of the earlier report's
(same rule, place and figures) takes that finding's latest review, as a new event marked as
carried over from it. A finding may be reopened: an event with status `open`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import insert
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, func, select

from checks.identity import NOT_REVIEWED
from models.tables import REVIEW_STATUSES, Finding, Report, ReviewEvent, table_of


class UnknownFinding(LookupError):
    pass


class NothingToReopen(ValueError):
    """Reopening a finding that nobody reviewed, or that is reopened already."""


@dataclass(frozen=True)
class Review:
    finding_id: str
    status: str
    note: str | None
    reviewed_by: str
    reviewed_at: datetime
    carried_from: str | None = None  # the earlier report's finding it was carried over from


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
    """Add a review event (the caller commits); UnknownFinding if no stored finding has the id.
    Status `open` reopens a reviewed finding (NothingToReopen if it is open already)."""
    if status not in REVIEW_STATUSES:
        raise ValueError(f"a review status is one of {', '.join(REVIEW_STATUSES)}")
    if not finding_exists(session, finding_id):
        raise UnknownFinding(finding_id)
    if status == NOT_REVIEWED and status_of(latest_review(session, finding_id)) == NOT_REVIEWED:
        raise NothingToReopen(finding_id)
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


def latest_review(session: Session, finding_id: str) -> Review | None:
    return latest_reviews(session, [finding_id]).get(finding_id)


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
    return Review(
        event.finding_id,
        event.status,
        event.note,
        event.reviewed_by,
        event.reviewed_at,
        event.carried_from,
    )


# Reviews that follow a re-sent report ---------------------------------------------------------

# What a finding says: two findings saying the same are one finding of two copies of a report.
SAYS = ("rule", "field", "dimension", "seq", "reported", "expected")
FIGURES = ("reported", "expected")  # JSON values (numbers, text, lists): compared as JSON text

Said = tuple[str, tuple[Any, ...]]  # a finding's id, and what it says


def carry_over_reviews(session: Session, earlier_report_id: int, later_report_id: int) -> int:
    """Give the findings of a report that superseded another the latest reviews of the earlier
    report's findings that say the same; returns how many were carried over.

    A finding that has any review of its own keeps it (a reparse carries nothing twice), and
    an earlier finding left open (or reopened) has nothing to give."""
    pairs = same_findings(
        what_report_says(session, earlier_report_id), what_report_says(session, later_report_id)
    )
    reviews = latest_reviews(session, [earlier for earlier, _ in pairs])
    reviewed = set(latest_reviews(session, [later for _, later in pairs]))
    events = [
        carried_event(reviews[earlier], later)
        for earlier, later in pairs
        if earlier in reviews and reviews[earlier].status != NOT_REVIEWED and later not in reviewed
    ]
    if events:  # one INSERT for all (Core: a report may have thousands of findings)
        session.exec(insert(table_of(ReviewEvent)), params=events)
    return len(events)


def what_report_says(session: Session, report_id: int) -> list[Said]:
    """What each finding of a report (under its rules version) says, in the contract's order.
    Plain rows, not objects: a report may have thousands of findings."""
    findings = table_of(Finding)
    rules_version = select(Report.rules_version).where(Report.id == report_id).scalar_subquery()
    statement = (
        sql_select(findings.c.finding_id, *(findings.c[name] for name in SAYS))
        .where(findings.c.report_id == report_id, findings.c.rules_version == rules_version)
        .order_by(findings.c.ordinal)
    )
    rows = session.connection().execute(statement)
    return [(finding_id, comparable(says)) for finding_id, *says in rows]


def comparable(says: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(
        canonical(value) if name in FIGURES else value
        for name, value in zip(SAYS, says, strict=True)
    )


def same_findings(earlier: Iterable[Said], later: Iterable[Said]) -> list[tuple[str, str]]:
    """(earlier id, later id) of the findings that say the same; of several that say the same
    in one report, the first is paired with the first, and so on."""
    waiting: defaultdict[tuple[Any, ...], list[str]] = defaultdict(list)
    for finding_id, says in earlier:
        waiting[says].append(finding_id)
    pairs = []
    for finding_id, says in later:
        match = waiting.get(says)
        if match:
            pairs.append((match.pop(0), finding_id))
    return pairs


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class ReviewEventRow(TypedDict):
    """A row of `review_events` as inserted (its id left to the database)."""

    finding_id: str
    status: str
    note: str | None
    reviewed_by: str
    reviewed_at: datetime
    carried_from: str | None


def carried_event(review: Review, finding_id: str) -> ReviewEventRow:
    """The earlier verdict, with who gave it and when, now on the re-sent report's finding."""
    return {
        "finding_id": finding_id,
        "status": review.status,
        "note": review.note,
        "reviewed_by": review.reviewed_by,
        "reviewed_at": review.reviewed_at,
        "carried_from": review.finding_id,
    }
