"""Tables printed without rules, on a page read from its image: their grid inferred as on a
text layer (`layout.borderless`), its columns then fitted to the ink.

Tesseract's page reading reads such a table column by column and drops short words (a row's
number, a label on a shaded header), so its words are regrouped into printed rows before the
grid is inferred, and the columns the words suggest are checked against the paper: a column
boundary goes through a river of paper that runs down every row of the body, and a column
holding two runs of ink with such a river between (the row numbers and the names, where the
numbers went unread) is two columns. The grid's cells are then read one by one, as a ruled
grid's are. Where a boundary cannot be put in a river, the table is left to the page reading:
a cell cut through its ink would read wrong.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median

import numpy as np

from parsers.language.printed_numbers import is_figure
from parsers.layout.borderless import borderless_grids, in_grids
from parsers.layout.geometry import Box, Grid, Segment
from parsers.layout.page import PageContent, Word
from parsers.layout.tolerances import OCR_TOLERANCES, TOLERANCES
from parsers.ocr.page_image import PageImage

MARKS_SHARE = 0.4  # a word less tall than this share of the page's words is marks read apart
ROW_SHARE = 0.4  # words whose middles lie within this share of a word's height share a row
RIVER_EM = 0.5  # paper this wide (ems) down every body row parts two columns (a space is ~0.3)
JOIN_EM = 0.25  # a mark this close over or under its letters is on their line (ems)
FIGURE_EM = 0.3  # a line of figures is at least this tall (ems): less is a speck's
SPACE_EM = 0.75  # a header's word space is narrower than this (ems of word height, ink to ink)
# One row's word spaces and decimal points line up with nothing: a table of fewer body rows is
# left to the page reading (a summary's one row of amounts read whole, as before).
MIN_BODY_ROWS = 2
REACH_EM = 4.0  # a column of ink this near a table's edge, with no word read in it, is its own


@dataclass(frozen=True)
class UnruledTable:
    """A table's grid fitted to the ink, and the index of its first body row."""

    grid: Grid
    body: int

    @property
    def body_grid(self) -> Grid:
        grid, top = self.grid, self.grid.ys[self.body]
        box = Box(grid.box.x0, top, grid.box.x1, grid.box.bottom)
        verticals = [v for v in grid.verticals if v.start >= top]
        return Grid(box, grid.ys[self.body :], grid.xs, verticals, inferred=True)

    def header_cells(
        self, lines: Sequence[Sequence[Word]], ink: np.ndarray, image: PageImage
    ) -> list[Grid]:
        """One grid per column's own header cell, below any group label over it, its sides
        in the header's paper between labels (a label wider than its column's body reaches
        past the body's river): read alone, as a ruled header's cells are. The page reading
        misreads a label wrapped over lines (`ลำดับ` read `90`, a tone mark dropped). A
        column a word of the page reading runs out of (a label over two columns, no group
        found over them) keeps the page reading: read alone, its label would read in halves."""
        grid, bottom = self.grid, self.grid.ys[self.body]
        groups = group_rows_over(grid, self.body)
        tops = [grid.box.top if row is None else grid.ys[row + 1] for row in groups]
        sides = label_sides(grid, tops, bottom, ink, image)
        words = [w for line in lines for w in line if min(tops) <= w.y_mid < bottom]
        em = median([w.height for w in words if grid.box.x0 <= w.x_mid <= grid.box.x1] or [0])
        cells = []
        for column, (x0, x1) in enumerate(pairwise(sides)):
            if x0 is None or x1 is None or x1 <= x0 or not em:
                continue
            group, header = groups[column], Box(x0, grid.box.top, x1, bottom)
            top = (
                grid.box.top if group is None else under_group(grid, group, header, em, ink, image)
            )
            if top is None or top >= bottom:
                continue
            box = Box(x0, top, x1, bottom)
            if not any(runs_out_of(word, box) for word in words):
                edges = [Segment(False, x, box.top, box.bottom) for x in (x0, x1)]
                cells.append(Grid(box, [box.top, bottom], [x0, x1], edges, inferred=True))
        return cells


def group_rows_over(grid: Grid, body: int) -> list[int | None]:
    """For each column, the lowest header row whose cell spans it with others (a group
    label), or None."""
    groups: list[int | None] = [None] * (len(grid.xs) - 1)
    for row in range(body):
        for first, last in grid.cell_spans(row):
            if first < last:
                for column in range(first, last + 1):
                    groups[column] = row
    return groups


def label_sides(
    grid: Grid, tops: Sequence[float], bottom: float, ink: np.ndarray, image: PageImage
) -> list[float | None]:
    """Each column boundary of the header moved into the paper between the two columns'
    labels, under the groups over either (None: no paper there)."""
    least = max(2, image.to_pixels(1.0))
    sides: list[float | None] = [grid.xs[0]]
    for index, x in enumerate(grid.xs[1:-1], start=1):
        low = (grid.xs[index - 1] + x) / 2
        high = (x + grid.xs[index + 1]) / 2
        region = Box(low, max(tops[index - 1], tops[index]), high, bottom)
        inked, left = inked_columns(ink, region, image, 0)
        found = [
            (image.to_points(a), image.to_points(b))
            for a, b in rivers(inked[1:-1], left + 1, least)
        ]
        river = min(found, key=lambda r: abs((r[0] + r[1]) / 2 - x), default=None)
        sides.append(None if river is None else (river[0] + river[1]) / 2)
    sides.append(grid.xs[-1])
    return sides


def under_group(
    grid: Grid,
    row: int,
    column: Box,
    em: float,
    ink: np.ndarray,
    image: PageImage,
) -> float | None:
    """Where a column's own label starts under the group label of `row`: below the group's
    line of ink where it reaches over the column, else just above the label's first line
    (its tone marks rise above the row's boundary); None where the group's line runs into
    the labels' (the page reading's then). `column`: the column's header, its sides."""
    join = image.to_pixels(JOIN_EM * em)
    found = ink_lines(ink, Box(column.x0, grid.ys[row], column.x1, column.bottom), image, join)
    if not found:
        return None
    first_top, first_bottom = (image.to_points(at) for at in found[0])
    if (first_top + first_bottom) / 2 >= grid.ys[row + 1]:
        return max(grid.ys[row], first_top - JOIN_EM * em)
    if first_bottom > grid.ys[row + 1] + JOIN_EM * em or len(found) < 2:
        return None
    return (first_bottom + image.to_points(found[1][0])) / 2


def runs_out_of(word: Word, box: Box) -> bool:
    """A word at or below the box's top that reaches well past one of its sides."""
    reach = TOLERANCES.cross_em * word.height
    return box.top <= word.y_mid and any(
        word.x0 < x - reach and word.x1 > x + reach for x in (box.x0, box.x1)
    )


def printed_rows(lines: Sequence[Sequence[Word]]) -> list[list[Word]]:
    """The words regrouped into the rows they are printed on, left to right: Tesseract's lines
    follow its blocks, a column of a table at a time."""
    words = sorted((word for line in lines for word in line), key=lambda w: w.y_mid)
    if not words:
        return []
    height = median(word.height for word in words)
    # Marks read apart from their letters (a name's upper vowels and tone marks, read `=ู86`,
    # besides the name read whole over them) are no line of their own: a line so thin would
    # end the header above it.
    words = [
        word
        for word in words
        if word.height >= MARKS_SHARE * height and not any(within(word, other) for other in words)
    ]
    reach = ROW_SHARE * height
    rows: list[list[Word]] = []
    for word in words:
        if rows and abs(word.y_mid - median(w.y_mid for w in rows[-1])) <= reach:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def within(word: Word, other: Word) -> bool:
    """Is `word`'s middle inside the box of a taller word (its marks read again alone)?"""
    return (
        other.height > word.height
        and other.x0 <= word.x_mid <= other.x1
        and other.top <= word.y_mid <= other.bottom
    )


def unruled_tables(
    lines: Sequence[Sequence[Word]],
    page: PageContent,
    ink: np.ndarray,
    image: PageImage,
) -> list[UnruledTable]:
    """The grids of the tables printed without rules among `lines` (outside `page.grids`), each
    fitted to the ink; a table whose columns the ink does not bear out is left out."""
    regrouped = PageContent(
        number=page.number,
        width=page.width,
        height=page.height,
        lines=printed_rows(lines),
        grids=page.grids,
        marks=page.marks,
    )
    grids = borderless_grids(regrouped)
    grids = [extended(grid, regrouped.lines, grids) for grid in grids]
    fitted = (fitted_to_ink(grid, regrouped.lines, ink, image) for grid in grids)
    return [table for table in fitted if table is not None]


def extended(grid: Grid, rows: Sequence[Sequence[Word]], grids: Sequence[Grid]) -> Grid:
    """The grid reaching down over the rows below it that print figures in its figure columns
    only (those where most body rows print one), in two of them at least, each no farther
    below the one before than a row of its body spans: the page reading drops a row's remark
    (a short word on paper), and the gap it leaves ends the table on the words alone. Lines
    of words between such rows are their wrapped names; after the last, the table's end."""
    body = first_body_row(grid, rows)
    if body is None or len(grid.ys) - 1 - body < 1:
        return grid
    body_rows = range(body, len(grid.ys) - 1)
    printing = [[w.x_mid for w in figures_in(grid, r, rows)] for r in body_rows]
    columns = [
        (x0, x1)
        for x0, x1 in pairwise(grid.xs)
        if 2 * sum(1 for xs in printing if any(x0 <= x < x1 for x in xs)) > len(printing)
    ]
    reach = max(b - a for a, b in pairwise(grid.ys[body:]))
    below = [
        row
        for row in rows
        if min(w.top for w in row) > grid.box.bottom
        and not any(other.box.contains_point(row[0].x_mid, row[0].y_mid) for other in grids)
    ]
    bottom, last = grid.box.bottom, grid.box.bottom
    for row in sorted(below, key=lambda r: min(w.top for w in r)):
        top = min(w.top for w in row)
        if top - last > reach or any(w.x0 < grid.box.x0 or w.x1 > grid.box.x1 for w in row):
            break
        figures = [w for w in row if is_figure(w.text)]
        homes = {next((c for c in columns if c[0] <= w.x_mid < c[1]), None) for w in figures}
        if (figures and None in homes) or (figures and len(homes) < TOLERANCES.min_figures):
            break
        if not figures and last == grid.box.bottom:
            break  # words only right under the table: its end
        last = max(w.bottom for w in row)
        if figures:
            bottom = last
    if bottom == grid.box.bottom:
        return grid
    bottom += grid.box.bottom - max(w.bottom for r in body_rows for w in words_in(grid, r, rows))
    box = Box(grid.box.x0, grid.box.top, grid.box.x1, bottom)
    return Grid(box, [*grid.ys[:-1], bottom], grid.xs, grid.verticals, inferred=True)


def words_in(grid: Grid, row: int, rows: Sequence[Sequence[Word]]) -> list[Word]:
    top, bottom = grid.ys[row], grid.ys[row + 1]
    return [
        word
        for line in rows
        for word in line
        if top <= word.y_mid < bottom and grid.box.x0 <= word.x_mid <= grid.box.x1
    ]


def figures_in(grid: Grid, row: int, rows: Sequence[Sequence[Word]]) -> list[Word]:
    return [word for word in words_in(grid, row, rows) if is_figure(word.text)]


def first_body_row(grid: Grid, rows: Sequence[Sequence[Word]]) -> int | None:
    """The grid's first row printing a figure in a column where the first row holding two
    figures does: a first row whose other figures went unread is not a header line. Only up
    to the lowest row printing more words than figures in those columns: a header line, and
    a figure above it is a label misread (`ลำดับ` read `90` beside `มิติ`, `งบประมาณ`): a body
    row's figure columns hold figures or nothing."""
    first = next(
        (row for row in range(len(grid.ys) - 1) if len(figures_in(grid, row, rows)) >= 2), None
    )
    if first is None:
        return None
    columns = [(w.x0, w.x1) for w in figures_in(grid, first, rows)]
    body = first
    for row in reversed(range(first)):
        under = [
            w
            for w in words_in(grid, row, rows)
            if any(w.x0 < x1 and x0 < w.x1 for x0, x1 in columns)
        ]
        figures = sum(1 for w in under if is_figure(w.text))
        if len(under) - figures > figures:
            break
        if figures:
            body = row
    return body


def inked_columns(
    ink: np.ndarray, box: Box, image: PageImage, speck: int | None = None
) -> tuple[np.ndarray, int]:
    """Which pixel columns of `box` hold ink (more than a speck's), and the box's left pixel."""
    left, top = image.to_pixels(box.x0), image.to_pixels(box.top)
    right, bottom = image.to_pixels(box.x1), image.to_pixels(box.bottom)
    region = ink[max(0, top) : bottom, max(0, left) : right] > 0
    least = image.to_pixels(OCR_TOLERANCES.speck) if speck is None else speck
    return region.sum(axis=0) > least, max(0, left)


def rivers(inked: np.ndarray, left: int, least: int) -> list[tuple[int, int]]:
    """The runs of paper at least `least` pixels wide (pixels), those at the edges included."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for index, value in enumerate([*inked, True]):
        if value:
            if start is not None and index - start >= least:
                found.append((left + start, left + index))
            start = None
        elif start is None:
            start = index
    return found


def fitted_to_ink(
    grid: Grid, rows: Sequence[Sequence[Word]], ink: np.ndarray, image: PageImage
) -> UnruledTable | None:
    """The grid with its column boundaries in the body's rivers of paper, a column split where
    a river runs through it; None where a boundary lies in ink and no river is near."""
    body = first_body_row(grid, rows)
    if body is None or len(grid.ys) - 1 - body < MIN_BODY_ROWS:
        return None
    em = median(w.height for line in rows for w in line if in_grids(w, [grid]))
    reach = REACH_EM * em
    body_box = Box(grid.box.x0 - reach, grid.ys[body], grid.box.x1 + reach, grid.box.bottom)
    inked, left = inked_columns(ink, body_box, image)
    least = max(2, image.to_pixels(RIVER_EM * em))
    found = [(image.to_points(a), image.to_points(b)) for a, b in rivers(inked, left, least)]
    grid = widened(grid, found, reach, lambda x0, x1: in_every_row(ink, x0, x1, grid, body, image))
    xs = [grid.xs[0]]
    for index, x in enumerate(grid.xs[1:-1], start=1):
        low, high = grid.xs[index - 1], grid.xs[index + 1]
        river = next((r for r in found if r[0] <= x <= r[1]), None)
        if river is None:
            near = [r for r in found if low < (r[0] + r[1]) / 2 < high]
            if not near:
                return None
            river = min(near, key=lambda r: abs((r[0] + r[1]) / 2 - x))
            if any(river[0] <= other <= river[1] for other in grid.xs):
                return None  # two columns' boundaries in one river: the words misled
            x = (river[0] + river[1]) / 2
        empty = not any(low < a and b < high for a, b in ink_runs(found, grid))
        if not (empty and one_label_across(x, grid, body, ink, image, em)):
            xs.append(x)
    xs.append(grid.xs[-1])
    splits = [
        (a + b) / 2
        for a, b in found
        if xs[0] < a
        and b < xs[-1]
        and not any(a <= x <= b for x in xs)
        and both_sides_every_row(a, b, xs, ink, grid, body, image)
    ]
    xs = sorted({*xs, *splits})
    if any(b - a <= 0 for a, b in pairwise(xs)):
        return None
    body_ys = fitted_rows(grid, xs, body, rows, ink, image, em)
    if body_ys is None:
        return None
    grid = Grid(grid.box, [*grid.ys[: body + 1], *body_ys, grid.ys[-1]], xs, [], inferred=True)
    grouped = [group_boundaries(row, xs, grid, rows, ink, image, em) for row in range(body)]
    verticals = [
        Segment(False, x, grid.ys[row], grid.ys[row + 1])
        for row in range(len(grid.ys) - 1)
        for index, x in enumerate(xs)
        if index in (0, len(xs) - 1) or row >= body or index not in grouped[row]
    ]
    return UnruledTable(Grid(grid.box, grid.ys, xs, verticals, inferred=True), body)


def group_boundaries(
    row: int,
    xs: Sequence[float],
    grid: Grid,
    rows: Sequence[Sequence[Word]],
    ink: np.ndarray,
    image: PageImage,
    em: float,
) -> set[int]:
    """The inner boundaries (indexes into xs) inside a header row's merged cells: those its
    ink crosses (a group label), and those between such a label's columns and the columns
    beside them left empty in the row and above it (`สถานะ` printed over the middle two of
    its four: the columns whose labels start lower are under it, as a ruled header's merged
    cell shows; a column labelled higher up is not)."""
    inner = range(1, len(xs) - 1)

    def empty(column: int, above: bool = False) -> bool:
        """No ink in the column's cell of this row (`above`: nor in the header over it)."""
        if not 0 <= column < len(xs) - 1:
            return False
        top = grid.ys[0] if above else grid.ys[row]
        box = Box(xs[column], top, xs[column + 1], grid.ys[row + 1])
        return not row_has_ink(ink, box, image)

    # A word read well across a boundary, the cells either side of its two columns empty, is
    # a group label too: its thin strokes can leave gaps in the ink's projection (a label
    # wider than its column reaches over a boundary by less, beside other labels).
    reach = TOLERANCES.phrase_gap_em * em
    words = words_in(grid, row, rows)
    crossed = {
        at
        for at in inner
        if crossed_by_ink(xs[at], grid, row, ink, image, em)
        or (
            any(w.x0 < xs[at] - reach and w.x1 > xs[at] + reach for w in words)
            and empty(at - 2)
            and empty(at + 1)
        )
    }

    inside = set(crossed)
    for at in crossed:
        left = at - 1  # the group's columns reach left of this boundary to column `left`
        while left in crossed:
            left -= 1
        while left > 0 and empty(left - 1, above=True):
            inside.add(left)
            left -= 1
        right = at  # and right of it to column `right`
        while right + 1 in crossed:
            right += 1
        while right + 1 < len(xs) - 1 and empty(right + 1, above=True):
            inside.add(right + 1)
            right += 1
    return inside


def ink_lines(ink: np.ndarray, box: Box, image: PageImage, join: int) -> list[tuple[int, int]]:
    """The lines of ink in `box` (pixel rows, top and bottom), gaps narrower than `join` closed
    (a vowel or tone mark set apart from its letters)."""
    left, top = image.to_pixels(box.x0), image.to_pixels(box.top)
    right, bottom = image.to_pixels(box.x1), image.to_pixels(box.bottom)
    region = ink[max(0, top) : bottom, max(0, left) : right] > 0
    inked = region.sum(axis=1) > image.to_pixels(OCR_TOLERANCES.speck)
    lines: list[tuple[int, int]] = []
    for index, value in enumerate(inked):
        if not value:
            continue
        at = max(0, top) + index
        if lines and at - lines[-1][1] <= join:
            lines[-1] = (lines[-1][0], at + 1)
        else:
            lines.append((at, at + 1))
    return lines


def figure_columns(xs: Sequence[float], top: float, rows: Sequence[Sequence[Word]]) -> list[int]:
    """The columns whose body words read are mostly figures (row numbers, amounts): one line
    a row, printed in every row."""
    found = []
    for column, (x0, x1) in enumerate(pairwise(xs)):
        words = [w for line in rows for w in line if w.y_mid > top and x0 <= w.x_mid < x1]
        figures = sum(1 for w in words if is_figure(w.text))
        if figures >= TOLERANCES.min_figures and 2 * figures > len(words):
            found.append(column)
    return found


def fitted_rows(
    grid: Grid,
    xs: Sequence[float],
    body: int,
    rows: Sequence[Sequence[Word]],
    ink: np.ndarray,
    image: PageImage,
    em: float,
) -> list[float] | None:
    """The body's inner row boundaries from the ink: a row starts at a line of its figures
    (every row prints its amounts on one line: the figure column with most lines), and ends
    in the widest gap of paper across the table before the next (the lowest of alike ones, a
    quarter em apart: cells printed from the top); None where two rows' lines touch."""
    top, bottom = grid.ys[body], grid.box.bottom
    join = image.to_pixels(JOIN_EM * em)
    least = image.to_pixels(FIGURE_EM * em)
    columns = [
        [
            line
            for line in ink_lines(ink, Box(xs[column], top, xs[column + 1], bottom), image, join)
            if line[1] - line[0] >= least
        ]
        for column in figure_columns(xs, top, rows)
    ]
    # The figure column printing the most lines prints one in every row (a status column's
    # marks, read as digits now and then, are in some rows only).
    merged = max(columns, key=len, default=[])
    if not merged:
        return None
    across = ink_lines(ink, Box(xs[0], top, xs[-1], bottom), image, 0)
    step = max(1, image.to_pixels(em / TOLERANCES.gap_steps_per_em))
    boundaries = []
    for upper, lower in pairwise(merged):
        gaps = [
            (round((b[0] - a[1]) / step), (a[1] + b[0]) / 2)
            for a, b in pairwise(across)
            if a[1] >= upper[1] and b[0] <= lower[0]
        ]
        if not gaps:
            return None
        boundaries.append(image.to_points(max(gaps)[1]))
    return boundaries


def widened(
    grid: Grid,
    found: Sequence[tuple[float, float]],
    reach: float,
    every_row: Callable[[float, float], bool],
) -> Grid:
    """The grid reaching over a column of ink beside its edges, in every body row, that a river
    parts from its text (row numbers the page reading dropped): to the river beyond it."""
    xs = list(grid.xs)
    outer_left = [r for r in found if grid.box.x0 - reach < r[1] < grid.box.x0]
    inner_left = [r for r in found if r[0] <= grid.box.x0 < r[1]]
    if inner_left and outer_left:
        outer, inner = max(outer_left), inner_left[0]
        if every_row(outer[1], inner[0]):
            xs[0] = (outer[0] + outer[1]) / 2
    outer_right = [r for r in found if grid.box.x1 < r[0] < grid.box.x1 + reach]
    inner_right = [r for r in found if r[0] < grid.box.x1 <= r[1]]
    if inner_right and outer_right:
        outer, inner = min(outer_right), inner_right[0]
        if every_row(inner[1], outer[0]):
            xs[-1] = (outer[0] + outer[1]) / 2
    box = Box(xs[0], grid.box.top, xs[-1], grid.box.bottom)
    return Grid(box, grid.ys, xs, grid.verticals, inferred=True)


def ink_runs(found: Sequence[tuple[float, float]], grid: Grid) -> list[tuple[float, float]]:
    """The body's runs of ink between the rivers, within the grid (points)."""
    edges = [grid.box.x0, *(x for river in found for x in river), grid.box.x1]
    runs = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=False) if b > a]
    return [(max(a, grid.box.x0), min(b, grid.box.x1)) for a, b in runs if b > grid.box.x0]


def row_has_ink(ink: np.ndarray, box: Box, image: PageImage) -> bool:
    inked, _ = inked_columns(ink, box, image)
    return bool(inked.any())


def in_every_row(
    ink: np.ndarray, x0: float, x1: float, grid: Grid, body: int, image: PageImage
) -> bool:
    """Does every body row hold ink between x0 and x1 (a row number does; a stamp, a speck,
    the end of one long name do not)?"""
    return all(
        row_has_ink(ink, Box(x0, grid.ys[row], x1, grid.ys[row + 1]), image)
        for row in range(body, len(grid.ys) - 1)
    )


def both_sides_every_row(
    a: float,
    b: float,
    xs: Sequence[float],
    ink: np.ndarray,
    grid: Grid,
    body: int,
    image: PageImage,
) -> bool:
    """A river through a column parts two columns only where every body row prints on both
    of its sides within the column (a row number and a name), never one name's word space."""
    low = max(x for x in xs if x < a)
    high = min(x for x in xs if x > b)
    return in_every_row(ink, low, a, grid, body, image) and in_every_row(
        ink, b, high, grid, body, image
    )


def one_label_across(
    x: float, grid: Grid, body: int, ink: np.ndarray, image: PageImage, em: float
) -> bool:
    """Is the lowest header ink near x one label parted at x by no more than a word space
    (`รอ รายงาน` read as two words: not two columns)? A group label higher up does not count:
    the labels under it are the columns'."""
    reach, least = 2 * em, image.to_pixels(SPACE_EM * em)
    for row in reversed(range(body)):
        box = Box(x - reach, grid.ys[row], x + reach, grid.ys[row + 1])
        inked, left = inked_columns(ink, box, image)
        if not inked.any():
            continue
        at = image.to_pixels(x) - left
        if not 0 <= at < len(inked):
            return False
        if inked[at]:
            return True
        start = at
        while start > 0 and not inked[start - 1]:
            start -= 1
        end = at
        while end < len(inked) and not inked[end]:
            end += 1
        return start > 0 and end < len(inked) and end - start < least
    return False


def crossed_by_ink(
    x: float, grid: Grid, row: int, ink: np.ndarray, image: PageImage, em: float
) -> bool:
    """Does a header row's ink run across x with no gap a word space wide (a group label over
    several columns)? Ink on one side only, or none, leaves the boundary."""
    reach = TOLERANCES.phrase_gap_em * em
    box = Box(x - reach, grid.ys[row], x + reach, grid.ys[row + 1])
    inked, _ = inked_columns(ink, box, image)
    return not rivers(inked, 0, max(2, image.to_pixels(TOLERANCES.phrase_gap_em * em) // 2))


THAI_LETTERS = 4  # a cell of words (a name, a remark) holds this many Thai letters at least


def cell_texts(
    lines: Sequence[Sequence[Word]], grids: Sequence[Grid]
) -> dict[tuple[int, int, int], list[Word]]:
    """The words of each body cell (grid, row, column), top to bottom, left to right."""
    cells: dict[tuple[int, int, int], list[Word]] = {}
    for word in sorted((w for line in lines for w in line), key=lambda w: (w.top, w.x0)):
        for index, grid in enumerate(grids):
            if grid.box.contains_point(word.x_mid, word.y_mid):
                row = bisect_right(grid.ys, word.y_mid) - 1
                column = bisect_right(grid.xs, word.x_mid) - 1
                cells.setdefault((index, row, column), []).append(word)
                break
    return cells


def joined_text(words: Sequence[Word]) -> str:
    return "".join(word.text for word in words).replace(" ", "")


def doubted_text(read: Sequence[Sequence[Word]], grids: Sequence[Grid]) -> list[list[Word]]:
    """The cells' lines, every word of a cell of words doubtful (a name kept as read with an
    `ocr:` warning, a remark null). Tesseract reads a word of such a cell as another word, and
    surely, and the page's reading of the same image agrees with it (Noto Sans at 300 dpi,
    JPEG quality 46: ได้ read โต้, งบ read จบ, both readings at confidence 82 and 91): no second
    reading here vouches for a text, as two readers vouch for every figure."""
    doubted = {
        id(word)
        for words in cell_texts(read, grids).values()
        if sum(1 for ch in joined_text(words) if "\u0e01" <= ch <= "\u0e2e") >= THAI_LETTERS
        for word in words
    }
    return [
        [replace(word, doubtful=True) if id(word) in doubted else word for word in line]
        for line in read
    ]


def outside(lines: Sequence[Sequence[Word]], grids: Sequence[Grid]) -> list[list[Word]]:
    """The lines' words outside the grids (the grids' cells are read on their own)."""
    kept = [[word for word in line if not in_grids(word, grids)] for line in lines]
    return [line for line in kept if line]
