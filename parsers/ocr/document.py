"""Which pages of a document are read from their images, and reading them.

A page is read from its image when it has no text layer, or an unusable one (glyphs with no
letters, an invisible layer of Latin junk over a scan). Pages read too poorly (a low mean
confidence) are left as image-only pages: what they hold is unknown, not guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from parsers.layout.page import PageContent
from parsers.layout.tolerances import OCR_TOLERANCES
from parsers.ocr.engine import EngineMissing, engine_missing, opened_engine
from parsers.safety.limits import Limits
from parsers.safety.pdfium_lock import PDFIUM_LOCK

if TYPE_CHECKING:  # numpy is loaded with OpenCV, only for pages read from images
    import numpy as np


@dataclass
class ImageReading:
    """What reading images did: the engine's absence, or the pages read and those not."""

    missing: EngineMissing | None = None
    switched_off: bool = False
    read: dict[int, float] = field(default_factory=dict)  # page → mean confidence
    unreadable: dict[int, str] = field(default_factory=dict)  # page → why


def needs_image(page: PageContent) -> bool:
    return not page.has_text or page.unusable


def read_from_images(
    data: bytes,
    pages: list[PageContent],
    limits: Limits,
    deadline: Callable[[float], None],
) -> ImageReading:
    """Replace each page that needs it by the page read from its image. `deadline(seconds)`
    is told of the time each page adds to the limit, and raises when the parse overran."""
    wanted = [index for index, page in enumerate(pages) if needs_image(page)]
    if not wanted:
        return ImageReading()
    if not limits.ocr:
        return ImageReading(switched_off=True)
    missing = engine_missing()
    if missing is not None:
        return ImageReading(missing=missing)
    # Loaded only for a document with pages to read from images: OpenCV and numpy take some
    # 100 MB of the parsing process's address space (RAINGAN_MAX_MEMORY_MB).
    import pypdfium2

    from parsers.ocr.page_from_image import page_from_image
    from parsers.ocr.page_image import page_image

    reading = ImageReading()
    with PDFIUM_LOCK:  # as every call into PDFium (parsers.safety.pdfium_lock)
        document = pypdfium2.PdfDocument(data)
    try:
        with opened_engine() as engine:
            for index in wanted:
                page = pages[index]
                if too_coarse(page):
                    reading.unreadable[page.number] = coarse_reason(page)
                    continue
                deadline(OCR_TOLERANCES.seconds_per_page)
                grey = rendered(document, index)
                image = page_image(grey, OCR_TOLERANCES.dpi, page.scan_dpi)
                read = page_from_image(image, engine, page.number, page.width, page.height)
                confidence = read.read_from_image
                if confidence is None or confidence < OCR_TOLERANCES.page_confidence:
                    shown = "no text found" if confidence is None else f"{confidence:.0f}%"
                    reading.unreadable[page.number] = f"mean confidence {shown}"
                    continue
                pages[index] = read
                reading.read[page.number] = confidence
    finally:
        with PDFIUM_LOCK:
            document.close()
    return reading


def rendered(document: Any, index: int) -> np.ndarray:
    """Page `index` of a pypdfium2 document, rendered in grey to be read: loaded and closed
    under PDFIUM_LOCK too (left to the garbage collector, it would be closed unlocked)."""
    from parsers.ocr.page_image import render  # with OpenCV, as in read_from_images

    with PDFIUM_LOCK:
        pdf_page = document[index]
        try:
            return render(pdf_page, OCR_TOLERANCES.dpi)
        finally:
            pdf_page.close()


def coarsest_dpi() -> float:
    """The coarsest scan read: the least resolution, less what measuring it may be off by."""
    return OCR_TOLERANCES.min_scan_dpi * (1 - OCR_TOLERANCES.scan_dpi_slack)


def too_coarse(page: PageContent) -> bool:
    """Scanned too coarsely for Thai to be read: its marks are a pixel or two."""
    return page.scan_dpi is not None and page.scan_dpi < coarsest_dpi()


def coarse_reason(page: PageContent) -> str:
    """Said with as many digits as tell the scan's resolution from the least one read."""
    dpi, least = page.scan_dpi or 0.0, OCR_TOLERANCES.min_scan_dpi
    shown = f"{dpi:.0f}" if round(dpi) < least else f"{dpi:.2f}"
    return f"scanned at {shown} dpi, under the {least:.0f} dpi it needs"
