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
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import State
from prefect.task_runners import TaskRunner
from prefect_dask import DaskTaskRunner

from flows.dask_cluster import (
    cluster_address,
    cluster_hosts,
    default_workers,
    local_store_warning,
    refuse_sqlite_across_machines,
    worker_count,
)
from flows.tasks import (
    final_state,
    find_new_files,
    ingest_files,
    notify_operator,
    outcomes_of,
    remove_stale_parts,
)
from raingan.pipeline.ingestion.estimate import BackfillEstimate, estimate
from raingan.pipeline.ingestion.inbox import InboxFile, RunSummary, batches
from raingan.pipeline.ingestion.outcomes import IngestOutcome, Status
from raingan.pipeline.ingestion.progress import Progress
from raingan.pipeline.ingestion.run_lock import one_run_per_inbox
from raingan.pipeline.operations.flow_names import BACKFILL, BACKFILL_RUN
from raingan.settings import Settings, load_settings

ARTIFACT_KEY = "backfill"
ARTIFACT_ROW_LIMIT = 1000


def check_cluster(dask_address: str | None, settings: Settings) -> list[str]:
    """Refuse what cannot work (remote workers with SQLite); return warnings worth logging."""
    if not dask_address:
        return []
    hosts = cluster_hosts(dask_address)
    refuse_sqlite_across_machines(settings.database_url, hosts)
    warning = local_store_warning(settings.store, hosts)
    return [warning] if warning else []


@contextmanager
def one_prefect_api() -> Iterator[None]:
    """Make sure the task runs on Dask workers report to this flow's Prefect API: without
    `PREFECT_API_URL` Prefect runs a temporary server, and each worker would start another."""
    if PREFECT_API_URL.value():
        yield
        return
    context = FlowRunContext.get()
    api_url = str(context.client.api_url) if context else ""
    with temporary_settings(updates={PREFECT_API_URL: api_url} if api_url else {}):
        yield


@flow(name=BACKFILL_RUN)
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
        outcomes.extend(outcomes_of(group, future, settings))
        progress = progress.advanced(len(group))
        logger.info("backfill: %s", progress.line())
    return outcomes


@flow(name=BACKFILL, log_prints=True, on_failure=[notify_operator], on_crashed=[notify_operator])
def backfill(
    archive: str,
    dask_address: str | None = None,
    workers: int | None = None,
    batch_size: int = 10,
    files_per_run: int = 250,
    dry_run: bool = False,
    pattern: str | None = None,
) -> RunSummary | BackfillEstimate | State[RunSummary]:
    """Load every report in `archive` (a folder tree or an fsspec URL) not loaded yet, on a
    Dask cluster: a local one of `workers` processes, or the scheduler at `dask_address`.
    `pattern` (a glob such as `*.pdf`) takes only the files it matches; by default every file
    is recorded, what is not a PDF as rejected. A run with failed files ends Failed, as the
    nightly run does (`flows.tasks.final_state`)."""
    logger = get_run_logger()
    settings = load_settings()
    for warning in check_cluster(dask_address, settings):
        logger.warning(warning)
    if dry_run:
        return dry_run_estimate(archive, dask_address, workers, settings, pattern)
    started = time.time()
    with one_run_per_inbox(settings.database_url, archive):
        remove_stale_parts(settings, started)
        summary = load_archive(
            archive, dask_address, workers, settings, pattern, batch_size, files_per_run
        )
    publish(summary)
    logger.info("backfill of %s: %s", archive, summary.counts())
    return final_state(summary, f"backfill of {archive}")


def dry_run_estimate(
    archive: str,
    dask_address: str | None,
    workers: int | None,
    settings: Settings,
    pattern: str | None,
) -> BackfillEstimate:
    listed, to_do = find_new_files(archive, settings, pattern)
    count = worker_count(dask_address) if dask_address else workers or default_workers()
    found = estimate(archive, listed, to_do, settings, count)
    get_run_logger().info("backfill dry run of %s: %s", archive, found.line())
    return found


def load_archive(
    archive: str,
    dask_address: str | None,
    workers: int | None,
    settings: Settings,
    pattern: str | None,
    batch_size: int,
    files_per_run: int,
) -> RunSummary:
    """What the archive holds that the ledger has not done, loaded run after run."""
    listed, to_do = find_new_files(archive, settings, pattern)
    summary = RunSummary(archive, listed=listed, new=len(to_do))
    get_run_logger().info("backfill of %s: %d files, %d to load", archive, listed, len(to_do))
    if to_do:
        progress = Progress.start(len(to_do))
        with cluster_address(dask_address, workers) as address, one_prefect_api():
            count = worker_count(address)
            for files in batches(to_do, files_per_run):
                runner: TaskRunner[Any] = DaskTaskRunner(address=address)  # typed as its base
                run = backfill_run.with_options(task_runner=runner)
                summary.outcomes.extend(run(files, settings, batch_size, count, progress))
                progress = progress.advanced(len(files))
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
