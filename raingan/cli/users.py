"""`raingan users`: who may use `raingan web`, and as what (viewer, auditor, admin).

A password is read from the terminal (asked twice) or from standard input (its first line),
never from an argument: an argument is seen by every process listing and kept in shell history.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.table import Table

from raingan.cli.console import ExitCode, console, fail, fail_with
from raingan.cli.help import MARKUP, Command, Group, examples
from raingan.cli.report_view import plain

if TYPE_CHECKING:
    from collections.abc import Callable

ROLES = ("viewer", "auditor", "admin")  # models.tables.USER_ROLES, without loading the models

users_app = typer.Typer(name="users", cls=Group, rich_markup_mode=MARKUP, no_args_is_help=True)

Role = Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")]
Name = Annotated[str, typer.Argument(help="The user's name, as they type it to sign in.")]


@users_app.callback(
    epilog=examples(
        "raingan users add somchai --role auditor",
        "printf '%s\\n' \"$PASSWORD\" | raingan users add somchai --role auditor",
        "raingan users set-role somchai viewer",
    )
)
def users() -> None:
    """Manage who may use `raingan web`: a viewer reads, an auditor also reviews findings,
    an admin also manages users."""


def read_password() -> str:
    """The password typed at the terminal (twice, not echoed), or the first line of stdin."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise fail("error: the two passwords differ", ExitCode.USAGE)
    return first


def with_users(change: Callable[[Any], Any]) -> Any:
    """Run `change(session)` on the database and commit; a bad name or role is exit 2."""
    from models.users import UserProblem
    from raingan.cli.database import open_for_loading

    sessions = open_for_loading().sessions  # users may come before any report
    try:
        with sessions() as session:
            done = change(session)
            session.commit()
            return done
    except UserProblem as problem:
        raise fail(f"error: {problem}", ExitCode.USAGE) from None
    except Exception as error:
        raise fail_with("cannot change the users", error) from None


def check_role(role: str) -> None:
    if role not in ROLES:
        raise fail(f"error: --role is one of {', '.join(ROLES)}, not {role!r}", ExitCode.USAGE)


@users_app.command("add", cls=Command, epilog=examples("raingan users add somchai --role auditor"))
def add(
    name: Name,
    role: Role = "viewer",
    no_password: Annotated[
        bool,
        typer.Option(
            "--no-password", help="Signed in by a reverse proxy only (RAINGAN_WEB_AUTH=proxy)."
        ),
    ] = False,
) -> None:
    """Add a user; the password comes from the terminal or standard input."""
    from models.load import utc_now
    from models.users import add_user

    check_role(role)
    password = None if no_password else read_password()
    if password is not None and not password:
        raise fail("error: an empty password", ExitCode.USAGE)
    added = with_users(lambda session: add_user(session, name, role, password, now=utc_now()))
    console.print(plain(f"added {added.name} ({added.role})"))


@users_app.command("list", cls=Command, epilog=examples("raingan users list"))
def list_users() -> None:
    """Every user, their role, and whether they are disabled."""
    from models.users import all_users

    accounts = with_users(all_users)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("name", "role", "state", "sign-in"):
        table.add_column(column)
    for account in accounts:
        state = "disabled" if account.disabled else "active"
        sign_in = "password" if account.has_password else "proxy only"
        table.add_row(plain(account.name), account.role, state, sign_in)
    console.print(table if accounts else "no users yet: `raingan users add NAME --role admin`")


@users_app.command("disable", cls=Command, epilog=examples("raingan users disable somchai"))
def disable(name: Name) -> None:
    """Stop a user from signing in (their reviews stay, under their name)."""
    from models.users import set_disabled

    changed = with_users(lambda session: set_disabled(session, name))
    console.print(plain(f"disabled {changed.name}"))


@users_app.command("enable", cls=Command, epilog=examples("raingan users enable somchai"))
def enable(name: Name) -> None:
    """Let a disabled user sign in again."""
    from models.users import set_disabled

    changed = with_users(lambda session: set_disabled(session, name, disabled=False))
    console.print(plain(f"enabled {changed.name}"))


@users_app.command(
    "set-role", cls=Command, epilog=examples("raingan users set-role somchai viewer")
)
def set_role(
    name: Name,
    role: Annotated[str, typer.Argument(help=f"One of {', '.join(ROLES)}.")],
) -> None:
    """Give a user another role."""
    from models.users import set_role as change_role

    check_role(role)
    changed = with_users(lambda session: change_role(session, name, role))
    console.print(plain(f"{changed.name} is now {changed.role}"))
