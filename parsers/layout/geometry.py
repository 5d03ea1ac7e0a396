"""Ruling lines and the table grids they draw: small objects, built once per page.

Producers draw table borders as lines, as thin filled rectangles (Chromium) or as the
outlines of cell rectangles (reportlab). All become horizontal and vertical segments,
merged where they touch, and grouped into grids of row and column boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from parsers.layout.page_objects import PdfLine, PdfRect
from parsers.layout.tolerances import TOLERANCES


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2

    def contains_point(self, x: float, y: float, slack: float = 0.0) -> bool:
        return (
            self.x0 - slack <= x <= self.x1 + slack and self.top - slack <= y <= self.bottom + slack
        )


@dataclass(frozen=True)
class Segment:
    """A horizontal (`at` is y, span in x) or vertical (`at` is x, span in y) rule."""

    horizontal: bool
    at: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start

    def covers(self, value: float, slack: float = TOLERANCES.snap) -> bool:
        return self.start - slack <= value <= self.end + slack


def segments_from_objects(
    lines: Iterable[PdfLine], rects: Iterable[PdfRect]
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical segments from pdfplumber's `lines` and `rects`."""
    thin = TOLERANCES.thin
    raw: list[Segment] = []
    for line in lines:
        if abs(line["top"] - line["bottom"]) <= thin:
            raw.append(Segment(True, (line["top"] + line["bottom"]) / 2, line["x0"], line["x1"]))
        elif abs(line["x0"] - line["x1"]) <= thin:
            raw.append(Segment(False, (line["x0"] + line["x1"]) / 2, line["top"], line["bottom"]))
    for rect in rects:
        raw.extend(rect_segments(rect))
    raw = [s for s in raw if s.length >= TOLERANCES.min_rule]
    return (
        merge_segments([s for s in raw if s.horizontal]),
        merge_segments([s for s in raw if not s.horizontal]),
    )


def rect_segments(rect: PdfRect) -> list[Segment]:
    x0, x1, top, bottom = rect["x0"], rect["x1"], rect["top"], rect["bottom"]
    if bottom - top <= TOLERANCES.thin:
        return [Segment(True, (top + bottom) / 2, x0, x1)]
    if x1 - x0 <= TOLERANCES.thin:
        return [Segment(False, (x0 + x1) / 2, top, bottom)]
    if not rect.get("stroke") and rect.get("fill"):
        return []  # a filled area (a cell's shading, a check box) draws no border
    return [
        Segment(True, top, x0, x1),
        Segment(True, bottom, x0, x1),
        Segment(False, x0, top, bottom),
        Segment(False, x1, top, bottom),
    ]


def merge_segments(segments: list[Segment]) -> list[Segment]:
    """Join collinear segments that touch or overlap (a border drawn cell by cell). A run of
    them becomes one segment when it ends, not one per piece joined: a ruled page joins
    hundreds."""
    snap = TOLERANCES.snap
    merged: list[Segment] = []
    for line in group_collinear(segments):
        ordered = sorted(line, key=lambda s: s.start)
        first, horizontal, end = ordered[0], ordered[0].horizontal, ordered[0].end
        for seg in ordered[1:]:
            if seg.start <= end + snap:
                horizontal, end = seg.horizontal, max(end, seg.end)
                continue
            merged.append(joined(first, horizontal, end))
            first, horizontal, end = seg, seg.horizontal, seg.end
        merged.append(joined(first, horizontal, end))
    return merged


def joined(first: Segment, horizontal: bool, end: float) -> Segment:
    """The run of segments from `first` to `end` (`horizontal`: its last piece's)."""
    if horizontal == first.horizontal and end == first.end:
        return first  # nothing joined to it, or only pieces it covers
    return Segment(horizontal, first.at, first.start, end)


def group_collinear(segments: list[Segment]) -> list[list[Segment]]:
    """Segments whose positions lie within `snap` of their neighbour's, together."""
    groups: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: s.at):
        if groups and seg.at - groups[-1][-1].at <= TOLERANCES.snap:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return groups


def cluster_values(values: Iterable[float]) -> list[float]:
    """Distinct positions: values closer than `snap` become their mean."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= TOLERANCES.snap:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


@dataclass
class Grid:
    """A table's row boundaries (ys), column boundaries (xs) and its vertical rules (which say
    where cells merge): as drawn, or as inferred for a table printed without them
    (parsers.layout.borderless)."""

    box: Box
    ys: list[float]
    xs: list[float]
    verticals: list[Segment] = field(repr=False)
    inferred: bool = False  # rules a borderless table left out, drawn from its text's layout

    def divided_at(self, column_boundary: int, row: int) -> bool:
        """Is there a vertical rule at xs[column_boundary] across row `row`?"""
        x = self.xs[column_boundary]
        y = (self.ys[row] + self.ys[row + 1]) / 2
        snap, slack = TOLERANCES.snap, TOLERANCES.inside_slack
        return any(abs(v.at - x) <= snap and v.covers(y, slack) for v in self.verticals)

    def cell_spans(self, row: int) -> list[tuple[int, int]]:
        """The cells of a row as (first column, last column), merged cells spanning several."""
        spans: list[tuple[int, int]] = []
        start = 0
        for boundary in range(1, len(self.xs) - 1):
            if self.divided_at(boundary, row):
                spans.append((start, boundary - 1))
                start = boundary
        spans.append((start, len(self.xs) - 2))
        return spans

    def cell_box(self, row: int, first_col: int, last_col: int) -> Box:
        return Box(self.xs[first_col], self.ys[row], self.xs[last_col + 1], self.ys[row + 1])


def find_grids(horizontals: list[Segment], verticals: list[Segment]) -> list[Grid]:
    """Group touching segments into tables; each with at least 2 rows and 2 columns of rules."""
    segments = horizontals + verticals
    parent = list(range(len(segments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    offset = len(horizontals)
    for hi, h in enumerate(horizontals):
        for vi, v in enumerate(verticals):
            if h.covers(v.at) and v.covers(h.at):
                parent[root(hi)] = root(offset + vi)
    groups: dict[int, list[Segment]] = {}
    for index, seg in enumerate(segments):
        groups.setdefault(root(index), []).append(seg)
    grids = [grid_of(group) for group in groups.values()]
    return sorted((g for g in grids if g), key=lambda g: (g.box.top, g.box.x0))


def grid_of(group: list[Segment]) -> Grid | None:
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    ys = cluster_values(s.at for s in hs)
    xs = cluster_values(s.at for s in vs)
    if len(ys) < 2 or len(xs) < 2:
        return None
    box = Box(xs[0], ys[0], xs[-1], ys[-1])
    return Grid(box, ys, xs, vs)
