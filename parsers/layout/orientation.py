"""Pages whose text does not run left to right across the page as displayed.

A landscape table printed on a portrait page turned by /Rotate, or drawn sideways, gives
chars whose text matrix runs down, up or right to left. Every object of such a page is
turned into the frame where its text reads left to right, so the rest of the parser reads
one way only. The turn is found from the text itself, not from the page's /Rotate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TypeVar, cast

from parsers.layout.page_objects import PdfChar, PdfObject

Obj = TypeVar("Obj", bound=PdfObject)

# How text runs, from the text matrix's first column (a, b) as pdfplumber reports it.
UPRIGHT, DOWN, UP, UPSIDE_DOWN = "upright", "down", "up", "upside_down"


def direction(char: PdfChar) -> str:
    matrix = char.get("matrix")
    if not matrix:
        return UPRIGHT
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return UPRIGHT if a >= 0 else UPSIDE_DOWN
    return DOWN if b < 0 else UP


def reading_direction(chars: Iterable[PdfChar]) -> str:
    """How most of the page's visible text runs."""
    counts = Counter(direction(c) for c in chars if not c["text"].isspace())
    return counts.most_common(1)[0][0] if counts else UPRIGHT


def turned_size(turn: str, width: float, height: float) -> tuple[float, float]:
    return (height, width) if turn in (DOWN, UP) else (width, height)


def turn_object(obj: Obj, turn: str, width: float, height: float) -> Obj:
    """A copy of a pdfplumber object with its box in the reading frame (width, height as
    displayed before the turn)."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if turn == DOWN:
        box = (top, width - x1, bottom, width - x0)
    elif turn == UP:
        box = (height - bottom, x0, height - top, x1)
    elif turn == UPSIDE_DOWN:
        box = (width - x1, height - bottom, width - x0, height - top)
    else:
        return obj
    kept = {k: v for k, v in obj.items() if k not in ("matrix", "y0", "y1")}
    turned = cast(Obj, kept)  # the same kind of object, its box turned below
    turned["x0"], turned["top"], turned["x1"], turned["bottom"] = box
    turned["width"], turned["height"] = box[2] - box[0], box[3] - box[1]
    cast(PdfChar, turned)["upright"] = True  # every object now is; only a char's is read
    matrix = cast(PdfChar, obj).get("matrix")  # a char's: no other object has one
    if matrix:
        keep_baseline(cast(PdfChar, turned), turned_baseline(matrix, turn, width, height))
    return turned


def displayed_box(
    box: tuple[float, float, float, float], turn: str, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box of the reading frame (x0, top, x1, bottom) back where it is displayed: the
    inverse of `turn_object` (width, height as displayed)."""
    x0, top, x1, bottom = box
    if turn == DOWN:
        return (width - bottom, x0, width - top, x1)
    if turn == UP:
        return (top, height - x1, bottom, height - x0)
    if turn == UPSIDE_DOWN:
        return (width - x1, height - bottom, width - x0, height - top)
    return box


def turned_baseline(matrix: tuple[float, ...], turn: str, width: float, height: float) -> float:
    """The text origin's distance from the top, in the reading frame: glyphs of several
    fonts on one line share it, while their boxes differ."""
    origin_x, origin_y = matrix[4], matrix[5]  # displayed x; y counted from the bottom
    return float({DOWN: width - origin_x, UP: origin_x, UPSIDE_DOWN: origin_y}[turn])


def keep_baseline(char: PdfChar, baseline: float) -> None:
    """Give a turned char an upright matrix whose origin sits on `baseline` (top-down)."""
    char["matrix"] = (1.0, 0.0, 0.0, 1.0, char["x0"], 0.0)
    char["y0"] = baseline - char["bottom"]


def turn_all(objects: Iterable[Obj], turn: str, width: float, height: float) -> list[Obj]:
    if turn == UPRIGHT:
        return list(objects)
    return [turn_object(obj, turn, width, height) for obj in objects]
