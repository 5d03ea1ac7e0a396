"""`raingan ingest` and `raingan reparse`: files into the database, with a progress bar.

Nothing here imports the database layer, the parser or Prefect until a command runs, so that
registering these commands costs `raingan parse` nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

if TYPE_CHECKING:
    from raingan.ingest import IngestOutcome, IngestSummary

EXIT_FAILED, EXIT_USAGE = 1, 2
console = Console()
errors = Console(stderr=True)

STATUS_STYLES = {"loaded": "green", "unchanged": "dim", "rejected": "yellow", "failed": "red"}


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="A line for every file, not only problems.")
    ] = False,
) -> None:
    """Parse report files and load them into the database (RAINGAN_DATABASE_URL).

    Exits 1 only when something failed; rejected files and findings are results, not errors.
    """
    from raingan.ingest import discover, ingest_paths

    context = open_context()
    discovery = discover(paths)
    total = len(discovery.files) + len(discovery.missing)
    with progress_bar() as progress:
        task = progress.add_task("ingesting", total=total)

        def on_outcome(outcome: IngestOutcome) -> None:
            progress.update(task, advance=1, description=outcome.name[:40])
            show_outcome(progress.console, outcome, verbose)

        summary = ingest_paths(paths, **context, on_outcome=on_outcome, discovery=discovery)
    show_summary(summary)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def reparse(
    all_files: Annotated[bool, typer.Option("--all", help="Every stored original.")] = False,
    parser_version: Annotated[
        str | None, typer.Option(help="Those parsed by this parser version.")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option(help="Those of organisations whose name contains this.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Those of this fiscal year (e.g. 2566).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Parse stored originals again with this parser (after an upgrade) and reload them."""
    from raingan.ingest import files_to_reparse
    from raingan.ingest import reparse as reparse_files

    if not (all_files or parser_version or organisation or year):
        errors.print("error: say which originals: --all, --parser-version, --organisation, --year")
        raise typer.Exit(EXIT_USAGE)
    context = open_context()
    files = files_to_reparse(
        context["session_factory"],
        parser_version=parser_version,
        organisation=organisation,
        fiscal_year=year,
    )
    with progress_bar() as progress:
        task = progress.add_task("re-parsing", total=len(files))

        def on_outcome(outcome: IngestOutcome) -> None:
            progress.update(task, advance=1, description=outcome.name[:40])
            show_outcome(progress.console, outcome, verbose)

        summary = reparse_files(**context, files=files, on_outcome=on_outcome)
    show_summary(summary)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def open_context() -> dict:
    """The database (schema created if empty), the originals store and the parser."""
    from models.engine import make_engine, session_factory
    from models.migrate import SchemaOutOfDate, ensure_schema
    from models.originals import OriginalsStore
    from raingan.ingest import default_parser
    from raingan.settings import load_settings

    settings = load_settings()
    try:
        engine = make_engine(settings.database_url)
        ensure_schema(engine)
    except SchemaOutOfDate as error:
        errors.print(f"error: {error}", markup=False, highlight=False)
        raise typer.Exit(EXIT_FAILED) from None
    except Exception as error:
        url = engine_url_for_people(settings.database_url)
        errors.print(f"error: cannot open the database {url}: {type(error).__name__}: {error}")
        raise typer.Exit(EXIT_FAILED) from None
    return {
        "session_factory": session_factory(engine),
        "store": OriginalsStore(settings.store),
        "parser": default_parser(settings.limits),
    }


def engine_url_for_people(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
    )


def show_outcome(console: Console, outcome: IngestOutcome, verbose: bool) -> None:
    if not verbose and outcome.status in ("loaded", "unchanged"):
        return
    style = STATUS_STYLES[outcome.status]
    detail = outcome.message
    if outcome.rejection_code and outcome.status == "rejected":
        detail = f"{outcome.rejection_code}: {outcome.message}"
    if outcome.status == "loaded":
        detail = f"report {outcome.report_id}, {outcome.findings} findings"
        if outcome.superseded_id:
            detail += f", report {outcome.superseded_id} superseded"
    console.print(
        f"[{style}]{outcome.status:<9}[/{style}] {escape(outcome.origin)}  "
        f"[dim]{escape(detail)}[/dim]",
        highlight=False,
        soft_wrap=True,
    )


def show_summary(summary: IngestSummary) -> None:
    table = Table(title="ingest summary", show_header=False)
    table.add_column("what")
    table.add_column("files", justify="right")
    for what, count in summary.as_dict().items():
        table.add_row(what, str(count))
    if summary.hidden_skipped:
        table.add_row("hidden files skipped", str(summary.hidden_skipped))
    console.print(table)
