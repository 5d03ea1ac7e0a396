"""pdfplumber chars → clusters: each base letter with the marks drawn on it, as one char.

pdfplumber's `page.chars` are in content-stream order (no layout analysis), which is the order
a producer shaped them in: each zero-width Thai mark follows its base. pdfplumber's own
`extract_words`/`extract_text` sort by x, which puts the next letter before a mark drawn at the
right edge of its base (`นํ้า` comes out as `นํา้`). So marks are merged into their base first,
keeping the base's geometry, and only whole clusters are then placed by position
(parsers.text_layer.text_lines). Glyphs without proper Unicode take their text from Chromium's
/ActualText spans first (parsers.text_layer.actual_text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from parsers.language.thai_text import (
    COMBINING_MARKS,
    MARK_RANK,
    NIKHAHIT,
    PUA_TO_THAI,
    SARA_AA,
    SARA_AM,
    Repair,
    map_pua,
    says_sara_am,
)
from parsers.language.vocabulary import ZERO_WIDTH
from parsers.layout.tolerances import TOLERANCES
from parsers.text_layer.actual_text import Char, apply_actual_text, has_suspect_glyphs

# --- What each glyph text is (data) ----------------------------------------------------------
# Single-character texts that attach to the preceding base, with the mark they stand for.
MARK_TEXTS: dict[str, str] = {mark: mark for mark in COMBINING_MARKS} | {
    pua: thai for pua, thai in PUA_TO_THAI.items() if thai in COMBINING_MARKS
}
# At most a vowel, a tone mark and a doubled copy of each lie between a glyph and the next base.
MARKS_PER_CLUSTER = 4
# Glyphs that carry no Unicode: pdfminer gives "(cid:N)", Chromium's ToUnicode gives U+0000.
UNMAPPED_TEXTS = frozenset({"", "\x00", "\ufffd"})
# Texts that need a look beyond "an ordinary one-character base".
ZERO_WIDTH_CHARS = frozenset(ZERO_WIDTH)
SPECIAL_TEXTS = (
    frozenset(MARK_TEXTS)
    | frozenset(PUA_TO_THAI)
    | UNMAPPED_TEXTS
    | ZERO_WIDTH_CHARS
    | {" ", SARA_AM}
)
# A mark's place in the cluster's text: vowels, then tone marks, then a zero-width space that
# may stand for a lost NIKHAHIT (kept last so thai_text can rebuild SARA AM from it).
ZERO_WIDTH_MARK = "\u200b"
CLUSTER_RANK = MARK_RANK | {ZERO_WIDTH_MARK: 2, "": 2}


def font_size(char: Char) -> float:
    return char.get("size") or (char["bottom"] - char["top"]) or 1.0


def has_zero_advance(char: Char) -> bool:
    return bool(char["x1"] - char["x0"] < TOLERANCES.zero_advance_em * font_size(char))


def is_sara_am_ring(chars: Sequence[Char], position: int) -> bool:
    """A glyph read as SARA AM that advances nothing, before a SARA AA (a tone mark may come
    between): the NIKHAHIT of a SARA AM drawn in two glyphs, whose ToUnicode entry carries the
    whole vowel (LibreOffice writes ดำเนิน as ด + that glyph + า, which reads ดำาเนิน), or the
    whole cluster it was first drawn in (น้ำ's: ้ำ, its tone drawn by a glyph of its own). Decided
    by the glyph's own advance, so alike for every use of it in the document; a SARA AM glyph
    proper always advances. `chars` in content-stream order; `position`: the glyph's."""
    char = chars[position]
    if not says_sara_am(char["text"]) or not has_zero_advance(char):
        return False
    for after in chars[position + 1 : position + 1 + MARKS_PER_CLUSTER]:
        if after["text"] not in MARK_TEXTS:
            return bool(after["text"] == SARA_AA)
    return False


def attached_text(char: Char) -> str | None:
    """What `char` adds to the base before it, or None when it is a base itself."""
    text = char["text"]
    if text in MARK_TEXTS:
        return MARK_TEXTS[text]
    zero_advance = has_zero_advance(char)
    if text.isspace() or text in ZERO_WIDTH_CHARS:
        return ZERO_WIDTH_MARK if zero_advance else None
    if text in UNMAPPED_TEXTS or text.startswith("(cid:"):
        return "" if zero_advance else None  # an unnamed mark variant: its text is lost
    mapped = map_pua(text)
    return mapped if mapped[0] in MARK_TEXTS else None


def can_carry(base: Char, mark: Char) -> bool:
    """A base for `mark`: not a space, and level with it."""
    return (
        mark["top"] < base["bottom"] and mark["bottom"] > base["top"] and not base["text"].isspace()
    )


def base_for(mark: Char, bases: list[Char]) -> int | None:
    """Index of the base `mark` is drawn on. A mark follows its base in the content stream, so
    the last base takes it when the mark's point lies over that base or within reach beside it:
    a zero-advance mark's box is only its origin, which fonts put on either side of its ink
    (TLWG: at the base's right edge, the ink to the left; Noto under HarfBuzz: a little left of
    the base's left edge, the ink to the right, so the point often falls inside the letter
    before). Otherwise the most recent base whose box holds the point (a mark drawn after later
    letters), else none."""
    centre = (mark["x0"] + mark["x1"]) / 2
    last = len(bases) - 1
    if last < 0:
        return None
    if can_carry(bases[last], mark):
        reach = TOLERANCES.mark_reach_em * font_size(bases[last])
        if bases[last]["x0"] - reach <= centre <= bases[last]["x1"] + reach:
            return last
    for index in range(last - 1, max(-1, last - TOLERANCES.mark_lookback), -1):
        base = bases[index]
        if base["x0"] <= centre <= base["x1"] and can_carry(base, mark):
            return index
    return None


def with_text(char: Char, text: str) -> Char:
    return {**char, "text": text}


def cluster(base: Char, marks: list[tuple[str, Char]]) -> Char:
    """The base with its marks' text appended in the standard order; the base's geometry."""
    ordered = sorted(marks, key=lambda mark: CLUSTER_RANK.get(mark[0], 0))
    merged = with_text(base, base["text"] + "".join(text for text, _ in ordered))
    spacing = [char["x1"] for _, char in marks if not has_zero_advance(char)]
    if spacing:
        merged["x1"] = max(base["x1"], *spacing)
    return merged


def merge_marks(
    chars: Sequence[Char], page: Any | None = None, repairs: Counter[str] | None = None
) -> list[Char]:
    """A page's chars (content-stream order) → one char per cluster, marks merged into bases.

    With `page` (a pdfplumber page), Chromium's /ActualText spans replace the text of their
    glyphs when the page has glyphs without proper Unicode. Chars are not modified; merged
    clusters are new dicts, other chars are passed through. With `repairs`, the Private Use
    Area glyphs read as Thai letters are counted there.
    """
    if page is not None and has_suspect_glyphs(chars):
        chars = apply_actual_text(chars, page)
    bases: list[Char] = []
    marks: dict[int, list[tuple[str, Char]]] = {}
    for position, char in enumerate(chars):
        text = char["text"]
        if len(text) == 1 and text not in SPECIAL_TEXTS:
            bases.append(char)  # the common case: an ordinary letter, digit or space
            continue
        if repairs is not None and text in PUA_TO_THAI:
            repairs[Repair.PUA] += 1
        if says_sara_am(text) and is_sara_am_ring(chars, position):
            char = with_text(char, NIKHAHIT)  # thai_text composes it with the SARA AA
            text = NIKHAHIT
        mark = attached_text(char)
        index = base_for(char, bases) if mark is not None else None
        if index is not None:
            marks.setdefault(index, []).append((mark or "", char))
        elif text and text not in UNMAPPED_TEXTS:
            mapped = map_pua(text)
            bases.append(char if mapped == text else with_text(char, mapped))
    for index, its_marks in marks.items():
        bases[index] = cluster(bases[index], its_marks)
    return bases
