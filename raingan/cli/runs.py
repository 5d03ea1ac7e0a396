"""`raingan nightly`, `backfill` and `audit`: the Prefect flows, run once here and now.

Prefect is imported inside the commands only, so that `raingan parse` never loads it. With no
`PREFECT_API_URL` set, a flow runs against a temporary local server started for it, which
stops with the command, even one killed by SIGKILL (`supervisor.temporary_prefect_api`).
Prefect's defaults are set first (`environment.prefect_defaults`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer
from rich.markup import escape
from rich.table import Table

from raingan.cli.console import ExitCode, console, fail, fail_with
from raingan.cli.environment import prefect_defaults
from raingan.cli.outcome_view import show_outcome, show_summary


def check_inbox_settings() -> None:
    """A bad `RAINGAN_FOLLOW_LINKS` is the user's to fix: one line, before any flow starts."""
    from raingan.pipeline.ingestion.discovery import follow_links_setting

    try:
        follow_links_setting()
    except ValueError as bad_setting:
        raise fail(f"error: {bad_setting}", ExitCode.USAGE) from None


if TYPE_CHECKING:
    from raingan.pipeline import IngestOutcome
    from raingan.pipeline.ingestion.estimate import BackfillEstimate
    from raingan.pipeline.ingestion.inbox import Flagged, RunSummary


def nightly(
    inbox: Annotated[
        str | None,
        typer.Option(
            help="The inbox: a folder or an fsspec URL [RAINGAN_INBOX, or inbox/ in the "
            "raingan home]."
        ),
    ] = None,
    quarantine: Annotated[
        str | None, typer.Option(help="Copy rejected and failed files here (with the reason).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Files per task.")] = 20,
    report_dir: Annotated[
        str | None,
        typer.Option(
            help="Write the day's HTML report (audit-YYYY-MM-DD.html) here "
            "[RAINGAN_REPORT_DIR, or reports/ in the raingan home]."
        ),
    ] = None,
) -> None:
    """Run the nightly ingest flow once over an inbox: what is new there is loaded, and the
    day's HTML report of open findings is written.

    Links and special files in the inbox are recorded as skipped; the run ends Failed in
    Prefect (and this command exits 1) when a file failed.
    """
    prefect_defaults()
    check_inbox_settings()
    from flows.nightly import nightly_ingest
    from flows.tasks import summary_of
    from raingan.pipeline.operations.supervisor import temporary_prefect_api
    from raingan.settings import load_settings

    inbox = inbox or load_settings().inbox  # the home's, never the working directory's

    try:
        with temporary_prefect_api():  # dies with this command, even by SIGKILL
            state = nightly_ingest(
                inbox,
                quarantine=quarantine,
                batch_size=batch_size,
                report_dir=report_dir,
                return_state=True,
            )
        summary = cast("RunSummary", summary_of(state))
    except Exception as error:
        raise fail_with("the nightly ingest failed", error) from None
    console.print(f"{summary.listed} files in {escape(inbox)}, {summary.new} new")
    show_outcomes(summary.outcomes, current_with_findings=len(summary.flagged))
    show_flagged(summary.flagged)
    show_day_report(report_dir)
    exit_if_any_failed(summary.outcomes)


def show_day_report(report_dir: str | None) -> None:
    """Where the nightly run wrote the day's HTML report."""
    from datetime import date

    from raingan.pipeline.outputs.html_report import day_report_path, report_folder
    from raingan.settings import load_settings

    path = day_report_path(report_folder(load_settings().report_dir, report_dir), date.today())
    if path.is_file():
        console.print(
            f"HTML report: {escape(str(path))} (the open findings of the current reports "
            "loaded today)",
            highlight=False,
            soft_wrap=True,
        )


def backfill(
    archive: Annotated[str, typer.Argument(help="The archive: a folder tree or an fsspec URL.")],
    dask_address: Annotated[
        str | None,
        typer.Option(help="An existing Dask scheduler (tcp://host:8786); else a local cluster."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes of the local cluster [cores].")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Files per task.")] = 10,
    files_per_run: Annotated[int, typer.Option(min=1, help="Files per Prefect flow run.")] = 250,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what is left and estimate the time.")
    ] = False,
    glob: Annotated[
        str | None,
        typer.Option(
            "--glob",
            metavar="PATTERN",
            help="Only the files whose path in the archive matches, case aside (e.g. '*.pdf'); "
            "by default every file is recorded, what is not a PDF as rejected.",
        ),
    ] = None,
) -> None:
    """Load an archive of past reports in parallel on Dask; run it again to resume."""
    prefect_defaults()
    check_inbox_settings()
    from flows.backfill import backfill as backfill_flow
    from flows.backfill import check_cluster
    from flows.dask_cluster import ClusterMisfit
    from flows.tasks import summary_of
    from raingan.pipeline.operations.supervisor import temporary_prefect_api
    from raingan.settings import load_settings

    try:
        check_cluster(dask_address, load_settings())
        with temporary_prefect_api():  # dies with this command, even by SIGKILL
            state = backfill_flow(
                archive,
                dask_address=dask_address,
                workers=workers,
                batch_size=batch_size,
                files_per_run=files_per_run,
                dry_run=dry_run,
                pattern=glob,
                return_state=True,
            )
        result = summary_of(state)
    except ClusterMisfit as misfit:
        raise fail(f"error: {misfit}", ExitCode.USAGE) from None
    except Exception as error:
        raise fail_with("the backfill failed", error) from None
    if dry_run:  # the flow only estimated
        estimate = cast("BackfillEstimate", result)
        console.print(f"dry run of {escape(archive)}: {escape(estimate.line())}")
        return
    summary = cast("RunSummary", result)
    console.print(f"{summary.listed} files in {escape(archive)}, {summary.new} not loaded before")
    show_outcomes(summary.outcomes)
    exit_if_any_failed(summary.outcomes)


def audit(
    year: Annotated[int | None, typer.Option(help="Only this fiscal year (e.g. 2566).")] = None,
) -> None:
    """Run the checks again over the stored reports (the audit flow, once, here).

    Findings are kept per rules version; what changed since the previous rules is shown per
    rule.
    """
    prefect_defaults()
    if year is not None:  # a year no report has would re-check nothing, and say so quietly
        from raingan.cli.database import open_for_reading
        from raingan.cli.finding_filters import check_against_data

        check_against_data(open_for_reading().sessions, year, None)
    from flows.audit import audit as audit_flow
    from raingan.pipeline import changes_by_rule
    from raingan.pipeline.operations.supervisor import temporary_prefect_api

    try:
        with temporary_prefect_api():  # dies with this command, even by SIGKILL
            audited = audit_flow(fiscal_year=year)
    except Exception as error:
        raise fail_with("the audit failed", error) from None
    flagged = [report for report in audited if report.after]
    console.print(f"reports checked again: {len(audited)}, with findings: {len(flagged)}")
    table = Table(title="findings by rule")
    for column in ("rule", "before", "now", "change"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule, (before, after) in changes_by_rule(audited).items():
        table.add_row(rule, str(before), str(after), f"{after - before:+d}")
    console.print(table)


def show_outcomes(outcomes: list[IngestOutcome], current_with_findings: int | None = None) -> None:
    """The files that were rejected or failed, then the summary of all (with the current
    reports with findings when the run looked them up, as its HTML report counts them)."""
    from raingan.pipeline import IngestSummary

    for outcome in outcomes:
        show_outcome(console, outcome, verbose=False)
    show_summary(IngestSummary(outcomes=outcomes), current_with_findings=current_with_findings)


def exit_if_any_failed(outcomes: list[IngestOutcome]) -> None:
    from raingan.pipeline import IngestSummary

    if IngestSummary(outcomes=outcomes).failed:
        raise typer.Exit(ExitCode.FAILED)


def show_flagged(flagged: list[Flagged]) -> None:
    if not flagged:
        return
    table = Table(title="current reports with findings (a report replaced by a later one is not)")
    for column in ("file", "organisation", "year", "round", "findings by rule"):
        table.add_column(column)
    for item in flagged:
        table.add_row(
            escape(item.name),
            escape(item.organisation or ""),
            str(item.fiscal_year or ""),
            f"{item.round_months} months" if item.round_months else "",
            ", ".join(f"{rule} {count}" for rule, count in sorted(item.findings_by_rule.items())),
        )
    console.print(table)
