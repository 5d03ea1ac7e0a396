"""Many files: `ingest_paths` for the files a command names, `reparse` for stored originals
after a parser upgrade; each sums up what its files gave. Files are parsed in a child process
under the parser's time and memory limits (`isolated_parse.isolated`). An ingest first removes
the `.part` files older than itself that writes killed half-way left in the store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from models.engine import SessionFactory
from models.names import readable_name
from models.read import StoredFile, stored_files
from raingan.pipeline.ingestion.discovery import (
    Discovery,
    FollowLinks,
    Skipped,
    discover,
    follow_links_setting,
)
from raingan.pipeline.ingestion.heap import freeze_startup_heap
from raingan.pipeline.ingestion.isolated_parse import isolated
from raingan.pipeline.ingestion.outcomes import IngestOutcome, IngestSummary, Status
from raingan.pipeline.ingestion.single_file import Reading, ingest_file, reparse_one
from raingan.pipeline.workspace import Workspace
from raingan.settings import load_settings


def ingest_paths(
    paths: Iterable[str | Path],
    workspace: Workspace,
    *,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    discovery: Discovery | None = None,
    read_hard_links: bool | None = None,
) -> IngestSummary:
    """Ingest every file `paths` name; a path that names nothing is a failure; links and
    special files found in folders are skipped, each with its reason. A file found in a folder
    is opened without following a link put in its place since (unless links inside may be
    followed), and skipped if it has other hard links (unless `read_hard_links`, by default
    the setting `RAINGAN_HARD_LINKS`); a file named is the user's choice, read as it is."""
    freeze_startup_heap()
    started = time.time()
    paths = [str(path) for path in paths]
    discovery = discovery or discover(paths)
    if read_hard_links is None:
        read_hard_links = load_settings().read_hard_links
    named = {Path(path) for path in paths}
    in_folder = Reading(
        follow=follow_links_setting() == FollowLinks.INSIDE, hard_links=read_hard_links
    )
    summary = IngestSummary(hidden_skipped=discovery.hidden_skipped)
    with suppress(Exception):  # a store that cannot be listed fails each file, and says why
        workspace.store.remove_stale_parts(started)

    def report(outcome: IngestOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for missing in discovery.missing:
        shown = readable_name(missing)
        report(IngestOutcome(shown, shown, Status.FAILED, message="no such file or folder"))
    for skipped in discovery.skipped:
        report(skipped_outcome(skipped))
    with isolated(workspace.parser) as bounded:
        for path in discovery.files:
            reading = Reading() if path in named else in_folder
            report(ingest_file(path, workspace.parsing_with(bounded), reading=reading))
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
    workspace: Workspace,
    *,
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
            workspace.sessions,
            parser_version=parser_version,
            organisation=organisation,
            fiscal_year=fiscal_year,
        )
    summary = IngestSummary()
    with isolated(workspace.parser) as bounded:
        for stored in files:
            outcome = reparse_one(stored, workspace.parsing_with(bounded))
            summary.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return summary
