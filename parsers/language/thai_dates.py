"""Thai dates as printed → `datetime.date` (Gregorian = Buddhist era − 543).

Our own parser: pythainlp's thai_strptime misreads months 10–12 in numeric dates. Accepted:
`20 มีนาคม 2566`, `๒๐ มี.ค. ๖๖`, `20 มีค. พ.ศ. 2566`, `20/3/2566`, `๑๑.๓.๖๖`, with Thai or Arabic
digits and two- or four-digit years. The first date written in the text is read.
"""

from __future__ import annotations

import re
from datetime import date

from pythainlp.util.date import thai_abbr_months, thai_full_months

from parsers.language.thai_text import repair_thai
from parsers.language.vocabulary import BUDDHIST_ERA, COMMON_ERA, compact

# (full name, abbreviation) for months 1–12, as pythainlp names them (มีนาคม, มี.ค.). Every
# other spelling the parser accepts comes from these: see abbreviation_pattern.
THAI_MONTHS: tuple[tuple[str, str], ...] = tuple(
    zip(thai_full_months, thai_abbr_months, strict=True)
)
BUDDHIST_ERA_OFFSET = 543
TWO_DIGIT_CENTURY = 2500  # `66` is BE 2566: reports of this kind are all after BE 2500
BE_YEARS = range(2400, 2800)
CE_YEARS = range(1900, 2300)  # a four-digit year in this range is already Gregorian


def abbreviation_pattern(abbreviation: str) -> str:
    """`มี.ค.` → also `มีค`, `มี.ค`, `มี. ค.`: each part, dots and spaces optional."""
    parts = [re.escape(part) for part in abbreviation.split(".") if part]
    return r"\.?\s*".join(parts) + r"\.?"


def month_patterns() -> list[str]:
    """Full names first: a full name is never a prefix of an abbreviation."""
    return [re.escape(full) for full, _ in THAI_MONTHS] + [
        abbreviation_pattern(abbreviation) for _, abbreviation in THAI_MONTHS
    ]


MONTH_NUMBERS: dict[str, int] = {full: n for n, (full, _) in enumerate(THAI_MONTHS, 1)} | {
    compact(ab.replace(".", "")): n for n, (_, ab) in enumerate(THAI_MONTHS, 1)
}
NAMED_DATE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s*\.?\s*"
    rf"(?P<month>{'|'.join(month_patterns())})"
    rf"\s*(?:(?:{abbreviation_pattern(BUDDHIST_ERA)}|{abbreviation_pattern(COMMON_ERA)})\s*)?"
    r"(?P<year>\d{4}|\d{2})(?!\d)"
)
NUMERIC_DATE = re.compile(
    r"(?<![\d.,/-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\d/-]|\.\d)"
)


def month_number(printed: str) -> int | None:
    """A month as printed (full name or abbreviation, any dots or spaces) → 1–12."""
    return MONTH_NUMBERS.get(compact(printed).replace(".", ""))


def gregorian_year(printed: str) -> int | None:
    year = int(printed)
    if len(printed) == 2:
        return TWO_DIGIT_CENTURY + year - BUDDHIST_ERA_OFFSET
    if year in BE_YEARS:
        return year - BUDDHIST_ERA_OFFSET
    return year if year in CE_YEARS else None


def make_date(year: int | None, month: int | None, day: int) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_thai_date(text: str) -> date | None:
    """The first date written in `text`, or None when there is none."""
    clean = repair_thai(text)  # Thai digits become Arabic here too
    named = NAMED_DATE.search(clean)
    if named:
        month = month_number(named.group("month"))
        return make_date(gregorian_year(named.group("year")), month, int(named.group("day")))
    numeric = NUMERIC_DATE.search(clean)
    if numeric:
        month = int(numeric.group("month"))
        return make_date(gregorian_year(numeric.group("year")), month, int(numeric.group("day")))
    return None


def to_iso(value: date | None) -> str | None:
    """The contract's date format, `YYYY-MM-DD`; None stays None."""
    return value.isoformat() if value else None
