"""A page as an image to read: rendered in grey, its background evened out, turned straight.

Scanners tilt pages by a degree or two and print on grey, uneven paper; Tesseract and the
ruling-line finder both want straight, black-on-white pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from parsers.layout.geometry import Box
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.safety.pdfium_lock import PDFIUM_LOCK


@dataclass
class PageImage:
    grey: np.ndarray  # straightened, background evened out: dark ink on white
    ink: np.ndarray  # 255 where there is ink (the grey image thresholded)
    dpi: float
    skew: float  # degrees the scan was turned by (and turned back)
    scan_dpi: float | None = None  # the scan's own resolution, where a scan covers the page

    @property
    def blurred(self) -> bool:
        """Scanned coarser than it is read (150 dpi): its letters' edges spread over grey
        pixels that Otsu's threshold takes for ink."""
        return self.scan_dpi is not None and self.scan_dpi < OCR_TOLERANCES.blurred_below_dpi

    @property
    def points_per_pixel(self) -> float:
        return 72.0 / self.dpi

    def to_points(self, pixels: float) -> float:
        return pixels * self.points_per_pixel

    def to_pixels(self, points: float) -> int:
        return round(points / self.points_per_pixel)


def render(pdf_page: Any, dpi: float) -> np.ndarray:
    """A pypdfium2 page, rendered in grey at `dpi`: under `PDFIUM_LOCK`, the bitmap copied
    out and freed within it."""
    with PDFIUM_LOCK:
        bitmap = pdf_page.render(scale=dpi / 72.0, grayscale=True)
        image = np.array(bitmap.to_pil().convert("L"))
        bitmap.close()
    return image


def even_background(grey: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness (a wide blur without the ink): shading, a darker
    sheet and a gradient from the scanner's lamp become white."""
    size = max(15, (min(grey.shape) // 40) | 1)
    paper = cv2.morphologyEx(
        grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    )
    paper = cv2.GaussianBlur(paper, (0, 0), size / 2)
    evened = cv2.divide(grey, np.maximum(paper, 1), scale=255)
    return evened


def threshold(grey: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def letter_ink(grey: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The ink of letters at their printed weight. A coarse scan brought up to 300 dpi spreads
    each stroke into greys that Otsu's threshold, pulled up by them, counts as ink: letters
    thicken and their marks run into them (มิติ read มด). A stroke's edge is half-way between
    its core (the darkest grey near it) and the paper: a thin stroke that never prints black
    keeps what Otsu gave it, a bold one is cut back to its width."""
    reach = 2 * round(OCR_TOLERANCES.stroke_core * OCR_TOLERANCES.dpi / 72) + 1
    core = cv2.erode(grey, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach)))
    edge = cv2.add(
        cv2.divide(core, np.full_like(core, 2)), 128
    )  # (core + 255) / 2, in whole grey levels
    return cv2.bitwise_and(ink, cv2.compare(grey, edge, cv2.CMP_LT))


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees) that makes text lines and rules horizontal: the one whose rows of
    ink are the most sharply separated (the projection profile's variance), searched coarse
    then fine on a reduced image."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    limit, coarse, fine = (
        OCR_TOLERANCES.max_skew,
        OCR_TOLERANCES.skew_step,
        OCR_TOLERANCES.skew_step / 5,
    )

    def sharpness(angle: float) -> float:
        return float(np.var(rotated(small, angle, fill=0).sum(axis=1, dtype=np.float64)))

    best = max(np.arange(-limit, limit + coarse / 2, coarse), key=sharpness)
    best = max(np.arange(best - coarse, best + coarse + fine / 2, fine), key=sharpness)
    return float(round(best, 2))


def rotated(image: np.ndarray, angle: float, fill: int) -> np.ndarray:
    if angle == 0:
        return image
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def page_image(grey: np.ndarray, dpi: float, scan_dpi: float | None = None) -> PageImage:
    """The rendered page made ready to read: even, straight, thresholded."""
    evened = even_background(grey)
    angle = skew_angle(threshold(evened))
    straight = rotated(evened, angle, fill=255)
    return PageImage(straight, threshold(straight), dpi, angle, scan_dpi)


def pixel_rect(box: Box, image: PageImage, inset: float = 0.0) -> tuple[int, int, int, int]:
    """A box in points → (left, top, right, bottom) pixels, `inset` points inside it."""
    height, width = image.ink.shape
    left = max(0, image.to_pixels(box.x0 + inset))
    top = max(0, image.to_pixels(box.top + inset))
    right = min(width, image.to_pixels(box.x1 - inset))
    bottom = min(height, image.to_pixels(box.bottom - inset))
    return left, top, right, bottom
