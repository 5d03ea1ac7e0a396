"""METADATA compares the memo's agency with the report's organisation as read. It stands back
when either was read through a text layer the parser itself calls damaged (a `text: page N`
warning), as it does for pages read from their images: เทศบำล for เทศบาล is the reader's
misreading, not the organisation's disagreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import Evidence, find_inconsistencies
from checks.evidence import pages_with_damaged_text, placed_box
from parsers import parse_report
from parsers.layout.page import PageContent
from parsers.page_warnings import warn_text_quality
from parsers.safety.limits import Limits
from parsers.sections.parse_warnings import WarningLog
from tests.contract import SAMPLES_DIR, reference_document

# The reference's memo agency as a damaged layer reads it: every SARA AA read SARA AM.
DAMAGED_AGENCY = "กองยุทธศาสตร์และงบประมำณ องค์กำรบริหำรส่วนจังหวัดกำฬสินธุ์"
MEMO_PAGE, COVER_PAGE, LIST_PAGE = 1, 2, 5
SECTIONS = {"memo": [MEMO_PAGE], "dimensions": [COVER_PAGE], "projects": [3, 4, 5, 6]}


def damaged_text_warning(page: int) -> dict:
    """The warning the parser gives a page whose text layer it measured as damaged."""
    content = PageContent(
        number=page,
        width=595,
        height=842,
        lines=[],
        dictionary_share=0.72,
        repairs={"nikhahit_sara_aa": 12},
    )
    warnings = WarningLog()
    warn_text_quality(content, warnings)
    [warning] = warnings.to_list()
    return warning


def image_warning(page: int) -> dict:
    return {"page": page, "message": f"ocr: page {page} read from its image (mean confidence 91%)"}


def evidence(placed: bool = True) -> Evidence:
    """The reference's layout; `placed`: with where the two names were read (as the parser
    gives it), else without (as a stored evidence file may be)."""
    boxes = {}
    if placed:
        boxes = {
            "memo.agency": [placed_box(MEMO_PAGE, 31, 95, 513, 106)],
            "report.organization": [placed_box(COVER_PAGE, 123, 210, 471, 221)],
        }
    return Evidence(section_pages=SECTIONS, boxes=boxes)


def damaged_memo(*warnings: dict) -> dict:
    doc = reference_document()
    doc["memo"]["agency"] = DAMAGED_AGENCY
    doc["parse_warnings"] = list(warnings)
    return doc


def agency_findings(doc: dict, ev: Evidence) -> list[dict]:
    return [f for f in find_inconsistencies(doc, ev) if f["field"] == "memo.agency"]


def test_the_parser_s_damage_warning_names_its_page():
    assert pages_with_damaged_text(damaged_memo(damaged_text_warning(MEMO_PAGE))) == {MEMO_PAGE}
    assert pages_with_damaged_text(damaged_memo(image_warning(MEMO_PAGE))) == set()


def test_the_misread_agency_is_a_finding_when_nothing_says_the_text_is_damaged():
    """The control: without the warning, the misreading looks like another organisation."""
    [finding] = agency_findings(damaged_memo(), evidence())
    assert (finding["rule"], finding["reported"]) == ("METADATA", DAMAGED_AGENCY)


@pytest.mark.parametrize(
    "warning",
    [
        damaged_text_warning(MEMO_PAGE),
        damaged_text_warning(COVER_PAGE),
        image_warning(MEMO_PAGE),
        image_warning(COVER_PAGE),
    ],
    ids=["damaged-memo", "damaged-cover", "image-memo", "image-cover"],
)
def test_a_side_read_through_damage_is_not_compared(warning):
    assert agency_findings(damaged_memo(warning), evidence()) == []


def test_damage_elsewhere_leaves_the_comparison_standing():
    """A damaged list page says nothing of the memo's and the cover's words."""
    doc = damaged_memo(damaged_text_warning(LIST_PAGE))
    assert len(agency_findings(doc, evidence())) == 1


def test_where_the_names_were_read_is_unknown_any_damage_stands_it_back():
    doc = damaged_memo(damaged_text_warning(LIST_PAGE))
    assert agency_findings(doc, evidence(placed=False)) == []


def test_figures_of_the_memo_are_still_compared():
    """The fiscal year in the memo's subject is digits: compared through a damaged layer."""
    doc = damaged_memo(damaged_text_warning(MEMO_PAGE))
    doc["memo"]["subject"] = doc["memo"]["subject"].replace("2566", "2565")
    fields = [f["field"] for f in find_inconsistencies(doc, evidence())]
    assert "memo.subject" in fields and "memo.agency" not in fields


@pytest.fixture(scope="module")
def parsed_weasyprint():
    path: Path = SAMPLES_DIR / "reference-weasyprint.pdf"
    return parse_report(path.read_bytes(), filename=path.name, limits=Limits(ocr=False))


def test_a_parsed_report_with_its_memo_read_through_damage(parsed_weasyprint):
    """The parser's own document and evidence (where it read each name): the memo's agency
    misread on a page it warned about gives no METADATA finding; unwarned, it would."""
    doc = dict(parsed_weasyprint.document)
    doc["memo"] = {**doc["memo"], "agency": DAMAGED_AGENCY}
    ev = parsed_weasyprint.evidence
    memo_page = ev.boxes_of("memo.agency")[0][0]
    assert len(agency_findings({**doc, "parse_warnings": []}, ev)) == 1
    doc["parse_warnings"] = [damaged_text_warning(int(memo_page))]
    assert agency_findings(doc, ev) == []


# The level the status table prints, misread as OCR misreads it (ที่ without MAI EK).
MISREAD_LEVEL = "มากทีสุด"
CLOSING_PAGE = 7
LEVEL_SECTIONS = {**SECTIONS, "status_summary": [COVER_PAGE], "narrative": [CLOSING_PAGE]}


def level_findings(doc: dict) -> list[dict]:
    found = find_inconsistencies(doc, Evidence(section_pages=LEVEL_SECTIONS))
    return [f for f in found if f["field"].endswith(".level")]


def misread_level(*warnings: dict) -> dict:
    doc = reference_document()
    doc["narrative"]["level"] = MISREAD_LEVEL
    doc["findings"] = []
    doc["parse_warnings"] = list(warnings)
    return doc


def test_a_level_that_differs_in_text_layers_read_as_printed_is_a_finding():
    assert doc_level_differs_from_narrative()
    assert [f["rule"] for f in level_findings(misread_level())] == ["CROSS_TABLE"]


@pytest.mark.parametrize("warning", [image_warning, damaged_text_warning])
@pytest.mark.parametrize("page", [COVER_PAGE, CLOSING_PAGE])
def test_a_level_read_from_an_image_or_damaged_text_is_not_compared(warning, page):
    assert level_findings(misread_level(warning(page))) == []


def test_a_level_is_compared_when_only_other_pages_were_misread():
    assert level_findings(misread_level(image_warning(LIST_PAGE)))


def doc_level_differs_from_narrative() -> bool:
    doc = reference_document()
    return doc["status_summary"]["level"] != MISREAD_LEVEL
