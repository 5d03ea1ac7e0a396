"""Reading reports back: the contract document rebuilt from the typed tables, and what the
audit flow needs to re-run the checks."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypedDict

from sqlmodel import Session, SQLModel, case, col, func, or_, select

from checks import Evidence, document
from checks.document import MEMO_KEYS
from checks.evidence import EvidenceJson
from models.reviews import Review, latest_reviews, status_of
from models.rows import LISTED, SINGLE, contract_row, from_column, listed_section
from models.statuses import SourceStatus
from models.tables import (
    Finding,
    InboxEntry,
    Organisation,
    ParseWarning,
    Problem,
    Project,
    Report,
    ReportCheck,
    ReportDocument,
    Signatory,
    SourceFile,
    stored_id,
    table_of,
)
from parsers.safety.rejection import RejectionCode
from parsers.sections.document_shape import total_key
from parsers.sections.typed_document import finding as typed_finding
from parsers.sections.typed_document import typed_document

NOT_PDF = RejectionCode.NOT_PDF.value  # a file no parser reads: `reparse` leaves it alone


class ReportNotFound(LookupError):
    pass


def children_of(session: Session, model: type[SQLModel], report_id: int) -> list[Any]:
    columns = table_of(model).c
    statement = select(model).where(columns.report_id == report_id)
    if "ordinal" in columns:
        statement = statement.order_by(columns.ordinal)
    return list(session.exec(statement).all())


def read_document(
    session: Session, report_id: int, *, rules_version: str | None = None
) -> document.ReportDocument:
    """The contract document of a stored report, from the typed tables: read by column name,
    then typed as the parser types its own (parsers.sections.typed_document).

    Its findings are those of `rules_version`, by default the report's latest (the findings
    it was parsed with until `store_findings` adds a newer set).
    """
    report = session.get(Report, report_id)
    if report is None:
        raise ReportNotFound(f"no report {report_id}")
    source = session.get_one(SourceFile, report.source_file_id)
    draft: dict[str, object] = {
        "schema_version": report.schema_version,
        "source": {"file": source.original_name, "sha256": source.sha256, "pages": source.pages},
        "memo": memo_of(session, report_id, report),
        "report": report_section(report),
    }
    for key, table in LISTED.items():
        rows, total = listed_section(table, children_of(session, table, report_id))
        draft[key], draft[total_key(key)] = rows, total
    for key, table in SINGLE.items():
        row = session.get(table, report_id)
        draft[key] = contract_row(table, row) if row is not None else None
    draft["projects"] = [
        contract_row(Project, row) for row in children_of(session, Project, report_id)
    ]
    draft["problems"] = [row.text for row in children_of(session, Problem, report_id)]
    draft["parse_warnings"] = [
        contract_row(ParseWarning, row) for row in children_of(session, ParseWarning, report_id)
    ]
    draft["findings"] = findings_of(session, report_id, rules_version or report.rules_version)
    return typed_document(draft)


def memo_of(session: Session, report_id: int, report: Report) -> dict[str, object] | None:
    if not report.has_memo:
        return None
    column = table_of(Report).c
    memo: dict[str, object] = {
        key: from_column(column[f"memo_{key}"], getattr(report, f"memo_{key}")) for key in MEMO_KEYS
    }
    memo["signatories"] = [
        contract_row(Signatory, row) for row in children_of(session, Signatory, report_id)
    ]
    return memo


def shown_name(report: Report, organisation: Organisation | None) -> str | None:
    """The organisation's name as listings show it: the organisation's own where a reading
    from an image was taken as it (models.name_match), else the name as printed. The stored
    document keeps the name as read (null where it was too doubtful to give)."""
    if report.organisation_name_matched is not None and organisation is not None:
        return organisation.name
    return report.organisation_name


def organisation_of(session: Session, report: Report) -> Organisation | None:
    if report.organisation_id is None:
        return None
    return session.get(Organisation, report.organisation_id)


def shown_name_column() -> Any:
    """shown_name as SQL, to list, sort and group by (Organisation joined)."""
    return case(
        (col(Report.organisation_name_matched).is_not(None), col(Organisation.name)),
        else_=col(Report.organisation_name),
    )


def report_section(report: Report) -> document.Report:
    reporter: document.Person | None = None
    if report.has_reporter:
        reporter = {"name": report.reporter_name, "position": report.reporter_position}
    return {
        "organization": report.organisation_name,
        "fiscal_year": report.fiscal_year,
        "round_months": report.round_months,
        "data_as_of": report.data_as_of.isoformat() if report.data_as_of else None,
        "reporter": reporter,
        "district": report.district,
        "province": report.province,
    }


def findings_of(session: Session, report_id: int, rules_version: str) -> list[document.Finding]:
    statement = (
        select(Finding)
        .where(Finding.report_id == report_id, Finding.rules_version == rules_version)
        .order_by(col(Finding.ordinal))
    )
    return [typed_finding(contract_row(Finding, row)) for row in session.exec(statement).all()]


def read_stored_json(
    session: Session, report_id: int
) -> tuple[document.ReportDocument, EvidenceJson]:
    """The document exactly as it was loaded, and the parser's evidence, as stored JSON (the
    JSON boundary: what `load_report` stored was a typed document, written whole)."""
    row = session.get(ReportDocument, report_id)
    if row is None:
        raise ReportNotFound(f"no report {report_id}")
    return row.document, row.evidence


def read_for_checks(session: Session, report_id: int) -> tuple[document.ReportDocument, Evidence]:
    """What `checks.find_inconsistencies` needs to check a stored report again."""
    _, evidence = read_stored_json(session, report_id)
    return read_document(session, report_id), Evidence.from_dict(evidence)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    original_name: str
    origin: str
    size_bytes: int
    status: str
    parser_version: str | None


def stored_files(
    session: Session,
    *,
    parser_version: str | None = None,
    organisation: str | None = None,
    fiscal_year: int | None = None,
) -> list[StoredFile]:
    """Source files, all or those parsed by `parser_version`, or whose report is of an
    organisation (a part of its name, white space ignored) or fiscal year. Files rejected as
    not PDFs are left out: no parser reads them, so parsing them again tells nothing."""
    statement = (
        select(SourceFile)
        .where(or_(col(SourceFile.rejection_code).is_(None), SourceFile.rejection_code != NOT_PDF))
        .order_by(col(SourceFile.id))
    )
    if parser_version is not None:
        statement = statement.where(SourceFile.parser_version == parser_version)
    if organisation is not None or fiscal_year is not None:
        statement = statement.join(Report, col(Report.source_file_id) == SourceFile.id)
    if organisation is not None:
        name_part = "".join(organisation.split())
        statement = statement.join(Organisation, col(Organisation.id) == Report.organisation_id)
        statement = statement.where(col(Organisation.name_key).contains(name_part, autoescape=True))
    if fiscal_year is not None:
        statement = statement.where(Report.fiscal_year == fiscal_year)
    return [
        StoredFile(
            row.sha256,
            row.original_name,
            row.origin,
            row.size_bytes,
            row.status,
            row.parser_version,
        )
        for row in session.exec(statement).all()
    ]


@dataclass(frozen=True)
class ReportFindings:
    """A report's identity and how many findings each rule gave it (under its rules version)."""

    report_id: int
    organisation: str | None
    fiscal_year: int | None
    round_months: int | None
    by_rule: dict[str, int]


def findings_by_rule(session: Session, report_ids: Collection[int]) -> list[ReportFindings]:
    """For each of these reports that is current (not superseded by a later one): its
    identity and its findings counted by rule. What a nightly run says it flagged is what its
    HTML report and `raingan findings` show: current reports only."""
    reports = session.exec(
        select(Report).where(col(Report.id).in_(report_ids), col(Report.superseded_by_id).is_(None))
    ).all()
    counts = session.exec(
        select(Finding.report_id, Finding.rule, func.count())
        .join(
            Report,
            (col(Report.id) == Finding.report_id)
            & (col(Report.rules_version) == Finding.rules_version),
        )
        .where(col(Finding.report_id).in_(report_ids))
        .group_by(col(Finding.report_id), col(Finding.rule))
    ).all()
    by_report: dict[int, dict[str, int]] = {}
    for report_id, rule, count in counts:
        by_report.setdefault(report_id, {})[rule] = count
    return [
        ReportFindings(
            stored_id(report.id),
            shown_name(report, organisation_of(session, report)),
            report.fiscal_year,
            report.round_months,
            by_report.get(stored_id(report.id), {}),
        )
        for report in reports
    ]


@dataclass(frozen=True)
class FindingSelection:
    """Which stored findings to read: parts of names match with white space ignored; None
    selects everything. By default each report's latest rules version, current reports only."""

    organisation: str | None = None
    org_types: tuple[str, ...] | None = None
    province: str | None = None
    fiscal_year: int | None = None
    round_months: int | None = None
    rule: str | None = None
    severity: str | None = None
    review_status: str | None = None
    rules_version: str | None = None
    include_superseded: bool = False
    sha256_prefix: str | None = None
    loaded_since: datetime | None = None  # UTC, as stored


class FindingRow(TypedDict):
    """A stored finding as `raingan findings` lists and exports it: its report's identity,
    the finding, and its latest review. The keys, in this order, are the exports' columns."""

    id: str
    organization: str | None
    province: str | None
    org_type: str | None
    fiscal_year: int | None
    round_months: int | None
    data_as_of: date | None
    rule: str
    severity: str
    field: str
    dimension: int | None
    seq: int | None
    reported: document.FigureValue
    expected: document.FigureValue
    pages: list[int]
    message: str
    source_file: str
    sha256: str
    rules_version: str
    superseded: bool
    review_status: str
    review_note: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None


def finding_rows(session: Session, selection: FindingSelection) -> list[FindingRow]:
    """The selected findings, each with its report's identity and its review, newest report
    first (latest data-as-of date, then latest loaded), then in the contract's order."""
    statement = (
        select(Finding, Report, SourceFile, Organisation)
        .join(Report, col(Report.id) == Finding.report_id)
        .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        .outerjoin(Organisation, col(Organisation.id) == Report.organisation_id)
        .where(*selected(selection))
    )
    found = session.exec(statement).all()
    reviews = latest_reviews(session, [finding.finding_id for finding, *_ in found])
    rows = [
        finding_row(finding, report, source, organisation, reviews.get(finding.finding_id))
        for finding, report, source, organisation in sorted(found, key=newest_first)
    ]
    if selection.review_status is not None:
        rows = [row for row in rows if row["review_status"] == selection.review_status]
    return rows


def selected(selection: FindingSelection) -> list[Any]:
    """The SQL conditions of a selection (the review status is filtered after reading)."""
    conditions: list[Any] = []
    if selection.rules_version is None:
        conditions.append(col(Finding.rules_version) == col(Report.rules_version))
    else:
        conditions.append(Finding.rules_version == selection.rules_version)
    if not selection.include_superseded:
        conditions.append(col(Report.superseded_by_id).is_(None))
    if selection.organisation is not None:
        part = "".join(selection.organisation.split())
        conditions.append(col(Organisation.name_key).contains(part, autoescape=True))
    if selection.province is not None:
        part = "".join(selection.province.split())
        conditions.append(col(Organisation.province_key).contains(part, autoescape=True))
    if selection.org_types is not None:
        conditions.append(col(Organisation.org_type).in_(selection.org_types))
    equal = (
        (Report.fiscal_year, selection.fiscal_year),
        (Report.round_months, selection.round_months),
        (Finding.rule, selection.rule),
        (Finding.severity, selection.severity),
    )
    conditions += [col(column) == value for column, value in equal if value is not None]
    if selection.loaded_since is not None:
        conditions.append(col(Report.loaded_at) >= selection.loaded_since)
    if selection.sha256_prefix is not None:
        prefix = selection.sha256_prefix.lower()
        conditions.append(col(SourceFile.sha256).startswith(prefix, autoescape=True))
    return conditions


def newest_first(found: Any) -> tuple[Any, ...]:
    finding, report, _, _ = found
    newest = (report.data_as_of or date.min, report.loaded_at, stored_id(report.id))
    return (*(Reverse(value) for value in newest), finding.rules_version, finding.ordinal)


@dataclass(frozen=True)
class Reverse:
    """Sorts its value descending inside an ascending key."""

    value: Any

    def __lt__(self, other: Reverse) -> bool:
        return bool(self.value > other.value)


def finding_row(
    finding: Finding,
    report: Report,
    source: SourceFile,
    organisation: Organisation | None,
    review: Review | None,
) -> FindingRow:
    return {
        "id": finding.finding_id,
        "organization": shown_name(report, organisation),
        "province": report.province,
        "org_type": organisation.org_type if organisation else None,
        "fiscal_year": report.fiscal_year,
        "round_months": report.round_months,
        "data_as_of": report.data_as_of,
        "rule": finding.rule,
        "severity": finding.severity,
        "field": finding.field,
        "dimension": finding.dimension,
        "seq": finding.seq,
        "reported": finding.reported,
        "expected": finding.expected,
        "pages": list(finding.pages),
        "message": finding.message,
        "source_file": source.original_name,
        "sha256": source.sha256,
        "rules_version": finding.rules_version,
        "superseded": report.superseded_by_id is not None,
        "review_status": status_of(review),
        "review_note": review.note if review else None,
        "reviewed_by": review.reviewed_by if review else None,
        "reviewed_at": review.reviewed_at if review else None,
    }


@dataclass(frozen=True)
class ReportFile:
    """A stored report's file: what `--report` matched."""

    sha256: str
    original_name: str


HEX_DIGITS = frozenset("0123456789abcdef")


def reports_named(session: Session, given: str) -> list[ReportFile]:
    """Every stored report whose file's sha256 starts with `given` (hex digits), or whose file
    was ingested under the name or path `given`, oldest first."""
    named = [
        col(SourceFile.original_name) == given,
        col(SourceFile.origin) == given,
        col(SourceFile.origin).endswith(f"/{given}", autoescape=True),
    ]
    prefix = given.strip().lower()
    if prefix and set(prefix) <= HEX_DIGITS:
        named.append(col(SourceFile.sha256).startswith(prefix, autoescape=True))
    statement = (
        select(SourceFile.sha256, SourceFile.original_name)
        .join(Report, col(Report.source_file_id) == SourceFile.id)
        .where(or_(*named))
        .order_by(col(SourceFile.id))
    )
    return [ReportFile(sha256, name) for sha256, name in session.exec(statement).all()]


@dataclass(frozen=True)
class StoredRange:
    """What the stored reports cover: the fiscal years (None when no report gives one) and
    the rules versions their findings were checked under."""

    first_year: int | None
    last_year: int | None
    rules_versions: tuple[str, ...]


def stored_range(session: Session) -> StoredRange:
    first, last = session.exec(
        select(func.min(Report.fiscal_year), func.max(Report.fiscal_year))
    ).one()
    versions = session.exec(
        select(ReportCheck.rules_version).distinct().order_by(col(ReportCheck.rules_version))
    ).all()
    return StoredRange(first, last, tuple(versions))


@dataclass(frozen=True)
class FindingMatch:
    """A finding an id prefix matched, with what tells it from the others."""

    finding_id: str
    rule: str
    field: str
    source_file: str


def findings_starting(session: Session, prefix: str, limit: int = 20) -> list[FindingMatch]:
    """The findings (each id once, under its report's rules version if stored under several)
    whose id starts with `prefix`, at most `limit`."""
    statement = (
        select(Finding.finding_id, Finding.rule, Finding.field, SourceFile.original_name)
        .join(Report, col(Report.id) == Finding.report_id)
        .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        .where(col(Finding.finding_id).startswith(prefix.lower(), autoescape=True))
        .order_by(col(Finding.finding_id), col(Finding.rules_version).desc())
    )
    matches: dict[str, FindingMatch] = {}
    for finding_id, rule, field, name in session.exec(statement).all():
        matches.setdefault(finding_id, FindingMatch(finding_id, rule, field, name))
        if len(matches) > limit:
            break
    return list(matches.values())


@dataclass(frozen=True)
class RejectedSelection:
    """Which rejected and failed files to list: last seen from `seen_since` (UTC, as stored)
    and before `seen_before`; of one status or rejection code; listed in one inbox (its
    ledger) or found under it (`raingan ingest` of a folder keeps no ledger)."""

    seen_since: datetime | None = None
    seen_before: datetime | None = None
    status: str | None = None
    code: str | None = None
    inbox: str | None = None


NOT_LOADED = (SourceStatus.REJECTED.value, SourceStatus.FAILED.value)


class RejectedRow(TypedDict):
    """A rejected or failed file as `raingan rejected` lists and exports it; sha256 and
    parser_version are None for a file whose content was never read. The keys, in this
    order, are the exports' columns."""

    last_seen: datetime
    first_seen: datetime
    status: str
    code: str | None
    reason: str | None
    file: str
    origin: str
    size_bytes: int
    sha256: str | None
    parser_version: str | None
    inboxes: list[str]


def rejected_rows(session: Session, selection: RejectedSelection) -> list[RejectedRow]:
    """The files that were rejected or failed, newest first: those read (`source_files`, one
    row per content), then inbox entries that failed before their content was known (a file
    that vanished or could not be read), each with the inboxes that listed it."""
    rows = [source_row(row) for row in session.exec(sources_selected(selection)).all()]
    rows += [entry_row(entry) for entry in session.exec(entries_selected(selection)).all()]
    inboxes = inboxes_of_not_loaded(session) if rows else {}
    for row in rows:
        if row["sha256"]:
            row["inboxes"] = inboxes.get(row["sha256"], [])
    rows.sort(key=lambda row: (Reverse(row["last_seen"]), row["origin"]))
    return rows


def sources_selected(selection: RejectedSelection) -> Any:
    statement = select(SourceFile).where(col(SourceFile.status).in_(NOT_LOADED))
    for column, value in (
        (SourceFile.status, selection.status),
        (SourceFile.rejection_code, selection.code),
    ):
        if value is not None:
            statement = statement.where(col(column) == value)
    statement = seen_between(statement, SourceFile.last_seen, selection)
    if selection.inbox is not None:
        listed = select(InboxEntry.sha256).where(InboxEntry.inbox == selection.inbox)
        under = f"{selection.inbox.rstrip('/')}/"
        statement = statement.where(
            or_(
                col(SourceFile.sha256).in_(listed),
                col(SourceFile.origin).startswith(under, autoescape=True),
            )
        )
    return statement


def entries_selected(selection: RejectedSelection) -> Any:
    statement = select(InboxEntry).where(
        col(InboxEntry.sha256).is_(None), col(InboxEntry.outcome).in_(NOT_LOADED)
    )
    for column, value in (
        (InboxEntry.outcome, selection.status),
        (InboxEntry.rejection_code, selection.code),
        (InboxEntry.inbox, selection.inbox),
    ):
        if value is not None:
            statement = statement.where(col(column) == value)
    return seen_between(statement, InboxEntry.last_seen, selection)


def seen_between(statement: Any, last_seen: Any, selection: RejectedSelection) -> Any:
    """Only rows last seen within the selection's days (from `seen_since`, before `seen_before`)."""
    if selection.seen_since is not None:
        statement = statement.where(col(last_seen) >= selection.seen_since)
    if selection.seen_before is not None:
        statement = statement.where(col(last_seen) < selection.seen_before)
    return statement


def source_row(source: SourceFile) -> RejectedRow:
    return {
        "last_seen": source.last_seen,
        "first_seen": source.first_seen,
        "status": source.status,
        "code": source.rejection_code,
        "reason": source.rejection_reason or source.failure,
        "file": source.original_name,
        "origin": source.origin,
        "size_bytes": source.size_bytes,
        "sha256": source.sha256,
        "parser_version": source.parser_version,
        "inboxes": [],
    }


def entry_row(entry: InboxEntry) -> RejectedRow:
    return {
        "last_seen": entry.last_seen,
        "first_seen": entry.first_seen,
        "status": entry.outcome,
        "code": entry.rejection_code,
        "reason": entry.message,
        "file": entry.path.rsplit("/", 1)[-1],
        "origin": f"{entry.inbox.rstrip('/')}/{entry.path}",
        "size_bytes": entry.size_bytes,
        "sha256": None,
        "parser_version": None,
        "inboxes": [entry.inbox],
    }


def inboxes_of_not_loaded(session: Session) -> dict[str, list[str]]:
    """The inboxes that listed each rejected or failed file, by its sha256."""
    found = session.exec(
        select(InboxEntry.sha256, InboxEntry.inbox)
        .join(SourceFile, col(SourceFile.sha256) == InboxEntry.sha256)
        .where(col(SourceFile.status).in_(NOT_LOADED))
        .distinct()
        .order_by(col(InboxEntry.inbox))
    ).all()
    inboxes: dict[str, list[str]] = {}
    for sha256, inbox in found:
        if sha256 is not None:
            inboxes.setdefault(sha256, []).append(inbox)
    return inboxes
