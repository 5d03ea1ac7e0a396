"""What loading files works with, opened once and passed down: sessions on the database, the
originals store and the parser. The CLI opens it for `ingest`, `reparse` and the commands that
write; a flow task opens it for its batch; ingestion passes it from file to file.

The settings are not in it: they name what is opened here, and the few choices a service takes
from them besides (reading hard links) are its own arguments, so that a test builds a
workspace from a database and a store without any settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from models.engine import SessionFactory
from models.originals import OriginalsStore
from raingan.pipeline.database import open_database
from raingan.pipeline.ingestion.parsing import Parser, default_parser
from raingan.settings import Settings


@dataclass(frozen=True)
class Workspace:
    """The database, the store of originals and the parser that files are loaded with."""

    sessions: SessionFactory
    store: OriginalsStore
    parser: Parser

    def parsing_with(self, parser: Parser) -> Workspace:
        """The same database and store, another parser (the same one run in a child)."""
        return replace(self, parser=parser)


def open_workspace(settings: Settings) -> Workspace:
    """The database (its schema created if empty) and the store the settings name, and
    raingan's parser under their limits; raises `models.SchemaOutOfDate` for an older schema."""
    sessions, store = open_database(settings)
    return Workspace(sessions, store, default_parser(settings.limits))
