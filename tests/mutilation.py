"""Making parts of a real sample's page unreadable, to see that the parser says so.

Text is erased from the page's content stream (not painted over: a white box leaves the text
layer whole), one text object at a time, by where the object starts. This reads the text
objects ReportLab writes (`BT … x y Tm … Tj … ET`), which is how the ReportLab samples are made;
`erase_text` fails when it erases nothing, so a sample made otherwise cannot pass unnoticed.
Where to erase is found with the parser's own reading of the page (its grid and cells).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

import pikepdf

from parsers.layout.geometry import Box
from parsers.layout.tables import Table, read_table
from parsers.safety.limits import Limits
from parsers.sections.project_list import ProjectColumns, project_columns
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.page_reader import read_page

Where = Callable[[float, float], bool]  # a point in pdfplumber's coordinates (top-down)


def list_table(pdf: bytes, page_number: int) -> tuple[Table, ProjectColumns]:
    """The widest grid of a page of the project list, read as the parser reads it."""
    with open_pdf(pdf, Limits()) as document:
        page = read_page(document.pages[page_number - 1])
    grid = max(page.grids, key=lambda grid: len(grid.xs))
    table = read_table(page, grid)
    return table, project_columns(table)


def header_boxes(table: Table, header_rows: int, columns: Iterable[int] | None = None) -> list[Box]:
    """The header cells (of `columns`, or all), as boxes."""
    wanted = set(columns) if columns is not None else None
    return [
        cell.box
        for row in table.rows[:header_rows]
        for cell in row
        if wanted is None or any(cell.covers(c) for c in wanted)
    ]


def body_boxes(table: Table, header_rows: int, columns: Iterable[int]) -> list[Box]:
    wanted = set(columns)
    return [
        cell.box
        for row in table.rows[header_rows:]
        for cell in row
        if any(cell.covers(c) for c in wanted)
    ]


def within(boxes: list[Box]) -> Where:
    return lambda x, y: any(box.contains_point(x, y, 1.0) for box in boxes)


def anywhere(x: float, y: float) -> bool:
    return True


def erase_text(pdf: bytes, page_number: int, where: Where) -> bytes:
    """The PDF with every text object of the page that starts `where` removed."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[page_number - 1]
        height = float(page.MediaBox[3])
        kept: list[pikepdf.ContentStreamInstruction] = []
        block: list[pikepdf.ContentStreamInstruction] = []
        erased = 0
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator == "BT" or block:
                block.append(instruction)
            else:
                kept.append(instruction)
            if operator == "ET":
                origin = text_origin(block)
                if origin and where(origin[0], height - origin[1]):
                    erased += 1
                else:
                    kept.extend(block)
                block = []
        if not erased:
            raise ValueError(f"page {page_number}: no text object to erase there")
        page.Contents = document.make_stream(pikepdf.unparse_content_stream(kept))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def text_origin(block: list[pikepdf.ContentStreamInstruction]) -> tuple[float, float] | None:
    """Where a text object starts drawing (PDF coordinates), from its first Tm or Td."""
    for instruction in block:
        if str(instruction.operator) in ("Tm", "Td", "TD"):
            operands = [float(value) for value in instruction.operands]
            return operands[-2], operands[-1]
    return None
