"""Reading reports back: the contract document rebuilt from the typed tables, and what the
audit flow needs to re-run the checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, SQLModel, select

from checks import Evidence
from models.rows import LISTED, MEMO_FIELDS, SINGLE, contract_row, from_column, listed_section
from models.tables import (
    Finding,
    Organisation,
    ParseWarning,
    Problem,
    Project,
    Report,
    ReportDocument,
    Signatory,
    SourceFile,
)


class ReportNotFound(LookupError):
    pass


def children_of(session: Session, table: type[SQLModel], report_id: int) -> list[Any]:
    statement = select(table).where(table.report_id == report_id)
    if "ordinal" in table.__table__.c:
        statement = statement.order_by(table.ordinal)
    return list(session.exec(statement).all())


def read_document(
    session: Session, report_id: int, *, rules_version: str | None = None
) -> dict[str, Any]:
    """The contract document of a stored report, from the typed tables.

    Its findings are those of `rules_version`, by default the report's latest (the findings
    it was parsed with until `store_findings` adds a newer set).
    """
    report = session.get(Report, report_id)
    if report is None:
        raise ReportNotFound(f"no report {report_id}")
    source = session.get(SourceFile, report.source_file_id)
    document: dict[str, Any] = {
        "schema_version": report.schema_version,
        "source": {"file": source.original_name, "sha256": source.sha256, "pages": source.pages},
        "memo": memo_of(session, report),
        "report": report_section(report),
    }
    for key, table in LISTED.items():
        rows, total = listed_section(table, children_of(session, table, report_id))
        document[key], document[f"{key}_total"] = rows, total
    for key, table in SINGLE.items():
        row = session.get(table, report_id)
        document[key] = contract_row(table, row) if row is not None else None
    document["projects"] = [
        contract_row(Project, row) for row in children_of(session, Project, report_id)
    ]
    document["problems"] = [row.text for row in children_of(session, Problem, report_id)]
    document["parse_warnings"] = [
        contract_row(ParseWarning, row) for row in children_of(session, ParseWarning, report_id)
    ]
    document["findings"] = findings_of(session, report_id, rules_version or report.rules_version)
    return reorder(document)


def memo_of(session: Session, report: Report) -> dict[str, Any] | None:
    if not report.has_memo:
        return None
    column = Report.__table__.c
    memo = {
        key: from_column(column[f"memo_{key}"], getattr(report, f"memo_{key}"))
        for key in MEMO_FIELDS
    }
    memo["signatories"] = [
        contract_row(Signatory, row) for row in children_of(session, Signatory, report.id)
    ]
    return memo


def report_section(report: Report) -> dict[str, Any]:
    reporter = None
    if report.has_reporter:
        reporter = {"name": report.reporter_name, "position": report.reporter_position}
    return {
        "organization": report.organisation_name,
        "fiscal_year": report.fiscal_year,
        "round_months": report.round_months,
        "data_as_of": report.data_as_of.isoformat() if report.data_as_of else None,
        "reporter": reporter,
        "district": report.district,
        "province": report.province,
    }


def findings_of(session: Session, report_id: int, rules_version: str) -> list[dict[str, Any]]:
    statement = (
        select(Finding)
        .where(Finding.report_id == report_id, Finding.rules_version == rules_version)
        .order_by(Finding.ordinal)
    )
    return [contract_row(Finding, row) for row in session.exec(statement).all()]


# The contract's key order (a reader's convenience: dicts compare without it).
DOCUMENT_KEYS = (
    "schema_version",
    "source",
    "memo",
    "report",
    "dimensions",
    "dimensions_total",
    "plan_budget",
    "plan_budget_total",
    "ordinance_budget",
    "ordinance_budget_total",
    "disbursement",
    "disbursement_total",
    "status_summary",
    "projects",
    "narrative",
    "problems",
    "parse_warnings",
    "findings",
)


def reorder(document: dict[str, Any]) -> dict[str, Any]:
    return {key: document[key] for key in DOCUMENT_KEYS}


def read_stored_json(session: Session, report_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document exactly as it was loaded, and the parser's evidence, as stored JSON."""
    row = session.get(ReportDocument, report_id)
    if row is None:
        raise ReportNotFound(f"no report {report_id}")
    return row.document, row.evidence


def read_for_checks(session: Session, report_id: int) -> tuple[dict[str, Any], Evidence]:
    """What `checks.find_inconsistencies` needs to check a stored report again."""
    _, evidence = read_stored_json(session, report_id)
    return read_document(session, report_id), Evidence.from_dict(evidence)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    original_name: str
    origin: str
    size_bytes: int
    status: str
    parser_version: str | None


def stored_files(
    session: Session,
    *,
    parser_version: str | None = None,
    organisation: str | None = None,
    fiscal_year: int | None = None,
) -> list[StoredFile]:
    """Source files, all or those parsed by `parser_version`, or whose report is of an
    organisation (a part of its name, white space ignored) or fiscal year."""
    statement = select(SourceFile).order_by(SourceFile.id)
    if parser_version is not None:
        statement = statement.where(SourceFile.parser_version == parser_version)
    if organisation is not None or fiscal_year is not None:
        statement = statement.join(Report, Report.source_file_id == SourceFile.id)
    if organisation is not None:
        name_part = "".join(organisation.split())
        statement = statement.join(Organisation, Organisation.id == Report.organisation_id)
        statement = statement.where(Organisation.name_key.contains(name_part, autoescape=True))
    if fiscal_year is not None:
        statement = statement.where(Report.fiscal_year == fiscal_year)
    return [
        StoredFile(
            row.sha256,
            row.original_name,
            row.origin,
            row.size_bytes,
            row.status,
            row.parser_version,
        )
        for row in session.exec(statement).all()
    ]
