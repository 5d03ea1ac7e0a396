"""Figures read by two readers that must agree: the Thai model, the English model told to see
figures only, and, where those two disagree on a whole number, the digits' shapes (two of
three). A figure they do not agree on is doubtful: null downstream, never a guess."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from parsers.geometry import Box
from parsers.numbers import BLANKS, is_figure
from parsers.ocr.digit_shapes import ARABIC_DIGITS, read_glyph
from parsers.ocr.engine import Engine, TextPiece
from parsers.ocr.page_image import PageImage, pixel_rect
from parsers.ocr.words import Rect, glyphs_of
from parsers.page import Word
from parsers.thai_text import normalise_digits
from parsers.tolerances import OCR_TOLERANCES


def read_cell(engine: Engine, rect: Rect, ink: np.ndarray) -> list[list[TextPiece]]:
    """A cell as the Thai model reads it; a figure is read again by the English model told to
    see figures only, and is sure only where the two agree (a confident misreading of one
    model, "27" as "2", must not become a finding); where they disagree on a whole number,
    its digits' shapes decide between them, and where the two agree, shapes that surely read
    as many other digits make it doubtful. A cell the Thai model read as a few letters, or
    unsurely, is taken as a figure when the figures model reads one surely and the shapes
    read its digits too (the Thai model reads a lone "4" as ฮู, and Purisa's 7 as ๆ while
    the figures model reads 1): two readers agree on every figure taken."""
    read = engine.read(rect)
    text = "".join(p.text for line in read for p in line)
    unsure = any(p.confidence < OCR_TOLERANCES.figure_confidence for line in read for p in line)
    thai_figure = is_figure(text)
    if not thai_figure and (
        is_wrapped_label(read) or (not unsure and len(text) > OCR_TOLERANCES.short_cell)
    ):
        return read
    figures = engine.read_figure(rect)
    figure = "".join(p.text for line in figures for p in line)
    if len(figures) != 1 or not is_figure(figure):
        return doubted(read) if thai_figure else read
    shapes = digits_by_shape(ink, rect) if DIGITS_ONLY.fullmatch(figure) else None
    if figure == text:
        if objects(shapes, digits_of(figure)):  # the third reader reads other digits
            return doubted(figures)
        return [[replace(p, confidence=100.0) for p in figures[0]]]
    if (text + figure).isdigit() and shapes in (text, figure):  # two readers of three agree
        return [[sure_piece(figures[0], shapes)]]
    if thai_figure:
        return doubted(read)  # two readings of one figure disagree
    if all(p.confidence >= OCR_TOLERANCES.sure_figure for p in figures[0]):
        # The Thai model read no figure: the figures model's reading needs the shapes' too.
        vouched = shapes == digits_of(figure) or figure in BLANKS
        return figures if vouched else doubted(figures)
    return read


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


def digits_of(figure: str) -> str:
    """A figure's digits without what separates them (the shapes read digits only)."""
    return "".join(ch for ch in figure if ch.isdigit())


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


def digits_by_shape(ink: np.ndarray, rect: Rect) -> str | None:
    """A whole number's digits read from their shapes (parsers.ocr.digit_shapes), or None
    where a glyph is doubtful."""
    left, top, right, bottom = rect
    readings = [
        read_glyph(glyph, ARABIC_DIGITS) for glyph in glyphs_of(ink[top:bottom, left:right])
    ]
    if not readings or any(reading.doubtful for reading in readings):
        return None
    return "".join(reading.digit for reading in readings)


# A phone number, a reference's number, a short date: digits and what separates them, read by
# both readers as figures are (a memo's reference "59415/744" was read "59415/764" unsurely).
DIGITS_AND_SEPARATORS = re.compile(r"\d[\d.,/-]*\d")


def checked_figure(word: Word, engine: Engine, image: PageImage) -> Word:
    """A figure in running text (the narrative's counts and amounts, the memo's numbers) read
    again by the figures model: sure where both readings agree, doubtful where they do not.
    (Thai digits were read again from their shapes already: the English model does not know
    them.)"""
    figure = word.text.rstrip(".,;:)").lstrip("(")
    if word.shapes_read or not (is_figure(figure) or DIGITS_AND_SEPARATORS.fullmatch(figure)):
        return word
    margin = word.height / 2  # Tesseract finds no line in a box the text fills
    around = Box(word.x0 - margin, word.top - margin, word.x1 + margin, word.bottom + margin)
    again = "".join(p.text for line in engine.read_figure(pixel_rect(around, image)) for p in line)
    same = again.rstrip(".,;:)").lstrip("(") == normalise_digits(figure)
    return replace(word, doubtful=not same)


def doubted(lines: list[list[TextPiece]]) -> list[list[TextPiece]]:
    return [[replace(p, confidence=0.0) for p in line] for line in lines]
