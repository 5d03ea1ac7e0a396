"""Words for auditors: dates in the Buddhist era as Thai readers write them, times on Bangkok's
clock, and the shipped Thai font that prints them (Thai letters, Latin and Thai digits)."""

from __future__ import annotations

import fnmatch
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from parsers.language.thai_dates import parse_thai_date
from raingan.assets import THAI_FONT_FAMILY, thai_font_path
from raingan.thai_display import (
    buddhist_year,
    in_bangkok,
    thai_date,
    thai_date_time,
    thai_long_date,
    thai_time,
)

ROOT = Path(__file__).resolve().parents[1]


def test_a_date_is_written_with_the_buddhist_era_and_a_thai_month():
    assert thai_date(date(2026, 12, 5)) == "5 ธ.ค. 2569"
    assert thai_long_date(date(2026, 12, 5)) == "5 ธันวาคม 2569"
    assert thai_date(date(2023, 3, 20)) == "20 มี.ค. 2566"
    assert buddhist_year(date(2023, 10, 1)) == 2566


def test_a_stored_timestamp_is_utc_and_shown_on_bangkoks_clock():
    stored = datetime(2026, 12, 5, 7, 5)  # as raingan stores it: UTC, naive
    assert thai_time(stored) == "14:05 น."
    assert thai_date_time(stored) == "5 ธ.ค. 2569 14:05 น."
    # Late evening in UTC is already the next morning in Bangkok: the date follows the clock.
    new_year = datetime(2026, 12, 31, 20, 30)
    assert thai_date_time(new_year) == "1 ม.ค. 2570 03:30 น."
    assert thai_long_date(new_year) == "1 มกราคม 2570"
    # An aware timestamp is converted from its own zone.
    tokyo = datetime(2026, 12, 5, 16, 5, tzinfo=timezone(timedelta(hours=9)))
    assert thai_time(tokyo) == "14:05 น."


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)))
def test_bangkok_is_seven_hours_ahead_all_year(stored: datetime):
    assert in_bangkok(stored).utcoffset() == timedelta(hours=7)  # no daylight saving
    assert in_bangkok(stored).replace(tzinfo=None) - stored == timedelta(hours=7)
    assert in_bangkok(stored) == stored.replace(tzinfo=UTC)


@given(st.dates(min_value=date(1958, 1, 1), max_value=date(2240, 12, 31)))
def test_what_is_written_reads_back_as_the_same_day(day: date):
    # The parser reads reports' dates; what raingan writes for auditors must say the same.
    assert parse_thai_date(thai_date(day)) == day
    assert parse_thai_date(thai_long_date(day)) == day


# The shipped font ----------------------------------------------------------------------------


def test_the_shipped_font_has_thai_letters_and_both_kinds_of_digits():
    font = TTFont(thai_font_path())
    characters = font.getBestCmap()
    printed = "0123456789๐๑๒๓๔๕๖๗๘๙,.%-กขคงจฉชซญณดตถทนบปผพฟมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋์"
    assert [c for c in printed if ord(c) not in characters] == []
    assert font["name"].getDebugName(1) == THAI_FONT_FAMILY


def ink(font: ImageFont.FreeTypeFont, text: str) -> bytes:
    image = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(image).text((5, 5), text, font=font, fill=0)
    return image.tobytes()


def test_the_shipped_font_draws_each_digit_differently():
    # Missing glyphs draw as one box: ten digits drawn ten ways are real glyphs.
    font = ImageFont.truetype(str(thai_font_path()), 28)
    blank = ink(font, "")
    drawn = {ink(font, digit) for digit in "0123456789"}
    assert len(drawn) == 10 and blank not in drawn
    assert len({ink(font, digit) for digit in "๐๑๒๓๔๕๖๗๘๙"}) == 10


def test_the_font_and_its_licence_ship_as_package_data():
    assets = thai_font_path().parent
    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = shipped["tool"]["setuptools"]["package-data"]["raingan.assets"]
    files = sorted(path.name for path in assets.iterdir() if path.suffix in (".ttf", ".txt"))
    assert files == ["GPL-2.txt", "Laksaman.LICENSE.txt", "Laksaman.ttf"]
    assert all(any(fnmatch.fnmatch(name, p) for p in patterns) for name in files)
    assert "Font exception" in (assets / "Laksaman.LICENSE.txt").read_text(encoding="utf-8")
