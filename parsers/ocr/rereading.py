"""Lines read twice more: a name printed in parentheses (under a signature) and a memo's header
line (ส่วนราชการ …, เรียน …) have no vocabulary to be checked against, and Tesseract misreads a
vowel or a letter of one with full confidence (ศิริพร read ศิรีพร, นายก read นายภ). Read again
from the line's ink at other scales, a misreading seldom repeats itself: a word that is not
in every reading is doubtful (null downstream, never a near miss). Digits are left out of the
comparison: they have their own two readers (parsers.ocr.words, parsers.ocr.figures)."""

from __future__ import annotations

import re
from dataclasses import replace

import cv2
import numpy as np
from PIL import Image

from parsers.language import vocabulary as vocab
from parsers.language.thai_text import repair_thai
from parsers.language.vocabulary import compact
from parsers.language.vocabulary_match import as_printed
from parsers.layout.geometry import Box
from parsers.layout.page import Word
from parsers.ocr.engine import Engine
from parsers.ocr.page_image import PageImage, pixel_rect

SCALES = (0.75, 1.5)  # the other readings: the line's ink made smaller and larger
MARGIN = 6.0  # points of paper around the line, as Tesseract wants
DIGITS = re.compile(r"[\d๐-๙]")
# The memo's labels that start a header line whose value is read twice more.
HEADER_LABELS = tuple(
    compact(label)
    for field in ("agency", "subject", "addressee")
    for label in vocab.MEMO_FIELDS[field]
)


def is_checked_line(line: list[Word]) -> bool:
    """A name in parentheses without figures, or a memo header line of text."""
    text = " ".join(word.text for word in line).strip()
    if text.startswith("(") and text.endswith(")"):
        return not DIGITS.search(text)
    return compact(line[0].text).startswith(HEADER_LABELS)


def letters_of(text: str) -> str:
    """The text as a word of the page is made (parsers.ocr.words), without its digits."""
    return DIGITS.sub("", compact(as_printed(repair_thai(text))))


def read_at(engine: Engine, ink: np.ndarray, scale: float) -> str:
    """The ink (255 on 0) read as one block at `scale`."""
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    image = cv2.resize(255 - ink, None, fx=scale, fy=scale, interpolation=interpolation)
    engine.set_image(Image.fromarray(image))
    height, width = image.shape
    return "".join(piece.text for line in engine.read((0, 0, width, height)) for piece in line)


def checked_line(line: list[Word], engine: Engine, ink: np.ndarray, image: PageImage) -> list[Word]:
    """The line's words, each doubtful where a reading at another scale lacks it (the
    engine's image is replaced: to be called once the page is read)."""
    around = Box(
        min(w.x0 for w in line) - MARGIN,
        min(w.top for w in line) - MARGIN,
        max(w.x1 for w in line) + MARGIN,
        max(w.bottom for w in line) + MARGIN,
    )
    left, top, right, bottom = pixel_rect(around, image)
    region = ink[top:bottom, left:right]
    if region.size == 0:
        return line
    readings = [letters_of(read_at(engine, region, scale)) for scale in SCALES]
    return [
        word
        if all(letters_of(word.text) in reading for reading in readings)
        else replace(word, doubtful=True)
        for word in line
    ]


def checked_lines(
    lines: list[list[Word]], engine: Engine, ink: np.ndarray, image: PageImage
) -> list[list[Word]]:
    return [
        checked_line(line, engine, ink, image) if is_checked_line(line) else line for line in lines
    ]
