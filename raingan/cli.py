"""The `raingan` command. Parsing commands import neither Prefect nor the database layer."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from raingan.cli_db import db_app
from raingan.cli_flows import audit, backfill, nightly
from raingan.cli_ingest import ingest, reparse
from raingan.cli_serve import serve, status

app = typer.Typer(
    name="raingan",
    help="Parse, check and load e-PlanNACC anti-corruption progress reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

EXIT_INTERNAL, EXIT_REJECTED = 1, 3

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report PDF.")]
MaxPages = Annotated[int | None, typer.Option(help="Refuse files with more pages [500].")]
MaxMegabytes = Annotated[float | None, typer.Option(help="Refuse larger files, in MB [100].")]
MaxSeconds = Annotated[float | None, typer.Option(help="Give up parsing after this [120 s].")]


def limits_from(max_pages: int | None, max_mb: float | None, max_seconds: float | None):
    from parsers.limits import limits_from_env

    limits = limits_from_env()
    overrides = {
        "max_pages": max_pages,
        "max_bytes": int(max_mb * 1_048_576) if max_mb else None,
        "max_seconds": max_seconds,
    }
    return limits.replace(**{k: v for k, v in overrides.items() if v is not None})


def fail_internal(what: str, error: BaseException) -> typer.Exit:
    errors.print(f"error: {what}: {type(error).__name__}: {error}", markup=False, highlight=False)
    return typer.Exit(EXIT_INTERNAL)


@app.command()
def parse(
    file: FileArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract document.")] = False,
    max_pages: MaxPages = None,
    max_mb: MaxMegabytes = None,
    max_seconds: MaxSeconds = None,
) -> None:
    """Parse one report: a readable summary, or the contract document with --json."""
    from parsers import Rejected, parse_report

    limits = limits_from(max_pages, max_mb, max_seconds)
    try:
        parsed = parse_report(file.read_bytes(), filename=file.name, limits=limits)
    except Rejected as rejection:
        print(f"rejected: {rejection.code.value}: {rejection.reason}", file=sys.stderr)
        raise typer.Exit(EXIT_REJECTED) from None
    except Exception as error:  # a bug: say so in one line, never a traceback
        raise fail_internal(f"could not parse {file.name}", error) from None
    if as_json:
        print(json.dumps(parsed.document, ensure_ascii=False, indent=2))
        return
    from raingan.summary_view import show_report

    show_report(console, parsed.document)


@app.command()
def text(file: FileArg) -> None:
    """Print the repaired text layer of any PDF, page by page: what raingan reads."""
    from parsers import Rejected
    from parsers.text_layer import text_layer

    try:
        for number, lines in text_layer(file.read_bytes()):
            console.rule(f"page {number}")
            for line in lines or ["(no text layer: an image)"]:
                console.print(line, markup=False, highlight=False)
    except Rejected as rejection:
        print(f"rejected: {rejection.code.value}: {rejection.reason}", file=sys.stderr)
        raise typer.Exit(EXIT_REJECTED) from None
    except Exception as error:
        raise fail_internal(f"could not read {file.name}", error) from None


app.command()(ingest)
app.command()(reparse)
app.command()(nightly)
app.command()(backfill)
app.command()(audit)
app.command()(serve)
app.command()(status)
app.add_typer(db_app, name="db")


def exit_on_sigterm(signum: int, _frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so that exit handlers run: Prefect's temporary server, a
    child process of its own, is stopped by one and would otherwise outlive the command."""
    raise SystemExit(128 + signum)


# Prefect waits 20 s for its temporary server; its first start on a new install compiles the
# server's modules and creates its database, which took longer than that on a busy 2-core
# machine. Set the variable to choose otherwise.
EPHEMERAL_STARTUP_SECONDS = "120"


def main() -> None:
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    os.environ.setdefault(
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", EPHEMERAL_STARTUP_SECONDS
    )
    app()
