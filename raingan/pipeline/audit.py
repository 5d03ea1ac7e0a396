"""Re-running the checks over stored reports (after a rule change, or for one fiscal year).

Plain functions, no Prefect: the audit flow wraps them. New findings are stored under the
new rules version beside the old ones, which stay for comparison.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import col, select

from checks import find_inconsistencies
from models.engine import SessionFactory
from models.load import store_findings
from models.read import read_for_checks
from models.tables import Report, stored_id


@dataclass
class AuditedReport:
    report_id: int
    organisation: str | None
    fiscal_year: int | None
    round_months: int | None
    before: Counter[str] = field(default_factory=Counter)  # findings by rule, previous rules
    after: Counter[str] = field(default_factory=Counter)  # findings by rule, these rules


def current_report_ids(sessions: SessionFactory, fiscal_year: int | None = None) -> list[int]:
    """Reports not superseded, optionally of one fiscal year, oldest first."""
    with sessions() as session:
        query = select(Report.id).where(col(Report.superseded_by_id).is_(None))
        if fiscal_year is not None:
            query = query.where(Report.fiscal_year == fiscal_year)
        return [stored_id(report_id) for report_id in session.exec(query.order_by(col(Report.id)))]


def audit_report(sessions: SessionFactory, report_id: int, rules_version: str) -> AuditedReport:
    """Check one stored report again and store its findings under `rules_version`."""
    with sessions() as session:
        document, evidence = read_for_checks(session, report_id)
        findings = find_inconsistencies(document, evidence)
        store_findings(session, report_id, findings, rules_version)
        session.commit()
    report = document["report"]
    return AuditedReport(
        report_id=report_id,
        organisation=report["organization"],
        fiscal_year=report["fiscal_year"],
        round_months=report["round_months"],
        before=Counter(f["rule"] for f in document["findings"]),
        after=Counter(f["rule"] for f in findings),
    )


def changes_by_rule(audited: list[AuditedReport]) -> dict[str, tuple[int, int]]:
    """For each rule: findings under the previous rules and under these, over all reports."""
    before = sum((a.before for a in audited), Counter())
    after = sum((a.after for a in audited), Counter())
    return {rule: (before[rule], after[rule]) for rule in sorted(set(before) | set(after))}
