"""What e-PlanNACC prints around the figures: titles, headers, lines. Shared by every renderer.

Header labels are lists of words; each renderer wraps them its own way.
"""

from __future__ import annotations

from sample_reports.generator.model import Memo, Narrative, Report
from sample_reports.generator.thai import (
    MONTHS_FULL,
    amount,
    count,
    format_date,
    full_date,
    pct,
    plain,
    to_thai_digits,
)

MEMO_TITLE = "บันทึกข้อความ"
DIMENSIONS_HEADER_GROUPS = (("โครงการ", 2), ("งบประมาณ", 3), ("ร้อยละดำเนินการ", 2))
DIMENSIONS_SUBHEADERS = (
    "ตามแผน",
    "ดำเนินการแล้ว",
    "ตามแผน",
    "ตามข้อบัญญัติ/ เทศบัญญัติ",
    "ใช้จริง",
    "โครงการ",
    "งบประมาณ",
)
PLAN_BUDGET_TITLE = "โครงการ/งบประมาณ (ตามแผนพัฒนาท้องถิ่น)"
ORDINANCE_BUDGET_TITLE = "โครงการ/งบประมาณ (ตามข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน)"
DISBURSEMENT_TITLE = "การเบิกจ่ายงบประมาณ"
DISBURSEMENT_HEADERS = ("ตามแผนป้องกันฯ", "ข้อบัญญัติ/เทศบัญญัติ", "การเบิกจ่าย")
STATUS_TITLE = '"สถานะโครงการ/กิจกรรม/มาตรการ"'
STATUS_HEADERS = (
    "โครงการ ขั้นต่ำ ตามที่ ป.ป.ช. กำหนด",
    "โครงการ ทั้งหมด",
    "บรรจุในข้อบัญญัติ/ เทศบัญญัติ/ แผนดำเนินงาน",
    "อยู่ระหว่าง ดำเนินการ",
    "ดำเนินการ แล้วเสร็จ",
    "ไม่สามารถ ดำเนินการได้",
    "ผลการนำแผนฯ ไปปฏิบัติ คิดจาก โครงการขั้นต่ำ",
    "ระดับการนำ แผนไปปฏิบัติ",
)
PROJECT_HEADERS = ("ลำดับ", "รายการโครงการ (ตั้งต้น)", "มิติ", "งบประมาณ (บาท)", "เบิกจ่าย (บาท)")
STATUS_GROUP = "สถานะ"
STATUS_COLUMNS = ("รอ รายงาน", "อยู่ระหว่าง ดำเนินการ", "ดำเนิน การแล้วเสร็จ", "ไม่สามารถ ดำเนินการได้")
NARRATIVE_PENDING = "รอการรายงาน"
# How versions of the e-PlanNACC system word "pending report" (all read as pending_report).
PENDING_WORDINGS = ("รอรายงาน", "รอการรายงาน", "รอรายงานผล")
REMARK_HEADER = "หมายเหตุ"
PROBLEMS_TITLE = "ปัญหา อุปสรรค ข้อเสนอแนะ"
NARRATIVE_TITLE = "สรุปผลการขับเคลื่อนแผนฯ"


def cover_title(report: Report) -> list[str]:
    first, first_year, last, last_year = report.round_period
    period = f"{MONTHS_FULL[first - 1]} {first_year} - {MONTHS_FULL[last - 1]} {last_year}"
    return [
        "รายงานผลการดำเนินงาน",
        "ตามแผนปฏิบัติการป้องกันการทุจริต",
        to_thai_digits(f"ประจำปีงบประมาณ พ.ศ. {report.fiscal_year}"),
        to_thai_digits(f"รอบ {report.round_months} เดือน ({period})"),
    ]


def location_line(report: Report) -> str | None:
    if report.district is None or report.province is None:
        return None
    return f"{report.organization} อำเภอ {report.district} จังหวัด {report.province}"


def dimensions_title(report: Report) -> str:
    return (
        f"รายงานผลการนำแผนไปปฏิบัติ ประจำปีงบประมาณ พ.ศ. {report.fiscal_year}"
        f" รอบ {report.round_months} เดือน"
    )


def dimension_word(misspelt: bool) -> str:
    return "มติ" if misspelt else "มิติ"


def projects_title(report: Report) -> str:
    return (
        "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต"
        f" ของ{report.organization} พ.ศ. {report.fiscal_year} รอบ {report.round_months} เดือน"
    )


def data_as_of_line(report: Report) -> str:
    return f"** ข้อมูล ณ วันที่ {full_date(report.data_as_of)}"


def reporter_line(report: Report) -> str | None:
    if report.reporter is None:
        return None
    return f"ชื่อ - สกุล ผู้รายงาน {report.reporter.name} ตำแหน่ง {report.reporter.position}"


def problem_lines(report: Report) -> list[str]:
    return [f"{n}. {problem}" for n, problem in enumerate(report.problems, 1)]


def narrative_lines(narrative: Narrative, pending: str = NARRATIVE_PENDING) -> list[str]:
    n = narrative
    return [
        f"- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน {count(n.total_projects)} โครงการ",
        f"- {pending} {count(n.pending_report)} โครงการ",
        f"- อยู่ระหว่างดำเนินการ {count(n.in_progress)} โครงการ",
        f"- ดำเนินการแล้วเสร็จ {count(n.completed)} โครงการ",
        f"- ไม่สามารถดำเนินการได้ {count(n.unable)} โครงการ",
        f"- เบิกจ่ายงบประมาณ {amount(n.disbursed)} บาท คิดเป็นร้อยละ {pct(n.disbursed_pct)}",
        f"- มีการนำแผนฯ ไปปฏิบัติ ระดับ {plain(n.level)} ร้อยละ {pct(n.implementation_pct)}",
    ]


def memo_text(memo: Memo, text: str) -> str:
    return to_thai_digits(text) if memo.thai_digits else text


def memo_head(memo: Memo) -> dict[str, str]:
    """The memo's labelled fields as printed (digits as the memo writes them)."""
    return {
        "agency": memo_text(memo, memo.agency),
        "phone": memo_text(memo, memo.phone),
        "reference": memo_text(memo, memo.reference),
        "date": format_date(memo.date, memo.date_style),
        "subject": memo_text(memo, memo.subject),
        "addressee": memo.addressee,
    }
