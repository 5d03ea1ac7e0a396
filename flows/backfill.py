"""The archive backfill: years of reports, parsed in parallel on a Dask cluster.

The archive is walked once and what the ledger already holds is skipped, so a backfill killed
at any point (even SIGKILL) and started again goes on where it stopped: a file is loaded in
one transaction and recorded in the ledger after, and a file loaded but not yet recorded is
found `unchanged` by its content hash. Every file is loaded exactly once.

Prefect loses task-run records when one flow run holds thousands of tasks, so the files go in
successive runs of `backfill-run`, each of tens of tasks of a few files, all on one cluster and
one Prefect API (workers told its address, never starting temporary servers of their own).
"""

from __future__ import annotations

import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect_dask import DaskTaskRunner

from flows.dask_cluster import (
    cluster_address,
    cluster_hosts,
    default_workers,
    local_store_warning,
    refuse_sqlite_across_machines,
    worker_count,
)
from flows.inbox import InboxFile, RunSummary, batches, list_inbox, new_files
from flows.progress import Progress, duration
from flows.tasks import database, ingest_files, outcomes_of
from raingan.ingest import IngestOutcome, Status, default_parser
from raingan.settings import Settings, load_settings

ARTIFACT_KEY = "backfill"
SAMPLE_FOR_ESTIMATE = 5  # files parsed by a dry run to time the rest
ARTIFACT_ROW_LIMIT = 1000


@dataclass(frozen=True)
class BackfillEstimate:
    """What a dry run found: how much is left and about how long it will take."""

    archive: str
    listed: int
    to_do: int
    bytes_to_do: int
    workers: int
    seconds_per_file: float  # one file on one worker, from a sample parsed here
    seconds: float

    def line(self) -> str:
        return (
            f"{self.to_do} of {self.listed} files to load ({self.bytes_to_do / 1e6:.1f} MB); "
            f"about {duration(self.seconds)} on {self.workers} workers "
            f"({self.seconds_per_file:.2f} s per file)"
        )


# The plain steps ----------------------------------------------------------------------------


def check_cluster(dask_address: str | None, settings: Settings) -> list[str]:
    """Refuse what cannot work (remote workers with SQLite); return warnings worth logging."""
    if not dask_address:
        return []
    hosts = cluster_hosts(dask_address)
    refuse_sqlite_across_machines(settings.database_url, hosts)
    warning = local_store_warning(settings.store, hosts)
    return [warning] if warning else []


def estimate(
    archive: str, listed: int, to_do: list[InboxFile], settings: Settings, workers: int
) -> BackfillEstimate:
    """Time the parse of a few files spread over the list; the rest is assumed alike."""
    parser = default_parser(settings.limits)
    step = max(1, len(to_do) // SAMPLE_FOR_ESTIMATE)
    sample = to_do[::step][:SAMPLE_FOR_ESTIMATE]
    started = time.perf_counter()
    for file in sample:
        with suppress(Exception):  # a rejected file costs its time too
            parser.parse(read_bytes(file), Path(file.path).name)
    per_file = (time.perf_counter() - started) / len(sample) if sample else 0.0
    return BackfillEstimate(
        archive,
        listed,
        len(to_do),
        sum(file.size_bytes for file in to_do),
        workers,
        per_file,
        per_file * len(to_do) / max(1, workers),
    )


def read_bytes(file: InboxFile) -> bytes:
    import fsspec

    with fsspec.open(file.url, "rb") as stream:
        return stream.read()


@contextmanager
def one_prefect_api():
    """Make sure the task runs on Dask workers report to this flow's Prefect API: without
    `PREFECT_API_URL` Prefect runs a temporary server, and each worker would start another."""
    if PREFECT_API_URL.value():
        yield
        return
    context = FlowRunContext.get()
    api_url = str(context.client.api_url) if context else ""
    with temporary_settings(updates={PREFECT_API_URL: api_url} if api_url else {}):
        yield


# Prefect ------------------------------------------------------------------------------------


@task(cache_policy=NO_CACHE)
def files_to_load(archive: str, settings: Settings) -> tuple[int, list[InboxFile]]:
    listed = list_inbox(archive)
    return len(listed), new_files(database(settings.database_url), listed)


@flow(name="backfill-run")
def backfill_run(
    files: list[InboxFile], settings: Settings, batch_size: int, workers: int, progress: Progress
) -> list[IngestOutcome]:
    """One run of the backfill: tens of tasks of a few files each, logged as they finish."""
    logger = get_run_logger()
    groups = batches(files, batch_size, singles=2 * workers)
    futures = [ingest_files.submit(group, settings) for group in groups]
    group_of = {future.task_run_id: group for future, group in zip(futures, groups, strict=True)}
    outcomes: list[IngestOutcome] = []
    for future in as_completed(futures):
        group = group_of[future.task_run_id]
        outcomes.extend(outcomes_of(group, future))
        progress = progress.advanced(len(group))
        logger.info("backfill: %s", progress.line())
    return outcomes


@flow(name="backfill", log_prints=True)
def backfill(
    archive: str,
    dask_address: str | None = None,
    workers: int | None = None,
    batch_size: int = 10,
    files_per_run: int = 250,
    dry_run: bool = False,
) -> RunSummary | BackfillEstimate:
    """Load every report in `archive` (a folder tree or an fsspec URL) not loaded yet, on a
    Dask cluster: a local one of `workers` processes, or the scheduler at `dask_address`."""
    logger = get_run_logger()
    settings = load_settings()
    for warning in check_cluster(dask_address, settings):
        logger.warning(warning)
    listed, to_do = files_to_load(archive, settings)
    if dry_run:
        count = worker_count(dask_address) if dask_address else workers or default_workers()
        found = estimate(archive, listed, to_do, settings, count)
        logger.info("backfill dry run of %s: %s", archive, found.line())
        return found
    summary = RunSummary(archive, listed=listed, new=len(to_do))
    logger.info("backfill of %s: %d files, %d to load", archive, listed, len(to_do))
    if to_do:
        progress = Progress.start(len(to_do))
        with cluster_address(dask_address, workers) as address, one_prefect_api():
            count = worker_count(address)
            for files in batches(to_do, files_per_run):
                run = backfill_run.with_options(task_runner=DaskTaskRunner(address=address))
                summary.outcomes.extend(run(files, settings, batch_size, count, progress))
                progress = progress.advanced(len(files))
    publish(summary)
    logger.info("backfill of %s: %s", archive, summary.counts())
    return summary


def publish(summary: RunSummary) -> None:
    """A table of what was refused or failed (the loaded are in the database), counts above."""
    rows = [row for row in summary.table() if row["status"] != Status.LOADED]
    counts = ", ".join(f"{name} {count}" for name, count in summary.counts().items())
    create_table_artifact(
        key=ARTIFACT_KEY,
        table=rows[:ARTIFACT_ROW_LIMIT] or [{"file": "", "status": "nothing refused or failed"}],
        description=f"Backfill of {summary.inbox}: {counts}",
    )
