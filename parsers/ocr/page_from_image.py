"""A page image → the `PageContent` the text-layer path builds: rules and grids, status boxes,
and words read by Tesseract, cell by cell inside the grids (a full-page pass misses short
figures such as `0.00` and sequence numbers), then the rest of the page as running text."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PIL import Image

from parsers.geometry import Box, Grid
from parsers.ocr.boxes import PixelBox, box_marks
from parsers.ocr.drawings import is_speckle, without_drawings
from parsers.ocr.engine import Engine
from parsers.ocr.figures import checked_figure, read_cell
from parsers.ocr.marks import checked_marks
from parsers.ocr.page_image import PageImage, pixel_rect
from parsers.ocr.rereading import checked_lines
from parsers.ocr.rules import ruled_grids
from parsers.ocr.words import in_reading_order, lines_of, mean_confidence
from parsers.page import PageContent, Word
from parsers.tolerances import OCR_TOLERANCES


def has_ink(text_ink: np.ndarray, rect: tuple[int, int, int, int], image: PageImage) -> bool:
    left, top, right, bottom = rect
    if right - left < 2 or bottom - top < 2:
        return False
    region = text_ink[top:bottom, left:right] > 0
    speck = image.to_pixels(OCR_TOLERANCES.speck)
    return bool(region.any(axis=0).sum() > speck and region.any(axis=1).sum() > speck)


def cell_boxes(grid: Grid) -> Iterator[Box]:
    for row in range(len(grid.ys) - 1):
        for first, last in grid.cell_spans(row):
            yield grid.cell_box(row, first, last)


def read_cells(
    engine: Engine, grids: list[Grid], text_ink: np.ndarray, image: PageImage
) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for grid in grids:
        for box in cell_boxes(grid):
            rect = pixel_rect(box, image, OCR_TOLERANCES.cell_margin)
            if has_ink(text_ink, rect, image):
                lines += lines_of(read_cell(engine, rect, text_ink), image, text_ink)
    return lines


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


def page_from_image(
    image: PageImage, engine: Engine, number: int, width: float, height: float
) -> PageContent:
    """The page as read from its image (its words, grids and status boxes in points)."""
    grids, ink = ruled_grids(image)
    marks, boxes = box_marks(ink, image)
    text_ink = without(ink, boxes)
    engine.set_image(as_page(text_ink))
    lines = read_cells(engine, grids, text_ink, image)
    running_text = without_drawings(blank_grids(text_ink, grids, image), image.grey)
    engine.set_image(as_page(running_text))
    running = [
        [checked_marks(checked_figure(word, engine, image), running_text, image) for word in line]
        for line in lines_of(engine.read_page(), image, text_ink)
        if not is_speckle(line)
    ]
    lines += checked_lines(running, engine, running_text, image)  # sets other images: last
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=in_reading_order(lines),
        grids=grids,
        marks=marks,
        read_from_image=mean_confidence(word for line in lines for word in line),
    )
