"""The audit: the checks run again over stored reports, findings kept per rules version,
and two artifacts: the flagged reports, and per rule what changed since the previous rules."""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from checks import RULES_VERSION
from raingan.pipeline.audit import (
    AuditedReport,
    audit_report,
    changes_by_rule,
    current_report_ids,
)
from raingan.pipeline.database import open_sessions
from raingan.pipeline.operations.flow_names import AUDIT
from raingan.pipeline.outputs.findings_table import FindingSelection, as_text_rows, read_findings
from raingan.settings import load_settings

FLAGGED_KEY, RULES_KEY, FINDINGS_KEY = "audit-flagged", "audit-rules", "audit-findings"


@task(cache_policy=NO_CACHE)
def reports_to_audit(fiscal_year: int | None) -> list[int]:
    return current_report_ids(open_sessions(load_settings().database_url), fiscal_year)


@task(cache_policy=NO_CACHE)
def audit_batch(report_ids: list[int], rules_version: str) -> list[AuditedReport]:
    sessions = open_sessions(load_settings().database_url)
    return [audit_report(sessions, report_id, rules_version) for report_id in report_ids]


@task(cache_policy=NO_CACHE)
def findings_table(fiscal_year: int | None, rules_version: str) -> list[dict[str, str]]:
    """The audited findings as `raingan findings --rules-version` lists them."""
    selection = FindingSelection(fiscal_year=fiscal_year, rules_version=rules_version)
    rows = read_findings(open_sessions(load_settings().database_url), selection)
    return as_text_rows(rows)


def rules_markdown(audited: list[AuditedReport], rules_version: str) -> str:
    lines = [
        f"# Audit under rules version {rules_version}",
        f"{len(audited)} reports checked again.",
        "",
        "| rule | findings before | findings now | change |",
        "| --- | ---: | ---: | ---: |",
    ]
    for rule, (before, after) in changes_by_rule(audited).items():
        lines.append(f"| {rule} | {before} | {after} | {after - before:+d} |")
    return "\n".join(lines)


@flow(name=AUDIT)
def audit(
    fiscal_year: int | None = None, rules_version: str = RULES_VERSION, batch_size: int = 50
) -> list[AuditedReport]:
    report_ids = reports_to_audit(fiscal_year)
    batches = [report_ids[i : i + batch_size] for i in range(0, len(report_ids), batch_size)]
    audited = [report for batch in batches for report in audit_batch(batch, rules_version)]
    flagged = [a for a in audited if a.after]
    create_table_artifact(
        key=FLAGGED_KEY,
        table=[
            {
                "report": a.report_id,
                "organisation": a.organisation,
                "fiscal year": a.fiscal_year,
                "round": a.round_months,
                "findings": ", ".join(f"{rule} {n}" for rule, n in sorted(a.after.items())),
            }
            for a in flagged
        ],
        description=f"{len(audited)} reports checked under rules version {rules_version}, "
        f"{len(flagged)} with findings",
    )
    create_markdown_artifact(key=RULES_KEY, markdown=rules_markdown(audited, rules_version))
    # No description: `raingan status` shows a run's counts from the flagged artifact's.
    create_table_artifact(key=FINDINGS_KEY, table=findings_table(fiscal_year, rules_version))
    return audited
