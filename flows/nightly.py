"""The nightly ingest: what arrived in an inbox since the ledger last saw it, parsed, checked
and loaded with `raingan ingest`'s own functions, one small batch of files per task.

A batch whose database fails is tried again with back-off; a rejected file is a result, never
retried. Originals are only read; rejected and failed files are reported (and copied to
`quarantine` when given); links and special files are recorded as skipped, never read. The run
ends with a table artifact and returns a `RunSummary`, Completed; if any file failed, the run
ends Failed with the summary as its state's data (`flows.tasks.final_state`).

Each file's outcome is recorded in the ledger as it happens; a batch that breaks reports, for
each of its files, the outcome it got, else what the ledger holds (`flows.tasks.outcomes_of`),
so the summary, the artifact, the notification and the exit code never count as failed a file
that was loaded, rejected or skipped. Two runs over one inbox do not overlap: the second waits
for the first (`raingan.pipeline.ingestion.run_lock`), then finds nothing new. Each run first
removes the `.part` files that writes killed half-way left in the store.
"""

from __future__ import annotations

import time
from datetime import date

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.states import State

from flows.tasks import (
    final_state,
    find_new_files,
    ingest_files,
    notify_operator,
    outcomes_of,
    remove_stale_parts,
)
from raingan.pipeline.database import open_database, open_sessions
from raingan.pipeline.ingestion.inbox import RunSummary, batches, flagged_reports
from raingan.pipeline.ingestion.run_lock import one_run_per_inbox
from raingan.pipeline.operations.flow_names import NIGHTLY
from raingan.pipeline.outputs.html_report import report_folder, write_day_report
from raingan.settings import Settings, load_settings

ARTIFACT_KEY = "nightly-ingest"


@flow(name=NIGHTLY, log_prints=True, on_failure=[notify_operator], on_crashed=[notify_operator])
def nightly_ingest(
    inbox: str, quarantine: str | None = None, batch_size: int = 20, report_dir: str | None = None
) -> RunSummary | State[RunSummary]:
    """Ingest what is new in `inbox` (a folder or an fsspec URL), then write the day's HTML
    report (the open findings of the reports loaded today) in `report_dir` (default: the
    setting `RAINGAN_REPORT_DIR`). Call it with `return_state=True` and read the summary with
    `flows.tasks.summary_of`: a run with failed files ends Failed."""
    logger = get_run_logger()
    settings = load_settings()
    started = time.time()
    with one_run_per_inbox(settings.database_url, inbox):
        removed = remove_stale_parts(settings, started)
        if removed:
            logger.info("removed %d partial files left in the store by writes killed", removed)
        listed, new = find_new_files(inbox, settings)
        summary = RunSummary(inbox, listed=listed, new=len(new))
        groups = batches(new, batch_size)
        futures = [ingest_files.submit(group, settings, quarantine) for group in groups]
        for group, future in zip(groups, futures, strict=True):
            summary.outcomes.extend(outcomes_of(group, future, settings))
    summary.flagged = flagged_reports(open_sessions(settings.database_url), summary.outcomes)
    summary.flagged_looked_up = True
    counts = summary.counts()
    report = day_report(settings, report_dir)
    logger.info("nightly ingest of %s: %s", inbox, report)
    create_table_artifact(
        table=summary.table() or [{"file": "", "status": "nothing new", "code": "", "reason": ""}],
        key=ARTIFACT_KEY,
        description=f"Nightly ingest of {inbox}: "
        + ", ".join(f"{name} {count}" for name, count in counts.items())
        + f"; {report}",
    )
    logger.info("nightly ingest of %s: %s", inbox, counts)
    return final_state(summary, f"nightly ingest of {inbox}")


def day_report(settings: Settings, report_dir: str | None) -> str:
    """Write the day's HTML report; what the artifact says of it. A report that cannot be
    written is said, and the night's ingest stands."""
    folder = report_folder(settings.report_dir, report_dir)
    try:
        sessions, store = open_database(settings)
        written = write_day_report(sessions, store, folder, date.today())
    except Exception as error:
        get_run_logger().error("the HTML report was not written in %s: %s", folder, error)
        return f"HTML report not written in {folder}: {type(error).__name__}: {error}"
    return (
        f"HTML report {written.path} ({written.findings} open findings "
        f"in {written.reports} reports)"
    )
