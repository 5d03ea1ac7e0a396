"""The contract document's types: one `TypedDict` per section, with the JSON Schema's field
names and types (`raingan/contract/report.schema.json`; `tests/test_document_types.py` holds
them equal). The document stays a plain JSON-ready dict, so `raingan parse --json` prints it as
before; these types only let mypy check every key read or written.

They live in `checks`, the bottom layer, because the checks read the document and the parser,
`models` and the outputs all import from here. The list of sections and their order are
declared once in `parsers.sections.document_shape`.
"""

# No `from __future__ import annotations`: Python 3.11 reads `NotRequired` only from evaluated
# annotations (`__optional_keys__`, which the drift test compares with the schema).
from typing import Literal, NotRequired, TypedDict, get_args

# The schema's `$defs` for a single figure: null where it could not be read or is not printed.
Amount = float | None  # baht, two decimals
Count = int | None
Pct = float | None  # as printed
Text = str | None
Date = str | None  # ISO YYYY-MM-DD, Gregorian
# A finding's `reported` and `expected`: a count, an amount, a percentage or a memo's text.
FigureValue = int | float | str | None


class Source(TypedDict):
    file: str
    sha256: str
    pages: int


class Person(TypedDict):
    name: Text
    position: Text


class Memo(TypedDict):
    agency: Text
    phone: Text
    reference: Text
    date: Date
    subject: Text
    addressee: Text
    signatories: list[Person]


# The memo's fields that hold one text (or date) each: all but its signatories.
MemoField = Literal["agency", "phone", "reference", "date", "subject", "addressee"]
MEMO_KEYS: tuple[MemoField, ...] = get_args(MemoField)


class Report(TypedDict):
    organization: Text
    fiscal_year: int | None
    round_months: int | None  # 6 or 12 (document_shape.ROUNDS)
    data_as_of: Date
    reporter: Person | None
    # Optional in the schema (contract 1.1): the cover page's district and province.
    district: NotRequired[Text]
    province: NotRequired[Text]


class DimensionsTotal(TypedDict):
    projects_planned: Count
    projects_done: Count
    budget_planned: Amount
    budget_ordinance: Amount
    budget_spent: Amount
    pct_projects: Pct
    pct_budget: Pct


class DimensionRow(DimensionsTotal):
    dimension: int


class BudgetTotal(TypedDict):
    """`plan_budget_total` and `ordinance_budget_total`."""

    projects: Count
    budget: Amount


class BudgetRow(BudgetTotal):
    """A row of `plan_budget` or `ordinance_budget`."""

    dimension: int


class DisbursementTotal(TypedDict):
    plan: Amount
    ordinance: Amount
    disbursed: Amount


class DisbursementRow(DisbursementTotal):
    dimension: int


class StatusSummary(TypedDict):
    minimum_projects: Count
    total_projects: Count
    in_ordinance: Count
    in_progress: Count
    completed: Count
    unable: Count
    implementation_pct: Pct
    level: Text


class Project(TypedDict):
    seq: int | None
    name: str
    dimension: int | None
    budget: Amount
    disbursed: Amount
    status: str | None  # pending_report, in_progress, completed, unable (vocabulary's keys)
    remark: Text
    page: int


class Narrative(TypedDict):
    total_projects: Count
    pending_report: Count
    in_progress: Count
    completed: Count
    unable: Count
    disbursed: Amount
    disbursed_pct: Pct
    level: Text
    implementation_pct: Pct


class ParseWarning(TypedDict):
    page: int | None
    message: str


class Finding(TypedDict):
    rule: str  # a `checks.catalogue.Rule` value
    severity: str
    field: str
    dimension: int | None
    seq: int | None
    reported: FigureValue
    expected: FigureValue
    message: str
    pages: list[int]


class ReportDocument(TypedDict):
    """The whole document, in the contract's key order (document_shape.DOCUMENT_KEYS)."""

    schema_version: int
    source: Source
    memo: Memo | None
    report: Report
    dimensions: list[DimensionRow]
    dimensions_total: DimensionsTotal | None
    plan_budget: list[BudgetRow]
    plan_budget_total: BudgetTotal | None
    ordinance_budget: list[BudgetRow]
    ordinance_budget_total: BudgetTotal | None
    disbursement: list[DisbursementRow]
    disbursement_total: DisbursementTotal | None
    status_summary: StatusSummary | None
    projects: list[Project]
    narrative: Narrative | None
    problems: list[str]
    parse_warnings: list[ParseWarning]
    findings: list[Finding]
