"""The repaired text layer of any PDF, page by page: what the parser reads."""

from __future__ import annotations

from collections.abc import Iterator

from parsers.font_mapping import DocumentFonts
from parsers.limits import Limits
from parsers.opening import open_pdf
from parsers.page import PageContent
from parsers.page_reader import measure_text, read_page, settle_pages


def read_text_layer(
    data: bytes, limits: Limits | None = None, *, quality: bool = False
) -> list[PageContent]:
    """Every page, read and repaired as a parse reads it (the fonts decided over the whole
    document); with `quality`, each page's dictionary-word share measured, damaged or not."""
    with open_pdf(data, limits or Limits()) as pdf:
        fonts = DocumentFonts(pdf)
        pages = [read_page(page, fonts) for page in pdf.pages]
        settle_pages(pages, fonts)
    if quality:
        for page in pages:
            if page.dictionary_share is None:
                measure_text(page)
    return pages


def text_layer(data: bytes, limits: Limits | None = None) -> Iterator[tuple[int, list[str]]]:
    """(page number, its lines of repaired text) for every page; [] for an image-only page."""
    for content in read_text_layer(data, limits):
        yield content.number, content.line_texts()
