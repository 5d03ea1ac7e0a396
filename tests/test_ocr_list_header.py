"""The project list found by its header read from a scan (issue 19): a label whose SARA AM
was read apart, its ring as a quote mark and its SARA AA as another letter (ลำดับ read
ล“กาดับ or ล“กดับ), is still that label, so the table holding it is the project list and its
statuses are read, not lost with a "the project list was not found" warning. A label wrapped
over several lines in a narrow header cell is text, never a figure (a figure in the header
ends it: the rows above a number are the header; read from an image, a number over a column
of words is a label misread, below)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import Limits, parse_report
from parsers.language import vocabulary as vocab
from parsers.language.vocabulary_match import SHORTEST_IN_HEADERS, as_printed
from parsers.layout.columns import assign_nearest
from parsers.layout.geometry import Box, Grid
from parsers.layout.page import Word
from parsers.layout.tables import Cell, Table
from parsers.sections.project_list import project_columns
from parsers.sections.summary_tables import classify
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("ล“กาดับ", "ลำดับ"),
        ("ล“กดับ", "ลำดับ"),
        ("ลาดับ", "ลำดับ"),
        ("ประจ“า", "ประจ“า"),
    ],
)
def test_a_header_label_whose_sara_am_was_read_apart_is_that_label(read, printed):
    assert as_printed(read, SHORTEST_IN_HEADERS) == printed


def test_a_quote_alone_or_a_label_too_far_off_stays_as_read():
    assert as_printed("ล“กา", SHORTEST_IN_HEADERS) == "ล“กา"
    assert as_printed("ล“กกาดับ", SHORTEST_IN_HEADERS) == "ล“กกาดับ"


# Cases of the round-trip matrix (seed 1, scanned at 300 dpi grey) whose list was not found:
# 0 (Tlwg Typo through reportlab): ลำดับ read ล“กาดับ on every page; 4 (weasyprint): ลำดั';
# 7 (libreoffice): a narrow status column's label, wrapped on five lines (อยู่ / ระหว่าง /
# ดำเนิน / การ) with a speck read unsurely among them, was handed to the figures model, read
# "4": a header cell with a number ended the header above ลำดับ.
LIST_NOT_FOUND = [(1, 0), (1, 7)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), LIST_NOT_FOUND)
def test_a_scanned_list_whose_header_was_misread_is_found_and_its_statuses_read(
    seed, index, tmp_path
):
    made = make_case(scanned_at(draw_case(seed, index), "300-grey"), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    warnings = [w["message"] for w in parsed.document["parse_warnings"]]
    assert "the project list was not found" not in warnings
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    assert score.status_right > 0.9 * score.statuses
    assert score.status_wrong == 0
    assert score.false_findings == []


# Labels as Tesseract read them from the narrow status columns of matrix case 864 (Umpush,
# 300 dpi): every wrapped piece lost or confused a letter, so no status word is found in two
# of them; the two already named (รอรายงาน, ไม่สามารถ) leave these two statuses.
MANGLED = {
    2: "สถานะอยผู,ระหวางดำเนินการ",
    3: "สถานะดำเนินการแลวเสเ2รูร็จ",
}
LEFT = {key: vocab.STATUS_HEADERS[key] for key in ("in_progress", "completed")}


def test_status_labels_misread_in_every_piece_take_the_statuses_they_are_nearest():
    assert assign_nearest(MANGLED, LEFT) == {"in_progress": 2, "completed": 3}
    assert assign_nearest({3: MANGLED[2], 2: MANGLED[3]}, LEFT) == {
        "in_progress": 3,
        "completed": 2,
    }


def test_a_label_near_no_status_or_two_alike_name_no_column():
    assert assign_nearest({2: "สถานะ", 3: "สถานะ"}, LEFT) == {}  # nothing read under the group
    assert assign_nearest({2: MANGLED[2], 3: MANGLED[2]}, LEFT) == {}  # both nearest one status
    assert assign_nearest({2: MANGLED[2], 3: "", 4: "ๆ"}, LEFT) == {"in_progress": 2}


def test_a_short_label_is_compared_whole():
    # A loopless font's มิติ read มดต is the dimension's label; a longer label holding ม and
    # ต is not.
    keys = {key: vocab.PROJECT_COLUMNS[key] for key in ("dimension", "remark")}
    assert assign_nearest({1: "มดต"}, keys) == {"dimension": 1}
    assert assign_nearest({1: "งบประมาณต"}, keys) == {}


# Cases of the round-trip matrix (seed 1) scanned at 300 dpi grey whose list pages lost their
# status columns to labels misread in every wrapped piece (864: Umpush, two statuses; 904:
# Noto Sans Thai, แล้วเสร็จ read แล้วเสรือ, and มิติ read มดต), or their dimension's column to
# its label read as specks (13: ==มต) or as nothing at all (21: Loma at 0.85 of its size; the
# column is known by where it is printed and what its cells hold).
LABELS_MISREAD = [(1, 864), (1, 904), (1, 13), (1, 21)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), LABELS_MISREAD)
def test_a_scanned_list_whose_labels_were_misread_has_its_columns(seed, index, tmp_path):
    made = make_case(scanned_at(draw_case(seed, index), "300-grey"), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    warnings = [w["message"] for w in parsed.document["parse_warnings"]]
    assert not [w for w in warnings if "columns not found" in w]
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    assert score.status_right == score.statuses
    dimensions = [row["dimension"] for row in parsed.document["projects"]]
    assert dimensions.count(None) <= len(dimensions) // 10
    assert score.false_findings == []


# A form's check boxes (AcroForm) print on paper, as a printer prints a form's fields: matrix
# case 3 (seed 1, reportlab) scanned at 300 dpi grey shows its ticks, and its statuses are read.
@pytest.mark.slow
def test_a_scanned_form_shows_its_check_boxes(tmp_path):
    case = scanned_at(draw_case(1, 3), "300-grey")
    assert case.marks == MarkStyle.ACROFORM
    made = make_case(case, Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    assert score.statuses > 0 and score.status_right == score.statuses


# --- a label read as a figure ----------------------------------------------------------------
# A 150-dpi grey scan of a WeasyPrint list in Umpush read its รายการโครงการ (ตั้งต้น) label as
# "8". The header ended at the first row holding a number, so the header was its first row
# alone (สถานะ), the list was not known, and its 13 rows, statuses and all, were lost. Read
# from an image, a number over a column of words is a label misread: the header goes on, and
# the name's column, its label unknown, is the one column of words between the row number's
# and the dimension's.

HEADER = (
    "ลำดับ",
    "8",  # รายการโครงการ (ตั้งต้น), misread
    "มิติ",
    "งบประมาณ (บาท)",
    "เบิกจ่าย (บาท)",
    "รอรายงาน",
    "อยู่ระหว่างดำเนินการ",
    "ดำเนินการแล้วเสร็จ",
    "ไม่สามารถดำเนินการได้",
    "หมายเหตุ",
)
ROWS = (
    ("1", "มาตรการจัดเวทีประชาคมหมู่บ้าน", "3", "0.00", "0.00", "", "", "", "", ""),
    ("2", "กิจกรรมจัดให้มีช่องทางแจ้งเบาะแสการทุจริต", "4", "10,000.00", "3,907.68", "", "", "", "", ""),
)


def list_table(header: tuple[str, ...], from_image: bool = True) -> Table:
    """A list of one header row and ROWS below, each cell one word."""
    xs = [float(40 * i) for i in range(len(header) + 1)]
    ys = [20.0 * i for i in range(len(ROWS) + 2)]
    grid = Grid(Box(0, 0, xs[-1], ys[-1]), ys, xs, [])
    confidence = 90.0 if from_image else None
    rows = []
    for row, texts in enumerate((header, *ROWS)):
        y = ys[row] + 5
        rows.append(
            [
                Cell(
                    i,
                    i,
                    grid.cell_box(row, i, i),
                    [[Word(xs[i], y, xs[i] + 9, y + 10, text, confidence)]] if text else [],
                )
                for i, text in enumerate(texts)
            ]
        )
    return Table(2, grid, rows)


def test_a_label_read_as_a_figure_over_a_column_of_names_does_not_end_the_header():
    table = list_table(HEADER)
    assert table.header_row_count() == 1
    assert classify(table, "") == "projects"


def test_the_names_column_whose_label_was_misread_is_the_column_of_words_before_the_figures():
    columns = project_columns(list_table(HEADER))
    assert columns.keys["name"] == 1
    assert (columns.keys["seq"], columns.keys["dimension"], columns.keys["budget"]) == (0, 2, 3)


def test_a_text_layers_number_ends_its_header_as_printed():
    """A text layer prints what it prints: a number there is a figure, and the rows below."""
    assert list_table(HEADER, from_image=False).header_row_count() == 0


def test_a_figure_over_a_column_of_figures_still_starts_the_body():
    """The first row of figures, read from an image, is the body's first: its numbers have
    numbers (or nothing) below them."""
    labelled = (HEADER[0], "รายการโครงการ", *HEADER[2:])
    table = list_table(labelled)
    assert table.header_row_count() == 1
    assert project_columns(table).keys["name"] == 1
