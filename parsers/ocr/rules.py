"""Ruling lines found in a page image: long thin runs of ink, kept by a morphological opening
with a line-shaped element (OpenCV), become the `Segment`s a text layer's rules become, so the
same `find_grids` groups them into tables."""

from __future__ import annotations

import cv2
import numpy as np

from parsers.layout.geometry import Grid, Segment, find_grids, merge_segments
from parsers.layout.tolerances import OCR_TOLERANCES, TOLERANCES
from parsers.ocr.page_image import PageImage


def line_mask(image: PageImage, horizontal: bool) -> np.ndarray:
    """The ink that belongs to horizontal (or vertical) rules. Breaks a scan left in a rule
    are not closed here (that would join letters standing on one baseline into a "rule"):
    `merge_segments` joins the pieces, as it joins a rule drawn cell by cell."""
    tolerances = OCR_TOLERANCES
    length = image.to_pixels(tolerances.min_rule_h if horizontal else tolerances.min_rule_v)
    along = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(
        image.ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, along)
    )


def segments_of(mask: np.ndarray, image: PageImage, horizontal: bool) -> list[Segment]:
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segments = []
    points = image.to_points
    for left, top, width, height, _area in stats[1:count]:
        if horizontal:
            segments.append(
                Segment(True, points(top + height / 2), points(left), points(left + width))
            )
        else:
            segments.append(
                Segment(False, points(left + width / 2), points(top), points(top + height))
            )
    return merge_segments(segments)


def crossings(vertical: Segment, horizontals: list[Segment]) -> int:
    """How many horizontal rules the vertical one meets (as `find_grids` joins them)."""
    return sum(h.covers(vertical.at) and vertical.covers(h.at) for h in horizontals)


def spanning_rows(verticals: list[Segment], horizontals: list[Segment]) -> list[Segment]:
    """The vertical rules that divide at least one row: those meeting two horizontal rules.
    In a coarse scan a letter's stem runs into the one below it, or into a row's rule, as
    long as a short rule (11 to 18 points at 150 dpi); taken for a column's rule it adds a
    column to the grid that is in no row."""
    return [v for v in verticals if crossings(v, horizontals) >= 2]


def ruled_grids(image: PageImage) -> tuple[list[Grid], np.ndarray]:
    """The page's ruled grids, in points, and its ink without their rules (text and marks).
    Only rules of a grid are taken out: a tall letter's stem (ป ไ) is a vertical run of ink
    as long as a short rule, and must stay."""
    horizontal = line_mask(image, True)
    vertical = line_mask(image, False)
    rows = segments_of(horizontal, image, True)
    columns = spanning_rows(segments_of(vertical, image, False), rows)
    grids = find_grids(rows, columns)
    rules = grid_rules(grids, horizontal, vertical, image)
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    return grids, cv2.bitwise_and(image.ink, cv2.bitwise_not(rules))


def grid_rules(
    grids: list[Grid], horizontal: np.ndarray, vertical: np.ndarray, image: PageImage
) -> np.ndarray:
    """The rule ink that draws the grids: bands along each grid's rows and columns."""
    band = max(2, image.to_pixels(TOLERANCES.snap))
    keep = np.zeros_like(horizontal)
    height, width = keep.shape
    pixels = image.to_pixels
    for grid in grids:
        x0, x1 = max(0, pixels(grid.box.x0) - band), min(width, pixels(grid.box.x1) + band)
        y0, y1 = max(0, pixels(grid.box.top) - band), min(height, pixels(grid.box.bottom) + band)
        for y in grid.ys:
            at = pixels(y)
            rows = slice(max(0, at - band), min(height, at + band + 1))
            keep[rows, x0:x1] |= horizontal[rows, x0:x1]
        for x in grid.xs:
            at = pixels(x)
            columns = slice(max(0, at - band), min(width, at + band + 1))
            keep[y0:y1, columns] |= vertical[y0:y1, columns]
    return keep
