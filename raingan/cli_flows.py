"""`raingan nightly`: the nightly Prefect flow, run once here and now.

Prefect is imported inside the command only, so that `raingan parse` never loads it. With no
`PREFECT_API_URL` set, Prefect runs the flow against a temporary local server of its own.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

EXIT_FAILED, EXIT_USAGE = 1, 2
console = Console()
errors = Console(stderr=True)


def nightly(
    inbox: Annotated[
        str, typer.Option(envvar="RAINGAN_INBOX", help="The inbox: a folder or an fsspec URL.")
    ] = "inbox",
    quarantine: Annotated[
        str | None, typer.Option(help="Copy rejected and failed files here (with the reason).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Files per task.")] = 20,
) -> None:
    """Run the nightly ingest flow once over an inbox: what is new there is loaded."""
    from flows.nightly import nightly_ingest
    from raingan.cli_ingest import show_outcome, show_summary
    from raingan.ingest import IngestSummary

    try:
        summary = nightly_ingest(inbox, quarantine=quarantine, batch_size=batch_size)
    except Exception as error:
        errors.print(f"error: the nightly ingest failed: {type(error).__name__}: {error}")
        raise typer.Exit(EXIT_FAILED) from None
    console.print(f"{summary.listed} files in {escape(inbox)}, {summary.new} new")
    for outcome in summary.outcomes:
        show_outcome(console, outcome, verbose=False)
    show_summary(IngestSummary(outcomes=summary.outcomes))
    show_flagged(summary.flagged)
    if any(outcome.status == "failed" for outcome in summary.outcomes):
        raise typer.Exit(EXIT_FAILED)


def show_flagged(flagged: list) -> None:
    if not flagged:
        return
    table = Table(title="reports with findings")
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
) -> None:
    """Load an archive of past reports in parallel on Dask; run it again to resume."""
    from flows.backfill import backfill as backfill_flow
    from flows.backfill import check_cluster
    from flows.dask_cluster import ClusterMisfit
    from raingan.cli_ingest import show_outcome, show_summary
    from raingan.ingest import IngestSummary
    from raingan.settings import load_settings

    try:
        check_cluster(dask_address, load_settings())
        result = backfill_flow(
            archive,
            dask_address=dask_address,
            workers=workers,
            batch_size=batch_size,
            files_per_run=files_per_run,
            dry_run=dry_run,
        )
    except ClusterMisfit as misfit:
        errors.print(f"error: {misfit}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    except Exception as error:
        errors.print(f"error: the backfill failed: {type(error).__name__}: {error}", markup=False)
        raise typer.Exit(EXIT_FAILED) from None
    if dry_run:
        console.print(f"dry run of {escape(archive)}: {escape(result.line())}")
        return
    console.print(f"{result.listed} files in {escape(archive)}, {result.new} not loaded before")
    for outcome in result.outcomes:
        show_outcome(console, outcome, verbose=False)
    show_summary(IngestSummary(outcomes=result.outcomes))
    if any(outcome.status == "failed" for outcome in result.outcomes):
        raise typer.Exit(EXIT_FAILED)


def audit(
    year: Annotated[int | None, typer.Option(help="Only this fiscal year (e.g. 2566).")] = None,
) -> None:
    """Run the checks again over the stored reports (the audit flow, once, here): findings are
    kept per rules version, and what changed since the previous rules is shown per rule."""
    from flows.audit import audit as audit_flow
    from raingan.audit import changes_by_rule

    try:
        audited = audit_flow(fiscal_year=year)
    except Exception as error:
        errors.print(f"error: the audit failed: {type(error).__name__}: {error}", markup=False)
        raise typer.Exit(EXIT_FAILED) from None
    flagged = [report for report in audited if report.after]
    console.print(f"reports checked again: {len(audited)}, with findings: {len(flagged)}")
    table = Table(title="findings by rule")
    for column in ("rule", "before", "now", "change"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule, (before, after) in changes_by_rule(audited).items():
        table.add_row(rule, str(before), str(after), f"{after - before:+d}")
    console.print(table)
