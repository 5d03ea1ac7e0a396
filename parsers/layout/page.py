"""One page as the parser sees it: words, ruled grids, candidate check marks. Built once.

Everything pdfplumber gives is read here, once per page, and the page is closed after;
the section readers work on these small objects only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    _line_spans: tuple[list[Any], list[tuple[float, float]]] | None = field(
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
        slack = TOLERANCES.inside_slack
        top, bottom = box.top - slack, box.bottom + slack
        inside = []
        for line, (highest, lowest) in zip(self.lines, self.line_spans(), strict=True):
            if lowest < top or highest > bottom:
                continue  # no word's middle is within the box's height: skip its words
            kept = [w for w in line if box.contains_point(w.x_mid, w.y_mid, slack)]
            if kept:
                inside.append(kept)
        return inside

    def line_spans(self) -> list[tuple[float, float]]:
        """Each line's highest and lowest word middle, measured once per list of lines (a
        table asks for the lines of each of its cells)."""
        cached = self._line_spans
        if cached is None or cached[0] is not self.lines or len(cached[1]) != len(self.lines):
            spans = [middles_span(line) for line in self.lines]
            self._line_spans = cached = (self.lines, spans)
        return cached[1]


def middles_span(line: list[Word]) -> tuple[float, float]:
    """The highest and lowest middle of a line's words (a line of none spans nothing)."""
    middles = [word.y_mid for word in line]
    return (min(middles), max(middles)) if middles else (float("inf"), float("-inf"))
