"""The ingest pipeline, Prefect-free: discover files, hash, keep the original, parse, load.

Small plain functions with explicit arguments, so that the Prefect flows run the same code as
tasks and tests can pass in a parser that fails on purpose:

- `discover(paths)` expands files, folders and globs;
- `ingest_file(path_or_bytes, session_factory=…, store=…, parser=…)` takes one file to an
  `IngestOutcome`: loaded, unchanged, rejected or failed;
- `ingest_paths(…)` and `reparse(…)` do that for many files and sum up.

A file whose content was loaded or rejected under the same parser version is `unchanged`; a
file that failed (a bug, a database fault) is tried again on the next ingest.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from models.engine import SessionFactory
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
from models.originals import OriginalsStore, sha256_of
from models.read import stored_files
from raingan.heap import freeze_startup_heap

GLOB_CHARACTERS = frozenset("*?[")
READ_CHUNK = 1 << 20


class Status(StrEnum):
    LOADED = "loaded"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    FAILED = "failed"


class Parsed(Protocol):
    document: dict[str, Any]
    evidence: Any  # checks.Evidence, or its dict


@dataclass(frozen=True)
class Parser:
    """How files become documents: `parse(data, filename)` returns a parsed report or raises
    `parsers.Rejected`; any other exception is an internal error."""

    parse: Callable[[bytes, str], Parsed]
    version: str
    rules_version: str
    max_bytes: int | None = None  # larger files are rejected `too_large` without reading


def parse_with_limits(data: bytes, filename: str, limits: Any = None) -> Parsed:
    from parsers import parse_report

    return parse_report(data, filename=filename, limits=limits)


def default_parser(limits: Any = None) -> Parser:
    """raingan's PDF parser (`parsers.parse_report`) with the given `parsers.Limits`."""
    from checks import RULES_VERSION
    from parsers import PARSER_VERSION

    return Parser(
        partial(parse_with_limits, limits=limits),
        PARSER_VERSION,
        RULES_VERSION,
        max_bytes=limits.max_bytes if limits is not None else None,
    )


@dataclass(frozen=True)
class IngestOutcome:
    name: str
    origin: str
    status: Status
    sha256: str | None = None
    report_id: int | None = None
    superseded_id: int | None = None  # a report that stopped being current because of this
    findings: int = 0
    rejection_code: str | None = None
    message: str = ""
    database_fault: bool = False  # failed because the database could not be reached or used


def is_database_fault(error: BaseException) -> bool:
    """A fault of the database connection (down, locked, restarted), worth trying again;
    not a constraint the data broke."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


@dataclass
class IngestSummary:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    hidden_skipped: int = 0

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def superseded(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.superseded_id is not None)

    @property
    def with_findings(self) -> int:
        return sum(
            1 for outcome in self.outcomes if outcome.status == Status.LOADED and outcome.findings
        )

    @property
    def failed(self) -> int:
        return self.count(Status.FAILED)

    def as_dict(self) -> dict[str, int]:
        return {
            "loaded": self.count(Status.LOADED),
            "unchanged": self.count(Status.UNCHANGED),
            "superseded": self.superseded,
            "rejected": self.count(Status.REJECTED),
            "failed": self.failed,
            "with findings": self.with_findings,
        }


# Discovering files --------------------------------------------------------------------------


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hidden_skipped: int = 0


def discover(paths: Iterable[str | Path]) -> Discovery:
    """Every file named, inside a folder named (recursively), or matching a glob, once each,
    in a stable order. Hidden files and folders (.git, .DS_Store) inside folders are skipped
    and counted; every other file is kept, PDF or not: it is for the parser to refuse."""
    found = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            found.files.append(path)

    for given in map(str, paths):
        matches = [Path(given)] if Path(given).exists() else []
        if not matches and GLOB_CHARACTERS & set(given):
            matches = [Path(match) for match in sorted(glob.glob(given, recursive=True))]
        if not matches:
            found.missing.append(given)
        for path in matches:
            if path.is_dir():
                for inner in sorted(path.rglob("*")):
                    hidden = any(part.startswith(".") for part in inner.relative_to(path).parts)
                    if hidden and inner.is_file():
                        found.hidden_skipped += 1
                    elif inner.is_file():
                        add(inner)
            elif path.is_file():
                add(path)
    return found


# One file -----------------------------------------------------------------------------------


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
    outcome's status."""
    now = now or utc_now()
    if isinstance(source, bytes):
        name = name or "upload"
        return ingest_bytes(source, name, origin or name, session_factory, store, parser, now)
    path = Path(source)
    name, origin = name or path.name, origin or str(path.resolve())
    try:
        size = path.stat().st_size
        if parser.max_bytes is None or size <= parser.max_bytes:
            data = path.read_bytes()
            return ingest_bytes(data, name, origin, session_factory, store, parser, now)
        info = SourceInfo(sha256_of_file(path), name, origin, size)
    except OSError as error:
        return IngestOutcome(name, origin, Status.FAILED, message=describe(error))
    # Over the size limit: refused without reading it into memory, and still kept.
    attempt = Attempt(info, session_factory, parser, now)
    return already_done(attempt) or keep(attempt, store.put_file, path) or reject_too_large(attempt)


def ingest_bytes(
    data: bytes,
    name: str,
    origin: str,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    now: datetime,
) -> IngestOutcome:
    attempt = Attempt(
        SourceInfo(sha256_of(data), name, origin, len(data)), session_factory, parser, now
    )
    return already_done(attempt) or keep(attempt, store.put, data) or parse_and_load(data, attempt)


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def already_done(attempt: Attempt) -> IngestOutcome | None:
    """`unchanged` if the same content was loaded or rejected under this parser version."""
    try:
        with attempt.session_factory() as session, session.begin():
            known = find_source_file(session, attempt.info.sha256)
            if not is_done(known, attempt.parser):
                return None
            mark_seen(session, attempt.info.sha256, attempt.now)
            return unchanged_outcome(attempt, known)
    except Exception as error:  # the database cannot be reached: nothing to record it in
        return attempt.outcome(
            Status.FAILED, message=describe(error), database_fault=is_database_fault(error)
        )


def keep(attempt: Attempt, put: Callable[[Any, str], Any], content: Any) -> IngestOutcome | None:
    """Keep the original in the store; a failure (an unreachable store) is retried next time."""
    try:
        put(content, attempt.info.sha256)
    except Exception as error:
        return record_failure(attempt, "keeping the original", error)
    return None


def is_done(known: Any, parser: Parser) -> bool:
    return (
        known is not None
        and known.status in (Status.LOADED, Status.REJECTED)
        and known.parser_version == parser.version
    )


def unchanged_outcome(attempt: Attempt, known: Any) -> IngestOutcome:
    code = known.rejection_code
    what = f"rejected earlier ({code})" if code else "loaded earlier"
    message = f"{what} as {known.original_name}, parser {known.parser_version}"
    return attempt.outcome(Status.UNCHANGED, rejection_code=code, message=message)


def parse_and_load(data: bytes, attempt: Attempt) -> IngestOutcome:
    """Parse, then load in one transaction."""
    from parsers.rejection import Rejected

    try:
        parsed = attempt.parser.parse(data, attempt.info.original_name)
        document, evidence = parsed.document, evidence_dict(parsed.evidence)
    except Rejected as rejection:
        return record_rejection(attempt, rejection.code.value, rejection.reason)
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


def done_meanwhile(attempt: Attempt, source: Any) -> bool:
    """Did another worker load or reject this file since we looked? (Not a question when
    re-parsing on purpose.)"""
    return not attempt.force and is_done(source, attempt.parser)


def evidence_dict(evidence: Any) -> dict[str, Any]:
    if evidence is None:
        return {}
    return evidence if isinstance(evidence, dict) else evidence.to_dict()


def record_rejection(attempt: Attempt, code: str, reason: str) -> IngestOutcome:
    try:
        with attempt.session_factory() as session, session.begin():
            source = claim_source_file(session, attempt.info, attempt.now)
            if done_meanwhile(attempt, source):
                return unchanged_outcome(attempt, source)
            mark_rejected(session, source, code, reason, attempt.parser.version)
    except Exception as error:
        return record_failure(attempt, "recording a rejection", error)
    return attempt.outcome(Status.REJECTED, rejection_code=code, message=reason)


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
    return record_rejection(attempt, "too_large", reason)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".strip()


# Many files ---------------------------------------------------------------------------------


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    discovery: Discovery | None = None,
) -> IngestSummary:
    """Ingest every file `paths` name; a path that names nothing is a failure."""
    freeze_startup_heap()
    discovery = discovery or discover(paths)
    summary = IngestSummary(hidden_skipped=discovery.hidden_skipped)
    for missing in discovery.missing:
        outcome = IngestOutcome(missing, missing, Status.FAILED, message="no such file or folder")
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    for path in discovery.files:
        outcome = ingest_file(path, session_factory=session_factory, store=store, parser=parser)
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return summary


def files_to_reparse(
    session_factory: SessionFactory,
    *,
    parser_version: str | None = None,
    organisation: str | None = None,
    fiscal_year: int | None = None,
) -> list:
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
    files: list | None = None,
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
    for stored in files:
        outcome = reparse_one(stored, session_factory=session_factory, store=store, parser=parser)
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return summary


def reparse_one(
    stored: Any, *, session_factory: SessionFactory, store: OriginalsStore, parser: Parser
) -> IngestOutcome:
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
