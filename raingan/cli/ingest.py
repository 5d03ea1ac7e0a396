"""`raingan ingest` and `raingan reparse`: files into the database, with a progress bar.

Nothing here imports the database layer, the parser or Prefect until a command runs, so that
registering these commands costs `raingan parse` nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from raingan.cli.console import ExitCode, errors, fail
from raingan.cli.database import open_for_loading
from raingan.cli.outcome_view import show_outcome, show_summary

if TYPE_CHECKING:
    from models.engine import SessionFactory
    from raingan.pipeline import IngestOutcome, IngestSummary

Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="A line for every file, not only problems.")
]


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    verbose: Verbose = False,
) -> None:
    """Parse report files and load them into the database (RAINGAN_DATABASE_URL).

    Exits 1 only when something failed; rejected files and findings are results, not errors.
    In a folder, files whose name and bytes both say they are not PDFs (README.md, a .docx)
    are counted and skipped; a .pdf, or a file without an extension, is checked and rejected
    with its reason.
    Symbolic links and special files (FIFOs, devices) inside folders are skipped, each with
    its reason (RAINGAN_FOLLOW_LINKS=inside follows links to files inside the folder).
    """
    from raingan.pipeline import discover, ingest_paths
    from raingan.pipeline.ingestion.discovery import follow_links_setting

    try:
        follow = follow_links_setting()
    except ValueError as bad_setting:
        raise fail(f"error: {bad_setting}", ExitCode.USAGE) from None
    workspace = open_for_loading()
    discovery = discover(paths, follow)
    total = len(discovery.files) + len(discovery.missing) + len(discovery.skipped)
    with progress_bar() as progress:
        task = progress.add_task("ingesting", total=total)

        def on_outcome(outcome: IngestOutcome) -> None:
            progress.update(task, advance=1, description=escape(outcome.name[:40]))
            show_outcome(progress.console, outcome, verbose)

        summary = ingest_paths(paths, workspace, on_outcome=on_outcome, discovery=discovery)
    show_summary(
        summary,
        not_pdf_skipped=discovery.not_pdf_skipped,
        current_with_findings=current_with_findings(workspace.sessions, summary),
    )
    if summary.failed:
        raise typer.Exit(ExitCode.FAILED)


def reparse(
    all_files: Annotated[bool, typer.Option("--all", help="Every stored original.")] = False,
    parser_version: Annotated[
        str | None, typer.Option(help="Those parsed by this parser version.")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option(help="Those of organisations whose name contains this.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Those of this fiscal year (e.g. 2566).")] = None,
    verbose: Verbose = False,
) -> None:
    """Parse stored originals again with this parser (after an upgrade) and reload them."""
    from raingan.pipeline import files_to_reparse
    from raingan.pipeline import reparse as reparse_files

    if not (all_files or parser_version or organisation or year):
        raise fail(
            "error: say which originals: --all, --parser-version, --organisation, --year",
            ExitCode.USAGE,
        )
    if year is not None:  # a year no report has is a question, not an empty run
        from raingan.cli.database import open_for_reading
        from raingan.cli.finding_filters import check_against_data

        check_against_data(open_for_reading().sessions, year, None)
    workspace = open_for_loading()
    files = files_to_reparse(
        workspace.sessions,
        parser_version=parser_version,
        organisation=organisation,
        fiscal_year=year,
    )
    with progress_bar() as progress:
        task = progress.add_task("re-parsing", total=len(files))

        def on_outcome(outcome: IngestOutcome) -> None:
            progress.update(task, advance=1, description=escape(outcome.name[:40]))
            show_outcome(progress.console, outcome, verbose)

        summary = reparse_files(workspace, files=files, on_outcome=on_outcome)
    show_summary(summary, current_with_findings=current_with_findings(workspace.sessions, summary))
    if summary.failed:
        raise typer.Exit(ExitCode.FAILED)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
    )


def current_with_findings(sessions: SessionFactory, summary: IngestSummary) -> int | None:
    """How many of the reports loaded are current and have findings (what `raingan findings`
    then lists); None when the database cannot say, and the loaded count is shown instead."""
    from raingan.pipeline.ingestion.inbox import flagged_reports

    try:
        return len(flagged_reports(sessions, summary.outcomes))
    except Exception:  # the summary still stands: a database fault is in the outcomes
        return None
