"""What is drawn on a page rather than printed (a stamp, a signature, an emblem, what is left of
them), taken out before the running text is read: read as text it is junk that runs into the
names and positions printed beside it."""

from __future__ import annotations

import cv2
import numpy as np

from parsers.layout.page import Word
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.words import mean_confidence

LETTER_SIZED = 0.6  # of the median letter's height: smaller ink is a mark or a dot
MARK_SIDE = 0.3  # of a letter's height: how far beside a letter its mark may stand


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
    lighter &= ~marks_of_letters(labels, stats, lighter, letter)
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


def marks_of_letters(
    labels: np.ndarray, stats: np.ndarray, lighter: np.ndarray, letter: float
) -> np.ndarray:
    """Small ink right above or below a printed letter: a mark (an upper vowel, a tone mark,
    SARA AM's NIKHAHIT), too thin to print as dark as the letter in a soft scan. Taken out
    with a stamp's ink, it is lost to the reader (สำนัก read สานัก); what a signature leaves
    away from the letters is not kept."""
    sized = stats[:, cv2.CC_STAT_HEIGHT] >= LETTER_SIZED * letter
    printed = sized & ~lighter
    printed[0] = False
    reach = cv2.getStructuringElement(
        cv2.MORPH_RECT, (max(1, round(MARK_SIDE * letter)) | 1, round(2 * letter) | 1)
    )
    near = cv2.dilate(printed[labels].astype(np.uint8), reach) > 0
    centres_x = np.clip(stats[:, 0] + stats[:, 2] // 2, 0, labels.shape[1] - 1)
    centres_y = np.clip(stats[:, 1] + stats[:, 3] // 2, 0, labels.shape[0] - 1)
    return np.asarray(~sized & near[centres_y, centres_x])


def darkest_in(labels: np.ndarray, count: int, grey: np.ndarray) -> np.ndarray:
    """The darkest grey under each component (a label's minimum)."""
    darkest = np.full(count, 255, dtype=np.int32)
    np.minimum.at(darkest, labels.ravel(), grey.ravel().astype(np.int32))
    return darkest


def is_speckle(line: list[Word]) -> bool:
    """A line of a few marks read unsurely ("ล์. ปู "แก @"): what is left of a stamp or a
    signature, not text."""
    tolerances = OCR_TOLERANCES
    short = all(len(word.text) <= tolerances.speckle_letters for word in line)
    return short and (mean_confidence(line) or 0.0) < tolerances.figure_confidence
