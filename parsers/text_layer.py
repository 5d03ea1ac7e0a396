"""The repaired text layer of any PDF, page by page: what the parser reads."""

from __future__ import annotations

from collections.abc import Iterator

from parsers.limits import Limits
from parsers.opening import open_pdf
from parsers.page_reader import read_page


def text_layer(data: bytes, limits: Limits | None = None) -> Iterator[tuple[int, list[str]]]:
    """(page number, its lines of repaired text) for every page; [] for an image-only page."""
    with open_pdf(data, limits or Limits()) as pdf:
        for page in pdf.pages:
            content = read_page(page)
            yield content.number, content.line_texts()
