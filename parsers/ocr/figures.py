"""Figures read by two readers that must agree: the Thai model, the English model told to see
figures only, and, where those two disagree on a whole number, the digits' shapes (two of
three). A figure they do not agree on is doubtful: null downstream, never a guess."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import cv2
import numpy as np

from parsers.language.printed_numbers import BLANKS, is_figure
from parsers.language.thai_text import normalise_digits
from parsers.layout.geometry import Box
from parsers.layout.page import Word
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.digit_shapes import ARABIC_DIGITS, read_glyph
from parsers.ocr.engine import Engine, TextPiece
from parsers.ocr.page_image import PageImage, pixel_rect, threshold
from parsers.ocr.words import Rect, digit_components, digits_held, glyphs_of


def read_cell(
    engine: Engine,
    rect: Rect,
    ink: np.ndarray,
    grey: np.ndarray | None = None,
    weight_cut: bool = False,
) -> list[list[TextPiece]]:
    """A cell as the Thai model reads it; a figure is read again by the English model told to
    see figures only, and is sure only where the two agree (a confident misreading of one
    model, "27" as "2", must not become a finding); where they disagree on a whole number,
    its digits' shapes decide between them, and where the two agree, shapes that surely read
    as many other digits make it doubtful. A cell the Thai model read as a few letters, or
    unsurely, is taken as a figure when the figures model reads one surely and the shapes
    read its digits too (the Thai model reads a lone "4" as ฮู, and Purisa's 7 as ๆ while
    the figures model reads 1): two readers agree on every figure taken. Points between
    thousands are the commas the grey shows (`with_commas`), for both readers, where the
    page's grey is given, or those the figures model reads in the same places, with the same
    digits (`amount_as_printed`); and where the ink was cut to the letters' printed weight
    (`weight_cut`), shapes that settle a disagreement must read so from the grey's whole
    strokes too. A count or an amount as printed that one model reads (the figures model's
    only where the Thai model was unsure, or read an amount otherwise), whose digits the
    shapes read and whose separators stand where the ink's do, is sure (`placed_reading`)."""
    read = engine.read(rect)
    text = "".join(p.text for line in read for p in line)
    if (restored := with_commas(text, grey, ink, rect)) != text:
        read, text = [[sure_piece(flat(read), restored, least_confidence(read))]], restored
    unsure = unsure_of(read)
    thai_figure = is_figure(text)
    separated = not thai_figure and SEPARATED_DIGITS.fullmatch(text) is not None
    maybe_figure = thai_figure or separated  # a figure, or an amount's separators misread
    if not maybe_figure and (
        is_wrapped_label(read) or (not unsure and len(text) > OCR_TOLERANCES.short_cell)
    ):
        return read
    figures = engine.read_figure(rect)
    figure = "".join(p.text for line in figures for p in line)
    if (restored := with_commas(figure, grey, ink, rect)) != figure:
        figures = [[sure_piece(flat(figures), restored, least_confidence(figures))]]
        figure = restored
    printed = amount_as_printed(text, figure)
    if len(figures) != 1 or not (is_figure(figure) or printed is not None):
        if thai_figure and placed_by_ink(text, digits_by_shape(ink, rect), ink, rect):
            return sure_by_ink(flat(read), text, grey, rect, weight_cut)
        return doubted(read) if thai_figure else read
    shapes = figure_shapes(figure, ink, rect)
    if figure == text:
        if objects_at_full_weight(shapes, digits_of(figure), grey, rect, weight_cut):
            return doubted(figures)  # the third reader reads other digits
        if unsure and unsure_of(figures) and shapes not in (None, digits_of(figure)):
            return doubted(figures)  # both unsure, and the ink holds other digits, or more
        return [[replace(p, confidence=100.0) for p in figures[0]]]
    if printed is not None:
        if objects_at_full_weight(shapes, digits_of(printed), grey, rect, weight_cut):
            return doubted(figures)
        return [[sure_piece(figures[0], printed)]]
    if (text + figure).isdigit() and shapes in (text, figure):  # two readers of three agree
        if not weight_cut or same_shapes_at_full_weight(shapes, grey, rect):
            return [[sure_piece(figures[0], shapes)]]
        return doubted(read)
    if (agreed := agreed_by_shapes(text, figure, shapes)) is not None:
        if not weight_cut or same_shapes_at_full_weight(shapes, grey, rect):
            return [[sure_piece(figures[0], agreed)]]
        return doubted(read)
    if (placed := placed_reading(text, figure, unsure, shapes, ink, rect)) is not None:
        return sure_by_ink(flat(read) or figures[0], placed, grey, rect, weight_cut)
    if thai_figure:
        return doubted(read)  # two readings of one figure disagree
    vouched = shapes == digits_of(figure) or figure in BLANKS
    if all(p.confidence >= OCR_TOLERANCES.sure_figure for p in figures[0]):
        # The Thai model read no figure: the figures model's reading needs the shapes' too.
        return figures if vouched else doubted(figures)
    if vouched and shapes and ONE_AS_A_STROKE.fullmatch(text):
        return [[sure_piece(figures[0], figure)]]  # the shapes and the figures model agree
    return read


# A lone 1 the Thai model reads as a stroke (Kinnari's, at 150 dpi: ] or |).
ONE_AS_A_STROKE = re.compile(r"[|\[\]lI!]")


# A figure in Arabic digits with its separators; its form, each digit a 0.
ARABIC_FIGURE = re.compile(r"[0-9][0-9.,]*")
ARABIC_DIGIT = re.compile(r"[0-9]")


def agreed_by_shapes(text: str, figure: str, shapes: str | None) -> str | None:
    """The reading of two readers that print a figure of the same form (its separators where
    the other's are) and disagree on a digit, whose digits the shapes read: two readers of
    three then agree on every digit, and both on every separator."""
    if shapes is None or not (ARABIC_FIGURE.fullmatch(text) and ARABIC_FIGURE.fullmatch(figure)):
        return None
    if ARABIC_DIGIT.sub("0", text) != ARABIC_DIGIT.sub("0", figure):
        return None
    return next((read for read in (text, figure) if digits_of(read) == shapes), None)


def placed_by_ink(text: str, shapes: str | None, ink: np.ndarray, rect: Rect) -> bool:
    """Is a model's reading a count or an amount as printed (PRINTED_AMOUNT) whose digits the
    shapes read too, and whose separators stand where the ink's do (none between a count's
    digits)? Then two readers of three agree on every digit, and two on every separator's
    place, where the other model read another: the figures model reads Purisa's 7 as 1, its
    points as commas, and a speck after a count as a point (12.). A separator's kind is the
    printed form's, which the column's form checks again downstream."""
    return (
        (PRINTED_COUNT.fullmatch(text) or PRINTED_AMOUNT.fullmatch(text)) is not None
        and shapes == digits_of(text)
        and separator_places(ink, rect) == places_in(text)
    )


def placed_reading(
    text: str, figure: str, unsure: bool, shapes: str | None, ink: np.ndarray, rect: Rect
) -> str | None:
    """The reading of the two models that the shapes and the ink place (placed_by_ink): the
    Thai model's, its letters that are a digit's look-alikes read as that digit; else the
    figures model's where it is an amount as printed, or where the Thai model was unsure of
    what it read (Laksaman's lone 4 read ฮู, the figures model 4 unsurely)."""
    candidates = [text, text.translate(LETTERS_FOR_DIGITS)]
    if unsure or PRINTED_AMOUNT.fullmatch(figure):
        candidates.append(figure)
    return next((read for read in candidates if placed_by_ink(read, shapes, ink, rect)), None)


# Letters the Thai model reads for a digit drawn in their shape: Purisa's 7 is its ๆ (MAI
# YAMOK), read surely. A number holds no letter, and the shapes must still read the digit.
LETTERS_FOR_DIGITS = str.maketrans({"ๆ": "7"})


def sure_by_ink(
    pieces: list[TextPiece], figure: str, grey: np.ndarray | None, rect: Rect, weight_cut: bool
) -> list[list[TextPiece]]:
    """A figure placed by the ink (placed_by_ink), sure; where the ink was cut to the letters'
    printed weight, only if the grey's whole strokes read its digits too."""
    if weight_cut and not same_shapes_at_full_weight(digits_of(figure), grey, rect):
        return doubted([pieces])
    return [[sure_piece(pieces, figure)]]


def places_in(figure: str) -> tuple[int, ...]:
    """Where a figure's separators stand: for each, how many digits come before it."""
    places, digits = [], 0
    for ch in figure:
        if ch.isdigit():
            digits += 1
        else:
            places.append(digits)
    return tuple(places)


def separator_places(ink: np.ndarray, rect: Rect) -> tuple[int, ...] | None:
    """Where the separators of the number in a cell stand by its ink (places_in): the
    components between its digits, on their line (a point, a comma, a hyphen), that are no
    digit. A speck on the line counts too, and the places then disagree."""
    left, top, right, bottom = rect
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(
        ink[top:bottom, left:right], connectivity=8
    )
    found = list(range(1, count))
    digits = digit_components(stats, found)
    if not digits:
        return None
    baseline = float(np.median([stats[i][1] + stats[i][3] for i in digits]))
    crown = min(stats[i][1] for i in digits)
    start = min(stats[i][0] for i in digits)
    end = max(stats[i][0] + stats[i][2] for i in digits)
    places = []
    for i in sorted(set(found) - set(digits), key=lambda i: stats[i][0]):
        x, y, w, h = stats[i][:4]
        centre = x + w / 2
        on_line = y <= baseline and y + h >= crown
        if start < centre < end and on_line:
            places.append(
                sum(
                    digits_held(*stats[d][2:4])
                    for d in digits
                    if stats[d][0] + stats[d][2] / 2 < centre
                )
            )
    return tuple(places)


def is_wrapped_label(read: list[list[TextPiece]]) -> bool:
    """Letters on more than one line: a label wrapped in a narrow header cell (อยู่ / ระหว่าง /
    ดำเนิน / การ), never a figure, which is printed on one line. A speck read unsurely in it
    must not hand the cell to the figures model, which reads a figure in anything."""
    return sum(any(ch.isalpha() for p in line for ch in p.text) for line in read) > 1


# A figure of digits and their separators alone: what the digits' shapes can be compared with
# (a dash or a per cent sign would be read as a digit).
DIGITS_ONLY = re.compile(r"\d[\d.,]*")


def objects(shapes: str | None, digits: str) -> bool:
    """Do the shapes read other digits than two readers agreed on? Only where they read as
    many: glyphs that touch (38 as one glyph) or a digit broken in two are cut wrong, which
    says nothing of the digits."""
    return shapes is not None and len(shapes) == len(digits) and shapes != digits


def objects_at_full_weight(
    shapes: str | None, digits: str, grey: np.ndarray | None, rect: Rect, weight_cut: bool
) -> bool:
    """Do the shapes read other digits than two readers agreed on (`objects`), and, where the
    ink was cut to the letters' printed weight, from the grey's whole strokes too? Cut at
    150 dpi, Kinnari's 2 loses its foot and reads 7 or 9 by its shape, barely (a margin of
    0.04 to 0.09), where both models read 2."""
    if not objects(shapes, digits):
        return False
    return not (weight_cut and same_shapes_at_full_weight(digits, grey, rect))


def digits_of(figure: str) -> str:
    """A figure's digits without what separates them (the shapes read digits only)."""
    return "".join(ch for ch in figure if ch.isdigit())


def sure_piece(pieces: list[TextPiece], text: str, confidence: float = 100.0) -> TextPiece:
    """One piece over the given ones, holding a reading two readers agreed on (or, with its
    confidence, one reader's reading)."""
    return TextPiece(
        text,
        min(p.left for p in pieces),
        min(p.top for p in pieces),
        max(p.right for p in pieces),
        max(p.bottom for p in pieces),
        confidence,
    )


def flat(lines: list[list[TextPiece]]) -> list[TextPiece]:
    return [piece for line in lines for piece in line]


def unsure_of(lines: list[list[TextPiece]]) -> bool:
    """Did the reader read a character of it unsurely (Purisa's 11 read 1 by both models, at
    48 and 19, its shapes 11)?"""
    return any(p.confidence < OCR_TOLERANCES.figure_confidence for p in flat(lines))


def least_confidence(lines: list[list[TextPiece]]) -> float:
    return min((piece.confidence for piece in flat(lines)), default=0.0)


# An amount read with points between its thousands ("211.500.00"): a coarse scan's comma keeps
# its dot, and its thin tail is too faint for the threshold, but not for the grey under it.
POINTS_FOR_COMMAS = re.compile(r"\d{1,3}(?:\.\d{3})+\.\d{2}")
# A separator's ink is at most SEPARATOR_HEIGHT of the digits' height, its foot within
# SEPARATOR_FOOT of their baseline. Its reach is its ink's height and the rows under it that
# are darker than the paper around it (measured from FLOOR_FROM to FLOOR_TO of the digits'
# height below it) by TAIL_CONTRAST of the dot's own darkness: a comma's faint tail. On a
# 150-dpi scan of a light font a comma reached 0.27 to 0.35 of the digits' height, a decimal
# point 0.10 to 0.17. The decimal point is the measure: it reaches POINT_REACH at most, and
# each comma COMMA_REACH, and COMMA_OVER_POINT more than the point, at least; anything else
# says nothing (the figure stays as read, no number).
SEPARATOR_HEIGHT = 0.45
SEPARATOR_FOOT = 0.15
FLOOR_FROM, FLOOR_TO = 0.2, 0.35
TAIL_CONTRAST = 0.15
POINT_REACH, COMMA_REACH, COMMA_OVER_POINT = 0.25, 0.26, 0.08


# Digits with two separators or more that make no figure as read (11.683.42, 1.198,832.50): an
# amount whose comma lost its tail, or a point read as a comma.
SEPARATED_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+){2,}")
# An amount as the list and the tables print it: commas between thousands, two decimals.
PRINTED_AMOUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{2}")
PRINTED_COUNT = re.compile(r"[0-9]+")  # a count of projects, a row's number
SEPARATOR_KINDS = str.maketrans(",", ".")


def amount_as_printed(text: str, figure: str) -> str | None:
    """Of two readings with the same digits and separators in the same places, of other
    kinds, the one written as an amount is printed, where the other is not: each reader is a
    second reader of the other's separators' kinds, and the digits agree (the Thai model read
    a comma without its tail as a point on a coarse scan, 11.683.42; the figures model read
    Purisa's decimal point as a comma, 0,00)."""
    if text.translate(SEPARATOR_KINDS) != figure.translate(SEPARATOR_KINDS):
        return None
    printed = [read for read in (text, figure) if PRINTED_AMOUNT.fullmatch(read)]
    return printed[0] if len(printed) == 1 else None


def with_commas(figure: str, grey: np.ndarray | None, ink: np.ndarray, rect: Rect) -> str:
    """The figure with the points between its thousands written as the commas its grey
    shows: every one of them reaching as a comma does, its decimal point as a point does."""
    if grey is None or not POINTS_FOR_COMMAS.fullmatch(figure):
        return figure
    reaches = separator_reaches(grey, ink, rect)
    if reaches is None or len(reaches) != figure.count(".") or None in reaches:
        return figure
    *thousands, point = [reach or 0.0 for reach in reaches]
    least = max(COMMA_REACH, point + COMMA_OVER_POINT)
    if point > POINT_REACH or any(reach < least for reach in thousands):
        return figure
    return figure.replace(".", ",", len(thousands))


def separator_reaches(grey: np.ndarray, ink: np.ndarray, rect: Rect) -> list[float | None] | None:
    """How far down each separator of the number in the cell reaches, left to right, in the
    digits' height (`reach`); None where no digits are found."""
    left, top, right, bottom = rect
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(
        ink[top:bottom, left:right], connectivity=8
    )
    glyphs = [(int(x), int(y), int(w), int(h)) for x, y, w, h, _area in stats[1:count]]
    if not glyphs:
        return None
    size = max(h for _x, _y, _w, h in glyphs)
    digits = [g for g in glyphs if g[3] > SEPARATOR_HEIGHT * size]
    baseline = float(np.median([y + h for _x, y, _w, h in digits]))
    separators = sorted(
        g
        for g in glyphs
        if g[3] <= SEPARATOR_HEIGHT * size and abs(g[1] + g[3] - baseline) <= SEPARATOR_FOOT * size
    )
    region = grey[top:bottom, left:right]
    return [reach(region, separator, size) for separator in separators]


def reach(region: np.ndarray, dot: tuple[int, int, int, int], size: int) -> float | None:
    """The dot's height and its tail's (the rows under it darker than the paper around),
    over the digits' height; None where the cell ends too close under it to tell."""
    x, y, w, h = dot
    depth = round(FLOOR_TO * size)
    under = region[y + h : y + h + depth, max(0, x - w) : x + w + 1].astype(np.float64)
    paper = float(np.percentile(region, 90))
    core = float(region[y : y + h, x : x + w].min())
    if len(under) < depth or paper - core <= 0:
        return None
    darkness = (paper - under.min(axis=1)) / (paper - core)
    floor = float(np.median(darkness[round(FLOOR_FROM * size) :]))
    tail = 0
    while tail < len(darkness) and darkness[tail] > floor + TAIL_CONTRAST:
        tail += 1
    return (h + tail) / size


def same_shapes_at_full_weight(shapes: str | None, grey: np.ndarray | None, rect: Rect) -> bool:
    """Do the digits' shapes read the same from the cell's grey thresholded as it is (Otsu's,
    every stroke whole)? A coarse scan's cell ink is cut to the letters' printed weight, and a
    light stroke goes with it: a 7 whose bar is lighter than its stem is read 1 by the Thai
    model and by its shape alike, from the same ink."""
    if grey is None or shapes is None:
        return False
    left, top, right, bottom = rect
    return digits_in(threshold(grey[top:bottom, left:right])) == shapes


def figure_shapes(figure: str, ink: np.ndarray, rect: Rect) -> str | None:
    """The digits' shapes of a cell whose figure is digits and separators alone (DIGITS_ONLY),
    else None."""
    return digits_by_shape(ink, rect) if DIGITS_ONLY.fullmatch(figure) else None


def digits_by_shape(ink: np.ndarray, rect: Rect) -> str | None:
    """A whole number's digits read from their shapes (parsers.ocr.digit_shapes), or None
    where a glyph is doubtful."""
    left, top, right, bottom = rect
    return digits_in(ink[top:bottom, left:right])


def digits_in(region: np.ndarray) -> str | None:
    """The digits a region's glyphs read as, or None where one is doubtful."""
    readings = [read_glyph(glyph, ARABIC_DIGITS) for glyph in glyphs_of(region)]
    if not readings or any(reading.doubtful for reading in readings):
        return None
    return "".join(reading.digit for reading in readings)


# A phone number, a reference's number, a short date: digits and what separates them, read by
# both readers as figures are (a memo's reference "59415/744" was read "59415/764" unsurely).
DIGITS_AND_SEPARATORS = re.compile(r"\d[\d.,/-]*\d")


def checked_figure(word: Word, engine: Engine, image: PageImage, ink: np.ndarray) -> Word:
    """A figure in running text (the narrative's counts and amounts, the memo's numbers) read
    again by the figures model: sure where both readings agree, or where the digits' shapes
    and the ink's separators place it (placed_by_ink), doubtful otherwise. (Thai digits were
    read again from their shapes already: the English model does not know them.)"""
    figure = word.text.rstrip(".,;:)").lstrip("(")
    if word.shapes_read or not (is_figure(figure) or DIGITS_AND_SEPARATORS.fullmatch(figure)):
        return word
    margin = word.height / 2  # Tesseract finds no line in a box the text fills
    around = Box(word.x0 - margin, word.top - margin, word.x1 + margin, word.bottom + margin)
    again = "".join(p.text for line in engine.read_figure(pixel_rect(around, image)) for p in line)
    if again.rstrip(".,;:)").lstrip("(") == normalise_digits(figure):
        return replace(word, doubtful=False)
    edge = word.height * WORD_EDGE  # the word's own ink, a stroke's width beyond its box
    rect = pixel_rect(
        Box(word.x0 - edge, word.top - edge, word.x1 + edge, word.bottom + edge), image
    )
    placed = PRINTED_AMOUNT.fullmatch(figure) is not None and placed_by_ink(
        figure, figure_shapes(figure, ink, rect), ink, rect
    )  # amounts only: a phone or a reference whose separators were lost reads as a count
    return replace(word, doubtful=not placed)


# How far beyond a word's box its ink may reach, in the word's height.
WORD_EDGE = 0.1


# A number of running text in Arabic or Thai digits, alone as a word (a phone's group: 5428).
DIGIT_GROUP = re.compile(r"[\d๐-๙]+")


def checked_separators(line: list[Word], ink: np.ndarray, image: PageImage) -> list[Word]:
    """The line's words, two groups of digits side by side doubtful where the paper between
    them holds ink no word was read in: a separator lost (0-5428-1055 read 0 5428 1055, its
    hyphens faint at 150 dpi, which joined would be a number printed otherwise). A space
    between groups (0 4381 1247, as printed) holds none."""
    lost: set[int] = set()
    for index, (left, right) in enumerate(pairwise(line)):
        if not (DIGIT_GROUP.fullmatch(left.text) and DIGIT_GROUP.fullmatch(right.text)):
            continue
        gap = Box(left.x1, min(left.top, right.top), right.x0, max(left.bottom, right.bottom))
        if gap.x1 > gap.x0 and inks(ink, pixel_rect(gap, image), image):
            lost |= {index, index + 1}
    return [replace(w, doubtful=True) if i in lost else w for i, w in enumerate(line)]


def inks(ink: np.ndarray, rect: Rect, image: PageImage) -> bool:
    """Ink more than a speck in the rectangle (a pixel's fringe at its sides aside)."""
    left, top, right, bottom = rect
    rows, columns = np.nonzero(ink[top:bottom, left + 1 : right - 1])
    if not len(rows):
        return False
    speck = image.to_pixels(OCR_TOLERANCES.speck)
    return bool(rows.max() - rows.min() + 1 >= speck or columns.max() - columns.min() + 1 >= speck)


def doubted(lines: list[list[TextPiece]]) -> list[list[TextPiece]]:
    return [[replace(p, confidence=0.0) for p in line] for line in lines]
