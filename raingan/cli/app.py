"""The `raingan` command: its commands, each with an example, `--version` and `main`.

Only the commands that need them import Prefect or the database layer, and only when they
run: `raingan parse`, `text`, `schema` and `--version` load neither.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from types import FrameType
from typing import Annotated, Any

import typer

from raingan.cli import evidence, findings, flows, ingest, reading, rejected, report, serve
from raingan.cli.console import ExitCode, console, fail, keep_logs_in
from raingan.cli.db import db_app
from raingan.cli.help import MARKUP, Command, Group, examples
from raingan.cli.organisations import organisations_app

app = typer.Typer(
    name="raingan",
    help="Parse, check and load e-PlanNACC anti-corruption progress reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=Group,
    rich_markup_mode=MARKUP,
)

# Each command and what a user would type first.
COMMANDS: list[tuple[Callable[..., Any], tuple[str, ...]]] = [
    (reading.parse, ("raingan parse REPORT.pdf", "raingan parse REPORT.pdf --json > REPORT.json")),
    (reading.text, ("raingan text REPORT.pdf | less", "raingan text REPORT.pdf --quality")),
    (reading.schema, ("raingan schema > report.schema.json",)),
    (ingest.ingest, ("raingan ingest inbox/ 'archive/2566/*.pdf' --verbose",)),
    (ingest.reparse, ("raingan reparse --parser-version 1.0.0",)),
    (flows.nightly, ("raingan nightly --inbox /srv/inbox --quarantine /srv/quarantine",)),
    (flows.backfill, ("raingan backfill archive/ --dry-run", "raingan backfill archive/")),
    (flows.audit, ("raingan audit --year 2566",)),
    (
        findings.findings,
        (
            "raingan findings --type เทศบาล --year 2566 --review open",
            "raingan findings --format xlsx -o findings.xlsx",
            "raingan findings --report 5d457749",
        ),
    ),
    (
        findings.review,
        ("raingan review 3f9a0c41d2e87b65 --status confirmed --note 'checked on page 2'",),
    ),
    (evidence.evidence, ("raingan evidence 3f9a0c -o evidence/",)),
    (
        rejected.rejected,
        (
            "raingan rejected --since 2026-12-01 --code not_pdf",
            "raingan rejected --inbox /srv/inbox -o rejected.xlsx",
        ),
    ),
    (
        report.report,
        ("raingan report -o audit.html --year 2566", "raingan report -o open.html --review open"),
    ),
    (serve.serve, ("raingan serve --port 4200",)),
    (serve.status, ("raingan status --runs 10",)),
]
for command, typed in COMMANDS:
    app.command(cls=Command, epilog=examples(*typed))(command)
app.add_typer(db_app, name="db")
app.add_typer(organisations_app, name="organisations")


def show_versions(asked: bool) -> None:
    """The version of raingan, and those of what it writes: what an operator compares with the
    CHANGELOG to know when to run `raingan reparse` or `raingan audit`."""
    if not asked:
        return
    from checks import RULES_VERSION
    from parsers import PARSER_VERSION, SCHEMA_VERSION
    from raingan import __version__

    console.print(
        f"raingan {__version__} (parser {PARSER_VERSION}, rules {RULES_VERSION}, "
        f"schema {SCHEMA_VERSION})",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=show_versions,
            is_eager=True,
            help="Show the versions of raingan, its parser, its rules and its schema.",
        ),
    ] = False,
) -> None:
    """Before every command: the settings are checked, a bad one said in one line (exit 2)."""
    from raingan.settings import SettingsError, load_settings

    try:
        load_settings()
    except SettingsError as error:
        raise fail(f"error: {error}", ExitCode.USAGE) from None


def exit_on_sigterm(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM unwinds like Ctrl-C, so that exit handlers run: Prefect's temporary server, a
    child process of its own, is stopped by one and would otherwise outlive the command."""
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    flows.prefect_defaults()
    settle_in_home()
    app()


def settle_in_home() -> None:
    """Before Prefect or pythainlp is imported: their data goes in raingan's home unless their
    own variables say where, and the libraries' log records go to a file there, never to the
    terminal (stderr carries raingan's one-line messages only). Bad settings are left for
    `root` to report."""
    from raingan.settings import SettingsError, library_homes, load_settings

    try:
        home = load_settings().home
    except SettingsError:
        return
    os.environ.update(library_homes(home, os.environ))
    keep_logs_in(home)
