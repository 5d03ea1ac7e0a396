"""Contract document ⇄ table rows. Pure: no session, no database.

Which document key feeds which table is declared once (`LISTED`, `SINGLE`); the columns of
each table, in contract order, come from the table itself. Values are checked against their
column before anything is written: a figure that does not fit (an amount with more than two
decimals, a date that is not one) is a `DocumentError`, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypedDict

from sqlalchemy import Column, Date, Numeric
from sqlmodel import SQLModel

from checks.document import Memo, MemoField, Person, ReportDocument
from checks.figures import section_block, section_rows
from models.tables import (
    DimensionResult,
    Disbursement,
    Finding,
    Narrative,
    OrdinanceBudget,
    ParseWarning,
    PlanBudget,
    Problem,
    Project,
    Signatory,
    StatusSummary,
    table_of,
)
from parsers.sections.document_shape import LISTED_SECTIONS, ROUNDS, SINGLE_SECTIONS, total_key

# Document key -> table of rows per dimension, the key `total_key(key)` being its total row;
# the tables in the order of the sections (`strict`: a section added there needs its table).
LISTED: dict[str, type[SQLModel]] = dict(
    zip(
        LISTED_SECTIONS,
        (DimensionResult, PlanBudget, OrdinanceBudget, Disbursement),
        strict=True,
    )
)
# Document key -> table holding that object as one row (no row when the key is null).
SINGLE: dict[str, type[SQLModel]] = dict(
    zip(SINGLE_SECTIONS, (StatusSummary, Narrative), strict=True)
)
BOOKKEEPING = frozenset({"report_id", "ordinal", "is_total", "rules_version", "finding_id"})


class DocumentError(ValueError):
    """A document that does not fit the schema: a bug upstream, never a rejection."""


@dataclass(frozen=True)
class OrganisationKey:
    name: str
    province: str | None
    district: str | None


class ReportRow(TypedDict):
    """A document's row of `reports` (`models.tables.Report`): the report section, the memo's
    and the reporter's fields flattened, and how its name was read (`models.load` tells, when
    read from an image); the columns `models.load` sets itself left out."""

    organisation_name: str | None
    organisation_name_from_image: bool
    organisation_name_matched: str | None
    fiscal_year: int | None
    round_months: int | None
    data_as_of: date | None
    district: str | None
    province: str | None
    has_memo: bool
    memo_agency: str | None
    memo_phone: str | None
    memo_reference: str | None
    memo_date: date | None
    memo_subject: str | None
    memo_addressee: str | None
    has_reporter: bool
    reporter_name: str | None
    reporter_position: str | None
    schema_version: int


@dataclass
class ReportRows:
    """A document as rows: the report's own columns, its organisation, and child rows."""

    report: ReportRow
    organisation: OrganisationKey | None
    children: dict[type[SQLModel], list[dict[str, object]]]
    findings: list[dict[str, object]]


def columns_of(table: type[SQLModel]) -> list[Column]:
    return [c for c in table_of(table).columns if c.name not in BOOKKEEPING]


# Values ---------------------------------------------------------------------------------


def to_column(column: Column, value: Any, where: str) -> Any:
    """`value` as the column stores it; DocumentError if it does not fit."""
    if value is None:
        return None
    if isinstance(column.type, Date):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise DocumentError(f"{where}: {value!r} is not an ISO date") from None
    if isinstance(column.type, Numeric):
        return fitting_number(column.type, value, where)
    return value


def fitting_number(kind: Numeric, value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DocumentError(f"{where}: {value!r} is not a number")
    scale, precision = kind.scale or 0, kind.precision
    scaled = value * 10**scale
    if abs(scaled - round(scaled)) > 1e-6 * max(1.0, abs(scaled)):
        raise DocumentError(f"{where}: {value!r} has more than {scale} decimals")
    if precision is not None and abs(value) >= 10 ** (precision - scale):
        raise DocumentError(f"{where}: {value!r} is too large for NUMERIC({precision})")
    return float(value)


def from_column(column: Column, value: Any) -> Any:
    """A stored value as the contract writes it (dates ISO, amounts and percentages float)."""
    if value is None:
        return None
    if isinstance(column.type, Date):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(column.type, Numeric):
        return float(value)
    return value


def row_for(table: type[SQLModel], data: Mapping[str, object], where: str) -> dict[str, object]:
    return {c.name: to_column(c, data.get(c.name), f"{where}.{c.name}") for c in columns_of(table)}


def as_date(value: Any, where: str) -> date | None:
    return to_column(Column("d", Date), value, where)


# Document -> rows -------------------------------------------------------------------------


def document_rows(doc: ReportDocument) -> ReportRows:
    """The rows that store `doc` (raise DocumentError if it does not fit)."""
    report, memo = doc["report"], doc["memo"]
    reporter = report.get("reporter")
    organisation = None
    if name := report.get("organization"):
        organisation = OrganisationKey(name, report.get("province"), report.get("district"))
    report_row: ReportRow = {
        "organisation_name": report.get("organization"),
        # As printed until models.load.note_name_reading says it was read from an image.
        "organisation_name_from_image": False,
        "organisation_name_matched": None,
        "fiscal_year": report.get("fiscal_year"),
        "round_months": report.get("round_months"),
        "data_as_of": as_date(report.get("data_as_of"), "report.data_as_of"),
        "district": report.get("district"),
        "province": report.get("province"),
        "has_memo": memo is not None,
        "memo_agency": memo_text(memo, "agency"),
        "memo_phone": memo_text(memo, "phone"),
        "memo_reference": memo_text(memo, "reference"),
        "memo_date": as_date(memo_text(memo, "date"), "memo.date"),
        "memo_subject": memo_text(memo, "subject"),
        "memo_addressee": memo_text(memo, "addressee"),
        "has_reporter": reporter is not None,
        "reporter_name": person_text(reporter, "name"),
        "reporter_position": person_text(reporter, "position"),
        "schema_version": doc["schema_version"],
    }
    if report_row["round_months"] not in (None, *ROUNDS):
        raise DocumentError(f"report.round_months: {report_row['round_months']!r}")
    children: dict[type[SQLModel], list[dict[str, object]]] = {
        Signatory: numbered(Signatory, memo["signatories"] if memo else [], "memo.signatories")
    }
    for key, table in LISTED.items():
        total = section_block(doc, total_key(key))
        children[table] = dimension_rows(table, section_rows(doc, key), total, key)
    for key, table in SINGLE.items():
        block = section_block(doc, key)
        children[table] = [row_for(table, block, key)] if block is not None else []
    children[Project] = numbered(Project, doc.get("projects") or [], "projects")
    children[Problem] = [
        {"ordinal": i, "text": text} for i, text in enumerate(doc.get("problems") or [])
    ]
    children[ParseWarning] = numbered(ParseWarning, doc.get("parse_warnings") or [], "warnings")
    findings = numbered(Finding, doc.get("findings") or [], "findings")
    return ReportRows(report_row, organisation, children, findings)


def memo_text(memo: Memo | None, key: MemoField) -> str | None:
    """A memo's field; none where no memo is printed."""
    return memo.get(key) if memo is not None else None


def person_text(person: Person | None, key: Literal["name", "position"]) -> str | None:
    return person.get(key) if person is not None else None


def numbered(
    table: type[SQLModel], items: Sequence[Mapping[str, object]], where: str
) -> list[dict[str, object]]:
    return [{"ordinal": i, **row_for(table, item, f"{where}[{i}]")} for i, item in enumerate(items)]


def dimension_rows(
    table: type[SQLModel],
    rows: Sequence[Mapping[str, object]],
    total: Mapping[str, object] | None,
    key: str,
) -> list[dict[str, object]]:
    stored = [
        {"ordinal": i, "is_total": False, **row_for(table, row, f"{key}[{i}]")}
        for i, row in enumerate(rows)
    ]
    for row in stored:
        if row["dimension"] is None:
            raise DocumentError(f"{key}: a row without a dimension")
    if total is not None:
        total_row = row_for(table, {**total, "dimension": None}, f"{key}_total")
        stored.append({"ordinal": len(rows), "is_total": True, **total_row})
    return stored


# Rows -> document -------------------------------------------------------------------------


def contract_row(table: type[SQLModel], row: Any, drop: tuple[str, ...] = ()) -> dict[str, object]:
    return {
        c.name: from_column(c, getattr(row, c.name))
        for c in columns_of(table)
        if c.name not in drop
    }


def listed_section(table: type[SQLModel], rows: list[Any]) -> tuple[list[dict], dict | None]:
    """A summary table's rows (printed order) and its total row, from stored rows."""
    ordered = sorted(rows, key=lambda row: row.ordinal)
    listed = [contract_row(table, row) for row in ordered if not row.is_total]
    totals = [contract_row(table, row, drop=("dimension",)) for row in ordered if row.is_total]
    return listed, (totals[0] if totals else None)
