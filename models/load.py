"""Writing to the database. Every function works inside the caller's transaction and never
commits: loading a report is all of it or nothing.

Concurrent writers (several workers on one PostgreSQL) are serialised where they could
collide: a source file's row and an organisation's row are created with INSERT … ON CONFLICT
DO NOTHING and then locked (SELECT … FOR UPDATE), so that two loads of the same file, or of
two reports of the same organisation, take turns. SQLite serialises writers anyway.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col, select

from checks.document import Finding as ContractFinding
from checks.document import ReportDocument as ContractDocument
from checks.evidence import EvidenceJson
from checks.identity import finding_ids
from models.name_match import NameReading, read_name
from models.names import storable_text
from models.reviews import carry_over_reviews
from models.rows import OrganisationKey, ReportRows, document_rows, numbered
from models.statuses import SourceStatus
from models.tables import (
    Finding,
    Organisation,
    ParseWarning,
    Report,
    ReportCheck,
    ReportDocument,
    SourceFile,
    stored_id,
    table_of,
)
from parsers.language.vocabulary import compact, org_type_of
from parsers.safety.rejection import RejectionCode

# INSERT … ON CONFLICT DO NOTHING is dialect-specific SQL; both dialects spell it alike.
DIALECT_INSERTS: dict[str, Callable[[Any], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


def utc_now() -> datetime:
    """Timestamps are stored as UTC without a time zone."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SourceInfo:
    """What is known of an original before it is parsed."""

    sha256: str
    original_name: str  # readable (models.names): valid UTF-8, no control characters
    origin: str  # readable too
    size_bytes: int
    origin_bytes: bytes | None = None  # the origin's raw bytes when the readable form differs


@dataclass(frozen=True)
class LoadResult:
    report_id: int
    current_id: int  # the current report of its organisation, fiscal year and round
    superseded_id: int | None  # the report this load made no longer current, if any
    reviews_carried: int = 0  # reviews of the superseded report's findings this one took


def insert_ignoring_conflict(
    session: Session, table: type[SQLModel], values: Mapping[str, object], keys: list[str]
) -> None:
    """INSERT unless a row with the same `keys` exists (then do nothing, no error)."""
    dialect = session.get_bind().dialect.name
    statement = DIALECT_INSERTS[dialect](table).values(**values)
    session.exec(statement.on_conflict_do_nothing(index_elements=keys))


# Source files -----------------------------------------------------------------------------


def find_source_file(session: Session, sha256: str) -> SourceFile | None:
    return session.exec(select(SourceFile).where(SourceFile.sha256 == sha256)).first()


def claim_source_file(session: Session, info: SourceInfo, now: datetime) -> SourceFile:
    """The source file's row, created as `failed` if new, locked until the transaction ends.

    A new row says `failed` until the load that created it succeeds: the same transaction sets
    the final status, and if it rolls back the row does not exist at all.
    """
    values = {
        "sha256": info.sha256,
        "original_name": info.original_name,
        "origin": info.origin,
        "origin_bytes": info.origin_bytes,
        "size_bytes": info.size_bytes,
        "first_seen": now,
        "last_seen": now,
        "status": SourceStatus.FAILED.value,
    }
    insert_ignoring_conflict(session, SourceFile, values, ["sha256"])
    statement = (
        select(SourceFile)
        .where(SourceFile.sha256 == info.sha256)
        .with_for_update()
        .execution_options(populate_existing=True)  # a row read earlier may be stale
    )
    source = session.exec(statement).one()
    source.last_seen = max(source.last_seen, now)
    return source


def mark_seen(session: Session, sha256: str, now: datetime) -> None:
    session.exec(
        update(SourceFile)
        .where(col(SourceFile.sha256) == sha256, col(SourceFile.last_seen) < now)
        .values(last_seen=now)
    )


def mark_rejected(
    session: Session, source: SourceFile, code: RejectionCode, reason: str, parser_version: str
) -> None:
    """Record a rejection; a report the file had (under an older parser) goes."""
    old = report_of(session, source)
    if old is not None:
        lock_organisations(session, [old.organisation_id])
        remove_report(session, old)
    source.status, source.rejection_code = SourceStatus.REJECTED.value, code.value
    source.rejection_reason = storable_text(reason)
    source.failure, source.parser_version, source.pages = None, parser_version, None
    session.flush()


def mark_failed(session: Session, source: SourceFile, failure: str, parser_version: str) -> None:
    """Record an internal error; a report loaded earlier stays, to be replaced on retry."""
    source.status, source.failure = SourceStatus.FAILED.value, storable_text(failure)
    source.parser_version = parser_version
    source.rejection_code = source.rejection_reason = None
    session.flush()


# Organisations ----------------------------------------------------------------------------


def organisation_id(session: Session, key: OrganisationKey) -> int:
    """The organisation's id, the organisation created if new."""
    name_key, province_key = compact(key.name or ""), compact(key.province or "")
    values = {
        "name": key.name,
        "org_type": org_type_of(key.name),
        "district": key.district,
        "province": key.province,
        "name_key": name_key,
        "province_key": province_key,
    }
    insert_ignoring_conflict(session, Organisation, values, ["name_key", "province_key"])
    statement = select(Organisation.id).where(
        Organisation.name_key == name_key, Organisation.province_key == province_key
    )
    return stored_id(session.exec(statement).one())


def organisation_id_of(session: Session, key: OrganisationKey | None) -> int | None:
    return organisation_id(session, key) if key is not None else None


def note_name_reading(rows: ReportRows, reading: NameReading) -> None:
    """The report keeps its name as read, whether it was read from an image, the name it was
    taken as, and (among its warnings) what was made of it."""
    rows.report["organisation_name_from_image"] = reading.from_image
    rows.report["organisation_name_matched"] = reading.matched.name if reading.matched else None
    warning = reading.warning()
    if warning is not None:
        warnings = rows.children[ParseWarning]
        warnings += numbered(ParseWarning, [warning], "warnings")
        warnings[-1]["ordinal"] = len(warnings) - 1


def lock_organisations(session: Session, ids: Iterable[int | None]) -> None:
    """Lock organisation rows until the transaction ends, in id order (one order for
    everyone: no deadlock). This serialises loads of one organisation's reports, so that
    deciding which report is current sees every report already committed."""
    wanted = sorted({i for i in ids if i is not None})
    if wanted:
        statement = select(Organisation.id).where(col(Organisation.id).in_(wanted))
        session.exec(statement.order_by(col(Organisation.id)).with_for_update()).all()


def fill_in_district(session: Session, org_id: int, district: str | None) -> None:
    """An organisation first seen without its district gets it from a later report."""
    if district:
        session.exec(
            update(Organisation)
            .where(col(Organisation.id) == org_id, col(Organisation.district).is_(None))
            .values(district=district)
        )


# Reports ----------------------------------------------------------------------------------


def report_of(session: Session, source: SourceFile) -> Report | None:
    statement = select(Report).where(Report.source_file_id == source.id)
    return session.exec(statement).first()


def load_report(
    session: Session,
    source: SourceFile,
    document: ContractDocument,
    evidence: EvidenceJson,
    *,
    parser_version: str,
    rules_version: str,
    now: datetime,
) -> LoadResult:
    """Store a parsed document for `source` (claimed in this transaction) and mark it loaded.

    A report the file had under an older parser is replaced. Of the reports of one
    organisation, fiscal year and round, the latest by data-as-of date (then memo date, then
    first seen; of renderings of one content, the highest hash) is current, whatever order
    they arrive in. A report that supersedes another takes the reviews of the earlier
    report's findings that say the same as its own (`models.reviews.carry_over_reviews`).
    """
    rows = document_rows(document)  # before any write: a document that does not fit fails here
    if document["source"]["sha256"] != source.sha256:
        raise ValueError("the document was parsed from another file than the one loaded")
    old = report_of(session, source)
    organisation = rows.organisation
    # A name read from an image, even one too doubtful to give, may be taken as a known one.
    reading = read_name(session, organisation, document, evidence)
    if reading is not None:
        note_name_reading(rows, reading)
        organisation = reading.organisation()
    org_id = organisation_id_of(session, organisation)
    lock_organisations(session, [org_id, old.organisation_id if old else None])
    if old is not None:
        remove_report(session, old)
    if org_id is not None and organisation is not None:
        fill_in_district(session, org_id, organisation.district)
    report = insert_report(session, source, rows, org_id, parser_version, rules_version, now)
    report_id = stored_id(report.id)
    insert_children(session, report_id, rows, document, evidence, rules_version, now)
    current_id, superseded_id = settle_new_report(session, report)
    carried = 0
    if superseded_id is not None and current_id == report_id:  # a re-sent report
        carried = carry_over_reviews(session, superseded_id, report_id)
    source.status, source.parser_version = SourceStatus.LOADED.value, parser_version
    # The name the report was parsed under (a file that failed as `a.pdf` may load as `b.pdf`).
    source.original_name = document["source"]["file"]
    source.pages = document["source"].get("pages")
    source.rejection_code = source.rejection_reason = source.failure = None
    session.flush()
    return LoadResult(report_id, current_id, superseded_id, carried)


def insert_report(
    session: Session,
    source: SourceFile,
    rows: ReportRows,
    org_id: int | None,
    parser_version: str,
    rules_version: str,
    now: datetime,
) -> Report:
    group = (org_id, rows.report["fiscal_year"], rows.report["round_months"])
    current = current_of_group(session, *group)
    report = Report(
        **rows.report,
        source_file_id=stored_id(source.id),
        organisation_id=org_id,
        parser_version=parser_version,
        rules_version=rules_version,
        loaded_at=now,
        # Enters its group as superseded, so that the group never has two current reports;
        # `settle_new_report` then decides.
        superseded_by_id=current,
    )
    session.add(report)
    session.flush()
    return report


def insert_children(
    session: Session,
    report_id: int,
    rows: ReportRows,
    document: ContractDocument,
    evidence: EvidenceJson,
    rules_version: str,
    now: datetime,
) -> None:
    document_row = {"report_id": report_id, "document": document, "evidence": evidence}
    insert_rows(session, ReportDocument, [document_row])
    for table, table_rows in rows.children.items():
        insert_rows(session, table, [{"report_id": report_id, **row} for row in table_rows])
    sha256 = document["source"]["sha256"]
    write_findings(
        session, report_id, sha256, document["findings"], rows.findings, rules_version, now
    )


def insert_rows(
    session: Session, table: type[SQLModel], rows: Sequence[Mapping[str, object]]
) -> None:
    """One INSERT for many rows (Core: these rows never become objects in the session)."""
    if rows:
        session.exec(insert(table_of(table)), params=rows)


def write_findings(
    session: Session,
    report_id: int,
    sha256: str,
    findings: list[ContractFinding],
    rows: list[dict[str, object]],
    rules_version: str,
    now: datetime,
) -> None:
    """Store `findings` (in the contract's order; `rows`, the same as table rows) each under
    its stable id."""
    check = {"report_id": report_id, "rules_version": rules_version, "checked_at": now}
    insert_rows(session, ReportCheck, [check])
    ids = finding_ids(sha256, findings)
    insert_rows(
        session,
        Finding,
        [
            {"report_id": report_id, "rules_version": rules_version, "finding_id": i, **f}
            for i, f in zip(ids, rows, strict=True)
        ],
    )


def store_findings(
    session: Session,
    report_id: int,
    findings: list[ContractFinding],
    rules_version: str,
    now: datetime | None = None,
) -> None:
    """Store the findings of a new rules version beside the older ones, and make them the
    report's findings (what `read_document` gives by default). Storing a version again
    replaces that version's findings."""
    for model in (Finding, ReportCheck):  # the same version stored again replaces it
        rows = table_of(model)
        session.exec(
            rows.delete().where(
                rows.c.report_id == report_id, rows.c.rules_version == rules_version
            )
        )
    write_findings(
        session,
        report_id,
        sha256_of_report(session, report_id),
        findings,
        numbered(Finding, findings, "findings"),
        rules_version,
        now or utc_now(),
    )
    session.exec(
        update(Report).where(col(Report.id) == report_id).values(rules_version=rules_version)
    )


def sha256_of_report(session: Session, report_id: int) -> str:
    statement = (
        select(SourceFile.sha256)
        .join(Report, col(Report.source_file_id) == SourceFile.id)
        .where(Report.id == report_id)
    )
    return session.exec(statement).one()


def remove_report(session: Session, report: Report) -> int | None:
    """Delete a report and (ON DELETE CASCADE) all of its rows; its group gets a new current
    report, returned."""
    current = settle_group(session, group_of(report), leaving=report.id)
    session.exec(delete(Report).where(col(Report.id) == report.id))
    session.expunge(report)
    return current


# Supersession -----------------------------------------------------------------------------

Group = tuple[int | None, int | None, int | None]


def group_of(report: Report) -> Group:
    return (report.organisation_id, report.fiscal_year, report.round_months)


def in_group(group: Group) -> list[ColumnElement[bool]]:
    """The conditions that select a group's reports (none: a report without an organisation,
    fiscal year or round is in no group)."""
    if None in group:
        return []
    org_id, fiscal_year, round_months = group
    return [
        col(Report.organisation_id) == org_id,
        col(Report.fiscal_year) == fiscal_year,
        col(Report.round_months) == round_months,
    ]


def current_of_group(
    session: Session, org_id: int | None, fiscal_year: int | None, round_months: int | None
) -> int | None:
    conditions = in_group((org_id, fiscal_year, round_months))
    if not conditions:
        return None
    statement = select(Report.id).where(*conditions, col(Report.superseded_by_id).is_(None))
    return session.exec(statement).one_or_none()


def settle_new_report(session: Session, report: Report) -> tuple[int, int | None]:
    """Decide which report of the new report's group is current.

    Returns the current report and the one that stopped being current (the previous
    current report, or the new one itself when a later report is already loaded)."""
    report_id = stored_id(report.id)
    previous = report.superseded_by_id  # the group's current report before this one came
    current = settle_group(session, group_of(report)) or report_id
    if previous is None:
        return current, None
    return current, (previous if current == report_id else report_id)


def settle_group(session: Session, group: Group, leaving: int | None = None) -> int | None:
    """Make the latest report of `group` (leaving out `leaving`) current; every other report
    of the group points to it. Returns it (None when the group has no other report).

    Two statements, so that the group never has two current reports: everyone else points to
    the winner first, then the winner is cleared.
    """
    conditions = in_group(group)
    if not conditions:
        return None
    statement = (
        select(Report, SourceFile)
        .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        .where(*conditions)
    )
    members = [member for member in session.exec(statement).all() if member[0].id != leaving]
    if not members:
        return None
    winner = stored_id(max(members, key=recency_among(session, members))[0].id)
    session.exec(
        update(Report)
        .where(*conditions, col(Report.id) != winner)
        .values(superseded_by_id=winner)
        .execution_options(synchronize_session=False)
    )
    session.exec(
        update(Report)
        .where(col(Report.id) == winner)
        .values(superseded_by_id=None)
        .execution_options(synchronize_session=False)
    )
    expire_reports(session)
    return winner


def expire_reports(session: Session) -> None:
    """Report objects in the session may hold a stale `superseded_by_id` after an UPDATE."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Report):
            session.expire(obj)


# What a document says of how its file was made, not of what it reports: two renderings of one
# report (ReportLab, Chromium, LibreOffice, a scan) differ only there.
RENDERING_ONLY = ("source", "parse_warnings")

Member = tuple[Report, SourceFile]


def recency_among(
    session: Session, members: list[Member]
) -> Callable[[Member], tuple[date, date, datetime, str, str]]:
    """The order of a group's reports: later data-as-of date, then later memo date, then the
    content seen later. Renderings of one content (documents equal but for how their files
    were made) count as seen when the first of them was, and the highest hash among them wins:
    the same one whatever order they were loaded in (the nightly run and `raingan ingest`
    loaded them in different orders, and disagreed on which was current)."""
    contents = content_keys(session, [stored_id(report.id) for report, _ in members])

    def content_of(member: Member) -> str:
        report, source = member
        return contents.get(stored_id(report.id), source.sha256)

    first_seen: dict[str, datetime] = {}
    for member in members:
        content, seen = content_of(member), member[1].first_seen
        first_seen[content] = min(first_seen.get(content, seen), seen)

    def recency(member: Member) -> tuple[date, date, datetime, str, str]:
        report, source = member
        content = content_of(member)
        return (
            report.data_as_of or date.min,
            report.memo_date or date.min,
            first_seen[content],
            content,
            source.sha256,
        )

    return recency


def content_keys(session: Session, report_ids: list[int]) -> dict[int, str]:
    """A hash of what each report's document says, leaving out how its file was made; none
    for a group of one (nothing to order)."""
    if len(report_ids) < 2:
        return {}
    statement = select(ReportDocument).where(col(ReportDocument.report_id).in_(report_ids))
    return {row.report_id: content_key(row.document) for row in session.exec(statement)}


def content_key(document: Mapping[str, object]) -> str:
    content = {key: value for key, value in document.items() if key not in RENDERING_ONLY}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
