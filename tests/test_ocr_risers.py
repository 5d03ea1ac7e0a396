"""What a word's ink shows that its text read from an image lacks, where both readings are
words (`parsers.ocr.marks`): a letter rising above the others' tops read as its plain
look-alike (เผ่าระวัง for เฝ้าระวัง), and two marks set one on the other and touching read as
one (โครงการอิน for โครงการอื่น). Every Thai family Debian ships, drawn by Pillow with
HarfBuzz; a right reading is never doubted, in any of them, at a scan's weights."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.marks import mark_components, marks_in, marks_lost
from sample_reports.generator.thai_fonts import THAI_FONTS

FONT_KEYS = [font.key for font in THAI_FONTS]
SIZE = 36  # pixels: 14-point type at 200 dpi, about
Rect = tuple[int, int, int, int]


def drawn(
    text: str, font_key: str, bolder: int = 0, shaped: bool = True
) -> tuple[np.ndarray, Rect]:
    """The ink (255) of `text` in the font, made `bolder` pixels heavier as a dark scan
    prints it, and the box of its ink; `shaped` False: each glyph by its own metrics, as a
    producer that does not position Thai marks prints it."""
    font = next(font for font in THAI_FONTS if font.key == font_key)
    layout = ImageFont.Layout.RAQM if shaped else ImageFont.Layout.BASIC
    face = ImageFont.truetype(str(font.regular), SIZE, layout_engine=layout)
    canvas = Image.new("L", (SIZE * len(text), SIZE * 4), 0)
    ImageDraw.Draw(canvas).text((SIZE // 2, SIZE), text, font=face, fill=255)
    ink = ((np.array(canvas) > 127) * 255).astype(np.uint8)
    if bolder:
        ink = cv2.dilate(ink, np.ones((bolder + 1, bolder + 1), np.uint8))
    ys, xs = np.nonzero(ink)
    return ink, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


# Read right, each of these must be taken, in every family: risers of every kind (ascenders,
# leading vowels, SARA AM, a hand-like font's ช ร ส), tall single marks (MAITAIKHU,
# THANTHAKHAT), marks stacked.
RIGHT = [
    "นครราชสีมา",
    "โครงการประชุมสภาสัญจร",
    "มาตรการมอบอำนาจและกระจายอำนาจการตัดสินใจ",
    "ส่งเสริมคุณธรรมจริยธรรม",
    "ไม่ได้ดำเนินการ",
    "ชุมชนเข้มแข็ง",
    "ธรรมาภิบาลฐานข้อมูล",
    "ซื่อสัตย์สุจริต",
    "จันทร์เพ็ญ",
    "ปลูกฝังวิถีคิดแยกแยะผลประโยชน์",
    "โครงการอื่น",
]


@pytest.mark.parametrize("font_key", FONT_KEYS)
@pytest.mark.parametrize("bolder", [0, 1, 2])
@pytest.mark.parametrize("shaped", [True, False])
def test_a_right_reading_is_not_doubted(font_key, bolder, shaped):
    for text in RIGHT:
        counted = marks_in(*drawn(text, font_key, bolder, shaped))
        assert counted is not None
        assert not marks_lost(text, counted), (text, counted)


# A riser read as its look-alike that does not rise. (Where a mark over the riser touches it,
# the ink cannot tell a riser from a letter its mark touches: it is not doubted.)
RISER_MISREADINGS = [
    ("การประชาคม", "การบระชาคม"),
    ("ปราบปราม", "บราบปราม"),
    ("ฟอกเงินและทุจริต", "พอกเงินและทุจริต"),
]


@pytest.mark.parametrize("font_key", FONT_KEYS)
@pytest.mark.parametrize("shaped", [True, False])
@pytest.mark.parametrize(("printed", "read"), RISER_MISREADINGS)
def test_a_riser_read_as_its_plain_look_alike_is_doubted(font_key, shaped, printed, read):
    counted = marks_in(*drawn(printed, font_key, shaped=shaped))
    assert counted is not None
    assert marks_lost(read, counted), counted


def joined_marks(ink: np.ndarray, rect: Rect) -> np.ndarray:
    """The ink with its two stacked upper marks joined, as a scan's dark ink joins them."""
    left, top, right, bottom = rect
    region = ink[top:bottom, left:right]
    _n, _labels, stats, _c = cv2.connectedComponentsWithStats(region, connectivity=8)
    found = mark_components([(int(x), int(y), int(w), int(h)) for x, y, w, h, _a in stats[1:]])
    assert found is not None
    lower_mark, upper_mark = sorted(found.upper, key=lambda c: -c[1])[:2]
    assert upper_mark[1] < lower_mark[1]  # set one on the other
    joined = ink.copy()
    x = left + max(lower_mark[0], upper_mark[0]) + 1
    joined[top + upper_mark[1] + upper_mark[3] - 1 : top + lower_mark[1] + 1, x : x + 2] = 255
    return joined


# The families whose two marks set one on the other stand, joined, taller than one can
# (TWO_MARKS_TALL); Sawasdee's and Noto's marks are small, and their pair is not.
STACKS_TALL = ["laksaman", "garuda", "kinnari", "norasi", "umpush", "waree"]


@pytest.mark.parametrize("font_key", STACKS_TALL)
def test_two_marks_touching_read_as_one_are_doubted(font_key):
    ink, rect = drawn("อื่น", font_key)
    counted = marks_in(joined_marks(ink, rect), rect)
    assert counted is not None
    assert not marks_lost("อื่น", counted)
    assert marks_lost("อิน", counted), counted
