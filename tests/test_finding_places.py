"""Findings carry their places: every rule's sample makes its finding, and what the evidence
pictures draw is exactly what the check compared, from the parse and from the database alike,
also where the project list was not read whole (no SEQUENCE break there, none drawn)."""

from __future__ import annotations

import copy
import re
from functools import cache

import pytest

from checks import Compared, PlacedFinding, compared_of, find_inconsistencies, placed_findings
from checks.catalogue import RULE_WORDS, Rule
from checks.evidence import Evidence
from checks.identity import finding_ids, finding_key
from parsers import ParsedReport, parse_report
from raingan.pipeline.outputs.evidence_images import (
    AMBER,
    RED,
    FindingNotFound,
    Outline,
    StoredFinding,
    caption_lines,
    evidence_outlines,
    outlines_of,
    stored_finding,
)
from tests.contract import SAMPLES_DIR
from tests.databases import load_document, on_both

pytest_plugins = ("tests.database_fixtures",)

# The sample that makes each rule's finding (sample_reports/generator writes them).
RULE_SAMPLES: dict[Rule, str] = {
    Rule.STATUS_COUNT: "findings-status-count",
    Rule.DIMENSION_COUNT: "findings-dimension-count",
    Rule.AMOUNT_SUM: "findings-amount-sum",
    Rule.TOTAL_ROW: "findings-total-row",
    Rule.PERCENT: "findings-percent",
    Rule.CROSS_TABLE: "findings-cross-table-no-list",
    Rule.CHECKBOX: "findings-checkbox",
    Rule.SEQUENCE: "findings-sequence",
    Rule.METADATA: "findings-metadata",
}
ROW_NUMBER = re.compile(r"^projects\[(\d+)\]")


@cache
def parsed(stem: str) -> ParsedReport:
    pdf = SAMPLES_DIR / f"{stem}.pdf"
    return parse_report(pdf.read_bytes(), filename=pdf.name)


def drawn(evidence: Evidence, compared: Compared) -> dict[str, list[Outline]]:
    outlines = evidence_outlines(evidence, compared)
    return {colour: [o for o in outlines if o.colour == colour] for colour in (RED, AMBER)}


def outlines_at(evidence: Evidence, places: tuple[str, ...], colour: str) -> list[Outline]:
    return [
        Outline(int(box[0]), (box[1], box[2], box[3], box[4]), colour)
        for place in places
        for box in evidence.boxes_of(place)
    ]


def test_every_rule_has_a_sample_and_its_words():
    assert set(RULE_SAMPLES) == set(Rule)
    assert set(RULE_WORDS) == set(Rule)
    names = [words.name for words in RULE_WORDS.values()]
    assert len(set(names)) == len(names)  # an auditor tells the rules apart by name


@pytest.mark.parametrize("rule", list(RULE_SAMPLES), ids=str)
def test_each_rule_sample_draws_exactly_the_places_its_check_compared(rule: Rule):
    result = parsed(RULE_SAMPLES[rule])
    found = placed_findings(result.document, result.evidence)
    assert [p.finding for p in found] == result.document["findings"]
    assert rule in {Rule(p.finding["rule"]) for p in found}
    for placed in found:
        compared = placed.compared
        assert compared.printed and compared.against, placed.finding
        for place in (*compared.printed, *compared.against):
            assert result.evidence.boxes_of(place), (placed.finding["field"], place)
        pictured = drawn(result.evidence, compared)
        assert pictured[RED] == outlines_at(result.evidence, compared.printed, RED)
        assert pictured[AMBER] == outlines_at(result.evidence, compared.against, AMBER)
        words = RULE_WORDS[Rule(placed.finding["rule"])]
        caption = caption_lines(placed.finding)
        assert words.name in caption[0] and words.compared in caption


def compared_by_field(stem: str) -> list[tuple[str, Compared]]:
    result = parsed(stem)
    return [
        (p.finding["field"], p.compared) for p in placed_findings(result.document, result.evidence)
    ]


def test_metadata_names_the_report_figure_each_memo_field_was_compared_with():
    assert compared_by_field("findings-metadata") == [
        ("memo.agency", Compared(("memo.agency",), ("report.organization",))),
        ("memo.date", Compared(("memo.date",), ("report.data_as_of",))),
        ("memo.subject", Compared(("memo.subject",), ("report.fiscal_year",))),
        ("memo.subject", Compared(("memo.subject",), ("report.round_months",))),
    ]


def test_percentages_name_the_figures_they_were_computed_from():
    compared = dict(compared_by_field("findings-percent"))
    assert compared["status_summary.implementation_pct"].against == (
        "status_summary.completed",
        "status_summary.minimum_projects",
        "status_summary.in_progress",  # e-PlanNACC's half weight was tried too
    )
    assert compared["narrative.disbursed_pct"].against == (
        "narrative.disbursed",
        "dimensions_total.budget_planned",
    )
    assert compared["dimensions.pct_projects"] == Compared(
        ("dimensions[1].pct_projects",),
        ("dimensions[1].projects_done", "dimensions[1].projects_planned"),
    )


def test_a_sequence_break_is_compared_with_the_number_before_it():
    result = parsed("findings-sequence")
    seqs = [row["seq"] for row in result.document["projects"]]
    for field, compared in compared_by_field("findings-sequence"):
        index = int(ROW_NUMBER.match(compared.printed[0]).group(1))  # type: ignore[union-attr]
        assert compared == Compared((f"projects[{index}].seq",), (f"projects[{index - 1}].seq",))
        assert field == "projects.seq" and seqs[index] != seqs[index - 1] + 1


def list_not_read_whole_on(document: dict, page: int) -> dict:
    """The sample's document as a parse that could not vouch for every row of `page` leaves it."""
    doc = copy.deepcopy(document)
    doc["parse_warnings"].append({"page": page, "message": "projects: rows may be missing"})
    return doc


def test_a_list_not_read_whole_draws_only_the_breaks_the_check_kept():
    """findings-sequence breaks at 7 twice on page 3 (rows 5 and 6): with row 20 (page 4)
    numbered 7 as well, the first SEQUENCE finding at 7 is row 5's. Once page 3 is not read
    whole, its breaks are no findings, and the one finding at 7 is drawn at row 20, page 4."""
    result = parsed("findings-sequence")
    document = copy.deepcopy(result.document)
    assert [row["page"] for row in document["projects"][:16]] == [3] * 16
    assert {row["page"] for row in document["projects"][16:]} == {4}
    document["projects"][20]["seq"] = 7
    whole = [p for p in placed_findings(document, result.evidence) if p.finding["seq"] == 7]
    assert [p.compared.printed for p in whole] == [
        ("projects[5].seq",),
        ("projects[6].seq",),
        ("projects[20].seq",),
    ]

    partial = list_not_read_whole_on(document, 3)
    kept = placed_findings(partial, result.evidence)
    assert [p.finding["seq"] for p in kept if p.finding["rule"] == "SEQUENCE"] == [7, 22]
    (seven,) = [p for p in kept if p.finding["seq"] == 7]
    assert seven.compared == Compared(("projects[20].seq",), ("projects[19].seq",))
    assert {o.page for o in evidence_outlines(result.evidence, seven.compared)} == {4}
    # What the stored path works out (checking the document again) is what the check kept.
    assert_compared_of_agrees(partial, result.evidence, kept)


def assert_compared_of_agrees(document: dict, evidence: Evidence, kept: list[PlacedFinding]):
    seen: dict[tuple, int] = {}
    for placed in kept:
        key = finding_key(placed.finding)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        assert compared_of(document, evidence, placed.finding, occurrence) == placed.compared


@on_both()
def test_stored_findings_draw_the_places_their_checks_compared(database):
    loaded = []
    for stem in RULE_SAMPLES.values():
        result = parsed(stem)
        load_document(database, result.document, result.evidence.to_dict())
        loaded.append(result)
    for result in loaded:
        found = placed_findings(result.document, result.evidence)
        ids = finding_ids(result.document["source"]["sha256"], result.document["findings"])
        for finding_id, placed in zip(ids, found, strict=True):
            with database.sessions() as session:
                stored = stored_finding(session, finding_id)
            assert stored.finding == placed.finding
            assert stored.compared == placed.compared
            assert outlines_of(stored) == evidence_outlines(result.evidence, placed.compared)


def test_a_finding_todays_checks_no_longer_make_is_said_so():
    result = parsed("findings-sequence")
    finding = result.document["findings"][0]
    assert compared_of(result.document, result.evidence, finding, occurrence=5) is None
    gone = StoredFinding("0123456789abcdef", "sha", "a.pdf", finding, result.evidence, None)
    with pytest.raises(FindingNotFound, match="no longer make it"):
        outlines_of(gone)
    assert find_inconsistencies(result.document, result.evidence) == result.document["findings"]
