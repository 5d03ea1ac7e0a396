"""150-dpi grey scans (issue 19, "Resolution and mode"): what a coarse scan does to a page and
how it is read anyway. A letter's stem that runs into a row's rule is no column's rule; a
comma whose tail the threshold lost is told from a point by the grey under it; a header label
read a letter off is still known; and a generated report scanned at 150 dpi grey has its
statuses read right or null, never wrong."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers import Limits, parse_report
from parsers.language.vocabulary_match import SHORTEST_IN_HEADERS, as_printed
from parsers.ocr.figures import same_shapes_at_full_weight, with_commas
from parsers.ocr.page_image import PageImage, letter_ink, threshold
from parsers.ocr.rules import ruled_grids
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document
from tests.contract import REPO
from tests.test_ocr_resolution import scanned_at_150

DPI = 300.0
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
THAI_FONT = REPO / "sample_reports" / "generator" / "fonts" / "NotoSansThai-Regular.ttf"


def px(points: float) -> int:
    return round(points * DPI / 72)


def at_150_dpi(printed: np.ndarray) -> np.ndarray:
    """As a 150-dpi JPEG scan (quality 60) rendered at 300 dpi."""
    return scanned_at_150(printed, quality=60)


# --- a letter's stem run into a rule ---------------------------------------------------------


def ruled_table(stem: bool) -> PageImage:
    """Three columns, three rows; with `stem`, a letter's stem (13 pt, as long as a short rule)
    standing on the second row's rule in the middle of the first column's cell."""
    grey = np.full((px(120), px(320)), 255, np.uint8)
    xs, ys = [20, 120, 220, 300], [20, 50, 80, 110]
    for x in xs:
        cv2.line(grey, (px(x), px(ys[0])), (px(x), px(ys[-1])), 0, 3)
    for y in ys:
        cv2.line(grey, (px(xs[0]), px(y)), (px(xs[-1]), px(y)), 0, 3)
    if stem:
        cv2.line(grey, (px(70), px(ys[1]) - px(13)), (px(70), px(ys[1])), 0, 4)
    return PageImage(grey, threshold(grey), DPI, 0.0)


def test_a_stem_run_into_a_rule_adds_no_column():
    (plain,), _ink = ruled_grids(ruled_table(stem=False))
    (stemmed,), _ink = ruled_grids(ruled_table(stem=True))
    assert len(plain.xs) == 4
    assert stemmed.xs == pytest.approx(plain.xs, abs=1)  # the stem is no column's rule
    assert stemmed.ys == pytest.approx(plain.ys, abs=1)


# --- commas told from points by their grey ----------------------------------------------------


def scanned_amount(text: str) -> tuple[np.ndarray, np.ndarray, tuple[int, int, int, int]]:
    """`text` printed at 11 pt in a light sans, scanned at 150 dpi: the grey, the ink cells
    are read from (letters at their printed weight), and the cell's rectangle."""
    font = ImageFont.truetype(str(LATIN_FONT), px(11))
    page = Image.new("L", (px(110), px(22)), 255)
    ImageDraw.Draw(page).text((px(6), px(4)), text, font=font, fill=70)
    grey = at_150_dpi(np.array(page))
    ink = letter_ink(grey, threshold(grey))
    height, width = grey.shape
    return grey, ink, (0, 0, width, height)


@pytest.mark.parametrize("amount", ["211,500.00", "1,234,567.89", "9,019.89"])
def test_points_read_for_commas_are_the_commas_their_grey_shows(amount):
    grey, ink, rect = scanned_amount(amount)
    assert with_commas(amount.replace(",", "."), grey, ink, rect) == amount


@pytest.mark.parametrize("printed", ["211.500.00", "9.019.89"])
def test_points_printed_stay_points(printed):
    """A figure printed with points (no amount) is not made one: its dots have no tails."""
    grey, ink, rect = scanned_amount(printed)
    assert with_commas(printed, grey, ink, rect) == printed


def test_without_the_grey_nothing_is_restored():
    _grey, ink, rect = scanned_amount("211,500.00")
    assert with_commas("211.500.00", None, ink, rect) == "211.500.00"


# --- a header label read a letter off -------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "label"),
    [("ล่าดัก", "ลำดับ"), ("ลำดั", "ลำดับ"), ("หมายเหต", "หมายเหตุ")],
)
def test_a_header_label_a_letter_off_is_that_label(read, label):
    assert as_printed(read, SHORTEST_IN_HEADERS) == label


@pytest.mark.parametrize("read", ["มาก", "ลำ", "1", "100,000.00", "กขคงจ"])
def test_what_is_near_no_label_or_too_short_stays_as_read(read):
    assert as_printed(read, SHORTEST_IN_HEADERS) == read


# --- a generated report scanned at 150 dpi grey ---------------------------------------------


@pytest.mark.slow
def test_statuses_of_a_150_dpi_grey_scan_are_right_or_null(tmp_path):
    """Case 4 of the matrix's seed 1 (WeasyPrint, Umpush, bare ticks), scanned at 150 dpi grey:
    a letter's stem run into a row's rule made its first list pages' grids one column wider
    than the list, and their rows were not read (14 of 30 statuses)."""
    made = make_case(scanned_at(draw_case(1, 4), "150-grey"), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document, evidence=parsed.evidence)
    assert score.status_wrong == 0
    assert score.status_right >= 0.7 * score.statuses, (score.status_right, score.statuses)
    assert score.findings_false == 0, score.false_findings


@pytest.mark.slow
def test_a_doubted_figure_three_readings_agree_on_keeps_their_reading(tmp_path):
    """Case 338 of seed 1 (Chromium, Kinnari 1.15, 150 dpi grey): a dimension's 2 read from the
    grey alike by both models and at 1.5x was read again from the cut ink's shapes, a ๑ there
    (its foot cut): a doubtful 1, null. Of 30 dimensions 12 were read; the agreed 2s are now."""
    case = draw_case(1, 338)
    assert case.scan is not None and case.scan.level == "150-grey", "the draw changed"
    made = make_case(case, Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    read = [row["dimension"] for row in parsed.document["projects"]]
    printed = [row["dimension"] for row in made.truth["projects"]]
    assert len(read) == len(printed)
    assert all(got in (None, want) for got, want in zip(read, printed, strict=True))
    assert sum(got is not None for got in read) >= 18, read


# --- a digit's light stroke ------------------------------------------------------------------


def scanned_seven() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A 7 whose bar printed lighter than its stem, scanned at 150 dpi: its grey and cell."""
    font = ImageFont.truetype(str(LATIN_FONT), px(11))
    page = Image.new("L", (px(40), px(22)), 255)
    ImageDraw.Draw(page).text((px(6), px(4)), "7", font=font, fill=30)
    printed = np.array(page)
    rows = np.flatnonzero((printed < 128).any(axis=1))
    bar = printed[rows[0] : rows[0] + (rows[-1] - rows[0]) // 5]
    bar[bar < 128] = 170
    grey = at_150_dpi(printed)
    return grey, (0, 0, grey.shape[1], grey.shape[0])


def test_shapes_settling_a_disagreement_must_read_so_from_whole_strokes():
    """The Thai model and the shapes of a cut-back ink read a 7 as 1 alike (the figures
    model read 7): the shapes of the grey's whole strokes are asked too."""
    grey, rect = scanned_seven()
    assert same_shapes_at_full_weight("7", grey, rect)
    assert not same_shapes_at_full_weight("1", grey, rect)
    assert not same_shapes_at_full_weight("7", None, rect)  # no grey: nothing vouches
