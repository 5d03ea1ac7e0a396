"""Tables printed without ruling lines: their grid inferred from the page's own layout.

Some producers print the report's tables as text alone (check boxes at most). Such a table is
found where its figures are: a run of text lines that hold two or more figures set apart (a
figure row). Its header is the lines just above, up to the section's title; its rows follow,
up to a title, a line that runs across its columns, or a wide vertical gap.

Columns come from the header's labels: each label (a wrapped one included, a group label over
several columns excluded) stands for one column, so status columns with no mark in them are
still split by their own labels. A boundary goes between neighbouring labels, in the widest
river (x-gap no word or mark crosses) nearest the middle between them. A row starts at a figure
row; the lines between two figure rows belong to the upper row or the lower one, split at their
widest vertical gap (the gap under the last wrapped line when the gaps are alike: cells
printed from the top). A phrase that crosses a boundary makes a merged cell, as a group label
over its columns does in a ruled table.

The result is a `Grid` whose rules were inferred, so `read_table`, `classify` and the section
readers read it exactly as a ruled one. Nothing here runs on a page whose figure rows all lie
inside ruled grids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from parsers import vocabulary as vocab
from parsers.geometry import Box, Grid, Segment
from parsers.numbers import is_figure
from parsers.page import Mark, PageContent, Word
from parsers.tolerances import TOLERANCES
from parsers.vocabulary import compact


@dataclass(frozen=True)
class Band:
    """One line of text outside every ruled grid, cut into phrases at wide gaps."""

    phrases: tuple[Word, ...]
    top: float
    bottom: float
    em: float

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def figures(self) -> int:
        return sum(1 for phrase in self.phrases if is_figure(phrase.text))

    @property
    def is_figure_row(self) -> bool:
        return self.figures >= TOLERANCES.min_figures

    @property
    def is_title(self) -> bool:
        text = compact(" ".join(phrase.text for phrase in self.phrases))
        return any(title in text for title in vocab.SECTION_TITLES)


# --- Lines and phrases -------------------------------------------------------------------------
def em_of(words: Sequence[Word]) -> float:
    return median(word.height for word in words) or 1.0


def phrases_of(words: Sequence[Word], em: float) -> tuple[Word, ...]:
    """A line's words (left to right) joined into phrases: a cell's text, a group label."""
    phrases: list[list[Word]] = []
    for word in words:
        if phrases and word.x0 - phrases[-1][-1].x1 < TOLERANCES.phrase_gap_em * em:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return tuple(joined(group) for group in phrases)


def joined(words: Sequence[Word]) -> Word:
    return Word(
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
        " ".join(w.text for w in words),
    )


def band_of(words: Sequence[Word]) -> Band:
    em = em_of(words)
    return Band(
        phrases_of(words, em),
        min(w.top for w in words),
        max(w.bottom for w in words),
        em,
    )


def in_grids(box: Box, grids: Sequence[Grid]) -> bool:
    slack = TOLERANCES.inside_slack
    return any(grid.box.contains_point(box.x_mid, box.y_mid, slack) for grid in grids)


def has_free_figure_row(page: PageContent, grids: Sequence[Grid]) -> bool:
    """Cheap tests first (two figures outside the grids), then whether they are set apart."""
    for line in page.lines:
        figures = [word for word in line if is_figure(word.text) and not in_grids(word, grids)]
        if len(figures) < TOLERANCES.min_figures:
            continue
        free = [word for word in line if not in_grids(word, grids)]
        if band_of(free).is_figure_row:
            return True
    return False


def free_bands(page: PageContent, grids: Sequence[Grid]) -> list[Band]:
    bands = []
    for line in page.lines:
        free = [word for word in line if not in_grids(word, grids)]
        if free:
            bands.append(band_of(free))
    return bands


# --- Where a table is ------------------------------------------------------------------------
class Spans:
    """The x-intervals a table's rows cover so far: its columns' contents, rivers between."""

    def __init__(self, boxes: Iterable[Box] = ()):
        self.intervals: list[list[float]] = []
        for box in boxes:
            self.add(box)

    def add(self, box: Box) -> None:
        x0, x1 = box.x0, box.x1
        kept = []
        for interval in self.intervals:
            if interval[1] < x0 or interval[0] > x1:
                kept.append(interval)
            else:
                x0, x1 = min(x0, interval[0]), max(x1, interval[1])
        kept.append([x0, x1])
        self.intervals = sorted(kept)

    def overlapping(self, box: Box) -> int:
        return sum(1 for x0, x1 in self.intervals if x0 < box.x1 and box.x0 < x1)

    def second_start(self) -> float:
        return self.intervals[1][0] if len(self.intervals) > 1 else float("inf")


def gap_above(band: Band, bands_above: Sequence[Band]) -> float:
    return band.top - max(b.bottom for b in bands_above)


def body_end(bands: Sequence[Band], start: int) -> int:
    """Index after the last row line of the table whose first figure row is bands[start]."""
    spans = Spans(bands[start].phrases)
    limit = TOLERANCES.row_gap_em * bands[start].em
    end = start + 1
    while end < len(bands):
        band = bands[end]
        if gap_above(band, bands[start:end]) > limit:
            break
        if not band.is_figure_row and not fits_rows(band, spans):
            break
        for phrase in band.phrases:
            spans.add(phrase)
        end += 1
    return end


def fits_rows(band: Band, spans: Spans) -> bool:
    """A wrapped line of a row: each phrase within one column, no title flush with the table."""
    if any(spans.overlapping(phrase) > 1 for phrase in band.phrases):
        return False
    return not (band.is_title and band.phrases[0].x0 < spans.second_start())


def header_start(bands: Sequence[Band], first_row: int, floor: int) -> int:
    """Index of the first header line above bands[first_row]: up to a title, a figure row,
    the previous table (floor) or a wide gap."""
    limit = TOLERANCES.row_gap_em * bands[first_row].em
    start = first_row
    while start > floor:
        band = bands[start - 1]
        if band.is_title or band.is_figure_row:
            break
        if min(b.top for b in bands[start : first_row + 1]) - band.bottom > limit:
            break
        start -= 1
    return start


def borderless_grids(page: PageContent) -> list[Grid]:
    """Grids for the tables on `page` printed without rules (none when all are ruled)."""
    if not has_free_figure_row(page, page.grids):
        return []
    bands = free_bands(page, page.grids)
    grids: list[Grid] = []
    floor = index = 0
    while index < len(bands):
        if not bands[index].is_figure_row:
            index += 1
            continue
        end = body_end(bands, index)
        start = header_start(bands, index, floor)
        if start < index:
            header, body = split_first_row(bands[start:index], bands[index:end])
            grid = infer_grid(header, body, page.marks)
            if grid is not None:
                grids.append(grid)
        floor = index = end
    return grids


# --- Columns ---------------------------------------------------------------------------------
def label_columns(header: Sequence[Band]) -> list[Box]:
    """One box per column label, read from the bottom header line up: a phrase centred within
    a label joins it (a wrapped label), one over several labels is a group label and is left
    out, any other starts a column (a label spanning the header's rows, or an empty column's)."""
    labels: list[Box] = []
    for band in sorted(header, key=lambda b: -b.bottom):
        for phrase in band.phrases:
            home = next((i for i, b in enumerate(labels) if b.x0 <= phrase.x_mid <= b.x1), None)
            if home is not None:
                labels[home] = union(labels[home], phrase)
            elif not any(label.x0 < phrase.x1 and phrase.x0 < label.x1 for label in labels):
                labels.append(union(phrase, phrase))
    return sorted(labels, key=lambda b: b.x0)


def union(a: Box, b: Box) -> Box:
    return Box(min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom))


def boundary_between(left: Box, right: Box, obstacles: Sequence[Box]) -> float:
    """The middle of the river (x-gap no word, mark or label crosses) nearest the midpoint
    between two labels' centres; the midpoint itself when nothing is left free."""
    low, high = left.x_mid, right.x_mid
    middle = (low + high) / 2
    covered = Spans(o for o in obstacles if o.x0 < high and o.x1 > low).intervals
    rivers, edge = [], low
    for x0, x1 in covered:
        if x0 > edge:
            rivers.append((edge, x0))
        edge = max(edge, x1)
    if edge < high:
        rivers.append((edge, high))
    if not rivers:
        return middle

    def distance(river: tuple[float, float]) -> float:
        return max(river[0] - middle, middle - river[1], 0.0)

    x0, x1 = min(rivers, key=distance)
    return (x0 + x1) / 2


def column_boundaries(labels: Sequence[Box], obstacles: Sequence[Box]) -> list[float]:
    return [boundary_between(left, right, obstacles) for left, right in pairwise(labels)]


# --- Rows ------------------------------------------------------------------------------------
def row_groups(body: Sequence[Band]) -> list[list[Band]]:
    """The lines of each row: a row starts at a figure row, or where the lines between two
    figure rows leave their widest gap (the lowest of alike ones, within a quarter em)."""
    steps = TOLERANCES.gap_steps_per_em
    anchors = [i for i, band in enumerate(body) if band.is_figure_row]
    starts = [0]
    for upper, lower in pairwise(anchors):
        gaps = [
            (round(steps * gap_above(body[k], body[upper:k]) / body[k].em), k)
            for k in range(upper + 1, lower + 1)
        ]
        starts.append(max(gaps)[1])
    ends = [*starts[1:], len(body)]
    return [list(body[s:e]) for s, e in zip(starts, ends, strict=True)]


def split_first_row(
    header: Sequence[Band], body: Sequence[Band]
) -> tuple[Sequence[Band], Sequence[Band]]:
    """Header and rows, with the first row's own lines printed above its figures moved to it.

    Only where the other rows show cells centred vertically (lines before their figures), and
    only lines that follow each other as closely as lines within a row do, no more of them
    than the first row has below its figures (a centred cell has as many)."""
    rows = row_groups(body)
    if not any(not row[0].is_figure_row for row in rows[1:]):
        return header, body  # cells printed from the top: the header ends at the figures
    inner = [gap_above(row[k], row[:k]) for row in rows for k in range(1, len(row))]
    between_rows = [gap_above(row[0], previous) for previous, row in pairwise(rows)]
    if not inner or max(inner) >= min(between_rows):
        return header, body
    threshold = (max(inner) + min(between_rows)) / 2
    lead = 0
    while lead < min(len(rows[0]) - 1, len(header) - 1):
        line, below = header[-1 - lead], [*header[len(header) - lead :], body[0]]
        if min(b.top for b in below) - line.bottom >= threshold:
            break
        lead += 1
    cut = len(header) - lead
    return header[:cut], [*header[cut:], *body]


def between(upper: Sequence[Band], lower: Sequence[Band]) -> float:
    """A row boundary: mid-gap, or between the two lines' middles when they overlap."""
    bottom, top = max(b.bottom for b in upper), min(b.top for b in lower)
    if bottom <= top:
        return (bottom + top) / 2
    return (upper[-1].y_mid + lower[0].y_mid) / 2


def infer_grid(header: Sequence[Band], body: Sequence[Band], marks: Sequence[Mark]) -> Grid | None:
    labels = label_columns(header)
    if len(labels) < 2:
        return None
    rows = [[band] for band in header] + row_groups(body)
    em = median(band.em for band in [*header, *body])
    margin = TOLERANCES.margin_em * em
    top, bottom = rows[0][0].top - margin, body[-1].bottom + margin
    body_marks = [m for m in marks if top <= m.y_mid <= bottom]
    phrases = [phrase for band in [*header, *body] for phrase in band.phrases]
    body_boxes = [phrase for band in body for phrase in band.phrases] + body_marks
    inner = column_boundaries(labels, [*body_boxes, *labels])
    left = min(box.x0 for box in [*phrases, *body_marks]) - margin
    right = max(box.x1 for box in [*phrases, *body_marks]) + margin
    xs = [left, *inner, right]
    ys = [top, *(between(a, b) for a, b in pairwise(rows)), bottom]
    edges = (0, len(xs) - 1)
    verticals = [
        Segment(False, x, ys[r], ys[r + 1])
        for r, row in enumerate(rows)
        for i, x in enumerate(xs)
        if i in edges or not crossed(x, row, em)
    ]
    return Grid(Box(left, top, right, bottom), ys, xs, verticals, inferred=True)


def crossed(x: float, row: Sequence[Band], em: float) -> bool:
    """Does a phrase of the row run across x (a merged cell: a group label, a spanning total)?"""
    reach = TOLERANCES.cross_em * em
    return any(p.x0 < x - reach and p.x1 > x + reach for band in row for p in band.phrases)
