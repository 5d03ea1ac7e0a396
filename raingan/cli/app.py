"""The `raingan` command: its commands, each with an example, `--version` and `main`.

Commands are registered by name (`COMMANDS`), as Prefect's CLI registers its own: a command's
module is imported only when that command is asked for (run, its help, completion), so that
`raingan parse` imports one command module and `--version` none. Only the commands that need
them import Prefect or the database layer, and only when they run: `raingan parse`, `text`,
`schema` and `--version` load neither.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from difflib import get_close_matches
from importlib import import_module
from types import FrameType
from typing import Annotated, Any

import typer
from typer.main import get_command_from_info, get_group
from typer.models import CommandInfo

from raingan.cli.console import ExitCode, fail
from raingan.cli.environment import prefect_defaults, settle_in_home
from raingan.cli.help import MARKUP, Command, Group, examples


@dataclass(frozen=True)
class Registered:
    """A command (or a group of them) known by its name until it is used: `where` it lives in
    `raingan.cli` (`module:attribute`), and what a user would type first."""

    name: str
    where: str
    typed: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        return f"raingan.cli.{self.where.partition(':')[0]}"


# Every command in the order `raingan --help` lists them; then the groups (typer apps).
COMMANDS: tuple[Registered, ...] = (
    Registered(
        "parse",
        "reading:parse",
        ("raingan parse REPORT.pdf", "raingan parse REPORT.pdf --json > REPORT.json"),
    ),
    Registered(
        "text",
        "reading:text",
        ("raingan text REPORT.pdf | less", "raingan text REPORT.pdf --quality"),
    ),
    Registered("schema", "reading:schema", ("raingan schema > report.schema.json",)),
    Registered(
        "ingest", "ingest:ingest", ("raingan ingest inbox/ 'archive/2566/*.pdf' --verbose",)
    ),
    Registered("reparse", "ingest:reparse", ("raingan reparse --parser-version 1.0.0",)),
    Registered(
        "nightly",
        "runs:nightly",
        ("raingan nightly --inbox /srv/inbox --quarantine /srv/quarantine",),
    ),
    Registered(
        "backfill",
        "runs:backfill",
        ("raingan backfill archive/ --dry-run", "raingan backfill archive/"),
    ),
    Registered("audit", "runs:audit", ("raingan audit --year 2566",)),
    Registered(
        "findings",
        "findings:findings",
        (
            "raingan findings --type เทศบาล --year 2566 --review open",
            "raingan findings --format xlsx -o findings.xlsx",
            "raingan findings --report 5d457749",
        ),
    ),
    Registered(
        "review",
        "findings:review",
        ("raingan review 3f9a0c41d2e87b65 --status confirmed --note 'checked on page 2'",),
    ),
    Registered("evidence", "evidence:evidence", ("raingan evidence 3f9a0c -o evidence/",)),
    Registered(
        "rejected",
        "rejected:rejected",
        (
            "raingan rejected --since 2026-12-01 --code not_pdf",
            "raingan rejected --inbox /srv/inbox -o rejected.xlsx",
        ),
    ),
    Registered(
        "report",
        "report:report",
        ("raingan report -o audit.html --year 2566", "raingan report -o open.html --review open"),
    ),
    Registered("serve", "serve:serve", ("raingan serve --port 4200",)),
    Registered("web", "web:web", ("raingan web --port 8000", "raingan web --host 0.0.0.0")),
    Registered("status", "serve:status", ("raingan status --runs 10",)),
    Registered("db", "db:db_app"),
    Registered("organisations", "organisations:organisations_app"),
    Registered("users", "users:users_app"),
)
BY_NAME = {registered.name: registered for registered in COMMANDS}


def load(registered: Registered) -> Any:
    """The click command (or group) `registered` names, its module imported now."""
    target = getattr(import_module(registered.module), registered.where.partition(":")[2])
    if isinstance(target, typer.Typer):
        group = get_group(target)
        group.name = registered.name
        return group
    info = CommandInfo(
        name=registered.name, cls=Command, callback=target, epilog=examples(*registered.typed)
    )
    return get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=MARKUP)


class LazyGroup(Group):
    """`raingan` itself: it lists every command by name and loads one when it is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(BY_NAME)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in BY_NAME:
            self.commands[cmd_name] = load(BY_NAME[cmd_name])
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A mistyped command is told the names it may have meant, loaded or not (typer
        suggests among the commands already loaded)."""
        given = args[0] if args else ""
        if given and given not in BY_NAME and not given.startswith("-"):
            matches = get_close_matches(given, list(BY_NAME))
            suggested = f" Did you mean {', '.join(map(repr, matches))}?" if matches else ""
            ctx.fail(f"No such command {given!r}.{suggested}")
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="raingan",
    help="Parse, check and load e-PlanNACC anti-corruption progress reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
    rich_markup_mode=MARKUP,
)


def show_versions(asked: bool) -> None:
    """The version of raingan, and those of what it writes: what an operator compares with the
    CHANGELOG to know when to run `raingan reparse` or `raingan audit`."""
    if not asked:
        return
    from checks import RULES_VERSION
    from parsers import PARSER_VERSION, SCHEMA_VERSION
    from raingan import __version__
    from raingan.cli.console import console

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
    prefect_defaults()
    settle_in_home()
    app()
