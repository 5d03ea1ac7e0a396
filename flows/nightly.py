"""The nightly ingest: what arrived in an inbox since the ledger last saw it, parsed, checked
and loaded with `raingan ingest`'s own functions, one small batch of files per task.

A batch whose database fails is tried again with back-off; a rejected file is a result, never
retried. Originals are only read; rejected and failed files are reported (and copied to
`quarantine` when given). The run ends with a table artifact and returns a `NightlySummary`.
"""

from __future__ import annotations

from functools import cache

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff
from sqlalchemy.exc import OperationalError

from flows.inbox import (
    DatabaseFault,
    InboxFile,
    NightlySummary,
    batches,
    failed_batch,
    flagged_reports,
    ingest_batch,
    list_inbox,
    new_files,
)
from models import OriginalsStore, ensure_schema, make_engine, session_factory
from models.engine import SessionFactory
from raingan.ingest import IngestOutcome, default_parser
from raingan.settings import load_settings

ARTIFACT_KEY = "nightly-ingest"
RETRIES = 3
BACKOFF_SECONDS = 10  # 10, 20, 40 s


@cache
def database(url: str) -> SessionFactory:
    """One engine per database URL and process, its schema made or checked once."""
    engine = make_engine(url)
    ensure_schema(engine)
    return session_factory(engine)


def retry_on_database_fault(_task, _task_run, state) -> bool:
    """Retry a batch only when the database was at fault, never for a file's own problem."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, DatabaseFault | OperationalError)


@task(cache_policy=NO_CACHE)
def find_new_files(inbox: str) -> tuple[int, list[InboxFile]]:
    listed = list_inbox(inbox)
    return len(listed), new_files(database(load_settings().database_url), listed)


@task(
    cache_policy=NO_CACHE,
    retries=RETRIES,
    retry_delay_seconds=exponential_backoff(backoff_factor=BACKOFF_SECONDS),
    retry_condition_fn=retry_on_database_fault,
)
def ingest_batch_task(files: list[InboxFile], quarantine: str | None) -> list[IngestOutcome]:
    settings = load_settings()
    return ingest_batch(
        files,
        session_factory=database(settings.database_url),
        store=OriginalsStore(settings.store),
        parser=default_parser(settings.limits),
        quarantine=quarantine,
    )


@flow(name="nightly-ingest", log_prints=True)
def nightly_ingest(
    inbox: str, quarantine: str | None = None, batch_size: int = 20
) -> NightlySummary:
    """Ingest what is new in `inbox` (a folder or an fsspec URL)."""
    logger = get_run_logger()
    listed, new = find_new_files(inbox)
    summary = NightlySummary(inbox, listed=listed, new=len(new))
    groups = batches(new, batch_size)
    futures = [ingest_batch_task.submit(group, quarantine) for group in groups]
    for group, future in zip(groups, futures, strict=True):
        future.wait()
        state = future.state
        if state.is_completed():
            summary.outcomes.extend(future.result())
        else:
            error = state.result(raise_on_failure=False)
            summary.outcomes.extend(failed_batch(group, f"batch failed: {error!r}"))
    summary.flagged = flagged_reports(database(load_settings().database_url), summary.outcomes)
    counts = summary.counts()
    create_table_artifact(
        table=summary.table() or [{"file": "", "status": "nothing new", "code": "", "reason": ""}],
        key=ARTIFACT_KEY,
        description=f"Nightly ingest of {inbox}: "
        + ", ".join(f"{name} {count}" for name, count in counts.items()),
    )
    logger.info("nightly ingest of %s: %s", inbox, counts)
    return summary
