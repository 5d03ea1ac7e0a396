"""Every page of the project list is read or named in a `projects: page N: …` warning, and a
parse miss never becomes a finding (contract: "A parse miss is never the report's fault").

Each test makes one part of one list page of a real sample unreadable (tests/mutilation.py)
and checks the warning, and that no finding came from the miss.
"""

from __future__ import annotations

import copy

import pytest

from checks import Evidence, find_inconsistencies
from parsers import parse_report
from parsers.layout.page import PageContent, Word
from parsers.report import TablesFound, account_for_list_pages
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.project_list import ProjectRow, looks_like_project_row
from tests import mutilation as cut
from tests.contract import SAMPLES_DIR, reference_document

# The rules that count, sum or follow the project list: a miss must trigger none of them.
LIST_RULES = {"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM", "SEQUENCE", "CHECKBOX"}
REFERENCE = SAMPLES_DIR / "reference-reportlab.pdf"  # the list on pages 3–6, 14 rows each
SEQUENCE_SAMPLE = SAMPLES_DIR / "findings-sequence.pdf"  # breaks on pages 3 and 4


def parse(pdf: bytes) -> dict:
    return parse_report(pdf, filename="mutilated.pdf").document


def warned_pages(doc: dict) -> set[int]:
    """The pages named in `projects: page N: …` warnings."""
    return {
        w["page"]
        for w in doc["parse_warnings"]
        if w["page"] is not None and w["message"].startswith(f"projects: page {w['page']}:")
    }


def list_findings(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["rule"] in LIST_RULES]


@pytest.fixture(scope="module")
def reference() -> bytes:
    return REFERENCE.read_bytes()


def test_the_untouched_sample_is_read_whole_and_gives_its_findings(reference):
    doc = parse(reference)
    assert warned_pages(doc) == set()
    assert len(list_findings(doc)) == 10
    assert len(doc["projects"]) == 56


def test_a_first_list_page_whose_header_is_unreadable_is_named(reference):
    """Without its header the page is not found as the list at all: its rows look like rows."""
    table, columns = cut.list_table(reference, 3)
    pdf = cut.erase_text(reference, 3, cut.within(cut.header_boxes(table, columns.header_rows)))
    doc = parse(pdf)
    assert [row["seq"] for row in doc["projects"]][:1] == [15]  # page 3 was not read
    assert 3 in warned_pages(doc)
    assert list_findings(doc) == []


def test_a_later_list_page_whose_header_is_unreadable_is_named(reference):
    table, columns = cut.list_table(reference, 4)
    pdf = cut.erase_text(reference, 4, cut.within(cut.header_boxes(table, columns.header_rows)))
    doc = parse(pdf)
    assert not any(row["page"] == 4 for row in doc["projects"])
    # Page 4 itself, and the break in the numbering it leaves on page 5.
    assert {4, 5} <= warned_pages(doc)
    assert list_findings(doc) == []


def test_a_column_label_that_is_unreadable_is_named(reference):
    table, columns = cut.list_table(reference, 5)
    label = cut.header_boxes(table, columns.header_rows, [columns.keys["budget"]])
    doc = parse(cut.erase_text(reference, 5, cut.within(label)))
    assert 5 in warned_pages(doc)
    assert any("budget" in w["message"] for w in doc["parse_warnings"] if w["page"] == 5)
    assert list_findings(doc) == []


def test_status_labels_that_are_unreadable_give_unknown_statuses_not_checkbox_findings(reference):
    table, columns = cut.list_table(reference, 6)
    labels = cut.header_boxes(table, columns.header_rows, columns.statuses)
    doc = parse(cut.erase_text(reference, 6, cut.within(labels)))
    assert 6 in warned_pages(doc)
    page_6 = [row for row in doc["projects"] if row["page"] == 6]
    assert len(page_6) == 14
    assert all(row["status"] is None for row in page_6)
    assert list_findings(doc) == []


def test_status_cells_with_nothing_drawn_give_unknown_statuses_not_checkbox_findings(reference):
    table, columns = cut.list_table(reference, 4)
    cells = cut.body_boxes(table, columns.header_rows, columns.statuses)
    result = parse_report(cut.erase_text(reference, 4, cut.within(cells)), filename="x.pdf")
    doc = result.document
    assert 4 in warned_pages(doc)
    page_4 = [i for i, row in enumerate(doc["projects"]) if row["page"] == 4]
    assert len(page_4) == 14
    assert sorted(result.evidence.unread_status_rows) == page_4
    assert list_findings(doc) == []


def test_a_list_page_without_any_text_is_named_by_its_ruling(reference):
    """No text left at all (an image-only page in all but name): its grid is the list's."""
    doc = parse(cut.erase_text(reference, 5, cut.anywhere))
    assert not any(row["page"] == 5 for row in doc["projects"])
    assert {5, 6} <= warned_pages(doc)  # the page, and the numbers missing before page 6
    assert list_findings(doc) == []


def test_breaks_on_pages_read_whole_are_still_reported():
    """Page 4's header is unreadable: its breaks are not reported, page 3's still are."""
    pdf = SEQUENCE_SAMPLE.read_bytes()
    before = [(f["seq"], f["pages"]) for f in parse(pdf)["findings"] if f["rule"] == "SEQUENCE"]
    assert {tuple(pages) for _, pages in before} == {(3,), (4,)}
    table, columns = cut.list_table(pdf, 4)
    doc = parse(cut.erase_text(pdf, 4, cut.within(cut.header_boxes(table, columns.header_rows))))
    assert 4 in warned_pages(doc)
    after = [(f["seq"], f["pages"]) for f in doc["findings"] if f["rule"] == "SEQUENCE"]
    assert after == [item for item in before if item[1] == [3]]


# --- What looks like a project row ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1 โครงการส่งเสริมการบริหารงาน 1 100,000.00 0.00",
        "4 1 100,000.00 0.00",  # the name wrapped onto the lines around
        "12 โครงการอบรม ประจำปี 2566 2 0.00 0.00",
    ],
)
def test_lines_that_look_like_project_rows(line):
    assert looks_like_project_row(line.split())


@pytest.mark.parametrize(
    "line",
    [
        "1 15 3 995,000.00 0.00 0.00 20.00 0.00",  # a row of the dimensions table
        "15 995,000.00 29 380,000.00 5 81,400.00 7 0.00 56 1,456,400.00",  # plan budget
        "1. เห็นควรเร่งรัดการดำเนินงาน 100,000.00 บาท",  # a numbered item
        "- เบิกจ่ายงบประมาณ 34,000.00 บาท คิดเป็นร้อยละ 2.33",
        "3 โครงการ 12 ครั้ง",  # no amount
        "มติที่ 1 995,000.00 0.00 0.00",
    ],
)
def test_lines_that_do_not(line):
    assert not looks_like_project_row(line.split())


# --- The checks, given what the parser could not read --------------------------------------


def reference_with_a_gap() -> tuple[dict, Evidence, int]:
    """The reference document whose page 4 rows were not read, and the number after them."""
    doc = reference_document()
    doc["projects"] = [row for row in doc["projects"] if row["page"] != 4]
    after = next(row["seq"] for row in doc["projects"] if row["page"] == 5)
    return doc, Evidence(section_pages={"projects": [3, 4, 5, 6]}), after


def test_a_gap_where_rows_were_not_read_is_no_sequence_finding():
    doc, evidence, after = reference_with_a_gap()
    sequence = [f["seq"] for f in find_inconsistencies(doc, evidence) if f["rule"] == "SEQUENCE"]
    assert sequence == [after]
    doc["parse_warnings"] = [{"page": 4, "message": "projects: page 4: rows … were not read"}]
    assert list_findings({"findings": find_inconsistencies(doc, evidence)}) == []


def test_a_gap_elsewhere_is_still_a_sequence_finding():
    doc, evidence, after = reference_with_a_gap()
    doc["parse_warnings"] = [{"page": 6, "message": "projects: page 6: rows … were not read"}]
    findings = find_inconsistencies(doc, evidence)
    assert [(f["rule"], f["seq"]) for f in findings if f["rule"] in LIST_RULES] == [
        ("SEQUENCE", after)
    ]


def test_rows_whose_status_cells_were_not_read_get_no_checkbox_finding():
    doc = reference_document()
    evidence = Evidence(section_pages={"projects": [3, 4, 5, 6]})
    for index in (0, 1):
        doc["projects"][index]["status"] = None
    evidence.checkbox_marks[1] = 0  # seen: no box marked
    evidence.unread_status_rows = [0]  # not seen: unknown
    checkbox = [f for f in find_inconsistencies(doc, evidence) if f["rule"] == "CHECKBOX"]
    assert [(f["seq"], f["reported"]) for f in checkbox] == [(2, 0)]
    again = Evidence.from_dict(copy.deepcopy(evidence.to_dict()))
    assert again.unread_status_rows == [0]


def list_row(seq: int, page: int) -> ProjectRow:
    return ProjectRow(seq, "โครงการ", 1, 0.0, 0.0, "completed", None, page, 1)


def accounted(image_pages: set[int]) -> list[str]:
    """The warnings for a list read on pages 2 and 4 (rows 1–12, 25–30), page 3 giving no row;
    `image_pages` read from their images."""
    line = [Word(40, 40, 120, 52, text="รายงานผล")]  # text on every page, none a row
    pages = [
        PageContent(n, 842, 595, [line], read_from_image=80.0 if n in image_pages else None)
        for n in (1, 2, 3, 4)
    ]
    rows = [list_row(seq, 2) for seq in range(1, 13)] + [list_row(s, 4) for s in range(25, 31)]
    found = TablesFound(projects=rows, pages={"projects": [2, 4]})
    warnings = WarningLog()
    account_for_list_pages(pages, pages, found, warnings)
    return [w["message"] for w in warnings.to_list()]


def test_a_page_read_from_its_image_that_gave_no_row_is_where_rows_went_unread():
    """Tesseract lost a scanned list page's header (Noto Serif Thai, 300 dpi grey, printed
    without rules): no table, no row, and the page's own warning only its mean confidence.
    The numbering's break around it names what is missing, and the list is not read whole."""
    assert accounted({1, 2, 3, 4}) == [
        "projects: page 4: numbers 13–24 missing where rows were not read"
    ]
    assert accounted({1}) == []  # a text layer's page: its lines say (looks_like_unread_rows)
