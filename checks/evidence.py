"""What a PDF says beyond the contract document: where sections are printed, marks per row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict

from checks.document import ParseWarning, ReportDocument

PROJECT_WARNING_PREFIX = "projects:"
OCR_PAGE = re.compile(r"^ocr: page \d+ read from its image")
# A page whose text layer the parser measured as damaged, or unusable (contract: `text: page N`).
DAMAGED_TEXT_PAGE = re.compile(r"^text: page \d+\b")

# Where a figure is printed: [page, x0, top, x1, bottom], PDF points, top-left origin (as
# pdfplumber gives them). Where the box came from (the text layer, OCR) is not its business.
PlacedBox = list[float]
BOX_DECIMALS = 1  # a tenth of a point: finer than a pixel at any resolution an auditor uses


# Rounded first to this many places: pdfminer computes in doubles, PDFium in floats, so a
# coordinate on a tie (424.85) lies just either side of it (by up to 1e-3): both then agree.
READER_NOISE_DECIMALS = 2


class EvidenceJson(TypedDict, total=False):
    """`Evidence` as JSON (`Evidence.to_dict`): what `models` stores beside the document and
    reads back (`Evidence.from_dict`). JSON's keys are text: a row's index in
    `checkbox_marks` is written as one. Any key may be missing: `to_dict` leaves out the last
    two when empty (evidence stored before they were kept has neither), and a parse that gave
    no evidence is stored as `{}`."""

    section_pages: dict[str, list[int]]
    checkbox_marks: dict[str, int]
    project_list_complete: bool | None
    unread_status_rows: list[int]
    boxes: dict[str, list[PlacedBox]]


def placed_box(page: int, x0: float, top: float, x1: float, bottom: float) -> PlacedBox:
    return [
        page,
        *(round(round(v, READER_NOISE_DECIMALS), BOX_DECIMALS) for v in (x0, top, x1, bottom)),
    ]


def figure_place(section: str, key: str, dimension: int | None = None) -> str:
    """The name of a printed figure's place: `dimensions[3].budget_spent`, `memo.subject`,
    `status_summary.completed`, `dimensions_total.projects_done`, `report.fiscal_year`."""
    return f"{section}.{key}" if dimension is None else f"{section}[{dimension}].{key}"


def row_place(index: int, cell: str | None = None) -> str:
    """A project row (by its index in `projects`), or one of its cells: seq, budget,
    disbursed, status (every status cell of the row)."""
    return f"projects[{index}]" if cell is None else f"projects[{index}].{cell}"


@dataclass
class Evidence:
    """Layout facts the parser saw, needed to give findings their pages and mark counts.

    `section_pages` maps a section (memo, report, dimensions, plan_budget, ordinance_budget,
    disbursement, status_summary, projects, narrative) to the 1-based pages printing it;
    `checkbox_marks` maps the index of a project row whose status is null to the number of
    marks found in its status cells. `unread_status_rows` lists the rows whose status cells
    could not be read at all (their columns were not found, or nothing is drawn in them): their
    status is unknown, not unmarked. `project_list_complete` is None when unknown: it is then
    taken from the document (a list with rows and no `projects:` parse warning).
    `boxes` maps a place (`figure_place`, `row_place`) to where it is printed (`PlacedBox`es:
    a figure wrapped over two lines, a row broken over a page, a row's status cells).
    """

    section_pages: dict[str, list[int]] = field(default_factory=dict)
    checkbox_marks: dict[int, int] = field(default_factory=dict)
    project_list_complete: bool | None = None
    unread_status_rows: list[int] = field(default_factory=list)
    boxes: dict[str, list[PlacedBox]] = field(default_factory=dict)

    def boxes_of(self, place: str) -> list[PlacedBox]:
        return [list(box) for box in self.boxes.get(place, [])]

    def pages_of(self, section: str) -> list[int]:
        return list(self.section_pages.get(section.removesuffix("_total"), []))

    def to_dict(self) -> EvidenceJson:
        data: EvidenceJson = {
            "section_pages": {k: list(v) for k, v in self.section_pages.items()},
            "checkbox_marks": {str(k): v for k, v in self.checkbox_marks.items()},
            "project_list_complete": self.project_list_complete,
        }
        if self.unread_status_rows:  # only when there are some: older evidence has no such key
            data["unread_status_rows"] = list(self.unread_status_rows)
        if self.boxes:  # the parser knows them, the sample generator does not
            data["boxes"] = {k: [list(b) for b in v] for k, v in self.boxes.items()}
        return data

    @classmethod
    def from_dict(cls, data: EvidenceJson | None) -> Evidence:
        data = data or {}
        return cls(
            section_pages={k: list(v) for k, v in data.get("section_pages", {}).items()},
            checkbox_marks={int(k): v for k, v in data.get("checkbox_marks", {}).items()},
            project_list_complete=data.get("project_list_complete"),
            unread_status_rows=[int(i) for i in data.get("unread_status_rows", [])],
            boxes={k: [list(b) for b in v] for k, v in data.get("boxes", {}).items()},
        )


def evidence_from_document(doc: ReportDocument) -> Evidence:
    """The little the document itself tells: the project list's pages."""
    pages = sorted({row["page"] for row in doc.get("projects") or [] if row.get("page")})
    return Evidence(section_pages={"projects": pages} if pages else {})


def project_warnings(doc: ReportDocument) -> list[ParseWarning]:
    return [
        w
        for w in doc.get("parse_warnings") or []
        if str(w.get("message", "")).startswith(PROJECT_WARNING_PREFIX)
    ]


def pages_warned(doc: ReportDocument, pattern: re.Pattern[str]) -> set[int]:
    """The pages named by the parse warnings whose message matches `pattern`."""
    return {
        int(page)
        for w in doc.get("parse_warnings") or []
        if (page := w.get("page")) is not None and pattern.match(str(w.get("message", "")))
    }


def pages_read_from_images(doc: ReportDocument) -> set[int]:
    """The pages read by OCR (contract 1.1: each has an `ocr: page N read from its image`
    warning)."""
    return pages_warned(doc, OCR_PAGE)


def pages_with_damaged_text(doc: ReportDocument) -> set[int]:
    """The pages read through a text layer the parser itself calls damaged (or unusable): each
    has a `text: page N: …` warning."""
    return pages_warned(doc, DAMAGED_TEXT_PAGE)


def pages_not_read_as_printed(doc: ReportDocument) -> set[int]:
    """Pages whose words may not be the words printed: read from an image, or through a
    damaged text layer. A misread letter there is the reader's, not the report's."""
    return pages_read_from_images(doc) | pages_with_damaged_text(doc)


def project_list_usable(doc: ReportDocument, evidence: Evidence) -> bool:
    """May figures be checked against the project list? Only when it was read whole."""
    if not doc.get("projects"):
        return False
    if evidence.project_list_complete is not None:
        return evidence.project_list_complete
    return not project_warnings(doc)


def pages_not_read_whole(doc: ReportDocument) -> set[int] | None:
    """The pages of the project list where rows may not have been read: those its `projects:`
    warnings name. None when a warning names no page: then no page can be vouched for."""
    pages: set[int] = set()
    for warning in project_warnings(doc):
        page = warning.get("page")
        if page is None:
            return None
        pages.add(int(page))
    return pages
