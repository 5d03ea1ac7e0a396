"""The services, by concern: `ingestion` (files into the database: discover, parse in a child
process, load, work an inbox and its ledger), `outputs` (stored findings and rejections as
tables, exports, an HTML page and evidence pictures) and `operations` (serving raingan on one
machine, what Prefect knows of its flows, notifying an operator). Beside them, `database`
(opened the same way by all three), `workspace` (the database, the store and the parser
that loading works with, opened once) and `audit` (the checks re-run over stored reports).

Plain functions, no Prefect at import: the flows in `flows/` wrap them as tasks and the CLI
calls them. Members load when first asked for (module `__getattr__`), so that a command pays
only for what it uses; the subpackages import nothing of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.lazy_members import lazy_members

if TYPE_CHECKING:
    from raingan.pipeline.audit import (
        AuditedReport,
        audit_report,
        changes_by_rule,
        current_report_ids,
    )
    from raingan.pipeline.database import open_database
    from raingan.pipeline.ingestion.bulk import files_to_reparse, ingest_paths, reparse
    from raingan.pipeline.ingestion.discovery import discover
    from raingan.pipeline.ingestion.heap import freeze_startup_heap
    from raingan.pipeline.ingestion.isolated_parse import ParseChild, hard_limit
    from raingan.pipeline.ingestion.outcomes import IngestOutcome, IngestSummary, Status
    from raingan.pipeline.ingestion.parsing import Parsed, Parser, default_parser
    from raingan.pipeline.ingestion.progress import duration
    from raingan.pipeline.ingestion.single_file import ingest_file
    from raingan.pipeline.operations.flow_names import FLOWS
    from raingan.pipeline.operations.prefect_status import in_schedule_zone, last_runs, next_nightly
    from raingan.pipeline.operations.supervisor import ServeError, ServeOptions, serve
    from raingan.pipeline.workspace import Workspace, open_workspace

# Public name -> the module that defines it.
_PUBLIC_API: dict[str, str] = {
    "AuditedReport": "audit",
    "audit_report": "audit",
    "changes_by_rule": "audit",
    "current_report_ids": "audit",
    "files_to_reparse": "ingestion.bulk",
    "ingest_paths": "ingestion.bulk",
    "reparse": "ingestion.bulk",
    "open_database": "database",
    "discover": "ingestion.discovery",
    "FLOWS": "operations.flow_names",
    "freeze_startup_heap": "ingestion.heap",
    "ParseChild": "ingestion.isolated_parse",
    "hard_limit": "ingestion.isolated_parse",
    "IngestOutcome": "ingestion.outcomes",
    "IngestSummary": "ingestion.outcomes",
    "Status": "ingestion.outcomes",
    "Parsed": "ingestion.parsing",
    "Parser": "ingestion.parsing",
    "default_parser": "ingestion.parsing",
    "in_schedule_zone": "operations.prefect_status",
    "last_runs": "operations.prefect_status",
    "next_nightly": "operations.prefect_status",
    "duration": "ingestion.progress",
    "ingest_file": "ingestion.single_file",
    "ServeError": "operations.supervisor",
    "ServeOptions": "operations.supervisor",
    "serve": "operations.supervisor",
    "Workspace": "workspace",
    "open_workspace": "workspace",
}

__all__ = [
    "FLOWS",
    "AuditedReport",
    "IngestOutcome",
    "IngestSummary",
    "ParseChild",
    "Parsed",
    "Parser",
    "ServeError",
    "ServeOptions",
    "Status",
    "Workspace",
    "audit_report",
    "changes_by_rule",
    "current_report_ids",
    "default_parser",
    "discover",
    "duration",
    "files_to_reparse",
    "freeze_startup_heap",
    "hard_limit",
    "in_schedule_zone",
    "ingest_file",
    "ingest_paths",
    "last_runs",
    "next_nightly",
    "open_database",
    "open_workspace",
    "reparse",
    "serve",
]


__getattr__, __dir__ = lazy_members(__name__, _PUBLIC_API)
