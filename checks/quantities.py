"""STATUS_COUNT, DIMENSION_COUNT, AMOUNT_SUM, TOTAL_ROW and CROSS_TABLE, from one procedure.

Each printed figure is compared once, with the most detailed source that determines it:
the project list, else the sum of its own table's rows (a total), else the same quantity
in the section listed first.
"""

from __future__ import annotations

from typing import Any

from checks.catalogue import (
    AMOUNT_TOLERANCE,
    QUANTITIES,
    SECTION_LABELS,
    Printed,
    Quantity,
    Rule,
)
from checks.evidence import Evidence, figure_place, pages_not_read_as_printed
from checks.figures import Doc, figure, printed_dimensions, rows_sum, section_rows
from checks.findings import Compared, PlacedFinding, describe, make_finding
from checks.tally import Tally, tally


def values_differ(reported: Any, expected: Any) -> bool:
    if isinstance(reported, int | float) and isinstance(expected, int | float):
        if isinstance(reported, float) or isinstance(expected, float):
            return abs(reported - expected) > AMOUNT_TOLERANCE + 1e-9
        return reported != expected
    if isinstance(reported, str) and isinstance(expected, str):
        return "".join(reported.split()) != "".join(expected.split())
    return bool(reported != expected)


def disagrees_with_list(printed: Printed, reported: Any, counted: Tally) -> bool:
    """Rows with no status count under none: they may explain a shortfall, not an excess."""
    if printed.status_tolerant and counted.unknown:
        return bool(reported < counted.value or reported > counted.value + counted.unknown)
    return values_differ(reported, counted.value)


def words_may_be_misread(doc: Doc, evidence: Evidence, *printed: Printed) -> bool:
    """Words (a level) read from an image or through a damaged text layer: a misread letter
    is the reader's, not the report's, so such a comparison stands back (as METADATA's)."""
    pages = {page for p in printed for page in evidence.pages_of(p.section)}
    return bool(pages & pages_not_read_as_printed(doc))


def as_printed(reported: Any, value: int | float) -> int | float:
    """Report an expected amount as a float and a count as an int, like the figure itself."""
    return float(value) if isinstance(reported, float) else value


def check_quantity(
    doc: Doc,
    quantity: Quantity,
    dimension: int | None,
    list_usable: bool,
    evidence: Evidence,
) -> list[PlacedFinding]:
    findings: list[PlacedFinding] = []
    projects = doc.get("projects") or []
    counted = tally(projects, quantity.tally, dimension) if quantity.tally and list_usable else None
    arbiter: tuple[Printed, Any] | None = None
    for printed in quantity.printed:
        reported = figure(doc, printed.section, printed.key, dimension)
        if reported is None:
            continue
        finding = judge(doc, printed, dimension, reported, counted, arbiter, evidence)
        if finding:
            findings.append(finding)
        if arbiter is None:
            arbiter = (printed, reported)
    return findings


def judge(
    doc: Doc,
    printed: Printed,
    dimension: int | None,
    reported: Any,
    counted: Tally | None,
    arbiter: tuple[Printed, Any] | None,
    evidence: Evidence,
) -> PlacedFinding | None:
    pages = evidence.pages_of(printed.section)
    place = (figure_place(printed.section, printed.key, dimension),)
    if counted is not None:
        if not disagrees_with_list(printed, reported, counted):
            return None
        expected = as_printed(reported, counted.value)
        message = describe(printed.field, dimension, reported, expected, "ในรายการโครงการ")
        pages = pages + evidence.pages_of("projects")
        compared = Compared(place, counted.places)
        return make_finding(
            printed.rule, printed.field, reported, expected, message, pages, compared, dimension
        )
    if printed.is_total:
        row_total = rows_sum(doc, printed.rows_section, printed.key)
        if row_total is not None:
            if not values_differ(reported, row_total):
                return None
            expected = as_printed(reported, row_total)
            message = describe(printed.field, None, reported, expected, "ผลรวมของแถวในตาราง")
            compared = Compared(place, rows_places(doc, printed.rows_section, printed.key))
            return make_finding(
                Rule.TOTAL_ROW, printed.field, reported, expected, message, pages, compared
            )
    if arbiter is None:
        return None
    source, expected = arbiter
    if not values_differ(reported, expected):
        return None
    if isinstance(reported, str) and words_may_be_misread(doc, evidence, printed, source):
        return None
    label = SECTION_LABELS.get(source.rows_section, source.section)
    message = describe(printed.field, dimension, reported, expected, label)
    compared = Compared(place, (figure_place(source.section, source.key, dimension),))
    return make_finding(
        Rule.CROSS_TABLE, printed.field, reported, expected, message, pages, compared, dimension
    )


def rows_places(doc: Doc, section: str, key: str) -> tuple[str, ...]:
    """The figures a total was summed from (`rows_sum`): `key` of each of the table's rows."""
    return tuple(
        figure_place(section, key, dimension)
        for row in section_rows(doc, section)
        if isinstance(dimension := row.get("dimension"), int)
    )


def check_quantities(doc: Doc, evidence: Evidence, list_usable: bool) -> list[PlacedFinding]:
    findings: list[PlacedFinding] = []
    for quantity in QUANTITIES:
        if not quantity.per_dimension:
            findings += check_quantity(doc, quantity, None, list_usable, evidence)
            continue
        sections = [printed.section for printed in quantity.printed]
        for dimension in printed_dimensions(doc, sections):
            findings += check_quantity(doc, quantity, dimension, list_usable, evidence)
    return findings
