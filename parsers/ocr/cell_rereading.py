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
digits' shapes read other digits (`figures.objects_at_full_weight`).

A cell whose tone marks float high over bare letters (a producer that does not position
Thai marks: `floating_marks`) is read instead with those marks set down, from the grey and
from the grey made larger; so is a running line (a memo's) that shows a misreading. The same
agreement is asked of those readings, and a word holding a digit in them is sure only where the
first reading held it surely (`taken`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from parsers.language.misreadings import misread_words
from parsers.language.printed_numbers import is_figure
from parsers.language.thai_text import repair_thai
from parsers.language.vocabulary import compact
from parsers.language.vocabulary_match import as_printed
from parsers.layout.geometry import Box
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
from parsers.ocr.floating_marks import marks_set_down
from parsers.ocr.marks import checked_text
from parsers.ocr.page_image import PageImage, pixel_rect
from parsers.ocr.rereading import read_at
from parsers.ocr.words import agreed_word, lines_of

Rect = tuple[int, int, int, int]  # pixels: left, top, right, bottom
MARK_ROOM = 0.8  # of a running line's height: room above it for its floating marks
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
    """A reading as compared with another: as the page's words are made, without spaces or
    digits (a reading's digits are held to the first reading's, which figure readers check:
    the Thai model reads a line's Arabic digits as Thai ones at a larger scale)."""
    return DIGIT.sub("", compact(as_printed(repair_thai(text))))


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
    doubted = [cell for cell in cells if is_text(cell.lines) and shows_misreading(cell.lines)]
    figures = [cell for cell in cells if is_doubted_figure(cell.lines)]
    if not doubted and not figures:
        return cells
    # A cell whose marks float is read with them set down, not from the grey as it is, which
    # shows Tesseract the same floating marks.
    set_down = marks_set_down_in(doubted, image)
    texts = [cell for cell in doubted if id(cell) not in set_down]
    larger = {id(cell): read_larger(engine, image.grey, cell.rect) for cell in texts + figures}
    engine.set_image(Image.fromarray(image.grey))
    replaced: dict[int, ReadCell] = {}
    for cell in texts:
        again = taken(cell.lines, read_text(engine, cell, image, ink), larger[id(cell)])
        if again is not None:
            replaced[id(cell)] = ReadCell(cell.rect, again)
    for cell in figures:
        thai = engine.read(cell.rect)
        figure = engine.read_figure(cell.rect)
        printed = agreed_figure(pieces_text(thai), pieces_text(figure), larger[id(cell)])
        if printed is not None and figure and not shapes_object(printed, ink, image, cell.rect):
            replaced[id(cell)] = ReadCell(
                cell.rect, [[agreed_word(sure_piece(flat(figure), printed), image)]]
            )
    replaced |= read_with_marks_set_down(engine, doubted, ink, image, set_down)
    return [replaced.get(id(cell), cell) for cell in cells]


def reread_doubted_lines(
    engine: Engine, lines: list[list[Word]], ink: np.ndarray, image: PageImage
) -> list[list[Word]]:
    """Running lines (a memo's) whose reading shows a misreading, read again with their
    floating marks set down (`read_with_marks_set_down`) where two readings agree. A line is
    read with room above it for such marks, up to half way to the line above."""
    doubted = [
        ReadCell(line_rect(line, lines, image), [line])
        for line in lines
        if line and is_text([line]) and shows_misreading([line])
    ]
    replaced = read_with_marks_set_down(
        engine, doubted, ink, image, marks_set_down_in(doubted, image)
    )
    again = {
        id(cell.lines[0]): replaced[id(cell)].lines for cell in doubted if id(cell) in replaced
    }
    return [read for line in lines for read in again.get(id(line), [line])]


def line_rect(line: list[Word], lines: list[list[Word]], image: PageImage) -> Rect:
    """A running line's pixels, with MARK_ROOM of its height above it (less where the line
    above comes nearer: half the gap)."""
    box = Box(
        min(w.x0 for w in line),
        min(w.top for w in line),
        max(w.x1 for w in line),
        max(w.bottom for w in line),
    )
    room = MARK_ROOM * box.height
    for other in lines:
        if other is line or not other:
            continue
        middle = (min(w.top for w in other) + max(w.bottom for w in other)) / 2
        beside = min(w.x0 for w in other) < box.x1 and box.x0 < max(w.x1 for w in other)
        if beside and middle < box.top:  # a line above: half the paper between, or none
            room = min(room, max(0.0, box.top - max(w.bottom for w in other)) / 2)
    return pixel_rect(Box(box.x0, box.top - room, box.x1, box.bottom), image)


def read_text(
    engine: Engine, cell: ReadCell, image: PageImage, ink: np.ndarray
) -> list[list[Word]]:
    """The cell read from the engine's image, its words checked against the page's ink."""
    read = lines_of(engine.read(cell.rect), image, ink)
    return [checked_text(line, ink, image) for line in read]


def marks_set_down_in(cells: list[ReadCell], image: PageImage) -> dict[int, np.ndarray]:
    """Each cell's grey with its floating marks set down, by the cell's id, where any float."""
    set_down = {}
    for cell in cells:
        left, top, right, bottom = cell.rect
        moved = marks_set_down(image.grey[top:bottom, left:right])
        if moved is not None:
            set_down[id(cell)] = moved
    return set_down


def read_with_marks_set_down(
    engine: Engine,
    cells: list[ReadCell],
    ink: np.ndarray,
    image: PageImage,
    set_down: dict[int, np.ndarray],
) -> dict[int, ReadCell]:
    """The cells whose marks float over their letters (`set_down`: their grey with the marks
    set down, `marks_set_down_in`), read again so, at two scales, where those readings agree
    (`taken`)."""
    if not set_down:
        return {}
    page = image.grey.copy()
    for cell in cells:
        if id(cell) in set_down:
            left, top, right, bottom = cell.rect
            page[top:bottom, left:right] = set_down[id(cell)]
    engine.set_image(Image.fromarray(page))
    read = {
        id(cell): (cell, read_text(engine, cell, image, ink))
        for cell in cells
        if id(cell) in set_down
    }
    # The larger reading only for those that read well at first (it replaces the image).
    hopeful = {key: pair for key, pair in read.items() if reads_well(pair[0].lines, pair[1])}
    replaced = {}
    for key, (cell, again) in hopeful.items():
        agreed_again = taken(cell.lines, again, read_at(engine, 255 - set_down[key], LARGER))
        if agreed_again is not None:
            replaced[key] = ReadCell(cell.rect, agreed_again)
    return replaced


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
    figures have readers of their own) and show no misreading in their words of text."""
    return reads_well(first, again) and letters(lines_text(again)) == letters(larger)


def reads_well(first: list[list[Word]], again: list[list[Word]]) -> bool:
    """A reading again holds the first reading's digits, and text with no misreading."""
    text = lines_text(again)
    if not again or DIGIT.findall(text) != DIGIT.findall(lines_text(first)):
        return False
    doubtful_text = any(w.doubtful and not DIGIT.search(w.text) for line in again for w in line)
    return is_text(again) and not doubtful_text and not misread_words(text)


def taken(first: list[list[Word]], again: list[list[Word]], larger: str) -> list[list[Word]] | None:
    """The reading taken again where it agrees (`agreed`), each word holding a digit sure only
    where the first reading held the same word surely: a figure keeps its first readers'
    doubt (a memo's phone number, checked again when first read)."""
    if not agreed(first, again, larger):
        return None
    sure = {word.text for line in first for word in line if not word.doubtful}
    return [
        [
            replace(word, doubtful=word.text not in sure) if DIGIT.search(word.text) else word
            for word in line
        ]
        for line in again
    ]
