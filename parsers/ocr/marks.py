"""Thai marks counted in the ink, a second reader of what Tesseract read: the vowels and tone
marks written above or below a letter are drawn apart from it, so a word's ink shows how many
it has at least. Tesseract drops them with full confidence (สำนัก read สานัก, ร่อนพิบูลย์
read รอนพบูลย); a word whose ink holds more marks than its text is doubtful."""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from parsers.ocr.page_image import PageImage, pixel_rect
from parsers.page import Word

# Marks drawn apart above the letters: the upper vowels, the tone marks, THANTHAKHAT, and
# NIKHAHIT (SARA AM draws one over its SARA AA).
UPPER_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
SARA_AM = "\u0e33"
LOWER_MARKS = frozenset("\u0e38\u0e39\u0e3a")  # SARA U, SARA UU, PHINTHU
# What some fonts draw apart too, so that the ink may hold it or not: the dot of i and j,
# quotes above the line; the lower strokes of YO YING and THO THAN.
MAYBE_UPPER = frozenset("ij'\"“”‘’`^")
MAYBE_LOWER = frozenset("ญฐ")
THAI_LETTERS = frozenset(chr(code) for code in range(0x0E01, 0x0E2F))

LETTER_SHARE = 0.5  # a component at least this share of the tallest is a letter
REACH = 0.3  # the word's box is searched this share of its height above and below it
# Where a mark is, in the letters' height from the band they share. An upper mark ends above
# the band (UPPER_SLACK into it at most): just above it (within NEAR), or higher when it
# stands on another mark, STACKED above it at most (a tone mark over an upper vowel; what
# stands alone up there is a lower mark of the line above). A lower mark starts just below
# the band (LOWER_SLACK into it, LOWER_START below it at most). A mark is at least SMALLEST
# high or wide (less is a speck of the scan) and at most WIDEST wide (a rule; a leader's
# dots run together).
UPPER_SLACK, NEAR, STACKED = 0.15, 0.35, 0.2
LOWER_SLACK, LOWER_START = 0.05, 0.12
SMALLEST, WIDEST = 0.15, 1.5


@dataclass(frozen=True)
class MarkCount:
    upper: int
    lower: int


def most_marks(text: str) -> MarkCount:
    """The most marks the text's ink may show apart above and below its letters (stacked
    marks may touch, a mark may touch its letter: the ink may show fewer)."""
    upper = sum(ch in UPPER_MARKS or ch == SARA_AM or ch in MAYBE_UPPER for ch in text)
    lower = sum(ch in LOWER_MARKS or ch in MAYBE_LOWER for ch in text)
    return MarkCount(upper, lower)


Stats = tuple[int, int, int, int]  # left, top, width, height (pixels)


def stands_on(mark: Stats, under: Stats, size: float) -> bool:
    """The mark is set over the other one: they share columns, with little room between."""
    shared = mark[0] < under[0] + under[2] and under[0] < mark[0] + mark[2]
    return shared and 0 <= under[1] - (mark[1] + mark[3]) <= STACKED * size


def marks_in(ink: np.ndarray, rect: tuple[int, int, int, int]) -> MarkCount | None:
    """The marks drawn apart above and below the letters in a word's box: components that are
    not letters, wholly above or below the band the letters share (None: no letters found)."""
    left, top, right, bottom = rect
    reach = round(REACH * (bottom - top))
    y0, x0 = max(0, top - reach), max(0, left - reach)
    region = ink[y0 : min(ink.shape[0], bottom + reach), x0 : min(ink.shape[1], right + reach)]
    if region.size == 0:
        return None
    _count, _labels, stats, _centres = cv2.connectedComponentsWithStats(region, connectivity=8)
    height = region.shape[0]
    # The word's own components: centred in its box, not cut by the region's edge.
    own: list[Stats] = [
        (int(x), int(y), int(w), int(h))
        for x, y, w, h, _area in stats[1:]
        if y > 0 and y + h < height and left <= x0 + x + w / 2 <= right
    ]
    if not own:
        return None
    tallest = max(h for _x, _y, _w, h in own)
    letters = [c for c in own if c[3] >= LETTER_SHARE * tallest]
    band_top = float(np.median([y for _x, y, _w, _h in letters]))
    band_bottom = float(np.median([y + h for _x, y, _w, h in letters]))
    size = band_bottom - band_top
    marks = [
        (x, y, w, h)
        for x, y, w, h in own
        if h < LETTER_SHARE * tallest and SMALLEST * size <= max(w, h) and w <= WIDEST * size
    ]
    above = [c for c in marks if c[1] + c[3] <= band_top + UPPER_SLACK * size]
    near = [c for c in above if c[1] + c[3] > band_top - NEAR * size]
    upper = len(near) + sum(
        any(stands_on(mark, under, size) for under in near) for mark in above if mark not in near
    )
    lower = sum(
        band_bottom - LOWER_SLACK * size <= y <= band_bottom + LOWER_START * size
        for _x, y, _w, _h in marks
    )
    return MarkCount(upper, lower)


def marks_lost(text: str, counted: MarkCount) -> bool:
    """The ink holds more marks than the text: the reader dropped some (SARA AM read SARA AA,
    a tone mark or THANTHAKHAT missing)."""
    most = most_marks(text)
    return counted.upper > most.upper or counted.lower > most.lower


def checked_marks(word: Word, ink: np.ndarray, image: PageImage) -> Word:
    """A Thai word doubtful where its ink holds more marks than its text."""
    if word.doubtful or not any(ch in THAI_LETTERS for ch in word.text):
        return word
    counted = marks_in(ink, pixel_rect(word, image))
    if counted is None or not marks_lost(word.text, counted):
        return word
    return replace(word, doubtful=True)
