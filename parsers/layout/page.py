"""One page as the parser sees it: words, ruled grids, candidate check marks. Built once.

Everything pdfplumber gives is read here, once per page, and the page is closed after;
the section readers work on these small objects only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from parsers.language.text_quality import UNUSABLE_SHARE
from parsers.layout.geometry import Box, Grid
from parsers.layout.page_objects import PdfChar
from parsers.layout.tolerances import TOLERANCES


@dataclass(frozen=True)
class Word(Box):
    text: str = ""
    # Read from a page image (parsers.ocr): Tesseract's confidence (0–100), and whether it is
    # too low to trust a figure made of this word (the figure is then null, never a guess).
    confidence: float | None = None
    doubtful: bool = False
    shapes_read: bool = False  # its digits were read again from their shapes (Thai digits)


# Marks that put ink in a status cell; an empty box glyph, an unticked widget or a box read
# from an image as empty put none (a doubtful one is neither: parsers.sections.project_list).
INKING_MARKS = frozenset({"glyph", "tick", "filled_box", "image", "widget_on"})


@dataclass(frozen=True)
class Mark(Box):
    """Something drawn that may tick a box: a glyph, a tick or cross path, a filled box."""

    kind: str = "glyph"  # glyph | empty_glyph | tick | filled_box | image | widget_on | widget_off
    # The ink it puts on the page (square points, weighted by how dark it is), where it was
    # measured from the drawing; None: the area of its box for an inking mark, else none.
    drawn_ink: float | None = None

    @property
    def ink(self) -> float:
        if self.drawn_ink is not None:
            return self.drawn_ink
        return self.width * self.height if self.kind in INKING_MARKS else 0.0


Boxed = TypeVar("Boxed", bound=Box)
Placed = tuple[Boxed, float, float]  # a box and its middle (x, y)
# A line's highest and lowest word middle, and its words with their middles.
LineSpan = tuple[float, float, list[Placed[Word]]]


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    lines: list[list[Word]]  # words grouped by line, top to bottom, left to right
    grids: list[Grid] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    # The share of its Thai text that reads as dictionary words (parsers.language.text_quality),
    # when measured: for pages that show signs of damage, and for `raingan text --quality`.
    dictionary_share: float | None = None
    # Glyphs left without any text after every repair ((cid:N), U+0000): a sign of damage.
    unreadable_glyphs: int = 0
    # Mark glyphs whose text contradicts where they are drawn, no mark clearly read instead
    # (parsers.text_layer.mark_geometry): text left as printed, the page warned about as damaged.
    misread_marks: int = 0
    # The page's chars while a per-font decision waits for the whole document's text.
    unsettled_chars: list[PdfChar] | None = field(default=None, repr=False)
    # Text-layer repairs made on this page, by kind (parsers.language.thai_text.Repair values).
    repairs: dict[str, int] = field(default_factory=dict)
    # How the page was turned so that its text reads left to right (parsers.layout.orientation):
    # boxes are in that frame, and turned back for the evidence (parsers.layout.places).
    turn: str = "upright"
    # A scanned image covers the page (the share of its area): a text layer over it with next
    # to no Thai is a bad OCR pass (Latin junk), not the report's text.
    scan_cover: float = 0.0
    scan_dpi: float | None = None  # the scan's own resolution, where a scan covers the page
    junk_layer: bool = False
    # Which reader read it (parsers.text_layer.pdfium_reader.READERS), and why not PDFium when it
    # was not.
    reader: str = "pdfminer"
    handover: str | None = None
    _line_spans: tuple[list[Any], list[LineSpan]] | None = field(
        default=None, repr=False, compare=False
    )
    _mark_middles: tuple[list[Mark], list[Placed[Mark]]] | None = field(
        default=None, repr=False, compare=False
    )
    # Read from its image (parsers.ocr): the mean recognition confidence (0–100).
    read_from_image: float | None = None

    @property
    def has_text(self) -> bool:
        return any(word.text.strip() for line in self.lines for word in line)

    @property
    def unusable(self) -> bool:
        """A text layer damaged beyond repair: read as an image-only page (contract)."""
        if self.junk_layer:
            return True
        return self.dictionary_share is not None and self.dictionary_share < UNUSABLE_SHARE

    def line_texts(self) -> list[str]:
        return [" ".join(w.text for w in line) for line in self.lines]

    def lines_in(self, box: Box) -> list[list[Word]]:
        """The words whose middle lies in the box (within `inside_slack`), by line. A table asks
        this of every cell: each line's middles are measured once, and a line wholly above or
        below the box is passed over whole."""
        slack = TOLERANCES.inside_slack
        top, bottom = box.top - slack, box.bottom + slack
        left, right = box.x0 - slack, box.x1 + slack
        inside = []
        for highest, lowest, words in self.line_spans():
            if lowest < top or highest > bottom:
                continue  # no word's middle is within the box's height: skip its words
            kept = [w for w, x, y in words if left <= x <= right and top <= y <= bottom]
            if kept:
                inside.append(kept)
        return inside

    def line_spans(self) -> list[LineSpan]:
        """Each line's highest and lowest word middle, and its words with their middles,
        measured once per list of lines (a table asks for the lines of each of its cells)."""
        cached = self._line_spans
        if cached is None or cached[0] is not self.lines or len(cached[1]) != len(self.lines):
            spans = [line_span(line) for line in self.lines]
            self._line_spans = cached = (self.lines, spans)
        return cached[1]

    def marks_in(self, box: Box) -> list[Mark]:
        """The marks whose middle lies in the box (each mark's middle measured once a page)."""
        x0, top, x1, bottom = box.x0, box.top, box.x1, box.bottom
        return [m for m, x, y in self.mark_middles() if x0 <= x <= x1 and top <= y <= bottom]

    def mark_middles(self) -> list[Placed[Mark]]:
        cached = self._mark_middles
        if cached is None or cached[0] is not self.marks or len(cached[1]) != len(self.marks):
            self._mark_middles = cached = (self.marks, middles(self.marks))
        return cached[1]


def middles(boxes: list[Boxed]) -> list[Placed[Boxed]]:
    return [(box, box.x_mid, box.y_mid) for box in boxes]


def line_span(line: list[Word]) -> LineSpan:
    """A line's highest and lowest word middle (a line of none spans nothing), and its words
    with their middles."""
    placed = middles(line)
    if not placed:
        return (float("inf"), float("-inf"), placed)
    ys = [y for _, _, y in placed]
    return (min(ys), max(ys), placed)
