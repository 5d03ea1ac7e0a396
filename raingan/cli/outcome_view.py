"""What ingesting gave, shown in the terminal: a line per file and the counts of a run.

`raingan ingest`, `reparse`, `nightly` and `backfill` show their outcomes alike. Names and
messages come from an untrusted inbox: they are shown escaped (no ANSI sequences, no markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from raingan.cli.console import console

if TYPE_CHECKING:
    from raingan.pipeline import IngestOutcome, IngestSummary, Status


def show_outcome(console: Console, outcome: IngestOutcome, verbose: bool) -> None:
    """One line for a file; names and messages shown escaped (no ANSI sequences, no markup)."""
    from models.names import readable_name
    from raingan.pipeline import Status

    if not verbose and outcome.status in (Status.LOADED, Status.UNCHANGED):
        return
    style = status_style(outcome.status)
    detail = outcome.message
    if outcome.rejection_code and outcome.status == Status.REJECTED:
        detail = f"{outcome.rejection_code}: {outcome.message}"
    if outcome.status == Status.LOADED:
        detail = f"report {outcome.report_id}, {outcome.findings} findings"
        if outcome.superseded_id:
            detail += f", report {outcome.superseded_id} superseded"
    console.print(
        f"[{style}]{outcome.status:<9}[/{style}] {escape(readable_name(outcome.origin))}  "
        f"[dim]{escape(readable_name(detail))}[/dim]",
        highlight=False,
        soft_wrap=True,
    )


def status_style(status: Status) -> str:
    from raingan.pipeline import Status  # not at the top: it loads the database layer

    styles = {
        Status.LOADED: "green",
        Status.UNCHANGED: "dim",
        Status.REJECTED: "yellow",
        Status.FAILED: "red",
        Status.SKIPPED: "magenta",
    }
    return styles[status]


def show_summary(
    summary: IngestSummary, not_pdf_skipped: int = 0, current_with_findings: int | None = None
) -> None:
    """The counts of a run. `current_with_findings`, when known, replaces the loaded reports
    with findings: a report superseded in the same run is then not counted."""
    table = Table(title="ingest summary", show_header=False)
    table.add_column("what")
    table.add_column("files", justify="right")
    counts = summary.as_dict()
    if current_with_findings is not None:
        del counts["with findings"]
        counts["current reports with findings"] = current_with_findings
    for what, count in counts.items():
        table.add_row(what, str(count))
    if summary.hidden_skipped:
        table.add_row("hidden files skipped", str(summary.hidden_skipped))
    if not_pdf_skipped:  # README.md, data.json: name and bytes agree, so not recorded
        table.add_row("not PDFs, by name and bytes, skipped", str(not_pdf_skipped))
    console.print(table)
