"""Opening the database: for a command that only reads (`findings`, `review`'s history,
`evidence`, `report`, `rejected`, `organisations`, `db current`) nothing is ever created; a
command that loads (`ingest`, `reparse`, `organisations import`) gets it with its schema
created if empty, the originals store and the parser: a `Workspace` (`open_for_loading`).

A database that is not there, or holds no raingan schema, is a question that cannot be
answered: one line naming the path and the setting, exit 2, never an empty answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from raingan.cli.console import ExitCode, fail, fail_with

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from models.engine import SessionFactory
    from models.originals import OriginalsStore
    from raingan.pipeline import Workspace

SETTING = "RAINGAN_DATABASE_URL"


@dataclass(frozen=True)
class Stored:
    """What a reading command reads: the database and the originals store."""

    sessions: SessionFactory
    store: OriginalsStore


def open_for_reading() -> Stored:
    """The existing database the settings name, its schema up to date; else exit 2 (missing,
    empty, or older: `raingan db upgrade`) or 1 (it could not be reached)."""
    from models.engine import NoDatabase, make_engine, session_factory
    from models.originals import OriginalsStore
    from raingan.settings import load_settings

    settings = load_settings()
    url = url_for_people(settings.database_url)
    try:
        engine = make_engine(settings.database_url, create=False)
        problem = schema_problem(engine)
    except NoDatabase as missing:
        raise fail(
            f"error: no database at {missing.path} ({SETTING}): nothing was created; "
            "check the setting, or load reports first (`raingan ingest`)",
            ExitCode.USAGE,
        ) from None
    except Exception as error:
        raise fail_with(f"cannot open the database {url} ({SETTING})", error) from None
    if problem is not None:
        engine.dispose()
        raise fail(f"error: the database {url} ({SETTING}) {problem}", ExitCode.USAGE)
    return Stored(session_factory(engine), OriginalsStore(settings.store))


def schema_problem(engine: Engine) -> str | None:
    """Why the database cannot be read as raingan's (no schema, an older one); None if it can."""
    from sqlalchemy import inspect

    from models.migrate import current_revision, head_revision

    revision, head = current_revision(engine), head_revision()
    if revision == head:
        return None
    if revision is None:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
        if not tables - {"alembic_version"}:
            return "holds no raingan data: load reports first (`raingan ingest`)"
    return f"is at revision {revision or 'none'}, raingan needs {head}: run `raingan db upgrade`"


def open_for_loading() -> Workspace:
    """The database (schema created if empty), the originals store and the parser; else
    exit 1 (an older schema, a database that could not be reached)."""
    from models import SchemaOutOfDate
    from raingan.pipeline import open_workspace
    from raingan.settings import load_settings

    settings = load_settings()
    try:
        return open_workspace(settings)
    except SchemaOutOfDate as error:
        raise fail(f"error: {error}") from None
    except Exception as error:
        url = url_for_people(settings.database_url)
        raise fail_with(f"cannot open the database {url}", error) from None


def url_for_people(url: str) -> str:
    """`url` without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
