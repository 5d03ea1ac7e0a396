"""One page as the parser sees it: words, ruled grids, candidate check marks. Built once.

Everything pdfplumber gives is read here, once per page, and the page is closed after;
the section readers work on these small objects only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.geometry import Box, Grid


@dataclass(frozen=True)
class Word(Box):
    text: str = ""


@dataclass(frozen=True)
class Mark(Box):
    """Something drawn that may tick a box: a glyph, a tick or cross path, a filled box."""

    kind: str = "glyph"  # glyph | empty_glyph | tick | filled_box | image | widget_on | widget_off


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    lines: list[list[Word]]  # words grouped by line, top to bottom, left to right
    grids: list[Grid] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    image_area: float = 0.0  # share of the page covered by images

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line]

    @property
    def has_text(self) -> bool:
        return any(word.text.strip() for line in self.lines for word in line)

    def line_texts(self) -> list[str]:
        return [" ".join(w.text for w in line) for line in self.lines]

    def words_in(self, box: Box, slack: float = 0.5) -> list[Word]:
        return [w for w in self.words if box.contains_point(w.x_mid, w.y_mid, slack)]

    def lines_in(self, box: Box) -> list[list[Word]]:
        inside = []
        for line in self.lines:
            kept = [w for w in line if box.contains_point(w.x_mid, w.y_mid, 0.5)]
            if kept:
                inside.append(kept)
        return inside
