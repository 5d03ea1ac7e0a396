"""Printed numbers to values: amounts, counts and percentages, Thai digits already Arabic."""

from __future__ import annotations

import re

from parsers.language.vocabulary import CURRENCY_WORD

NUMBER = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")
BLANKS = frozenset({"", "-", "–", "—", "−"})


class NotANumber(ValueError):
    """A cell that should hold a number holds something else."""


def clean_number_text(text: str) -> str:
    return "".join(text.split()).rstrip("%").removesuffix(CURRENCY_WORD)


def parse_number(text: str | None) -> float | None:
    """`1,456,400.00` → 1456400.0; a dash or an empty cell → None; anything else raises."""
    cleaned = clean_number_text(text or "")
    if cleaned in BLANKS:
        return None
    if not NUMBER.match(cleaned):
        raise NotANumber(text)
    return float(cleaned.replace(",", ""))


def parse_amount(text: str | None) -> float | None:
    value = parse_number(text)
    return None if value is None else round(value, 2)


def parse_count(text: str | None) -> int | None:
    value = parse_number(text)
    if value is None:
        return None
    if value != int(value) or value < 0:
        raise NotANumber(text)
    return int(value)


def is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except NotANumber:
        return False


FIGURE_STARTS = frozenset("0123456789+" + "".join(BLANKS))


def is_figure(text: str) -> bool:
    """A number, or what a table prints for none (a dash): what a figure cell holds."""
    if text.lstrip()[:1] not in FIGURE_STARTS:
        return False  # most words: no need to try parsing them
    try:
        parse_number(text)
    except NotANumber:
        return False
    return True


# What stands in running text for a figure read from an image too doubtfully to be read.
UNREAD_FIGURE = "⁇"


def figures_in(text: str) -> list[float | None]:
    """Every number written in running text, in order, None where a figure was not read
    (UNREAD_FIGURE): the numbers after it keep their places."""
    found: list[float | None] = []
    for index, part in enumerate(text.split(UNREAD_FIGURE)):
        if index:
            found.append(None)
        found.extend(numbers_in(part))
    return found


FIRST_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    """Every number written in running text, in order."""
    return [float(m.group().replace(",", "")) for m in FIRST_NUMBER.finditer(text)]
