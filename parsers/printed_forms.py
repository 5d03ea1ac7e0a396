"""The printed form of each kind of figure, to tell a cell that holds its column's figure from
one that holds a neighbour's: a count prints no decimals, an amount its two satang digits
(`1,610,000.00`), a percentage two decimals (`33.93`, `20.00`), and one cell holds one figure.

A cell of a text layer that breaks its column's form is a misread column (a boundary placed
wrong, a header label run into the next one), never a figure to guess from: its figure is
null with a warning. Cells read from a page image are judged by their reading's confidence
instead (parsers.doubt): a recognised figure may lose a point or a digit's comma.
"""

from __future__ import annotations

import re

from parsers.numbers import BLANKS, clean_number_text, is_number
from parsers.tables import Cell

TWO_DECIMALS = re.compile(r"\.\d{2}$")  # baht and satang; a percentage as e-PlanNACC prints it


def printed_as_count(text: str) -> bool:
    cleaned = clean_number_text(text)
    return cleaned in BLANKS or "." not in cleaned


def printed_with_two_decimals(text: str) -> bool:
    cleaned = clean_number_text(text)
    return cleaned in BLANKS or TWO_DECIMALS.search(cleaned) is not None


def several_numbers(cell: Cell) -> bool:
    """A cell of a text layer holding two numbers or more: two cells' figures run together
    (`35 1,610,000.00` is no figure, though its characters read as 351,610,000.00)."""
    if cell.read_from_image:
        return False
    return sum(1 for line in cell.lines for word in line if is_number(word.text)) > 1


def breaks_its_form(cell: Cell | None, kind: str) -> bool:
    """Does a text-layer cell's text break the printed form of a `kind` figure ("count",
    "amount", "percent"; any other kind has no form to keep)? An empty cell breaks none."""
    if cell is None or cell.read_from_image:
        return False
    if several_numbers(cell):
        return True
    if kind == "count":
        return not printed_as_count(cell.text)
    if kind in ("amount", "percent"):
        return not printed_with_two_decimals(cell.text)
    return False
