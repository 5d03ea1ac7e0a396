"""The words reports print, declared once: section titles, column headers, status words, the
patterns of running text built from them, and the kinds of organisation.

Matching is done on text with white space removed (`compact`: headers wrap anywhere), by
containment, so a label here is the shortest distinctive spelling, with variants as
alternatives. Pure data: importing this module loads no PDF or language library, so that
`checks` may read it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- How labels are matched ----------------------------------------------------------------------
# Invisible characters that only split words (U+200B ZWSP, ZWNJ, ZWJ, WORD JOINER, BOM).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
ZERO_WIDTH_REMOVAL = str.maketrans(dict.fromkeys(ZERO_WIDTH, None))


def compact(text: str) -> str:
    """The text without any white space, for comparisons (Thai spacing carries no meaning)."""
    if any(mark in text for mark in ZERO_WIDTH):  # translate looks up every char: 3 µs a cell
        text = text.translate(ZERO_WIDTH_REMOVAL)
    return "".join(text.split())


def one_of(words: tuple[str, ...]) -> str:
    """A regular expression group matching any of `words` literally, in the order given."""
    return "(?:" + "|".join(re.escape(word) for word in words) + ")"


# --- Tables ----------------------------------------------------------------------------------
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
# A dimension as a row or column label names it (มิติที่ 2), or a cell holds its number alone.
DIMENSION_NUMBER = re.compile(rf"{one_of(DIMENSION_WORDS)}(\d+)|^(\d+)$")

# The transposed budget tables print a pair of columns per dimension and for the total.
PAIR_PROJECTS = "โครงการ"
PAIR_BUDGET = "งบประมาณ"

# Header words that tell which section a ruled table prints: each group must be present (any
# word of it). Checked in this order; "budget_by_dimension" is told apart by ORDINANCE_WORDS
# and PLAN_BUDGET_TITLE in its header and the title above it.
SECTION_HEADERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "projects": (
        PROJECT_COLUMNS["seq"][:1],
        tuple(word for words in STATUS_HEADERS.values() for word in words),
    ),
    "status_summary": (
        STATUS_SUMMARY_COLUMNS["minimum_projects"],
        STATUS_SUMMARY_COLUMNS["total_projects"],
    ),
    "dimensions": (DIMENSION_COLUMNS["projects_done"], DIMENSION_COLUMNS["budget_spent"]),
    "disbursement": (DISBURSEMENT_COLUMNS["disbursed"], DISBURSEMENT_COLUMNS["plan"]),
    "budget_by_dimension": (DIMENSION_WORDS[:2], (PAIR_PROJECTS,), (PAIR_BUDGET,)),
}
# Read from an image, the project list whose ลำดับ was misread (its label touching a rule) is
# still known by all its other labels, each a column's: no other table prints a name's, a
# budget's and a disbursement's column beside the four status columns.
SECTION_COLUMNS_READ_FROM_IMAGE: dict[str, tuple[tuple[str, ...], ...]] = {
    "projects": (
        PROJECT_COLUMNS["name"],
        PROJECT_COLUMNS["budget"],
        PROJECT_COLUMNS["disbursed"],
        *STATUS_HEADERS.values(),
    ),
}
ORDINANCE_WORDS = (*ORDINANCE_BUDGET_TITLE, "ข้อบัญญัติ")

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
LEVEL = re.compile(rf"{one_of(NARRATIVE_LINES['level'])}\s*(\S+)")
# The implementation levels e-PlanNACC prints (highest first): a level read from an image is
# one of them or unknown.
LEVEL_WORDS = ("มากที่สุด", "มาก", "ปานกลาง", "น้อย", "น้อยที่สุด")

DATA_AS_OF_WORDS = ("ข้อมูล", "ณ", "วันที่")  # printed apart or together
DATA_AS_OF = ("".join(DATA_AS_OF_WORDS),)
DATA_AS_OF_LINE = re.compile(r"\s*".join(DATA_AS_OF_WORDS) + r"\s*(.+)$")
REPORTER = ("ผู้รายงาน",)
REPORTER_POSITION = ("ตำแหน่ง",)
REPORTER_LINE = re.compile(
    rf"{one_of(REPORTER)}\s*(?P<name>.*?)\s*{one_of(REPORTER_POSITION)}\s*(?P<position>.*)$"
)
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

# --- The report's identity: who, where, which year and round ------------------------------
BUDDHIST_ERA = "พ.ศ."
COMMON_ERA = "ค.ศ."
FISCAL_YEAR_WORDS = ("ปีงบประมาณ", BUDDHIST_ERA)
YEAR_AFTER = rf"{one_of(FISCAL_YEAR_WORDS)}\s*{one_of((BUDDHIST_ERA,))}?\s*"
YEAR_DIGITS = re.compile(r"25\d\d")  # a Buddhist-era year of these reports
FISCAL_YEAR = re.compile(rf"{YEAR_AFTER}({YEAR_DIGITS.pattern})")
# Any number where the fiscal year is printed: one that is no YEAR_DIGITS was misread.
NUMBER_AS_YEAR = re.compile(rf"{YEAR_AFTER}(\d+)")
ROUND_WORDS = ("รอบ",)
MONTHS_WORD = "เดือน"
ROUND_MONTHS = re.compile(rf"{one_of(ROUND_WORDS)}\s*(\d{{1,2}})\s*{MONTHS_WORD}")
# A heading names the report's year and round together (… ประจำปีงบประมาณ พ.ศ. 2566 รอบ 6
# เดือน): a project's name may name another year, never with the report's round.
YEAR_AND_ROUND = re.compile(rf"{FISCAL_YEAR.pattern}\s*{ROUND_MONTHS.pattern}")
DISTRICT_WORD = "อำเภอ"
PROVINCE_WORD = "จังหวัด"


@lru_cache(maxsize=1)
def known_provinces() -> frozenset[str]:
    """Thailand's 77 provinces as pythainlp's corpus names them, white space ignored (loaded
    on first use: this module stays light)."""
    from pythainlp.corpus import provinces

    return frozenset(compact(str(name)) for name in provinces(details=False))


def is_province(name: str) -> bool:
    """One of the 77, white space ignored."""
    return compact(name) in known_provinces()


# How the name of any kind of organisation starts (กรุงเทพ also covers กรุงเทพฯ).
ORG_NAME_STARTS = ("องค์การบริหารส่วน", "เทศบาล", "กรุงเทพ", "เมืองพัทยา")
LOCATION_LINE = re.compile(
    rf"^(?P<org>.*?)\s*{DISTRICT_WORD}\s*(?P<district>.+?)\s*{PROVINCE_WORD}\s*(?P<province>\S+)\s*$"
)
# The organisation named in a title: ของ <name> ended by the year or ประจำปี.
TITLE_OF_WORD = "ของ"
TITLE_YEAR_WORDS = (BUDDHIST_ERA, "ประจำปี", "ปีงบประมาณ")
ORG_IN_TITLE = re.compile(
    rf"{TITLE_OF_WORD}\s*({one_of(ORG_NAME_STARTS)}\S*(?:\s\S+)*?)\s*{one_of(TITLE_YEAR_WORDS)}"
)


@dataclass(frozen=True)
class OrgType:
    """A kind of Thai local administrative organisation."""

    label: str  # the short label auditors group by
    prefix: str  # how a full name starts
    abbreviations: tuple[str, ...]
    named_after_province: bool = False  # the name is its prefix and a province's name


# Longer prefixes come first, so that "เทศบาลตำบล" is not mistaken for a bare "เทศบาล".
ORG_TYPES: tuple[OrgType, ...] = (
    OrgType("อบจ.", "องค์การบริหารส่วนจังหวัด", ("อบจ.",), named_after_province=True),
    OrgType("อบต.", "องค์การบริหารส่วนตำบล", ("อบต.",)),
    OrgType("เทศบาลนคร", "เทศบาลนคร", ("ทน.",)),
    OrgType("เทศบาลเมือง", "เทศบาลเมือง", ("ทม.",)),
    OrgType("เทศบาลตำบล", "เทศบาลตำบล", ("ทต.",)),
    OrgType("กรุงเทพมหานคร", "กรุงเทพมหานคร", ("กทม.",)),
    OrgType("เมืองพัทยา", "เมืองพัทยา", ()),
)
# The titles before an organisation's place in a memo's addressee and signatories: its chief
# executive's and its clerk's (นายกเทศมนตรีตำบล…, ปลัดองค์การบริหารส่วนตำบล…).
HEAD_TITLES = (
    "นายกองค์การบริหารส่วนจังหวัด",
    "นายกองค์การบริหารส่วนตำบล",
    "นายกเทศมนตรี",
    "ปลัดองค์การบริหารส่วนจังหวัด",
    "ปลัดองค์การบริหารส่วนตำบล",
    "ปลัดเทศบาล",
)
# What a user may ask for by kind: each kind's label, and เทศบาล for the three municipalities.
MUNICIPALITY = "เทศบาล"
ORG_TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    **{kind.label: (kind.label,) for kind in ORG_TYPES},
    MUNICIPALITY: tuple(kind.label for kind in ORG_TYPES if kind.label.startswith(MUNICIPALITY)),
}


def org_kind_of(name: str | None) -> OrgType | None:
    """The kind of organisation a full name denotes (by how it starts), if any."""
    if not name:
        return None
    name = compact(name)
    return next((kind for kind in ORG_TYPES if name.startswith(kind.prefix)), None)


def province_named_in(name: str | None) -> str | None:
    """The province a provincial administration's name ends with (องค์การบริหารส่วนจังหวัด
    กาฬสินธุ์: กาฬสินธุ์); None for the other kinds, whose place is a town's or a subdistrict's."""
    kind = org_kind_of(name)
    if kind is None or not kind.named_after_province or name is None:
        return None
    return compact(name).removeprefix(kind.prefix)


# A province named in running text: จังหวัด and the name after it, to a space or the end (the
# memo's agency and addressee, a signatory's position: นายกองค์การบริหารส่วนจังหวัดเลย).
PROVINCE_NAMED = re.compile(rf"{PROVINCE_WORD}\s*([\u0e01-\u0e4e]+)")


def provinces_named(text: str) -> list[str]:
    """The names a text gives after จังหวัด, as read."""
    return PROVINCE_NAMED.findall(text)


# A district named after its province (อำเภอเมืองกาฬสินธุ์); others start so too (เมืองพล,
# เมืองปาน), named after no province: a district's name is taken for a province's when it is
# within this many edits of one, and under a third of the province's letters.
MUEANG = "เมือง"
NEAR_PROVINCE_EDITS = 2


def province_in_district(name: str | None) -> str | None:
    """The province a district named เมือง… names, as read (a letter off included); None for
    a district named after no province."""
    from rapidfuzz.distance import Levenshtein

    rest = compact(name or "").removeprefix(MUEANG)
    if not name or rest == compact(name):
        return None
    near = any(
        Levenshtein.distance(rest, province) <= min(NEAR_PROVINCE_EDITS, len(province) // 3)
        for province in known_provinces()
    )
    return rest if near else None


def org_type_of(name: str | None) -> str | None:
    """The label of the kind of organisation a full name denotes, if any."""
    kind = org_kind_of(name)
    return kind.label if kind else None


# Dotted abbreviations a report prints besides the organisations' own: the anti-corruption
# commissions (national, public sector), the audit office, the local government department.
AGENCY_ABBREVIATIONS = ("ป.ป.ช.", "ป.ป.ท.", "สตง.", "สถ.")


def expand_abbreviations(text: str) -> str:
    """Replace อบจ./อบต./ทต./ทม./ทน./กทม. with the full words they stand for."""
    for kind in ORG_TYPES:
        for abbreviation in kind.abbreviations:
            text = text.replace(abbreviation, kind.prefix)
    return text


# --- The memo page -----------------------------------------------------------------------------
MEMO_TITLE = ("บันทึกข้อความ",)
MEMO_FIELDS: dict[str, tuple[str, ...]] = {
    "agency": ("ส่วนราชการ",),
    "reference": ("ที่",),
    "date": ("วันที่",),
    "subject": ("เรื่อง",),
    "addressee": ("เรียน",),
}
PHONE_LABELS = ("โทรศัพท์", "โทร.", "โทร")  # longest first: the first that matches is cut
# Notes written under a signature (เพื่อโปรดทราบ, อนุมัติ …) end the signatory's position.
ENDORSEMENT_STARTS = ("เพื่อโปรด", "ทราบ", "เห็นควร", "อนุมัติ", "ลงนาม", "มอบ")
ENDORSEMENT_WORDS = ("ดำเนินการ",)

# --- Scans ---------------------------------------------------------------------------------
# A page whose largest image covers this share of it is a scan; a text layer over it whose
# letters are less than this share Thai is a bad OCR pass (Latin junk), not the report's text.
SCAN_COVER = 0.8
THAI_SHARE_OF_A_REPORT = 0.2

# --- Figures -----------------------------------------------------------------------------------
CURRENCY_WORD = "บาท"  # printed after an amount

# Marks drawn as glyphs in status cells (Wingdings/ZapfDingbats check marks included), and
# the filled dots some printouts mark with (● ⚫ ⬤ ◉; Wingdings' filled circle is \uf06c). A
# bullet (•) is not one: the closing summary's items start with it.
CHECK_GLYPHS = frozenset("✓✔☑☒✗✘✅❎✕×xXþüý\uf0fe\uf0fc\uf0fb\uf0fd\uf078" + "●⚫⬤◉\uf06c")
EMPTY_BOX_GLYPHS = frozenset("☐□▢¨\uf0a8\uf06f\uf071")
