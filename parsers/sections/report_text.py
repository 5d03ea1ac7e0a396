"""What the report pages say in running text: who, which year and round, as of when, who
reported, the problems, and the closing summary (สรุปผลการขับเคลื่อนแผนฯ)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Literal, TypedDict

from checks.document import Narrative, Person, Text
from parsers.language import vocabulary as vocab
from parsers.language.misreadings import misread_words
from parsers.language.person_names import misread_names
from parsers.language.printed_numbers import figures_in
from parsers.language.thai_dates import parse_thai_date
from parsers.language.thai_text import join_wrapped_lines
from parsers.language.vocabulary import compact
from parsers.sections.document_shape import ROUNDS
from parsers.sections.doubt import UNREAD_TEXT, misread_position
from parsers.sections.parse_warnings import WarningLog

# An item's number and its point (a comma where a scan's point was read so: "1, งบประมาณ…";
# never a figure's thousands separator, "1,000").
ITEM_POINT = r"(?:[.)]|,(?!\d))"
ITEM_NUMBER = re.compile(rf"^\s*(?:\d{{1,2}}\s*{ITEM_POINT}|[-•·*])\s*")
BULLET = re.compile(r"^\s*[-•·*]\s*")


# Where a value was read: the key (`organization`, `narrative.completed` …) → line indices.
LinesRead = dict[str, list[int]]


class Identity(TypedDict):
    """Who reports for which year and round: the report section's fields read together."""

    organization: Text
    fiscal_year: int | None
    round_months: int | None
    district: Text
    province: Text


def find_first_at(
    pattern: re.Pattern[str], lines: list[str], indices: list[int] | None = None
) -> tuple[int, re.Match[str]] | None:
    """The first line matching, as (its index in `indices`, or in `lines`, and the match)."""
    for position, line in enumerate(lines):
        match = pattern.search(line)
        if match:
            return (indices[position] if indices else position), match
    return None


def note_line(
    where: LinesRead | None, keys: tuple[str, ...], found: tuple[int, object] | None
) -> None:
    if where is not None and found is not None:
        for key in keys:
            where[key] = [found[0]]


def report_identity(lines: list[str], where: LinesRead | None = None) -> Identity:
    """Organisation, district, province, fiscal year and round, from the report pages; the
    lines each was read from noted in `where` when given."""
    org_indices = [i for i, line in enumerate(lines) if line.startswith(vocab.ORG_NAME_STARTS)]
    org_lines = [lines[i] for i in org_indices]
    located = find_first_at(vocab.LOCATION_LINE, org_lines, org_indices)
    location = located[1] if located else None
    organization = location.group("org").strip() if location else None
    note_line(where, ("organization", "district", "province"), located)
    if not organization:
        titled = find_first_at(vocab.ORG_IN_TITLE, lines)
        organization = titled[1].group(1).strip() if titled else None
        note_line(where, ("organization",), titled)
    year_found = find_first_at(vocab.FISCAL_YEAR, lines)
    year = year_found[1] if year_found else None
    rounds_found = find_first_at(vocab.ROUND_MONTHS, lines)
    rounds = rounds_found[1] if rounds_found else None
    note_line(where, ("fiscal_year",), year_found)
    note_line(where, ("round_months",), rounds_found)
    round_months = int(rounds.group(1)) if rounds else None
    return {
        "organization": organization,
        "fiscal_year": int(year.group(1)) if year else None,
        "round_months": round_months if round_months in ROUNDS else None,
        "district": location.group("district").strip() if location else None,
        "province": location.group("province").strip() if location else None,
    }


def data_as_of(lines: list[str], where: LinesRead | None = None) -> str | None:
    found = find_first_at(vocab.DATA_AS_OF_LINE, lines)
    note_line(where, ("data_as_of",), found)
    match = found[1] if found else None
    date = parse_thai_date(match.group(1)) if match else None
    return date.isoformat() if date else None


# What opens a line of its own in the closing block: it never carries on a wrapped line.
CLOSING_OPENERS = vocab.PROBLEMS_TITLE + vocab.NARRATIVE_TITLE + vocab.DATA_AS_OF + vocab.REPORTER


def opens_its_own(line: str) -> bool:
    return bool(ITEM_NUMBER.match(line)) or any(t in compact(line) for t in CLOSING_OPENERS)


def with_run_on(lines: list[str], index: int, runs_on: Collection[int]) -> str:
    """The line and the lines it runs on into (wrapped at the margin: parsers.layout.line_wrap),
    joined as a wrapped text is; a line that opens something of its own is not one of them."""
    parts = [lines[index]]
    while index in runs_on and index + 1 < len(lines) and not opens_its_own(lines[index + 1]):
        index += 1
        parts.append(lines[index])
    return join_wrapped_lines(parts) if len(parts) > 1 else parts[0]


def reporter(
    lines: list[str], runs_on: Collection[int] = (), from_images: Collection[int] = ()
) -> Person | None:
    """ชื่อ - สกุล ผู้รายงาน … ตำแหน่ง …, its line and the lines it is wrapped onto; read from
    a page's image (`from_images`), a name misread as the known names show
    (person_names.misread_names), or a position as the dictionary shows (misreadings.misread_words:
    นักวิเคราะหนโยบาย), flagged, so that none is given (doubt.forget_unread_texts)."""
    for index in range(len(lines)):
        match = vocab.REPORTER_LINE.search(with_run_on(lines, index, runs_on))
        if match:
            name = match.group("name").strip() or None
            position = match.group("position").strip() or None
            if index in from_images:
                name = flagged_if(name, misread_names)
                position = flagged_if(position, misread_position)
            return {"name": name, "position": position}
    return None


def flagged_if(text: str | None, misread: Callable[[str], list[str]]) -> str | None:
    """The text, flagged (UNREAD_TEXT) where `misread` finds words read wrong in it."""
    return text + UNREAD_TEXT if text is not None and misread(text) else text


def index_of(lines: list[str], titles: tuple[str, ...]) -> int | None:
    for index, line in enumerate(lines):
        if any(title in compact(line) for title in titles):
            return index
    return None


def item_spans(
    lines: list[str], start: int, stop_titles: tuple[str, ...], item: re.Pattern[str]
) -> list[tuple[str, list[int]]]:
    """Lines after a title grouped into items (a numbered or bulleted line starts one): each
    item's text and the indices of its lines."""
    items: list[tuple[list[str], list[int]]] = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if any(title in compact(line) for title in stop_titles):
            break
        if item.match(line) or not items:
            items.append(([item.sub("", line, count=1)], [index]))
        else:
            items[-1][0].append(line)
            items[-1][1].append(index)
    return [
        (join_wrapped_lines(parts), indices) for parts, indices in items if "".join(parts).strip()
    ]


def items_after(
    lines: list[str], start: int, stop_titles: tuple[str, ...], item: re.Pattern[str]
) -> list[str]:
    """Lines after a title grouped into items: a numbered or bulleted line starts one."""
    return [text for text, _ in item_spans(lines, start, stop_titles, item)]


STOP_AFTER_PROBLEMS = vocab.NARRATIVE_TITLE + vocab.REPORTER + vocab.DATA_AS_OF


NUMBERED = re.compile(rf"^\s*(\d{{1,2}})\s*{ITEM_POINT}")
BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s+(?=\S)")


def with_item_points(lines: list[str], start: int) -> list[str]:
    """The lines, a line starting with the next item's number without its point (read from an
    image, the point lost: "2 บุคลากร…") given it back, so that it starts its item."""
    fixed, expected = list(lines), 1
    for index in range(start + 1, len(lines)):
        numbered = NUMBERED.match(lines[index])
        bare = BARE_NUMBER.match(lines[index])
        if numbered:
            expected = int(numbered.group(1)) + 1
        elif bare and int(bare.group(1)) == expected:
            fixed[index] = f"{expected}. {lines[index][bare.end() :]}"
            expected += 1
    return fixed


def problems(lines: list[str], from_images: Collection[int] = ()) -> list[str]:
    """The problems listed; read from a page's image (`from_images`: line indices), an item
    its text shows misread (`misread_words`) flagged, so that none is given
    (doubt.forget_unread_texts), never a near miss."""
    start = index_of(lines, vocab.PROBLEMS_TITLE)
    if start is None:
        return []
    numbered = with_item_points(lines, start)
    items = [p for p in items_after(numbered, start, STOP_AFTER_PROBLEMS, ITEM_NUMBER) if p]
    if start not in from_images:
        return items
    return [item + UNREAD_TEXT if misread_words(item) else item for item in items]


# The closing summary's counts: N โครงการ each.
NarrativeCount = Literal["total_projects", "pending_report", "in_progress", "completed", "unable"]
# What an item of the closing summary says: a count, the disbursement, the level.
NarrativeItem = NarrativeCount | Literal["disbursed", "level"]
# Checked in this order: later lines' words are contained in earlier keys' lines otherwise.
NARRATIVE_MATCH_ORDER: tuple[NarrativeItem, ...] = (
    "unable",
    "in_progress",
    "completed",
    "pending_report",
    "disbursed",
    "level",
    "total_projects",
)


def narrative(
    lines: list[str], where: LinesRead | None = None, warnings: WarningLog | None = None
) -> Narrative | None:
    """The closing summary's figures; the lines each was read from noted in `where` (as
    `narrative.KEY`) when given; an item not read (more figures than it prints) warned of."""
    start = index_of(lines, vocab.NARRATIVE_TITLE)
    if start is None:
        return None
    stop = vocab.PROBLEMS_TITLE + vocab.REPORTER
    result: Narrative = {
        "total_projects": None,
        "pending_report": None,
        "in_progress": None,
        "completed": None,
        "unable": None,
        "disbursed": None,
        "disbursed_pct": None,
        "level": None,
        "implementation_pct": None,
    }
    for item, indices in split_run_together(item_spans(lines, start, stop, BULLET), lines):
        before = result.copy() if where is not None else result
        key, numbers = narrative_key(item), figures_in(item)
        if key is not None and len(numbers) > FIGURES_PRINTED.get(key, 1):
            if warnings is not None:
                warnings.add(
                    None, "narrative", f"'{item}' holds more figures than its line prints: not read"
                )
            continue
        read_narrative_item(item, key, numbers, result)
        if where is not None:
            for name, value in result.items():
                if value != before.get(name):
                    where[f"narrative.{name}"] = indices
    return result


def split_run_together(
    items: list[tuple[str, list[int]]], lines: list[str]
) -> list[tuple[str, list[int]]]:
    """Items whose lines say two of the summary's figures, cut where the second starts: a
    bullet lost (read from an image) runs one line into the one before, whose count would
    be the other's (อยู่ระหว่างดำเนินการ 0 โครงการ / ดำเนินการแล้วเสร็จ 5 โครงการ read 5)."""
    split: list[tuple[str, list[int]]] = []
    for item, indices in items:
        if len(indices) == 1:
            split.append((item, indices))
            continue
        groups: list[list[int]] = [[indices[0]]]
        for index in indices[1:]:
            key = narrative_key(lines[index])
            if key is not None and key != narrative_key(lines[groups[-1][0]]):
                groups.append([index])
            else:
                groups[-1].append(index)
        if len(groups) == 1:
            split.append((item, indices))
        else:
            split += [(group_text(lines, group), group) for group in groups]
    return split


def group_text(lines: list[str], indices: list[int]) -> str:
    return join_wrapped_lines([BULLET.sub("", lines[index], count=1) for index in indices])


def narrative_key(item: str) -> NarrativeItem | None:
    text = compact(item)
    for key in NARRATIVE_MATCH_ORDER:
        if any(word in text for word in vocab.NARRATIVE_LINES[key]):
            return key
    return None


# How many figures each item of the closing summary prints: a count (N โครงการ), the level's
# percentage, the disbursement's amount and percentage. An item holding more is two lines run
# together where a bullet and a label were misread, or an amount cut at its comma (read from
# an image): which figure is which cannot be told, so none is given (never the wrong one).
FIGURES_PRINTED: dict[NarrativeItem, int] = {"disbursed": 2}


def read_narrative_item(
    item: str, key: NarrativeItem | None, numbers: list[float | None], result: Narrative
) -> None:
    """The item's figures into `result` by its key; `numbers`: its figures, None where one was
    read too doubtfully (OCR)."""
    if key is None or not numbers:
        if key == "level":
            result["level"] = level_word(item)
        return
    if key == "disbursed":
        result["disbursed"] = None if numbers[0] is None else round(numbers[0], 2)
        result["disbursed_pct"] = numbers[1] if len(numbers) > 1 else None
    elif key == "level":
        result["level"] = level_word(item)
        result["implementation_pct"] = numbers[-1]
    else:
        count = numbers[-1] if key != "total_projects" else numbers[0]
        result[key] = None if count is None else int(count)


def level_word(item: str) -> str | None:
    match = vocab.LEVEL.search(item)
    return match.group(1) if match else None
