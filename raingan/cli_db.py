"""`raingan db`: the database schema, changed only by Alembic migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

db_app = typer.Typer(
    name="db",
    help="Create or upgrade the database schema (RAINGAN_DATABASE_URL).",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)


@contextmanager
def database_or_exit(doing: str) -> Iterator:
    """The engine for RAINGAN_DATABASE_URL; any error is one line on stderr and status 1."""
    from sqlalchemy.engine import make_url

    from models.engine import make_engine
    from raingan.settings import load_settings

    url = load_settings().database_url
    engine = None
    try:
        engine = make_engine(url)
        yield engine
    except Exception as error:
        where = make_url(url).render_as_string(hide_password=True)
        errors.print(
            f"error: {doing} {where}: {type(error).__name__}: {error}",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(1) from None
    finally:
        if engine is not None:
            engine.dispose()


def where(engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@db_app.command()
def upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Create the schema, or bring it up to `revision` (default: the latest)."""
    from models import migrate

    with database_or_exit("upgrading") as engine:
        before = migrate.current_revision(engine)
        migrate.upgrade(engine, revision)
        after = migrate.current_revision(engine)
    console.print(f"{where(engine)}: revision {before or 'none'} → {after}", highlight=False)


@db_app.command()
def downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision (`base`: drop everything).")],
) -> None:
    """Undo migrations down to `revision`."""
    from models import migrate

    with database_or_exit("downgrading") as engine:
        before = migrate.current_revision(engine)
        migrate.downgrade(engine, revision)
        after = migrate.current_revision(engine)
    console.print(f"{where(engine)}: revision {before} → {after or 'none'}", highlight=False)


@db_app.command()
def current() -> None:
    """Show the database's revision and the latest one."""
    from models import migrate

    with database_or_exit("reading") as engine:
        revision, head = migrate.current_revision(engine), migrate.head_revision()
    state = "up to date" if revision == head else "run `raingan db upgrade`"
    console.print(
        f"{where(engine)}: revision {revision or 'none'}, latest {head} ({state})",
        highlight=False,
    )
