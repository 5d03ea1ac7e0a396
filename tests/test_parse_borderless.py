"""Tables printed without ruling lines parse as ruled ones do: columns from the header's labels
and the rivers under them, rows from the lines that hold figures."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from checks import Evidence
from parsers import ParsedReport, parse_report
from parsers.language import vocabulary as vocab
from parsers.layout.borderless import band_of, borderless_grids, label_columns
from parsers.layout.page import PageContent, Word
from parsers.layout.tables import read_table
from parsers.sections.document_shape import DOCUMENT_KEYS
from parsers.sections.project_list import project_columns
from parsers.text_layer.page_reader import read_page
from sample_reports.generator import reportlab_render
from sample_reports.generator.build import source_of
from sample_reports.generator.catalogue import SAMPLES
from sample_reports.generator.expected import expected_document
from sample_reports.generator.layout import plan_layout
from sample_reports.generator.matrix.cases import Maker, as_made, draw_case
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document
from sample_reports.generator.producers import GEOMETRIES, Producer
from tests.comparison import comparable, comparable_document, differences
from tests.contract import SAMPLES_DIR, reference_document

BORDERLESS = SAMPLES_DIR / "reference-borderless.pdf"
RULED = SAMPLES_DIR / "reference-reportlab.pdf"
# The document's tables (and findings): every key from the dimensions to the project list.
TABLE_KEYS = (
    *DOCUMENT_KEYS[DOCUMENT_KEYS.index("dimensions") : DOCUMENT_KEYS.index("projects") + 1],
    "findings",
)


@cache
def parsed(path: Path) -> ParsedReport:
    return parse_report(path.read_bytes(), filename=path.name)


def pages_of(path: Path) -> list[PageContent]:
    with pdfplumber.open(path) as pdf:
        return [read_page(page) for page in pdf.pages]


def sample(name: str):
    return next(s for s in SAMPLES if s.name == name)


def render_borderless(name: str, out: Path, name_chars: int | None = None, **options):
    """A catalogue sample's report drawn borderless into `out`, with the document it must
    parse to and its evidence."""
    report = sample(name).report()
    geometry = GEOMETRIES[Producer.BORDERLESS]
    if name_chars is not None:
        geometry = replace(geometry, name_chars_per_line=name_chars)
    layout = plan_layout(
        report, geometry, closing_on_last_list_page=sample(name).closing_on_last_list_page
    )
    pdf = out / f"{name}-borderless.pdf"
    reportlab_render.render(report, layout, pdf, producer=Producer.BORDERLESS, **options)
    return pdf, *expected_document(report, layout, source_of(pdf, layout))


def assert_parses_to(pdf: Path, expected: dict, evidence: Evidence) -> None:
    result = parse_report(pdf.read_bytes(), filename=pdf.name)
    problems = differences(comparable_document(result.document), comparable_document(expected))
    assert not problems, "\n".join(problems[:20])
    assert result.evidence.checkbox_marks == evidence.checkbox_marks
    assert result.evidence.section_pages == evidence.section_pages


def test_the_sample_draws_no_ruling_line():
    with pdfplumber.open(BORDERLESS) as pdf:
        for page in pdf.pages[1:]:  # the memo page (1) has its form's rule under the subject
            assert not page.lines
            stroked = [rect for rect in page.rects if rect["stroke"]]
            assert all(r["width"] < 12 and r["height"] < 12 for r in stroked)  # check boxes
    for page in pages_of(BORDERLESS):  # the check boxes' outlines: one cell each, no table
        assert all(len(grid.xs) == 2 and len(grid.ys) == 2 for grid in page.grids)


def test_borderless_tables_read_as_the_ruled_reference():
    borderless, ruled = parsed(BORDERLESS).document, parsed(RULED).document
    assert borderless["parse_warnings"] == []
    for key in TABLE_KEYS:
        assert comparable(borderless[key], drop_pages=True) == comparable(
            ruled[key], drop_pages=True
        ), key
    assert len(borderless["projects"]) == 56
    assert parsed(BORDERLESS).evidence.section_pages["projects"] == [3, 4, 5, 6, 7]


def test_the_borderless_reference_is_the_contract_reference():
    document = comparable_document(parsed(BORDERLESS).document, layout=False)
    assert not differences(document, comparable_document(reference_document(), layout=False))


def test_a_status_column_no_row_ticks_is_still_a_column():
    """No project of the reference is in progress: that column has no mark, only its label."""
    assert not [p for p in reference_document()["projects"] if p["status"] == "in_progress"]
    page = pages_of(BORDERLESS)[2]
    grids = borderless_grids(page)
    assert len(grids) == 1 and grids[0].inferred
    columns = project_columns(read_table(page, grids[0]))
    assert sorted(columns.statuses.values()) == sorted(vocab.STATUS_HEADERS)
    assert set(columns.keys) == {"seq", "name", "dimension", "budget", "disbursed", "remark"}


def test_ruled_tables_infer_no_grid():
    for page in pages_of(RULED):
        assert borderless_grids(page) == []


@pytest.mark.parametrize(("scale", "name_chars"), [(0.85, None), (1.25, 26)])
def test_narrower_or_wider_columns_still_parse(tmp_path, scale, name_chars):
    """Remarks, a closing block under the last rows, other widths: same document."""
    pdf, expected, evidence = render_borderless(
        "tambon-banhaet-2567-r12", tmp_path, name_chars, column_scale=scale
    )
    assert_parses_to(pdf, expected, evidence)


def test_cells_centred_vertically_parse_too(tmp_path):
    """Wrapped names around their row's figures, a page's first row included."""
    pdf, expected, evidence = render_borderless("reference-reportlab", tmp_path, top_aligned=False)
    assert_parses_to(pdf, expected, evidence)


def test_rows_with_no_mark_or_two_marks_have_no_status(tmp_path):
    pdf, expected, evidence = render_borderless("findings-checkbox-glyphs", tmp_path)
    assert evidence.checkbox_marks  # the rows the CHECKBOX rule is about
    assert {f["rule"] for f in expected["findings"]} == {"CHECKBOX"}
    assert_parses_to(pdf, expected, evidence)


def words(*placed: tuple[str, float, float, float]) -> list[Word]:
    return [Word(x0, top, x1, top + 10, text) for text, x0, x1, top in placed]


def test_a_group_label_is_not_a_column_and_a_wrapped_label_is_one():
    header = [
        band_of(words(("ลำดับ", 10, 40, 0), ("สถานะ", 85, 125, 0))),  # over both statuses
        band_of(words(("รอ", 60, 100, 12), ("แล้วเสร็จ", 110, 150, 12))),
        band_of(words(("รายงาน", 65, 95, 24))),  # the second line of รอ รายงาน
    ]
    labels = label_columns(header)
    assert [(label.x0, label.x1) for label in labels] == [(10, 40), (60, 100), (110, 150)]
    assert labels[1].top == 12 and labels[1].bottom == 34


def test_a_bold_headers_wider_space_and_a_qualifier_join_their_labels():
    # the body's space 0.38 em; the bold header's 0.46 em at five places (Kinnari Bold)
    space = 0.38
    header_words = words(
        ("ลำดับ", 0, 20, 0), ("รายการโครงการ", 60, 110, 0), ("(ตั้งต้น)", 114.6, 140, 0),
        ("งบประมาณ", 170, 200, 0), ("(บาท)", 204.6, 220, 0), ("รอ", 250, 258, 0),
        ("รายงาน", 262.6, 290, 0), ("ดำเนิน", 320, 340, 0), ("การ", 344.6, 356, 0),
        ("ไม่", 380, 390, 0), ("สามารถ", 394.6, 420, 0),
    )  # fmt: skip
    header = [band_of(header_words, space)]
    labels = label_columns(header)
    assert [(label.x0, label.x1) for label in labels] == [
        (0, 20), (60, 140), (170, 220), (250, 290), (320, 356), (380, 420)
    ]  # fmt: skip
    # evenly set labels much further apart than a space stay apart, however often they recur
    apart = [band_of(words(*((f"มิติ{i}", i * 40, i * 40 + 30, 0) for i in range(6))), space)]
    assert len(label_columns(apart)) == 6


# Unruled reports as the matrix drew them (reportlab, no rules), in two fonts: a name whose
# last words are a year (`… ประจำปีงบประมาณ 2565`) under a header `รายการโครงการ (ตั้งต้น)`,
# and a status table whose bold header sets its words a wider space apart than the body.
@pytest.mark.parametrize("font", ["kinnari", "norasi"])
@pytest.mark.parametrize(("seed", "index"), [(1, 129), (1, 940), (1, 574)])
def test_unruled_reports_read_whole(tmp_path, seed, index, font):
    case = dataclasses.replace(
        draw_case(seed, index), maker=Maker.REPORTLAB, font=font, ruled=False, scan=None,
        defect=None,
    )  # fmt: skip
    made = make_case(as_made(case), tmp_path)
    parsed_doc = parse_report(made.pdf.read_bytes(), filename=made.pdf.name).document
    score = score_document(made.truth, parsed_doc)
    assert score.wrong == 0, score.wrong_places
    assert score.findings_false == 0, score.false_findings
    names = [row["name"] for row in made.truth["projects"]]
    assert [row["name"] for row in parsed_doc["projects"]] == names
