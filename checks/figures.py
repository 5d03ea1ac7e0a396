"""Reading printed figures out of a contract document."""

from __future__ import annotations

from typing import Any

Doc = dict[str, Any]


def section_rows(doc: Doc, section: str) -> list[dict[str, Any]]:
    """The per-dimension rows of a table section, [] when the table is absent."""
    rows = doc.get(section)
    return rows if isinstance(rows, list) else []


def printed_dimensions(doc: Doc, sections: list[str]) -> list[int]:
    """Every dimension printed in any of these per-dimension sections, in first-seen order."""
    seen: dict[int, None] = {}
    for section in sections:
        for row in section_rows(doc, section):
            if isinstance(row.get("dimension"), int):
                seen.setdefault(row["dimension"], None)
    return list(seen)


def figure(doc: Doc, section: str, key: str, dimension: int | None = None) -> Any:
    """The printed value of `section.key` (for `dimension` in a per-dimension table), or None."""
    if dimension is None:
        block = doc.get(section)
        return block.get(key) if isinstance(block, dict) else None
    for row in section_rows(doc, section):
        if row.get("dimension") == dimension:
            return row.get(key)
    return None


def rows_sum(doc: Doc, section: str, key: str) -> float | int | None:
    """The sum of a table's own rows for `key`; None when a row is missing its value."""
    rows = section_rows(doc, section)
    values = [value for row in rows if (value := row.get(key)) is not None]
    if not rows or len(values) < len(rows):
        return None
    total = sum(values)
    return round(total, 2) if isinstance(total, float) else total
