"""Check that a rendered PDF has exactly the pages its layout says, and fail loudly if not."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pdfplumber

from sample_reports.generator.layout import Layout, PageKind
from sample_reports.generator.model import Report


class LayoutMismatch(RuntimeError):
    pass


def page_words(page: pdfplumber.page.Page) -> set[str]:
    return {word["text"] for word in page.extract_words()}


def verify_pdf(path: Path, report: Report, layout: Layout) -> None:
    unread = layout.image_pages | layout.unusable_pages
    with pdfplumber.open(path) as pdf:
        if len(pdf.pages) != layout.page_count:
            raise LayoutMismatch(
                f"{path.name}: {len(pdf.pages)} pages printed, {layout.page_count} laid out"
            )
        for number, (page, planned) in enumerate(zip(pdf.pages, layout.pages, strict=True), 1):
            has_text = bool(page.chars)
            if has_text == (number in layout.image_pages):
                raise LayoutMismatch(f"{path.name}: page {number} text layer is not as laid out")
            if planned.kind != PageKind.PROJECTS or number in unread:
                continue
            words = page_words(page)
            for index in (planned.rows[0], planned.rows[-1]):
                seq = str(report.projects[index].seq)
                if seq not in words:
                    raise LayoutMismatch(f"{path.name}: row {seq} is not on page {number}")


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def require_no_thai_text(path: Path, pages: Iterable[int]) -> None:
    """A scanned page carries no Thai text: an image, at most a layer of Latin junk."""
    with pdfplumber.open(path) as pdf:
        for number in pages:
            if any(is_thai(char["text"]) for char in pdf.pages[number - 1].chars):
                raise LayoutMismatch(f"{path.name}: scanned page {number} has Thai text")


CHECK_GLYPHS = frozenset("☑☒☐✓✔")


def require_vector_checkboxes(path: Path, report: Report, layout: Layout) -> None:
    """The browser's checkbox inputs must print as paths, never as text glyphs."""
    page_of = layout.page_of_rows()
    marked_pages = {page_of[i] for i, row in enumerate(report.projects or []) if row.marks}
    with pdfplumber.open(path) as pdf:
        for number in sorted(marked_pages):
            page = pdf.pages[number - 1]
            if not page.curves or CHECK_GLYPHS & {char["text"] for char in page.chars}:
                raise LayoutMismatch(f"{path.name}: page {number} checkboxes are not paths")
