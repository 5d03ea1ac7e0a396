"""METADATA: the memo and the report pages disagree on who, which year, which round, or when."""

from __future__ import annotations

import re
from typing import Any

from checks.catalogue import Rule
from checks.document import Memo, Report
from checks.evidence import Evidence, figure_place, pages_not_read_as_printed
from checks.figures import Doc
from checks.findings import Compared, PlacedFinding, make_finding
from parsers.language.vocabulary import FISCAL_YEAR, ROUND_MONTHS, compact, expand_abbreviations

AGENCY_PLACE = figure_place("memo", "agency")
ORGANIZATION_PLACE = figure_place("report", "organization")


def subject_number(pattern: re.Pattern[str], subject: str) -> int | None:
    match = pattern.search(subject)
    return int(match.group(1)) if match else None


def metadata_finding(
    memo_key: str, report_key: str, reported: Any, expected: Any, what: str, ev: Evidence
) -> PlacedFinding:
    """The memo's `memo_key` says `reported` where the report's `report_key` says `expected`."""
    message = f"บันทึกข้อความระบุ{what} {reported} แต่รายงานระบุ {expected}"
    field = figure_place("memo", memo_key)
    compared = Compared((field,), (figure_place("report", report_key),))
    pages = ev.pages_of("memo")
    return make_finding(Rule.METADATA, field, reported, expected, message, pages, compared)


def check_subject(memo: Memo, report: Report, ev: Evidence) -> list[PlacedFinding]:
    subject = memo.get("subject") or ""
    findings: list[PlacedFinding] = []
    for pattern, key, what in (
        (FISCAL_YEAR, "fiscal_year", "ปีงบประมาณ"),
        (ROUND_MONTHS, "round_months", "รอบ (เดือน)"),
    ):
        in_memo, in_report = subject_number(pattern, subject), report.get(key)
        if in_memo is not None and in_report is not None and in_memo != in_report:
            findings.append(metadata_finding("subject", key, in_memo, in_report, what, ev))
    return findings


def sides_pages(ev: Evidence, *places: str) -> set[int] | None:
    """The pages the compared values were read on; None when the evidence does not say."""
    pages: set[int] = set()
    for place in places:
        boxes = ev.boxes_of(place)
        if not boxes:
            return None
        pages |= {int(box[0]) for box in boxes}
    return pages


def read_as_printed(doc: Doc, ev: Evidence, *places: str) -> bool:
    """Were the compared values read as printed: not from an image, nor through a text layer
    the parser called damaged? Where they were read is unknown: no page may be either."""
    untrusted = pages_not_read_as_printed(doc)
    if not untrusted:
        return True
    pages = sides_pages(ev, *places)
    return pages is not None and not pages & untrusted


def check_agency(
    memo: Memo, report: Report, ev: Evidence, as_printed: bool = True
) -> list[PlacedFinding]:
    """The organisation named in the memo's agency and in the report. Not when either was read
    from an image or through a damaged text layer: a misread letter in a name (เทศบำล for
    เทศบาล) is no disagreement of the organisation's."""
    agency, organization = memo.get("agency"), report.get("organization")
    if not agency or not organization or not as_printed:
        return []
    if compact(organization) in compact(expand_abbreviations(agency)):
        return []
    return [metadata_finding("agency", "organization", agency, organization, "ส่วนราชการ", ev)]


def check_memo_date(memo: Memo, report: Report, ev: Evidence) -> list[PlacedFinding]:
    memo_date, data_as_of = memo.get("date"), report.get("data_as_of")
    if memo_date and data_as_of and memo_date < data_as_of:  # ISO dates order as strings
        return [metadata_finding("date", "data_as_of", memo_date, data_as_of, "วันที่", ev)]
    return []


def check_metadata(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    memo, report = doc.get("memo"), doc.get("report") or {}
    if not isinstance(memo, dict):
        return []
    return (
        check_subject(memo, report, evidence)
        + check_agency(
            memo, report, evidence, read_as_printed(doc, evidence, AGENCY_PLACE, ORGANIZATION_PLACE)
        )
        + check_memo_date(memo, report, evidence)
    )
