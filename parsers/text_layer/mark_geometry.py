"""Where a mark glyph is drawn, and whether its text says otherwise.

WeasyPrint (Pango + HarfBuzz) gives each glyph of a subset font the ToUnicode text of the
first place it was drawn, and a glyph first drawn inside a cluster of several glyphs gets the
cluster's text, or nothing. So in one document the low MAI EK glyph of a TLWG font may read as
SARA UU in every word (อยูระหวูาง), and Noto's raised MAI THO as nothing (นำ for น้ำ). What the
glyph is drawn as is in its outline: a Thai mark is drawn above its font's letters (an upper
vowel, a tone mark, THANTHAKHAT) or below their baseline (a lower vowel). A text of the other
class, or no text at all for a glyph with ink there, contradicts the drawing;
parsers.text_layer.font_mapping then reads the glyph as the mark of its class that its font's words,
over the whole document, clearly read as (never word by word). Heights are in ems; advances are not
used: a monospace font (Tlwg Typo) gives its marks a whole cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from statistics import median

from parsers.language.thai_text import CONSONANTS, SARA_AA, map_pua
from parsers.text_layer.glyph_guess import LOWER_MARKS, UPPER_MARKS

ABOVE = "above"
BELOW = "below"
# The marks a glyph may be, by where it is drawn.
MARKS_DRAWN: dict[str, str] = {ABOVE: UPPER_MARKS, BELOW: LOWER_MARKS}
# Letters whose outline tops mark a font's x-height (ascenders, as in ป ฝ ฟ, are outvoted by
# the median).
X_HEIGHT_LETTERS = frozenset(CONSONANTS + SARA_AA)
# The text of a glyph mapped to nothing (a ToUnicode entry `<>`). U+0000 is not it: Chromium
# maps glyphs so when an /ActualText span carries their text (parsers.text_layer.actual_text).
NO_TEXT = ""


def x_height(tops: Iterable[float]) -> float | None:
    """A font's x-height: the median top of its base letters' outlines (None: none known)."""
    tops = list(tops)
    return median(tops) if tops else None


def drawn_class(ink: tuple[float, float] | None, height: float | None) -> str | None:
    """ABOVE for an outline wholly in the upper half of the x-height or higher and reaching
    above it (every upper mark: Tlwg Typo's sit just on it, others well over it); BELOW for one
    wholly under the baseline; None for anything else, or when the outline or height is unknown.
    """
    if ink is None or height is None or height <= 0:
        return None
    low, high = ink
    if low > height / 2 and high > height:
        return ABOVE
    if high <= 0:
        return BELOW
    return None


def contradicts(text: str, drawn: str | None) -> bool:
    """A glyph drawn as a mark of class `drawn` whose text is nothing, or a mark of the other
    class (a mark drawn above that reads as a lower vowel, or the other way round)."""
    if drawn is None:
        return False
    if text == NO_TEXT:
        return True
    mark = map_pua(text)
    other = MARKS_DRAWN[BELOW if drawn == ABOVE else ABOVE]
    return is_mark(mark) and mark in other


def suspect_codes(to_unicode: dict[int, str]) -> set[int]:
    """The codes whose drawing is worth reading (cheap, from the ToUnicode alone): those mapped
    to nothing, and marks whose text another code of the font shares (a mark glyph given
    another's text makes two codes read alike). A font without them costs nothing more."""
    counts = Counter(map_pua(text) for text in to_unicode.values())
    return {
        code
        for code, text in to_unicode.items()
        if text == NO_TEXT or (is_mark(mark := map_pua(text)) and counts[mark] > 1)
    }


def is_mark(text: str) -> bool:
    return len(text) == 1 and text in UPPER_MARKS + LOWER_MARKS
