"""A status box is read by the ink drawn inside it, against the other boxes of its row.

Reports are printed here in a temporary folder by WeasyPrint and by Chromium, in several mark
styles, each with its truth (the generator's document), and every status must read as printed;
hand-made rows show what the comparison decides, and what it leaves undecided.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from parsers import parse_report
from parsers.language.vocabulary import STATUS_HEADERS
from parsers.layout.geometry import Box, Grid
from parsers.layout.page import Mark
from parsers.layout.tables import Cell, Table, read_table
from parsers.report import assemble
from parsers.safety.limits import Limits
from parsers.sections.project_list import (
    BoxReading,
    ProjectColumns,
    StatusInk,
    project_columns,
    read_boxes,
)
from parsers.text_layer.page_reader import darkness
from sample_reports.generator import html_render, weasyprint_render
from sample_reports.generator.build import source_of
from sample_reports.generator.catalogue import synthetic
from sample_reports.generator.expected import expected_document
from sample_reports.generator.layout import plan_layout
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.model import Report
from sample_reports.generator.mutations import MarkRow, mutated
from sample_reports.generator.producers import GEOMETRIES, Producer
from sample_reports.generator.verify import verify_pdf
from tests.comparison import comparable_document, differences
from tests.contract import SAMPLES_DIR
from tests.test_ocr_units import row_of, text_layer_pages

NO_OCR = Limits(ocr=False)
STATUSES = list(STATUS_HEADERS)

# A row with no box marked, one with two, one with all four: CHECKBOX findings with 0, 2, 4.
MARKED_ROWS = (MarkRow(3, ()), MarkRow(9, (1, 2)), MarkRow(12, (0, 1, 2, 3)))
EXPECTED_MARKS = {2: 0, 8: 2, 11: 4}


def report() -> Report:
    base = synthetic(
        seed=1802, kind="tambon", place="ท่าศาลา", fiscal_year=2567, round_months=6, n_projects=14
    )
    return mutated(base(), MARKED_ROWS)


# (producer, the font, the mark style: None is the browser's own check box input in every cell)
VARIANTS: list[tuple[str, str, MarkStyle | None]] = [
    ("weasyprint", "Garuda", None),
    ("weasyprint", "Loma", MarkStyle.VECTOR_FILLED),
    ("weasyprint", "Kinnari", MarkStyle.VECTOR_CROSS),
    ("weasyprint", "Umpush", MarkStyle.BALLOT_GLYPHS),
    ("weasyprint", "Waree", MarkStyle.BARE_X),
    ("weasyprint", "Norasi", MarkStyle.DOT),
    ("chromium", "Noto Sans Thai", None),
    ("chromium", "Noto Sans Thai", MarkStyle.VECTOR_FILLED),
    ("chromium", "Garuda", MarkStyle.VECTOR_TICK),
    ("chromium", "Noto Sans Thai", MarkStyle.BALLOT_CROSS_GLYPHS),
    ("chromium", "Sawasdee", MarkStyle.BARE_HEAVY_TICK),
]


def render(producer: str, font: str, marks: MarkStyle | None, folder: Path):
    made = report()
    layout = plan_layout(made, GEOMETRIES[Producer.WEASYPRINT])
    pdf = folder / f"{producer}-{font.replace(' ', '_')}-{marks or 'input'}.pdf"
    if producer == "weasyprint":
        weasyprint_render.render(made, layout, pdf, font_family=font, marks=marks)
    else:
        latin = "Noto Sans" if font.startswith("Noto") else "DejaVu Sans"
        style = html_render.HtmlStyle(
            font, latin, body_pt=11, table_pt=9, line_height="1.3", marks=marks, empty_boxes=True
        )
        html_render.render(made, layout, style, pdf)
    verify_pdf(pdf, made, layout)
    return pdf, expected_document(made, layout, source_of(pdf, layout))


@pytest.fixture(scope="module", params=VARIANTS, ids=lambda v: f"{v[0]}-{v[1]}-{v[2] or 'input'}")
def variant(request, tmp_path_factory):
    producer, font, marks = request.param
    pdf, (expected, evidence) = render(producer, font, marks, tmp_path_factory.mktemp("boxes"))
    parsed = parse_report(pdf.read_bytes(), filename=pdf.name, limits=NO_OCR)
    return parsed, expected, evidence


@pytest.mark.slow  # each variant is printed by Chromium or WeasyPrint
def test_every_status_reads_as_printed(variant):
    parsed, expected, _ = variant
    statuses = [row["status"] for row in parsed.document["projects"]]
    assert statuses == [row["status"] for row in expected["projects"]]
    assert parsed.document["parse_warnings"] == []


@pytest.mark.slow
def test_the_document_is_the_truth_field_for_field(variant):
    parsed, expected, evidence = variant
    problems = differences(comparable_document(parsed.document), comparable_document(expected))
    assert not problems, "\n".join(problems[:20])
    assert parsed.evidence.checkbox_marks == evidence.checkbox_marks == EXPECTED_MARKS


# --- What the page reader sees of WeasyPrint's check boxes -------------------------------


WEASYPRINT_SAMPLE = "reference-weasyprint"


def test_weasyprint_outlines_are_no_marks_and_its_filled_squares_are():
    """Every status cell holds a box; only the checked ones' inner squares are marks (one
    per row of the reference, each smaller than the outline around it)."""
    pdf_path = SAMPLES_DIR / f"{WEASYPRINT_SAMPLE}.pdf"
    pages, _ = text_layer_pages(WEASYPRINT_SAMPLE)
    edges = 0
    with pdfplumber.open(pdf_path) as pdf:
        for page, content in zip(pdf.pages, pages, strict=True):
            boxes = [r for r in page.rects if r.get("evenodd") and r["width"] < 20]
            marks = [m for m in content.marks if m.kind == "filled_box"]
            assert len(boxes) == 2 * 4 * len(marks)  # two edges a box, four boxes a row
            outline = max((r["width"] for r in boxes), default=0.0)
            assert all(m.width < 0.6 * outline for m in marks)  # inside, not the outline
            edges += len(boxes)
    assert edges == 2 * 4 * 56
    assert sum(len(p.marks) for p in pages) == 56  # the reference's rows, one box checked each


def test_darkness_of_paints():
    assert darkness((1.0, 1.0, 1.0), unset=1.0) == 0.0
    assert darkness(0.0, unset=0.0) == 1.0
    assert darkness((0, 0, 0, 1), unset=0.0) == 1.0
    assert darkness(None, unset=0.0) == 0.0
    assert 0.5 < darkness((0.0, 0.4588, 1.0), unset=0.0) < 0.7  # Chromium's blue check box


# --- Rows judged against each other -------------------------------------------------------


def table_of(*rows: list[float]) -> tuple[Table, ProjectColumns]:
    """A table of rows of four status cells, each holding one mark of the given ink (0: an
    empty box, nothing inside it)."""
    cells = []
    for r, inks in enumerate(rows):
        row = []
        for c, ink in enumerate(inks):
            box = Box(c * 10.0, r * 10.0, c * 10.0 + 10, r * 10.0 + 10)
            marks = [Mark(box.x0 + 2, box.top + 2, box.x1 - 2, box.bottom - 2, "tick", ink)]
            row.append(Cell(c, c, box, marks=marks if ink else []))
        cells.append(row)
    grid = Grid(Box(0, 0, 40, 10.0 * len(rows)), [], [0, 10, 20, 30, 40], [])
    columns = ProjectColumns(0, {}, dict(enumerate(STATUSES)))
    return Table(1, grid, cells), columns


def reading(table: Table, columns: ProjectColumns, row: int):
    return read_boxes(table, row, columns, StatusInk.of(table, columns))


def test_a_decoration_in_every_box_is_no_mark():
    """Every box shaded alike and one ticked: that one is marked, not all four."""
    table, columns = table_of([40, 40, 52, 40], [52, 40, 40, 40])
    assert reading(table, columns, 0).marked == [STATUSES[2]]
    assert reading(table, columns, 1).marked == [STATUSES[0]]


def test_a_row_of_empty_boxes_is_no_status_and_no_doubt():
    table, columns = table_of([0, 20, 0, 0], [0, 0, 0, 0])
    assert reading(table, columns, 1) == BoxReading([], undecided=False)


def test_a_row_whose_boxes_are_all_alike_is_judged_against_its_table():
    """Four boxes as inked as the table's checked ones (give or take a device pixel): four
    marks; half as inked: undecided."""
    table, columns = table_of([0, 20.2, 0, 0], [23.6, 20.2, 20.2, 20.2], [9, 9, 9, 9])
    assert reading(table, columns, 1) == BoxReading(STATUSES, undecided=False)
    assert reading(table, columns, 2).undecided


def test_a_tick_on_a_heavier_decoration_is_read_against_the_table():
    table, columns = table_of([40, 40, 40, 40], [40, 40, 52, 40], [46, 40, 52, 40])
    assert reading(table, columns, 0) == BoxReading([], undecided=False)
    assert reading(table, columns, 1) == BoxReading([STATUSES[2]], undecided=False)
    assert reading(table, columns, 2).undecided  # the decoration itself uneven by half a tick


def test_a_box_neither_clearly_marked_nor_empty_leaves_the_row_undecided():
    table, columns = table_of([0, 20, 7, 0])
    assert reading(table, columns, 0).undecided
    table, columns = table_of([0, 20, 3, 0])  # a speck beside a mark: empty
    assert reading(table, columns, 0) == BoxReading([STATUSES[1]], undecided=False)


def test_an_undecided_row_has_no_status_a_warning_and_no_finding():
    """Row 5 of a WeasyPrint report gets, in a box beside its checked one, a third of its
    ink: its status is unknown, said in a `projects:` warning, and no CHECKBOX finding."""
    name = "findings-checkbox-weasyprint"
    pages, source = text_layer_pages(name)
    control = assemble(pages, source).document
    assert [f["seq"] for f in control["findings"] if f["rule"] == "CHECKBOX"] == [3, 8, 15]
    [number] = [r["page"] for r in control["projects"] if r["seq"] == 5]
    page = pages[number - 1]
    grid, (top, bottom) = row_of(page, "5")
    columns = project_columns(read_table(page, grid))
    [mark] = [m for m in page.marks if top < m.y_mid < bottom]
    ticked = next(c for c in columns.statuses if grid.xs[c] < mark.x_mid < grid.xs[c + 1])
    beside = next(c for c in columns.statuses if c != ticked)
    shift = (grid.xs[beside] + grid.xs[beside + 1] - grid.xs[ticked] - grid.xs[ticked + 1]) / 2
    page.marks.append(
        dataclasses.replace(mark, x0=mark.x0 + shift, x1=mark.x1 + shift, drawn_ink=mark.ink * 0.35)
    )
    parsed = assemble(pages, source)
    document = parsed.document
    [row] = [r for r in document["projects"] if r["seq"] == 5]
    assert row["status"] is None
    messages = [w["message"] for w in document["parse_warnings"]]
    assert messages == [
        f"projects: page {page.number}: row 5: status boxes neither clearly marked nor clearly"
        " empty"
    ]
    assert [f["seq"] for f in document["findings"] if f["rule"] == "CHECKBOX"] == [3, 8, 15]
    assert 4 in parsed.evidence.unread_status_rows
    others = [r for r in document["projects"] if r["seq"] != 5]
    assert others == [r for r in control["projects"] if r["seq"] != 5]
