"""The summary tables and the status table: found by their header words, read by column."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from parsers import vocabulary as vocab
from parsers.columns import assign_in_order
from parsers.numbers import NotANumber, parse_amount, parse_count, parse_number
from parsers.tables import Table
from parsers.thai_text import compact
from parsers.warnings import WarningLog

DIMENSION_NUMBER = re.compile(r"(?:มิติ|มติ)(?:ที่)?(\d+)|^(\d+)$")

COUNT_KEYS = frozenset({"projects_planned", "projects_done", "projects"})
COUNT_KEYS |= {"minimum_projects", "total_projects", "in_ordinance", "in_progress"}
COUNT_KEYS |= {"completed", "unable"}
PERCENT_KEYS = frozenset({"pct_projects", "pct_budget", "implementation_pct"})
TEXT_KEYS = frozenset({"level"})


def header_text(table: Table) -> str:
    rows = table.header_row_count()
    return "".join(compact(table.row_text(r)) for r in range(rows))


def has_all(text: str, *words: str) -> bool:
    return all(word in text for word in words)


def classify(table: Table, title: str) -> str | None:
    """Which section a ruled table prints, from its header words (and the title above it)."""
    head = header_text(table)
    if has_all(head, "ลำดับ") and any(
        word in head for words in vocab.STATUS_HEADERS.values() for word in words
    ):
        return "projects"
    if has_all(head, "ขั้นต่ำ", "ทั้งหมด"):
        return "status_summary"
    if has_all(head, "ดำเนินการแล้ว", "ใช้จริง"):
        return "dimensions"
    if "เบิกจ่าย" in head and "ตามแผน" in head:
        return "disbursement"
    if ("มิติที่" in head or "มติที่" in head) and has_all(head, "โครงการ", "งบประมาณ"):
        context = title + head
        if any(word in context for word in vocab.ORDINANCE_BUDGET_TITLE) or "ข้อบัญญัติ" in context:
            return "ordinance_budget"
        if any(word in context for word in vocab.PLAN_BUDGET_TITLE):
            return "plan_budget"
    return None


def read_value(key: str, text: str) -> Any:
    if key in TEXT_KEYS:
        return text.strip() or None
    if key in COUNT_KEYS:
        return parse_count(text)
    if key in PERCENT_KEYS:
        return parse_number(text)
    return parse_amount(text)


def read_values(
    table: Table, row: int, columns: dict[str, int], section: str, warnings: WarningLog
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, column in columns.items():
        cell = table.cell_at(row, column)
        text = cell.text if cell else ""
        try:
            values[key] = read_value(key, text)
        except NotANumber:
            warnings.add(table.page, section, f"{key}: '{text}' is not a number")
            values[key] = None
    return values


def dimension_of(text: str) -> int | None:
    match = DIMENSION_NUMBER.search(compact(text))
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def is_total_row(table: Table, row: int) -> bool:
    return any(compact(cell.text).startswith(vocab.TOTAL_ROW_WORDS) for cell in table.rows[row])


def per_dimension_rows(
    table: Table, keys: dict[str, tuple[str, ...]], section: str, warnings: WarningLog
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Rows of a table with one row per dimension and a total row (รวม)."""
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    columns = assign_in_order(labels, {"dimension": vocab.DIMENSION_WORDS, **keys})
    dimension_column = columns.pop("dimension", None)
    missing = [key for key in keys if key not in columns]
    if missing:
        warnings.add(table.page, section, f"columns not found: {', '.join(missing)}")
    rows, total = [], None
    for row in range(header_rows, len(table.rows)):
        values = read_values(table, row, columns, section, warnings)
        if is_total_row(table, row):
            total = {key: values.get(key) for key in keys}
            continue
        cell = table.cell_at(row, dimension_column) if dimension_column is not None else None
        dimension = dimension_of(cell.text) if cell else None
        if dimension is None:
            continue
        rows.append({"dimension": dimension, **{key: values.get(key) for key in keys}})
    return rows, total


def read_dimensions(table: Table, warnings: WarningLog) -> tuple[list, dict | None]:
    return per_dimension_rows(table, vocab.DIMENSION_COLUMNS, "dimensions", warnings)


def read_disbursement(table: Table, warnings: WarningLog) -> tuple[list, dict | None]:
    return per_dimension_rows(table, vocab.DISBURSEMENT_COLUMNS, "disbursement", warnings)


def read_budget_by_dimension(
    table: Table, section: str, warnings: WarningLog
) -> tuple[list, dict | None]:
    """The transposed tables: a pair of columns (โครงการ, งบประมาณ) per dimension, one row."""
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    pairs = column_pairs(labels)
    if header_rows >= len(table.rows) or not pairs:
        warnings.add(table.page, section, "no figures under the header")
        return [], None
    row = header_rows
    rows, total = [], None
    for index, (projects_col, budget_col, label) in enumerate(pairs):
        values = read_values(table, row, {"projects": projects_col}, section, warnings)
        values |= read_values(table, row, {"budget": budget_col}, section, warnings)
        if "รวม" in label:
            total = values
        else:
            dimension = dimension_of(label.split("โครงการ")[0]) or index + 1
            rows.append({"dimension": dimension, **values})
    return rows, total


def column_pairs(labels: list[str]) -> list[tuple[int, int, str]]:
    """(projects column, budget column, the pair's label) for each dimension and the total."""
    pairs = []
    pending: int | None = None
    for column, label in enumerate(labels):
        if label.endswith("โครงการ") or (label.count("โครงการ") and "งบประมาณ" not in label):
            pending = column
        elif "งบประมาณ" in label and pending is not None:
            pairs.append((pending, column, labels[pending]))
            pending = None
    return pairs


def read_status_summary(table: Table, warnings: WarningLog) -> dict[str, Any] | None:
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    columns = assign_in_order(labels, vocab.STATUS_SUMMARY_COLUMNS)
    if header_rows >= len(table.rows):
        warnings.add(table.page, "status_summary", "no figures under the header")
        return None
    values = read_values(table, header_rows, columns, "status_summary", warnings)
    return {key: values.get(key) for key in vocab.STATUS_SUMMARY_COLUMNS}


Reader = Callable[[Table, WarningLog], Any]
