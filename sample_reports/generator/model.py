"""The data model of a printed report: what each page prints, figure for figure.

A `Report` holds the printed values, not the true ones: a mutation changes one printed
figure and the expected findings then come out of the checks run on the resulting document.
Amounts are floats in baht, percentages floats as printed, counts ints; `None` is a figure
printed as `-`. Text is standard Unicode Thai with Arabic digits: a renderer turns digits
into Thai digits where the page prints them so (`Memo.thai_digits`).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

# The printed status columns, left to right; a row's marks are indices into this tuple.
STATUSES: tuple[str, ...] = ("pending_report", "in_progress", "completed", "unable")


class DateStyle(StrEnum):
    """How a memo writes its date (วันที่ …)."""

    THAI_FULL = "thai_full"  # ๒๐ มีนาคม ๒๕๖๖
    THAI_ABBR_SHORT = "thai_abbr_short"  # ๒๐ มี.ค. ๖๖
    THAI_ABBR_FULL = "thai_abbr_full"  # ๒๐ มี.ค. ๒๕๖๖
    ARABIC_FULL = "arabic_full"  # 20 มีนาคม 2566
    ARABIC_ABBR_SHORT = "arabic_abbr_short"  # 20 มี.ค. 66


@dataclass(frozen=True)
class Person:
    name: str
    position_lines: tuple[str, ...]  # the position as wrapped on the page

    @property
    def position(self) -> str:
        return " ".join(self.position_lines)


@dataclass(frozen=True)
class Signature:
    """One signature block: an endorsement note above it (ทราบ …), then (name), position."""

    person: Person
    note: str | None = None


@dataclass
class Memo:
    agency: str  # ส่วนราชการ, without the โทร. part
    phone: str
    reference: str  # ที่
    date: dt.date
    date_style: DateStyle
    subject: str
    addressee: str  # เรียน
    body: tuple[str, ...]
    closing: str
    signatures: tuple[Signature, ...]
    handwritten_date: str | None = None  # e.g. ๑๑.๓.๖๖ beside the last endorsement
    thai_digits: bool = True


@dataclass
class DimensionRow:
    dimension: int
    projects_planned: int | None
    projects_done: int | None
    budget_planned: float | None
    budget_ordinance: float | None
    budget_spent: float | None
    pct_projects: float | None
    pct_budget: float | None


@dataclass
class DimensionTotal:
    projects_planned: int | None
    projects_done: int | None
    budget_planned: float | None
    budget_ordinance: float | None
    budget_spent: float | None
    pct_projects: float | None
    pct_budget: float | None


@dataclass
class DimensionsTable:
    rows: list[DimensionRow]
    total: DimensionTotal


@dataclass
class BudgetRow:
    dimension: int
    projects: int | None
    budget: float | None


@dataclass
class BudgetTotal:
    projects: int | None
    budget: float | None


@dataclass
class BudgetTable:
    rows: list[BudgetRow]
    total: BudgetTotal


@dataclass
class DisbursementRow:
    dimension: int
    plan: float | None
    ordinance: float | None
    disbursed: float | None


@dataclass
class DisbursementTotal:
    plan: float | None
    ordinance: float | None
    disbursed: float | None


@dataclass
class DisbursementTable:
    rows: list[DisbursementRow]
    total: DisbursementTotal
    misspelt_header: bool = False  # e-PlanNACC prints มติ for มิติ in this table


@dataclass
class StatusSummary:
    minimum_projects: int | None
    total_projects: int | None
    in_ordinance: int | None
    in_progress: int | None
    completed: int | None
    unable: int | None
    implementation_pct: float | None
    level: str | None


@dataclass
class Narrative:
    total_projects: int | None
    pending_report: int | None
    in_progress: int | None
    completed: int | None
    unable: int | None
    disbursed: float | None
    disbursed_pct: float | None
    level: str | None
    implementation_pct: float | None


@dataclass
class ProjectRow:
    seq: int
    name: str
    dimension: int
    budget: float | None
    disbursed: float | None
    marks: tuple[int, ...]  # indices into STATUSES of the boxes drawn checked
    remark: str | None = None

    @property
    def status(self) -> str | None:
        return STATUSES[self.marks[0]] if len(self.marks) == 1 else None


@dataclass
class Report:
    organization: str
    fiscal_year: int
    round_months: int
    data_as_of: dt.date
    district: str | None
    province: str | None
    office_lines: tuple[str, ...]  # the cover page's unit, phone and e-mail lines
    reporter: Person | None
    memo: Memo | None
    dimensions: DimensionsTable | None
    plan_budget: BudgetTable | None
    ordinance_budget: BudgetTable | None
    disbursement: DisbursementTable | None
    status_summary: StatusSummary | None
    projects: list[ProjectRow] | None  # None: the project list is not printed
    narrative: Narrative | None
    problems: list[str] = field(default_factory=list)

    def copy(self) -> Report:
        return copy.deepcopy(self)

    @property
    def round_period(self) -> tuple[int, int, int, int]:
        """(first month, its year, last month, its year) of the round, Buddhist years."""
        last = 3 if self.round_months == 6 else 9
        return 10, self.fiscal_year - 1, last, self.fiscal_year
