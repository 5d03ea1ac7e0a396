"""The words reports print, declared once: section titles, column headers, status words.

Matching is done on text with white space removed (headers wrap anywhere), by containment,
so a label here is the shortest distinctive spelling, with variants as alternatives.
"""

from __future__ import annotations

# Status columns of the project list, and the status each stands for.
STATUS_HEADERS: dict[str, tuple[str, ...]] = {
    # Checked in this order: "ไม่สามารถดำเนินการได้" also contains "ดำเนินการ".
    "unable": ("ไม่สามารถ",),
    "in_progress": ("อยู่ระหว่าง",),
    "completed": ("แล้วเสร็จ",),
    "pending_report": ("รอรายงาน", "รอการรายงาน"),
}

# Columns of the project list (other than the status columns).
PROJECT_COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("ลำดับ", "ที่"),
    "name": ("รายการโครงการ", "โครงการ/กิจกรรม", "ชื่อโครงการ", "โครงการ"),
    "dimension": ("มิติ", "มติ"),
    "budget": ("งบประมาณ",),
    "disbursed": ("เบิกจ่าย",),
    "status": ("สถานะ",),
    "remark": ("หมายเหตุ",),
}

# Titles that introduce each table; the status table's title is printed in quotes.
DIMENSIONS_TITLE = ("รายงานผลการนำแผนไปปฏิบัติ",)
PLAN_BUDGET_TITLE = ("ตามแผนพัฒนาท้องถิ่น",)
ORDINANCE_BUDGET_TITLE = ("ตามข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน", "แผนการดำเนินงาน)")
DISBURSEMENT_TITLE = ("การเบิกจ่ายงบประมาณ",)
STATUS_TITLE = ("สถานะโครงการ/กิจกรรม/มาตรการ",)
PROJECT_LIST_TITLE = ("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต",)

# Column headers of the dimensions table, in the order of the contract's keys.
DIMENSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "projects_planned": ("ตามแผน",),
    "projects_done": ("ดำเนินการแล้ว",),
    "budget_planned": ("ตามแผน",),
    "budget_ordinance": ("ตามข้อบัญญัติ", "ข้อบัญญัติ"),
    "budget_spent": ("ใช้จริง",),
    "pct_projects": ("โครงการ",),
    "pct_budget": ("งบประมาณ",),
}

# Columns of the disbursement table.
DISBURSEMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("ตามแผน",),
    "ordinance": ("ข้อบัญญัติ", "เทศบัญญัติ"),
    "disbursed": ("การเบิกจ่าย", "เบิกจ่าย"),
}

# Columns of the status table.
STATUS_SUMMARY_COLUMNS: dict[str, tuple[str, ...]] = {
    "minimum_projects": ("ขั้นต่ำ",),
    "total_projects": ("ทั้งหมด",),
    "in_ordinance": ("บรรจุใน", "บรรจุ"),
    "in_progress": ("อยู่ระหว่าง",),
    "completed": ("แล้วเสร็จ",),
    "unable": ("ไม่สามารถ",),
    "implementation_pct": ("ผลการนำแผน", "คิดจาก"),
    "level": ("ระดับ",),
}

TOTAL_ROW_WORDS = ("รวม",)
DIMENSION_WORDS = ("มิติที่", "มติที่", "มิติ", "มติ")

# Lines of the closing summary (สรุปผลการขับเคลื่อนแผนฯ), by what each line starts with.
NARRATIVE_TITLE = ("สรุปผลการขับเคลื่อนแผน",)
NARRATIVE_LINES: dict[str, tuple[str, ...]] = {
    "total_projects": ("มีโครงการ", "จำนวน"),
    "pending_report": ("รอการรายงาน", "รอรายงาน"),
    "in_progress": ("อยู่ระหว่างดำเนินการ",),
    "completed": ("ดำเนินการแล้วเสร็จ",),
    "unable": ("ไม่สามารถดำเนินการได้",),
    "disbursed": ("เบิกจ่ายงบประมาณ",),
    "level": ("ระดับ",),
}

DATA_AS_OF = ("ข้อมูลณวันที่",)
REPORTER = ("ผู้รายงาน",)
REPORTER_POSITION = ("ตำแหน่ง",)
PROBLEMS_TITLE = ("ปัญหาอุปสรรค",)

# Lines printed between tables and around them: a table drawn without rules has its header
# below such a line and its rows above the next one.
SECTION_TITLES = (
    *DIMENSIONS_TITLE,
    *PLAN_BUDGET_TITLE,
    *ORDINANCE_BUDGET_TITLE,
    *DISBURSEMENT_TITLE,
    *STATUS_TITLE,
    *PROJECT_LIST_TITLE,
    *NARRATIVE_TITLE,
    *DATA_AS_OF,
    *PROBLEMS_TITLE,
)

# The memo page.
MEMO_TITLE = ("บันทึกข้อความ",)
MEMO_FIELDS: dict[str, tuple[str, ...]] = {
    "agency": ("ส่วนราชการ",),
    "reference": ("ที่",),
    "date": ("วันที่",),
    "subject": ("เรื่อง",),
    "addressee": ("เรียน",),
}
PHONE_LABELS = ("โทร.", "โทรศัพท์", "โทร")

# The cover page.
COVER_TITLE = ("ตามแผนปฏิบัติการป้องกันการทุจริต",)
FISCAL_YEAR_WORDS = ("ปีงบประมาณ",)
ROUND_WORDS = ("รอบ",)
DISTRICT_WORD = "อำเภอ"
PROVINCE_WORD = "จังหวัด"

# Marks drawn as glyphs in status cells (Wingdings/ZapfDingbats check marks included).
CHECK_GLYPHS = frozenset("✓✔☑☒✗✘✅❎✕×xXþüý\uf0fe\uf0fc\uf0fb\uf0fd\uf078")
EMPTY_BOX_GLYPHS = frozenset("☐□▢¨\uf0a8\uf06f\uf071")
