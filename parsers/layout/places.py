"""Where the parse read each figure, row and cell: the boxes it already holds, kept by name.

Nothing is searched for: a reader notes the cell or the words it has just read a value from.
The names and the box format are the evidence's (`checks.evidence`), so whatever reads the
boxes back does not care whether they came from the text layer or, later, from OCR.
"""

from __future__ import annotations

from collections.abc import Iterable

from checks.evidence import PlacedBox, placed_box
from parsers.layout.geometry import Box
from parsers.layout.orientation import UPRIGHT, displayed_box, turned_size
from parsers.layout.page import PageContent, Word


def words_box(words: Iterable[Word]) -> Box | None:
    """The box around some words; None for none."""
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    for word in words:
        x0, top = min(x0, word.x0), min(top, word.top)
        x1, bottom = max(x1, word.x1), max(bottom, word.bottom)
    return None if x0 == float("inf") else Box(x0, top, x1, bottom)


def text_box(lines: list[list[Word]], cell: Box) -> Box:
    """Where a cell's text is printed: its words, or the cell itself when it is empty."""
    return words_box(word for line in lines for word in line) or cell


class Places:
    """Place name (`checks.evidence.figure_place`, `row_place`) → boxes, in reading order."""

    def __init__(self) -> None:
        self.boxes: dict[str, list[PlacedBox]] = {}

    def add(self, place: str, page: int, box: Box) -> None:
        self.boxes.setdefault(place, []).append(
            placed_box(page, box.x0, box.top, box.x1, box.bottom)
        )

    def put(self, place: str, page: int, box: Box, *, keep_first: bool = False) -> None:
        """The one box of a figure: a figure read twice is where the document's value was
        read (the first row of a dimension printed twice, the last total row)."""
        if keep_first and place in self.boxes:
            return
        self.boxes[place] = [placed_box(page, box.x0, box.top, box.x1, box.bottom)]

    def as_displayed(self, pages: Iterable[PageContent]) -> dict[str, list[PlacedBox]]:
        """The boxes, those of pages read turned (parsers.layout.orientation) turned back to where
        the page displays them, as pdfplumber crops and draws it."""
        turned = {page.number: page for page in pages if page.turn != UPRIGHT}
        for placed in (box for boxes in self.boxes.values() for box in boxes):
            page = turned.get(int(placed[0]))
            if page is not None:
                size = turned_size(page.turn, page.width, page.height)  # its own inverse
                x0, top, x1, bottom = placed[1:]
                placed[:] = placed_box(
                    page.number, *displayed_box((x0, top, x1, bottom), page.turn, *size)
                )
        return self.boxes

    def add_words(self, place: str, page: int, words: Iterable[Word]) -> None:
        box = words_box(words)
        if box is not None:
            self.add(place, page, box)
