"""The contract's rule catalogue and the printed figures it compares, declared as data.

A *quantity* is one thing the report states in several places (the number of completed
projects, the planned budget of dimension 2 …). Each place is a *printed figure*: a key of
a section. The project list can compute some quantities (`tally`); when it cannot, a total
is compared with the sum of its own table's rows, and otherwise with the same quantity in
the section listed first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    STATUS_COUNT = "STATUS_COUNT"
    DIMENSION_COUNT = "DIMENSION_COUNT"
    AMOUNT_SUM = "AMOUNT_SUM"
    TOTAL_ROW = "TOTAL_ROW"
    PERCENT = "PERCENT"
    CROSS_TABLE = "CROSS_TABLE"
    CHECKBOX = "CHECKBOX"
    SEQUENCE = "SEQUENCE"
    METADATA = "METADATA"


# In catalogue order: findings are listed in this order.
SEVERITY: dict[Rule, str] = {
    Rule.STATUS_COUNT: "error",
    Rule.DIMENSION_COUNT: "error",
    Rule.AMOUNT_SUM: "error",
    Rule.TOTAL_ROW: "error",
    Rule.PERCENT: "error",
    Rule.CROSS_TABLE: "warning",
    Rule.CHECKBOX: "error",
    Rule.SEQUENCE: "warning",
    Rule.METADATA: "warning",
}
RULE_ORDER: dict[Rule, int] = {rule: index for index, rule in enumerate(SEVERITY)}


@dataclass(frozen=True)
class RuleWords:
    """A rule as auditors read it: its Thai name, and a sentence saying what it compared."""

    name: str
    compared: str


# Evidence captions, the HTML report, the workbook and the web pages all print these.
RULE_WORDS: dict[Rule, RuleWords] = {
    Rule.STATUS_COUNT: RuleWords(
        "จำนวนตามสถานะ",
        "จำนวนโครงการตามสถานะที่พิมพ์ไว้ เทียบกับจำนวนแถวในรายการโครงการที่มีสถานะนั้น",
    ),
    Rule.DIMENSION_COUNT: RuleWords(
        "จำนวนโครงการตามมิติ",
        "จำนวนโครงการของมิติ (หรือแถวรวม) ที่พิมพ์ไว้ เทียบกับจำนวนแถวของมิตินั้นในรายการโครงการ",
    ),
    Rule.AMOUNT_SUM: RuleWords(
        "ผลรวมงบประมาณ",
        "งบประมาณหรือยอดเบิกจ่ายที่พิมพ์ไว้ เทียบกับผลรวมของจำนวนเงินในรายการโครงการ",
    ),
    Rule.TOTAL_ROW: RuleWords(
        "แถวรวม",
        "ตัวเลขในแถวรวมของตาราง เทียบกับผลรวมของแถวในตารางเดียวกัน",
    ),
    Rule.PERCENT: RuleWords(
        "ร้อยละ",
        "ร้อยละที่พิมพ์ไว้ เทียบกับร้อยละที่คำนวณจากตัวเลขที่พิมพ์ไว้ซึ่งเป็นตัวตั้งและตัวหาร",
    ),
    Rule.CROSS_TABLE: RuleWords(
        "ตัวเลขต่างตาราง",
        "ตัวเลขเดียวกันที่พิมพ์ไว้ในสองตาราง เทียบกันเมื่อไม่มีรายการโครงการให้ตัดสิน",
    ),
    Rule.CHECKBOX: RuleWords(
        "ช่องสถานะ",
        "ช่องสถานะของแถวโครงการ ซึ่งควรทำเครื่องหมายไว้หนึ่งช่องพอดี",
    ),
    Rule.SEQUENCE: RuleWords(
        "ลำดับโครงการ",
        "ลำดับที่ของโครงการ เทียบกับลำดับที่ของแถวก่อนหน้า (ควรเป็น 1, 2, …, N)",
    ),
    Rule.METADATA: RuleWords(
        "ข้อมูลบันทึกข้อความ",
        "ส่วนราชการ ปีงบประมาณ รอบ หรือวันที่ในบันทึกข้อความ เทียบกับที่ระบุในรายงาน",
    ),
}

STATUSES: tuple[str, ...] = ("pending_report", "in_progress", "completed", "unable")

# Thai words people read in messages.
STATUS_LABELS: dict[str, str] = {
    "pending_report": "รอรายงาน",
    "in_progress": "อยู่ระหว่างดำเนินการ",
    "completed": "ดำเนินการแล้วเสร็จ",
    "unable": "ไม่สามารถดำเนินการได้",
}
SECTION_LABELS: dict[str, str] = {
    "dimensions": "ตารางผลการนำแผนไปปฏิบัติ",
    "plan_budget": "ตารางโครงการ/งบประมาณตามแผนพัฒนาท้องถิ่น",
    "ordinance_budget": "ตารางโครงการ/งบประมาณตามข้อบัญญัติ",
    "disbursement": "ตารางการเบิกจ่ายงบประมาณ",
    "status_summary": "ตารางสถานะโครงการ",
    "narrative": "สรุปผลการขับเคลื่อนแผนฯ",
    "memo": "บันทึกข้อความ",
    "projects": "รายการโครงการ",
}


@dataclass(frozen=True)
class Printed:
    """One place a quantity is printed: `section.key`, and the rule that judges it."""

    section: str
    key: str
    rule: Rule
    status_tolerant: bool = False  # rows with no status may explain a difference

    @property
    def is_total(self) -> bool:
        return self.section.endswith("_total")

    @property
    def rows_section(self) -> str:
        return self.section.removesuffix("_total")

    @property
    def field(self) -> str:
        return f"{self.section}.{self.key}"


@dataclass(frozen=True)
class Quantity:
    """A quantity printed in several places; `tally` names how the project list computes it.

    Places are listed in the order of the contract's key table (dimensions, plan_budget,
    ordinance_budget, disbursement, status_summary, narrative): CROSS_TABLE flags the later one.
    """

    name: str
    per_dimension: bool
    tally: str | None
    printed: tuple[Printed, ...]


DC, SC, AS = Rule.DIMENSION_COUNT, Rule.STATUS_COUNT, Rule.AMOUNT_SUM

QUANTITIES: tuple[Quantity, ...] = (
    Quantity(
        "projects",
        True,
        "count",
        (Printed("dimensions", "projects_planned", DC), Printed("plan_budget", "projects", DC)),
    ),
    Quantity(
        "projects",
        False,
        "count",
        (
            Printed("dimensions_total", "projects_planned", DC),
            Printed("plan_budget_total", "projects", DC),
            Printed("status_summary", "total_projects", SC),
            Printed("narrative", "total_projects", SC),
        ),
    ),
    Quantity(
        "completed",
        True,
        "status:completed",
        (Printed("dimensions", "projects_done", DC, status_tolerant=True),),
    ),
    Quantity(
        "completed",
        False,
        "status:completed",
        (
            Printed("dimensions_total", "projects_done", DC, status_tolerant=True),
            Printed("status_summary", "completed", SC, status_tolerant=True),
            Printed("narrative", "completed", SC, status_tolerant=True),
        ),
    ),
    Quantity(
        "in_progress",
        False,
        "status:in_progress",
        (
            Printed("status_summary", "in_progress", SC, status_tolerant=True),
            Printed("narrative", "in_progress", SC, status_tolerant=True),
        ),
    ),
    Quantity(
        "unable",
        False,
        "status:unable",
        (
            Printed("status_summary", "unable", SC, status_tolerant=True),
            Printed("narrative", "unable", SC, status_tolerant=True),
        ),
    ),
    Quantity(
        "pending_report",
        False,
        "status:pending_report",
        (Printed("narrative", "pending_report", SC, status_tolerant=True),),
    ),
    Quantity(
        "budget_planned",
        True,
        "budget",
        (
            Printed("dimensions", "budget_planned", AS),
            Printed("plan_budget", "budget", AS),
            Printed("disbursement", "plan", AS),
        ),
    ),
    Quantity(
        "budget_planned",
        False,
        "budget",
        (
            Printed("dimensions_total", "budget_planned", AS),
            Printed("plan_budget_total", "budget", AS),
            Printed("disbursement_total", "plan", AS),
        ),
    ),
    Quantity(
        "budget_spent",
        True,
        "disbursed",
        (Printed("dimensions", "budget_spent", AS), Printed("disbursement", "disbursed", AS)),
    ),
    Quantity(
        "budget_spent",
        False,
        "disbursed",
        (
            Printed("dimensions_total", "budget_spent", AS),
            Printed("disbursement_total", "disbursed", AS),
            Printed("narrative", "disbursed", AS),
        ),
    ),
    # The project list does not say what the ordinance funds: only tables can disagree.
    Quantity(
        "budget_ordinance",
        True,
        None,
        (
            Printed("dimensions", "budget_ordinance", Rule.CROSS_TABLE),
            Printed("ordinance_budget", "budget", Rule.CROSS_TABLE),
            Printed("disbursement", "ordinance", Rule.CROSS_TABLE),
        ),
    ),
    Quantity(
        "budget_ordinance",
        False,
        None,
        (
            Printed("dimensions_total", "budget_ordinance", Rule.CROSS_TABLE),
            Printed("ordinance_budget_total", "budget", Rule.CROSS_TABLE),
            Printed("disbursement_total", "ordinance", Rule.CROSS_TABLE),
        ),
    ),
    Quantity(
        "ordinance_projects",
        False,
        None,
        (Printed("ordinance_budget_total", "projects", Rule.CROSS_TABLE),),
    ),
    Quantity(
        "implementation_pct",
        False,
        None,
        (
            Printed("status_summary", "implementation_pct", Rule.CROSS_TABLE),
            Printed("narrative", "implementation_pct", Rule.CROSS_TABLE),
        ),
    ),
    Quantity(
        "level",
        False,
        None,
        (
            Printed("status_summary", "level", Rule.CROSS_TABLE),
            Printed("narrative", "level", Rule.CROSS_TABLE),
        ),
    ),
)


@dataclass(frozen=True)
class Ratio:
    """A printed percentage and the printed figures it is computed from."""

    section: str
    key: str
    numerator: str
    denominator: str


RATIOS: tuple[Ratio, ...] = (
    Ratio("dimensions", "pct_projects", "projects_done", "projects_planned"),
    Ratio("dimensions", "pct_budget", "budget_spent", "budget_planned"),
    Ratio("dimensions_total", "pct_projects", "projects_done", "projects_planned"),
    Ratio("dimensions_total", "pct_budget", "budget_spent", "budget_planned"),
)

AMOUNT_TOLERANCE = 0.005
PERCENT_TOLERANCE = 0.01
