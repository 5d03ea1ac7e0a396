"""The repaired text layer of any PDF, page by page: what the parser reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any

from parsers.layout.page import PageContent
from parsers.safety.limits import Limits
from parsers.text_layer.font_mapping import DocumentFonts
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.page_reader import measure_text, read_page, read_page_fast, settle_pages
from parsers.text_layer.pdfium_reader import PDFIUM, PDFMINER, PdfiumDocument

# Which reader reads a document: PDFium where it reads a page as pdfplumber would, the careful
# reader elsewhere (the default), or the careful reader alone (the reference, in tests).
READER_CHOICES = (PDFIUM, PDFMINER)


def read_pages(
    pdf: Any,
    data: bytes,
    reader: str = PDFIUM,
    each: Callable[[PageContent], None] | None = None,
) -> list[PageContent]:
    """Every page of an open document, read and repaired (the fonts decided over the whole
    document); `each` is called after each page (a deadline)."""
    fonts = DocumentFonts(pdf)
    pdfium = opened_by_pdfium(data) if reader == PDFIUM else None
    pages = []
    try:
        for page in pdf.pages:
            content = (
                read_page(page, fonts) if pdfium is None else read_page_fast(page, fonts, pdfium)
            )
            pages.append(content)
            if each is not None:
                each(content)
    finally:
        if pdfium is not None:
            pdfium.close()
    settle_pages(pages, fonts)
    return pages


def opened_by_pdfium(data: bytes) -> PdfiumDocument | None:
    """The bytes opened by PDFium too; None (every page read carefully) where it cannot."""
    with suppress(Exception):
        return PdfiumDocument(data)
    return None


def read_text_layer(
    data: bytes, limits: Limits | None = None, *, quality: bool = False, reader: str = PDFIUM
) -> list[PageContent]:
    """Every page, read and repaired as a parse reads it; with `quality`, each page's
    dictionary-word share measured, damaged or not."""
    with open_pdf(data, limits or Limits()) as pdf:
        pages = read_pages(pdf, data, reader)
    if quality:
        for page in pages:
            if page.dictionary_share is None:
                measure_text(page)
    return pages


def text_layer(data: bytes, limits: Limits | None = None) -> Iterator[tuple[int, list[str]]]:
    """(page number, its lines of repaired text) for every page; [] for an image-only page."""
    for content in read_text_layer(data, limits):
        yield content.number, content.line_texts()
