"""Opening the database the same way everywhere (the CLI and every flow task): an engine per
database URL and process, its schema created in an empty database or checked once."""

from __future__ import annotations

from functools import cache

from models.engine import SessionFactory, make_engine, session_factory
from models.migrate import ensure_schema
from models.originals import OriginalsStore
from raingan.settings import Settings


@cache
def open_sessions(database_url: str) -> SessionFactory:
    """Sessions on `database_url`; raises `models.SchemaOutOfDate` for an older schema."""
    engine = make_engine(database_url)
    ensure_schema(engine)
    return session_factory(engine)


def open_database(settings: Settings) -> tuple[SessionFactory, OriginalsStore]:
    """The database and the originals store the settings name."""
    return open_sessions(settings.database_url), OriginalsStore(settings.store)
