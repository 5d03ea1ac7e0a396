"""Digits read again from their shapes: Tesseract's Thai model (Debian's) reads ๔, ๖ and ๘ as
๕, ๒ and ๕ with full confidence, and Thai digits as Arabic ones now and then; so a run of
digits it reads is cut into glyphs and each is matched against the digits as fonts draw them,
Thai and Arabic (`digit_templates.npz`, built by `python -m parsers.ocr.digit_shapes
FONT…` from the fonts below). A glyph that matches two digits almost equally is doubtful:
the figure it is part of is then null.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
DIGITS = THAI_DIGITS + ARABIC_DIGITS  # the classes a glyph is matched against
TEMPLATES = Path(__file__).with_name("digit_templates.npz")
SIZE = 24  # glyphs are compared at this many pixels square
# A glyph whose best digit beats the next by less than this is doubtful (leave-one-font-out
# over the 39 fonts of TEMPLATE_FONTS: no digit misread with a margin above it).
MARGIN = 0.04
ASPECT_WEIGHT = 0.5  # how much a differing width/height ratio counts against a template


@dataclass(frozen=True)
class Reading:
    digit: str
    margin: float

    @property
    def doubtful(self) -> bool:
        return self.margin < MARGIN


def bitmap(ink: np.ndarray) -> np.ndarray:
    """A glyph's ink cropped and scaled into SIZE × SIZE, its shape kept, centred (0–255)."""
    ys, xs = np.nonzero(ink)
    glyph = (ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1] > 0).astype(np.float32)
    height, width = glyph.shape
    scale = (SIZE - 2) / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    scaled = cv2.resize(glyph, size, interpolation=cv2.INTER_AREA)
    out = np.zeros((SIZE, SIZE), np.float32)
    top, left = (SIZE - scaled.shape[0]) // 2, (SIZE - scaled.shape[1]) // 2
    out[top : top + scaled.shape[0], left : left + scaled.shape[1]] = scaled
    return (out * 255).astype(np.uint8)


def features(glyph: np.ndarray) -> np.ndarray:
    """A bitmap blurred a little and normalised, so that a dot product is a correlation."""
    smooth = cv2.GaussianBlur(glyph.astype(np.float32) / 255, (3, 3), 0.8).ravel()
    centred = smooth - smooth.mean()
    norm = float(np.linalg.norm(centred))
    return np.asarray(centred / norm if norm else centred)


@dataclass(frozen=True)
class Templates:
    features: np.ndarray  # one row per template
    digits: np.ndarray  # index into THAI_DIGITS
    aspects: np.ndarray  # width / height


@cache
def templates() -> Templates:
    data = np.load(TEMPLATES)
    rows = np.array([features(glyph) for glyph in data["bitmaps"]])
    return Templates(rows, data["digits"], data["aspects"])


def read_glyph(ink: np.ndarray, among: str = DIGITS) -> Reading:
    """The digit (one of `among`) a glyph's ink (non-zero pixels) draws, and by how much it
    won over the next best."""
    ys, xs = np.nonzero(ink)
    aspect = (xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1)
    known = templates()
    score = known.features @ features(bitmap(ink))
    score -= ASPECT_WEIGHT * np.abs(np.log(known.aspects / aspect))
    best = np.full(len(DIGITS), -np.inf)
    np.maximum.at(best, known.digits, score)
    best[[index for index, digit in enumerate(DIGITS) if digit not in among]] = -np.inf
    first, second = np.sort(best)[::-1][:2]
    return Reading(DIGITS[int(np.argmax(best))], float(first - second))


# The fonts the templates are drawn from (Debian's fonts-thai-tlwg, fonts-tlwg-*, fonts-noto-core,
# fonts-dejavu-core, fonts-liberation): every Thai family a report is printed in, regular and
# bold, and the Latin fonts that draw the digits of a Thai family without them (Noto's). Each
# font gives the digits it has: Noto's Thai families give only Thai ones (an Arabic digit they
# lack is drawn as the same empty box for all ten, a template matching no digit).
TLWG = "/usr/share/fonts/truetype/tlwg/"
TEMPLATE_FONTS = (
    *(
        f"{TLWG}{stem}{weight}.ttf"
        for stem in (
            *("Garuda", "Kinnari", "Laksaman", "Loma", "Norasi", "Sawasdee", "Umpush", "Waree"),
            *("Purisa", "TlwgTypo", "TlwgMono", "TlwgTypist"),
        )
        for weight in ("", "-Bold")
    ),
    f"{TLWG}Umpush-Light.ttf",
    *(
        f"/usr/share/fonts/truetype/noto/Noto{style}Thai-{weight}.ttf"
        for style in ("Sans", "Serif", "Looped")
        for weight in ("Regular", "Bold")
    ),
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
)


def rendered_digits(font_path: str) -> list[tuple[int, np.ndarray]]:
    """Each digit the font has (its character map), drawn large (PIL): (its index in DIGITS,
    its ink)."""
    from fontTools.ttLib import TTFont
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, 96)
    mapped = TTFont(font_path, lazy=True).getBestCmap()
    drawn = []
    for digit in (digit for digit in DIGITS if ord(digit) in mapped):
        index = DIGITS.index(digit)
        canvas = Image.new("L", (180, 180), 0)
        ImageDraw.Draw(canvas).text((30, 20), digit, font=font, fill=255)
        drawn.append((index, np.array(canvas) > 127))
    return drawn


def build(font_paths: list[str], out: Path = TEMPLATES) -> None:
    bitmaps, digits, aspects = [], [], []
    for path in font_paths:
        for index, ink in rendered_digits(path):
            ys, xs = np.nonzero(ink)
            bitmaps.append(bitmap(ink))
            digits.append(index)
            aspects.append((xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1))
    np.savez_compressed(
        out, bitmaps=np.array(bitmaps), digits=np.array(digits), aspects=np.array(aspects)
    )


if __name__ == "__main__":
    build(sys.argv[1:] or list(TEMPLATE_FONTS))
