"""The project list found by its header read from a scan (issue 19): a label whose SARA AM
was read apart, its ring as a quote mark and its SARA AA as another letter (ลำดับ read
ล“กาดับ or ล“กดับ), is still that label, so the table holding it is the project list and its
statuses are read, not lost with a "the project list was not found" warning. A label wrapped
over several lines in a narrow header cell is text, never a figure (a figure in the header
ends it: the rows above a number are the header)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import Limits, parse_report
from parsers.language import vocabulary as vocab
from parsers.language.vocabulary_match import SHORTEST_IN_HEADERS, as_printed
from parsers.layout.columns import assign_nearest
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
