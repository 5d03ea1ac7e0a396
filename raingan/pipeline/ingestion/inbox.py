"""An inbox and its ledger: list an inbox, find what the ledger has not seen, ingest a batch
of entries, quarantine what was refused, and sum up a run.

An inbox is a local folder or any fsspec URL. An entry is known by its inbox, its path inside
it, its size and its version (the ETag an object store gives, else the mtime): an entry in the
ledger with any outcome but `failed` is not read again, so a second run loads nothing new and
a file changed in place is a new entry. A timestamp watermark would miss files copied in with
old mtimes; the ledger does not.

The inbox is untrusted: a name in any encoding is recorded in a readable form with its raw
bytes (models.names); symbolic links and special files are listed as `skipped` entries with
their reason and never read (`discovery` says which links may be followed). A local file is
read only if it is still what was listed: opened without following a link put in its place,
then compared (device, inode, size) with the listing; a file with other hard links is skipped
unless `RAINGAN_HARD_LINKS=read`; a file removed since is skipped. Quarantine copies
from the descriptor already open, never from the name.

Each entry's outcome is recorded in the ledger as it happens, and what a run reports is what
the ledger holds (`ledger_outcomes`): an error later in a batch never turns a file already
loaded, rejected or skipped into a failure.
"""

from __future__ import annotations

import io
import posixpath
import shutil
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar

import fsspec
from fsspec.implementations.local import LocalFileSystem

from models.engine import SessionFactory
from models.ledger import EntryOutcome, LedgerKey, ledger_rows, record_entry
from models.load import utc_now
from models.names import name_bytes, readable_name
from models.originals import WRITTEN_KEYS, FileInfo
from models.read import findings_by_rule
from models.tables import InboxEntry
from raingan.pipeline.ingestion.discovery import FollowLinks, follow_links_setting, walk_folder
from raingan.pipeline.ingestion.outcomes import IngestOutcome, Status, describe
from raingan.pipeline.ingestion.single_file import (
    Listed,
    NotAFile,
    Reading,
    ingest_file,
    ingest_stream,
    opened_file,
)
from raingan.pipeline.workspace import Workspace

T = TypeVar("T")


class DatabaseFault(RuntimeError):
    """The database could not be reached while ingesting a batch: worth trying again.
    `outcomes` are those of the batch's entries that got one (recorded or not)."""

    def __init__(self, message: str, outcomes: list[IngestOutcome] | None = None) -> None:
        super().__init__(message)
        self.outcomes = outcomes or []

    def __reduce__(self) -> tuple[type[DatabaseFault], tuple[str, list[IngestOutcome]]]:
        return (DatabaseFault, (str(self), self.outcomes))


@dataclass(frozen=True)
class InboxFile:
    """A file as the inbox lists it."""

    inbox: str  # the inbox as given
    path: str  # inside the inbox, with forward slashes, readable (models.names)
    url: str  # what fsspec opens (the name as the file system has it)
    size_bytes: int
    version: str  # ETag, else mtime
    path_bytes: bytes | None = None  # the raw path when the readable one differs
    skipped: str | None = None  # why the entry is not read (a link, a FIFO), if it is not
    listed: Listed | None = None  # a local file as listed: it is read only if still that file
    target: str | None = None  # a link followed (RAINGAN_FOLLOW_LINKS=inside): what it led to

    @property
    def key(self) -> LedgerKey:
        return (self.inbox, self.path, self.size_bytes, self.version)

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    @property
    def origin(self) -> str:
        """The URL as it can be shown and stored."""
        return readable_name(self.url)


# Listing ------------------------------------------------------------------------------------


def list_inbox(
    inbox: str, pattern: str | None = None, follow: FollowLinks | None = None
) -> list[InboxFile]:
    """Every entry in the inbox (recursively), hidden files and folders left out, by path:
    files, and the links and special files to skip. `pattern` (a glob such as `*.pdf`,
    matched against the path inside the inbox, case aside) keeps only the entries it matches."""
    fs, root = fsspec.core.url_to_fs(inbox)
    root = root.rstrip("/") or "/"
    if not fs.isdir(root):  # a mistyped inbox is an error, not an empty night
        raise FileNotFoundError(f"no such inbox: {inbox}")
    if isinstance(fs, LocalFileSystem):
        found = list_folder(inbox, Path(root), follow or follow_links_setting())
    else:
        found = list_store(inbox, fs, root)
    return [entry for entry in found if matches(entry.path, pattern)]


def matches(path: str, pattern: str | None) -> bool:
    """Does the path inside the inbox match the glob? Case aside: `*.pdf` takes `A.PDF` too."""
    return pattern is None or fnmatchcase(path.lower(), pattern.lower())


def list_folder(inbox: str, root: Path, follow: FollowLinks) -> list[InboxFile]:
    """A local inbox, walked without following links out of it (see `walk_folder`)."""
    listing = walk_folder(root, follow)

    def entry(path: Path, skipped: str | None = None) -> InboxFile:
        status = path.lstat() if skipped else path.stat()
        relative = path.relative_to(root).as_posix()
        followed = not skipped and path.is_symlink()
        return InboxFile(
            inbox,
            readable_name(relative),
            str(path),
            status.st_size,
            repr(status.st_mtime),  # as fsspec's mtime: the ledger's keys stay as they were
            name_bytes(relative),
            readable_name(skipped) if skipped else None,
            None if skipped else Listed.of(status),
            str(path.resolve()) if followed else None,
        )

    entries: list[tuple[Path, str | None]] = [(path, None) for path in listing.files]
    entries += [(item.path, item.reason) for item in listing.skipped]
    found = []
    for path, reason in entries:
        with suppress(FileNotFoundError):  # gone since the walk: the next run will tell
            found.append(entry(path, reason))
    return sorted(found, key=lambda item: item.path)


def list_store(inbox: str, fs: Any, root: str) -> list[InboxFile]:
    """An inbox on an object store (or any fsspec file system)."""
    found = []
    for full, info in sorted(fs.find(root, detail=True).items()):
        relative = posixpath.relpath(full, root)
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        kind = info.get("type", "file")
        found.append(
            InboxFile(
                inbox,
                readable_name(relative),
                fs.unstrip_protocol(full),
                int(info.get("size") or 0),
                version_of(info),
                name_bytes(relative),
                None if kind == "file" else f"not a regular file ({kind})",
            )
        )
    return found


# A file's version, by the names object stores give it (an ETag is quoted).
VERSION_KEYS: tuple[Literal["ETag", "etag", "md5Hash", "generation"], ...] = (
    "ETag",
    "etag",
    "md5Hash",
    "generation",
)


def version_of(info: FileInfo) -> str:
    for version in VERSION_KEYS:
        if info.get(version):
            return str(info[version]).strip('"')
    for key in WRITTEN_KEYS:
        value = info.get(key)
        if value is not None:
            return value.isoformat() if isinstance(value, datetime) else repr(value)
    return ""


# The ledger ---------------------------------------------------------------------------------


def new_files(session_factory: SessionFactory, files: list[InboxFile]) -> list[InboxFile]:
    """The files the ledger has not seen, or saw fail."""
    known = ledger_rows(session_factory, [file.key for file in files])
    return [f for f in files if f.key not in known or known[f.key].outcome == Status.FAILED]


def new_in_inbox(
    session_factory: SessionFactory, inbox: str, pattern: str | None = None
) -> tuple[int, list[InboxFile]]:
    """How many entries the inbox lists (those matching `pattern`, if given), and those to
    ingest or record as skipped (new, or failed before)."""
    listed = list_inbox(inbox, pattern)
    return len(listed), new_files(session_factory, listed)


def record(
    session_factory: SessionFactory, file: InboxFile, outcome: IngestOutcome, now: datetime
) -> None:
    """Write what ingesting the entry gave into the ledger."""
    result = EntryOutcome(
        outcome.status,
        outcome.sha256,
        outcome.report_id,
        outcome.findings,
        outcome.rejection_code,
        outcome.message or None,
    )
    record_entry(session_factory, file.key, result, now, file.path_bytes)


def recorded_outcome(file: InboxFile, row: InboxEntry) -> IngestOutcome:
    """An outcome as the ledger kept it (a retried batch reports what its first try did)."""
    return IngestOutcome(
        file.name,
        file.origin,
        Status(row.outcome),
        row.sha256,
        report_id=row.report_id,
        findings=row.findings,
        rejection_code=row.rejection_code,
        message=row.message or "",
    )


# Ingesting a batch --------------------------------------------------------------------------


def before_open(file: InboxFile) -> None:
    """Called with each local entry between its listing and its opening: nothing happens here,
    but a test swaps or removes the file here, deterministically."""


def ingest_entry(
    file: InboxFile,
    workspace: Workspace,
    *,
    quarantine: str | None = None,
    hard_links: bool = False,
) -> IngestOutcome:
    """One entry through `raingan ingest`'s own pipeline; the original is only read, once, and
    copied to `quarantine` from what was read if it is refused. An entry listed as skipped (a
    link, a FIFO) is not read at all."""
    if file.skipped:
        return IngestOutcome(file.name, file.origin, Status.SKIPPED, message=file.skipped)
    fs, path = fsspec.core.url_to_fs(file.url)
    if not isinstance(fs, LocalFileSystem):
        try:
            data = fs.cat_file(path)
        except Exception as error:
            message = f"reading: {error!r}"
            return IngestOutcome(file.name, file.origin, Status.FAILED, message=message)
        outcome = ingest_file(data, workspace, name=file.name, origin=file.url)
        return quarantined(file, outcome, quarantine, io.BytesIO(data))
    before_open(file)
    reading = Reading(file.listed, follow=False, hard_links=hard_links)
    try:
        with opened_file(Path(file.target or path), reading) as (stream, size):
            outcome = ingest_stream(
                stream, size, workspace, name=file.name, origin=file.url, now=utc_now()
            )
            return quarantined(file, outcome, quarantine, stream)
    except NotAFile as not_a_file:
        return IngestOutcome(file.name, file.origin, Status.SKIPPED, message=str(not_a_file))
    except OSError as error:
        message = describe(error)
        return IngestOutcome(file.name, file.origin, Status.FAILED, message=message)


def ingest_batch(
    files: list[InboxFile],
    workspace: Workspace,
    *,
    quarantine: str | None = None,
    hard_links: bool = False,
) -> list[IngestOutcome]:
    """Ingest the entries not yet done, quarantine the refused, record each in the ledger as it
    ends.

    Raises `DatabaseFault` (after recording the rest) if the database failed for any entry, so
    that the task tries the batch again; entries done meanwhile report their recorded outcome,
    and the exception carries every outcome the batch got.
    """
    known = ledger_rows(workspace.sessions, [file.key for file in files])
    outcomes, faults = [], []
    for file in files:
        row = known.get(file.key)
        if row is not None and row.outcome != Status.FAILED:
            outcomes.append(recorded_outcome(file, row))
            continue
        outcome = ingest_entry(file, workspace, quarantine=quarantine, hard_links=hard_links)
        outcomes.append(outcome)
        if outcome.database_fault:  # ingest_file never raises: the outcome says so
            faults.append(f"{file.path}: {outcome.message}")
            continue
        try:
            record(workspace.sessions, file, outcome, utc_now())
        except Exception as error:  # the ledger cannot be written: the database's fault
            faults.append(f"{file.path}: recording in the ledger: {describe(error)}")
    if faults:
        raise DatabaseFault("; ".join(faults), outcomes)
    return outcomes


def quarantined(
    file: InboxFile, outcome: IngestOutcome, quarantine: str | None, content: BinaryIO
) -> IngestOutcome:
    """A refused entry copied to `quarantine` from `content` (what was read of it); a copy
    that fails is said in the outcome, whose status stands."""
    if not quarantine or outcome.status not in (Status.REJECTED, Status.FAILED):
        return outcome
    try:
        copy_to_quarantine(file, outcome, quarantine, content)
    except Exception as error:
        return replace(outcome, message=f"{outcome.message}; not quarantined: {describe(error)}")
    return outcome


def copy_to_quarantine(
    file: InboxFile, outcome: IngestOutcome, quarantine: str, content: BinaryIO
) -> None:
    """A copy of the file (never the original moved) from the descriptor already read, and a
    note of why, under its inbox path."""
    target_fs, root = fsspec.core.url_to_fs(quarantine)
    target = posixpath.join(root.rstrip("/"), file.path)
    target_fs.makedirs(posixpath.dirname(target), exist_ok=True)
    content.seek(0)
    with target_fs.open(target, "wb") as copy:
        shutil.copyfileobj(content, copy)
    reason = f"{outcome.status.value}\t{outcome.rejection_code or ''}\t{outcome.message}\n"
    target_fs.pipe_file(target + ".reason.txt", reason.encode())


def settled_outcomes(
    session_factory: SessionFactory,
    files: list[InboxFile],
    got: list[IngestOutcome],
    reason: str,
) -> list[IngestOutcome]:
    """What a batch did with each entry, even if it raised: the outcome it got for the entry,
    else the one the ledger recorded, else a failure for `reason`. A file loaded before the
    batch broke stays loaded."""
    own = {outcome.origin: outcome for outcome in got}
    missing = [file for file in files if file.origin not in own]
    try:
        known = ledger_rows(session_factory, [file.key for file in missing])
    except Exception:  # the database cannot be read either
        known = {}
    settled = []
    for file in files:
        row = known.get(file.key)
        if file.origin in own:
            settled.append(own[file.origin])
        elif row is not None:
            settled.append(recorded_outcome(file, row))
        else:
            settled.append(failed_batch([file], reason)[0])
    return settled


def failed_batch(files: list[InboxFile], reason: str) -> list[IngestOutcome]:
    """What a batch that never got through reports for each of its entries."""
    return [IngestOutcome(f.name, f.origin, Status.FAILED, message=reason) for f in files]


def batches(files: list[T], size: int, singles: int = 0) -> list[list[T]]:
    """Files in batches of `size`, the last `singles` files one per batch: at the end of a
    run the workers then finish together, none idling while another ends a large batch."""
    size = max(1, size)
    cut = max(0, len(files) - singles)
    head, tail = files[:cut], files[cut:]
    return [head[start : start + size] for start in range(0, len(head), size)] + [
        [file] for file in tail
    ]


# Summing up ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flagged:
    """A loaded report with findings."""

    report_id: int
    name: str
    organisation: str | None
    fiscal_year: int | None
    round_months: int | None
    findings_by_rule: dict[str, int]


@dataclass
class RunSummary:
    """What a nightly or backfill run over an inbox (or archive) found and did."""

    inbox: str
    listed: int = 0
    new: int = 0
    outcomes: list[IngestOutcome] = field(default_factory=list)
    flagged: list[Flagged] = field(default_factory=list)
    # Set once `flagged` was looked up (the nightly does): the current reports with findings,
    # which its terminal and its HTML report count, not every loaded one (some superseded).
    flagged_looked_up: bool = False

    def of(self, status: Status) -> list[IngestOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    def counts(self) -> dict[str, int]:
        statuses = Counter(outcome.status for outcome in self.outcomes)
        return {
            "listed": self.listed,
            "new": self.new,
            **{status.value: statuses[status] for status in Status},
            **self.findings_count(),
        }

    def findings_count(self) -> dict[str, int]:
        """Reports with findings, named for what is counted: the current ones where `flagged`
        was looked up, else every loaded one (the backfill's artifact once said `flagged 0`
        while its terminal counted 31 with findings)."""
        if self.flagged_looked_up:
            return {"current reports with findings": len(self.flagged)}
        return {"loaded with findings": sum(1 for o in self.of(Status.LOADED) if o.findings)}

    def table(self) -> list[dict[str, str]]:
        """One row per entry that was loaded, rejected, failed or skipped (the artifact's
        table): its file, status, rejection code, reason and findings, each as text (a
        Prefect table artifact takes plain dicts, not a TypedDict)."""
        flagged = {item.report_id: item for item in self.flagged}
        rows: list[dict[str, str]] = []
        for outcome in self.outcomes:
            if outcome.status == Status.UNCHANGED:
                continue
            found = flagged.get(outcome.report_id) if outcome.report_id is not None else None
            rows.append(
                {
                    "file": outcome.name,
                    "status": outcome.status.value,
                    "code": outcome.rejection_code or "",
                    "reason": outcome.message,
                    "findings": describe_findings(found.findings_by_rule) if found else "",
                }
            )
        return rows


def describe_findings(by_rule: dict[str, int]) -> str:
    return ", ".join(f"{rule} {count}" for rule, count in sorted(by_rule.items()))


def flagged_reports(
    session_factory: SessionFactory, outcomes: list[IngestOutcome]
) -> list[Flagged]:
    """The loaded reports with findings: organisation, year, round, findings by rule."""
    names = {
        o.report_id: o.name
        for o in outcomes
        if o.status == Status.LOADED and o.findings and o.report_id is not None
    }
    if not names:
        return []
    with session_factory() as session:
        found = findings_by_rule(session, names)
    return [
        Flagged(
            f.report_id,
            names[f.report_id],
            f.organisation,
            f.fiscal_year,
            f.round_months,
            f.by_rule,
        )
        for f in sorted(found, key=lambda f: names[f.report_id])
    ]
