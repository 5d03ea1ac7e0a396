"""The tasks every flow shares: thin Prefect wrappers over `flows.inbox` and `models`.

Settings travel as a task argument rather than being read where the task runs: a Dask worker
on another machine has its own environment, and must write where the flow said.
"""

from __future__ import annotations

from functools import cache

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.tasks import exponential_backoff
from sqlalchemy.exc import OperationalError

from flows.inbox import DatabaseFault, InboxFile, failed_batch, ingest_batch
from models import OriginalsStore, ensure_schema, make_engine, session_factory
from models.engine import SessionFactory
from raingan.heap import freeze_startup_heap
from raingan.ingest import IngestOutcome, default_parser
from raingan.isolated_parse import ParseChild, hard_limit
from raingan.settings import Settings

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


@task(
    cache_policy=NO_CACHE,
    retries=RETRIES,
    retry_delay_seconds=exponential_backoff(backoff_factor=BACKOFF_SECONDS),
    retry_condition_fn=retry_on_database_fault,
)
def ingest_files(
    files: list[InboxFile], settings: Settings, quarantine: str | None = None
) -> list[IngestOutcome]:
    """Parse, check and load one small batch of files, each recorded in the ledger; a file
    whose parse overruns the time limit is stopped and rejected, the batch goes on."""
    freeze_startup_heap()
    limits = settings.limits
    with ParseChild(hard_limit(limits.max_seconds)) as child:
        return ingest_batch(
            files,
            session_factory=database(settings.database_url),
            store=OriginalsStore(settings.store),
            parser=child.wrap(default_parser(limits)),
            quarantine=quarantine,
        )


def outcomes_of(files: list[InboxFile], future: PrefectFuture) -> list[IngestOutcome]:
    """What a submitted batch gave: its outcomes, or a failure for each file if it never got
    through (its retries spent)."""
    future.wait()
    state = future.state
    if state.is_completed():
        return future.result()
    error = state.result(raise_on_failure=False)
    return failed_batch(files, f"batch failed: {error!r}")
