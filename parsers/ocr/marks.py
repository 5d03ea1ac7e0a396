"""Thai marks counted in the ink, a second reader of what Tesseract read: the vowels and tone
marks written above or below a letter are drawn apart from it, so a word's ink shows how many
it has at least. Tesseract drops them with full confidence (สำนัก read สานัก, ร่อนพิบูลย์
read รอนพบูลย); a word whose ink holds more marks than its text, or more set one over another
(ทั่ว read ทัว), is doubtful, and so are the words beside a mark standing in the gap between
them (a font that sets its marks apart: ผ่อง read ผ อง)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from parsers.layout.page import Word
from parsers.ocr.page_image import PageImage, pixel_rect

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
UPPER_SLACK, NEAR, STACKED = 0.15, 0.7, 0.2
LOWER_SLACK, LOWER_START = 0.05, 0.12
SMALLEST, WIDEST = 0.15, 1.5
# An upper mark TWO_MARKS_TALL of the letters' height is two set one on the other and touching
# (อื่น: SARA UEE under MAI EK; one mark is 0.6 at most in every Thai family Debian ships).
TWO_MARKS_TALL = 0.7
# What may stand above the letters' tops: the letters with an ascender (ป ฝ ฟ ฬ), the leading
# vowels (โ ใ ไ), SARA AM (its ring touching its SARA AA), the digits, MAIYAMOK, PAIYANNOI
# and any character not Thai (a Latin capital). A reader takes a riser for its plain
# look-alike (เผ่า for เฝ้า, บ for ป, พ for ฟ). Measured in every Thai family Debian ships,
# in the letters' height above their tops: the ascenders rise 0.24 (Sawasdee) to 0.64
# (Purisa), the leading vowels 0.43 to 0.88, a hand-like font's ช ร ส 0.24 at most (Purisa),
# the rest 0.1 at most. A letter rising RISE is a riser (the lowest ascenders are let go).
RISERS = frozenset("ปฝฟฬโใไำๆฯ๐๑๒๓๔๕๖๗๘๙")
THAI = re.compile(r"[\u0e01-\u0e5b]")
RISE = 0.25


@dataclass(frozen=True)
class MarkCount:
    upper: int
    lower: int
    stacked: int = 0  # upper marks set over another upper mark (a tone mark over a vowel)
    joined: int = 0  # of the upper marks, those counted as two because they are tall as two
    risers: int = 0  # letters standing RISE above the others' tops


# Two upper marks over one letter: a vowel or NIKHAHIT with a tone mark or THANTHAKHAT over it
# (ทั่ว, ที่, น้ำ: SARA AM's ring is written after the tone mark).
STACKED_MARKS = re.compile(f"[{''.join(sorted(UPPER_MARKS))}]{{2,}}|[\u0e48-\u0e4c]\u0e33")


def most_marks(text: str) -> MarkCount:
    """The most marks the text's ink may show apart above and below its letters (stacked
    marks may touch, a mark may touch its letter: the ink may show fewer)."""
    upper = sum(ch in UPPER_MARKS or ch == SARA_AM or ch in MAYBE_UPPER for ch in text)
    lower = sum(ch in LOWER_MARKS or ch in MAYBE_LOWER for ch in text)
    risers = sum(ch in RISERS or not (ch.isspace() or THAI.match(ch)) for ch in text)
    return MarkCount(upper, lower, len(STACKED_MARKS.findall(text)), 0, risers)


Stats = tuple[int, int, int, int]  # left, top, width, height (pixels)


def stands_on(mark: Stats, under: Stats, size: float) -> bool:
    """The mark is set over the other one: they share columns, with little room between."""
    shared = mark[0] < under[0] + under[2] and under[0] < mark[0] + mark[2]
    return shared and 0 <= under[1] - (mark[1] + mark[3]) <= STACKED * size


def components_around(
    ink: np.ndarray, rect: tuple[int, int, int, int]
) -> tuple[list[Stats], tuple[int, int]] | None:
    """The ink's components around a box (its height's REACH above and below), in the region's
    pixels, and where the region starts (x, y); those cut by its top or bottom edge left out."""
    left, top, right, bottom = rect
    reach = round(REACH * (bottom - top))
    y0, x0 = max(0, top - reach), max(0, left - reach)
    region = ink[y0 : min(ink.shape[0], bottom + reach), x0 : min(ink.shape[1], right + reach)]
    if region.size == 0:
        return None
    _count, _labels, stats, _centres = cv2.connectedComponentsWithStats(region, connectivity=8)
    height = region.shape[0]
    found = [(int(x), int(y), int(w), int(h)) for x, y, w, h, _area in stats[1:]]
    return [c for c in found if c[1] > 0 and c[1] + c[3] < height], (x0, y0)


@dataclass(frozen=True)
class InkMarks:
    """A text's marks as its ink shows them, and the letters that rise above the others."""

    upper: list[Stats]
    lower: list[Stats]
    stacked: int  # upper marks standing on another
    joined: int  # upper marks tall as two set one on the other
    risers: int

    def count(self) -> MarkCount:
        upper, stacked = len(self.upper) + self.joined, self.stacked + self.joined
        return MarkCount(upper, len(self.lower), stacked, self.joined, self.risers)


def mark_components(own: list[Stats]) -> InkMarks | None:
    """The upper and lower marks among a text's components: those that are not letters, wholly
    above or below the band the letters share; how many upper ones stand on another (or are
    two touching); and the letters that rise above the others (None: no letters found)."""
    if not own:
        return None
    tallest = max(h for _x, _y, _w, h in own)
    letters = [c for c in own if c[3] >= LETTER_SHARE * tallest]
    band_top = float(np.median([y for _x, y, _w, _h in letters]))
    band_bottom = float(np.median([y + h for _x, y, _w, h in letters]))
    size = band_bottom - band_top
    # A mark is short, or wholly above or below the band however tall (a font's MAITAIKHU
    # over เพ็ญ stands more than half a letter high).
    marks = [
        (x, y, w, h)
        for x, y, w, h in own
        if (h < LETTER_SHARE * tallest or y + h <= band_top or y >= band_bottom)
        and SMALLEST * size <= max(w, h)
        and w <= WIDEST * size
    ]
    above = [c for c in marks if c[1] + c[3] <= band_top + UPPER_SLACK * size]
    near = [c for c in above if c[1] + c[3] > band_top - NEAR * size]
    upper = near + [
        mark for mark in above if mark not in near and any(stands_on(mark, u, size) for u in near)
    ]
    lower = [
        (x, y, w, h)
        for x, y, w, h in marks
        if band_bottom - LOWER_SLACK * size <= y <= band_bottom + LOWER_START * size
    ]
    stacked = sum(any(stands_on(mark, u, size) for u in upper if u != mark) for mark in upper)
    joined = sum(h >= TWO_MARKS_TALL * size for _x, _y, _w, h in upper)
    # A riser stands on the line: a mark tall as a letter (two touching) is none.
    risers = sum(
        y < band_top - RISE * size and y + h > band_bottom - UPPER_SLACK * size
        for _x, y, _w, h in letters
    )
    return InkMarks(upper, lower, stacked, joined, risers)


def marks_in(ink: np.ndarray, rect: tuple[int, int, int, int]) -> MarkCount | None:
    """The marks drawn apart above and below the letters in a word's box (None: no letters
    found): the word's own components are those centred in its box."""
    around = components_around(ink, rect)
    if around is None:
        return None
    found, (x0, _y0) = around
    left, _top, right, _bottom = rect
    marks = mark_components([c for c in found if left <= x0 + c[0] + c[2] / 2 <= right])
    return None if marks is None else marks.count()


def marks_lost(text: str, counted: MarkCount) -> bool:
    """The ink holds more marks than the text, or more set one over another, or more letters
    rising: the reader dropped some (SARA AM read SARA AA, a tone mark or THANTHAKHAT missing:
    ทั่ว read ทัว) or took a riser for its look-alike (เผ่า for เฝ้า)."""
    most = most_marks(text)
    # A mark the ink does not show apart may touch its letter, which then rises.
    in_letters = max(0, most.upper - (counted.upper - counted.joined))
    return (
        counted.upper > most.upper
        or counted.lower > most.lower
        or counted.stacked > most.stacked
        or counted.risers > most.risers + in_letters
    )


def checked_marks(word: Word, ink: np.ndarray, image: PageImage) -> Word:
    """A Thai word doubtful where its ink holds more marks than its text."""
    if word.doubtful or not any(ch in THAI_LETTERS for ch in word.text):
        return word
    counted = marks_in(ink, pixel_rect(word, image))
    if counted is None or not marks_lost(word.text, counted):
        return word
    return replace(word, doubtful=True)


def marks_between_words(line: list[Word], ink: np.ndarray, image: PageImage) -> set[int]:
    """The indices of the line's words beside a mark drawn in no word's box: Tesseract left it
    out and cut the word there (ผ่อง read ผ อง, the MAI EK a space), so both sides lack it."""
    rects = [pixel_rect(word, image) for word in line]
    whole = (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )
    around = components_around(ink, whole)
    if around is None:
        return set()
    found, (x0, _y0) = around
    inside = [c for c in found if whole[0] <= x0 + c[0] + c[2] / 2 <= whole[2]]
    marks = mark_components(inside)
    if marks is None:
        return set()
    beside: set[int] = set()
    for x, _y, w, _h in [*marks.upper, *marks.lower]:
        centre = x0 + x + w / 2
        if any(left <= centre <= right for left, _top, right, _bottom in rects):
            continue
        before = [i for i, r in enumerate(rects) if r[2] < centre]
        after = [i for i, r in enumerate(rects) if r[0] > centre]
        beside |= {max(before, key=lambda i: rects[i][2])} if before else set()
        beside |= {min(after, key=lambda i: rects[i][0])} if after else set()
    return beside


def checked_gaps(line: list[Word], ink: np.ndarray, image: PageImage) -> list[Word]:
    """The line's words of Thai text doubtful where a mark stands in the gap beside them
    (figures have readers of their own)."""
    beside = marks_between_words(line, ink, image)
    return [
        replace(word, doubtful=True) if index in beside and is_thai_text(word.text) else word
        for index, word in enumerate(line)
    ]


def is_thai_text(text: str) -> bool:
    """Thai letters and no digit."""
    return any(ch in THAI_LETTERS for ch in text) and not any(ch.isdigit() for ch in text)


def checked_text(line: list[Word], ink: np.ndarray, image: PageImage) -> list[Word]:
    """A line of a table cell: its words of Thai text doubtful where the ink holds marks
    their text lacks, in a word or beside it."""
    checked = [
        checked_marks(word, ink, image) if is_thai_text(word.text) else word for word in line
    ]
    return checked_gaps(checked, ink, image)
