"""The numbered project list, followed over all its pages, with a status read per row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parsers import vocabulary as vocab
from parsers.columns import assign_by_words, assign_in_order
from parsers.numbers import NotANumber, parse_amount, parse_count
from parsers.summary_tables import dimension_of
from parsers.tables import Cell, Table
from parsers.thai_text import join_wrapped_lines
from parsers.warnings import WarningLog

SECTION = "projects"
# What counts as a tick in a status cell; an empty box glyph or an unticked widget does not.
TICKING_MARKS = frozenset({"glyph", "tick", "filled_box", "image", "widget_on"})
PROJECT_KEYS = {k: v for k, v in vocab.PROJECT_COLUMNS.items() if k != "status"}


@dataclass
class ProjectRow:
    seq: int | None
    name: str
    dimension: int | None
    budget: float | None
    disbursed: float | None
    status: str | None
    remark: str | None
    page: int
    marks: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "name": self.name,
            "dimension": self.dimension,
            "budget": self.budget,
            "disbursed": self.disbursed,
            "status": self.status,
            "remark": self.remark,
            "page": self.page,
        }


@dataclass(frozen=True)
class ProjectColumns:
    header_rows: int
    keys: dict[str, int]  # seq, name, dimension, budget, disbursed, remark
    statuses: dict[int, str]  # status column → status


def project_columns(table: Table) -> ProjectColumns:
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    keys = assign_in_order(labels, PROJECT_KEYS)
    statuses: dict[int, str] = {}
    for column, label in enumerate(labels):
        if column in keys.values():
            continue
        found = assign_by_words([label], vocab.STATUS_HEADERS)
        if found:
            statuses[column] = next(iter(found))
    return ProjectColumns(header_rows, keys, statuses)


def ticked(cell: Cell | None) -> bool:
    return bool(cell) and any(mark.kind in TICKING_MARKS for mark in cell.marks)


def status_of(table: Table, row: int, columns: ProjectColumns) -> tuple[str | None, int]:
    """The one status ticked in the row, and how many were: no mark or two is no status."""
    marked = [
        status for column, status in columns.statuses.items() if ticked(table.cell_at(row, column))
    ]
    return (marked[0] if len(marked) == 1 else None), len(marked)


def cell_text(table: Table, row: int, column: int | None) -> str:
    if column is None:
        return ""
    cell = table.cell_at(row, column)
    return cell.text if cell else ""


def read_number(read, text: str, what: str, seq: Any, page: int, warnings: WarningLog):
    try:
        return read(text)
    except NotANumber:
        warnings.add(page, SECTION, f"row {seq}: {what} '{text}' is not a number")
        return None


def read_amount(
    table: Table, row: int, keys: dict[str, int], key: str, seq: int | None, warnings: WarningLog
) -> float | None:
    text = cell_text(table, row, keys.get(key))
    return read_number(parse_amount, text, key, seq, table.page, warnings)


def read_project_rows(
    table: Table, columns: ProjectColumns, warnings: WarningLog, previous: ProjectRow | None
) -> list[ProjectRow]:
    rows: list[ProjectRow] = []
    keys = columns.keys
    for row in range(columns.header_rows, len(table.rows)):
        seq_text = cell_text(table, row, keys.get("seq"))
        name = cell_text(table, row, keys.get("name"))
        if not seq_text.strip():
            last = rows[-1] if rows else previous
            if name and last is not None:  # a row broken over a page: its name continues
                last.name = join_wrapped_lines([last.name, name])
            continue
        seq = read_number(parse_count, seq_text, "number", seq_text, table.page, warnings)

        status, marks = status_of(table, row, columns)
        rows.append(
            ProjectRow(
                seq=seq,
                name=name,
                dimension=dimension_of(cell_text(table, row, keys.get("dimension"))),
                budget=read_amount(table, row, keys, "budget", seq, warnings),
                disbursed=read_amount(table, row, keys, "disbursed", seq, warnings),
                status=status,
                remark=cell_text(table, row, keys.get("remark")).strip() or None,
                page=table.page,
                marks=marks,
            )
        )
    return rows


def missing_project_columns(columns: ProjectColumns) -> list[str]:
    missing = [
        key
        for key in ("seq", "name", "dimension", "budget", "disbursed")
        if key not in columns.keys
    ]
    if len(set(columns.statuses.values())) < len(vocab.STATUS_HEADERS):
        missing.append("status")
    return missing
