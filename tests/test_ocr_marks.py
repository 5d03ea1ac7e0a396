"""Status marks read from a page image: a row's status is its one clearly marked cell, whatever
the mark (a tick, a cross, a dot, the letter X, a filled box; in a box or bare, as the
e-PlanNACC printout ticks with a ✓ and no box). None, several or a marginal one: null, with an
`ocr:` warning, an unknown row.

Rows of marks are drawn here in every mark style the generator has (reportlab), scanned as an
office scans (the generator's Scanner: 300, 200 and 150 dpi grey, 200 dpi black and white; skew,
JPEG, noise), and read back from the image without Tesseract: the grid, its marks, and the
project list's decision.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pypdfium2
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from parsers.language.vocabulary import STATUS_HEADERS
from parsers.layout.geometry import Box, Grid, Segment
from parsers.layout.page import Mark, PageContent, Word
from parsers.layout.tables import Cell, Table, read_table
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.boxes import bare_marks, box_marks
from parsers.ocr.page_from_image import without
from parsers.ocr.page_image import page_image, render
from parsers.ocr.rules import ruled_grids
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.project_list import (
    ProjectColumns,
    StatusInk,
    read_image_marks,
    read_project_rows,
    typical_mark,
)
from sample_reports.generator import thai_fonts
from sample_reports.generator.marks import GLYPHS, WINGDINGS_DRAWS, MarkStyle
from sample_reports.generator.reportlab_render import (
    VECTOR_DRAWERS,
    register_wingdings,
)
from sample_reports.generator.scanner import Scanner

STATUSES = list(STATUS_HEADERS)
# Every style a PDF producer draws on paper (INPUT is a browser's own check box, HTML only; an
# AcroForm field is a form's widget, which the Scanner's rendering leaves out as a viewer
# without forms does: its scan holds no mark at all).
STYLES = [style for style in MarkStyle if style not in (MarkStyle.INPUT, MarkStyle.ACROFORM)]
ROW_HEIGHT, SEQ_WIDTH, STATUS_WIDTH, MARK_SIZE = 20.0, 30.0, 40.0, 10.0
LEFT, TOP = 36.0, 36.0
SPECK_RADIUS = 1.2  # a dot 2.4 points across: a third of a bare tick's ink
SYMBOL_FONT = "MarksSymbols"
SCANS = {
    "300-grey": Scanner(dpi=300, mode="grey", skew_degrees=0.8, jpeg_quality=40, noise_sigma=2.0),
    "200-grey": Scanner(
        dpi=200, mode="grey", skew_degrees=-1.2, jpeg_quality=35, noise_sigma=3.0, softness=0.5
    ),
    "200-bw": Scanner(
        dpi=200, mode="bw", skew_degrees=-0.8, noise_sigma=6.0, softness=0.5, unevenness=0.1
    ),
    "150-grey": Scanner(
        dpi=150, mode="grey", skew_degrees=1.0, jpeg_quality=40, noise_sigma=2.0, softness=0.5
    ),
}


def drawn_rows(seed: int) -> list[tuple[int, ...]]:
    """The marked columns of each row: one each (every column at least once), then a row
    with none and a row with two."""
    rng = random.Random(seed)
    rows = [(column,) for column in range(4)] + [(rng.randrange(4),) for _ in range(6)]
    rng.shuffle(rows)
    return [*rows[:5], (), *rows[5:], tuple(sorted(rng.sample(range(4), 2)))]


def draw_mark(canvas: Canvas, style: MarkStyle, x: float, y: float, marked: bool) -> None:
    """One status cell's mark at (x, y) (reportlab's frame: y upwards), as the generator's
    reportlab producer draws it."""
    if style in GLYPHS:
        glyph = GLYPHS[style].marked if marked else GLYPHS[style].empty
        if not glyph:
            return
        font = "Helvetica" if glyph.isascii() else SYMBOL_FONT
        if glyph in WINGDINGS_DRAWS:
            font = register_wingdings()
        size = MARK_SIZE * 1.3
        canvas.setFont(font, size)
        canvas.drawCentredString(x, y - size * 0.35, glyph)
    else:
        VECTOR_DRAWERS[style](canvas, x, y, marked, MARK_SIZE)


def marks_pdf(
    style: MarkStyle,
    rows: list[tuple[int, ...]],
    out: Path,
    speck: tuple[int, int] | None = None,
) -> None:
    """A ruled table: a number column and four status columns, a row per entry of `rows`;
    `speck`: a small dot in that (row, column) status cell too."""
    pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(thai_fonts.SYMBOLS)))
    width = 2 * LEFT + SEQ_WIDTH + 4 * STATUS_WIDTH
    height = 2 * TOP + ROW_HEIGHT * len(rows)
    canvas = Canvas(str(out), pagesize=(width, height), invariant=1)
    xs = [LEFT, LEFT + SEQ_WIDTH, *(LEFT + SEQ_WIDTH + STATUS_WIDTH * k for k in range(1, 5))]
    ys = [height - TOP - ROW_HEIGHT * k for k in range(len(rows) + 1)]
    canvas.setLineWidth(0.6)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for index, marked in enumerate(rows):
        middle = ys[index] - ROW_HEIGHT / 2
        canvas.setFont("Helvetica", 10)
        canvas.drawCentredString((xs[0] + xs[1]) / 2, middle - 3.5, str(index + 1))
        for column in range(4):
            centre = (xs[column + 1] + xs[column + 2]) / 2
            draw_mark(canvas, style, centre, middle, column in marked)
    if speck is not None:
        row, column = speck
        centre = (xs[column + 1] + xs[column + 2]) / 2
        canvas.circle(centre, ys[row] - ROW_HEIGHT / 2, SPECK_RADIUS, stroke=0, fill=1)
    canvas.save()


def image_page(pdf: Path) -> PageContent:
    """The page as read from its image: grids and marks, and each row's number as a word
    read with confidence (where the number column is), as Tesseract would give it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pdf_page = document[0]
        width, height = pdf_page.get_size()
        image = page_image(render(pdf_page, OCR_TOLERANCES.dpi), OCR_TOLERANCES.dpi)
    finally:
        document.close()
    grids, ink = ruled_grids(image)
    marks, boxes = box_marks(ink, image)
    marks += bare_marks(without(ink, boxes), grids, boxes, image)
    (grid,) = grids
    lines = [
        [Word(box.x0 + 8, box.top + 5, box.x1 - 8, box.bottom - 5, str(row + 1), 95.0)]
        for row in range(len(grid.ys) - 1)
        for box in [grid.cell_box(row, 0, 0)]
    ]
    return PageContent(1, width, height, lines, grids=grids, marks=marks)


def read_statuses(page: PageContent) -> tuple[list[str | None], list[str]]:
    (grid,) = page.grids
    table = read_table(page, grid)
    columns = ProjectColumns(0, {"seq": 0}, dict(zip(range(1, 5), STATUSES, strict=True)))
    warnings = WarningLog()
    rows = read_project_rows(table, columns, warnings, None)
    return [row.status for row in rows], [entry["message"] for entry in warnings.to_list()]


def expected_statuses(rows: list[tuple[int, ...]]) -> list[str | None]:
    return [STATUSES[marked[0]] if len(marked) == 1 else None for marked in rows]


@pytest.mark.parametrize("level", sorted(SCANS))
@pytest.mark.parametrize("style", STYLES, ids=str)
def test_each_mark_style_reads_its_status_from_a_scan(style, level, tmp_path):
    rows = drawn_rows(seed=zlib.crc32(f"{style}:{level}".encode()))
    printed, scanned = tmp_path / "printed.pdf", tmp_path / "scanned.pdf"
    marks_pdf(style, rows, printed)
    SCANS[level].scan(printed, [1], scanned)
    statuses, warnings = read_statuses(image_page(scanned))
    assert statuses == expected_statuses(rows)
    unknown = [index + 1 for index, marked in enumerate(rows) if len(marked) != 1]
    for seq in unknown:  # no mark, two marks: unknown rows, said so
        assert any(
            w.startswith(f"ocr: page 1: row {seq}: ") and w.endswith(": status unknown")
            for w in warnings
        ), warnings
    assert len(warnings) == len(unknown), warnings


def test_a_speck_beside_a_tick_leaves_the_row_unknown(tmp_path):
    """A dot a third of a tick's ink in another cell: marginal, neither mark nor nothing."""
    rows = [(0,), (1,), (2,), (3,), (1,)]
    printed, scanned = tmp_path / "printed.pdf", tmp_path / "scanned.pdf"
    marks_pdf(MarkStyle.BARE_TICK, rows, printed, speck=(4, 3))
    SCANS["300-grey"].scan(printed, [1], scanned)
    statuses, warnings = read_statuses(image_page(scanned))
    assert statuses == [*STATUSES, None]
    assert any(
        "row 5: a status mark neither clearly made nor clearly absent" in w for w in warnings
    )


# --- the decision, on hand-made cells ------------------------------------------------------


def table_of(inks: list[list[float | None]]) -> Table:
    """A table of status cells holding a bare mark of the given ink (None: nothing drawn)."""
    xs, ys = [0.0, 30.0, 60.0, 90.0, 120.0], [20.0 * k for k in range(len(inks) + 1)]
    verticals = [Segment(False, x, ys[0], ys[-1]) for x in xs]
    grid = Grid(Box(xs[0], ys[0], xs[-1], ys[-1]), ys, xs, verticals)
    rows = []
    for index, row in enumerate(inks):
        cells = []
        for column, ink in enumerate(row):
            box = grid.cell_box(index, column, column)
            marks = [] if ink is None else [Mark(*mark_box(box), kind="tick", drawn_ink=ink)]
            cells.append(Cell(column, column, box, [], marks))
        rows.append(cells)
    return Table(1, grid, rows)


def mark_box(cell: Box) -> tuple[float, float, float, float]:
    return cell.x_mid - 4, cell.y_mid - 4, cell.x_mid + 4, cell.y_mid + 4


COLUMNS = ProjectColumns(0, {}, dict(enumerate(STATUSES)))


def decided(inks: list[list[float | None]], row: int):
    table = table_of(inks)
    levels = StatusInk.of(table, COLUMNS)
    return read_image_marks(table, row, COLUMNS, levels, typical_mark(table, COLUMNS, 0.0))


TICK = 8.0


def test_one_mark_among_empty_cells_is_the_status():
    inks = [[TICK, None, None, None], [None, None, TICK * 1.2, None]]
    assert decided(inks, 0).marked == [STATUSES[0]]
    assert decided(inks, 1).marked == [STATUSES[2]] and not decided(inks, 1).undecided


def test_a_faint_mark_against_the_tables_marks_is_undecided():
    inks = [[TICK, None, None, None]] * 5 + [[None, TICK * 0.35, None, None]]
    reading = decided(inks, 5)
    assert reading.undecided


def test_a_speck_far_below_a_mark_is_nothing():
    inks = [[TICK, None, None, None]] * 5 + [[None, TICK * 0.1, TICK, None]]
    reading = decided(inks, 5)
    assert reading.marked == [STATUSES[2]] and not reading.undecided


def test_two_marks_are_two():
    inks = [[TICK, None, None, None]] * 3 + [[TICK, None, TICK * 0.9, None]]
    assert decided(inks, 3).marked == [STATUSES[0], STATUSES[2]]


def test_what_every_cell_of_a_row_carries_is_no_mark():
    """A glyph box outline in every cell (its ink as much in each): the tick is above it."""
    outline = 12.0
    inks = [[outline, outline, outline + TICK, outline]] * 3
    reading = decided(inks, 0)
    assert reading.marked == [STATUSES[2]] and not reading.undecided


def test_a_row_of_empty_boxes_has_no_mark():
    outline = 12.0
    inks = [[outline, outline, outline + TICK, outline]] * 3 + [[outline] * 4]
    reading = decided(inks, 3)
    assert reading.marked == [] and not reading.undecided


# --- a row whose number the image lost ----------------------------------------------------


def text_table(rows: list[tuple[str, str, str, str, float | None]]) -> Table:
    """Rows of (number, name, dimension, budget, a status mark's ink in the first status
    column), each cell's text as Tesseract gives it, read with confidence."""
    xs = [0.0, 30.0, 200.0, 230.0, 300.0, *(300.0 + 30.0 * k for k in range(1, 5))]
    ys = [20.0 * k for k in range(len(rows) + 1)]
    grid = Grid(Box(xs[0], ys[0], xs[-1], ys[-1]), ys, xs, [])
    table_rows = []
    for index, (*texts, ink) in enumerate(rows):
        cells = []
        for column in range(len(xs) - 1):
            box = grid.cell_box(index, column, column)
            text = texts[column] if column < len(texts) else ""
            words = [[Word(box.x0 + 2, box.top + 4, box.x1 - 2, box.bottom - 4, text, 95.0)]]
            marks = (
                [Mark(*mark_box(box), kind="tick", drawn_ink=ink)] if column == 4 and ink else []
            )
            cells.append(Cell(column, column, box, words if text else [], marks))
        table_rows.append(cells)
    return Table(2, grid, table_rows)


LIST_COLUMNS = ProjectColumns(
    0,
    {"seq": 0, "name": 1, "dimension": 2, "budget": 3},
    dict(zip(range(4, 8), STATUSES, strict=True)),
)


def test_a_row_without_its_number_that_prints_figures_is_a_project_of_its_own():
    """150 dpi, Norasi: a row's number was not read. It prints its dimension, budget and
    mark, so it is a project (its number unknown, said so), not the name of the row above
    wrapped onto another line; a wrapped name prints none of them."""
    table = text_table(
        [
            ("10", "โครงการมอบอำนาจ", "2", "0.00", TICK),
            ("", "โครงการควบคุมการเบิกจ่ายเงิน", "2", "15,000.00", TICK),
            ("12", "โครงการประเมินความพึงพอใจ", "2", "0.00", TICK),
            ("", "ของประชาชน", "", "", None),
        ]
    )
    warnings = WarningLog()
    rows = read_project_rows(table, LIST_COLUMNS, warnings, None)
    assert [(row.seq, row.name, row.budget) for row in rows] == [
        (10, "โครงการมอบอำนาจ", 0.0),
        (None, "โครงการควบคุมการเบิกจ่ายเงิน", 15000.0),
        (12, "โครงการประเมินความพึงพอใจของประชาชน", 0.0),
    ]
    messages = [entry["message"] for entry in warnings.to_list()]
    assert "ocr: page 2: row after 10: number unread" in messages, messages
