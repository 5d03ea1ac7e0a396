"""The database: SQLModel tables, Alembic migrations, loading and reading reports.

SQLite by default, PostgreSQL in production; the same code path for both. Members load when
first asked for (module `__getattr__`), so that importing `models.tables` or `models.engine`
does not pull in the migrations, the loader and the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.lazy_members import lazy_members

if TYPE_CHECKING:
    from models.engine import SessionFactory, make_engine, session_factory
    from models.load import LoadResult, SourceInfo, load_report, store_findings
    from models.migrate import SchemaOutOfDate, ensure_schema, upgrade
    from models.originals import OriginalsStore
    from models.read import read_document, read_for_checks, read_stored_json
    from models.rows import DocumentError

# Public name -> the module that defines it.
_PUBLIC_API: dict[str, str] = {
    "DocumentError": "rows",
    "LoadResult": "load",
    "OriginalsStore": "originals",
    "SchemaOutOfDate": "migrate",
    "SessionFactory": "engine",
    "SourceInfo": "load",
    "ensure_schema": "migrate",
    "load_report": "load",
    "make_engine": "engine",
    "read_document": "read",
    "read_for_checks": "read",
    "read_stored_json": "read",
    "session_factory": "engine",
    "store_findings": "load",
    "upgrade": "migrate",
}

__all__ = [
    "DocumentError",
    "LoadResult",
    "OriginalsStore",
    "SchemaOutOfDate",
    "SessionFactory",
    "SourceInfo",
    "ensure_schema",
    "load_report",
    "make_engine",
    "read_document",
    "read_for_checks",
    "read_stored_json",
    "session_factory",
    "store_findings",
    "upgrade",
]


__getattr__, __dir__ = lazy_members(__name__, _PUBLIC_API)
