"""`raingan db`: the database schema, changed only by Alembic migrations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from raingan.cli.console import ExitCode, console, fail, fail_with
from raingan.cli.help import MARKUP, Command, Group, examples

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

db_app = typer.Typer(
    name="db",
    help="Create or upgrade the database schema (RAINGAN_DATABASE_URL).",
    no_args_is_help=True,
    cls=Group,
    rich_markup_mode=MARKUP,
)


@contextmanager
def database_or_exit(doing: str, *, create: bool = True) -> Iterator[Engine]:
    """The engine for RAINGAN_DATABASE_URL; any error is one line on stderr and status 1.
    Without `create`, a missing SQLite file is a usage error (2), and none is created."""
    from models.engine import NoDatabase, make_engine
    from raingan.cli.database import SETTING, url_for_people
    from raingan.settings import load_settings

    url = load_settings().database_url
    engine = None
    try:
        engine = make_engine(url, create=create)
        yield engine
    except NoDatabase as missing:
        raise fail(f"error: no database at {missing.path} ({SETTING})", ExitCode.USAGE) from None
    except Exception as error:
        raise fail_with(f"{doing} {url_for_people(url)}", error) from None
    finally:
        if engine is not None:
            engine.dispose()


def where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@db_app.command(cls=Command, epilog=examples("raingan db upgrade"))
def upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Create the schema, or bring it up to `revision` (default: the latest)."""
    from models import migrate

    move_schema("upgrading", migrate.upgrade, revision)


@db_app.command(cls=Command, epilog=examples("raingan db downgrade base"))
def downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision (`base`: drop everything).")],
) -> None:
    """Undo migrations down to `revision`."""
    from models import migrate

    move_schema("downgrading", migrate.downgrade, revision)


def move_schema(doing: str, step: Callable[[Engine, str], None], revision: str) -> None:
    """Migrate up or down to `revision` (`step`) and say from which revision to which."""
    from models import migrate

    with database_or_exit(doing) as engine:
        before = migrate.current_revision(engine)
        step(engine, revision)
        after = migrate.current_revision(engine)
    console.print(
        f"{where(engine)}: revision {before or 'none'} → {after or 'none'}", highlight=False
    )


@db_app.command(cls=Command, epilog=examples("raingan db current"))
def current() -> None:
    """Show the database's revision and the latest one."""
    from models import migrate

    with database_or_exit("reading", create=False) as engine:
        revision, head = migrate.current_revision(engine), migrate.head_revision()
    state = "up to date" if revision == head else "run `raingan db upgrade`"
    console.print(
        f"{where(engine)}: revision {revision or 'none'}, latest {head} ({state})",
        highlight=False,
    )
