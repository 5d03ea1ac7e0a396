"""Dates and times as Thai readers write them: the Buddhist era (`5 ธ.ค. 2569`, or in full
`5 ธันวาคม 2569`) and the clock in Bangkok (`14:05 น.`). For auditors' pages, exports and
captions; pure (no database). Month names are the parser's (`parsers.language.thai_dates`).

raingan stores timestamps in UTC without a time zone: a naive datetime given here is UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from parsers.language.thai_dates import BUDDHIST_ERA_OFFSET, THAI_MONTHS

BANGKOK = ZoneInfo("Asia/Bangkok")
CLOCK_WORD = "น."  # นาฬิกา, written after a 24-hour time


def in_bangkok(moment: datetime) -> datetime:
    """A stored timestamp (naive: UTC) or an aware one, on Bangkok's clock."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(BANGKOK)


def local_day(value: date) -> date:
    """The day a date names; of a timestamp, its day in Bangkok (01:00 UTC on the 5th is
    already 08:00 on the 5th there, 20:00 UTC is 03:00 on the next day)."""
    return in_bangkok(value).date() if isinstance(value, datetime) else value


def buddhist_year(value: date) -> int:
    return local_day(value).year + BUDDHIST_ERA_OFFSET


def thai_date(value: date) -> str:
    """`5 ธ.ค. 2569`: the day, the month's abbreviation, the Buddhist-era year."""
    day = local_day(value)
    return f"{day.day} {THAI_MONTHS[day.month - 1][1]} {buddhist_year(day)}"


def thai_long_date(value: date) -> str:
    """`5 ธันวาคม 2569`: the month in full."""
    day = local_day(value)
    return f"{day.day} {THAI_MONTHS[day.month - 1][0]} {buddhist_year(day)}"


def thai_time(moment: datetime) -> str:
    """`14:05 น.`: Bangkok's 24-hour clock."""
    return f"{in_bangkok(moment):%H:%M} {CLOCK_WORD}"


def thai_date_time(moment: datetime) -> str:
    """`5 ธ.ค. 2569 14:05 น.`: when something happened, as a Bangkok office reads it."""
    return f"{thai_date(moment)} {thai_time(moment)}"
