"""The OCR engine: Tesseract 5 with its Thai model, through tesserocr.

tesserocr keeps one engine open in the process and reads a rectangle of an image already set
(`SetRectangle`), so a table read cell by cell costs milliseconds per cell; pytesseract starts
a `tesseract` process per call (about 0.12 s each). tesserocr's wheels carry libtesseract
but no models: the Thai model is Debian's `tesseract-ocr-tha`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Where Debian (and most Linux systems) put the models; TESSDATA_PREFIX wins when set.
TESSDATA_FOLDERS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
LANGUAGES = ("tha",)  # with "eng" too, Tesseract reads short Thai words as Latin (ที่ → fi)
FIGURES_LANGUAGE = "eng"  # installed with tesseract-ocr itself
INSTALL_HINT = "install Tesseract's Thai model: apt-get install tesseract-ocr tesseract-ocr-tha"


@dataclass(frozen=True)
class EngineMissing:
    """Why pages cannot be read from their images here."""

    reason: str


@dataclass(frozen=True)
class TextPiece:
    """A word (or a line) Tesseract read: its text, its box in pixels, its confidence (0–100)."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    space_before: bool = False  # Tesseract put a space before it (a new word)


def tessdata_folder() -> Path | None:
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_FOLDERS]
    for folder in candidates:
        models = (*LANGUAGES, FIGURES_LANGUAGE)
        if folder and all((Path(folder) / f"{lang}.traineddata").is_file() for lang in models):
            return Path(folder)
    return None


def engine_missing() -> EngineMissing | None:
    """None when Tesseract and its Thai model can be used here; else why not."""
    try:
        import tesserocr  # noqa: F401
    except ImportError as error:
        return EngineMissing(f"tesserocr cannot be imported ({error}); {INSTALL_HINT}")
    if tessdata_folder() is None:
        return EngineMissing(
            f"Tesseract's Thai model (tha.traineddata) was not found; {INSTALL_HINT}"
        )
    return None


# What a figure is printed with: the second reading of a cell the Thai model was unsure of.
FIGURE_CHARACTERS = "0123456789.,-%/"


class Engine:
    """Tesseract open twice, an image set once, then read region by region: the Thai model,
    and the English one told to see figures only (the Thai model reads a lone "4" as ฮู)."""

    def __init__(self, api: Any, figures_api: Any) -> None:
        self.api = api
        self.figures_api = figures_api

    def set_image(self, image: Any) -> None:
        """`image`: a PIL image (grey), the page as it will be read."""
        self.api.SetImage(image)
        self.figures_api.SetImage(image)

    def read_figure(self, box: tuple[int, int, int, int]) -> list[list[TextPiece]]:
        """A rectangle read as figures only (digits, separators)."""
        left, top, right, bottom = box
        self.figures_api.SetRectangle(left, top, right - left, bottom - top)
        if not self.figures_api.Recognize():
            return []
        return pieces_by_line(self.figures_api.GetIterator())

    def read(self, box: tuple[int, int, int, int]) -> list[list[TextPiece]]:
        """The lines Tesseract reads in a rectangle (left, top, right, bottom) of the image."""
        import tesserocr

        left, top, right, bottom = box
        self.api.SetPageSegMode(tesserocr.PSM.SINGLE_BLOCK)
        self.api.SetRectangle(left, top, right - left, bottom - top)
        if not self.api.Recognize():
            return []
        return pieces_by_line(self.api.GetIterator())

    def read_page(self) -> list[list[TextPiece]]:
        """The lines of the whole image, its layout found by Tesseract (columns, blocks)."""
        import tesserocr

        self.api.SetPageSegMode(tesserocr.PSM.AUTO)
        if not self.api.Recognize():
            return []
        return pieces_by_line(self.api.GetIterator())


def pieces_by_line(iterator: Any) -> list[list[TextPiece]]:
    """Tesseract's pieces (for Thai, a letter or a cluster: it puts no spaces inside words) in
    its reading order, line by line."""
    import tesserocr

    level = tesserocr.RIL.WORD
    lines: list[list[TextPiece]] = []
    if iterator is None:
        return lines
    for item in tesserocr.iterate_level(iterator, level):
        if not lines or item.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
            lines.append([])
        try:
            text = (item.GetUTF8Text(level) or "").strip()
            box = item.BoundingBox(level)
        except RuntimeError:  # an empty element
            continue
        if text and box:
            confidence = float(item.Confidence(level))
            space = item.BlanksBeforeWord() > 0
            left, top, right, bottom = box
            lines[-1].append(TextPiece(text, left, top, right, bottom, confidence, space))
    return [line for line in lines if line]


@contextmanager
def opened_engine() -> Iterator[Engine]:
    """Tesseract with the Thai and English models, one thread (OMP_THREAD_LIMIT: with its
    default OpenMP threads a page takes several times longer on a small machine); OpenCV on
    one thread too: each of its worker threads reserves a heap arena, and the parsing child's
    address space is limited (RAINGAN_MAX_MEMORY_MB; a 300-dpi page peaked 70 MB higher)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import cv2
    import tesserocr

    cv2.setNumThreads(1)

    folder = tessdata_folder()
    api = tesserocr.PyTessBaseAPI(path=f"{folder}/", lang="+".join(LANGUAGES))
    figures = tesserocr.PyTessBaseAPI(
        path=f"{folder}/", lang=FIGURES_LANGUAGE, psm=tesserocr.PSM.SINGLE_BLOCK
    )
    figures.SetVariable("tessedit_char_whitelist", FIGURE_CHARACTERS)
    try:
        yield Engine(api, figures)
    finally:
        api.End()
        figures.End()
