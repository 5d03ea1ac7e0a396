"""The rule catalogue on the reference document and on hand-made departures from it.

Expected findings here are worked out from the contract's text, by hand, for each change.
"""

from __future__ import annotations

import copy

import pytest

from checks import Evidence, find_inconsistencies
from tests.contract import SAMPLES_DIR, read_json, reference_document, validate

# The reference report as laid out in reference.expected.json: memo; cover and summary
# tables; four pages of the project list; the closing page.
REFERENCE_LAYOUT = Evidence(
    section_pages={
        "memo": [1],
        "report": [2],
        "dimensions": [2],
        "plan_budget": [2],
        "ordinance_budget": [2],
        "disbursement": [2],
        "status_summary": [2],
        "projects": [3, 4, 5, 6],
        "narrative": [7],
    }
)
LIST_PAGES = [3, 4, 5, 6]


def without_messages(findings):
    return [{k: v for k, v in f.items() if k != "message"} for f in findings]


def key(f):
    return (f["rule"], f["field"], f["dimension"], f["seq"], f["reported"], f["expected"])


def new_findings(doc, evidence=REFERENCE_LAYOUT):
    """Findings of a changed reference document beyond the reference's own ten."""
    before = {key(f) for f in reference_document()["findings"]}
    return [f for f in find_inconsistencies(doc, evidence) if key(f) not in before]


def test_reference_document_gives_exactly_its_ten_findings():
    doc = reference_document()
    findings = find_inconsistencies(doc, REFERENCE_LAYOUT)
    assert without_messages(findings) == without_messages(doc["findings"])
    assert all(f["message"] for f in findings)
    validate({**doc, "findings": findings})


def test_without_layout_findings_still_name_the_project_pages():
    doc = reference_document()
    findings = find_inconsistencies(doc)
    assert len(findings) == 10
    assert {tuple(f["pages"]) for f in findings} == {tuple(LIST_PAGES)}


def test_a_total_the_list_cannot_determine_is_checked_against_its_rows():
    doc = reference_document()
    doc["ordinance_budget_total"]["budget"] = 5000.0
    [finding] = new_findings(doc)
    assert finding["rule"] == "TOTAL_ROW"
    assert finding["field"] == "ordinance_budget_total.budget"
    assert (finding["reported"], finding["expected"]) == (5000.0, 0.0)
    assert finding["pages"] == [2]
    assert finding["severity"] == "error"


def test_a_figure_printed_in_two_tables_without_the_list_to_arbitrate_is_cross_table():
    doc = reference_document()
    doc["ordinance_budget"][1]["budget"] = 1200.0  # dimension 2; its total row now also off
    found = {(f["rule"], f["field"], f["dimension"]) for f in new_findings(doc)}
    assert ("CROSS_TABLE", "ordinance_budget.budget", 2) in found
    assert ("TOTAL_ROW", "ordinance_budget_total.budget", None) in found
    cross = next(f for f in new_findings(doc) if f["rule"] == "CROSS_TABLE")
    assert (cross["reported"], cross["expected"], cross["severity"]) == (1200.0, 0.0, "warning")


def test_narrative_level_and_percentage_are_compared_with_the_status_table():
    doc = reference_document()
    doc["narrative"]["level"] = "น้อย"
    doc["narrative"]["implementation_pct"] = 50.0
    found = {(f["rule"], f["field"], f["reported"], f["expected"]) for f in new_findings(doc)}
    assert found == {
        ("CROSS_TABLE", "narrative.implementation_pct", 50.0, 54.29),
        ("CROSS_TABLE", "narrative.level", "น้อย", "มาก"),
    }


def test_percentages_are_checked_against_their_own_printed_figures_only():
    doc = reference_document()
    doc["dimensions"][0]["pct_projects"] = 25.0  # 3 of 15 is 20.00
    doc["dimensions_total"]["pct_budget"] = 0.01  # within tolerance of 0.00
    [finding] = new_findings(doc)
    assert (finding["rule"], finding["field"], finding["dimension"]) == (
        "PERCENT",
        "dimensions.pct_projects",
        1,
    )
    assert (finding["reported"], finding["expected"]) == (25.0, 20.0)


def test_implementation_pct_may_count_in_progress_at_half_weight():
    doc = reference_document()
    summary = doc["status_summary"]
    summary["in_progress"] = 2  # now also wrong against the list (0 in progress)
    summary["implementation_pct"] = round(100 * (19 + 1) / 35, 2)
    assert not [f for f in new_findings(doc) if f["rule"] == "PERCENT"]
    summary["implementation_pct"] = 60.0
    [percent] = [f for f in new_findings(doc) if f["rule"] == "PERCENT"]
    assert percent["field"] == "status_summary.implementation_pct"


def test_disbursed_pct_uses_the_plan_table_when_the_dimensions_table_is_missing():
    doc = reference_document()
    doc["dimensions"], doc["dimensions_total"] = [], None
    doc["narrative"]["disbursed_pct"] = 2.34  # 34,000 / 1,456,400 = 2.33; within 0.01
    assert not [f for f in find_inconsistencies(doc, REFERENCE_LAYOUT) if f["rule"] == "PERCENT"]
    doc["plan_budget_total"]["budget"] = 340000.0
    fields = {(f["rule"], f["field"]) for f in find_inconsistencies(doc, REFERENCE_LAYOUT)}
    assert ("PERCENT", "narrative.disbursed_pct") in fields
    assert ("AMOUNT_SUM", "plan_budget_total.budget") in fields


def test_rows_with_no_status_explain_a_shortfall_but_not_an_excess():
    doc = reference_document()
    # Row 49 (dimension 3, completed, the 34,000 disbursed) loses its mark.
    row = next(r for r in doc["projects"] if r["seq"] == 49)
    row["status"] = None
    index = doc["projects"].index(row)
    evidence = copy.deepcopy(REFERENCE_LAYOUT)
    evidence.checkbox_marks[index] = 0
    findings = find_inconsistencies(doc, evidence)
    checkbox = [f for f in findings if f["rule"] == "CHECKBOX"]
    assert without_messages(checkbox) == [
        {
            "rule": "CHECKBOX",
            "severity": "error",
            "field": "projects.status",
            "dimension": None,
            "seq": 49,
            "reported": 0,
            "expected": 1,
            "pages": [row["page"]],
        }
    ]
    fields = {(f["field"], f["dimension"]) for f in findings}
    # 19 printed, 19 counted + 1 unknown: explained now, so no longer flagged.
    assert ("status_summary.completed", None) not in fields
    assert ("dimensions_total.projects_done", None) not in fields
    # Dimension 3 printed 3 done, counts 2 + 1 unknown: explained.
    assert ("dimensions.projects_done", 3) not in fields
    # Dimension 2 is untouched: 7 printed, 8 counted, no unknown row: still flagged.
    assert ("dimensions.projects_done", 2) in fields
    # unable: 9 printed, 8 counted + 1 unknown: explained; the narrative's 0 is below 8.
    assert ("status_summary.unable", None) not in fields
    assert ("narrative.unable", None) in fields


def test_a_list_not_read_whole_checks_nothing_against_it():
    doc = reference_document()
    doc["parse_warnings"] = [{"page": 5, "message": "projects: page 5 has no text layer"}]
    rules = {f["rule"] for f in find_inconsistencies(doc, REFERENCE_LAYOUT)}
    assert rules.isdisjoint({"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM"})
    # Without the list the narrative's counts are compared with the status table's.
    found = {
        (f["rule"], f["field"], f["reported"], f["expected"])
        for f in find_inconsistencies(doc, REFERENCE_LAYOUT)
    }
    assert ("CROSS_TABLE", "narrative.unable", 0, 9) in found
    assert ("CROSS_TABLE", "narrative.completed", 19, 19) not in found


def test_sequence_breaks_give_one_finding_each():
    doc = reference_document()
    seqs = [r["seq"] for r in doc["projects"]]
    seqs[9] = 11  # 1..9, 11, 11, 12 …: a gap at row 10, then a repeat
    for row, seq in zip(doc["projects"], seqs, strict=True):
        row["seq"] = seq
    found = [(f["seq"], f["reported"], f["expected"]) for f in new_findings(doc)]
    assert found == [(11, 11, 10), (11, 11, 12)]
    assert {f["rule"] for f in new_findings(doc)} == {"SEQUENCE"}


@pytest.mark.parametrize(
    ("change", "field", "reported", "expected"),
    [
        (
            {"subject": "รายงานการกำกับติดตาม ประจำปีงบประมาณ 2565 รอบ 6 เดือน"},
            "memo.subject",
            2565,
            2566,
        ),
        ({"subject": "รายงาน ประจำปีงบประมาณ 2566 รอบ 12 เดือน"}, "memo.subject", 12, 6),
        ({"agency": "กองคลัง อบต.หนองบัว"}, "memo.agency", "กองคลัง อบต.หนองบัว", None),
        ({"date": "2023-03-01"}, "memo.date", "2023-03-01", "2023-03-20"),
    ],
)
def test_memo_disagreeing_with_the_report(change, field, reported, expected):
    doc = reference_document()
    doc["memo"].update(change)
    [finding] = new_findings(doc)
    assert (finding["rule"], finding["field"], finding["reported"]) == ("METADATA", field, reported)
    assert finding["expected"] == (expected or doc["report"]["organization"])
    assert finding["pages"] == [1]


def test_abbreviated_agency_naming_the_same_organisation_is_fine():
    doc = reference_document()
    doc["memo"]["agency"] = "กองยุทธศาสตร์และงบประมาณ อบจ.กาฬสินธุ์"
    assert new_findings(doc) == []


def test_unreadable_figures_are_not_checked():
    doc = reference_document()
    doc["status_summary"]["completed"] = None
    doc["dimensions"][1]["projects_done"] = None
    fields = {f["field"] for f in find_inconsistencies(doc, REFERENCE_LAYOUT)}
    assert "status_summary.completed" not in fields
    assert len(find_inconsistencies(doc, REFERENCE_LAYOUT)) == 8


# --- a partly read list, a table not read whole (issue 19, §3 and §4) ----------------------
# Every sample document with a project list and its summary tables is a variant: the
# generator made them from its own model, with and without mutated figures.

PER_DIMENSION = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")


def listed_samples() -> list[tuple[str, dict, Evidence]]:
    variants = []
    for path in sorted(SAMPLES_DIR.glob("*.expected.json")):
        doc = read_json(path)
        evidence_path = path.with_name(path.name.replace(".expected.", ".evidence."))
        if doc.get("rejected") or not doc.get("projects") or not doc.get("dimensions"):
            continue
        if doc["parse_warnings"] or not evidence_path.is_file():
            continue  # a list read whole, its findings all the report's own
        name = path.name.removesuffix(".expected.json")
        variants.append((name, doc, Evidence.from_dict(read_json(evidence_path))))
    return variants


LISTED = listed_samples()


def test_there_are_enough_variants():
    assert len(LISTED) >= 20
    assert sum(1 for _name, doc, _ev in LISTED if doc["findings"]) >= 10


def fields_of(findings, per_dimension: bool | None = None):
    return {
        (f["rule"], f["field"])
        for f in findings
        if per_dimension is None or (f["dimension"] is not None) == per_dimension
    }


@pytest.mark.parametrize(("name", "doc", "evidence"), LISTED, ids=[v[0] for v in LISTED])
def test_dimensions_unread_leave_the_totals_checked_against_the_list(name, doc, evidence):
    """Every row's dimension unread (each doubtful on a page read from its image, an `ocr:`
    warning each): the totals and status counts are still checked against the list, with the
    same findings; the list arbitrates them, so no CROSS_TABLE stands in for them."""
    doc = copy.deepcopy(doc)
    for row in doc["projects"]:
        row["dimension"] = None
    doc["parse_warnings"] = [
        {"page": row["page"], "message": f"ocr: page {row['page']}: row {row['seq']}: dimension"}
        for row in doc["projects"]
    ]
    findings = find_inconsistencies(doc, evidence)
    totals = fields_of(doc["findings"], per_dimension=False)
    assert fields_of(findings, per_dimension=False) == totals
    listed = {"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM"}
    assert {f for f in totals if f[0] in listed} == {
        f for f in fields_of(findings, per_dimension=False) if f[0] in listed
    }
    assert not [f for f in findings if f["rule"] == "CROSS_TABLE" and f["dimension"] is None]


@pytest.mark.parametrize("keys", ["seq, dimension", "dimension", "budget", "status"])
def test_a_list_with_a_column_not_found_still_checks_nothing_against_it(keys):
    """The contract: a `projects:` warning makes the list not read whole (its column's
    values, or rows, were not read): no figure is checked against it."""
    doc = reference_document()
    doc["parse_warnings"] = [{"page": 3, "message": f"projects: page 3: columns not found: {keys}"}]
    rules = {f["rule"] for f in find_inconsistencies(doc, REFERENCE_LAYOUT)}
    assert rules.isdisjoint({"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM"})


@pytest.mark.parametrize(("name", "doc", "evidence"), LISTED, ids=[v[0] for v in LISTED])
def test_a_table_with_fewer_rows_than_its_dimensions_gives_no_total_row(name, doc, evidence):
    """A summary table read with only two of its dimension rows (the others lost from an
    image): its total is not the sum of what was read, so no TOTAL_ROW comes from it; and
    no finding is made that the whole table would not give."""
    whole = fields_of(find_inconsistencies(doc, evidence))
    for section in PER_DIMENSION:
        if len(doc.get(section) or []) < 3:
            continue
        partial = copy.deepcopy(doc)
        partial[section] = partial[section][:2]
        findings = fields_of(find_inconsistencies(partial, evidence))
        # Its total is then compared with the same quantity in another table, no more.
        assert all(
            rule == "CROSS_TABLE" and field.startswith(f"{section}_total.")
            for rule, field in findings - whole
        ), section
        # and a total row read without any of its rows is compared with nothing either
        partial[section] = []
        findings = fields_of(find_inconsistencies(partial, evidence))
        assert not {f for f in findings - whole if f[0] == "TOTAL_ROW"}, section
