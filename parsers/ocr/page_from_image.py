"""A page image → the `PageContent` the text-layer path builds: rules and grids, status boxes,
and words read by Tesseract, cell by cell inside the grids (a full-page pass misses short
figures such as `0.00` and sequence numbers), then the rest of the page as running text."""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
from PIL import Image

from parsers.layout.geometry import Box, Grid
from parsers.layout.page import PageContent, Word
from parsers.layout.tolerances import OCR_TOLERANCES, TOLERANCES
from parsers.ocr.boxes import PixelBox, bare_marks, box_marks
from parsers.ocr.cell_rereading import ReadCell, reread_doubted_cells, reread_doubted_lines
from parsers.ocr.drawings import is_speckle, without_drawings
from parsers.ocr.dropped_text import read_dropped_text
from parsers.ocr.engine import Engine
from parsers.ocr.figures import checked_figure, checked_separators, read_cell
from parsers.ocr.marks import checked_gaps, checked_marks, checked_text
from parsers.ocr.number_rereading import reread_doubted_numbers
from parsers.ocr.page_image import PageImage, letter_ink, pixel_rect
from parsers.ocr.rereading import checked_lines
from parsers.ocr.rules import ruled_grids
from parsers.ocr.unruled_tables import doubted_text, outside, unruled_tables
from parsers.ocr.words import in_reading_order, lines_of, mean_confidence


def has_ink(text_ink: np.ndarray, rect: tuple[int, int, int, int], image: PageImage) -> bool:
    left, top, right, bottom = rect
    if right - left < 2 or bottom - top < 2:
        return False
    region = text_ink[top:bottom, left:right] > 0
    speck = image.to_pixels(OCR_TOLERANCES.speck)
    return bool(region.any(axis=0).sum() > speck and region.any(axis=1).sum() > speck)


# A row boundary is drawn over a cell when rules cover this share of it (a scan breaks rules).
RULED_ACROSS = 0.5


def ruled_across(ink: np.ndarray, y: float, x0: float, x1: float, image: PageImage) -> bool:
    """Is a horizontal rule drawn at `y` from `x0` to `x1` (points): long runs of ink (kept by
    an opening, as rules.line_mask keeps them: not a letter crossing it) over most of it?
    Where none is, the cells above and below are one cell (a label set across two rows)."""
    band = max(2, image.to_pixels(TOLERANCES.snap))
    inset = image.to_pixels(OCR_TOLERANCES.cell_margin)
    at, left, right = image.to_pixels(y), image.to_pixels(x0) + inset, image.to_pixels(x1) - inset
    strip = ink[max(0, at - band) : at + band + 1, max(0, left) : right]
    if strip.size == 0:
        return True
    length = min(image.to_pixels(OCR_TOLERANCES.min_rule_h), strip.shape[1] // 2)
    runs = cv2.morphologyEx(
        strip, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, length), 1))
    )
    return float(runs.any(axis=0).mean()) >= RULED_ACROSS


def cell_boxes(grid: Grid, ink: np.ndarray, image: PageImage) -> Iterator[Box]:
    """The grid's cells, each merged with those below it that no rule divides it from: a
    label centred across two rows read in two halves reads as neither."""
    spans = [grid.cell_spans(row) for row in range(len(grid.ys) - 1)]
    taken: set[tuple[int, int, int]] = set()
    for row, row_spans in enumerate(spans):
        for first, last in row_spans:
            if (row, first, last) in taken:
                continue
            end = row
            x0, x1 = grid.xs[first], grid.xs[last + 1]
            while (
                not grid.inferred  # no rule anywhere: each row is its own
                and end + 1 < len(spans)
                and (first, last) in spans[end + 1]
                and not ruled_across(ink, grid.ys[end + 1], x0, x1, image)
            ):
                end += 1
                taken.add((end, first, last))
            yield Box(x0, grid.ys[row], x1, grid.ys[end + 1])


def read_cells(
    engine: Engine, grids: list[Grid], text_ink: np.ndarray, image: PageImage
) -> list[list[Word]]:
    """The grids' cells, each read alone; a cell of text whose reading shows a misreading is
    read again from the grey (`cell_rereading`: the engine's image is replaced)."""
    cells: list[ReadCell] = []
    for grid in grids:
        for box in cell_boxes(grid, image.ink, image):
            rect = pixel_rect(box, image, OCR_TOLERANCES.cell_margin)
            if has_ink(text_ink, rect, image):
                read = lines_of(
                    read_cell(engine, rect, text_ink, image.grey, image.blurred), image, text_ink
                )
                cells.append(ReadCell(rect, [checked_text(line, text_ink, image) for line in read]))
    cells = reread_doubted_cells(engine, cells, text_ink, image)
    return [line for cell in cells for line in cell.lines]


def without(ink: np.ndarray, boxes: list[PixelBox]) -> np.ndarray:
    cleaned = ink.copy()
    for box in boxes:
        box.region(cleaned)[:] = 0
    return cleaned


def blank_grids(ink: np.ndarray, grids: list[Grid], image: PageImage) -> np.ndarray:
    outside = ink.copy()
    for grid in grids:
        left, top, right, bottom = pixel_rect(grid.box, image, -OCR_TOLERANCES.cell_margin)
        outside[top:bottom, left:right] = 0
    return outside


def as_page(ink: np.ndarray) -> Image.Image:
    """Black text on white, as Tesseract reads best."""
    return Image.fromarray(255 - ink)


def checked_running_line(
    line: list[Word], engine: Engine, ink: np.ndarray, image: PageImage
) -> list[Word]:
    """A line of running text, each word doubtful where a second look says so: its figure
    read again, its marks counted, marks in the gaps beside it."""
    words = [checked_marks(checked_figure(word, engine, image, ink), ink, image) for word in line]
    return checked_gaps(words, ink, image)


def page_from_image(
    image: PageImage, engine: Engine, number: int, width: float, height: float
) -> PageContent:
    """The page as read from its image (its words, grids and status boxes in points)."""
    grids, ink = ruled_grids(image)
    marks, boxes = box_marks(ink, image)
    text_ink = without(ink, boxes)
    marks += bare_marks(text_ink, grids, boxes, image)
    # A blurred scan's table cells, short words and figures read alone, at their printed weight.
    cell_ink = letter_ink(image.grey, text_ink) if image.blurred else text_ink
    engine.set_image(as_page(cell_ink))
    lines = read_cells(engine, grids, cell_ink, image)
    blanked = blank_grids(text_ink, grids, image)
    running_text = without_drawings(blanked, image.grey)
    engine.set_image(as_page(running_text))
    read = engine.read_page()
    read += read_dropped_text(engine, running_text, cv2.subtract(blanked, running_text), read)
    read_lines = [line for line in lines_of(read, image, text_ink) if not is_speckle(line)]
    page = PageContent(
        number=number, width=width, height=height, lines=[], grids=grids, marks=marks
    )
    tables = unruled_tables(read_lines, page, text_ink, image)
    header_cells: list[Grid] = []
    if tables:  # printed without rules: the body's cells read one by one, as a ruled grid's
        unruled = [table.grid for table in tables]
        bodies = [table.body_grid for table in tables]
        header_cells = [
            cell for table in tables for cell in table.header_cells(read_lines, text_ink, image)
        ]
        engine.set_image(as_page(cell_ink))
        cell_lines = read_cells(engine, bodies + header_cells, cell_ink, image)
        lines += doubted_text(cell_lines, bodies)
        marks += bare_marks(text_ink, bodies, boxes, image)
        read_lines = outside(read_lines, bodies)
        grids = sorted(grids + unruled, key=lambda grid: (grid.box.top, grid.box.x0))
        engine.set_image(as_page(running_text))
    running = [checked_running_line(line, engine, running_text, image) for line in read_lines]
    running = reread_doubted_lines(engine, running, running_text, image)  # sets the grey
    running = reread_doubted_numbers(engine, running, image)  # leaves the grey
    # Last: a number read again word by word does not see a separator lost beside it.
    running = [checked_separators(line, running_text, image) for line in running]
    checked = checked_lines(running, engine, running_text, image)  # sets other images: last
    # The header cells' words as the cells read them: the page's reading of them is left out
    # only now, as its lines were checked whole (a label alone on its line reads otherwise).
    lines += outside(checked, header_cells)
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=in_reading_order(lines),
        grids=grids,
        marks=marks,
        read_from_image=mean_confidence(word for line in lines for word in line),
    )
