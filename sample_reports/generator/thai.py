"""How Thai documents print digits, dates and figures: declared once, used by every renderer."""

from __future__ import annotations

import datetime as dt

from sample_reports.generator.model import DateStyle

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BUDDHIST_ERA_OFFSET = 543

MONTHS_FULL: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# Combining marks: above or below their consonant, no advance of their own.
COMBINING = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))


def to_thai_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


def buddhist_year(date: dt.date) -> int:
    return date.year + BUDDHIST_ERA_OFFSET


def format_date(date: dt.date, style: DateStyle) -> str:
    """A date as a memo writes it in `style`."""
    year = buddhist_year(date)
    abbreviated = style in (
        DateStyle.THAI_ABBR_SHORT,
        DateStyle.THAI_ABBR_FULL,
        DateStyle.ARABIC_ABBR_SHORT,
    )
    month = (MONTHS_ABBR if abbreviated else MONTHS_FULL)[date.month - 1]
    short_year = style in (DateStyle.THAI_ABBR_SHORT, DateStyle.ARABIC_ABBR_SHORT)
    text = f"{date.day} {month} {year % 100 if short_year else year}"
    return to_thai_digits(text) if style.value.startswith("thai") else text


def full_date(date: dt.date) -> str:
    """The system's own way: 20 มีนาคม 2566."""
    return format_date(date, DateStyle.ARABIC_FULL)


def amount(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def count(value: int | None) -> str:
    return "-" if value is None else str(value)


def plain(value: object) -> str:
    """A level or other free text figure; `-` when absent."""
    return "-" if value is None else str(value)


def spacing_length(text: str) -> int:
    """How many characters of `text` take horizontal space (Thai marks do not)."""
    return sum(1 for char in text if char not in COMBINING)
