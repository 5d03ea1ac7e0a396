"""Reading printed figures out of a contract document."""

from __future__ import annotations

from collections.abc import Mapping

from checks.document import ReportDocument

Doc = ReportDocument
# A row of a per-dimension section or a total row, read by the names of its keys (the checks
# are data: `checks.catalogue` names the section and key each compares).
Row = Mapping[str, object]


def section_rows(doc: Doc, section: str) -> list[Row]:
    """The per-dimension rows of a table section, [] when the table is absent."""
    rows = doc.get(section)
    return rows if isinstance(rows, list) else []


def printed_dimensions(doc: Doc, sections: list[str]) -> list[int]:
    """Every dimension printed in any of these per-dimension sections, in first-seen order."""
    seen: dict[int, None] = {}
    for section in sections:
        for row in section_rows(doc, section):
            if isinstance(dimension := row.get("dimension"), int):
                seen.setdefault(dimension, None)
    return list(seen)


def section_block(doc: Doc, section: str) -> Row | None:
    """A section that is one object (a total row, the status summary, the narrative, the
    memo), by its name; None when the report does not print it."""
    block = doc.get(section)
    return block if isinstance(block, dict) else None


def figure(doc: Doc, section: str, key: str, dimension: int | None = None) -> object:
    """The printed value of `section.key` (for `dimension` in a per-dimension table), or None."""
    if dimension is None:
        block = section_block(doc, section)
        return block.get(key) if block is not None else None
    for row in section_rows(doc, section):
        if row.get("dimension") == dimension:
            return row.get(key)
    return None


# The sections that print one row per dimension, and the project list, which names one per row.
PER_DIMENSION_SECTIONS = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")


def dimensions_printed(doc: Doc) -> set[int]:
    """Every dimension the document prints anywhere: a table's row, a project's dimension."""
    return set(printed_dimensions(doc, [*PER_DIMENSION_SECTIONS, "projects"]))


def rows_sum(doc: Doc, section: str, key: str) -> float | int | None:
    """The sum of a table's own rows for `key`; None when a row is missing its value, or the
    table has no row for a dimension printed elsewhere (its rows were not all read: a table
    read from an image with fewer rows than its dimensions is not summed)."""
    rows = section_rows(doc, section)
    values = [value for row in rows if isinstance(value := row.get(key), int | float)]
    if not rows or len(values) < len(rows):
        return None
    if not dimensions_printed(doc) <= {row.get("dimension") for row in rows}:
        return None
    total = sum(values)
    return round(total, 2) if isinstance(total, float) else total
