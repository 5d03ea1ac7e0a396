"""The tasks every flow shares: thin Prefect wrappers over `raingan.pipeline`.

Settings travel as a task argument rather than being read where the task runs: a Dask worker
on another machine has its own environment, and must write where the flow said.
"""

from __future__ import annotations

from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.states import Failed, State
from prefect.tasks import exponential_backoff
from sqlalchemy.exc import OperationalError

from models.originals import OriginalsStore
from raingan.pipeline.database import open_sessions
from raingan.pipeline.ingestion.heap import freeze_startup_heap
from raingan.pipeline.ingestion.inbox import (
    DatabaseFault,
    InboxFile,
    RunSummary,
    ingest_batch,
    new_in_inbox,
    settled_outcomes,
)
from raingan.pipeline.ingestion.isolated_parse import hard_limit, reused_child
from raingan.pipeline.ingestion.outcomes import IngestOutcome, Status
from raingan.pipeline.operations.notify import NOTIFY_VARIABLE, NotifyError, notify_urls, send
from raingan.pipeline.workspace import open_workspace
from raingan.settings import Settings

RETRIES = 3
BACKOFF_SECONDS = 10  # 10, 20, 40 s
FAILED_NAMES_SHOWN = 5  # in a failed run's state message


def retry_on_database_fault(_task: Any, _task_run: Any, state: Any) -> bool:
    """Retry a batch only when the database was at fault, never for a file's own problem."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, DatabaseFault | OperationalError)


@task(cache_policy=NO_CACHE)
def find_new_files(
    inbox: str, settings: Settings, pattern: str | None = None
) -> tuple[int, list[InboxFile]]:
    """How many entries the inbox (or archive) lists (those matching `pattern`, if given), and
    those the ledger has not done."""
    return new_in_inbox(open_sessions(settings.database_url), inbox, pattern)


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
    whose parse overruns the time limit is stopped and rejected, the batch goes on. The files
    are parsed in the parse child this process keeps from batch to batch (`reused_child`)."""
    freeze_startup_heap()
    workspace = open_workspace(settings)
    with reused_child(hard_limit(settings.limits.max_seconds)) as child:
        return ingest_batch(
            files,
            workspace.parsing_with(child.wrap(workspace.parser)),
            quarantine=quarantine,
            hard_links=settings.read_hard_links,
        )


def remove_stale_parts(settings: Settings, started: float) -> int:
    """The `.part` files older than this run, left in the store by writes killed half-way
    (SIGKILL, a lost machine), removed; how many. A store that cannot be listed is left."""
    try:
        return OriginalsStore(settings.store).remove_stale_parts(started)
    except Exception as error:
        get_run_logger().warning("the store's partial files were not looked for: %s", error)
        return 0


def outcomes_of(
    files: list[InboxFile], future: PrefectFuture[list[IngestOutcome]], settings: Settings
) -> list[IngestOutcome]:
    """What a submitted batch gave: its outcomes; if it never got through (its retries spent),
    for each file the outcome it got before the batch broke, else what the ledger recorded,
    else a failure (`settled_outcomes`)."""
    future.wait()
    state = future.state
    if state.is_completed():
        return future.result()
    error = state.result(raise_on_failure=False)
    got = error.outcomes if isinstance(error, DatabaseFault) else []
    sessions = open_sessions(settings.database_url)
    return settled_outcomes(sessions, files, got, f"batch failed: {error!r}")


class FilesFailed(Exception):
    """A run in which files failed: its message names them, `summary` is what the run did."""

    def __init__(self, message: str, summary: RunSummary) -> None:
        super().__init__(message)
        self.summary = summary

    def __reduce__(self) -> tuple[type[FilesFailed], tuple[str, RunSummary]]:
        return (FilesFailed, (str(self), self.summary))


def final_state(summary: RunSummary, what: str) -> RunSummary | State[RunSummary]:
    """The run's summary, or a `Failed` state if any file failed: Prefect then ends the run
    Failed, so that automations and `prefect flow-run ls --state FAILED` see it. Its data is a
    `FilesFailed` holding the summary: calling the flow raises it, and with
    `return_state=True` `summary_of` finds the summary. The artifact is written already, and no
    traceback is logged for what is a result, not a bug."""
    failed = summary.of(Status.FAILED)
    if not failed:
        return summary
    names = ", ".join(outcome.name for outcome in failed[:FAILED_NAMES_SHOWN])
    more = (
        f" and {len(failed) - FAILED_NAMES_SHOWN} more" if len(failed) > FAILED_NAMES_SHOWN else ""
    )
    message = f"{what}: {len(failed)} of {len(summary.outcomes)} files failed ({names}{more})"
    return Failed(message=message, data=FilesFailed(message, summary))


def summary_of(result: Any) -> Any:
    """What a run returned (a `RunSummary`, a `BackfillEstimate`), given its final state,
    whether it ended Completed or Failed because files failed (see `final_state`); a run that
    broke raises what it raised."""
    value = result.result(raise_on_failure=False) if isinstance(result, State) else result
    if isinstance(value, FilesFailed):
        return value.summary
    if isinstance(value, BaseException):
        raise value
    return value


def notify_operator(flow: Any, flow_run: Any, state: State[Any]) -> None:
    """A flow's hook on failure and crash: tell `RAINGAN_NOTIFY` (nothing when it is unset)."""
    title = f"raingan: {flow.name} run {flow_run.name} ended {state.name}"
    try:
        sent = send(title, state.message or "")
    except NotifyError as error:
        get_run_logger().error("%s", error)
        return
    if not sent and notify_urls():
        get_run_logger().warning("could not notify %s: see the log above", NOTIFY_VARIABLE)
