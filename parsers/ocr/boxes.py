"""Status marks found in a page image: outlined boxes, ticked or not by the ink inside them,
and marks drawn with no box (a tick, a cross, a dot, the letter X: the e-PlanNACC printout
ticks its status columns with a bare ✓).

A box is a square outline of a box's size, ink along all four sides; its state is the share
of its inside that is ink, with a margin between "clearly empty" and "clearly ticked": a box
in that margin is doubtful, and its row's status unknown (contract 1.1), never a guess.

A cell with no box holds a mark when its ink is one small cluster: a mark's size, a few
pieces at most. Its ink is measured, not judged here: which of a row's status cells is
marked is decided against the row's other cells and the table's marks
(parsers.sections.project_list.read_image_marks). Ink a mark cannot be (text, a scribble) is
doubtful.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from parsers.layout.geometry import Grid
from parsers.layout.page import Mark
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.page_image import PageImage, pixel_rect

TICKED, EMPTY, DOUBTFUL = "tick", "empty_glyph", "doubtful"  # `Mark.kind`s (parsers.layout.page)
SIDE_INK = 0.85  # each side of a box's outline is this share ink at least: straight lines


@dataclass(frozen=True)
class PixelBox:
    left: int
    top: int
    width: int
    height: int

    def region(self, image: np.ndarray, inset: int = 0) -> np.ndarray:
        return image[
            self.top + inset : self.top + self.height - inset,
            self.left + inset : self.left + self.width - inset,
        ]


def is_box_sized(box: PixelBox, image: PageImage) -> bool:
    tolerances = OCR_TOLERANCES
    low, high = image.to_pixels(tolerances.box_min), image.to_pixels(tolerances.box_max)
    short, long = sorted((box.width, box.height))
    return low <= short and long <= high and short / long >= tolerances.box_squareness


def has_outline(ink: np.ndarray, box: PixelBox) -> bool:
    """Ink along all four sides, as a drawn box has and a letter does not."""
    region = box.region(ink) > 0
    band = max(2, round(min(box.width, box.height) * 0.12))
    sides = (region[:band, :], region[-band:, :], region[:, :band], region[:, -band:])
    return all(
        side.any(axis=0 if index < 2 else 1).mean() >= SIDE_INK for index, side in enumerate(sides)
    )


def inside_ink(ink: np.ndarray, box: PixelBox) -> float:
    inset = max(2, round(min(box.width, box.height) * OCR_TOLERANCES.box_inner))
    inside = box.region(ink, inset)
    return float((inside > 0).mean()) if inside.size else 0.0


def state_of(share: float) -> str:
    if share <= OCR_TOLERANCES.empty_ink:
        return EMPTY
    if share >= OCR_TOLERANCES.ticked_ink:
        return TICKED
    return DOUBTFUL


def box_marks(ink: np.ndarray, image: PageImage) -> tuple[list[Mark], list[PixelBox]]:
    """Every status box on the page as a `Mark` in points (ticked, empty or doubtful), and the
    boxes in pixels, to keep them out of what is read as text."""
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks, boxes = [], []
    points = image.to_points
    for left, top, width, height, _area in stats[1:count]:
        box = PixelBox(int(left), int(top), int(width), int(height))
        if not is_box_sized(box, image) or not has_outline(ink, box):
            continue
        kind = state_of(inside_ink(ink, box))
        marks.append(
            Mark(points(left), points(top), points(left + width), points(top + height), kind=kind)
        )
        boxes.append(box)
    return marks, boxes


# A bare mark: its ink spans at most MARK_MOST points either way (a status box is at most
# `box_max`; a tick, a cross or a dot in a 10-16 pt line is 5-12 pt), in MARK_PIECES pieces at
# most (a thin stroke a scan breaks up). Cells are measured MARK_INSET points inside their
# rules: what a rule leaves along its band is no mark.
MARK_MOST = 22.0
MARK_PIECES = 4
MARK_INSET = 1.0


def cell_boxes_of(grid: Grid) -> list[tuple[int, int]]:
    """(row, column) of every one-column cell of the grid (status cells are never merged)."""
    return [
        (row, first)
        for row in range(len(grid.ys) - 1)
        for first, last in grid.cell_spans(row)
        if first == last
    ]


def cell_ink(ink: np.ndarray, rect: tuple[int, int, int, int], image: PageImage) -> Mark | None:
    """What a cell without a box holds: nothing (specks at most), a bare mark with its ink in
    square points (`Mark.drawn_ink`), or ink no mark is (doubtful)."""
    left, top, right, bottom = rect
    region = ink[top:bottom, left:right]
    if region.size == 0:
        return None
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(region, connectivity=8)
    speck = image.to_pixels(OCR_TOLERANCES.speck)
    pieces = [
        (int(x), int(y), int(w), int(h), int(area))
        for x, y, w, h, area in stats[1:count]
        if w >= speck or h >= speck
    ]
    if not pieces:
        return None
    x0 = min(x for x, _y, _w, _h, _a in pieces)
    y0 = min(y for _x, y, _w, _h, _a in pieces)
    x1 = max(x + w for x, _y, w, _h, _a in pieces)
    y1 = max(y + h for _x, y, _w, h, _a in pieces)
    points = image.to_points
    kind = TICKED
    if len(pieces) > MARK_PIECES or points(max(x1 - x0, y1 - y0)) > MARK_MOST:
        kind = DOUBTFUL
    area = sum(a for *_box, a in pieces) * image.points_per_pixel**2
    return Mark(
        points(left + x0),
        points(top + y0),
        points(left + x1),
        points(top + y1),
        kind=kind,
        drawn_ink=area if kind == TICKED else 0.0,
    )


def bare_marks(
    ink: np.ndarray, grids: list[Grid], boxes: list[PixelBox], image: PageImage
) -> list[Mark]:
    """The marks drawn in the grids' cells that hold no box (`ink` without rules or boxes)."""
    marks = []
    points = image.to_points
    centres = [
        (points(box.left + box.width / 2), points(box.top + box.height / 2)) for box in boxes
    ]
    for grid in grids:
        for row, column in cell_boxes_of(grid):
            cell = grid.cell_box(row, column, column)
            if any(cell.contains_point(x, y) for x, y in centres):
                continue
            mark = cell_ink(ink, pixel_rect(cell, image, MARK_INSET), image)
            if mark is not None:
                marks.append(mark)
    return marks
