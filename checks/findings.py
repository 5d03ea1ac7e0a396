"""Building findings as the contract shapes them, and putting them in the contract's order."""

from __future__ import annotations

from typing import Any

from checks.catalogue import RULE_ORDER, SECTION_LABELS, SEVERITY, Rule

Finding = dict[str, Any]


def make_finding(
    rule: Rule,
    field: str,
    reported: Any,
    expected: Any,
    message: str,
    pages: list[int],
    dimension: int | None = None,
    seq: int | None = None,
) -> Finding:
    return {
        "rule": rule.value,
        "severity": SEVERITY[rule],
        "field": field,
        "dimension": dimension,
        "seq": seq,
        "reported": reported,
        "expected": expected,
        "message": message,
        "pages": sorted(set(pages)),
    }


def describe(field: str, dimension: int | None, reported: Any, expected: Any, source: str) -> str:
    """A one-line Thai explanation: where the figure is, what it says, what it should say."""
    section, key = field.split(".", 1)
    where = SECTION_LABELS.get(section.removesuffix("_total"), section)
    row = f" มิติ {dimension}" if dimension is not None else (" แถวรวม" if "_total" in field else "")
    return f"{where}{row} ({key}) ระบุ {reported} แต่{source} {expected}"


def sort_key(finding: Finding) -> tuple[int, str, int, int]:
    return (
        RULE_ORDER[Rule(finding["rule"])],
        finding["field"],
        finding["dimension"] if finding["dimension"] is not None else -1,
        finding["seq"] if finding["seq"] is not None else -1,
    )


def in_contract_order(findings: list[Finding]) -> list[Finding]:
    """Catalogue order, then field, dimension and seq (Python's sort is stable)."""
    return sorted(findings, key=sort_key)
