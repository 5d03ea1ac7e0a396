"""Reading a ruled grid into rows of cells, and naming its columns from its header rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from parsers.language.printed_numbers import is_number
from parsers.language.thai_text import join_wrapped_lines
from parsers.language.vocabulary import compact
from parsers.language.vocabulary_match import SHORTEST_IN_HEADERS, as_printed
from parsers.layout.geometry import Box, Grid
from parsers.layout.page import Mark, PageContent, Word


def lines_text(lines: list[list[Word]]) -> str:
    """A cell's text: its lines' words, lines wrapped inside a word joined back."""
    return join_wrapped_lines([" ".join(word.text for word in line) for line in lines])


@dataclass
class Cell:
    first: int  # first column band
    last: int  # last column band (merged cells span several)
    box: Box
    lines: list[list[Word]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    @property
    def text(self) -> str:
        return lines_text(self.lines)

    @property
    def compact(self) -> str:
        """The text without white space; read from an image, its header words as printed."""
        text = compact(self.text)
        return as_printed(text, SHORTEST_IN_HEADERS) if self.read_from_image else text

    @cached_property  # asked for each figure read; a cell's lines are never changed
    def read_from_image(self) -> bool:
        return read_from_image(self.lines)

    @property
    def doubtful(self) -> bool:
        """Read from an image with too little confidence to trust a figure in it."""
        return any(word.doubtful for line in self.lines for word in line)

    def covers(self, column: int) -> bool:
        return self.first <= column <= self.last


@dataclass
class Table:
    page: int
    grid: Grid
    rows: list[list[Cell]]

    @cached_property  # asked for each figure read; a table's cells are never changed
    def read_from_image(self) -> bool:
        return any(cell.read_from_image for row in self.rows for cell in row)

    def cell_at(self, row: int, column: int) -> Cell | None:
        for cell in self.rows[row]:
            if cell.covers(column):
                return cell
        return None

    def spans_all(self, cell: Cell) -> bool:
        """A title row printed inside the table: it names no column."""
        return self.column_count > 1 and cell.first == 0 and cell.last == self.column_count - 1

    @property
    def column_count(self) -> int:
        return len(self.grid.xs) - 1

    def row_text(self, row: int) -> str:
        return " ".join(cell.compact for cell in self.rows[row] if cell.text)

    def header_row_count(self) -> int:
        """Header rows come first: up to the first row holding a number cell. Read from an
        image, a number cell over a cell of words is a label read as a figure (รายการโครงการ
        read 8, over the projects' names): a figure's column holds figures below it too."""
        for index, row in enumerate(self.rows):
            below = index + 1 if self.read_from_image and index + 1 < len(self.rows) else None
            if any(
                is_number(cell.text) and (below is None or self.number_below(below, cell))
                for cell in row
                if cell.first > 0 or len(row) == 1
            ):
                return index
        return len(self.rows)

    def number_below(self, row: int, cell: Cell) -> bool:
        """Does the row hold a number, or nothing, in a column of the cell's?"""
        below = [self.cell_at(row, column) for column in range(cell.first, cell.last + 1)]
        return any(other is None or not other.text or is_number(other.text) for other in below)

    def header_text(self) -> str:
        """The header's words, to tell which table this is: read row by row (a label within a
        cell, or across a merged one), then column by column (a label in a cell merged down
        over two header rows, whose lines fall on both sides of the border drawn beside it:
        `ลำ` above, `ดับ` below). "|" keeps the readings from running into each other."""
        rows = self.header_row_count()
        by_rows = "".join(compact(self.row_text(r)) for r in range(rows))
        return "|".join([by_rows, *self.column_labels(rows)])

    def column_labels(self, header_rows: int) -> list[str]:
        """Each column band's header: the compact text of every header cell covering it."""
        labels = []
        for column in range(self.column_count):
            parts = [self.cell_at(r, column) for r in range(header_rows)]
            labels.append(
                "".join(cell.compact for cell in parts if cell and not self.spans_all(cell))
            )
        return labels


def read_table(page: PageContent, grid: Grid) -> Table:
    rows: list[list[Cell]] = []
    for row in range(len(grid.ys) - 1):
        cells = []
        for first, last in grid.cell_spans(row):
            box = grid.cell_box(row, first, last)
            cells.append(Cell(first, last, box, page.lines_in(box), marks_in(page, box)))
        rows.append(cells)
    return Table(page.number, grid, rows)


def marks_in(page: PageContent, box: Box) -> list[Mark]:
    return page.marks_in(box)


def text_above(page: PageContent, grid: Grid, floor: float) -> str:
    """The compact text printed between `floor` and the top of the grid (a table's title)."""
    region = Box(0, floor, page.width, grid.box.top)
    lines = page.lines_in(region)
    text = "".join(compact(" ".join(w.text for w in line)) for line in lines)
    return as_printed(text) if read_from_image(lines) else text


def read_from_image(lines: list[list[Word]]) -> bool:
    """Words Tesseract read (a text layer's words have no confidence)."""
    return any(word.confidence is not None for line in lines for word in line)
