"""Many files: `ingest_paths` for the files a command names, `reparse` for stored originals
after a parser upgrade; each sums up what its files gave. Files are parsed in a child process
under the parser's time and memory limits (`isolated_parse.isolated`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from models.engine import SessionFactory
from models.names import readable_name
from models.originals import OriginalsStore
from models.read import StoredFile, stored_files
from raingan.pipeline.discovery import Discovery, Skipped, discover
from raingan.pipeline.heap import freeze_startup_heap
from raingan.pipeline.isolated_parse import isolated
from raingan.pipeline.outcomes import IngestOutcome, IngestSummary, Status
from raingan.pipeline.parser import Parser
from raingan.pipeline.single_file import ingest_file, reparse_one


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    discovery: Discovery | None = None,
) -> IngestSummary:
    """Ingest every file `paths` name; a path that names nothing is a failure; links and
    special files found in folders are skipped, each with its reason."""
    freeze_startup_heap()
    discovery = discovery or discover(paths)
    summary = IngestSummary(hidden_skipped=discovery.hidden_skipped)

    def report(outcome: IngestOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for missing in discovery.missing:
        shown = readable_name(missing)
        report(IngestOutcome(shown, shown, Status.FAILED, message="no such file or folder"))
    for skipped in discovery.skipped:
        report(skipped_outcome(skipped))
    with isolated(parser) as bounded:
        for path in discovery.files:
            report(ingest_file(path, session_factory=session_factory, store=store, parser=bounded))
    return summary


def skipped_outcome(skipped: Skipped) -> IngestOutcome:
    path = skipped.path
    name, origin = readable_name(path.name), readable_name(str(path.absolute()))
    return IngestOutcome(name, origin, Status.SKIPPED, message=readable_name(skipped.reason))


def files_to_reparse(
    session_factory: SessionFactory,
    *,
    parser_version: str | None = None,
    organisation: str | None = None,
    fiscal_year: int | None = None,
) -> list[StoredFile]:
    with session_factory() as session:
        return stored_files(
            session,
            parser_version=parser_version,
            organisation=organisation,
            fiscal_year=fiscal_year,
        )


def reparse(
    *,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    parser_version: str | None = None,
    organisation: str | None = None,
    fiscal_year: int | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    files: list[StoredFile] | None = None,
) -> IngestSummary:
    """Parse stored originals again (after a parser upgrade) and replace what they gave: all of
    them, or those parsed by `parser_version`, or of an organisation or fiscal year."""
    freeze_startup_heap()
    if files is None:
        files = files_to_reparse(
            session_factory,
            parser_version=parser_version,
            organisation=organisation,
            fiscal_year=fiscal_year,
        )
    summary = IngestSummary()
    with isolated(parser) as bounded:
        for stored in files:
            outcome = reparse_one(
                stored, session_factory=session_factory, store=store, parser=bounded
            )
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return summary
