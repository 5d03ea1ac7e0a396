"""Table cells read from an image whose text shows a misreading are read again from the grey
(parsers.ocr.cell_rereading): taken only where two more readings agree and show none; and a
project list whose ลำดับ label was misread is still known by its other labels.

The scans are cases of the round-trip matrix (seed 1) scanned at 150 dpi grey, where the
first reading loses tone marks over vowels (ขันตอน for ขั้นตอน, แต่งตัง for แต่งตั้ง)."""

from __future__ import annotations

import pytest

from parsers import Limits, parse_report
from parsers.layout.geometry import Box, Grid
from parsers.layout.page import Word
from parsers.layout.tables import Cell, Table
from parsers.ocr import page_from_image
from parsers.ocr.cell_rereading import agreed, agreed_figure, is_doubted_figure, taken
from parsers.sections.summary_tables import classify
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document


def line(*texts: str, doubtful: bool = False) -> list[Word]:
    return [
        Word(10.0 * i, 0, 10.0 * i + 9, 10, text, confidence=90.0, doubtful=doubtful)
        for i, text in enumerate(texts)
    ]


# --- when a second reading is taken ---------------------------------------------------------


# (first reading, the grey's reading, the larger grey's, is the grey's reading taken, why)
READINGS = [
    ("โครงการลดขันตอน", "โครงการลดขั้นตอน", "โครงการลดขั้นตอน", True, "they agree, read right"),
    ("โครงการลดขันตอน", "โครงการลดขั้นตอน", "โครงการลดขันตอน", False, "they disagree"),
    ("ผลการจัดชื่อจัดจ้าง", "ผลการจัดซื่อจัดจ้าง", "ผลการจัดซื่อจัดจ้าง", False, "จัดซื่อ: misread alike"),
    ("โครงการลดขันตอน 2564", "โครงการลดขั้นตอน 2561", "โครงการลดขั้นตอน2561", False, "a year changed"),
    ("ลำตดัง", "ลำด้า", "ลำด้า", False, "a few letters: no text"),
]


@pytest.mark.parametrize(("first", "grey", "larger", "taken", "why"), READINGS)
def test_a_reading_from_the_grey_is_taken_where_two_agree_and_read_right(
    first, grey, larger, taken, why
):
    assert agreed([line(*first.split())], [line(*grey.split())], larger) is taken, why


def test_readings_with_a_doubtful_word_are_not_taken():
    again = [line("โครงการลดขั้นตอน", doubtful=True)]
    assert not agreed([line("โครงการลดขันตอน")], again, "โครงการลดขั้นตอน")


def test_a_figure_in_a_reading_taken_keeps_its_first_readings_doubt():
    """A memo's line read again with its marks set down: its words of text are taken, its
    phone number is as sure as it was first (doubtful there, doubtful here), whatever the
    new reading's confidence; a sure figure read alike stays sure."""
    first = [line("ส่วนราชการ", "กองยุทธศาสตรและ", "โทร.") + line("0-5422-8441", doubtful=True)]
    again = [line("ส่วนราชการ", "กองยุทธศาสตร์และ", "โทร.", "0-5422-8441")]
    read = taken(first, again, "ส่วนราชการกองยุทธศาสตร์และโทร.๐-๕๔๒๒-๘๔๔๑")
    assert read is not None
    assert [(w.text, w.doubtful) for w in read[0]][-2:] == [("โทร.", False), ("0-5422-8441", True)]
    sure = [line("ประจำปีงบประมาณ", "2568")]
    read = taken(sure, [line("ประจำปีงบประมาณ", "2568", doubtful=False)], "ประจำปีงบประมาณ2568")
    assert read is not None and not any(w.doubtful for w in read[0])


def test_a_doubtful_word_of_text_is_not_taken_though_its_figures_may_be_doubtful():
    again = [line("กองยุทธศาสตรและ", doubtful=True) + line("2568")]
    assert taken([line("กองยุทธศาสตรและ", "2568")], again, "กองยุทธศาสตรและ2568") is None


# --- a figure read doubtfully, read again from the grey ----------------------------------------

# (the Thai model's reading of the grey, the figures model's, the Thai model's of the larger
# grey, the figure taken or None): a narrow Norasi column at 150 dpi, read 0().(0) from its
# cut ink, as the grey read it.
FIGURES_FROM_THE_GREY = [
    ("189.000.00", "189,000.00", "189.000.00", "189,000.00"),  # commas read as points
    ("92.31", "92.31", "92.31", "92.31"),
    ("2", "2", "2", "2"),  # Norasi's 2, read 1 from the cut ink
    ("560.0(0.00", "560,000.00", "%์000.00", None),  # the Thai model reads no figure
    ("35.0000.000", "35,000.00", "35.0000.00", None),  # a digit more: no agreement
    ("802.000.00", "802,000.00", "32.000.00", None),  # the larger reading lost a digit
    ("0,00", "0,00", "0,00", None),  # all three alike, but no amount's form
]


@pytest.mark.parametrize(("thai", "figure", "larger", "taken"), FIGURES_FROM_THE_GREY)
def test_a_figure_read_again_is_taken_where_three_readings_agree_on_every_digit(
    thai, figure, larger, taken
):
    assert agreed_figure(thai, figure, larger) == taken


def test_only_a_doubtful_cell_of_a_figure_is_read_again_as_one():
    assert is_doubted_figure([line("0().(0)", doubtful=True)])
    assert not is_doubted_figure([line("560,000.00")])  # sure
    assert not is_doubted_figure([line("โครงการลดขันตอน", "2564", doubtful=True)])  # text


# --- the project list known without its ลำดับ ---------------------------------------------------

LIST_LABELS = (
    "ลำตดัง",  # ลำดับ, its last letter on the column's rule
    "รายการโครงการ",
    "มิติ",
    "งบประมาณ",
    "เบิกจ่าย",
    "รอรายงาน",
    "อยู่ระหว่างดำเนินการ",
    "ดำเนินการแล้วเสร็จ",
    "ไม่สามารถดำเนินการได้",
    "หมายเหตุ",
)
STATUS_SUMMARY_LABELS = (
    "โครงการขั้นต่ำ",
    "ทั้งหมด",
    "บรรจุใน",
    "อยู่ระหว่างดำเนินการ",
    "ดำเนินการแล้วเสร็จ",
    "ไม่สามารถดำเนินการได้",
    "ผลการนำแผน",
    "ระดับ",
)


def header_table(labels: tuple[str, ...], body: str, from_image: bool = True) -> Table:
    """A header row of these labels above a row of figures, read from an image or not."""
    xs = [float(50 * i) for i in range(len(labels) + 1)]
    ys = [0.0, 20.0, 40.0]
    grid = Grid(Box(0, 0, xs[-1], 40), ys, xs, [])
    confidence = 90.0 if from_image else None
    rows = [
        [
            Cell(
                i,
                i,
                grid.cell_box(row, i, i),
                [[Word(xs[i], y, xs[i] + 9, y + 10, text, confidence)]],
            )
            for i, text in enumerate(texts)
        ]
        for row, (y, texts) in enumerate(((5.0, labels), (25.0, [body] * len(labels))))
    ]
    return Table(3, grid, rows)


def test_a_list_read_from_an_image_is_known_without_its_seq_label():
    assert classify(header_table(LIST_LABELS, "1"), "") == "projects"


def test_a_text_layer_list_still_needs_its_seq_label():
    """A text layer prints ลำดับ as it is: a table without it is no list of projects."""
    assert classify(header_table(LIST_LABELS, "1", from_image=False), "") is None


def test_a_box_of_running_text_holding_the_labels_is_no_list():
    """The closing summary framed by rules: its lines name every status, the budget and the
    disbursement, all in one column."""
    text = "-รอการรายงาน28โครงการ-อยู่ระหว่างดำเนินการ0โครงการ-ดำเนินการแล้วเสร็จ19โครงการ"
    text += "-ไม่สามารถดำเนินการได้0โครงการ-การเบิกจ่ายงบประมาณ34,000.00บาท"
    assert classify(header_table(("-", text), "-"), "") is None


def test_the_status_table_read_from_an_image_is_no_list():
    """Its status labels are the list's; its other labels are not."""
    labels = ("x", *STATUS_SUMMARY_LABELS[2:])  # its two own labels misread
    assert classify(header_table(labels, "4"), "") != "projects"


# --- on scans: more names read right, none wrong --------------------------------------------

# Cases of seed 1 scanned at 150 dpi grey: a Chromium report in Tlwg Typo, a WeasyPrint one in
# Norasi whose list's ลำดับ touches its rule.
SCANNED_150 = (8, 14)


def scored(index: int, tmp_path, reread: bool, monkeypatch) -> tuple[int, int, int]:
    case = scanned_at(draw_case(1, index), "150-grey")
    folder = tmp_path / f"{index}-{reread}"
    folder.mkdir()
    made = make_case(case, folder)
    with monkeypatch.context() as patch:
        if not reread:  # the control: each cell as first read
            patch.setattr(page_from_image, "reread_doubted_cells", lambda e, cells, i, m: cells)
        parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    return score.right, score.wrong, score.findings_false


@pytest.mark.slow
def test_cells_read_again_read_more_right_and_nothing_wrong(tmp_path, monkeypatch):
    before = [scored(index, tmp_path, False, monkeypatch) for index in SCANNED_150]
    after = [scored(index, tmp_path, True, monkeypatch) for index in SCANNED_150]
    assert all(wrong == false == 0 for _, wrong, false in after), after
    assert sum(right for right, _, _ in after) > sum(right for right, _, _ in before)
    assert all(a[0] >= b[0] for a, b in zip(after, before, strict=True))
