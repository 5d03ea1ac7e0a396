"""The parser's working copy of the document made the typed contract document
(`checks.document.ReportDocument`), once, when it is whole; and so is a document rebuilt
from the database's rows (`models.read`).

The sections are read into plain dicts by the names of their fields (the vocabulary's
columns, the memo's labels), and what was read doubtfully is nulled by name
(`parsers.sections.doubt`): neither can name a `TypedDict`'s keys literally. So the parse
checks every value's kind here, the one place where the loose copy becomes the typed one.
A value of another kind is the parser's bug: it raises, never passes as another kind.

Each section is rebuilt in the contract's key order, the order the readers wrote it in, so
that the document prints the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from checks.document import (
    Amount,
    BudgetRow,
    BudgetTotal,
    Count,
    DimensionRow,
    DimensionsTotal,
    DisbursementRow,
    DisbursementTotal,
    FigureValue,
    Finding,
    Memo,
    Narrative,
    ParseWarning,
    Person,
    Project,
    Report,
    ReportDocument,
    Source,
    StatusSummary,
    Text,
)

Fields = Mapping[str, object]


class NotOfItsKind(TypeError):
    """A field of the working copy holds a value of another kind than the contract's."""


def fields(value: object) -> Fields:
    if not isinstance(value, dict):
        raise NotOfItsKind(f"an object expected, not {value!r}")
    return value


def items(value: object) -> Sequence[object]:
    if not isinstance(value, list):
        raise NotOfItsKind(f"a list expected, not {value!r}")
    return value


def text(value: object) -> Text:
    if value is not None and not isinstance(value, str):
        raise NotOfItsKind(f"a text expected, not {value!r}")
    return value


def count(value: object) -> Count:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise NotOfItsKind(f"a count expected, not {value!r}")
    return value


def amount(value: object) -> Amount:
    """An amount or a percentage: a number as read (int or float, kept as it is)."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise NotOfItsKind(f"a number expected, not {value!r}")
    return value


def whole(value: object) -> int:
    """A dimension of a table's row, a page: always known."""
    known = count(value)
    if known is None:
        raise NotOfItsKind("a number expected, not null")
    return known


def figure_value(value: object) -> FigureValue:
    """A finding's `reported` or `expected`: a count, an amount or a memo's text."""
    if value is None or isinstance(value, str):
        return value
    return amount(value)


def source(value: object) -> Source:
    read = fields(value)
    name, sha256 = text(read["file"]), text(read["sha256"])
    if name is None or sha256 is None:
        raise NotOfItsKind("a source's file and digest are never null")
    return {"file": name, "sha256": sha256, "pages": whole(read["pages"])}


def person(value: object) -> Person:
    read = fields(value)
    return {"name": text(read["name"]), "position": text(read["position"])}


def memo(value: object) -> Memo | None:
    if value is None:
        return None
    read = fields(value)
    return {
        "agency": text(read["agency"]),
        "phone": text(read["phone"]),
        "reference": text(read["reference"]),
        "date": text(read["date"]),
        "subject": text(read["subject"]),
        "addressee": text(read["addressee"]),
        "signatories": [person(signatory) for signatory in items(read["signatories"])],
    }


def report(value: object) -> Report:
    read = fields(value)
    typed: Report = {
        "organization": text(read["organization"]),
        "fiscal_year": count(read["fiscal_year"]),
        "round_months": count(read["round_months"]),
        "data_as_of": text(read["data_as_of"]),
        "reporter": None if read["reporter"] is None else person(read["reporter"]),
    }
    if "district" in read:  # optional in the contract; the parser gives both
        typed["district"] = text(read["district"])
    if "province" in read:
        typed["province"] = text(read["province"])
    return typed


def dimensions_total(value: object) -> DimensionsTotal | None:
    if value is None:
        return None
    read = fields(value)
    return {
        "projects_planned": count(read["projects_planned"]),
        "projects_done": count(read["projects_done"]),
        "budget_planned": amount(read["budget_planned"]),
        "budget_ordinance": amount(read["budget_ordinance"]),
        "budget_spent": amount(read["budget_spent"]),
        "pct_projects": amount(read["pct_projects"]),
        "pct_budget": amount(read["pct_budget"]),
    }


def dimension_row(value: object) -> DimensionRow:
    read = fields(value)
    return {
        "dimension": whole(read["dimension"]),
        "projects_planned": count(read["projects_planned"]),
        "projects_done": count(read["projects_done"]),
        "budget_planned": amount(read["budget_planned"]),
        "budget_ordinance": amount(read["budget_ordinance"]),
        "budget_spent": amount(read["budget_spent"]),
        "pct_projects": amount(read["pct_projects"]),
        "pct_budget": amount(read["pct_budget"]),
    }


def budget_total(value: object) -> BudgetTotal | None:
    if value is None:
        return None
    read = fields(value)
    return {"projects": count(read["projects"]), "budget": amount(read["budget"])}


def budget_row(value: object) -> BudgetRow:
    read = fields(value)
    return {
        "dimension": whole(read["dimension"]),
        "projects": count(read["projects"]),
        "budget": amount(read["budget"]),
    }


def disbursement_total(value: object) -> DisbursementTotal | None:
    if value is None:
        return None
    read = fields(value)
    return {
        "plan": amount(read["plan"]),
        "ordinance": amount(read["ordinance"]),
        "disbursed": amount(read["disbursed"]),
    }


def disbursement_row(value: object) -> DisbursementRow:
    read = fields(value)
    return {
        "dimension": whole(read["dimension"]),
        "plan": amount(read["plan"]),
        "ordinance": amount(read["ordinance"]),
        "disbursed": amount(read["disbursed"]),
    }


def status_summary(value: object) -> StatusSummary | None:
    if value is None:
        return None
    read = fields(value)
    return {
        "minimum_projects": count(read["minimum_projects"]),
        "total_projects": count(read["total_projects"]),
        "in_ordinance": count(read["in_ordinance"]),
        "in_progress": count(read["in_progress"]),
        "completed": count(read["completed"]),
        "unable": count(read["unable"]),
        "implementation_pct": amount(read["implementation_pct"]),
        "level": text(read["level"]),
    }


def project(value: object) -> Project:
    read = fields(value)
    name = text(read["name"])
    if name is None:
        raise NotOfItsKind("a project's name is never null")
    return {
        "seq": count(read["seq"]),
        "name": name,
        "dimension": count(read["dimension"]),
        "budget": amount(read["budget"]),
        "disbursed": amount(read["disbursed"]),
        "status": text(read["status"]),
        "remark": text(read["remark"]),
        "page": whole(read["page"]),
    }


def narrative(value: object) -> Narrative | None:
    """In the order `report_text.narrative` writes it: the counts, the disbursement, the
    level."""
    if value is None:
        return None
    read = fields(value)
    return {
        "total_projects": count(read["total_projects"]),
        "pending_report": count(read["pending_report"]),
        "in_progress": count(read["in_progress"]),
        "completed": count(read["completed"]),
        "unable": count(read["unable"]),
        "disbursed": amount(read["disbursed"]),
        "disbursed_pct": amount(read["disbursed_pct"]),
        "level": text(read["level"]),
        "implementation_pct": amount(read["implementation_pct"]),
    }


def problem(value: object) -> str:
    if not isinstance(value, str):
        raise NotOfItsKind(f"a problem's text expected, not {value!r}")
    return value


def parse_warning(value: object) -> ParseWarning:
    read = fields(value)
    message = text(read["message"])
    if message is None:
        raise NotOfItsKind("a warning's message is never null")
    return {"page": count(read["page"]), "message": message}


def required_text(value: object) -> str:
    read = text(value)
    if read is None:
        raise NotOfItsKind("a finding's rule, severity, field and message are never null")
    return read


def finding(value: object) -> Finding:
    read = fields(value)
    return {
        "rule": required_text(read["rule"]),
        "severity": required_text(read["severity"]),
        "field": required_text(read["field"]),
        "dimension": count(read["dimension"]),
        "seq": count(read["seq"]),
        "reported": figure_value(read["reported"]),
        "expected": figure_value(read["expected"]),
        "message": required_text(read["message"]),
        "pages": [whole(page) for page in items(read["pages"])],
    }


def typed_document(draft: Fields) -> ReportDocument:
    """The working copy, whole, as the contract's document, in the contract's key order."""
    return {
        "schema_version": whole(draft["schema_version"]),
        "source": source(draft["source"]),
        "memo": memo(draft["memo"]),
        "report": report(draft["report"]),
        "dimensions": [dimension_row(row) for row in items(draft["dimensions"])],
        "dimensions_total": dimensions_total(draft["dimensions_total"]),
        "plan_budget": [budget_row(row) for row in items(draft["plan_budget"])],
        "plan_budget_total": budget_total(draft["plan_budget_total"]),
        "ordinance_budget": [budget_row(row) for row in items(draft["ordinance_budget"])],
        "ordinance_budget_total": budget_total(draft["ordinance_budget_total"]),
        "disbursement": [disbursement_row(row) for row in items(draft["disbursement"])],
        "disbursement_total": disbursement_total(draft["disbursement_total"]),
        "status_summary": status_summary(draft["status_summary"]),
        "projects": [project(row) for row in items(draft["projects"])],
        "narrative": narrative(draft["narrative"]),
        "problems": [problem(item) for item in items(draft["problems"])],
        "parse_warnings": [parse_warning(item) for item in items(draft["parse_warnings"])],
        "findings": [finding(item) for item in items(draft["findings"])],
    }
