"""The database: SQLModel tables, Alembic migrations, loading and reading reports.

SQLite by default, PostgreSQL in production; the same code path for both.
"""

from models.engine import SessionFactory, make_engine, session_factory
from models.load import LoadResult, SourceInfo, load_report, store_findings
from models.migrate import SchemaOutOfDate, ensure_schema, upgrade
from models.originals import OriginalsStore
from models.read import read_document, read_for_checks, read_stored_json
from models.rows import DocumentError

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
