"""Status boxes found in a page image, ticked or not by the ink inside them.

A box is a square outline of a box's size, ink along all four sides; its state is the share
of its inside that is ink, with a margin between "clearly empty" and "clearly ticked": a box
in that margin is doubtful, and its row's status unknown (contract 1.1), never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from parsers.ocr.page_image import PageImage
from parsers.page import Mark
from parsers.tolerances import OCR_TOLERANCES

TICKED, EMPTY, DOUBTFUL = "tick", "empty_glyph", "doubtful"  # `Mark.kind`s (parsers.page)
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
