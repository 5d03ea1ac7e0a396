"""How a producer marks a project's status cell: declared once, drawn by each renderer.

The e-PlanNACC printout ticks one of four status columns; offices and producers draw that
mark in many ways. Each style names what an empty and a marked cell print.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MarkStyle(StrEnum):
    VECTOR_TICK = "vector-tick"  # an outlined box, a tick stroked inside when marked
    VECTOR_CROSS = "vector-cross"  # an outlined box, a cross stroked inside when marked
    VECTOR_FILLED = "vector-filled"  # an outlined box, a filled square inside (WeasyPrint)
    BALLOT_GLYPHS = "ballot-glyphs"  # ☐ / ☑ as text
    BALLOT_CROSS_GLYPHS = "ballot-cross-glyphs"  # ☐ / ☒ as text
    BARE_TICK = "bare-tick"  # ✓ when marked, nothing otherwise (the e-PlanNACC printout)
    BARE_HEAVY_TICK = "bare-heavy-tick"  # ✔ when marked, nothing otherwise
    BARE_CROSS = "bare-cross"  # ✗ when marked, nothing otherwise
    BARE_X = "bare-x"  # the letter X when marked, nothing otherwise
    DOT = "dot"  # a filled dot when marked, nothing otherwise
    ACROFORM = "acroform"  # an AcroForm check box field, on or off
    INPUT = "input"  # a web form's check box input, as the browser prints it (HTML only)
    # Word's check boxes in Wingdings: the symbol font's codes (U+F0A8 empty, U+F0FE ticked)
    WINGDINGS = "wingdings"


@dataclass(frozen=True)
class MarkGlyphs:
    """The text a glyph style prints in an empty and in a marked cell ('' prints nothing)."""

    empty: str
    marked: str


GLYPHS: dict[MarkStyle, MarkGlyphs] = {
    MarkStyle.BALLOT_GLYPHS: MarkGlyphs("☐", "☑"),
    MarkStyle.BALLOT_CROSS_GLYPHS: MarkGlyphs("☐", "☒"),
    MarkStyle.BARE_TICK: MarkGlyphs("", "✓"),
    MarkStyle.BARE_HEAVY_TICK: MarkGlyphs("", "✔"),
    MarkStyle.BARE_CROSS: MarkGlyphs("", "✗"),
    MarkStyle.BARE_X: MarkGlyphs("", "X"),
    MarkStyle.DOT: MarkGlyphs("", "●"),
    MarkStyle.WINGDINGS: MarkGlyphs("\uf0a8", "\uf0fe"),
}
# The glyphs a Wingdings-like symbol font draws at its codes (the boxes it prints).
WINGDINGS_DRAWS = {"\uf0a8": "☐", "\uf0fe": "☑"}
VECTOR_STYLES = frozenset({MarkStyle.VECTOR_TICK, MarkStyle.VECTOR_CROSS, MarkStyle.VECTOR_FILLED})
