"""`raingan serve` (server, deployments and worker as one) and `raingan status` (the last runs,
the next nightly run, and an alert when a nightly run did not start by its due time). Prefect is
imported inside the commands only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from raingan.cli.console import ExitCode, console, fail, fail_with, say_error

GRACE_MINUTES = 60  # a nightly run not started this long after its due time is missed


def serve(
    port: Annotated[int, typer.Option(help="Port of the Prefect server started here.")] = 4200,
    web_port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port of `raingan web` (0: not started).")
    ] = 8000,
) -> None:
    """Run raingan on this machine until Ctrl-C: server, deployments and worker.

    A Prefect server on 127.0.0.1 (unless PREFECT_API_URL names one), the deployments
    installed with raingan (deployments/prefect.yaml: no checkout needed), reading the folders
    RAINGAN_INBOX, RAINGAN_QUARANTINE and RAINGAN_ARCHIVE (by default in RAINGAN_HOME), and a
    process worker; and the workbench, `raingan web`, on 127.0.0.1:--web-port.
    """
    from raingan.pipeline import ServeError, ServeOptions
    from raingan.pipeline import serve as run_serve

    def ready(api_url: str, due: datetime | None) -> None:
        console.print(f"raingan is served: Prefect API {escape(api_url)}, work pool raingan")
        show_due(due)
        console.print("Ctrl-C stops the worker and everything started here.")

    try:
        options = ServeOptions(port=port, web_port=web_port or None)
        run_serve(options, say=lambda line: console.print(escape(line)), ready=ready)
    except ServeError as error:
        raise fail(f"error: {error}") from None


def status(
    runs: Annotated[int, typer.Option(min=1, help="Runs shown per flow.")] = 5,
    grace: Annotated[
        int, typer.Option(min=0, help="Minutes after its due time a nightly run must start by.")
    ] = GRACE_MINUTES,
) -> None:
    """The last runs of each raingan flow and when the next nightly run is due.

    What each run loaded, rejected and failed, from the Prefect API (PREFECT_API_URL, else the
    local one). A nightly run that was due more than --grace minutes ago and has not started
    (serve or its worker stopped) is told to RAINGAN_NOTIFY and ends in exit 1: run it from
    cron to be told.
    """
    from prefect.client.orchestration import get_client

    from raingan.pipeline import FLOWS, last_runs, next_nightly
    from raingan.pipeline.operations.prefect_status import overdue_nightly

    try:
        with get_client(sync_client=True) as client:
            lines = [line for flow in FLOWS for line in last_runs(client, flow, runs)]
            due = next_nightly(client)
            missed = overdue_nightly(client, timedelta(minutes=grace))
        table = Table(title="last runs")
        for column in ("flow", "run", "state", "started", "took", "what it did"):
            table.add_column(column)
        for line in lines:
            started = f"{line.started.astimezone():%Y-%m-%d %H:%M}" if line.started else ""
            took = f"{line.seconds:.0f} s" if line.seconds is not None else ""
            table.add_row(line.flow, line.name, line.state, started, took, escape(line.counts))
        console.print(table if lines else "no raingan flow has run yet")
        show_due(due)
    except Exception as error:
        raise fail_with("cannot read the Prefect API", error) from None
    if missed is not None:
        raise missed_nightly(missed)


def missed_nightly(due: datetime) -> typer.Exit:
    """Tell `RAINGAN_NOTIFY` that the nightly run due at `due` has not started; exit 1."""
    from raingan.pipeline import in_schedule_zone
    from raingan.pipeline.operations.notify import NOTIFY_VARIABLE, NotifyError, notify_urls, send

    line = (
        f"the nightly run due {in_schedule_zone(due):%Y-%m-%d %H:%M %Z} ({when(due)}) "
        "has not started: is `raingan serve` running?"
    )
    try:
        sent = send("raingan: the nightly run did not start", line)
    except NotifyError as error:
        say_error(f"error: {error}")
        sent = False
    if not sent and notify_urls():
        say_error(f"error: could not notify {NOTIFY_VARIABLE}")
    return fail(f"error: {line}", ExitCode.FAILED)


def show_due(due: datetime | None) -> None:
    from raingan.pipeline import in_schedule_zone

    if due is None:
        console.print("next nightly run: none scheduled (is `raingan serve` running?)")
    else:
        local = in_schedule_zone(due)
        console.print(f"next nightly run: {local:%Y-%m-%d %H:%M %Z} ({when(due)})")


def when(moment: datetime) -> str:
    from raingan.pipeline import duration

    seconds = (moment - datetime.now(moment.tzinfo)).total_seconds()
    return f"in {duration(seconds)}" if seconds >= 0 else f"{duration(-seconds)} ago"
