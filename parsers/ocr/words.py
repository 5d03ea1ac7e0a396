"""What Tesseract read, as the parser's words and lines (points, reading order).

Tesseract gives a piece per Thai letter or cluster; pieces are joined into words where its
line's text has no space between them. Runs of digits are read
again from their glyphs (parsers.ocr.digit_shapes).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from statistics import median
from typing import Any

import cv2
import numpy as np

from parsers.language.thai_text import repair_thai
from parsers.language.vocabulary_match import as_printed
from parsers.layout.page import Word
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.digit_shapes import ARABIC_DIGITS, DIGITS, THAI_DIGITS, Reading, read_glyph
from parsers.ocr.engine import TextPiece
from parsers.ocr.page_image import PageImage

DIGIT_HEIGHT_SHARE = 0.5  # glyphs of a digit run at least this share of its tallest one
DIGIT_ASPECT = 0.95  # a digit's usual width over its height (Thai digits are about square)
# A comma's top lies this share of the digits' height or more below theirs (0.60 to 0.90 in
# every Thai family Debian ships, Thai digits and Arabic), a digit's at theirs: Purisa's comma
# is 0.56 of a digit high, and was read as a 7 among them.
SEPARATOR_DROP = 0.45


@dataclass
class Token:
    """Pieces joined into one word, in Tesseract's reading order."""

    pieces: list[TextPiece]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def left(self) -> int:
        return min(piece.left for piece in self.pieces)

    @property
    def right(self) -> int:
        return max(piece.right for piece in self.pieces)

    @property
    def top(self) -> int:
        return min(piece.top for piece in self.pieces)

    @property
    def bottom(self) -> int:
        return max(piece.bottom for piece in self.pieces)


def tokens(line: list[TextPiece]) -> list[Token]:
    """A line's pieces joined into words: a new word where Tesseract put a space."""
    joined: list[Token] = []
    for piece in line:
        if joined and not piece.space_before:
            joined[-1].pieces.append(piece)
        else:
            joined.append(Token([piece]))
    return joined


# What Tesseract writes now and then for a Thai digit it could not place (๗ as %).
DIGIT_LOOKALIKES = "%@"
SEPARATORS = "-/.,"  # between the digits of a date, a phone number, a reference


def is_mark(piece: TextPiece) -> bool:
    """A vowel or tone mark alone (ี, ่): drawn over or under a letter, never on the line, yet
    Tesseract boxes it the line's whole height, often a digit's width to the right of its ink."""
    return all(unicodedata.combining(ch) for ch in piece.text)


def is_digit(piece: TextPiece) -> bool:
    return all(ch in DIGITS for ch in piece.text)


def may_be_digit(piece: TextPiece) -> bool:
    """A digit, or what Tesseract writes for one it could not place, perhaps run into the
    separator after it ("%/" for "๗/")."""
    head, tail = piece.text[:1], piece.text[1:]
    return is_digit(piece) or (head in DIGIT_LOOKALIKES and all(ch in SEPARATORS for ch in tail))


def digits_read(text: str) -> int:
    """How many digits Tesseract read in a run (a symbol it writes for one counts)."""
    return sum(ch in DIGITS or ch in DIGIT_LOOKALIKES for ch in text)


def trailing_separators(run: list[TextPiece]) -> str:
    """The separators the run's last piece ends with ("/" of "%/"): printed, not digits."""
    text = run[-1].text
    return text[len(text.rstrip(SEPARATORS)) :] if not is_digit(run[-1]) else ""


def digit_runs(token: Token) -> list[tuple[int, int]]:
    """(first, end) indices of the token's runs of pieces that are digits alone (or a symbol
    Tesseract writes for a digit, next to digits)."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, piece in enumerate([*token.pieces, None]):
        if piece is not None and (is_digit(piece) or (start is not None and may_be_digit(piece))):
            start = index if start is None else start
        elif start is not None:
            runs.append((start, index))
            start = None
    return runs


Rect = tuple[int, int, int, int]  # left, top, right, bottom (pixels)


@dataclass
class RunGlyphs:
    """The glyphs of a run of digits, and whether digit-high ink stands close beside them on
    their line that neither the run took nor another piece's box lies over (a digit of it
    claimed by a neighbour's misplaced box)."""

    glyphs: list[np.ndarray]
    crowded: bool = False


# Ink closer than this share of the digits' height beside a run's glyphs is set as a digit of
# it would be: the 13 Thai fonts Debian ships set a number's digits -0.15 to 0.53 of their
# height apart (Norasi's and Tlwg Typo's ๑๑ the widest), a word 0.58 and more before them.
TIGHT = 0.55
BASELINE = 0.25  # a digit's foot is this share of the digits' height from the others'
# Ink is a letter's when the box Tesseract gave the letter lies over this share of its width
# (a box it misplaced over a digit covered a third of it).
EXPLAINED = 0.5


def glyphs_in(
    ink: np.ndarray,
    box: Rect,
    run: list[Rect],
    others: list[Rect],
    among: str = DIGITS,
    separators: list[Rect] | None = None,
) -> RunGlyphs:
    """The glyphs (connected ink) of a run of digits, left to right, each whole (Tesseract's
    boxes cut digits short, and stretch marks' wide): those across the run's middle, near it,
    whose centre is nearer the centre of a piece of the run than of any other piece of the
    line; what is much shorter than the tallest (a dot, a mark) left out. `separators`: the
    pieces of `others` that are a separator beside the run (the / of ๖๓๗๒๔/๓๕๕); their boxes
    explain no ink, and each is allowed one glyph beside the run narrower than a digit (its
    own): Tesseract's box of a / lay over the ๔ before it, touching it, and the shapes read
    ๖๓๗๒."""
    separators = separators or []
    left, top, right, bottom = box
    reach = bottom - top
    height, width = ink.shape
    x0, y0 = max(0, left - reach), max(0, top - reach)
    region = ink[y0 : min(height, bottom + reach), x0 : min(width, right + reach)]
    count, labels, stats, _centres = cv2.connectedComponentsWithStats(region, connectivity=8)
    # The digits' middle: the pieces' own, by their median (a piece Tesseract stretched over a
    # mark above, as ่ of วันที่ beside a day's digits, raises the run's box, not its digits).
    middle = median((r[1] + r[3]) / 2 for r in run) - y0

    def nearest(x: float, rects: list[Rect]) -> float:
        return min((abs(x - (r[0] + r[2]) / 2) for r in rects), default=float("inf"))

    def across(i: int) -> bool:
        y, h = stats[i][1], stats[i][3]
        return bool(y <= middle <= y + h)

    def belongs(i: int) -> bool:
        centre = x0 + stats[i][0] + stats[i][2] / 2
        return nearest(centre, run) <= min(nearest(centre, others), reach)

    explaining = [rect for rect in others if rect not in separators]

    def unexplained(i: int) -> bool:  # no other piece's box lies over most of its ink
        x, w = x0 + stats[i][0], stats[i][2]
        return all(min(x + w, r[2]) - max(x, r[0]) < EXPLAINED * w for r in explaining)

    on_line = [i for i in range(1, count) if across(i)]
    found = [i for i in on_line if belongs(i)]
    left_out = [i for i in on_line if i not in found and unexplained(i)]
    wide, narrow = crowding(stats, found, left_out)
    crowded = wide > 0 or narrow > len(separators)
    return RunGlyphs(digit_glyphs(labels, stats, found, among), crowded)


# A separator's glyph (/) is narrower than this share of the digits' height; one wider beside
# a run holds a digit (๔ and the / after it touching, at 150 dpi).
SEPARATOR_WIDTH = 0.8


def crowding(stats: np.ndarray, found: list[int], left_out: list[int]) -> tuple[int, int]:
    """How many components of `left_out` are digit-high, standing on the digits' line, close
    beside the digit-sized ones of `found` (TIGHT): (wider than a separator, the others)."""
    tallest = max((stats[i][3] for i in found), default=0)
    digits = [i for i in found if stats[i][3] >= DIGIT_HEIGHT_SHARE * tallest]
    if not digits:
        return 0, 0
    start = min(stats[i][0] for i in digits)
    end = max(stats[i][0] + stats[i][2] for i in digits)
    foot = max(stats[i][1] + stats[i][3] for i in digits)

    def close_beside(i: int) -> bool:
        x, y, w, h = stats[i][:4]
        gap = max(start - (x + w), x - end)
        return bool(
            h >= DIGIT_HEIGHT_SHARE * tallest
            and abs(y + h - foot) <= BASELINE * tallest
            and 0 <= gap <= TIGHT * tallest
        )

    beside = [i for i in left_out if close_beside(i)]
    wide = sum(1 for i in beside if stats[i][2] > SEPARATOR_WIDTH * tallest)
    return wide, len(beside) - wide


def glyphs_of(region: np.ndarray, among: str = DIGITS) -> list[np.ndarray]:
    """The digit-sized glyphs of a region alone (a cell of one number), left to right,
    touching ones split."""
    count, labels, stats, _centres = cv2.connectedComponentsWithStats(region, connectivity=8)
    return digit_glyphs(labels, stats, list(range(1, count)), among)


def digit_glyphs(
    labels: np.ndarray, stats: np.ndarray, found: list[int], among: str
) -> list[np.ndarray]:
    """The components `found` that are digit-sized (a dot, a mark is much shorter than the
    tallest), each cut out alone, left to right, touching ones split."""
    glyphs = []
    for i in digit_components(stats, found):
        x, y, w, h = stats[i][:4]
        glyphs += split_touching((labels[y : y + h, x : x + w] == i).astype(np.uint8), among)
    return glyphs


def digit_components(stats: np.ndarray, found: list[int]) -> list[int]:
    """The components of `found` that are digits, left to right: digit-high, and not hanging
    from the baseline as a comma does."""
    if not found:
        return []
    tallest = max(stats[i][3] for i in found)
    high = [i for i in found if stats[i][3] >= DIGIT_HEIGHT_SHARE * tallest]
    top, height = median(stats[i][1] for i in high), median(stats[i][3] for i in high)
    digits = [i for i in high if stats[i][1] - top < SEPARATOR_DROP * height]
    return sorted(digits, key=lambda i: stats[i][0])


def digits_held(width: int, height: int) -> int:
    """How many digits a component holds: as many as its width holds (split_touching)."""
    return max(1, round(width / (height * DIGIT_ASPECT)))


def split_touching(glyph: np.ndarray, among: str = DIGITS) -> list[np.ndarray]:
    """Digits printed tight touch and make one glyph (๒๐, ๖๖): one wider than a digit is cut
    into as many as its width holds, each cut where both digits beside it read most surely
    (a digit's thin waist is no place to cut it)."""
    height, width = glyph.shape
    count = digits_held(width, height)
    if count < 2:
        return [glyph]
    step, window = width / count, max(1, int(width / count / 3))
    cuts = [0]
    for k in range(1, count):
        guess = int(k * step)
        lo, hi = max(cuts[-1] + 1, guess - window), min(width - 1, guess + window)
        following = width if k == count - 1 else int((k + 1) * step)
        cuts.append(
            max(
                range(lo, hi),
                key=lambda cut: cut_sureness(glyph, cuts[-1], cut, following, among),
                default=guess,
            )
        )
    cuts.append(width)
    parts = [glyph[:, a:b] for a, b in pairwise(cuts) if b > a]
    return [part for part in parts if part.any()]


def cut_sureness(glyph: np.ndarray, start: int, cut: int, end: int, among: str) -> float:
    """How surely the digits on both sides of a cut read: the weaker one's margin."""
    left, right = glyph[:, start:cut], glyph[:, cut:end]
    if not left.any() or not right.any():
        return -1.0
    return min(read_glyph(left, among).margin, read_glyph(right, among).margin)


def is_thai(digits: str) -> bool:
    """Mostly Thai digits."""
    return sum(ch in THAI_DIGITS for ch in digits) * 2 > len(digits)


def arabic_read(read: str) -> bool:
    """A run Tesseract read as Arabic digits (and separators) alone."""
    return any(ch.isdigit() for ch in read) and all(
        ch in ARABIC_DIGITS or ch in SEPARATORS for ch in read
    )


def as_arabic(readings: list[Reading]) -> str:
    """The digits the shapes read, written as Arabic ones."""
    return "".join(
        str(THAI_DIGITS.index(r.digit)) if r.digit in THAI_DIGITS else r.digit for r in readings
    )


# Tesseract's digits are evidence too: shapes that read other digits must win by this much
# more than MARGIN (a 200-dpi ๒ read ๗ by 0.074 and 0.052; the shapes' right overrulings of
# Tesseract's ๕ for ๔ and ๘, ๒ for ๖, ๓ for ๗ won by 0.14 to 0.27).
OVERRULE_MARGIN = 0.1


def overruled_unsurely(read: str, readings: list[Reading]) -> bool:
    """The shapes read other digits than Tesseract, by less than OVERRULE_MARGIN: in a place
    where the counts are equal (digit for digit), or anywhere where they are not (Tesseract
    cut or merged digits: the shapes alone vouch for the figure, each glyph surely)."""
    digits = [unicodedata.digit(ch) for ch in read if ch.isdigit()]
    shapes = [unicodedata.digit(reading.digit) for reading in readings]
    if digits == shapes:
        return False
    if len(digits) != len(shapes):
        return any(reading.margin < OVERRULE_MARGIN for reading in readings)
    return any(
        shape != digit and reading.margin < OVERRULE_MARGIN
        for digit, shape, reading in zip(digits, shapes, readings, strict=True)
    )


def reread_digits(
    token: Token, ink: np.ndarray, line: list[TextPiece]
) -> tuple[str, bool, list[TextPiece]]:
    """The token's text with each run of digits that is (or looks) Thai read from its glyphs;
    doubtful when a glyph matched two digits almost equally; and the pieces left as Tesseract
    read them (whose confidence still counts)."""
    pieces = token.pieces
    parts: list[str] = []
    doubtful = False
    kept = list(pieces)
    last = 0
    for first, end in digit_runs(token):
        parts += [piece.text for piece in pieces[last:first]]
        run = pieces[first:end]
        box = (
            min(p.left for p in run),
            min(p.top for p in run),
            max(p.right for p in run),
            max(p.bottom for p in run),
        )
        read = "".join(piece.text for piece in run)
        rects = [(p.left, p.top, p.right, p.bottom) for p in run]
        # A mark's box claims no glyph: the first digit after วันที่ is nearer the box
        # Tesseract gave its ่ than its own misplaced box (๒๘ read ๘, ๑๑ read ๑).
        others = [
            (p.left, p.top, p.right, p.bottom) for p in line if p not in run and not is_mark(p)
        ]
        # Read as Thai digits by Tesseract: one of them; as Arabic: perhaps Thai ones misread.
        among = THAI_DIGITS if is_thai(read) else DIGITS
        beside = separators_beside(pieces, first, end)
        found = glyphs_in(ink, box, rects, others, among, beside)
        separators = trailing_separators(run)
        glyphs = found.glyphs[: len(found.glyphs) - len(separators)]
        readings = [read_glyph(glyph, among) for glyph in glyphs]
        if readings and (is_thai(read) or is_thai("".join(r.digit for r in readings))):
            parts.append("".join(reading.digit for reading in readings) + separators)
            doubtful |= any(reading.doubtful for reading in readings)
            # More glyphs than Tesseract read digits: a digit broken in two, or a neighbour's
            # stroke taken for one, reads as a confident wrong number (๒๕๖๙ as ๕๑๕๖๙). (Fewer
            # is Tesseract cutting one digit in two, ๖ read ๐๒: the shapes are right, unless
            # a digit-high glyph stands close beside them that the run did not take.)
            doubtful |= len(readings) > digits_read(read)
            doubtful |= len(readings) < digits_read(read) and found.crowded
            # Arabic digits both models read, that the shapes read as other Thai ones: two
            # touching digits taken for one (30 as ๓), Kinnari's 2 taken for ๑.
            doubtful |= arabic_read(read) and as_arabic(readings) != read.strip(SEPARATORS)
            doubtful |= overruled_unsurely(read, readings)
            kept = [piece for piece in kept if piece not in run]
        else:  # Arabic digits, as Tesseract reads them well
            parts.append(read)
        last = end
    parts += [piece.text for piece in pieces[last:]]
    return "".join(parts), doubtful, kept


def separators_beside(pieces: list[TextPiece], first: int, end: int) -> list[Rect]:
    """The boxes of the pieces just before and after pieces[first:end] that are separators."""
    beside = [pieces[index] for index in (first - 1, end) if 0 <= index < len(pieces)]
    return [
        (p.left, p.top, p.right, p.bottom)
        for p in beside
        if p.text and all(ch in SEPARATORS for ch in p.text)
    ]


def to_word(token: Token, image: PageImage, ink: np.ndarray, line: list[TextPiece]) -> Word | None:
    """A token in points, its Thai repaired as a text layer's is (SARA AM composed, marks in
    order); doubtful when Tesseract was not confident of it or a digit's shape was unclear."""
    text, unclear, kept = reread_digits(token, ink, line)
    text = as_printed(repair_thai(text).strip())
    shapes_read = len(kept) < len(token.pieces)
    if shapes_read:  # its digits are vouched for by their shapes; separators say little
        kept = [piece for piece in kept if piece.text not in SEPARATORS]
    confidence = min((piece.confidence for piece in kept), default=100.0)
    if not text:
        return None
    return word_in_points(
        token,
        image,
        text=text,
        confidence=confidence,
        doubtful=unclear or confidence < OCR_TOLERANCES.figure_confidence,
        shapes_read=shapes_read,
    )


def word_in_points(read: Token | TextPiece, image: PageImage, **fields: Any) -> Word:
    """A word at what was read's place (pixels), in points."""
    points = image.to_points
    left, top, right, bottom = (points(at) for at in (read.left, read.top, read.right, read.bottom))
    return Word(left, top, right, bottom, **fields)


def agreed_word(piece: TextPiece, image: PageImage) -> Word:
    """A figure the readers agreed on, read again, as a sure word: its digits are not read
    once more from the cut ink's shapes (`reread_digits`), which its agreement has weighed
    (at 150 dpi the cut ink makes Kinnari's 2 a ๑ by its shape, where three readings of the
    grey and its shapes at full weight read 2)."""
    return word_in_points(piece, image, text=piece.text, confidence=piece.confidence)


def lines_of(lines: list[list[TextPiece]], image: PageImage, ink: np.ndarray) -> list[list[Word]]:
    """Tesseract's lines as lines of words. Lines read in different cells are kept apart
    (a header's stacked labels sit at different heights in neighbouring cells)."""
    words = [
        [word for token in tokens(line) if (word := to_word(token, image, ink, line))]
        for line in lines
    ]
    return [line for line in words if line]


def in_reading_order(lines: list[list[Word]]) -> list[list[Word]]:
    """Lines top to bottom (by their middle), and left to right where they share a height."""
    return sorted(lines, key=lambda line: (round(line[0].y_mid), line[0].x0))


def mean_confidence(words: Iterable[Word]) -> float | None:
    """The page's recognition confidence: its words' mean, weighted by their length."""
    total = weight = 0.0
    for word in words:
        total += (word.confidence or 0.0) * len(word.text)
        weight += len(word.text)
    return total / weight if weight else None
