"""The nightly ingest: what arrived in an inbox since the ledger last saw it, parsed, checked
and loaded with `raingan ingest`'s own functions, one small batch of files per task.

A batch whose database fails is tried again with back-off; a rejected file is a result, never
retried. Originals are only read; rejected and failed files are reported (and copied to
`quarantine` when given). The run ends with a table artifact and returns a `RunSummary`.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.inbox import InboxFile, RunSummary, batches, flagged_reports, list_inbox, new_files
from flows.tasks import database, ingest_files, outcomes_of
from raingan.settings import Settings, load_settings

ARTIFACT_KEY = "nightly-ingest"


@task(cache_policy=NO_CACHE)
def find_new_files(inbox: str, settings: Settings) -> tuple[int, list[InboxFile]]:
    listed = list_inbox(inbox)
    return len(listed), new_files(database(settings.database_url), listed)


@flow(name="nightly-ingest", log_prints=True)
def nightly_ingest(inbox: str, quarantine: str | None = None, batch_size: int = 20) -> RunSummary:
    """Ingest what is new in `inbox` (a folder or an fsspec URL)."""
    logger = get_run_logger()
    settings = load_settings()
    listed, new = find_new_files(inbox, settings)
    summary = RunSummary(inbox, listed=listed, new=len(new))
    groups = batches(new, batch_size)
    futures = [ingest_files.submit(group, settings, quarantine) for group in groups]
    for group, future in zip(groups, futures, strict=True):
        summary.outcomes.extend(outcomes_of(group, future))
    summary.flagged = flagged_reports(database(settings.database_url), summary.outcomes)
    counts = summary.counts()
    create_table_artifact(
        table=summary.table() or [{"file": "", "status": "nothing new", "code": "", "reason": ""}],
        key=ARTIFACT_KEY,
        description=f"Nightly ingest of {inbox}: "
        + ", ".join(f"{name} {count}" for name, count in counts.items()),
    )
    logger.info("nightly ingest of %s: %s", inbox, counts)
    return summary
