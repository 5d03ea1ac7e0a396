"""Thai dates → Gregorian dates: names, abbreviations, numeric forms, Thai digits, BE years."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.language.thai_dates import THAI_MONTHS, parse_thai_date, to_iso

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def test_the_contract_examples() -> None:
    assert to_iso(parse_thai_date("๒๐ มีนาคม ๒๕๖๖")) == "2023-03-20"
    assert to_iso(parse_thai_date("20 มี.ค. 66")) == "2023-03-20"


FULL_NAMES = [
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
]
ABBREVIATIONS = [
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
]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_and_abbreviation(month: int) -> None:
    full, abbreviation = FULL_NAMES[month - 1], ABBREVIATIONS[month - 1]
    expected = date(2022, month, 5)
    assert parse_thai_date(f"5 {full} 2565") == expected
    assert parse_thai_date(f"๕ {full} ๒๕๖๕") == expected
    assert parse_thai_date(f"5 {abbreviation} 65") == expected
    assert parse_thai_date(f"5 {abbreviation.replace('.', '')} 65") == expected  # no dots
    assert parse_thai_date(f"5 {abbreviation.replace('.', '. ')} 2565") == expected  # spaced
    assert parse_thai_date(f"5{abbreviation}65") == expected  # no spaces at all


def test_month_names_are_declared_once_in_order() -> None:
    assert [full for full, _ in THAI_MONTHS] == FULL_NAMES
    assert [abbreviation for _, abbreviation in THAI_MONTHS] == ABBREVIATIONS


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("20/3/2566", date(2023, 3, 20)),
        ("๒๐.๓.๖๖", date(2023, 3, 20)),
        ("๑๑.๓.๖๖", date(2023, 3, 11)),  # a handwritten endorsement date
        ("1/10/2565", date(2022, 10, 1)),  # months 10–12, which thai_strptime misreads
        ("15/11/65", date(2022, 11, 15)),
        ("๓๑/๑๒/๒๕๖๕", date(2022, 12, 31)),
        ("31-12-2565", date(2022, 12, 31)),
        ("20/03/2023", date(2023, 3, 20)),  # a Gregorian four-digit year stays as it is
    ],
)
def test_numeric_dates(printed: str, expected: date) -> None:
    assert parse_thai_date(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("วันที่ ๒๐ มีนาคม พ.ศ. ๒๕๖๖", date(2023, 3, 20)),
        ("20 มีนาคม พ.ศ.2566", date(2023, 3, 20)),
        ("ข้อมูล ณ วันที่ 1 ตุลาคม 2565 เวลา 10.00 น.", date(2022, 10, 1)),
        ("  ๒๐   มี.ค.   ๖๖  ", date(2023, 3, 20)),
        ("29 ก.พ. 2567", date(2024, 2, 29)),  # a leap year
        ("๒๐ มี\u200bนาคม ๒๕๖๖", date(2023, 3, 20)),  # a zero-width space inside the name
    ],
)
def test_dates_in_context(printed: str, expected: date) -> None:
    assert parse_thai_date(printed) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ไม่มีวันที่",
        "2566",
        "20 มีนาคม",  # no year
        "มีนาคม 2566",  # no day
        "32 มีนาคม 2566",
        "29 ก.พ. 2566",  # 2023 is not a leap year
        "20/13/2566",
        "0-4381-1247",  # a phone number
        "1,456,400.00",
        "33.93",
        "1.2.3.4",
        "20 มีนาคม 1066",
    ],
)
def test_anything_else_is_not_a_date(text: str) -> None:
    assert parse_thai_date(text) is None


def test_to_iso() -> None:
    assert to_iso(date(2023, 3, 20)) == "2023-03-20"
    assert to_iso(None) is None


@given(
    st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)),
    st.booleans(),
    st.sampled_from(["full", "abbreviation", "numeric"]),
    st.booleans(),
)
def test_any_printed_date_reads_back(
    value: date, thai_digits: bool, form: str, short: bool
) -> None:
    year = str(value.year + 543)[2:] if short else str(value.year + 543)
    if form == "numeric":
        printed = f"{value.day}/{value.month}/{year}"
    else:
        month = THAI_MONTHS[value.month - 1][0 if form == "full" else 1]
        printed = f"{value.day} {month} {year}"
    if thai_digits:
        printed = printed.translate(THAI_DIGITS)
    assert parse_thai_date(printed) == value
