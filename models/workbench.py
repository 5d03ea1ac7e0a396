"""What `raingan web` reads: one page of findings at a time, sorted and counted by facet in
SQL (a selection of 100,000 findings is never read whole), the overview's counts, a
finding's row, and a report's earlier versions.

The selection is `models.read.FindingSelection`, the one `raingan findings` makes, plus a
search over organisation and project names; the review status is the latest review event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict, cast

from sqlalchemy import ColumnElement, Row, Select, SQLColumnExpression
from sqlalchemy import select as select_any  # any columns: sqlmodel's select types a few
from sqlalchemy.sql.util import find_tables
from sqlmodel import Session, SQLModel, col, func, or_, select

from checks.document import FigureValue
from checks.identity import NOT_REVIEWED
from models.read import FindingRow, FindingSelection, selected, shown_name_column
from models.read import finding_row as finding_row_of
from models.registry import KnownOrganisation, known_organisations, missing_in
from models.reviews import latest_reviews
from models.statuses import SourceStatus
from models.tables import Finding, Organisation, Project, Report, ReviewEvent, SourceFile, table_of
from parsers.language.thai_text import reorder_marks
from parsers.language.vocabulary import compact

PAGE_SIZE = 50


def search_key(text: str) -> str:
    """What a search matches, as names are stored: no white space, stacked marks in order."""
    return reorder_marks(compact(text))


def latest_status() -> Any:
    """A finding's review status: its latest review event's (by the index on the finding's
    id, one lookup per finding), `open` when it has none."""
    latest = (
        select(ReviewEvent.status)
        .where(col(ReviewEvent.finding_id) == col(Finding.finding_id))
        .order_by(col(ReviewEvent.id).desc())
        .limit(1)
        .correlate(Finding)
        .scalar_subquery()
    )
    return func.coalesce(latest, NOT_REVIEWED)


def latest_statuses() -> Any:
    """Every reviewed finding's latest status, as a table (`finding_id`, `status`)."""
    last = (
        select(func.max(ReviewEvent.id).label("last_id"))
        .group_by(col(ReviewEvent.finding_id))
        .subquery("last_events")
    )
    return (
        select(ReviewEvent.finding_id, ReviewEvent.status)
        .join(last, last.c.last_id == col(ReviewEvent.id))
        .subquery("latest_reviews")
    )


def rows_of(session: Session, statement: Select[Any]) -> Sequence[Row[Any]]:
    """What a statement of any columns gives, in the session's transaction."""
    return session.connection().execute(statement).all()


def file_of(column: Any) -> Any:
    """A column of the report's file, looked up by its key for each row shown: joined to
    every selected finding instead, PostgreSQL misjudged a filtered selection's size and
    compared every file with every finding (1.5 s for 100,000 findings)."""
    return (
        select(column)
        .where(col(SourceFile.id) == col(Report.source_file_id))
        .correlate(Report)
        .scalar_subquery()
    )


def names_organisations(selection: FindingSelection) -> bool:
    """Whether a selection keeps only findings of organisations of some name, place or type."""
    wanted = (selection.organisation, selection.province, selection.org_types)
    return any(value is not None for value in wanted)


@dataclass(frozen=True)
class Query:
    """A selection, a search, a sort and a page: what a URL of the findings list says."""

    selection: FindingSelection = field(default_factory=FindingSelection)
    search: str | None = None
    sort: str = "newest"
    page: int = 1
    page_size: int = PAGE_SIZE


class Columns:
    """The columns a findings list is read, filtered, sorted and counted by."""

    def __init__(self, dialect: str = "sqlite") -> None:
        # The review status: PostgreSQL hash-joins the latest reviews to the findings at
        # once; SQLite, which has no hash join, looks each finding's up by its index.
        self.latest = latest_statuses() if dialect == "postgresql" else None
        self.review_status = (
            latest_status()
            if self.latest is None
            else func.coalesce(self.latest.c.status, NOT_REVIEWED)
        )
        self.province = func.coalesce(col(Organisation.province), col(Report.province))

    def statement(self, query: Query, *columns: Any) -> Select[Any]:
        """`columns` of the findings the query selects (every page)."""
        statement = (
            select_any(*columns)
            .select_from(Finding)
            .join(Report, col(Report.id) == Finding.report_id)
            .join(
                Organisation,
                col(Organisation.id) == Report.organisation_id,
                # Filtered by organisation: an inner join, so that the planner may start from
                # the few organisations that match (SQLite keeps a left join's order).
                isouter=not names_organisations(query.selection),
            )
            .where(*selected(query.selection))
        )
        if self.latest is not None:
            joined = self.latest.c.finding_id == col(Finding.finding_id)
            statement = statement.outerjoin(self.latest, joined)
        if query.selection.sha256_prefix is not None:  # the one condition on files
            statement = statement.join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        if query.selection.review_status is not None:
            statement = statement.where(self.review_status == query.selection.review_status)
        if query.search:
            statement = statement.where(self.searched(search_key(query.search)))
        return statement

    @staticmethod
    def searched(key: str) -> ColumnElement[bool]:
        """Organisations whose name, or whose report's projects' names, contain `key`: the
        reports with such a project found once (not once per finding)."""
        with_project = select(Project.report_id).where(
            func.replace(col(Project.name), " ", "").contains(key, autoescape=True)
        )
        return or_(
            col(Organisation.name_key).contains(key, autoescape=True),
            col(Report.id).in_(with_project),
        )

    def facet_columns(self) -> dict[str, SQLColumnExpression[Any]]:
        """Facet name (the URL parameter it sets) → the column it counts."""
        return {
            "province": self.province,
            "type": col(Organisation.org_type),
            "year": col(Report.fiscal_year),
            "round": col(Report.round_months),
            "rule": col(Finding.rule),
            "severity": col(Finding.severity),
            "review": self.review_status,
        }

    def sorts(self) -> dict[str, tuple[Any, ...]]:
        """Sort name → its ORDER BY; every sort ends in the report's and the contract's order."""
        report_order = (col(Report.id).desc(), col(Finding.rules_version), col(Finding.ordinal))
        newest = (col(Report.data_as_of).desc(), col(Report.loaded_at).desc())
        return {
            "newest": (*newest, *report_order),
            "organisation": (shown_name_column(), *report_order),
            "province": (self.province, *report_order),
            "rule": (col(Finding.rule), *newest, *report_order),
            "severity": (col(Finding.severity), *newest, *report_order),
            "review": (self.review_status, *newest, *report_order),
        }


def columns_for(session: Session) -> Columns:
    return Columns(session.get_bind().dialect.name)


SORTS = ("newest", "organisation", "province", "rule", "severity", "review")
FACETS = ("province", "type", "year", "round", "rule", "severity", "review")


class ListedFinding(TypedDict):
    """A row of the findings list: the finding, its report's identity and file, its review
    status (`LISTED_COLUMNS` and the labels `findings_page` reads)."""

    finding_id: str
    rule: str
    severity: str
    field: str
    dimension: int | None
    seq: int | None
    reported: FigureValue
    expected: FigureValue
    org_type: str | None
    fiscal_year: int | None
    round_months: int | None
    data_as_of: date | None
    organization: str | None
    province: str | None
    sha256: str
    source_file: str
    review_status: str


@dataclass(frozen=True)
class FindingsPage:
    rows: list[ListedFinding]
    total: int
    facets: dict[str, list[tuple[Any, int]]]


# What a row of the findings list shows, by table.
LISTED_COLUMNS: tuple[tuple[type[SQLModel], tuple[str, ...]], ...] = (
    (Finding, ("finding_id", "rule", "severity", "field", "dimension", "seq")),
    (Finding, ("reported", "expected")),
    (Organisation, ("org_type",)),
    (Report, ("fiscal_year", "round_months", "data_as_of")),
)


def findings_page(session: Session, query: Query) -> FindingsPage:
    """One page of the selected findings, how many there are in all, and the facet counts."""
    columns = columns_for(session)
    listed = columns.statement(
        query,
        *(col(getattr(model, name)) for model, names in LISTED_COLUMNS for name in names),
        shown_name_column().label("organization"),
        columns.province.label("province"),
        file_of(SourceFile.sha256).label("sha256"),
        file_of(SourceFile.original_name).label("source_file"),
        columns.review_status.label("review_status"),
    )
    order = columns.sorts().get(query.sort, columns.sorts()["newest"])
    offset = (max(query.page, 1) - 1) * query.page_size
    found = rows_of(session, listed.order_by(*order).offset(offset).limit(query.page_size))
    # The columns selected above, by name (tests/test_workbench_rows.py holds them to the type).
    rows = [cast(ListedFinding, dict(row._mapping)) for row in found]
    facets = facet_counts(session, columns, query)
    total = sum(count for _, count in facets[FACETS[0]])
    return FindingsPage(rows, total, facets)


def facet_counts(
    session: Session, columns: Columns, query: Query
) -> dict[str, list[tuple[Any, int]]]:
    """Each facet's values among the selected findings, with how many findings have each,
    the most first. One pass over the selection: the findings are counted by every facet's
    value at once (a few hundred combinations), then summed per facet here."""
    facet_columns = columns.facet_columns()
    inner = columns.statement(
        query, *(column.label(name) for name, column in facet_columns.items())
    ).subquery("selection")
    combinations = select_any(*inner.c, func.count()).group_by(*inner.c)
    counted: dict[str, dict[Any, int]] = {name: {} for name in facet_columns}
    for row in rows_of(session, combinations):
        *values, count = tuple(row)
        for name, value in zip(facet_columns, values, strict=True):
            counted[name][value] = counted[name].get(value, 0) + int(count)
    return {
        name: sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        for name, counts in counted.items()
    }


def selected_finding_ids(session: Session, query: Query) -> set[str]:
    """The ids of every finding a query selects (an export of a searched view)."""
    return {
        row[0]
        for row in rows_of(session, columns_for(session).statement(query, col(Finding.finding_id)))
    }


def finding_row(session: Session, finding_id: str) -> FindingRow | None:
    """A finding by its id, as `raingan findings` lists it: under its report's current rules
    version when stored under several; None if there is none."""
    found = session.exec(
        select(Finding, Report, SourceFile, Organisation)
        .join(Report, col(Report.id) == Finding.report_id)
        .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        .outerjoin(Organisation, col(Organisation.id) == Report.organisation_id)
        .where(Finding.finding_id == finding_id)
    ).all()
    if not found:
        return None
    finding, report, source, organisation = max(
        found, key=lambda f: (f[0].rules_version == f[1].rules_version, f[0].rules_version)
    )
    review = latest_reviews(session, [finding_id]).get(finding_id)
    return finding_row_of(finding, report, source, organisation, review)


# Reports -------------------------------------------------------------------------------------


def report_by_sha256(session: Session, sha256: str) -> tuple[Report, SourceFile] | None:
    """The report read from the file with this whole sha256; None if no report has it."""
    found = session.exec(
        select(Report, SourceFile)
        .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        .where(SourceFile.sha256 == sha256)
    ).first()
    return None if found is None else (found[0], found[1])


def earlier_versions(session: Session, report: Report) -> list[tuple[Report, SourceFile]]:
    """The reports this one superseded, directly or through others, the latest first."""
    versions: list[tuple[Report, SourceFile]] = []
    newer = [report.id]
    while newer:
        found = session.exec(
            select(Report, SourceFile)
            .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
            .where(col(Report.superseded_by_id).in_(newer))
            .order_by(col(Report.loaded_at).desc())
        ).all()
        versions += [(older, source) for older, source in found]
        newer = [older.id for older, _ in found]
    return versions


# The overview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """One value of a grouping (a province, a year…) and what its current reports hold."""

    value: Any
    filed: int
    clean: int
    with_findings: int
    open_findings: int


def findings_per_report() -> Any:
    """Each report's findings under its own rules version, counted (`report_id`, `findings`)."""
    return (
        select(Finding.report_id, func.count().label("findings"))
        .join(Report, col(Report.id) == Finding.report_id)
        .where(col(Finding.rules_version) == col(Report.rules_version))
        .group_by(col(Finding.report_id))
        .subquery("found_in")
    )


OVERVIEW_GROUPS = ("province", "type", "year", "round")


def overview(session: Session) -> dict[str, list[Tally]]:
    """Current reports counted by province, organisation type, fiscal year and round: filed,
    clean (no finding), with findings, and their findings still open. One query reads each
    current report's groups and counts; the four groupings are summed here."""
    columns = columns_for(session)
    found_in = findings_per_report()
    open_in = (
        columns.statement(
            Query(FindingSelection(review_status=NOT_REVIEWED)),
            col(Finding.report_id).label("report_id"),
            func.count().label("open"),
        )
        .group_by(col(Finding.report_id))
        .subquery("open_in")
    )
    groups = [columns.facet_columns()[name] for name in OVERVIEW_GROUPS]
    statement = (
        select_any(
            *groups,
            func.coalesce(found_in.c.findings, 0),
            func.coalesce(open_in.c.open, 0),
        )
        .select_from(Report)
        .outerjoin(Organisation, col(Organisation.id) == Report.organisation_id)
        .outerjoin(found_in, found_in.c.report_id == col(Report.id))
        .outerjoin(open_in, open_in.c.report_id == col(Report.id))
        .where(col(Report.superseded_by_id).is_(None))
    )
    counts: dict[str, dict[Any, list[int]]] = {name: {} for name in OVERVIEW_GROUPS}
    for row in rows_of(session, statement):
        *values, findings, still_open = tuple(row)
        for name, value in zip(OVERVIEW_GROUPS, values, strict=True):
            filed, clean, flagged, open_findings = counts[name].setdefault(value, [0, 0, 0, 0])
            counts[name][value] = [
                filed + 1,
                clean + (findings == 0),
                flagged + (findings > 0),
                open_findings + int(still_open),
            ]
    return {
        name: [Tally(value, *numbers) for value, numbers in sorted(by_value.items(), key=by_name)]
        for name, by_value in counts.items()
    }


def by_name(item: tuple[Any, Any]) -> tuple[bool, str]:
    """Values in order, the unknown (None) last."""
    return (item[0] is None, str(item[0]))


def missing_filers(session: Session) -> tuple[tuple[int, int] | None, list[KnownOrganisation]]:
    """The latest round (fiscal year, months) any report is of, and the organisations that
    filed an earlier round but not it (`raingan organisations --missing`'s answer)."""
    known = known_organisations(session)
    filed = [key for organisation in known for key in organisation.filed]
    if not filed:
        return None, []
    latest = max(filed)
    return latest, missing_in(known, *latest)


def rejected_count(session: Session) -> int:
    statement = select(func.count()).where(col(SourceFile.status) == SourceStatus.REJECTED.value)
    return int(session.exec(statement).one())


@dataclass(frozen=True)
class ReportsQuery:
    """Current reports of a province, organisation type, year and round; with findings or
    without (`findings`: "some", "none")."""

    selection: FindingSelection = field(default_factory=FindingSelection)
    findings: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE


def report_conditions(selection: FindingSelection) -> list[Any]:
    """A selection's conditions on reports and organisations (those on findings left out)."""
    findings = table_of(Finding)
    return [
        condition
        for condition in selected(selection)
        if findings not in find_tables(condition, check_columns=True)
    ]


class ListedReport(TypedDict):
    """A row of the reports list: a current report, its file, and its findings counted."""

    sha256: str
    source_file: str
    organization: str | None
    province: str | None
    org_type: str | None
    fiscal_year: int | None
    round_months: int | None
    data_as_of: date | None
    findings: int


def reports_page(session: Session, query: ReportsQuery) -> tuple[list[ListedReport], int]:
    """One page of current reports, each with its findings counted, and how many in all."""
    found_in = findings_per_report()
    findings = func.coalesce(found_in.c.findings, 0)
    province = func.coalesce(col(Organisation.province), col(Report.province))
    conditions = report_conditions(query.selection)
    if query.findings == "some":
        conditions.append(findings > 0)
    elif query.findings == "none":
        conditions.append(findings == 0)

    def statement(*columns: Any) -> Select[Any]:
        return (
            select_any(*columns)
            .select_from(Report)
            .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
            .outerjoin(Organisation, col(Organisation.id) == Report.organisation_id)
            .outerjoin(found_in, found_in.c.report_id == col(Report.id))
            .where(*conditions)
        )

    listed = statement(
        col(SourceFile.sha256),
        col(SourceFile.original_name).label("source_file"),
        shown_name_column().label("organization"),
        province.label("province"),
        col(Organisation.org_type),
        col(Report.fiscal_year),
        col(Report.round_months),
        col(Report.data_as_of),
        findings.label("findings"),
    ).order_by(province, shown_name_column(), col(Report.id))
    offset = (max(query.page, 1) - 1) * query.page_size
    found = rows_of(session, listed.offset(offset).limit(query.page_size))
    # The columns selected above, by name (tests/test_workbench_rows.py holds them to the type).
    rows = [cast(ListedReport, dict(row._mapping)) for row in found]
    total = rows_of(session, statement(func.count()))[0][0]
    return rows, int(total)
