"""Building findings as the contract shapes them, and putting them in the contract's order.

A check also says where it looked (`Compared`): the contract's finding does not carry it, so
it travels beside the finding (`PlacedFinding`), and the outputs only draw it.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.catalogue import RULE_ORDER, SECTION_LABELS, SEVERITY, Rule
from checks.document import FigureValue, Finding


@dataclass(frozen=True)
class Compared:
    """The places a check compared (`checks.evidence.figure_place`, `row_place`): the
    printed figure the finding names (drawn red) and what it was compared with (amber)."""

    printed: tuple[str, ...]
    against: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlacedFinding:
    finding: Finding
    compared: Compared


def make_finding(
    rule: Rule,
    field: str,
    reported: FigureValue,
    expected: FigureValue,
    message: str,
    pages: list[int],
    compared: Compared,
    dimension: int | None = None,
    seq: int | None = None,
) -> PlacedFinding:
    finding: Finding = {
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
    return PlacedFinding(finding, compared)


def describe(
    field: str, dimension: int | None, reported: FigureValue, expected: FigureValue, source: str
) -> str:
    """A one-line Thai explanation: where the figure is, what it says, what it should say."""
    section, key = field.split(".", 1)
    where = SECTION_LABELS.get(section.removesuffix("_total"), section)
    row = f" มิติ {dimension}" if dimension is not None else (" แถวรวม" if "_total" in field else "")
    return f"{where}{row} ({key}) ระบุ {reported} แต่{source} {expected}"


def sort_key(placed: PlacedFinding) -> tuple[int, str, int, int]:
    finding = placed.finding
    return (
        RULE_ORDER[Rule(finding["rule"])],
        finding["field"],
        finding["dimension"] if finding["dimension"] is not None else -1,
        finding["seq"] if finding["seq"] is not None else -1,
    )


def in_contract_order(findings: list[PlacedFinding]) -> list[PlacedFinding]:
    """Catalogue order, then field, dimension and seq (Python's sort is stable)."""
    return sorted(findings, key=sort_key)
