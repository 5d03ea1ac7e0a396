"""Model + layout -> the contract document a parser must produce, and the checks' Evidence.

The findings are never written by hand: they come from `checks.find_inconsistencies` run on
the document built here from the data model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from checks import Evidence, find_inconsistencies
from sample_reports.generator.layout import SUMMARY_SECTIONS, Layout, PageKind, section_pages
from sample_reports.generator.model import Memo, Person, Report

SCHEMA_VERSION = 1
NO_TEXT_LAYER = "no_text_layer"  # the rejection of a scan read without OCR
LIST_SECTIONS = ("projects",)
# Sections whose absence a parser reports as a parse warning (no page: nowhere to point at).
WARNED_WHEN_ABSENT = (*SUMMARY_SECTIONS, "status_summary", "projects", "narrative")


def folded(text: str | None) -> str | None:
    """White space folded and trimmed, as the contract normalises every text."""
    return None if text is None else " ".join(text.split())


def person(p: Person | None) -> dict[str, Any] | None:
    return None if p is None else {"name": folded(p.name), "position": folded(p.position)}


def memo_document(memo: Memo) -> dict[str, Any]:
    return {
        "agency": folded(memo.agency),
        "phone": memo.phone,
        "reference": folded(memo.reference),
        "date": memo.date.isoformat(),
        "subject": folded(memo.subject),
        "addressee": folded(memo.addressee),
        "signatories": [person(signature.person) for signature in memo.signatures],
    }


def table(value: Any) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    if value is None:
        return [], None
    return [dataclasses.asdict(row) for row in value.rows], dataclasses.asdict(value.total)


def optional(value: Any) -> dict[str, Any] | None:
    return None if value is None else dataclasses.asdict(value)


def memo_is_readable(report: Report, layout: Layout) -> bool:
    memo_pages = layout.numbers(PageKind.MEMO)
    return report.memo is not None and bool(layout.text_pages(memo_pages))


def parse_warnings(report: Report, layout: Layout) -> list[dict[str, Any]]:
    warnings = [
        {"page": page, "message": f"page {page}: an image without a text layer, not read"}
        for page in sorted(layout.image_pages)
    ]
    warnings += [
        {"page": page, "message": f"text: page {page}: the text layer is unusable, not read"}
        for page in sorted(layout.unusable_pages)
    ]
    for section in WARNED_WHEN_ABSENT:
        if getattr(report, section) is None:
            warnings.append({"page": None, "message": f"{section}: not found"})
    return warnings


def document_without_findings(
    report: Report, layout: Layout, source: dict[str, Any]
) -> dict[str, Any]:
    if (layout.image_pages | layout.unusable_pages) - set(layout.numbers(PageKind.MEMO)):
        raise ValueError("only a memo page may be unreadable in a report to parse")
    page_of = layout.page_of_rows()
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "memo": memo_document(report.memo) if memo_is_readable(report, layout) else None,
        "report": {
            "organization": folded(report.organization),
            "fiscal_year": report.fiscal_year,
            "round_months": report.round_months,
            "data_as_of": report.data_as_of.isoformat(),
            "reporter": person(report.reporter),
            "district": folded(report.district),
            "province": folded(report.province),
        },
    }
    for section in SUMMARY_SECTIONS:
        doc[section], doc[f"{section}_total"] = table(getattr(report, section))
    doc["status_summary"] = optional(report.status_summary)
    doc["projects"] = [
        {
            "seq": row.seq,
            "name": folded(row.name),
            "dimension": row.dimension,
            "budget": row.budget,
            "disbursed": row.disbursed,
            "status": row.status,
            "remark": folded(row.remark),
            "page": page_of[index],
        }
        for index, row in enumerate(report.projects or [])
    ]
    doc["narrative"] = optional(report.narrative)
    doc["problems"] = [folded(problem) for problem in report.problems]
    doc["parse_warnings"] = parse_warnings(report, layout)
    doc["findings"] = []
    return doc


def evidence_of(report: Report, layout: Layout) -> Evidence:
    marks = {
        index: len(row.marks)
        for index, row in enumerate(report.projects or [])
        if row.status is None
    }
    return Evidence(section_pages=section_pages(report, layout), checkbox_marks=marks)


def expected_document(
    report: Report, layout: Layout, source: dict[str, Any]
) -> tuple[dict[str, Any], Evidence]:
    """The whole contract document for a PDF of `report` laid out as `layout`."""
    doc = document_without_findings(report, layout, source)
    evidence = evidence_of(report, layout)
    doc["findings"] = find_inconsistencies(doc, evidence)
    return doc, evidence


def rejected_document(code: str) -> dict[str, Any]:
    return {"rejected": {"code": code}}


def readable_report_pages(layout: Layout) -> list[int]:
    """The pages other than the memo with a usable text layer."""
    memo = set(layout.numbers(PageKind.MEMO))
    return layout.text_pages(n for n in range(1, layout.page_count + 1) if n not in memo)


def filed_expected_document(
    report: Report, layout: Layout, source: dict[str, Any]
) -> dict[str, Any]:
    """Without OCR: a scan none of whose report pages has a usable text layer is rejected;
    otherwise its image pages are not read (one warning each)."""
    if not readable_report_pages(layout):
        return rejected_document(NO_TEXT_LAYER)
    return expected_document(report, layout, source)[0]


def ocr_warning(page: int) -> dict[str, Any]:
    """The start of a parser's warning for a page read with OCR (its message goes on with the
    mean recognition confidence: compare by prefix)."""
    return {"page": page, "message": f"ocr: page {page} read from its image"}


def ocr_expected_document(
    report: Report, printed: Layout, source: dict[str, Any], ocr_pages: Iterable[int]
) -> tuple[dict[str, Any], Evidence]:
    """With OCR: the document of the `printed` pages (the scan's digital twin), every page
    read, and a warning for each page read from its image, in page order before the others."""
    doc = document_without_findings(report, printed, source)
    doc["parse_warnings"] = [ocr_warning(page) for page in sorted(ocr_pages)] + doc[
        "parse_warnings"
    ]
    evidence = evidence_of(report, printed)
    doc["findings"] = find_inconsistencies(doc, evidence)
    return doc, evidence
