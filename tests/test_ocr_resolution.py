"""Scans coarser than pages are read at (issue 19, "Resolution and mode"): a 150-dpi scan's
resolution measured from its image and compared with a tolerance, letters brought up from 150
dpi read at their printed weight, a label set across two rows of a table read whole, and
generated 150-dpi grey and 200-dpi black-and-white reports whose summary tables are read."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers import Limits, parse_report
from parsers.layout.geometry import Box
from parsers.ocr.document import read_from_images
from parsers.ocr.page_from_image import cell_boxes
from parsers.ocr.page_image import PageImage, letter_ink, threshold
from parsers.ocr.rules import ruled_grids
from parsers.text_layer.page_reader import read_page
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import places, same, score_document
from tests.contract import REPO, SAMPLES_DIR

DPI = 300.0
THAI_FONT = REPO / "sample_reports" / "generator" / "fonts" / "NotoSansThai-Regular.ttf"
A4 = (595.32, 841.92)  # points, as a scanner's software sizes the page
FILED_150 = SAMPLES_DIR / "scanned-filed-as-usual-150.pdf"


def px(points: float, dpi: float = DPI) -> int:
    return round(points * dpi / 72)


# --- the scan's resolution, measured from its image ----------------------------------------


def memo_scan(dpi: float) -> Image.Image:
    """The committed 150-dpi filing's memo scan, brought to `dpi` over an A4 page's width."""
    with pdfplumber.open(FILED_150) as pdf:
        image = pdf.pages[0].images[0]["stream"].get_data()
    scan = Image.open(io.BytesIO(image)).convert("L")
    width = int(A4[0] / 72 * dpi)  # whole pixels, as a scanner makes them: never quite `dpi`
    return scan.resize((width, round(width * scan.height / scan.width)), Image.Resampling.LANCZOS)


def scanned_pdf(image: Image.Image) -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out, buffer = io.BytesIO(), io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    buffer.seek(0)
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(buffer), 0, 0, *A4)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def read_scan(data: bytes):
    """The scan's resolution as measured, its pages as read from their images, and what
    reading them did."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [read_page(page) for page in pdf.pages]
    measured = pages[0].scan_dpi
    return measured, pages, read_from_images(data, pages, Limits(), lambda _extra: None)


def test_a_150_dpi_scan_that_measures_a_little_under_150_is_read():
    measured, pages, reading = read_scan(scanned_pdf(memo_scan(150)))
    assert 149.9 < measured < 150  # 1240 pixels over 8.27 inches: 149.97 dpi
    assert not reading.unreadable
    assert reading.read[1] > 80
    words = "".join(word.text for line in pages[0].lines for word in line)
    assert "บันทึกข้อความ" in words


def test_a_coarser_scan_is_left_unread_saying_its_resolution_truly():
    measured, pages, reading = read_scan(scanned_pdf(memo_scan(120)))
    assert measured == pytest.approx(120, abs=0.2)
    assert reading.unreadable == {1: "scanned at 120 dpi, under the 150 dpi it needs"}
    assert not reading.read and pages[0].read_from_image is None


# --- letters at their printed weight ---------------------------------------------------------

LABEL = "มิติ ดำเนินการแล้ว ชื่อ อปท."


def drawn_label(dpi: float) -> np.ndarray:
    """The label printed at 11 pt at `dpi`: grey, dark ink on white."""
    font = ImageFont.truetype(str(THAI_FONT), px(11, dpi))
    page = Image.new("L", (px(200, dpi), px(24, dpi)), 255)
    ImageDraw.Draw(page).text((px(6, dpi), px(4, dpi)), LABEL, font=font, fill=20)
    return np.array(page)


def scanned_at_150(printed: np.ndarray, quality: int = 50) -> np.ndarray:
    """As a 150-dpi JPEG scan rendered at 300 dpi: half the pixels, blurred, brought back up."""
    height, width = printed.shape
    coarse = cv2.resize(printed, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    coarse = cv2.GaussianBlur(coarse, (0, 0), 0.6)
    _ok, jpeg = cv2.imencode(".jpg", coarse, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.resize(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), (width, height), cv2.INTER_LINEAR)


def test_letters_brought_up_from_150_dpi_are_read_at_their_printed_weight():
    printed = drawn_label(DPI)
    printed_ink = int((printed < 128).sum())
    grey = scanned_at_150(printed)
    otsu = threshold(grey)
    letters = letter_ink(grey, otsu)
    otsu_ink, letters_ink = int((otsu > 0).sum()), int((letters > 0).sum())
    assert otsu_ink > 1.3 * printed_ink  # Otsu's ink: the strokes thickened
    assert abs(letters_ink - printed_ink) < 0.5 * (otsu_ink - printed_ink)  # cut back
    assert letters_ink > 0.9 * printed_ink  # not thinned away
    assert not (letters & ~otsu).any()  # only ever less ink than Otsu's


def test_a_stroke_that_never_prints_black_keeps_its_ink():
    grey = np.full((60, 200), 255, np.uint8)
    cv2.line(grey, (20, 30), (180, 30), 150, 2)  # a hairline scanned grey, never black
    ink = threshold(grey)
    assert (letter_ink(grey, ink) > 0).sum() == (ink > 0).sum()


def test_the_memo_of_the_usual_filing_at_150_dpi_is_read_whole():
    doc = parse_report(FILED_150.read_bytes(), filename=FILED_150.name, limits=Limits()).document
    memo = doc["memo"]
    assert memo["subject"].startswith("รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต")
    assert memo["date"] == "2023-03-20"
    assert memo["addressee"] == "นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ์"
    assert not any("dpi" in w["message"] for w in doc["parse_warnings"])


# --- a label set across two rows -------------------------------------------------------------


def header_grid_page() -> PageImage:
    """A table's header: its first column's label spans both header rows (no rule between
    them there), the other columns are divided; then a row of figures."""
    grey = np.full((px(140), px(320)), 255, np.uint8)
    xs, ys = [20, 120, 220, 300], [20, 45, 70, 95]
    for x in xs:
        cv2.line(grey, (px(x), px(ys[0])), (px(x), px(ys[-1])), 0, 3)
    for y in (ys[0], ys[2], ys[3]):
        cv2.line(grey, (px(xs[0]), px(y)), (px(xs[-1]), px(y)), 0, 3)
    cv2.line(grey, (px(xs[1]), px(ys[1])), (px(xs[-1]), px(ys[1])), 0, 3)  # not over column 0
    return PageImage(grey, threshold(grey), DPI, 0.0)


def test_a_label_across_two_rows_is_read_as_one_cell():
    image = header_grid_page()
    (grid,), _ink = ruled_grids(image)
    assert len(grid.ys) == 4 and len(grid.xs) == 4
    boxes = list(cell_boxes(grid, image.ink, image))
    first_column = [box for box in boxes if box.x0 == pytest.approx(grid.xs[0])]
    assert len(first_column) == 2  # the label's two rows as one cell, and the figures' row
    assert first_column[0] == Box(grid.xs[0], grid.ys[0], grid.xs[1], grid.ys[2])
    assert len(boxes) == 2 + 3 * 2  # the other columns: a cell in each row


# --- generated reports at 150 dpi grey and 200 dpi black and white --------------------------

TABLES = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index", "level"), [(3, 3, "150-grey"), (5, 2, "200-bw")])
def test_the_summary_tables_of_a_coarse_scan_are_found_and_read(seed, index, level, tmp_path):
    """Cases of the round-trip matrix whose summary tables were not found at all (their
    labels read too bold to be known at 150 dpi, or cut in two across a row's rule)."""
    made = make_case(scanned_at(draw_case(seed, index), level), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    doc = parsed.document
    truth, read = places(made.truth), places(doc)
    in_tables = [place for place in truth if place.section in TABLES]
    wrong = [p.path for p in in_tables if read.get(p) is not None and not same(truth[p], read[p])]
    right = [p for p in in_tables if read.get(p) is not None and same(truth[p], read[p])]
    assert not wrong, wrong
    assert len(right) >= 0.8 * len(in_tables), f"{len(right)} of {len(in_tables)} read"
    score = score_document(made.truth, doc, evidence=parsed.evidence)
    assert score.findings_false == 0, score.false_findings
