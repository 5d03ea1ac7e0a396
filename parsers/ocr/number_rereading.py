"""Numbers of the running text read again where their first reading was doubtful.

A memo prints its phone number, its reference's number and its date in running lines. Read
from the page's cut ink, Tesseract's two models (or, for Thai digits, Tesseract and the
digits' shapes, `parsers.ocr.words`) may disagree on one: the number is doubtful, null
downstream. Read again from the grey page, with Tesseract's own threshold, by the Thai model
as it is and made larger, and by the figures model, a misreading of the cut ink seldom
repeats itself: where every reading gives, digit for digit and separator for separator, what
the first reading gave, the readers agree and the number is sure. Thai digits are held to
their shapes' reading (the figures model knows none); where the Thai model misreads a font's
Thai digits the same way at every scale (Laksaman's ๔ read ๕), they stay doubtful."""

from __future__ import annotations

import re
from dataclasses import replace

import cv2
import numpy as np
from PIL import Image

from parsers.language.thai_text import normalise_digits
from parsers.layout.page import Word
from parsers.ocr.cell_rereading import LARGER, pieces_text
from parsers.ocr.engine import Engine
from parsers.ocr.page_image import PageImage, pixel_rect

# A number of running text: digits and what separates them (0-4272-1226, 63221/972, 2567).
NUMBER = re.compile(r"[\d๐-๙][\d๐-๙,./-]*")
# Paper set around the word's grey, of its height: as Tesseract wants, without the page's
# neighbouring words and rules, which a margin cut from the page takes in.
PAPER = 0.5
WHITE = 255


def is_doubted_number(word: Word) -> bool:
    return word.doubtful and bool(NUMBER.fullmatch(word.text))


def on_paper(grey: np.ndarray, rect: tuple[int, int, int, int], scale: float) -> Image.Image:
    """The rectangle of the grey page, made `scale` times larger, on white paper."""
    left, top, right, bottom = rect
    word = grey[top:bottom, left:right]
    if scale != 1:
        word = cv2.resize(word, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    pad = max(1, round(PAPER * word.shape[0]))
    return Image.fromarray(
        cv2.copyMakeBorder(word, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=WHITE)
    )


def readings_of(engine: Engine, word: Word, image: PageImage) -> list[str]:
    """The word read from the grey by the Thai model as it is and made larger, and, for
    Arabic digits (not read from their shapes), by the figures model (the engine's image is
    replaced)."""
    rect = pixel_rect(word, image)
    readings = []
    for scale in (1.0, LARGER):
        paper = on_paper(image.grey, rect, scale)
        engine.set_image(paper)
        whole = (0, 0, *paper.size)
        readings.append(pieces_text(engine.read(whole)))
        if scale == 1 and not word.shapes_read:
            readings.append(pieces_text(engine.read_figure(whole)))
    return readings


def same_number(first: str, *readings: str) -> bool:
    """Every reading is the first's number: the same digits (Thai or Arabic alike) and the
    same separators in the same places."""
    number = normalise_digits(first)
    return all(normalise_digits(reading.strip()) == number for reading in readings)


def reread_doubted_numbers(
    engine: Engine, lines: list[list[Word]], image: PageImage
) -> list[list[Word]]:
    """The lines, each number read doubtfully made sure where the grey's readings give it as
    its first reading did (`readings_of`). The engine's image is left the grey."""
    doubted = [word for line in lines for word in line if is_doubted_number(word)]
    if not doubted:
        return lines
    sure = {
        id(word) for word in doubted if same_number(word.text, *readings_of(engine, word, image))
    }
    engine.set_image(Image.fromarray(image.grey))
    return [[replace(w, doubtful=False) if id(w) in sure else w for w in line] for line in lines]
