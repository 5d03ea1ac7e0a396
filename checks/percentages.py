"""PERCENT: each printed percentage against its own printed numerator and denominator."""

from __future__ import annotations

from typing import Any

from checks.catalogue import PERCENT_TOLERANCE, RATIOS, Rule
from checks.evidence import Evidence
from checks.figures import Doc, figure, section_rows
from checks.findings import Finding, describe, make_finding


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
    evidence: Evidence,
) -> Finding | None:
    """Flag `reported` when it matches none of the acceptable computations."""
    if all(off_by_more_than_tolerance(reported, c) for c in candidates):
        expected = candidates[0]
        message = describe(field, dimension, reported, expected, "คำนวณจากตัวเลขที่พิมพ์ได้")
        pages = evidence.pages_of(field.split(".")[0])
        return make_finding(Rule.PERCENT, field, reported, expected, message, pages, dimension)
    return None


def known(*values: Any) -> list[float] | None:
    """The values, when every one is a number (a printed figure may be missing)."""
    return list(values) if all(isinstance(v, int | float) for v in values) else None


def check_table_ratios(doc: Doc, evidence: Evidence) -> list[Finding]:
    findings: list[Finding] = []
    for ratio in RATIOS:
        if ratio.section.endswith("_total"):
            scopes: list[tuple[int | None, dict]] = [(None, doc.get(ratio.section) or {})]
        else:
            scopes = [(row.get("dimension"), row) for row in section_rows(doc, ratio.section)]
        for dimension, row in scopes:
            figures = known(
                row.get(ratio.key), row.get(ratio.numerator), row.get(ratio.denominator)
            )
            if figures is None:
                continue
            reported, a, b = figures
            field = f"{ratio.section}.{ratio.key}"
            finding = percent_finding(field, dimension, reported, [percent(a, b)], evidence)
            if finding:
                findings.append(finding)
    return findings


def check_implementation_pct(doc: Doc, evidence: Evidence) -> list[Finding]:
    """e-PlanNACC may also count in-progress projects at half weight: accept either score."""
    summary = doc.get("status_summary") or {}
    figures = known(
        summary.get("implementation_pct"), summary.get("completed"), summary.get("minimum_projects")
    )
    if figures is None:
        return []
    reported, completed, minimum = figures
    candidates = [percent(completed, minimum)]
    if isinstance(summary.get("in_progress"), int):
        candidates.append(percent(completed + summary["in_progress"] / 2, minimum))
    field = "status_summary.implementation_pct"
    finding = percent_finding(field, None, reported, candidates, evidence)
    return [finding] if finding else []


def planned_budget_total(doc: Doc) -> Any:
    """The denominator of narrative.disbursed_pct: the dimensions table's, else the plan's."""
    if isinstance(doc.get("dimensions_total"), dict):
        return figure(doc, "dimensions_total", "budget_planned")
    return figure(doc, "plan_budget_total", "budget")


def check_disbursed_pct(doc: Doc, evidence: Evidence) -> list[Finding]:
    reported = figure(doc, "narrative", "disbursed_pct")
    disbursed = figure(doc, "narrative", "disbursed")
    planned = planned_budget_total(doc)
    if known(reported, disbursed, planned) is None:
        return []
    field = "narrative.disbursed_pct"
    finding = percent_finding(field, None, reported, [percent(disbursed, planned)], evidence)
    return [finding] if finding else []


def check_percentages(doc: Doc, evidence: Evidence) -> list[Finding]:
    return (
        check_table_ratios(doc, evidence)
        + check_implementation_pct(doc, evidence)
        + check_disbursed_pct(doc, evidence)
    )
