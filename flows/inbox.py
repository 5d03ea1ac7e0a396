"""The nightly ingest's plain functions (no Prefect): list an inbox, keep a ledger of what was
seen there, ingest a batch of new entries, quarantine what was refused, and sum up.

An inbox is a local folder or any fsspec URL. An entry is known by its inbox, its path inside
it, its size and its version (the ETag an object store gives, else the mtime): an entry in the
ledger with any outcome but `failed` is not read again, so a second run loads nothing new and
a file changed in place is a new entry. A timestamp watermark would miss files copied in with
old mtimes; the ledger does not.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import fsspec
from fsspec.implementations.local import LocalFileSystem
from sqlalchemy import func, select, tuple_

from models.engine import SessionFactory
from models.load import utc_now
from models.originals import OriginalsStore
from models.tables import Finding, InboxEntry, Report
from raingan.ingest import IngestOutcome, Parser, Status, ingest_file

T = TypeVar("T")


class DatabaseFault(RuntimeError):
    """The database could not be reached while ingesting a batch: worth trying again."""


@dataclass(frozen=True)
class InboxFile:
    """A file as the inbox lists it."""

    inbox: str  # the inbox as given
    path: str  # inside the inbox, with forward slashes
    url: str  # what fsspec opens
    size_bytes: int
    version: str  # ETag, else mtime

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.inbox, self.path, self.size_bytes, self.version)


# Listing ------------------------------------------------------------------------------------


def list_inbox(inbox: str) -> list[InboxFile]:
    """Every file in the inbox (recursively), hidden files and folders left out, by path."""
    fs, root = fsspec.core.url_to_fs(inbox)
    root = root.rstrip("/")
    if not fs.isdir(root):  # a mistyped inbox is an error, not an empty night
        raise FileNotFoundError(f"no such inbox: {inbox}")
    found = []
    for full, info in sorted(fs.find(root, detail=True).items()):
        if info.get("type", "file") != "file":
            continue
        relative = posixpath.relpath(full, root)
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        url = full if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol(full)
        found.append(InboxFile(inbox, relative, url, int(info.get("size") or 0), version_of(info)))
    return found


def version_of(info: dict[str, Any]) -> str:
    for key in ("ETag", "etag", "md5Hash", "generation"):
        if info.get(key):
            return str(info[key]).strip('"')
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if value is not None:
            return value.isoformat() if isinstance(value, datetime) else repr(value)
    return ""


# The ledger ---------------------------------------------------------------------------------


def ledger_rows(session_factory: SessionFactory, files: list[InboxFile]) -> dict[tuple, Any]:
    """The ledger's rows for these files, by key."""
    if not files:
        return {}
    with session_factory() as session:
        return select_ledger(session, files)


def select_ledger(session: Any, files: list[InboxFile]) -> dict[tuple, Any]:
    columns = (InboxEntry.inbox, InboxEntry.path, InboxEntry.size_bytes, InboxEntry.version)
    rows: dict[tuple, Any] = {}
    for start in range(0, len(files), 200):  # keep each IN list small
        keys = [file.key for file in files[start : start + 200]]
        query = select(InboxEntry).where(tuple_(*columns).in_(keys))
        for row in session.exec(query).scalars():
            rows[(row.inbox, row.path, row.size_bytes, row.version)] = row
    return rows


def new_files(session_factory: SessionFactory, files: list[InboxFile]) -> list[InboxFile]:
    """The files the ledger has not seen, or saw fail."""
    known = ledger_rows(session_factory, files)
    return [f for f in files if f.key not in known or known[f.key].outcome == Status.FAILED]


def record(
    session_factory: SessionFactory, file: InboxFile, outcome: IngestOutcome, now: datetime
) -> None:
    """Write what ingesting the entry gave into the ledger."""
    values = {
        "sha256": outcome.sha256,
        "outcome": outcome.status.value,
        "report_id": outcome.report_id,
        "findings": outcome.findings,
        "rejection_code": outcome.rejection_code,
        "message": outcome.message or None,
        "last_seen": now,
    }
    with session_factory() as session, session.begin():
        row = select_ledger(session, [file]).get(file.key)
        if row is None:
            inbox, path, size, version = file.key
            row = InboxEntry(
                inbox=inbox, path=path, size_bytes=size, version=version, first_seen=now, **values
            )
        else:
            for name, value in values.items():
                setattr(row, name, value)
        session.add(row)


def recorded_outcome(file: InboxFile, row: Any) -> IngestOutcome:
    """An outcome as the ledger kept it (a retried batch reports what its first try did)."""
    return IngestOutcome(
        posixpath.basename(file.path),
        file.url,
        Status(row.outcome),
        row.sha256,
        report_id=row.report_id,
        findings=row.findings,
        rejection_code=row.rejection_code,
        message=row.message or "",
    )


# Ingesting a batch --------------------------------------------------------------------------


def ingest_entry(
    file: InboxFile, *, session_factory: SessionFactory, store: OriginalsStore, parser: Parser
) -> IngestOutcome:
    """One entry through `raingan ingest`'s own pipeline; the original is only read."""
    name = posixpath.basename(file.path)
    fs, path = fsspec.core.url_to_fs(file.url)
    if isinstance(fs, LocalFileSystem):  # ingest_file refuses an oversized file unread
        return ingest_file(path, session_factory=session_factory, store=store, parser=parser)
    try:
        data = fs.cat_file(path)
    except Exception as error:
        return IngestOutcome(name, file.url, Status.FAILED, message=f"reading: {error!r}")
    return ingest_file(
        data,
        session_factory=session_factory,
        store=store,
        parser=parser,
        name=name,
        origin=file.url,
    )


def ingest_batch(
    files: list[InboxFile],
    *,
    session_factory: SessionFactory,
    store: OriginalsStore,
    parser: Parser,
    quarantine: str | None = None,
) -> list[IngestOutcome]:
    """Ingest the entries not yet done, record each in the ledger, quarantine the refused.

    Raises `DatabaseFault` (after recording the rest) if the database failed for any entry, so
    that the task tries the batch again; entries done meanwhile report their recorded outcome.
    """
    known = ledger_rows(session_factory, files)
    outcomes, faults = [], []
    for file in files:
        row = known.get(file.key)
        if row is not None and row.outcome != Status.FAILED:
            outcomes.append(recorded_outcome(file, row))
            continue
        outcome = ingest_entry(file, session_factory=session_factory, store=store, parser=parser)
        if outcome.database_fault:  # ingest_file never raises: the outcome says so
            faults.append(f"{file.path}: {outcome.message}")
            continue
        record(session_factory, file, outcome, utc_now())
        if quarantine and outcome.status in (Status.REJECTED, Status.FAILED):
            copy_to_quarantine(file, outcome, quarantine)
        outcomes.append(outcome)
    if faults:
        raise DatabaseFault("; ".join(faults))
    return outcomes


def copy_to_quarantine(file: InboxFile, outcome: IngestOutcome, quarantine: str) -> None:
    """A copy of the file (never the original moved) and a note of why, under its inbox path."""
    source_fs, source = fsspec.core.url_to_fs(file.url)
    target_fs, root = fsspec.core.url_to_fs(quarantine)
    target = posixpath.join(root.rstrip("/"), file.path)
    target_fs.makedirs(posixpath.dirname(target), exist_ok=True)
    target_fs.pipe_file(target, source_fs.cat_file(source))
    reason = f"{outcome.status.value}\t{outcome.rejection_code or ''}\t{outcome.message}\n"
    target_fs.pipe_file(target + ".reason.txt", reason.encode())


def failed_batch(files: list[InboxFile], reason: str) -> list[IngestOutcome]:
    """What a batch that never got through reports for each of its entries."""
    return [
        IngestOutcome(posixpath.basename(f.path), f.url, Status.FAILED, message=reason)
        for f in files
    ]


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

    def of(self, status: Status) -> list[IngestOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    def counts(self) -> dict[str, int]:
        statuses = Counter(outcome.status for outcome in self.outcomes)
        return {
            "listed": self.listed,
            "new": self.new,
            **{status.value: statuses[status] for status in Status},
            "flagged": len(self.flagged),
        }

    def table(self) -> list[dict[str, Any]]:
        """One row per entry that was loaded, rejected or failed (the artifact's table)."""
        flagged = {item.report_id: item for item in self.flagged}
        rows = []
        for outcome in self.outcomes:
            if outcome.status == Status.UNCHANGED:
                continue
            found = flagged.get(outcome.report_id)
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
    names = {o.report_id: o.name for o in outcomes if o.status == Status.LOADED and o.findings}
    if not names:
        return []
    with session_factory() as session:
        reports = session.exec(select(Report).where(Report.id.in_(names))).scalars().all()
        counts = session.exec(
            select(Finding.report_id, Finding.rule, func.count())
            .join(
                Report,
                (Report.id == Finding.report_id) & (Report.rules_version == Finding.rules_version),
            )
            .where(Finding.report_id.in_(names))
            .group_by(Finding.report_id, Finding.rule)
        ).all()
    by_report: dict[int, dict[str, int]] = {}
    for report_id, rule, count in counts:
        by_report.setdefault(report_id, {})[rule] = count
    return [
        Flagged(
            r.id,
            names[r.id],
            r.organisation_name,
            r.fiscal_year,
            r.round_months,
            by_report.get(r.id, {}),
        )
        for r in sorted(reports, key=lambda r: names[r.id])
    ]
