"""The database schema: one table per part of the contract document, declared with SQLModel.

Amounts are NUMERIC(14,2), percentages NUMERIC(10,4) (kept as printed), dates DATE,
timestamps UTC without time zone. Every list of the document keeps its printed order in an
`ordinal` column. A summary table's total row is a row with `is_total` true and no dimension.
Codes (statuses, rules, rejection codes, organisation types) are constrained by CHECKs built
from the value lists below; the migrations spell the same lists out literally, and a test
holds the two together and to the contract.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import GetPydanticSchema
from pydantic_core import core_schema
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    inspect,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from checks.catalogue import SEVERITY, STATUSES
from checks.document import ReportDocument as ContractDocument
from checks.evidence import EvidenceJson
from checks.identity import ID_LENGTH, NOT_REVIEWED, ReviewStatus
from models.statuses import IngestStatus, SourceStatus
from parsers.language.vocabulary import ORG_TYPES
from parsers.safety.rejection import RejectionCode
from parsers.sections.document_shape import ROUNDS

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The value lists the CHECK constraints allow.
SOURCE_STATUSES = tuple(status.value for status in SourceStatus)
REJECTION_CODES = tuple(code.value for code in RejectionCode)
PROJECT_STATUSES = STATUSES
RULES = tuple(rule.value for rule in SEVERITY)
SEVERITIES = tuple(dict.fromkeys(SEVERITY.values()))  # each once, in catalogue order
ORG_TYPE_LABELS = tuple(org_type.label for org_type in ORG_TYPES)
INBOX_OUTCOMES = tuple(outcome.value for outcome in IngestStatus)
# A verdict, or `open` again: a finding reopened.
REVIEW_STATUSES = (*(status.value for status in ReviewStatus), NOT_REVIEWED)
USER_ROLES = ("viewer", "auditor", "admin")  # each may do what the one before it may, and more

Amount = Numeric(14, 2, asdecimal=False)
Percent = Numeric(10, 4, asdecimal=False)
Json = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
# A JSON column holding one of raingan's TypedDicts: the type is for mypy; pydantic leaves the
# value as it is (a table model is never validated, and pydantic refuses `typing.TypedDict`
# before Python 3.12).
AS_STORED = GetPydanticSchema(lambda _kind, _handler: core_schema.any_schema())
VERSION_LENGTH = 32
FINDING_ID_LENGTH = ID_LENGTH
USER_NAME_LENGTH = 64
# An id, once given, is never given again (PostgreSQL's sequences behave so already).
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def one_of(column: str, values: tuple[Any, ...], name: str) -> CheckConstraint:
    allowed = ", ".join(repr(value) for value in values)
    return CheckConstraint(f"{column} IS NULL OR {column} IN ({allowed})", name=name)


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Core table (SQLModel does not declare `__table__` to type checkers)."""
    table = inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table")
    return table


def stored_id(value: int | None) -> int:
    """An id read back from the database: the tables declare ids optional (None until a new
    row is flushed), but a stored row always has one."""
    if value is None:
        raise ValueError("a row without an id: it was never flushed")
    return value


def report_fk() -> Any:
    return Field(primary_key=True, foreign_key="reports.id", ondelete="CASCADE")


class SourceFile(SQLModel, table=True):
    """One original file, by content: where it was first seen and what became of it."""

    __tablename__ = "source_files"
    __table_args__ = (
        one_of("status", SOURCE_STATUSES, "status"),
        one_of("rejection_code", REJECTION_CODES, "rejection_code"),
        CheckConstraint(
            f"(status = '{SourceStatus.REJECTED}') = (rejection_code IS NOT NULL)",
            name="rejected_has_code",
        ),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(sa_type=String(64), unique=True)
    original_name: str = Field(sa_type=Text)
    origin: str = Field(sa_type=Text, description="the path or URL it was first read from")
    origin_bytes: bytes | None = Field(
        default=None,
        sa_type=LargeBinary,
        description="the origin's raw bytes when its name is not plain UTF-8 (see models.names)",
    )
    size_bytes: int = Field(sa_type=BigInteger)
    pages: int | None = Field(default=None, sa_type=Integer)
    first_seen: datetime = Field(sa_type=DateTime)
    last_seen: datetime = Field(sa_type=DateTime)
    status: str = Field(sa_type=String(16))
    rejection_code: str | None = Field(default=None, sa_type=String(32))
    rejection_reason: str | None = Field(default=None, sa_type=Text)
    failure: str | None = Field(default=None, sa_type=Text, description="the internal error")
    parser_version: str | None = Field(default=None, sa_type=String(VERSION_LENGTH))


class InboxEntry(SQLModel, table=True):
    """A file as an inbox listed it (path, size, mtime or ETag), and what ingesting it gave.

    The nightly flow's ledger: an entry already here with an outcome other than `failed` is
    not read again; a changed file (another size or version) is a new entry.
    """

    __tablename__ = "inbox_entries"
    __table_args__ = (
        UniqueConstraint("inbox", "path", "size_bytes", "version"),
        one_of("outcome", INBOX_OUTCOMES, "outcome"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    inbox: str = Field(sa_type=Text)
    path: str = Field(sa_type=Text, description="inside the inbox, readable (see models.names)")
    path_bytes: bytes | None = Field(
        default=None, sa_type=LargeBinary, description="the raw path when not plain UTF-8"
    )
    size_bytes: int = Field(sa_type=BigInteger)
    version: str = Field(sa_type=Text, description="the mtime, or the ETag of an object store")
    sha256: str | None = Field(default=None, sa_type=String(64))
    outcome: str = Field(sa_type=String(16))
    report_id: int | None = Field(default=None, sa_type=Integer)
    findings: int = Field(default=0, sa_type=Integer)
    rejection_code: str | None = Field(default=None, sa_type=String(32))
    message: str | None = Field(default=None, sa_type=Text)
    first_seen: datetime = Field(sa_type=DateTime)
    last_seen: datetime = Field(sa_type=DateTime)


class Organisation(SQLModel, table=True):
    """A local administrative organisation, identified by its name and province.

    The keys are the name and province without white space (Thai text compares so): a name
    wrapped differently in two reports is still one organisation; no province is ''.
    """

    __tablename__ = "organisations"
    __table_args__ = (
        UniqueConstraint("name_key", "province_key"),
        one_of("org_type", ORG_TYPE_LABELS, "org_type"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=Text)
    org_type: str | None = Field(default=None, sa_type=String(32))
    district: str | None = Field(default=None, sa_type=Text)
    province: str | None = Field(default=None, sa_type=Text)
    name_key: str = Field(sa_type=Text)
    province_key: str = Field(sa_type=Text)


class RegisteredOrganisation(SQLModel, table=True):
    """An organisation of the government's registry of local administrative organisations,
    by its code (`raingan organisations import`): the whole list, replaced by each import.

    Reports carry no code: an organisation seen in reports is matched to its registry entry
    by the keys (`models.registry.organisation_keys`: name with abbreviations expanded,
    province and district without their prefix, white space ignored).
    """

    __tablename__ = "organisation_registry"
    __table_args__ = (
        one_of("org_type", ORG_TYPE_LABELS, "org_type"),
        Index("ix_organisation_registry_keys", "name_key", "province_key"),
    )

    code: str = Field(sa_type=String(32), primary_key=True)
    name: str = Field(sa_type=Text, description="as the registry writes it")
    org_type: str | None = Field(default=None, sa_type=String(32))
    district: str | None = Field(default=None, sa_type=Text)
    province: str = Field(sa_type=Text)
    name_key: str = Field(sa_type=Text)
    province_key: str = Field(sa_type=Text)
    district_key: str = Field(sa_type=Text, description="'' when the registry gives none")
    imported_at: datetime = Field(sa_type=DateTime)


class Report(SQLModel, table=True):
    """One parsed report: its identity, memo and reporter; lists live in their own tables.

    At most one report per organisation, fiscal year and round is current
    (`superseded_by_id` null): the database enforces it with a partial unique index.
    """

    __tablename__ = "reports"
    __table_args__ = (
        one_of("round_months", ROUNDS, "round_months"),
        Index(
            "uq_reports_current",
            "organisation_id",
            "fiscal_year",
            "round_months",
            unique=True,
            sqlite_where=text("superseded_by_id IS NULL"),
            postgresql_where=text("superseded_by_id IS NULL"),
        ),
        Index("ix_reports_group", "organisation_id", "fiscal_year", "round_months"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    source_file_id: int = Field(foreign_key="source_files.id", ondelete="CASCADE", unique=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id")
    organisation_name: str | None = Field(default=None, sa_type=Text, description="as printed")
    # A name read from a page's image may be misread: it is taken as the known name within a
    # letter or two of it, if exactly one (models.name_match), and kept as read here.
    organisation_name_from_image: bool = Field(
        default=False,
        sa_type=Boolean,
        sa_column_kwargs={"server_default": false()},
        description="the organisation's name was read from a page's image",
    )
    organisation_name_matched: str | None = Field(
        default=None, sa_type=Text, description="the known name the name read was taken as"
    )
    fiscal_year: int | None = Field(default=None, sa_type=Integer)
    round_months: int | None = Field(default=None, sa_type=Integer)
    data_as_of: date | None = Field(default=None, sa_type=Date)
    district: str | None = Field(default=None, sa_type=Text, description="as printed")
    province: str | None = Field(default=None, sa_type=Text, description="as printed")
    has_memo: bool = Field(sa_type=Boolean)
    memo_agency: str | None = Field(default=None, sa_type=Text)
    memo_phone: str | None = Field(default=None, sa_type=Text)
    memo_reference: str | None = Field(default=None, sa_type=Text)
    memo_date: date | None = Field(default=None, sa_type=Date)
    memo_subject: str | None = Field(default=None, sa_type=Text)
    memo_addressee: str | None = Field(default=None, sa_type=Text)
    has_reporter: bool = Field(sa_type=Boolean)
    reporter_name: str | None = Field(default=None, sa_type=Text)
    reporter_position: str | None = Field(default=None, sa_type=Text)
    schema_version: int = Field(sa_type=Integer)
    parser_version: str = Field(sa_type=String(VERSION_LENGTH))
    rules_version: str = Field(
        sa_type=String(VERSION_LENGTH), description="the findings read by default: latest stored"
    )
    loaded_at: datetime = Field(sa_type=DateTime)
    # No ON DELETE action: a report is deleted only after its group points elsewhere.
    superseded_by_id: int | None = Field(default=None, foreign_key="reports.id")


class ReportDocument(SQLModel, table=True):
    """The whole contract document as parsed, and the parser's evidence, as JSON."""

    __tablename__ = "report_documents"

    report_id: int = report_fk()
    document: Annotated[ContractDocument, AS_STORED] = Field(sa_column=Column(Json, nullable=False))
    evidence: Annotated[EvidenceJson, AS_STORED] = Field(sa_column=Column(Json, nullable=False))


class Signatory(SQLModel, table=True):
    __tablename__ = "signatories"

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    name: str | None = Field(default=None, sa_type=Text)
    position: str | None = Field(default=None, sa_type=Text)


def total_row_check() -> CheckConstraint:
    return CheckConstraint(
        "(is_total AND dimension IS NULL) OR (NOT is_total AND dimension IS NOT NULL)",
        name="total_has_no_dimension",
    )


class DimensionResult(SQLModel, table=True):
    """`dimensions` and `dimensions_total`: the plan's results per dimension."""

    __tablename__ = "dimension_results"
    __table_args__ = (total_row_check(),)

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    is_total: bool = Field(sa_type=Boolean)
    dimension: int | None = Field(default=None, sa_type=Integer)
    projects_planned: int | None = Field(default=None, sa_type=Integer)
    projects_done: int | None = Field(default=None, sa_type=Integer)
    budget_planned: float | None = Field(default=None, sa_type=Amount)
    budget_ordinance: float | None = Field(default=None, sa_type=Amount)
    budget_spent: float | None = Field(default=None, sa_type=Amount)
    pct_projects: float | None = Field(default=None, sa_type=Percent)
    pct_budget: float | None = Field(default=None, sa_type=Percent)


class PlanBudget(SQLModel, table=True):
    """`plan_budget` and `plan_budget_total`: projects and budget in the local plan."""

    __tablename__ = "plan_budgets"
    __table_args__ = (total_row_check(),)

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    is_total: bool = Field(sa_type=Boolean)
    dimension: int | None = Field(default=None, sa_type=Integer)
    projects: int | None = Field(default=None, sa_type=Integer)
    budget: float | None = Field(default=None, sa_type=Amount)


class OrdinanceBudget(SQLModel, table=True):
    """`ordinance_budget` and its total: projects and budget in the budget ordinance."""

    __tablename__ = "ordinance_budgets"
    __table_args__ = (total_row_check(),)

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    is_total: bool = Field(sa_type=Boolean)
    dimension: int | None = Field(default=None, sa_type=Integer)
    projects: int | None = Field(default=None, sa_type=Integer)
    budget: float | None = Field(default=None, sa_type=Amount)


class Disbursement(SQLModel, table=True):
    """`disbursement` and `disbursement_total`."""

    __tablename__ = "disbursements"
    __table_args__ = (total_row_check(),)

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    is_total: bool = Field(sa_type=Boolean)
    dimension: int | None = Field(default=None, sa_type=Integer)
    plan: float | None = Field(default=None, sa_type=Amount)
    ordinance: float | None = Field(default=None, sa_type=Amount)
    disbursed: float | None = Field(default=None, sa_type=Amount)


class StatusSummary(SQLModel, table=True):
    """The status table (สถานะโครงการ/กิจกรรม/มาตรการ), one row per report that prints it."""

    __tablename__ = "status_summaries"

    report_id: int = report_fk()
    minimum_projects: int | None = Field(default=None, sa_type=Integer)
    total_projects: int | None = Field(default=None, sa_type=Integer)
    in_ordinance: int | None = Field(default=None, sa_type=Integer)
    in_progress: int | None = Field(default=None, sa_type=Integer)
    completed: int | None = Field(default=None, sa_type=Integer)
    unable: int | None = Field(default=None, sa_type=Integer)
    implementation_pct: float | None = Field(default=None, sa_type=Percent)
    level: str | None = Field(default=None, sa_type=Text)


class Narrative(SQLModel, table=True):
    """The closing summary (สรุปผลการขับเคลื่อนแผนฯ), one row per report that prints it."""

    __tablename__ = "narratives"

    report_id: int = report_fk()
    total_projects: int | None = Field(default=None, sa_type=Integer)
    pending_report: int | None = Field(default=None, sa_type=Integer)
    in_progress: int | None = Field(default=None, sa_type=Integer)
    completed: int | None = Field(default=None, sa_type=Integer)
    unable: int | None = Field(default=None, sa_type=Integer)
    disbursed: float | None = Field(default=None, sa_type=Amount)
    disbursed_pct: float | None = Field(default=None, sa_type=Percent)
    level: str | None = Field(default=None, sa_type=Text)
    implementation_pct: float | None = Field(default=None, sa_type=Percent)


class Project(SQLModel, table=True):
    __tablename__ = "projects"
    __table_args__ = (one_of("status", PROJECT_STATUSES, "status"),)

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    seq: int | None = Field(default=None, sa_type=Integer, description="as printed")
    name: str = Field(sa_type=Text)
    dimension: int | None = Field(default=None, sa_type=Integer)
    budget: float | None = Field(default=None, sa_type=Amount)
    disbursed: float | None = Field(default=None, sa_type=Amount)
    status: str | None = Field(default=None, sa_type=String(16))
    remark: str | None = Field(default=None, sa_type=Text)
    page: int = Field(sa_type=Integer)


class Problem(SQLModel, table=True):
    __tablename__ = "problems"

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    text: str = Field(sa_type=Text)


class ParseWarning(SQLModel, table=True):
    __tablename__ = "parse_warnings"

    report_id: int = report_fk()
    ordinal: int = Field(primary_key=True)
    page: int | None = Field(default=None, sa_type=Integer)
    message: str = Field(sa_type=Text)


class ReportCheck(SQLModel, table=True):
    """One run of the consistency rules over a report: its findings share its rules version."""

    __tablename__ = "report_checks"

    report_id: int = report_fk()
    rules_version: str = Field(sa_type=String(VERSION_LENGTH), primary_key=True)
    checked_at: datetime = Field(sa_type=DateTime)


class Finding(SQLModel, table=True):
    """A figure that disagrees with what the document implies, under one rules version."""

    __tablename__ = "findings"
    __table_args__ = (
        ForeignKeyConstraint(
            ["report_id", "rules_version"],
            ["report_checks.report_id", "report_checks.rules_version"],
            ondelete="CASCADE",
        ),
        one_of("rule", RULES, "rule"),
        one_of("severity", SEVERITIES, "severity"),
        Index("ix_findings_rule", "rule"),
        # A finding is stored once per rules version (checks.identity gives it its id).
        UniqueConstraint("finding_id", "rules_version"),
    )

    report_id: int = Field(primary_key=True)
    rules_version: str = Field(sa_type=String(VERSION_LENGTH), primary_key=True)
    ordinal: int = Field(primary_key=True)
    finding_id: str = Field(
        sa_type=String(FINDING_ID_LENGTH), description="stable across reparse and audit"
    )
    rule: str = Field(sa_type=String(32))
    severity: str = Field(sa_type=String(16))
    field: str = Field(sa_type=Text)
    dimension: int | None = Field(default=None, sa_type=Integer)
    seq: int | None = Field(default=None, sa_type=Integer)
    reported: Any = Field(default=None, sa_column=Column(Json))
    expected: Any = Field(default=None, sa_column=Column(Json))
    message: str = Field(sa_type=Text)
    pages: list[int] = Field(sa_column=Column(Json, nullable=False))


class ReviewEvent(SQLModel, table=True):
    """An auditor's verdict on a finding, by its stable id: the latest event of a finding is its
    status (none, or a reopening: `open`). Not a child of a report: it outlives reparse,
    re-audit and supersession, and carries over to the next rules version where the finding
    still stands; a re-sent report's finding takes the superseded one's (`carried_from`)."""

    __tablename__ = "review_events"
    __table_args__ = (
        one_of("status", REVIEW_STATUSES, "status"),
        Index("ix_review_events_finding_id", "finding_id"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    finding_id: str = Field(sa_type=String(FINDING_ID_LENGTH))
    status: str = Field(sa_type=String(16))
    note: str | None = Field(default=None, sa_type=Text)
    reviewed_by: str = Field(sa_type=Text)
    reviewed_at: datetime = Field(sa_type=DateTime)
    carried_from: str | None = Field(
        default=None,
        sa_type=String(FINDING_ID_LENGTH),
        description="the finding of a superseded report this review was carried over from",
    )


class User(SQLModel, table=True):
    """Someone who may use `raingan web`: a viewer reads, an auditor also reviews, an admin
    also manages users. No password hash: signed in by a reverse proxy only."""

    __tablename__ = "users"
    __table_args__ = (one_of("role", USER_ROLES, "role"), NEVER_REUSE_IDS)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(USER_NAME_LENGTH), unique=True)
    role: str = Field(sa_type=String(16))
    password_hash: str | None = Field(default=None, sa_type=Text, description="argon2")
    disabled: bool = Field(
        default=False, sa_type=Boolean, sa_column_kwargs={"server_default": false()}
    )
    created_at: datetime = Field(sa_type=DateTime)


# Child tables of a report, in the order they are written.
REPORT_CHILDREN: tuple[type[SQLModel], ...] = (
    ReportDocument,
    Signatory,
    DimensionResult,
    PlanBudget,
    OrdinanceBudget,
    Disbursement,
    StatusSummary,
    Narrative,
    Project,
    Problem,
    ParseWarning,
    ReportCheck,
    Finding,
)
