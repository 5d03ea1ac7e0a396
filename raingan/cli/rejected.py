"""`raingan rejected`: the files raingan refused or failed on, each with its code and reason,
filtered by date, code, status and inbox, as a table or in the exports of `raingan findings`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table

from parsers.safety.rejection import RejectionCode
from raingan.cli.console import as_one_line, console, fail_with
from raingan.cli.finding_filters import check_choice, listed
from raingan.cli.output import format_of, write_out
from raingan.cli.report_view import plain
from raingan.pipeline.outputs.choices import EXPORT_FORMATS

if TYPE_CHECKING:
    from models.engine import SessionFactory
    from models.read import RejectedRow, RejectedSelection

FORMATS = ("table", *EXPORT_FORMATS)
CODES = tuple(code.value for code in RejectionCode)
STATUSES = ("rejected", "failed")


def rejected(
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Last seen on this day (local) or later."),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Last seen on this day (local) or earlier."),
    ] = None,
    code: Annotated[str | None, typer.Option(help=f"A rejection code: {listed(CODES)}.")] = None,
    status: Annotated[str | None, typer.Option(help=f"{listed(STATUSES)}.")] = None,
    inbox: Annotated[
        str | None,
        typer.Option(help="Files listed in this inbox (a folder or a URL), or found under it."),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", help=f"{listed(FORMATS)} [the extension of -o, else table]."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (.csv .xlsx .parquet .json .txt)."),
    ] = None,
) -> None:
    """List the files that were rejected (not a report raingan can read: code and reason) or
    failed (an internal error or a database fault, tried again on the next run), newest first.

    Files whose name and bytes both say they are not PDFs are never recorded, so never listed.
    """
    from models.read import RejectedSelection
    from raingan.cli.database import open_for_reading

    check_choice("--code", code, CODES)
    check_choice("--status", status, STATUSES)
    chosen = format_of(output_format, output, FORMATS)
    selection = RejectedSelection(
        seen_since=utc_midnight(since.date()) if since else None,
        seen_before=utc_midnight(until.date() + timedelta(days=1)) if until else None,
        status=status,
        code=code,
        inbox=inbox_key(inbox) if inbox else None,
    )
    rows = read_rows(open_for_reading().sessions, selection)
    if chosen == "table":
        show_table(rows, output)
        return
    from raingan.pipeline.outputs.rejected_table import EXPORTS

    write_out(EXPORTS[chosen](rows), output)


def utc_midnight(day: date) -> datetime:
    """The start of a local day, in UTC without time zone, as times are stored."""
    return datetime.combine(day, time.min).astimezone(UTC).replace(tzinfo=None)


def inbox_key(inbox: str) -> str:
    """An inbox as the ledger records it: a folder made absolute, a URL as given."""
    if "://" in inbox:
        return inbox
    return str(Path(inbox).expanduser().resolve())


def read_rows(sessions: SessionFactory, selection: RejectedSelection) -> list[RejectedRow]:
    from raingan.pipeline.outputs.rejected_table import read_rejected

    try:
        return read_rejected(sessions, selection)
    except Exception as error:
        raise fail_with("cannot read the rejected files", error) from None


def show_table(rows: list[RejectedRow], output: Path | None) -> None:
    from rich.console import Console

    table = rejected_table(rows)
    if output is None:
        console.print(table)
        console.print(plain(f"{len(rows)} files rejected or failed"))
        return
    with output.open("w", encoding="utf-8") as file:
        Console(file=file, width=console.width, emoji=False, color_system=None).print(table)


def rejected_table(rows: list[RejectedRow]) -> Table:
    """The file and where it was, what became of it and why. Names are stored readable
    (`models.names`); a reason's line breaks and control characters are shown escaped."""
    from raingan.pipeline.outputs.findings_table import shown

    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False)
    table.add_column("last seen (UTC)", no_wrap=True)
    table.add_column("file", overflow="fold")
    table.add_column("status / code", no_wrap=True)
    table.add_column("reason", overflow="fold")
    for row in rows:
        table.add_row(
            plain(shown(row["last_seen"])),
            plain(f"{as_one_line(row['file'])}\n{as_one_line(row['origin'])}"),
            plain(f"{row['status']}\n{row['code'] or ''}"),
            plain(as_one_line(row["reason"] or "")),
        )
    return table
