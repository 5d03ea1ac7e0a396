"""A memo's date read from its image: right, or null with an `ocr:` warning, never a digit
short (issues 18, 19). At 150 dpi Tesseract boxes a Thai day's digits a digit's width right of
their ink, and the tone mark of วันที่ before them over the first one: that digit was taken
for the mark's ink, ๒๘ read ๘ and ๑๑ read ๑, the memo "dated before its data", and a METADATA
finding accused the report."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers import Limits, parse_report
from parsers.ocr.engine import TextPiece
from parsers.ocr.words import Token, reread_digits
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document
from sample_reports.generator.thai_fonts import FONTS_BY_KEY
from tests.contract import SAMPLES_DIR

SIZE = 40  # pixels: a memo's 16-point type scanned at 150 dpi, brought up to 300
FONTS = ("loma", "sawasdee", "laksaman", "norasi")


def drawn(text: str, font_key: str) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """The ink (255) of `text` drawn in the font, and its glyphs' boxes, left to right."""
    font = ImageFont.truetype(str(FONTS_BY_KEY[font_key].regular), SIZE)
    canvas = Image.new("L", (SIZE * len(text), SIZE * 4), 0)
    ImageDraw.Draw(canvas).text((SIZE // 2, SIZE), text, font=font, fill=255)
    ink = ((np.array(canvas) > 127) * 255).astype(np.uint8)
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    boxes = sorted((x, y, x + w, y + h) for x, y, w, h, _area in stats[1:count])
    return ink, boxes


def line_height(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    """Top and bottom of the pieces Tesseract gives on a Thai line: the height of the marks
    over and under the letters, not of the letters' ink alone."""
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    height = bottom - top
    return top - height, bottom + height // 2


def piece(text: str, left: float, right: float, top: int, bottom: int) -> TextPiece:
    return TextPiece(text, round(left), top, round(right), bottom, 92.0)


def misplaced_line(
    day: str, read: str, font_key: str, stealer: str
) -> tuple[np.ndarray, list[TextPiece], list[TextPiece]]:
    """The ink of "ท <day>" and pieces as Tesseract gave them at 150 dpi: `stealer` (a tone
    mark, or a letter) boxed from left of the day's first digit over its first third, and
    the digits it read (`read`) boxed over the last digit's ink alone."""
    ink, boxes = drawn(f"ท {day}", font_key)
    letter, first, last = boxes[0], boxes[1], boxes[-1]
    width = first[2] - first[0]
    top, bottom = line_height(boxes)
    line = [
        piece("ท", letter[0], letter[2], top, bottom),
        piece(stealer, first[0] - 0.4 * width, first[0] + 0.3 * width, top, bottom),
    ]
    step = (last[2] - last[0]) / len(read)
    digits = [
        piece(digit, last[0] + i * step, last[0] + (i + 1) * step, top, bottom)
        for i, digit in enumerate(read)
    ]
    return ink, line + digits, digits


@pytest.mark.parametrize("font_key", FONTS)
@pytest.mark.parametrize(("day", "read"), [("๒๘", "๒๑๕"), ("๑๑", "๑๐")])
def test_a_tone_marks_box_takes_no_digit_of_the_day(day, read, font_key):
    """The tone mark's box lies over the day's first digit: the digit is the day's all the
    same (a mark is drawn over a letter, never on the line)."""
    ink, line, digits = misplaced_line(day, read, font_key, "\u0e48")
    text, doubtful, _kept = reread_digits(Token(digits), ink, line)
    assert (text, doubtful) == (day, False)


@pytest.mark.parametrize("font_key", FONTS)
@pytest.mark.parametrize(("day", "read"), [("๒๘", "๒๑๕"), ("๑๑", "๑๐")])
def test_a_digit_a_letters_box_took_leaves_the_day_doubtful(day, read, font_key):
    """A letter's box over the first digit takes it: fewer glyphs than Tesseract read digits,
    with a digit-high glyph set close beside them, is a day read short: doubtful."""
    ink, line, digits = misplaced_line(day, read, font_key, "ย")
    text, doubtful, _kept = reread_digits(Token(digits), ink, line)
    assert text == day or doubtful


@pytest.mark.parametrize("font_key", FONTS)
def test_one_digit_tesseract_cut_in_two_stays_sure(font_key):
    """A lone ๖ read ๐๒ (one glyph, two pieces), a space from the words beside it: the shape
    is right and nothing stands close beside it."""
    ink, boxes = drawn("ท ๖ ต", font_key)
    letter, six, after = boxes[0], boxes[1], boxes[-1]
    top, bottom = line_height(boxes)
    middle = (six[0] + six[2]) / 2
    digits = [piece("๐", six[0], middle, top, bottom), piece("๒", middle, six[2], top, bottom)]
    line = [
        piece("ท", letter[0], letter[2], top, bottom),
        *digits,
        piece("ต", after[0], after[2], top, bottom),
    ]
    text, doubtful, _kept = reread_digits(Token(digits), ink, line)
    assert (text, doubtful) == ("๖", False)


# --- the matrix's cases that showed it, and a committed scan ----------------------------------

# (seed, index) of the round-trip matrix at N = 1,000: a memo scanned at 150 dpi (Loma grey,
# Sawasdee black and white) dated ๒๘ ก.ย. ๖๒ and ๑๑ ต.ค. ๖๙.
SHORT_DAYS = [(1, 421), (1, 965)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), SHORT_DAYS)
def test_a_memo_date_is_right_or_null_and_accuses_no_one(seed, index, tmp_path):
    made = make_case(draw_case(seed, index), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    doc = parsed.document
    date = doc["memo"]["date"]
    warned = any(w["message"].startswith("ocr: memo.date:") for w in doc["parse_warnings"])
    assert date == made.truth["memo"]["date"] or (date is None and warned), date
    score = score_document(made.truth, doc, evidence=parsed.evidence)
    assert score.findings_false == 0, score.false_findings


# A day's second digit boxed by Tesseract from the tone mark of วันที่ above it down to the
# line below: the run's box rose, and its first digit (๑ of ๑๖, whole on the line) lay under
# the box's middle: ๑๖ read ๖, sure (matrix case 13, seed 1, 300 dpi grey, Waree).
STRETCHED_DAYS = [(1, 13)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), STRETCHED_DAYS)
def test_a_day_whose_digit_was_boxed_over_a_mark_is_read_whole(seed, index, tmp_path):
    made = make_case(scanned_at(draw_case(seed, index), "300-grey"), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    assert parsed.document["memo"]["date"] == made.truth["memo"]["date"]


@pytest.mark.slow
def test_the_committed_150_dpi_memo_keeps_its_date():
    pdf = SAMPLES_DIR / "scanned-filed-as-usual-150.pdf"
    doc = parse_report(pdf.read_bytes(), filename=pdf.name, limits=Limits()).document
    assert doc["memo"]["date"] == "2023-03-20"
