"""pdfplumber page → PageContent: the only module that touches pdfplumber's page objects.

Each page is read once (characters, lines, rects, curves, images, widgets) and closed:
pdfplumber otherwise keeps about 4 MB per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parsers import vocabulary as vocab
from parsers.geometry import find_grids, segments_from_objects
from parsers.glyphs import chars_to_lines, merge_marks
from parsers.orientation import reading_direction, turn_all, turned_size
from parsers.page import Mark, PageContent, Word

# A status box is small: anything larger is a table, a logo or a signature.
MARK_MAX = 30.0
MARK_MIN = 2.0


def read_page(page: Any) -> PageContent:
    try:
        view = PageView.of(page)
        lines = [
            [Word(w.x0, w.top, w.x1, w.bottom, w.text) for w in line.words]
            for line in chars_to_lines(merge_marks(view.chars, page=page))
        ]
        horizontals, verticals = segments_from_objects(view.lines, view.rects)
        return PageContent(
            number=page.page_number,
            width=view.width,
            height=view.height,
            lines=lines,
            grids=find_grids(horizontals, verticals),
            marks=glyph_marks(view.chars) + drawn_marks(view) + widget_marks(view),
            image_area=image_share(view),
        )
    finally:
        page.close()


@dataclass
class PageView:
    """A page's objects, read once, in the frame where its text reads left to right."""

    width: float
    height: float
    chars: list[dict]
    lines: list[dict]
    rects: list[dict]
    curves: list[dict]
    images: list[dict]
    annots: list[dict]

    @classmethod
    def of(cls, page: Any) -> PageView:
        chars = page.chars
        turn = reading_direction(chars)
        width, height = float(page.width), float(page.height)

        def turned(objects: list[dict]) -> list[dict]:
            return turn_all(objects, turn, width, height)

        return cls(
            *turned_size(turn, width, height),
            chars=turned(chars),
            lines=turned(page.lines),
            rects=turned(page.rects),
            curves=turned(page.curves),
            images=turned(page.images),
            annots=turned(page.annots),
        )


def glyph_marks(chars: list[dict]) -> list[Mark]:
    marks = []
    for char in chars:
        text = char["text"]
        if text in vocab.CHECK_GLYPHS:
            kind = "glyph"
        elif text in vocab.EMPTY_BOX_GLYPHS:
            kind = "empty_glyph"
        else:
            continue
        marks.append(Mark(char["x0"], char["top"], char["x1"], char["bottom"], kind))
    return marks


def is_small(obj: dict) -> bool:
    width, height = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    return width <= MARK_MAX and height <= MARK_MAX and max(width, height) >= MARK_MIN


def is_white(color: Any) -> bool:
    """White paper: RGB or grey near 1, or CMYK near 0 (colours come as tuples or numbers)."""
    if color is None:
        return True
    values = tuple(color) if isinstance(color, list | tuple) else (color,)
    if not all(isinstance(v, int | float) for v in values):
        return False  # a pattern or named colour: treat as ink
    if len(values) == 4:
        return all(v <= 0.05 for v in values)
    return all(v >= 0.95 for v in values)


def drawn_marks(page: PageView) -> list[Mark]:
    """Ticks and crosses drawn as paths, and boxes filled with ink, small enough to be marks."""
    marks = []
    for curve in page.curves:
        if not is_small(curve):
            continue
        if is_open_stroke(curve):
            marks.append(Mark(curve["x0"], curve["top"], curve["x1"], curve["bottom"], "tick"))
        elif curve.get("fill") and not is_white(curve.get("non_stroking_color")):
            marks.append(
                Mark(curve["x0"], curve["top"], curve["x1"], curve["bottom"], "filled_box")
            )
    for line in page.lines:
        diagonal = abs(line["x1"] - line["x0"]) > 1 and abs(line["bottom"] - line["top"]) > 1
        if diagonal and is_small(line):
            marks.append(Mark(line["x0"], line["top"], line["x1"], line["bottom"], "tick"))
    for rect in page.rects:
        square = min(rect["width"], rect["height"]) >= 3
        inked = rect.get("fill") and not is_white(rect.get("non_stroking_color"))
        if square and inked and is_small(rect):
            marks.append(Mark(rect["x0"], rect["top"], rect["x1"], rect["bottom"], "filled_box"))
    for image in page.images:
        if is_small(image):
            marks.append(Mark(image["x0"], image["top"], image["x1"], image["bottom"], "image"))
    return marks


def is_open_stroke(curve: dict) -> bool:
    """A tick: a stroked path that does not close on itself (a box outline does)."""
    points = curve.get("pts") or []
    if not curve.get("stroke") or len(points) < 2 or len(points) > 8:
        return False
    (x_first, y_first), (x_last, y_last) = points[0], points[-1]
    return abs(x_first - x_last) + abs(y_first - y_last) > 1.0


def widget_marks(page: PageView) -> list[Mark]:
    """AcroForm check boxes: ticked when their appearance state is not /Off."""
    marks = []
    for annot in page.annots:
        data = annot.get("data") or {}
        state = data.get("AS")
        if state is None:
            continue
        name = getattr(state, "name", str(state)).lstrip("/")
        kind = "widget_off" if name == "Off" else "widget_on"
        marks.append(Mark(annot["x0"], annot["top"], annot["x1"], annot["bottom"], kind))
    return marks


def image_share(page: PageView) -> float:
    area = float(page.width) * float(page.height)
    covered = sum(max(0.0, (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) for i in page.images)
    return min(1.0, covered / area) if area else 0.0
