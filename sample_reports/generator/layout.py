"""Where everything of a report is printed: which page, which rows. Pure Python, no fonts.

Every producer lays a report out the same way (memo; cover and summary tables; the project
list; the closing block) and breaks pages explicitly where this module says, with a
conservative estimate of how many lines each row takes. The renderers then check that the
PDF they made has exactly these pages, and fail loudly when it does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sample_reports.generator.model import ProjectRow, Report
from sample_reports.generator.thai import spacing_length

SUMMARY_SECTIONS = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")


class PageKind(StrEnum):
    MEMO = "memo"
    SUMMARY = "summary"  # cover, the four summary tables, the status table
    PROJECTS = "projects"
    CLOSING = "closing"  # data-as-of, reporter, problems, narrative


@dataclass(frozen=True)
class Geometry:
    """A producer's conservative capacity of a project-list page, in lines of body text."""

    name_chars_per_line: int  # fewer than fit, so that a row never takes more than estimated
    remark_chars_per_line: int
    lines_per_page: float  # below the title and the table header
    row_padding: float  # a row's padding and borders, in lines
    closing_lines: float  # the closing block, in lines, when it shares a page

    def row_lines(self, row: ProjectRow) -> float:
        name = math.ceil(1.15 * spacing_length(row.name) / self.name_chars_per_line)
        remark = math.ceil(1.15 * spacing_length(row.remark or "") / self.remark_chars_per_line)
        return max(name, remark, 1) + self.row_padding


@dataclass(frozen=True)
class Page:
    kind: PageKind
    rows: tuple[int, ...] = ()  # indices into report.projects
    closing: bool = False  # a projects page that also prints the closing block


@dataclass(frozen=True)
class Layout:
    pages: tuple[Page, ...]
    image_pages: frozenset[int] = field(default_factory=frozenset)  # 1-based, no text layer
    # 1-based pages with a text layer damaged beyond repair: read as null, with a warning
    unusable_pages: frozenset[int] = field(default_factory=frozenset)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def numbers(self, kind: PageKind) -> list[int]:
        return [n for n, page in enumerate(self.pages, 1) if page.kind == kind]

    def page_of_rows(self) -> dict[int, int]:
        return {index: n for n, page in enumerate(self.pages, 1) for index in page.rows}

    def closing_page(self) -> int | None:
        for n, page in enumerate(self.pages, 1):
            if page.kind == PageKind.CLOSING or page.closing:
                return n
        return None

    def text_pages(self, numbers: Iterable[int]) -> list[int]:
        return [n for n in numbers if n not in self.image_pages | self.unusable_pages]


def chunk_rows(
    report: Report, geometry: Geometry, rows_per_page: tuple[int, ...] | None
) -> list[tuple[int, ...]]:
    """The project rows of each page: as an original broke them, or as many as fit."""
    rows = report.projects or []
    if rows_per_page is not None:
        if sum(rows_per_page) != len(rows):
            raise ValueError("rows_per_page does not add up to the project rows")
        chunks, start = [], 0
        for size in rows_per_page:
            chunks.append(tuple(range(start, start + size)))
            start += size
        return chunks
    chunks, current, used = [], [], 0.0
    for index, row in enumerate(rows):
        lines = geometry.row_lines(row)
        if current and used + lines > geometry.lines_per_page:
            chunks.append(tuple(current))
            current, used = [], 0.0
        current.append(index)
        used += lines
    if current:
        chunks.append(tuple(current))
    return chunks


def plan_layout(
    report: Report,
    geometry: Geometry,
    *,
    closing_on_last_list_page: bool = False,
    image_pages: Iterable[int] = (),
    rows_per_page: tuple[int, ...] | None = None,
    unusable_pages: Iterable[int] = (),
) -> Layout:
    pages: list[Page] = []
    if report.memo is not None:
        pages.append(Page(PageKind.MEMO))
    pages.append(Page(PageKind.SUMMARY))
    chunks = chunk_rows(report, geometry, rows_per_page)
    for chunk in chunks:
        pages.append(Page(PageKind.PROJECTS, chunk))
    last_used = sum(geometry.row_lines(report.projects[i]) for i in chunks[-1]) if chunks else 0
    if (
        chunks
        and closing_on_last_list_page
        and last_used + geometry.closing_lines <= geometry.lines_per_page
    ):
        pages[-1] = Page(PageKind.PROJECTS, chunks[-1], closing=True)
    else:
        pages.append(Page(PageKind.CLOSING))
    return Layout(tuple(pages), frozenset(image_pages), frozenset(unusable_pages))


def section_pages(report: Report, layout: Layout) -> dict[str, list[int]]:
    """The 1-based pages printing each section of the document, as checks.Evidence wants."""
    pages: dict[str, list[int]] = {}
    memo = layout.text_pages(layout.numbers(PageKind.MEMO))
    if report.memo is not None and memo:
        pages["memo"] = memo
    summary = layout.text_pages(layout.numbers(PageKind.SUMMARY))
    for section in (*SUMMARY_SECTIONS, "status_summary"):
        if getattr(report, section) is not None and summary:
            pages[section] = summary
    list_pages = sorted(set(layout.page_of_rows().values()))
    if report.projects and list_pages:
        pages["projects"] = layout.text_pages(list_pages)
    closing = layout.closing_page()
    if report.narrative is not None and closing is not None:
        pages["narrative"] = layout.text_pages([closing])
    return {section: numbers for section, numbers in pages.items() if numbers}
