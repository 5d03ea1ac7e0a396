"""One file through the pipeline: hash, parse, keep the original, load, as an `IngestOutcome`.

A file whose content was loaded or rejected under the same parser version is `unchanged`; a
file that failed (a bug, a database fault) is tried again on the next ingest. A file rejected
as not a PDF is recorded (hash, name, reason) but its bytes are not kept in the store: the
inbox is untrusted, and /etc/passwd under a PDF's name is not evidence.

A file is opened once, without following a symbolic link in its place when it was listed from
a folder, and read only if it is still the regular file that was listed (`Listed`: device,
inode, size); otherwise it is skipped with the reason (`NotAFile`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from checks.evidence import Evidence, EvidenceJson
from models.engine import is_database_fault
from models.load import (
    SourceInfo,
    claim_source_file,
    find_source_file,
    load_report,
    mark_failed,
    mark_rejected,
    mark_seen,
    utc_now,
)
from models.names import name_bytes, readable_name, storable_text
from models.originals import READ_CHUNK, sha256_of
from models.read import StoredFile
from models.statuses import SourceStatus
from models.tables import SourceFile
from parsers.safety.rejection import Rejected, RejectionCode
from raingan.pipeline.ingestion.discovery import special_kind
from raingan.pipeline.ingestion.outcomes import IngestOutcome, Status, describe
from raingan.pipeline.ingestion.parsing import Parser
from raingan.pipeline.workspace import Workspace


@dataclass(frozen=True)
class Attempt:
    """One file on its way through the pipeline, and where it goes."""

    info: SourceInfo
    workspace: Workspace
    now: datetime
    force: bool = False  # reparse: redo a file already done under this parser version

    @property
    def parser(self) -> Parser:
        return self.workspace.parser

    def outcome(self, status: Status, **details: Any) -> IngestOutcome:
        info = self.info
        return IngestOutcome(info.original_name, info.origin, status, info.sha256, **details)


def ingest_file(
    source: str | Path | bytes,
    workspace: Workspace,
    *,
    name: str | None = None,
    origin: str | None = None,
    now: datetime | None = None,
    reading: Reading | None = None,
) -> IngestOutcome:
    """Take one file (a path, or its bytes with a `name` and an `origin` such as a URL) from
    disk to database. Never raises for a problem with the file or the database: that is the
    outcome's status. Names are kept readable, the raw bytes of an origin beside (models.names);
    a path that is not a regular file (a FIFO, a device), or not the file `reading` says was
    listed, is skipped, never read."""
    now = now or utc_now()
    if isinstance(source, bytes):
        raw_origin = origin or name or "upload"
        info = SourceInfo(
            sha256_of(source),
            readable_name(name or "upload"),
            readable_name(raw_origin),
            len(source),
            name_bytes(raw_origin),
        )
        return ingest_bytes(source, info, workspace, now)
    path = Path(source)
    raw_origin = origin or str(path.resolve())
    shown_name = readable_name(name or path.name)
    try:
        with opened_file(path, reading or Reading()) as (stream, size):
            return ingest_stream(
                stream,
                size,
                workspace,
                name=name or path.name,
                origin=raw_origin,
                now=now,
            )
    except NotAFile as not_a_file:
        return IngestOutcome(
            shown_name, readable_name(raw_origin), Status.SKIPPED, message=str(not_a_file)
        )
    except OSError as error:
        message = storable_text(describe(error))
        return IngestOutcome(shown_name, readable_name(raw_origin), Status.FAILED, message=message)


def ingest_stream(
    stream: BinaryIO,
    size: int,
    workspace: Workspace,
    *,
    name: str,
    origin: str,
    now: datetime,
) -> IngestOutcome:
    """A file already open (see `opened_file`), of `size` bytes as its descriptor says: read
    once from that descriptor, never from its name again. Over the size limit it is hashed and
    kept a chunk at a time, and refused unread."""
    name_shown, origin_shown, raw = readable_name(name), readable_name(origin), name_bytes(origin)
    max_bytes = workspace.parser.max_bytes
    if max_bytes is None or size <= max_bytes:
        data = stream.read()
        info = SourceInfo(sha256_of(data), name_shown, origin_shown, len(data), raw)
        return ingest_bytes(data, info, workspace, now)
    info = SourceInfo(sha256_of_stream(stream), name_shown, origin_shown, size, raw)
    attempt = Attempt(info, workspace, now)

    def put_stream(content: BinaryIO, sha256: str) -> str:
        content.seek(0)
        return workspace.store.put_stream(content, sha256)

    return already_done(attempt) or keep(attempt, put_stream, stream) or reject_too_large(attempt)


def sha256_of_stream(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(READ_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


class NotAFile(Exception):
    """The path is a FIFO, a device, a folder, a link, or not the file that was listed:
    skipped, never read."""


@dataclass(frozen=True)
class Listed:
    """What a listing saw of a regular file: it is read only if it is still that file."""

    device: int
    inode: int
    size: int

    @classmethod
    def of(cls, status: os.stat_result) -> Listed:
        return cls(status.st_dev, status.st_ino, status.st_size)


HARD_LINKS_VARIABLE = "RAINGAN_HARD_LINKS"


@dataclass(frozen=True)
class Reading:
    """How a file found in a folder or an inbox is opened. By default (a file the user named)
    a link is followed and nothing is compared."""

    listed: Listed | None = None  # compare with what the listing saw
    follow: bool = True  # False: a symbolic link in the file's place is refused (O_NOFOLLOW)
    hard_links: bool = True  # False: a file with another name (a hard link) is skipped


@contextmanager
def opened_file(path: Path, reading: Reading) -> Iterator[tuple[BinaryIO, int]]:
    """The file open to read, and its size; `NotAFile` if it is not a regular file, or not the
    one listed. A FIFO put in its place since it was listed does not make the open wait for a
    writer for ever (O_NONBLOCK), a link put in its place is not followed (O_NOFOLLOW), and
    every check is on what was opened, not on the name."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if reading.follow else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise refused_open(error, reading) from None
    try:
        status = os.fstat(descriptor)
        reason = refusal(status, reading)
        if reason is not None:
            raise NotAFile(reason)
        os.set_blocking(descriptor, True)
        stream = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with stream:
        yield stream, status.st_size


def refused_open(error: OSError, reading: Reading) -> Exception:
    """Why a listed file could not be opened, as a skip when it is a skip."""
    if error.errno == errno.ELOOP and not reading.follow:
        return NotAFile("a symbolic link, put in place of the file since it was listed: not read")
    if error.errno == errno.ENOENT and reading.listed is not None:
        return NotAFile("no longer there: removed since it was listed")
    return error


def refusal(status: os.stat_result, reading: Reading) -> str | None:
    """Why the file opened is not read; None when it is the file listed."""
    if not stat.S_ISREG(status.st_mode):
        return f"{special_kind(status.st_mode) or 'a folder'}, not a file"
    listed = reading.listed
    if listed is not None and (status.st_dev, status.st_ino) != (listed.device, listed.inode):
        return "another file was put in its place since it was listed: not read"
    if listed is not None and status.st_size != listed.size:
        return f"changed since it was listed ({listed.size} bytes then, {status.st_size} now)"
    if status.st_nlink > 1 and not reading.hard_links:
        return (
            f"a file with {status.st_nlink} hard links: another name of it may be outside the"
            f" inbox ({HARD_LINKS_VARIABLE}=read reads it)"
        )
    return None


def ingest_bytes(
    data: bytes, info: SourceInfo, workspace: Workspace, now: datetime
) -> IngestOutcome:
    attempt = Attempt(info, workspace, now)
    return already_done(attempt) or parse_and_load(
        data, attempt, lambda: workspace.store.put(data, info.sha256)
    )


def reparse_one(stored: StoredFile, workspace: Workspace) -> IngestOutcome:
    """Parse a stored original again and replace what it gave, whatever it gave before."""
    info = SourceInfo(stored.sha256, stored.original_name, stored.origin, stored.size_bytes)
    attempt = Attempt(info, workspace, utc_now(), force=True)
    max_bytes = workspace.parser.max_bytes
    if max_bytes is not None and info.size_bytes > max_bytes:
        return reject_too_large(attempt)
    try:
        data = workspace.store.get(stored.sha256)
    except Exception as error:
        message = f"the original is not in the store: {describe(error)}"
        return attempt.outcome(Status.FAILED, message=message)
    return parse_and_load(data, attempt)


def already_done(attempt: Attempt) -> IngestOutcome | None:
    """`unchanged` if the same content was loaded or rejected under this parser version."""
    try:
        with attempt.workspace.sessions() as session, session.begin():
            known = find_source_file(session, attempt.info.sha256)
            if known is None or not is_done(known, attempt.parser):
                return None
            mark_seen(session, attempt.info.sha256, attempt.now)
            return unchanged_outcome(attempt, known)
    except Exception as error:  # the database cannot be reached: nothing to record it in
        return attempt.outcome(
            Status.FAILED, message=describe(error), database_fault=is_database_fault(error)
        )


def keep(attempt: Attempt, put: Callable[[Any, str], str], content: Any) -> IngestOutcome | None:
    """Keep the original in the store; a failure (an unreachable store) is retried next time."""
    try:
        put(content, attempt.info.sha256)
    except Exception as error:
        return record_failure(attempt, "keeping the original", error)
    return None


def is_done(known: SourceFile, parser: Parser) -> bool:
    return (
        known.status in (SourceStatus.LOADED, SourceStatus.REJECTED)
        and known.parser_version == parser.version
    )


def unchanged_outcome(attempt: Attempt, known: SourceFile) -> IngestOutcome:
    code = known.rejection_code
    what = f"rejected earlier ({code})" if code else "loaded earlier"
    message = f"{what} as {known.original_name}, parser {known.parser_version}"
    return attempt.outcome(Status.UNCHANGED, rejection_code=code, message=message)


def parse_and_load(
    data: bytes, attempt: Attempt, keep_original: Callable[[], object] | None = None
) -> IngestOutcome:
    """Parse, keep the original (`keep_original`; not for what is not a PDF at all), then load
    in one transaction."""
    kept = keeper(attempt, keep_original)
    try:
        parsed = attempt.parser.parse(data, attempt.info.original_name)
        document, evidence = parsed.document, evidence_dict(parsed.evidence)
    except Rejected as rejection:
        if rejection.code != RejectionCode.NOT_PDF:
            failed = kept()
            if failed is not None:
                return failed
        return record_rejection(attempt, rejection.code, rejection.reason)
    except Exception as error:  # a bug in the parser: recorded, retried next time
        return kept() or record_failure(attempt, "parsing", error)
    failed = kept()
    if failed is not None:
        return failed
    parser = attempt.parser
    try:
        with attempt.workspace.sessions() as session, session.begin():
            source = claim_source_file(session, attempt.info, attempt.now)
            if done_meanwhile(attempt, source):
                return unchanged_outcome(attempt, source)
            result = load_report(
                session,
                source,
                document,
                evidence,
                parser_version=parser.version,
                rules_version=parser.rules_version,
                now=attempt.now,
            )
    except Exception as error:
        return record_failure(attempt, "loading", error)
    return attempt.outcome(
        Status.LOADED,
        report_id=result.report_id,
        superseded_id=result.superseded_id,
        findings=len(document.get("findings") or []),
    )


def keeper(
    attempt: Attempt, keep_original: Callable[[], object] | None
) -> Callable[[], IngestOutcome | None]:
    """`keep_original` as a step that returns the failure outcome if the store failed."""

    def kept() -> IngestOutcome | None:
        if keep_original is None:
            return None
        try:
            keep_original()
        except Exception as error:
            return record_failure(attempt, "keeping the original", error)
        return None

    return kept


def done_meanwhile(attempt: Attempt, source: SourceFile) -> bool:
    """Did another worker load or reject this file since we looked? (Not a question when
    re-parsing on purpose.)"""
    return not attempt.force and is_done(source, attempt.parser)


def evidence_dict(evidence: Evidence | EvidenceJson | None) -> EvidenceJson:
    """The parse's evidence as stored: a parser may give it as JSON already, or none."""
    if evidence is None:
        return {}
    return evidence if isinstance(evidence, dict) else evidence.to_dict()


def record_rejection(attempt: Attempt, code: RejectionCode, reason: str) -> IngestOutcome:
    try:
        with attempt.workspace.sessions() as session, session.begin():
            source = claim_source_file(session, attempt.info, attempt.now)
            if done_meanwhile(attempt, source):
                return unchanged_outcome(attempt, source)
            mark_rejected(session, source, code, reason, attempt.parser.version)
    except Exception as error:
        return record_failure(attempt, "recording a rejection", error)
    return attempt.outcome(Status.REJECTED, rejection_code=code.value, message=reason)


def record_failure(attempt: Attempt, step: str, error: Exception) -> IngestOutcome:
    """Note that `step` failed with `error` in the database if it can be reached (it is
    retried either way). A file another worker has loaded or rejected meanwhile keeps that
    status."""
    failure = f"{step}: {describe(error)}"
    database_fault = is_database_fault(error)
    try:
        with attempt.workspace.sessions() as session, session.begin():
            source = claim_source_file(session, attempt.info, attempt.now)
            if done_meanwhile(attempt, source):
                return unchanged_outcome(attempt, source)
            mark_failed(session, source, failure, attempt.parser.version)
    except Exception as not_recorded:
        failure = f"{failure}; not recorded: {describe(not_recorded)}"
        database_fault = database_fault or is_database_fault(not_recorded)
    return attempt.outcome(Status.FAILED, message=failure, database_fault=database_fault)


def reject_too_large(attempt: Attempt) -> IngestOutcome:
    reason = f"{attempt.info.size_bytes} bytes, over the limit of {attempt.parser.max_bytes}"
    return record_rejection(attempt, RejectionCode.TOO_LARGE, reason)
