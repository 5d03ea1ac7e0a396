"""Table cells of text read again where the first reading shows a misreading.

A cell is first read from the page's ink (at 150 dpi, cut to the letters' printed weight).
There a tone mark over a vowel (ขั้น, ตั้ง, สื่อ) is a few pixels that the ink may lose, and the
cell then reads a word no dictionary holds, or one a look-alike away from a better one: doubtful,
and null downstream. Tesseract reads the same cell again from the grey page, with its own
threshold, and once more from the grey made larger. Where those two readings agree letter for
letter, hold the same digits as the first, and show no misreading themselves
(`parsers.language.misreadings`, the marks their ink holds), they are the cell's text: two
readers agree on every text taken, as on every figure (`parsers.ocr.figures`).

A figure cell whose first reading was doubtful (the two models disagreed, or read no figure:
a narrow column of Norasi at 150 dpi, 560,000.00 read 0().(0) from the cut ink) is read again
from the grey by both models, and by the Thai model from the grey made larger: where the three
agree on every digit and on each separator's place, and the two at one scale give a figure as
an amount is printed (`figures.amount_as_printed`), that figure is the cell's, unless the
digits' shapes read other digits (`figures.objects_at_full_weight`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

from parsers.language.misreadings import misread_words
from parsers.language.printed_numbers import is_figure
from parsers.language.thai_text import repair_thai
from parsers.language.vocabulary import compact
from parsers.language.vocabulary_match import as_printed
from parsers.layout.page import Word
from parsers.layout.tables import lines_text
from parsers.ocr.engine import Engine, TextPiece
from parsers.ocr.figures import (
    SEPARATOR_KINDS,
    amount_as_printed,
    digits_of,
    figure_shapes,
    flat,
    objects_at_full_weight,
    sure_piece,
)
from parsers.ocr.marks import checked_text
from parsers.ocr.page_image import PageImage
from parsers.ocr.rereading import read_at
from parsers.ocr.words import lines_of

Rect = tuple[int, int, int, int]  # pixels: left, top, right, bottom
LARGER = 1.5  # the scale of the third reading, from the grey
FEWEST_LETTERS = 4  # Thai consonants that make a cell one of text (not a figure, not a mark)
THAI_CONSONANT = re.compile(r"[\u0e01-\u0e2e]")
DIGIT = re.compile(r"[0-9๐-๙]")


@dataclass
class ReadCell:
    rect: Rect
    lines: list[list[Word]]


def shows_misreading(lines: list[list[Word]]) -> bool:
    """A cell of text with a word read doubtfully (`parsers.ocr.marks`) or that its words show
    misread."""
    if any(word.doubtful for line in lines for word in line):
        return True
    return bool(misread_words(lines_text(lines)))


def is_text(lines: list[list[Word]]) -> bool:
    return len(THAI_CONSONANT.findall(lines_text(lines))) >= FEWEST_LETTERS


def letters(text: str) -> str:
    """A reading as compared with another: as the page's words are made, without spaces."""
    return compact(as_printed(repair_thai(text)))


def read_larger(engine: Engine, grey: np.ndarray, rect: Rect) -> str:
    """The cell's grey made LARGER and read as one block (the engine's image is replaced)."""
    left, top, right, bottom = rect
    return read_at(engine, 255 - grey[top:bottom, left:right], LARGER)  # read_at takes ink


def is_doubted_figure(lines: list[list[Word]]) -> bool:
    """A cell of a figure (digits, few letters) read doubtfully."""
    text = lines_text(lines)
    doubtful = any(word.doubtful for line in lines for word in line)
    return doubtful and bool(DIGIT.search(text)) and not is_text(lines)


def reread_doubted_cells(
    engine: Engine, cells: list[ReadCell], ink: np.ndarray, image: PageImage
) -> list[ReadCell]:
    """The cells, each cell of text that shows a misreading replaced by its readings from the
    grey where they agree (`agreed`), and each figure read doubtfully by the figure its
    readings from the grey agree on (`agreed_figure`). The engine's image is replaced."""
    texts = [cell for cell in cells if is_text(cell.lines) and shows_misreading(cell.lines)]
    figures = [cell for cell in cells if is_doubted_figure(cell.lines)]
    if not texts and not figures:
        return cells
    larger = {id(cell): read_larger(engine, image.grey, cell.rect) for cell in texts + figures}
    engine.set_image(Image.fromarray(image.grey))
    replaced: dict[int, ReadCell] = {}
    for cell in texts:
        read = lines_of(engine.read(cell.rect), image, ink)
        again = [checked_text(line, ink, image) for line in read]
        if agreed(cell.lines, again, larger[id(cell)]):
            replaced[id(cell)] = ReadCell(cell.rect, again)
    for cell in figures:
        thai = engine.read(cell.rect)
        figure = engine.read_figure(cell.rect)
        printed = agreed_figure(pieces_text(thai), pieces_text(figure), larger[id(cell)])
        if printed is not None and figure and not shapes_object(printed, ink, image, cell.rect):
            lines = lines_of([[sure_piece(flat(figure), printed)]], image, ink)
            replaced[id(cell)] = ReadCell(cell.rect, lines)
    return [replaced.get(id(cell), cell) for cell in cells]


def shapes_object(figure: str, ink: np.ndarray, image: PageImage, rect: Rect) -> bool:
    """Do the digits' shapes read other digits than the readings agreed on? Tesseract's
    readings share its models' confusions (Laksaman's 7 read 1 from the ink and the grey, at
    both scales, where the shapes read 7): its agreement with itself does not overrule them."""
    shapes = figure_shapes(figure, ink, rect)
    return objects_at_full_weight(shapes, digits_of(figure), image.grey, rect, image.blurred)


def pieces_text(lines: list[list[TextPiece]]) -> str:
    return "".join(piece.text for line in lines for piece in line)


def agreed_figure(thai: str, figure: str, larger: str) -> str | None:
    """The figure the grey's readings agree on: the two models' at one scale, the same or
    differing only in a separator's kind where one is an amount's form (`amount_as_printed`),
    and the Thai model's at the larger scale, with the same digits and separators' places."""
    printed = figure if figure == thai else amount_as_printed(thai, figure)
    if printed is None or not is_figure(printed):
        return None
    same = larger.translate(SEPARATOR_KINDS) == printed.translate(SEPARATOR_KINDS)
    return printed if same else None


def agreed(first: list[list[Word]], again: list[list[Word]], larger: str) -> bool:
    """The grey's two readings agree letter for letter, keep the first reading's digits (its
    figures have readers of their own) and show no misreading."""
    text = lines_text(again)
    if not again or letters(text) != letters(larger):
        return False
    if DIGIT.findall(text) != DIGIT.findall(lines_text(first)):
        return False
    return is_text(again) and not shows_misreading(again)
