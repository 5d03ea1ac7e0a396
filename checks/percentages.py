"""PERCENT: each printed percentage against its own printed numerator and denominator."""

from __future__ import annotations

from typing import Any

from checks.catalogue import PERCENT_TOLERANCE, RATIOS, Rule
from checks.evidence import Evidence, figure_place
from checks.figures import Doc, Row, figure, section_rows
from checks.findings import Compared, PlacedFinding, describe, make_finding

IN_PROGRESS_WEIGHT = 0.5  # e-PlanNACC's score may count a project in progress at half weight


def percent(numerator: float, denominator: float) -> float:
    """round(100 * a / b, 2), and 0 when b is 0, as the contract defines it."""
    return 0.0 if denominator == 0 else round(100 * numerator / denominator, 2)


def off_by_more_than_tolerance(reported: float, expected: float) -> bool:
    return abs(reported - expected) > PERCENT_TOLERANCE + 1e-9


def percent_finding(
    field: str,
    dimension: int | None,
    reported: Any,
    candidates: list[float],
    terms: tuple[str, ...],
    evidence: Evidence,
) -> PlacedFinding | None:
    """Flag `reported` when it matches none of the acceptable computations from the printed
    figures at the places `terms`."""
    if all(off_by_more_than_tolerance(reported, c) for c in candidates):
        expected = candidates[0]
        message = describe(field, dimension, reported, expected, "คำนวณจากตัวเลขที่พิมพ์ได้")
        section, key = field.split(".", 1)
        pages = evidence.pages_of(section)
        compared = Compared((figure_place(section, key, dimension),), terms)
        return make_finding(
            Rule.PERCENT, field, reported, expected, message, pages, compared, dimension
        )
    return None


def known(*values: object) -> list[float] | None:
    """The values, when every one is a number (a printed figure may be missing)."""
    numbers = [value for value in values if isinstance(value, int | float)]
    return numbers if len(numbers) == len(values) else None


def dimension_of(row: Row) -> int | None:
    dimension = row.get("dimension")
    return dimension if isinstance(dimension, int) else None


def check_table_ratios(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    findings: list[PlacedFinding] = []
    for ratio in RATIOS:
        if ratio.section.endswith("_total"):
            total = doc.get(ratio.section)
            scopes: list[tuple[int | None, Row]] = [
                (None, total if isinstance(total, dict) else {})
            ]
        else:
            scopes = [(dimension_of(row), row) for row in section_rows(doc, ratio.section)]
        for dimension, row in scopes:
            figures = known(
                row.get(ratio.key), row.get(ratio.numerator), row.get(ratio.denominator)
            )
            if figures is None:
                continue
            reported, a, b = figures
            field = f"{ratio.section}.{ratio.key}"
            terms = tuple(
                figure_place(ratio.section, term, dimension)
                for term in (ratio.numerator, ratio.denominator)
            )
            finding = percent_finding(field, dimension, reported, [percent(a, b)], terms, evidence)
            if finding:
                findings.append(finding)
    return findings


def check_implementation_pct(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    """e-PlanNACC may also count in-progress projects at half weight: accept either score."""
    summary = doc.get("status_summary")
    if summary is None:
        return []
    figures = known(
        summary.get("implementation_pct"), summary.get("completed"), summary.get("minimum_projects")
    )
    if figures is None:
        return []
    reported, completed, minimum = figures
    candidates = [percent(completed, minimum)]
    terms = ["completed", "minimum_projects"]
    if isinstance(in_progress := summary.get("in_progress"), int):
        scored = completed + in_progress * IN_PROGRESS_WEIGHT
        candidates.append(percent(scored, minimum))
        terms.append("in_progress")
    field = "status_summary.implementation_pct"
    places = tuple(figure_place("status_summary", term) for term in terms)
    finding = percent_finding(field, None, reported, candidates, places, evidence)
    return [finding] if finding else []


def planned_budget_total(doc: Doc) -> tuple[str, str]:
    """The denominator of narrative.disbursed_pct (section, key): the dimensions table's
    total, else the plan's."""
    if isinstance(doc.get("dimensions_total"), dict):
        return "dimensions_total", "budget_planned"
    return "plan_budget_total", "budget"


def check_disbursed_pct(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    reported = figure(doc, "narrative", "disbursed_pct")
    disbursed = figure(doc, "narrative", "disbursed")
    planned_at = planned_budget_total(doc)
    planned = figure(doc, *planned_at)
    figures = known(reported, disbursed, planned)
    if figures is None:
        return []
    reported, disbursed, planned = figures
    field = "narrative.disbursed_pct"
    terms = (figure_place("narrative", "disbursed"), figure_place(*planned_at))
    candidates = [percent(disbursed, planned)]
    finding = percent_finding(field, None, reported, candidates, terms, evidence)
    return [finding] if finding else []


def check_percentages(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    return (
        check_table_ratios(doc, evidence)
        + check_implementation_pct(doc, evidence)
        + check_disbursed_pct(doc, evidence)
    )
