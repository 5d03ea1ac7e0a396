"""Clusters (parsers.text_layer.clusters) → words and lines, placed by their baselines and gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from parsers.language.thai_text import COMBINING_MARKS, repair_thai
from parsers.layout.tolerances import TOLERANCES
from parsers.text_layer.actual_text import Char

# No Thai word starts with these: SARA A, SARA AA, SARA AM, LAKKHANGYAO, combining marks.
NON_STARTERS = frozenset("\u0e30\u0e32\u0e33\u0e45" + COMBINING_MARKS)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    words: tuple[Word, ...]


class Placed(NamedTuple):
    """A cluster with what placing it needs, read from its dict once."""

    baseline: float
    x0: float
    x1: float
    size: float
    text: str
    char: Char


# A Placed made by tuple's own constructor: NamedTuple's `__new__` is a Python function, a
# frame for each of a page's thousands of clusters.
new_placed = tuple.__new__


def place(char: Char) -> Placed:
    """A cluster placed by its baseline, in top-down page coordinates: the text matrix's
    origin (its bottom where it carries none). A page places every cluster: one call each,
    `clusters.font_size` written inline."""
    bottom, matrix = char["bottom"], char.get("matrix")
    if matrix is not None and "y0" in char:
        bottom = bottom - (matrix[5] - char["y0"])
    size = char.get("size") or (char["bottom"] - char["top"]) or 1.0
    return new_placed(Placed, (float(bottom), char["x0"], char["x1"], size, char["text"], char))


def make_word(members: list[Placed], repairs: Counter[str] | None = None) -> Word | None:
    text = repair_thai("".join([member.text for member in members]), repairs)
    if not text:
        return None
    first = members[0]
    x1, size = first.x1, first.size
    top, bottom = first.char["top"], first.char["bottom"]
    for member in members[1:]:  # max() and min() in one pass (the first of equals kept alike)
        char = member.char
        x1 = member.x1 if member.x1 > x1 else x1
        top = char["top"] if char["top"] < top else top
        bottom = char["bottom"] if char["bottom"] > bottom else bottom
        size = member.size if member.size > size else size
    return Word(text=text, x0=first.x0, x1=x1, top=top, bottom=bottom, size=size)


def split_words(row: list[Placed]) -> Iterator[list[Placed]]:
    """One line's clusters, left to right → words, split at spaces and at wide gaps, but never
    before what cannot start a Thai word (SARA AA, SARA AM, a mark) that `joins_across` the
    gap: `ด าเนินการ` is one word whose NIKHAHIT was lost to a space, which thai_text then
    rebuilds, and `ก า ร` in a letter-spaced title is one word."""
    word_gap = TOLERANCES.word_gap_em
    word: list[Placed] = []
    right = size = 0.0
    space: Placed | None = None  # a space since the last cluster
    for index, member in enumerate(row):
        if member.text.isspace():
            space = space or member
            continue
        gap = member.x0 - right
        em = size if size > member.size else member.size
        if word and (space is not None or gap > word_gap * em):
            if member.text[0] in NON_STARTERS and joins_across(row, index, word, gap / em, space):
                if space:
                    word.append(space)  # kept: thai_text reads it as the lost NIKHAHIT
            else:
                yield word
                word = []
        space = None
        if word:
            right = member.x1 if member.x1 > right else right
            size = member.size if member.size > size else size
        else:
            right, size = member.x1, member.size
        word.append(member)
    if word:
        yield word


def joins_across(
    row: list[Placed], index: int, word: list[Placed], gap_em: float, space: Placed | None
) -> bool:
    """Does row[index], which cannot start a word, belong to `word` across a gap of `gap_em`?
    Within reach, when a space lies between (a lost NIKHAHIT) or the gap is narrower than a
    column's edge; across a wider one only a lone cluster after a lone cluster (a widely
    letter-spaced title): `ารถ` beside `การ` is the next column's label wrapped mid-word."""
    if gap_em > TOLERANCES.non_starter_reach_em:
        return False
    if space is not None or gap_em <= TOLERANCES.non_starter_gap_em:
        return True
    return len(word) == 1 and stands_alone(row, index, word[0].size)


def stands_alone(row: list[Placed], index: int, em: float) -> bool:
    """Is row[index] set apart from the cluster after it too (a space, a gap, the line's end),
    as every cluster of a letter-spaced line is?"""
    following = row[index + 1] if index + 1 < len(row) else None
    if following is None or following.text.isspace():
        return True
    return following.x0 - row[index].x1 > TOLERANCES.word_gap_em * em


def make_line(row: list[Placed], repairs: Counter[str] | None = None) -> Line | None:
    row.sort(key=attrgetter("x0"))
    words = tuple(word for members in split_words(row) if (word := make_word(members, repairs)))
    if not words:
        return None
    return Line(
        text=" ".join(word.text for word in words),
        x0=words[0].x0,
        x1=max(word.x1 for word in words),
        top=min(word.top for word in words),
        bottom=max(word.bottom for word in words),
        words=words,
    )


def group_rows(placed: list[Placed]) -> list[list[Placed]]:
    """Clusters → rows of one baseline each (within a tolerance relative to font size)."""
    line_em = TOLERANCES.line_em
    placed.sort(key=attrgetter("baseline"))
    rows: list[list[Placed]] = []
    row: list[Placed] | None = None  # the last row (a page's every cluster passes here)
    anchor = reach = 0.0
    for member in placed:
        span = line_em * member.size
        if row is not None and member.baseline - anchor <= (span if span > reach else reach):
            row.append(member)
            reach = span if span > reach else reach  # max(reach, span), without its call
        else:
            row = [member]
            rows.append(row)
            anchor, reach = member.baseline, span
    return rows


def chars_to_lines(chars: Iterable[Char], repairs: Counter[str] | None = None) -> list[Line]:
    """Clusters (from merge_marks) → lines top to bottom, each with its words left to right.

    Rotated (non-upright) text is left out: nothing in these reports is printed sideways, and
    its words cannot be placed on horizontal lines. With `repairs`, the text repairs made in
    the words are counted there by kind.
    """
    placed = [place(char) for char in chars if char.get("upright", True)]
    return [line for row in group_rows(placed) if (line := make_line(row, repairs))]


def chars_to_words(chars: Iterable[Char], repairs: Counter[str] | None = None) -> list[Word]:
    return [word for line in chars_to_lines(chars, repairs) for word in line.words]
