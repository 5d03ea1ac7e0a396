"""`raingan findings` and `raingan review`: the auditor's list of findings, its exports, and
the verdict recorded on each.

The database layer and pandas load when a command runs, not when the CLI starts.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from checks.identity import NOT_REVIEWED
from raingan.cli import finding_filters as filters
from raingan.cli.console import ExitCode, console, fail, fail_with
from raingan.cli.database import Stored, open_for_reading
from raingan.cli.output import format_of, write_out
from raingan.cli.report_view import plain
from raingan.cli.stored_findings import check_one_report, read_rows, resolve_finding_id
from raingan.pipeline.outputs.choices import EXPORT_FORMATS, REPORT_RESOLUTION
from raingan.pipeline.outputs.finding_words import finding_place, report_identity

if TYPE_CHECKING:
    from models.engine import SessionFactory
    from models.read import FindingRow, FindingSelection

FORMATS = ("table", *EXPORT_FORMATS, "html")


def findings(
    organisation: filters.Organisation = None,
    org_type: filters.OrgType = None,
    province: filters.Province = None,
    year: filters.Year = None,
    round_months: filters.Round = None,
    rule: filters.RuleName = None,
    severity: filters.Severity = None,
    review: filters.Review = None,
    rules_version: filters.RulesVersion = None,
    include_superseded: filters.IncludeSuperseded = False,
    report: filters.OneReport = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format", help=f"{filters.listed(FORMATS)} [the extension of -o, else table]."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (.csv .xlsx .parquet .json .html .txt)."
        ),
    ] = None,
) -> None:
    """List the findings of current reports, newest first, or export them.

    csv is UTF-8 with a byte order mark (Excel reads the Thai); xlsx has sheets of findings,
    reports per organisation and counts per rule; parquet splits `reported` and `expected`
    into a number and a text column; json is a list of objects; html is `raingan report`'s
    page. A year or rules version that no stored report has is an error (exit 2), not an
    empty list.
    """
    selection = filters.finding_selection(
        organisation,
        org_type,
        province,
        year,
        round_months,
        rule,
        severity,
        review,
        rules_version,
        include_superseded,
        report,
    )
    chosen = format_of(output_format, output, FORMATS)
    stored = open_for_reading()
    sessions = stored.sessions
    filters.check_against_data(sessions, year, rules_version)
    if report is not None:
        selection = check_one_report(sessions, selection, report)
    rows = read_rows(sessions, selection)
    if chosen == "table":
        show_table(rows, output, one_report=report is not None)
    elif chosen == "html" and output is not None:
        write_html(stored, rows, output, selection)
    else:
        write_export(rows, chosen, output)


def open_sessions_or_exit() -> SessionFactory:
    """The existing database, read (and reviewed) but never created."""
    return open_for_reading().sessions


def write_html(
    stored: Stored, rows: list[FindingRow], output: Path, selection: FindingSelection
) -> None:
    """The findings as `raingan report`'s page (its default resolution)."""
    from raingan.pipeline.outputs.html_report import counted_what, write_html_report

    try:
        written = write_html_report(
            stored.sessions,
            stored.store,
            rows,
            output,
            resolution=REPORT_RESOLUTION,
            counted_what=counted_what(selection),
        )
    except OSError as error:
        raise fail(f"error: cannot write {output}: {error.strerror}") from None
    except Exception as error:
        raise fail_with("cannot write the report", error) from None
    said = f"{written.path}: {written.findings} findings in {written.reports} reports"
    console.print(plain(said), soft_wrap=True)


# The table -----------------------------------------------------------------------------------


def show_table(rows: list[FindingRow], output: Path | None, *, one_report: bool) -> None:
    table = report_table(rows) if one_report else findings_table(rows)
    if output is None:
        console.print(table)
        console.print(plain(f"{len(rows)} findings"))
        return
    with output.open("w", encoding="utf-8") as file:
        Console(file=file, width=console.width, emoji=False, color_system=None).print(table)


def findings_table(rows: list[FindingRow]) -> Table:
    """Readable at 80 columns: long Thai names fold in their cell, never cut; an id whole."""
    from raingan.pipeline.outputs.findings_table import shown

    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False)
    table.add_column("report", overflow="fold")
    table.add_column("finding", overflow="fold")
    table.add_column("reported", overflow="fold")
    table.add_column("expected", overflow="fold")
    table.add_column("review / id", no_wrap=True, min_width=ID_WIDTH)
    for row in rows:
        table.add_row(
            plain(f"{report_identity(row)}\n{row['sha256'][:12]}"),
            plain(f"{row['rule']}\n{finding_place(row)}", severity_style(row)),
            plain(shown(row["reported"])),
            plain(shown(row["expected"])),
            plain(f"{row['review_status']}\n{row['id']}"),
        )
    return table


ID_WIDTH = 16


def report_table(rows: list[FindingRow]) -> Table:
    """One report's findings, reported beside expected."""
    from raingan.pipeline.outputs.findings_table import shown

    title = f"{report_identity(rows[0])} — {rows[0]['source_file']}" if rows else None
    table = Table(
        title=plain(title) if title else None, box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False
    )
    table.add_column("field", overflow="fold")
    table.add_column("reported", overflow="fold")
    table.add_column("expected", overflow="fold")
    table.add_column("rule", overflow="fold")
    table.add_column("review / id", no_wrap=True, min_width=ID_WIDTH)
    for row in rows:
        table.add_row(
            plain(f"{finding_place(row)}\npages {shown(row['pages'])}"),
            plain(shown(row["reported"])),
            plain(shown(row["expected"])),
            plain(row["rule"], severity_style(row)),
            plain(f"{row['review_status']}\n{row['id']}"),
        )
    return table


def severity_style(row: FindingRow) -> str:
    return "red" if row["severity"] == "error" else "yellow"


# The exports -----------------------------------------------------------------------------------


def write_export(rows: list[FindingRow], output_format: str, output: Path | None) -> None:
    from raingan.pipeline.outputs.findings_table import EXPORTS

    write_out(EXPORTS[output_format](rows), output)


# The review ------------------------------------------------------------------------------------


def review(
    finding_id: Annotated[
        str, typer.Argument(help="The finding's id (`raingan findings`), or its first 6+ digits.")
    ],
    status: Annotated[
        str | None,
        typer.Option(
            help=f"{filters.listed(filters.VERDICT_NAMES)}, or {NOT_REVIEWED} to reopen a"
            " reviewed finding; none shows the history."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why: what was checked, and where.")] = None,
    by: Annotated[str | None, typer.Option(help="Who reviewed (default: the OS user).")] = None,
) -> None:
    """Record a verdict on a finding: who and when are kept, with every earlier verdict.

    The latest verdict is the finding's review status in every output (`open` until then, or
    once reopened); it stays with the finding through `raingan reparse`, `raingan audit` and
    supersession, and a re-sent report's same finding takes it over.
    """
    from models.load import utc_now
    from models.reviews import NothingToReopen, UnknownFinding, record_review, review_history

    filters.check_choice("--status", status, filters.REVIEW_NAMES)
    sessions = open_sessions_or_exit()
    finding_id = resolve_finding_id(sessions, finding_id)
    try:
        with sessions() as session:
            if status is not None:
                record_review(
                    session,
                    finding_id,
                    status,
                    note=note,
                    reviewed_by=by or os_user(),
                    now=utc_now(),
                )
                session.commit()
            history = review_history(session, finding_id)
            if status is None and not history:
                from models.reviews import finding_exists

                if not finding_exists(session, finding_id):
                    raise UnknownFinding(finding_id)
    except UnknownFinding:
        raise fail(f"error: no finding {finding_id!r}", ExitCode.USAGE) from None
    except NothingToReopen:
        message = f"error: finding {finding_id} is {NOT_REVIEWED} already: nothing to reopen"
        raise fail(message, ExitCode.USAGE) from None
    except Exception as error:
        raise fail_with("cannot record the review", error) from None
    show_history(finding_id, history)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor in passwd
        return "unknown"


def show_history(finding_id: str, history: list[Any]) -> None:
    if not history:
        console.print(plain(f"finding {finding_id}: {NOT_REVIEWED}, never reviewed"))
        return
    from raingan.thai_display import thai_date_time

    console.print(plain(f"finding {finding_id}: {history[-1].status}"))
    for event in history:
        line = f"  {thai_date_time(event.reviewed_at)}  {event.status:<9}  {event.reviewed_by}"
        console.print(plain(line + (f": {event.note}" if event.note else "")))
        if event.carried_from:  # the same finding of the report a re-sent one replaced
            console.print(
                plain(f"    carried over from {event.carried_from}, of the replaced report")
            )
