"""Tables printed without rules, read from a scan (issues 18, 19): Tesseract's page reading
reads such a table column by column and drops short words (row numbers, one-digit
dimensions, a label on a shaded header), so its words are regrouped into printed rows, the
grid inferred from them is fitted to the ink (columns parted by rivers of paper down every
row, rows started at the lines of a figure column) and its cells read one by one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2
import pytest

from parsers.language.printed_numbers import is_figure
from parsers.layout.geometry import Box, Grid, Segment
from parsers.layout.page import Word
from parsers.layout.tables import read_table
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.document import rendered
from parsers.ocr.engine import opened_engine
from parsers.ocr.page_from_image import page_from_image
from parsers.ocr.page_image import PageImage, page_image
from parsers.ocr.unruled_tables import (
    first_body_row,
    fitted_rows,
    group_boundaries,
    printed_rows,
    rivers,
)
from parsers.report import page_grids
from parsers.sections.project_list import project_columns
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case

DPI = 72.0  # one pixel a point: the unit tests' ink is drawn in points


def test_words_read_column_by_column_are_regrouped_into_their_printed_rows():
    names = [Word(70, 100, 200, 110, "first"), Word(70, 130, 200, 140, "second")]
    figures = [Word(400, 101, 420, 109, "1"), Word(400, 131, 420, 139, "2")]
    rows = printed_rows([names, figures])  # as Tesseract gives them: a block a column
    assert [[word.text for word in row] for row in rows] == [["first", "1"], ["second", "2"]]


def test_marks_read_apart_over_a_name_read_whole_make_no_line_of_their_own():
    """Garuda at 300 dpi: the page reading reads a name whole and its upper vowels and tone
    marks again alone (`=ู86`, `39`), a thin line above it that ended the header there."""
    name = Word(62, 139, 297, 154, "โครงการเชิดชูเกียรติ")
    marks = [Word(118, 138, 138, 146, "=ู86"), Word(262, 141, 267, 143.5, "39")]
    figures = [Word(537, 143, 554, 150, "0.00"), Word(589, 143, 606, 150, "0.00")]
    label = [Word(512, 55, 550, 68, "งบประมาณ")]
    rows = printed_rows([label, marks, [name], figures])
    assert [[word.text for word in row] for row in rows] == [
        ["งบประมาณ"],
        ["โครงการเชิดชูเกียรติ", "0.00", "0.00"],
    ]


def test_a_header_label_misread_as_a_figure_does_not_start_the_body():
    """`ลำดับ` read `90` in the row number's column, beside `มิติ` and `งบประมาณ` over the
    figure columns: a header line; a line printing figures only above the first row with
    two is still the body's (a row whose other figures went unread)."""
    header = [Word(42, 59, 48, 67, "90"), Word(450, 59, 469, 67, "มิติ")]
    header += [Word(476, 59, 526, 67, "งบประมาณ")]
    lonely = [Word(45, 80, 50, 88, "1")]  # a row whose name and amounts went unread
    full = [Word(45, 100, 50, 108, "2"), Word(453, 100, 458, 108, "1")]
    full += [Word(478, 100, 530, 108, "40,682.50")]
    ys = [50.0, 75.0, 95.0, 115.0]
    grid = Grid(Box(37, 50, 540, 115), ys, [37.0, 56.0, 440.0, 470.0, 540.0], [])
    assert first_body_row(grid, [header, lonely, full]) == 1


def test_a_group_label_over_the_middle_of_its_columns_spans_the_empty_cells_beside_it():
    """`สถานะ` printed over the middle of four status columns, whose own labels start a line
    lower: its header cell spans all four (as a ruled header's merged cell), never the
    labelled column beside them."""
    ink, image = blank_image(400, 100)
    ink[10:20, 20:60] = 255  # the budget's label, in the group label's line
    ink[10:20, 170:230] = 255  # สถานะ, across the boundary at 200
    ink[10:20, 330:370] = 255  # the remark's label
    xs = [10.0, 100.0, 150.0, 200.0, 250.0, 300.0, 390.0]
    grid = Grid(Box(10, 5, 390, 95), [5.0, 25.0, 45.0, 95.0], xs, [])
    assert group_boundaries(0, xs, grid, [], ink, image, 10.0) == {2, 3, 4}


def test_paper_runs_at_the_edges_and_between_ink_are_rivers_narrow_gaps_not():
    inked = np.array([0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0], dtype=bool)
    assert rivers(inked, 100, 2) == [(100, 102), (106, 109), (110, 112)]


def blank_image(width: int, height: int) -> tuple[np.ndarray, PageImage]:
    ink = np.zeros((height, width), dtype=np.uint8)
    return ink, PageImage(grey=255 - ink, ink=ink, dpi=DPI, skew=0.0)


def test_rows_start_at_the_figure_lines_and_end_in_the_widest_gap_before_the_next():
    """Two rows, the first's name wrapped on two lines: the boundary goes in the gap before
    the second row's figures, not between the name's lines; a row whose figures the page
    reading missed is still its own row."""
    ink, image = blank_image(300, 200)
    ink[100:110, 20:150] = 255  # row 1's name, first line
    ink[114:124, 20:120] = 255  # row 1's name, wrapped
    ink[101:109, 200:240] = 255  # row 1's amount
    ink[140:150, 20:150] = 255  # row 2's name
    ink[141:149, 200:240] = 255  # row 2's amount
    ink[170:180, 20:150] = 255  # row 3's name
    ink[171:179, 200:240] = 255  # row 3's amount, not read by the page reading
    xs = [10.0, 180.0, 260.0]
    grid = Grid(Box(10, 90, 260, 190), [90.0, 190.0], xs, [Segment(False, 10, 90, 190)])
    read = [[Word(20, 100, 150, 110, "name"), Word(200, 101, 240, 109, "1,000.00")]]
    read += [[Word(200, 141, 240, 149, "0.00")]]
    boundaries = fitted_rows(grid, xs, 0, read, ink, image, 10.0)
    assert boundaries is not None
    assert len(boundaries) == 2
    assert 124 < boundaries[0] < 140
    assert 150 < boundaries[1] < 170


# Matrix cases (seed 1) whose project list is printed without rules, scanned: the Laksaman
# list at 200 dpi grey, whose rows 2 and 3 the old code read as one row ('2 3'), and the
# Norasi list at 300 dpi grey, each project of which it read four times over.
UNRULED_LISTS = [(390, "200-grey", 2), (543, "300-grey", 2)]
# Lists the old code did not read at all: Noto Serif (`ลำดับ` read `90` as the body's first
# figure, the last two rows cut off where a remark the page reading dropped left a gap),
# Norasi (`สถานะ` over the middle of its four columns, the labels' tone marks dropped),
# Garuda (its names' upper marks read apart, a line that ended the header) and Waree at
# 200 dpi (`ลำดับ` and the status labels misread by the page reading).
UNRULED_LISTS += [(704, "300-grey", 1), (122, "300-grey", 2), (119, "300-grey", 2)]
UNRULED_LISTS += [(910, "200-grey", 2)]


def printed_amount(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


@pytest.mark.slow
@pytest.mark.parametrize(("index", "level", "page_index"), UNRULED_LISTS)
def test_an_unruled_list_scanned_has_its_rows_read_into_the_right_cells(
    index, level, page_index, tmp_path
):
    made = make_case(scanned_at(draw_case(1, index), level), Path(tmp_path))
    document = pypdfium2.PdfDocument(made.pdf.read_bytes())
    try:
        grey = rendered(document, page_index)
        width, height = document[page_index].get_size()
    finally:
        document.close()
    image = page_image(grey, OCR_TOLERANCES.dpi)
    with opened_engine() as engine:
        page = page_from_image(image, engine, page_index + 1, width, height)
    grids = [grid for grid in page_grids(page) if grid.inferred]
    assert len(grids) == 1
    table = read_table(page, grids[0])
    columns = project_columns(table)
    keys = columns.keys
    assert {"seq", "name", "dimension", "budget"} <= set(keys)
    assert len(set(columns.statuses.values())) == 4
    rows = table.rows[columns.header_rows :]
    printed = [p for p in made.truth["projects"] if p["page"] == page_index + 1]
    assert len(rows) == len(printed)
    right = 0
    for row, project in zip(rows, printed, strict=True):
        expected = {
            "seq": str(project["seq"]),
            "dimension": str(project["dimension"]),
            "budget": printed_amount(project["budget"]),
        }
        for key, text in expected.items():
            read = row[keys[key]].text
            # In its own cell: the right figure, or none (a misread digit is no figure: null).
            assert read == text or not is_figure(read), (key, read, text)
            right += read == text
    assert right >= 0.8 * 3 * len(printed)
