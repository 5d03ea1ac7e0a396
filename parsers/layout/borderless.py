"""Tables printed without ruling lines: their grid inferred from the page's own layout.

Some producers print the report's tables as text alone (check boxes at most). Such a table is
found where its figures are: a run of text lines that hold two or more figures set apart (a
figure row). Its header is the lines just above, up to the section's title; its rows follow,
up to a title, a line that runs across its columns, or a wide vertical gap.

Columns come from the header's labels: each label (a wrapped one included, a group label over
several columns excluded, or over the gap between them) stands for one column, so status
columns with no mark in them are still split by their own labels. A boundary goes between
neighbouring labels, in the river (x-gap no word or mark crosses) nearest the middle between
them that has the body's words on both sides; where labels wider than their columns leave no
river, in one the body's words leave. Two figures are never one phrase, however close a wide
font sets them: a figure is one run of a number's printed form. A row starts at a figure
row; the lines between two figure rows belong to the upper row or the lower one, split at their
widest vertical gap (the gap under the last wrapped line when the gaps are alike: cells
printed from the top). A phrase that crosses a boundary makes a merged cell, as a group label
over its columns does in a ruled table.

The result is a `Grid` whose rules were inferred, so `read_table`, `classify` and the section
readers read it exactly as a ruled one. Nothing here runs on a page whose figure rows all lie
inside ruled grids.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from parsers.language import vocabulary as vocab
from parsers.language.printed_numbers import BLANKS, clean_number_text, is_figure, is_number
from parsers.language.vocabulary import compact
from parsers.layout.geometry import Box, Grid, Segment
from parsers.layout.page import Mark, PageContent, Word
from parsers.layout.tolerances import TOLERANCES


@dataclass(frozen=True)
class Band:
    """One line of text outside every ruled grid, cut into phrases at wide gaps."""

    phrases: tuple[Word, ...]
    top: float
    bottom: float
    em: float
    # The words the phrases were joined from: a body row's boundary may fall between two words
    # of a phrase (a row number set one space before its project's name), never through one.
    words: tuple[Word, ...] = ()
    space_em: float | None = None  # the page's word space the phrases were cut by

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


def word_space_em(lines: Iterable[Sequence[Word]]) -> float | None:
    """The page's word space in ems of word height: the narrowest gap between neighbouring
    words of a line that recurs, to a hundredth of an em, at enough places across the page (a
    space is one glyph's advance wherever it falls; the gap beside a column recurs too, but
    at one place, row under row, and is wider); None when no gap recurs so."""
    ceiling, match = TOLERANCES.space_ceiling_em, TOLERANCES.space_match_em
    gaps = sorted(
        (gap, round(left.x1))
        for line in lines
        for left, right in pairwise(line)
        if 0 < (gap := (right.x0 - left.x1) / em_of((left, right))) < ceiling
    )
    values = [gap for gap, _ in gaps]
    for value in sorted({round(value, 2) for value in values}):
        window = gaps[bisect_left(values, value - match) : bisect_right(values, value + match)]
        if len({place for _, place in window}) >= TOLERANCES.min_spaces:
            return median(gap for gap, _ in window)
    return None


def wider_space_em(lines: Sequence[Sequence[Word]], space_em: float | None) -> float | None:
    """The lines' own word space where it recurs in them and is a little wider than the
    page's (a bold header's: Kinnari Bold sets 0.46 em where its regular face sets 0.38);
    else the page's. Never much wider: evenly set column labels recur too."""
    own = word_space_em(lines)
    if own is None or space_em is None:
        return space_em
    return own if space_em < own <= space_em * TOLERANCES.bold_space_ratio else space_em


def in_one_phrase(gap_em: float, space_em: float | None) -> bool:
    """Two words this far apart (ems) are one phrase: closer than a column gap, or one word
    space of the page's font (a font with wide spaces, Umpush or Tlwg Typo, sets `ณ (บาท)`
    or `2567 รอบ 12` further apart than that, but always by its space's own width)."""
    if gap_em < TOLERANCES.phrase_gap_em:
        return True
    return space_em is not None and abs(gap_em - space_em) <= TOLERANCES.space_match_em


def phrases_of(words: Sequence[Word], em: float, space_em: float | None = None) -> tuple[Word, ...]:
    """A line's words (left to right) joined into phrases: a cell's text, a group label."""
    phrases: list[list[Word]] = []
    for word in words:
        close = phrases and in_one_phrase((word.x0 - phrases[-1][-1].x1) / em, space_em)
        if close and not two_figures(phrases[-1][-1].text, word.text):
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return tuple(joined(group) for group in phrases)


def two_figures(left: str, right: str) -> bool:
    """Two words that are each a figure are two cells, however close a wide font or a narrow
    column sets them: a figure is one run of a number's printed form, with no space in it
    (`35 1,610,000.00` would read as 351,610,000.00). A dash after a number stays with it:
    a range in running text (2565 - 2566), not a blank cell."""
    if not (is_figure(left) and is_figure(right)):
        return False
    return not (is_number(left) and clean_number_text(right) in BLANKS)


def joined(words: Sequence[Word]) -> Word:
    return Word(
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
        " ".join(w.text for w in words),
    )


def band_of(words: Sequence[Word], space_em: float | None = None) -> Band:
    em = em_of(words)
    return Band(
        phrases_of(words, em, wider_space_em([words], space_em)),
        min(w.top for w in words),
        max(w.bottom for w in words),
        em,
        tuple(words),
        space_em,
    )


def in_grids(box: Box, grids: Sequence[Grid]) -> bool:
    slack = TOLERANCES.inside_slack
    return any(grid.box.contains_point(box.x_mid, box.y_mid, slack) for grid in grids)


def lines_with_free_figures(page: PageContent, grids: Sequence[Grid]) -> list[list[Word]]:
    """The cheap test: lines with two figures or more outside the grids, outside words only."""
    found = []
    for line in page.lines:
        figures = [word for word in line if is_figure(word.text) and not in_grids(word, grids)]
        if len(figures) >= TOLERANCES.min_figures:
            found.append([word for word in line if not in_grids(word, grids)])
    return found


def free_bands(page: PageContent, grids: Sequence[Grid], space_em: float | None) -> list[Band]:
    bands = []
    for line in page.lines:
        free = [word for word in line if not in_grids(word, grids)]
        if free:
            bands.append(band_of(free, space_em))
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
    candidates = lines_with_free_figures(page, page.grids)
    if not candidates:
        return []
    space_em = word_space_em(page.lines)
    if not any(band_of(line, space_em).is_figure_row for line in candidates):
        return []
    bands = free_bands(page, page.grids, space_em)
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
    out, any other starts a column (a label spanning the header's rows, or an empty column's)
    unless it is a group label over a gap (`over_a_gap`)."""
    labels: list[Box] = []
    bottom_line = max((band.bottom for band in header), default=0.0)
    page_space = header[0].space_em if header else None
    space_em = wider_space_em([band.words for band in header], page_space)
    for band in sorted(header, key=lambda b: -b.bottom):
        for phrase in qualified_labels(band, space_em):
            home = next((i for i, b in enumerate(labels) if b.x0 <= phrase.x_mid <= b.x1), None)
            if home is not None:
                labels[home] = union(labels[home], phrase)
            elif not any(label.x0 < phrase.x1 and phrase.x0 < label.x1 for label in labels):
                labels.append(union(phrase, phrase))
    labels.sort(key=lambda b: b.x0)
    return [
        label
        for index, label in enumerate(labels)
        if label.bottom >= bottom_line or not over_a_gap(index, labels)
    ]


def qualified_labels(band: Band, space_em: float | None) -> list[Word]:
    """A header line's phrases, cut by the header's own word space (`wider_space_em`), each
    parenthesised one set within an em after another joined to it: a qualifier of its label
    (`รายการโครงการ (ตั้งต้น)`, `งบประมาณ (บาท)`), not a column of its own."""
    phrases = phrases_of(band.words, band.em, space_em) if band.words else band.phrases
    labels: list[Word] = []
    for phrase in phrases:
        if labels and phrase.text.startswith("(") and phrase.x0 - labels[-1].x1 < band.em:
            labels[-1] = joined((labels[-1], phrase))
        else:
            labels.append(phrase)
    return labels


def over_a_gap(index: int, labels: Sequence[Box]) -> bool:
    """Is labels[index], begun above the header's bottom line, a group label set over the gap
    between two narrow sub-labels (a wide table: `โครงการ` over `ตามแผน` and `ดำเนินการแล้ว`,
    overlapping neither)? Its neighbours' labels then lie wholly below it. A column's own label
    has a neighbour reaching up to its line (the header's rows are the same for all columns)."""
    if index == 0 or index == len(labels) - 1:
        return False
    label = labels[index]
    return all(other.top > label.bottom for other in (labels[index - 1], labels[index + 1]))


def union(a: Box, b: Box) -> Box:
    return Box(min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom))


def boundary_between(
    left: Box, right: Box, obstacles: Sequence[Box], body: Sequence[Box] = ()
) -> float:
    """The middle of the river (x-gap no word, mark or label crosses) nearest the midpoint
    between two labels' centres. Where labels wider than their narrow columns leave none,
    the river the body's words and marks leave (a boundary through a figure would make one
    cell of two figures); the midpoint itself when nothing is left free. A river with the
    body's words on both sides comes first: one that leaves a column no word while its
    neighbour holds two kinds (a row number and a short project name beside it) is the
    gap after the name, not between the columns."""
    low, high = left.x_mid, right.x_mid
    middle = (low + high) / 2
    rivers = rivers_between(low, high, obstacles) or rivers_between(low, high, body)
    if not rivers:
        return middle
    rivers = [r for r in rivers if holds(low, r[0], body) and holds(r[1], high, body)] or rivers

    def distance(river: tuple[float, float]) -> float:
        return max(river[0] - middle, middle - river[1], 0.0)

    x0, x1 = min(rivers, key=distance)
    return (x0 + x1) / 2


def holds(x0: float, x1: float, boxes: Sequence[Box]) -> bool:
    """Does any of `boxes` reach into the x-interval (x0, x1)?"""
    return any(box.x0 < x1 and box.x1 > x0 for box in boxes)


def rivers_between(low: float, high: float, obstacles: Sequence[Box]) -> list[tuple[float, float]]:
    """The x-gaps between `low` and `high` that none of `obstacles` crosses."""
    covered = Spans(o for o in obstacles if o.x0 < high and o.x1 > low).intervals
    rivers, edge = [], low
    for x0, x1 in covered:
        if x0 > edge:
            rivers.append((edge, x0))
        edge = max(edge, x1)
    if edge < high:
        rivers.append((edge, high))
    return rivers


def column_boundaries(
    labels: Sequence[Box], obstacles: Sequence[Box], body: Sequence[Box] = ()
) -> list[float]:
    return [boundary_between(left, right, obstacles, body) for left, right in pairwise(labels)]


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
    body_words = [word for band in body for word in band.words] + body_marks
    inner = column_boundaries(labels, [*body_boxes, *labels], body_words)
    left = min(box.x0 for box in [*phrases, *body_marks]) - margin
    right = max(box.x1 for box in [*phrases, *body_marks]) + margin
    xs = [left, *inner, right]
    ys = [top, *(between(a, b) for a, b in pairwise(rows)), bottom]
    edges = (0, len(xs) - 1)
    verticals = [
        Segment(False, x, ys[r], ys[r + 1])
        for r, row in enumerate(rows)
        for i, x in enumerate(xs)
        if i in edges or not crossed(x, row, em, by_words=r >= len(header))
    ]
    return Grid(Box(left, top, right, bottom), ys, xs, verticals, inferred=True)


def crossed(x: float, row: Sequence[Band], em: float, by_words: bool = False) -> bool:
    """Does a phrase of the row run across x (a merged cell: a group label, a spanning total)?
    In a body row, only a word does (`by_words`): a boundary the labels left no river for
    goes between the body's words (boundary_between), and the words either side of it are
    two cells."""
    reach = TOLERANCES.cross_em * em
    return any(
        p.x0 < x - reach and p.x1 > x + reach
        for band in row
        for p in (band.words or band.phrases if by_words else band.phrases)
    )
