"""The printed form of each kind of figure, to tell a cell that holds its column's figure from
one that holds a neighbour's: a count prints no decimals, an amount its two satang digits
(`1,610,000.00`), a percentage two decimals (`33.93`, `20.00`), and one cell holds one figure.

A cell of a text layer that breaks its column's form is a misread column (a boundary placed
wrong, a header label run into the next one), never a figure to guess from: its figure is
null with a warning. A cell read from a page image that breaks it is a misreading (34,000.00
read as 34.0, a comma lost, a point read as a comma): doubtful, null with an `ocr:` warning
(`misread_form`), never a guess.
"""

from __future__ import annotations

import re

from parsers.language.printed_numbers import BLANKS, clean_number_text, is_number
from parsers.layout.tables import Cell, Table

TWO_DECIMALS = re.compile(r"\.\d{2}$")  # baht and satang; a percentage as e-PlanNACC prints it
# An amount with its thousands separated (`1,610,000.00`), and one of under a thousand.
GROUPED_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d{2}$")
SEPARATED_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*\.\d{2}$")


def printed_as_count(text: str) -> bool:
    cleaned = clean_number_text(text)
    return cleaned in BLANKS or "." not in cleaned


def printed_with_two_decimals(text: str) -> bool:
    cleaned = clean_number_text(text)
    return cleaned in BLANKS or TWO_DECIMALS.search(cleaned) is not None


def several_numbers(cell: Cell) -> bool:
    """A cell holding two numbers or more: two cells' figures run together (`35
    1,610,000.00` is no figure, though its characters read as 351,610,000.00). Read from an
    image, a number may be read in pieces at a separator (`233 971.41`), but a figure is
    printed on one line: numbers on two lines of the cell are two (a count and the year of a
    note printed under the table, 18 and 2566, read as 182566)."""
    if cell.read_from_image:
        return sum(1 for line in cell.lines if any(is_number(w.text) for w in line)) > 1
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


def prints_separators(table: Table) -> bool:
    """Does the table print its amounts with thousands separators (one amount so printed is
    enough: a misreading loses a comma, it does not add one in the right places)?"""
    return any(
        GROUPED_AMOUNT.match(clean_number_text(cell.text)) for row in table.rows for cell in row
    )


def misread_form(cell: Cell | None, kind: str, separators: bool) -> bool:
    """Does a cell read from an image break the printed form of a `kind` figure: a count with
    a point, an amount or a percentage without its two decimals, a percentage with thousands
    separators (an amount's, read in its column), an amount of a thousand or more without the
    thousands separators its table prints (`separators`)? Its characters are
    then not the ones printed, whatever the readers agreed on."""
    if cell is None or not cell.read_from_image:
        return False
    cleaned = clean_number_text(cell.text)
    if cleaned in BLANKS or not is_number(cleaned):
        return False  # no figure: told apart where it is read as none
    if kind == "count":
        return not cleaned.isdigit()
    if kind == "percent":  # two decimals, and no thousands: an amount read in its place
        return not TWO_DECIMALS.search(cleaned) or "," in cleaned
    if kind == "amount":
        grouped = SEPARATED_AMOUNT.match(cleaned) if separators else TWO_DECIMALS.search(cleaned)
        return grouped is None
    return False
