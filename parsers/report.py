"""A whole report: pages in, the contract document out. Pure: bytes in, objects out."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Collection
from dataclasses import dataclass, field

from checks import Evidence, find_inconsistencies
from checks.document import Report, ReportDocument, Source
from checks.evidence import figure_place, row_place
from parsers.language import vocabulary as vocab
from parsers.language.vocabulary import compact
from parsers.layout.borderless import borderless_grids
from parsers.layout.geometry import Box, Grid
from parsers.layout.line_wrap import run_on_lines
from parsers.layout.page import PageContent, Word
from parsers.layout.places import Places
from parsers.layout.tables import Table, read_table, text_above
from parsers.ocr.document import ImageReading, read_from_images
from parsers.page_warnings import warn_page, why_nothing_read
from parsers.safety.deadline import parse_deadline
from parsers.safety.limits import EXTRA_TIME, Limits
from parsers.safety.rejection import Rejected, RejectionCode
from parsers.sections.document_shape import LISTED_SECTIONS, SINGLE_SECTIONS, total_key
from parsers.sections.doubt import (
    RunningTexts,
    forget,
    forget_doubtful_memo_figures,
    forget_misread_place_names,
    forget_places_spelt_otherwise,
    forget_unknown_provinces,
    forget_unread_texts,
    forget_years_read_otherwise,
    read_from_image,
    readable_lines,
    spell_kind_as_printed,
)
from parsers.sections.memo import is_memo_page, read_memo
from parsers.sections.near_copies import forget_near_copies, names_and_places
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.project_list import (
    ProjectColumns,
    ProjectRow,
    doubt_names_near,
    looks_like_unread_rows,
    mark_status_unread,
    missing_project_columns,
    names_near,
    page_warning,
    project_columns,
    read_project_rows,
    sequence_gaps,
    status_cells_blank,
)
from parsers.sections.report_text import (
    LinesRead,
    data_as_of,
    narrative,
    problems,
    report_identity,
    reporter,
)
from parsers.sections.summary_tables import (
    Figures,
    TableRead,
    classify,
    read_budget_by_dimension,
    read_dimensions,
    read_disbursement,
    read_status_summary,
)
from parsers.sections.typed_document import typed_document
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.pdfium_reader import PDFIUM
from parsers.text_layer.reading import read_pages
from parsers.versions import SCHEMA_VERSION


@dataclass
class ParsedReport:
    document: ReportDocument
    evidence: Evidence


@dataclass
class TablesFound:
    """Every table section read so far, and the pages each was printed on: the summary
    tables (`listed`: their rows, one per dimension, and total row), the status table
    (`summaries`: null where it was found but not read)."""

    listed: dict[str, TableRead] = field(default_factory=dict)
    summaries: dict[str, Figures | None] = field(default_factory=dict)
    pages: dict[str, list[int]] = field(default_factory=dict)
    projects: list[ProjectRow] = field(default_factory=list)
    project_columns: ProjectColumns | None = None
    project_column_count: int = 0
    list_boxes: dict[int, list[Box]] = field(default_factory=dict)  # page → list grids read
    places: Places = field(default_factory=Places)  # where each table figure was read

    def has(self, section: str) -> bool:
        return section in self.listed or section in self.summaries

    def note_page(self, section: str, page: int) -> None:
        pages = self.pages.setdefault(section, [])
        if page not in pages:
            pages.append(page)


def parse_report(
    data: bytes, *, filename: str, limits: Limits | None = None, reader: str = PDFIUM
) -> ParsedReport:
    """Parse a report PDF to its contract document; raise Rejected for a file to refuse.
    `reader`: PDFium where it reads as pdfplumber would (the default), or PDFMINER alone."""
    limits = limits or Limits()
    deadline = parse_deadline(limits, time.monotonic(), EXTRA_TIME.get())
    with open_pdf(data, limits) as pdf:
        pages = read_pages(pdf, data, reader, each=lambda _: deadline(0.0))
    images = read_from_images(data, pages, limits, deadline)
    source: Source = {
        "file": filename,
        "sha256": hashlib.sha256(data).hexdigest(),
        "pages": len(pages),
    }
    return assemble(pages, source, images)


def assemble(
    pages: list[PageContent], source: Source, images: ImageReading | None = None
) -> ParsedReport:
    images = images or ImageReading()
    warnings = WarningLog()
    text_pages = [page for page in pages if page.has_text and not page.unusable]
    if not text_pages:
        raise Rejected(RejectionCode.NO_TEXT_LAYER, why_nothing_read(images))
    for page in pages:
        warn_page(page, images, warnings)
    memo_page = next((page for page in text_pages if is_memo_page(page)), None)
    report_pages = [page for page in text_pages if page is not memo_page]
    if not report_pages and len(text_pages) < len(pages):  # the memo alone, the rest images
        raise Rejected(RejectionCode.NO_TEXT_LAYER, why_nothing_read(images, memo_read=True))
    tables = read_tables(report_pages, warnings)
    if not tables.listed and not tables.summaries and not tables.projects:
        raise Rejected(
            RejectionCode.NOT_A_REPORT,
            "none of the report's tables (summary, status, project list) was found",
        )
    account_for_list_pages(pages, report_pages, tables, warnings)
    paged = [(page, text) for page in report_pages for text in readable_lines(page, warnings)]
    lines = [text for _, text in paged]
    from_images = {i for i, (page, _) in enumerate(paged) if page.read_from_image is not None}
    read_at = TextPlaces()
    runs_on = run_on_lines(report_pages)
    document = build_document(
        source, memo_page, lines, tables, warnings, read_at, runs_on, from_images
    )
    evidence = build_evidence(memo_page, report_pages, lines, tables)
    evidence.boxes = figure_boxes(tables, report_pages, memo_page, read_at).as_displayed(pages)
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
                if section == "projects":
                    found.list_boxes.setdefault(page.number, []).append(grid.box)
    return found


def account_for_list_pages(
    pages: list[PageContent],
    report_pages: list[PageContent],
    found: TablesFound,
    warnings: WarningLog,
) -> None:
    """Every page that carries what looks like rows of the project list is read or named in a
    `projects: page N: …` warning, and so is each break in the numbering where rows were not
    read: the list then counts as not read whole, and nothing is checked against it."""
    for page in report_pages:
        if looks_like_unread_rows(page, found.list_boxes.get(page.number, [])):
            page_warning(warnings, page.number, "rows of the project list were not read")
    read = {page.number for page in report_pages}
    listed = set(found.pages.get("projects", []))
    # Pages read from their images that gave no row of the list. Such a page has its lines
    # cell by cell, not row by row: rows it printed are told by its grid (looks_like_unread_rows
    # reads text-layer lines), or, where its table went unread (a header Tesseract lost), by a
    # break in the numbering around it.
    from_images = {page.number for page in pages if page.read_from_image is not None}
    unlisted_images = from_images - listed
    for page in pages:
        unlisted = page.number not in read or page.number in unlisted_images
        if unlisted and has_project_grid(page, found):
            page_warning(warnings, page.number, "a page of the project list could not be read")
    unread = {page.number for page in pages if not page.has_text or page.unusable}
    unread |= {w.page for w in warnings.entries if w.section == "projects" and w.page}
    unread |= unlisted_images
    for number, missing in sequence_gaps(found.projects, unread):
        page_warning(warnings, number, f"{missing} missing where rows were not read")


def has_project_grid(page: PageContent, found: TablesFound) -> bool:
    """A page ruled like the project list (as many columns, rows of figures below a header)
    whose text could not be read, or whose grid was not read as the list (its header
    misread): rows may be missing."""
    return found.project_columns is not None and any(
        len(grid.xs) - 1 == found.project_column_count
        and len(grid.ys) - 1 > found.project_columns.header_rows + 1
        for grid in page.grids
    )


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
        before = found.project_columns
        same_width = table.column_count == found.project_column_count
        if table.header_row_count() == 0 and before:
            columns = ProjectColumns(0, before.keys, before.statuses)
        elif before and table.read_from_image and same_width:
            # The list continued, its header repeated but partly misread: the same columns.
            columns = ProjectColumns(
                columns.header_rows, before.keys | columns.keys, before.statuses | columns.statuses
            )
        missing = missing_project_columns(columns)
        if missing:
            page_warning(warnings, table.page, f"columns not found: {', '.join(missing)}")
        found.project_columns = columns
        found.project_column_count = table.column_count
        previous = found.projects[-1] if found.projects else None
        rows = read_project_rows(table, columns, warnings, previous)
        if status_cells_blank(table, columns, rows):
            page_warning(warnings, table.page, "no box or mark found in any status cell")
            mark_status_unread(rows)
        found.projects += rows
        return
    if found.has(section):
        return  # a table printed twice: the first is the report's
    places = found.places
    if section == "dimensions":
        found.listed[section] = read_dimensions(table, warnings, places)
    elif section == "disbursement":
        found.listed[section] = read_disbursement(table, warnings, places)
    elif section in ("plan_budget", "ordinance_budget"):
        found.listed[section] = read_budget_by_dimension(table, section, warnings, places)
    elif section == "status_summary":
        found.summaries[section] = read_status_summary(table, warnings, places)


def build_document(
    source: Source,
    memo_page: PageContent | None,
    lines: list[str],
    tables: TablesFound,
    warnings: WarningLog,
    read_at: TextPlaces | None = None,
    runs_on: Collection[int] = (),
    from_images: Collection[int] = (),
) -> ReportDocument:
    """`runs_on`: the indices of `lines` wrapped at the margin onto the next (line_wrap);
    `from_images`: those of lines read from a page's image (none: the report is printed).
    The sections are read into a working copy, nulled by field name where read doubtfully,
    and typed once whole (parsers.sections.typed_document)."""
    read_at = read_at or TextPlaces()
    identity = report_identity(lines, read_at.report)
    report: Report = {
        "organization": identity["organization"],
        "fiscal_year": identity["fiscal_year"],
        "round_months": identity["round_months"],
        "data_as_of": data_as_of(lines, read_at.report),
        "reporter": reporter(lines, runs_on, from_images),
        "district": identity["district"],
        "province": identity["province"],
    }
    memo = read_memo(memo_page, read_at.memo) if memo_page else None
    if memo is not None and memo_page is not None:
        forget_doubtful_memo_figures(memo, read_at.memo, memo_page.number, warnings)
    draft: dict[str, object] = {"schema_version": SCHEMA_VERSION, "source": source, "memo": memo}
    for section in LISTED_SECTIONS:
        rows, total = tables.listed.get(section, ([], None))
        if section not in tables.listed:
            warnings.add(None, section, "table not found")
        draft[section], draft[total_key(section)] = rows, total
    draft["status_summary"] = tables.summaries.get("status_summary")
    draft["projects"] = [row.to_dict() for row in tables.projects]
    texts: RunningTexts = {
        "report": report,
        "narrative": narrative(lines, read_at.narrative, warnings),
        "problems": problems(lines, from_images),
    }
    for key in SINGLE_SECTIONS:
        if {**draft, **texts}[key] is None:  # the status table (draft), the narrative (texts)
            warnings.add(None, key, "not found")
    spell_kind_as_printed(report, read_at.report, from_images)
    forget_unknown_provinces(report, read_at.report, from_images, warnings)
    forget_misread_place_names(report, read_at.report, from_images, warnings)
    forget_places_spelt_otherwise(report, lines, read_at.report, from_images, warnings)
    forget_places_read_otherwise(report, tables.projects, read_at.report, from_images, warnings)
    forget_years_read_otherwise(report, read_at.report, from_images, lines, warnings)
    if memo is not None and memo_page is not None and read_from_image(read_at.memo):
        # The organisation printed, or read from images and left standing by the checks above;
        # and its district (a mayor's title names the place: นายกเทศมนตรีเมืองดานขุนทด for
        # ด่านขุนทด, where the organisation's own reading was doubted).
        printed = names_and_places(report["organization"], report["district"])
        forget_near_copies(memo, printed, memo_page.number, warnings)
        forget_near_copies(memo, vocab.HEAD_TITLES, memo_page.number, warnings, "the title is")
    forget_unread_texts(texts, warnings)
    if not tables.projects:
        warnings.add(None, "projects", "the project list was not found")
    whole = {**draft, **texts, "parse_warnings": warnings.to_list(), "findings": []}
    return typed_document(whole)


def forget_places_read_otherwise(
    report: Report,
    rows: list[ProjectRow],
    where: LinesRead,
    from_images: Collection[int],
    warnings: WarningLog,
) -> None:
    """Read from images, the organisation's name or place is printed again in project names
    (…ของเทศบาลตำบลชุมแพ), and the readings must agree: never a second spelling. Where more
    names hold it a letter or two off than as it was read (เภาะคา read once, เกาะคา in the
    names), the organisation is null with a warning; otherwise each name that holds it so is
    warned of (ขุมแพ). The whole name is compared first: a place of five letters is too short
    to call a stretch one letter off it a copy, the name with its kind is not."""
    read_where = where.get("organization", ())
    if not any(index in from_images for index in read_where):
        return
    for printed in names_and_places(report.get("organization")):
        exact, near = names_near(rows, printed)
        if len(near) > exact:
            forget(report, "organization", "report.organization", warnings)
            return
        doubt_names_near(near, printed, warnings)


@dataclass
class TextPlaces:
    """Where the running text's values were read: lines of the report pages by index (the
    report's identity, the narrative's figures), and the memo fields' words."""

    report: LinesRead = field(default_factory=dict)
    narrative: LinesRead = field(default_factory=dict)
    memo: dict[str, list[Word]] = field(default_factory=dict)


def figure_boxes(
    tables: TablesFound,
    report_pages: list[PageContent],
    memo_page: PageContent | None,
    read_at: TextPlaces,
) -> Places:
    """Every place read (checks.evidence names), with the boxes the readers noted."""
    places = tables.places
    for index, row in enumerate(tables.projects):
        for cell, page, box in row.places:
            places.add(row_place(index, cell), page, box)
    line_words = [(page.number, words) for page in report_pages for words in page.lines]
    text_lines = {f"report.{key}": at for key, at in read_at.report.items()}
    for place, indices in (text_lines | read_at.narrative).items():
        for index in indices:
            places.add_words(place, *line_words[index])
    if memo_page is not None:
        for key, words in read_at.memo.items():
            for line in words_by_line(words):
                places.add_words(figure_place("memo", key), memo_page.number, line)
                if key == "agency":  # the phone number is printed in the agency's field
                    places.add_words(figure_place("memo", "phone"), memo_page.number, line)
    return places


def words_by_line(words: list[Word]) -> list[list[Word]]:
    """Words in reading order, cut where one starts left of the one before (a new line)."""
    lines: list[list[Word]] = []
    for word in words:
        if not lines or word.x0 < lines[-1][-1].x0:
            lines.append([])
        lines[-1].append(word)
    return lines


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
    marks = {
        index: row.marks
        for index, row in enumerate(tables.projects)
        if row.status is None and row.status_read
    }
    unread = [index for index, row in enumerate(tables.projects) if not row.status_read]
    return Evidence(section_pages=pages, checkbox_marks=marks, unread_status_rows=unread)


def pages_with(pages: list[PageContent], titles: tuple[str, ...]) -> list[int]:
    return [
        page.number
        for page in pages
        if any(title in compact(text) for text in page.line_texts() for title in titles)
    ]
