"""One file through the pipeline: hash, keep the original, parse, load, as an `IngestOutcome`.

A file whose content was loaded or rejected under the same parser version is `unchanged`; a
file that failed (a bug, a database fault) is tried again on the next ingest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from models.engine import SessionFactory, is_database_fault
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
from models.originals import OriginalsStore, sha256_of, sha256_of_file
from models.read import StoredFile
from models.statuses import SourceStatus
from models.tables import SourceFile
from parsers.rejection import Rejected, RejectionCode
from raingan.pipeline.discovery import special_kind
from raingan.pipeline.outcomes import IngestOutcome, Status, describe
from raingan.pipeline.parser import Parser


@dataclass(frozen=True)
class Attempt:
    """One file on its way through the pipeline, and where it goes."""

    info: SourceInfo
    session_factory: SessionFactory
    parser: Parser
    now: datetime
    force: bool = False  # reparse: redo a file already done under this parser version

    def outcome(self, status: Status, **details: Any) -> IngestOutcome:
        info = self.info
        return IngestOutcome(info.original_name, info.origin, status, info.sha256, **details)


def ingest_file(
    source: str | Path | bytes,
    *,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    name: str | None = None,
    origin: str | None = None,
    now: datetime | None = None,
) -> IngestOutcome:
    """Take one file (a path, or its bytes with a `name` and an `origin` such as a URL) from
    disk to database. Never raises for a problem with the file or the database: that is the
    outcome's status. Names are kept readable, the raw bytes of an origin beside (models.names);
    a path that is not a regular file (a FIFO, a device) is skipped, never read."""
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
        return ingest_bytes(source, info, session_factory, store, parser, now)
    path = Path(source)
    raw_origin = origin or str(path.resolve())
    name, origin = readable_name(name or path.name), readable_name(raw_origin)
    try:
        stream, size = open_regular_file(path)
        with stream:  # what is read is what was checked
            data = stream.read() if parser.max_bytes is None or size <= parser.max_bytes else None
        if data is not None:
            info = SourceInfo(sha256_of(data), name, origin, len(data), name_bytes(raw_origin))
            return ingest_bytes(data, info, session_factory, store, parser, now)
        info = SourceInfo(sha256_of_file(path), name, origin, size, name_bytes(raw_origin))
    except NotAFile as not_a_file:
        return IngestOutcome(name, origin, Status.SKIPPED, message=str(not_a_file))
    except OSError as error:
        message = storable_text(describe(error))
        return IngestOutcome(name, origin, Status.FAILED, message=message)
    # Over the size limit: refused without reading it into memory, and still kept.
    attempt = Attempt(info, session_factory, parser, now)
    return already_done(attempt) or keep(attempt, store.put_file, path) or reject_too_large(attempt)


class NotAFile(Exception):
    """The path is a FIFO, a device or a folder: skipped, never read."""


def open_regular_file(path: Path) -> tuple[BinaryIO, int]:
    """The file open to read, and its size; `NotAFile` if it is not a regular file. A FIFO
    put in its place since it was listed does not make the open wait for a writer for ever
    (O_NONBLOCK), and the check is on what was opened, not on the name."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise NotAFile(f"{special_kind(status.st_mode) or 'a folder'}, not a file")
    return os.fdopen(descriptor, "rb"), status.st_size


def ingest_bytes(
    data: bytes,
    info: SourceInfo,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    now: datetime,
) -> IngestOutcome:
    attempt = Attempt(info, session_factory, parser, now)
    return already_done(attempt) or keep(attempt, store.put, data) or parse_and_load(data, attempt)


def reparse_one(
    stored: StoredFile, *, session_factory: SessionFactory, store: OriginalsStore, parser: Parser
) -> IngestOutcome:
    """Parse a stored original again and replace what it gave, whatever it gave before."""
    info = SourceInfo(stored.sha256, stored.original_name, stored.origin, stored.size_bytes)
    attempt = Attempt(info, session_factory, parser, utc_now(), force=True)
    if parser.max_bytes is not None and info.size_bytes > parser.max_bytes:
        return reject_too_large(attempt)
    try:
        data = store.get(stored.sha256)
    except Exception as error:
        message = f"the original is not in the store: {describe(error)}"
        return attempt.outcome(Status.FAILED, message=message)
    return parse_and_load(data, attempt)


def already_done(attempt: Attempt) -> IngestOutcome | None:
    """`unchanged` if the same content was loaded or rejected under this parser version."""
    try:
        with attempt.session_factory() as session, session.begin():
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


def parse_and_load(data: bytes, attempt: Attempt) -> IngestOutcome:
    """Parse, then load in one transaction."""
    try:
        parsed = attempt.parser.parse(data, attempt.info.original_name)
        document, evidence = parsed.document, evidence_dict(parsed.evidence)
    except Rejected as rejection:
        return record_rejection(attempt, rejection.code, rejection.reason)
    except Exception as error:  # a bug in the parser: recorded, retried next time
        return record_failure(attempt, "parsing", error)
    parser = attempt.parser
    try:
        with attempt.session_factory() as session, session.begin():
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


def done_meanwhile(attempt: Attempt, source: SourceFile) -> bool:
    """Did another worker load or reject this file since we looked? (Not a question when
    re-parsing on purpose.)"""
    return not attempt.force and is_done(source, attempt.parser)


def evidence_dict(evidence: Any) -> dict[str, Any]:
    if evidence is None:
        return {}
    return evidence if isinstance(evidence, dict) else evidence.to_dict()


def record_rejection(attempt: Attempt, code: RejectionCode, reason: str) -> IngestOutcome:
    try:
        with attempt.session_factory() as session, session.begin():
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
        with attempt.session_factory() as session, session.begin():
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
