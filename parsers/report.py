"""A whole report: pages in, the contract document out. Pure: bytes in, objects out."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from checks import Evidence, find_inconsistencies
from parsers import vocabulary as vocab
from parsers.borderless import borderless_grids
from parsers.geometry import Grid
from parsers.limits import Limits
from parsers.memo import is_memo_page, read_memo
from parsers.opening import open_pdf
from parsers.page import PageContent
from parsers.page_reader import read_page
from parsers.project_list import (
    ProjectColumns,
    ProjectRow,
    missing_project_columns,
    project_columns,
    read_project_rows,
)
from parsers.rejection import Rejected, RejectionCode
from parsers.report_text import data_as_of, narrative, problems, report_identity, reporter
from parsers.summary_tables import (
    classify,
    read_budget_by_dimension,
    read_dimensions,
    read_disbursement,
    read_status_summary,
)
from parsers.tables import Table, read_table, text_above
from parsers.thai_text import compact
from parsers.warnings import WarningLog

SCHEMA_VERSION = 1
PARSER_VERSION = "1.0.0"


@dataclass
class ParsedReport:
    document: dict[str, Any]
    evidence: Evidence


@dataclass
class TablesFound:
    """Every table section read so far, and the pages each was printed on."""

    sections: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, list[int]] = field(default_factory=dict)
    projects: list[ProjectRow] = field(default_factory=list)
    project_columns: ProjectColumns | None = None
    project_column_count: int = 0

    def note_page(self, section: str, page: int) -> None:
        pages = self.pages.setdefault(section, [])
        if page not in pages:
            pages.append(page)


def parse_report(data: bytes, *, filename: str, limits: Limits | None = None) -> ParsedReport:
    """Parse a report PDF to its contract document; raise Rejected for a file to refuse."""
    limits = limits or Limits()
    started = time.monotonic()
    pages: list[PageContent] = []
    with open_pdf(data, limits) as pdf:
        for page in pdf.pages:
            pages.append(read_page(page))
            if time.monotonic() - started > limits.max_seconds:
                raise Rejected(
                    RejectionCode.TOO_LARGE,
                    f"parsing took longer than the limit of {limits.max_seconds:.0f} s",
                )
    source = {"file": filename, "sha256": hashlib.sha256(data).hexdigest(), "pages": len(pages)}
    return assemble(pages, source)


def assemble(pages: list[PageContent], source: dict[str, Any]) -> ParsedReport:
    warnings = WarningLog()
    text_pages = [page for page in pages if page.has_text]
    if not text_pages:
        raise Rejected(
            RejectionCode.NO_TEXT_LAYER,
            "no page has a text layer (a scan), and raingan does not read images (OCR)",
        )
    for page in pages:
        if not page.has_text:
            warnings.add(page.number, "page", "an image without a text layer: not read")
    memo_page = next((page for page in text_pages if is_memo_page(page)), None)
    report_pages = [page for page in text_pages if page is not memo_page]
    tables = read_tables(report_pages, warnings)
    if not tables.sections and not tables.projects:
        raise Rejected(
            RejectionCode.NOT_A_REPORT,
            "none of the report's tables (summary, status, project list) was found",
        )
    lines = [text for page in report_pages for text in page.line_texts()]
    document = build_document(source, memo_page, lines, tables, warnings)
    evidence = build_evidence(memo_page, report_pages, lines, tables)
    document["findings"] = find_inconsistencies(document, evidence)
    return ParsedReport(document, evidence)


def read_tables(pages: list[PageContent], warnings: WarningLog) -> TablesFound:
    found = TablesFound()
    for page in pages:
        floor = 0.0
        for grid in page_grids(page):
            table = read_table(page, grid)
            section = classify(table, text_above(page, grid, floor))
            floor = grid.box.bottom
            if section is None and is_continuation(table, found):
                section = "projects"
            if section:
                read_section(section, table, found, warnings)
                found.note_page(section, page.number)
    return found


def page_grids(page: PageContent) -> list[Grid]:
    """The page's ruled grids, and those inferred for tables printed without rules."""
    inferred = borderless_grids(page)
    if not inferred:
        return page.grids
    return sorted(page.grids + inferred, key=lambda grid: (grid.box.top, grid.box.x0))


def is_continuation(table: Table, found: TablesFound) -> bool:
    """A ruled project table page without its header repeated: same number of columns.
    (An inferred grid always has a header: it is a section by its header words or none.)"""
    return (
        found.project_columns is not None
        and not table.grid.inferred
        and table.column_count == found.project_column_count
    )


def read_section(section: str, table: Table, found: TablesFound, warnings: WarningLog) -> None:
    if section == "projects":
        columns = project_columns(table)
        if table.header_row_count() == 0 and found.project_columns:
            columns = ProjectColumns(0, found.project_columns.keys, found.project_columns.statuses)
        missing = missing_project_columns(columns)
        if missing:
            warnings.add(table.page, "projects", f"columns not found: {', '.join(missing)}")
        found.project_columns = columns
        found.project_column_count = table.column_count
        previous = found.projects[-1] if found.projects else None
        found.projects += read_project_rows(table, columns, warnings, previous)
        return
    if section in found.sections:
        return  # a table printed twice: the first is the report's
    if section == "dimensions":
        found.sections[section] = read_dimensions(table, warnings)
    elif section == "disbursement":
        found.sections[section] = read_disbursement(table, warnings)
    elif section in ("plan_budget", "ordinance_budget"):
        found.sections[section] = read_budget_by_dimension(table, section, warnings)
    elif section == "status_summary":
        found.sections[section] = read_status_summary(table, warnings)


def build_document(
    source: dict[str, Any],
    memo_page: PageContent | None,
    lines: list[str],
    tables: TablesFound,
    warnings: WarningLog,
) -> dict[str, Any]:
    identity = report_identity(lines)
    report = {
        "organization": identity["organization"],
        "fiscal_year": identity["fiscal_year"],
        "round_months": identity["round_months"],
        "data_as_of": data_as_of(lines),
        "reporter": reporter(lines),
        "district": identity["district"],
        "province": identity["province"],
    }
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "memo": read_memo(memo_page) if memo_page else None,
        "report": report,
    }
    for section in ("dimensions", "plan_budget", "ordinance_budget", "disbursement"):
        rows, total = tables.sections.get(section, ([], None))
        if section not in tables.sections:
            warnings.add(None, section, "table not found")
        document[section], document[f"{section}_total"] = rows, total
    document["status_summary"] = tables.sections.get("status_summary")
    document["projects"] = [row.to_dict() for row in tables.projects]
    document["narrative"] = narrative(lines)
    document["problems"] = problems(lines)
    for key in ("status_summary", "narrative"):
        if document[key] is None:
            warnings.add(None, key, "not found")
    if not tables.projects:
        warnings.add(None, "projects", "the project list was not found")
    document["parse_warnings"] = warnings.to_list()
    document["findings"] = []
    return document


def build_evidence(
    memo_page: PageContent | None,
    report_pages: list[PageContent],
    lines: list[str],
    tables: TablesFound,
) -> Evidence:
    pages = dict(tables.pages)
    if memo_page:
        pages["memo"] = [memo_page.number]
    narrative_pages = pages_with(report_pages, vocab.NARRATIVE_TITLE)
    if narrative_pages:
        pages["narrative"] = narrative_pages[:1]
    marks = {index: row.marks for index, row in enumerate(tables.projects) if row.status is None}
    return Evidence(section_pages=pages, checkbox_marks=marks)


def pages_with(pages: list[PageContent], titles: tuple[str, ...]) -> list[int]:
    return [
        page.number
        for page in pages
        if any(title in compact(text) for text in page.line_texts() for title in titles)
    ]
