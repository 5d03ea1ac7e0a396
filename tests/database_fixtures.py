"""The database fixtures (`pytest_plugins = ("tests.database_fixtures",)` in a test module).

`empty_database_url` is parametrized indirectly with "sqlite" or "postgresql" (see
`tests.databases.on_both`); `database` is that database at the latest revision.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models.engine import make_engine, session_factory
from models.migrate import upgrade
from tests.databases import Database


@pytest.fixture
def empty_database_url(request, tmp_path) -> str:
    """The URL of a new, empty database of the kind the test is parametrized with."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'raingan.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def database(empty_database_url) -> Iterator[Database]:
    """A new database at the latest revision."""
    engine = make_engine(empty_database_url)
    upgrade(engine)
    yield Database(engine.dialect.name, empty_database_url, engine, session_factory(engine))
    engine.dispose()
