"""A page image → the `PageContent` the text-layer path builds: rules and grids, status boxes,
and words read by Tesseract, cell by cell inside the grids (a full-page pass misses short
figures such as `0.00` and sequence numbers), then the rest of the page as running text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import cv2
import numpy as np
from PIL import Image

from parsers.geometry import Box, Grid
from parsers.numbers import is_figure
from parsers.ocr.boxes import PixelBox, box_marks
from parsers.ocr.digit_shapes import ARABIC_DIGITS, read_glyph
from parsers.ocr.engine import Engine, TextPiece
from parsers.ocr.page_image import PageImage
from parsers.ocr.rules import ruled_grids
from parsers.ocr.words import glyphs_of, in_reading_order, lines_of, mean_confidence
from parsers.page import PageContent, Word
from parsers.thai_text import normalise_digits
from parsers.tolerances import OCR_TOLERANCES


def pixel_rect(box: Box, image: PageImage, inset: float = 0.0) -> tuple[int, int, int, int]:
    """A box in points → (left, top, right, bottom) pixels, `inset` points inside it."""
    height, width = image.ink.shape
    left = max(0, image.to_pixels(box.x0 + inset))
    top = max(0, image.to_pixels(box.top + inset))
    right = min(width, image.to_pixels(box.x1 - inset))
    bottom = min(height, image.to_pixels(box.bottom - inset))
    return left, top, right, bottom


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


def read_cell(
    engine: Engine, rect: tuple[int, int, int, int], ink: np.ndarray
) -> list[list[TextPiece]]:
    """A cell as the Thai model reads it; a figure is read again by the English model told to
    see figures only, and is sure only where the two agree (a confident misreading of one
    model, "27" as "2", must not become a finding); where they disagree on a whole number,
    its digits' shapes decide between them. A cell the Thai model read as a few letters, or
    unsurely, is taken as a figure when the figures model reads one surely (the Thai model
    reads a lone "4" as ฮู)."""
    read = engine.read(rect)
    text = "".join(p.text for line in read for p in line)
    unsure = any(p.confidence < OCR_TOLERANCES.figure_confidence for line in read for p in line)
    thai_figure = is_figure(text)
    if not thai_figure and not unsure and len(text) > OCR_TOLERANCES.short_cell:
        return read
    figures = engine.read_figure(rect)
    figure = "".join(p.text for line in figures for p in line)
    if len(figures) != 1 or not is_figure(figure):
        return doubted(read) if thai_figure else read
    if figure == text:
        return [[replace(p, confidence=100.0) for p in figures[0]]]
    shapes = digits_by_shape(ink, rect) if (text + figure).isdigit() else None
    if shapes is not None and shapes in (text, figure):  # two readers of three agree
        return [[sure_piece(figures[0], shapes)]]
    if thai_figure:
        return doubted(read)  # two readings of one figure disagree
    if all(p.confidence >= OCR_TOLERANCES.sure_figure for p in figures[0]):
        return figures
    return read


def sure_piece(pieces: list[TextPiece], text: str) -> TextPiece:
    """One piece over the given ones, holding a reading two readers agreed on."""
    return TextPiece(
        text,
        min(p.left for p in pieces),
        min(p.top for p in pieces),
        max(p.right for p in pieces),
        max(p.bottom for p in pieces),
        100.0,
    )


def digits_by_shape(ink: np.ndarray, rect: tuple[int, int, int, int]) -> str | None:
    """A whole number's digits read from their shapes (parsers.ocr.digit_shapes), or None
    where a glyph is doubtful."""
    left, top, right, bottom = rect
    readings = [
        read_glyph(glyph, ARABIC_DIGITS) for glyph in glyphs_of(ink[top:bottom, left:right])
    ]
    if not readings or any(reading.doubtful for reading in readings):
        return None
    return "".join(reading.digit for reading in readings)


def is_speckle(line: list[Word]) -> bool:
    """A line of a few marks read unsurely ("ล์. ปู "แก @"): what is left of a stamp or a
    signature, not text."""
    tolerances = OCR_TOLERANCES
    short = all(len(word.text) <= tolerances.speckle_letters for word in line)
    return short and (mean_confidence(line) or 0.0) < tolerances.figure_confidence


def checked_figure(word: Word, engine: Engine, image: PageImage) -> Word:
    """A figure in running text (the narrative's counts and amounts) read again by the figures
    model: sure where both readings agree, doubtful where they do not. (Thai digits were read
    again from their shapes already: the English model does not know them.)"""
    figure = word.text.rstrip(".,;:)").lstrip("(")
    if word.shapes_read or not is_figure(figure):
        return word
    margin = word.height / 2  # Tesseract finds no line in a box the text fills
    around = Box(word.x0 - margin, word.top - margin, word.x1 + margin, word.bottom + margin)
    again = "".join(p.text for line in engine.read_figure(pixel_rect(around, image)) for p in line)
    same = again.rstrip(".,;:)").lstrip("(") == normalise_digits(figure)
    return replace(word, doubtful=not same)


def doubted(lines: list[list[TextPiece]]) -> list[list[TextPiece]]:
    return [[replace(p, confidence=0.0) for p in line] for line in lines]


def without(ink: np.ndarray, boxes: list[PixelBox]) -> np.ndarray:
    cleaned = ink.copy()
    for box in boxes:
        box.region(cleaned)[:] = 0
    return cleaned


def without_drawings(ink: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """The running text's ink without what is drawn rather than printed (a stamp, a
    signature, an emblem): read as text they are junk that runs into the names and positions
    beside them. Printed text is the page's darkest ink: a stamp pad's ink is lighter, a
    signature's stroke far wider and taller than a letter, a stamp's ring far taller (and what
    lies inside a ring goes with it)."""
    count, labels, stats, _centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return ink
    tolerances = OCR_TOLERANCES
    letter = float(np.median(stats[1:, cv2.CC_STAT_HEIGHT]))
    darkest = darkest_in(labels, count, grey)
    lighter = darkest > np.median(darkest[1:]) + tolerances.lighter_ink
    drawn = np.zeros(count, bool)
    rings = []
    for index in range(1, count):
        left, top, width, height, _area = stats[index]
        signature = (
            width > tolerances.drawing_width * letter and height > tolerances.stroke_height * letter
        )
        ring = height > tolerances.drawing_height * letter
        drawn[index] = signature or ring or bool(lighter[index])
        if ring:
            rings.append((left, top, left + width, top + height))
    for index in range(1, count):
        left, top, width, height, _area = stats[index]
        if any(
            x0 <= left and left + width <= x1 and y0 <= top and top + height <= y1
            for x0, y0, x1, y1 in rings
        ):
            drawn[index] = True
    return np.where(drawn[labels], 0, ink).astype(ink.dtype)


def darkest_in(labels: np.ndarray, count: int, grey: np.ndarray) -> np.ndarray:
    """The darkest grey under each component (a label's minimum)."""
    darkest = np.full(count, 255, dtype=np.int32)
    np.minimum.at(darkest, labels.ravel(), grey.ravel().astype(np.int32))
    return darkest


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
    lines += [
        [checked_figure(word, engine, image) for word in line]
        for line in lines_of(engine.read_page(), image, text_ink)
        if not is_speckle(line)
    ]
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=in_reading_order(lines),
        grids=grids,
        marks=marks,
        read_from_image=mean_confidence(word for line in lines for word in line),
    )
