"""What the report pages say in running text: who, which year and round, as of when, who
reported, the problems, and the closing summary (สรุปผลการขับเคลื่อนแผนฯ)."""

from __future__ import annotations

import re
from typing import Any

from parsers import vocabulary as vocab
from parsers.numbers import numbers_in
from parsers.thai_dates import parse_thai_date
from parsers.thai_text import compact, join_wrapped_lines

ORG_PREFIXES = ("องค์การบริหารส่วน", "เทศบาล", "กรุงเทพมหานคร", "เมืองพัทยา")
LOCATION_LINE = re.compile(
    r"^(?P<org>.*?)\s*อำเภอ\s*(?P<district>.+?)\s*จังหวัด\s*(?P<province>\S+)\s*$"
)
ORG_IN_TITLE = re.compile(
    r"ของ\s*((?:องค์การบริหารส่วน|เทศบาล|กรุงเทพ|เมืองพัทยา)\S*(?:\s\S+)*?)\s*(?:พ\.ศ\.|ประจำปี|ปีงบประมาณ)"
)
FISCAL_YEAR = re.compile(r"(?:ปีงบประมาณ|พ\.ศ\.)\s*(?:พ\.ศ\.)?\s*(25\d\d)")
ROUND = re.compile(r"รอบ\s*(\d{1,2})\s*เดือน")
DATA_AS_OF = re.compile(r"ข้อมูล\s*ณ\s*วันที่\s*(.+)$")
REPORTER = re.compile(r"ผู้รายงาน\s*(?P<name>.*?)\s*ตำแหน่ง\s*(?P<position>.*)$")
ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[-•·*])\s*")
BULLET = re.compile(r"^\s*[-•·*]\s*")


def find_first(pattern: re.Pattern[str], lines: list[str]) -> re.Match[str] | None:
    for line in lines:
        match = pattern.search(line)
        if match:
            return match
    return None


def report_identity(lines: list[str]) -> dict[str, Any]:
    """Organisation, district, province, fiscal year and round, from the report pages."""
    location = find_first(LOCATION_LINE, [line for line in lines if line.startswith(ORG_PREFIXES)])
    organization = location.group("org").strip() if location else None
    if not organization:
        title = find_first(ORG_IN_TITLE, lines)
        organization = title.group(1).strip() if title else None
    year, rounds = find_first(FISCAL_YEAR, lines), find_first(ROUND, lines)
    round_months = int(rounds.group(1)) if rounds else None
    return {
        "organization": organization,
        "fiscal_year": int(year.group(1)) if year else None,
        "round_months": round_months if round_months in (6, 12) else None,
        "district": location.group("district").strip() if location else None,
        "province": location.group("province").strip() if location else None,
    }


def data_as_of(lines: list[str]) -> str | None:
    match = find_first(DATA_AS_OF, lines)
    date = parse_thai_date(match.group(1)) if match else None
    return date.isoformat() if date else None


def reporter(lines: list[str]) -> dict[str, Any] | None:
    match = find_first(REPORTER, lines)
    if not match:
        return None
    name = match.group("name").strip() or None
    return {"name": name, "position": match.group("position").strip() or None}


def index_of(lines: list[str], titles: tuple[str, ...]) -> int | None:
    for index, line in enumerate(lines):
        if any(title in compact(line) for title in titles):
            return index
    return None


def items_after(lines: list[str], start: int, stop_titles: tuple[str, ...], item: re.Pattern[str]):
    """Lines after a title grouped into items: a numbered or bulleted line starts one."""
    items: list[list[str]] = []
    for line in lines[start + 1 :]:
        if any(title in compact(line) for title in stop_titles):
            break
        if item.match(line) or not items:
            items.append([item.sub("", line, count=1)])
        else:
            items[-1].append(line)
    return [join_wrapped_lines(parts) for parts in items if "".join(parts).strip()]


STOP_AFTER_PROBLEMS = vocab.NARRATIVE_TITLE + vocab.REPORTER + vocab.DATA_AS_OF


def problems(lines: list[str]) -> list[str]:
    start = index_of(lines, vocab.PROBLEMS_TITLE)
    if start is None:
        return []
    return [p for p in items_after(lines, start, STOP_AFTER_PROBLEMS, ITEM_NUMBER) if p]


NARRATIVE_KEYS = ("total_projects", "pending_report", "in_progress", "completed", "unable")
# Checked in this order: later lines' words are contained in earlier keys' lines otherwise.
NARRATIVE_MATCH_ORDER = (
    "unable",
    "in_progress",
    "completed",
    "pending_report",
    "disbursed",
    "level",
    "total_projects",
)


def narrative(lines: list[str]) -> dict[str, Any] | None:
    start = index_of(lines, vocab.NARRATIVE_TITLE)
    if start is None:
        return None
    stop = vocab.PROBLEMS_TITLE + vocab.REPORTER
    result: dict[str, Any] = {key: None for key in (*NARRATIVE_KEYS, "disbursed", "disbursed_pct")}
    result |= {"level": None, "implementation_pct": None}
    for item in items_after(lines, start, stop, BULLET):
        read_narrative_item(item, result)
    return result


def narrative_key(item: str) -> str | None:
    text = compact(item)
    for key in NARRATIVE_MATCH_ORDER:
        if any(word in text for word in vocab.NARRATIVE_LINES[key]):
            return key
    return None


def read_narrative_item(item: str, result: dict[str, Any]) -> None:
    key = narrative_key(item)
    numbers = numbers_in(item)
    if key is None or not numbers:
        if key == "level":
            result["level"] = level_word(item)
        return
    if key == "disbursed":
        result["disbursed"] = round(numbers[0], 2)
        result["disbursed_pct"] = numbers[1] if len(numbers) > 1 else None
    elif key == "level":
        result["level"] = level_word(item)
        result["implementation_pct"] = numbers[-1]
    else:
        result[key] = int(numbers[-1]) if key != "total_projects" else int(numbers[0])


def level_word(item: str) -> str | None:
    match = re.search(r"ระดับ\s*(\S+)", item)
    return match.group(1) if match else None
