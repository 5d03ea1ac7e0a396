"""The services: ingest files, parse in a child process, audit stored reports, work an inbox
and its ledger, serve raingan on one machine, and read what Prefect knows of its flows.

Plain functions, no Prefect at import: the flows in `flows/` wrap them as tasks and the CLI
calls them. Members load when first asked for (module `__getattr__`), so that a command pays
only for what it uses.
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
    from raingan.pipeline.bulk import files_to_reparse, ingest_paths, reparse
    from raingan.pipeline.database import open_database
    from raingan.pipeline.discovery import discover
    from raingan.pipeline.flow_names import FLOWS
    from raingan.pipeline.heap import freeze_startup_heap
    from raingan.pipeline.isolated_parse import ParseChild, hard_limit
    from raingan.pipeline.outcomes import IngestOutcome, IngestSummary, Status
    from raingan.pipeline.parser import Parsed, Parser, default_parser
    from raingan.pipeline.prefect_status import in_schedule_zone, last_runs, next_nightly
    from raingan.pipeline.progress import duration
    from raingan.pipeline.single_file import ingest_file
    from raingan.pipeline.supervisor import ServeError, ServeOptions, serve

# Public name -> the module that defines it.
_PUBLIC_API: dict[str, str] = {
    "AuditedReport": "audit",
    "audit_report": "audit",
    "changes_by_rule": "audit",
    "current_report_ids": "audit",
    "files_to_reparse": "bulk",
    "ingest_paths": "bulk",
    "reparse": "bulk",
    "open_database": "database",
    "discover": "discovery",
    "FLOWS": "flow_names",
    "freeze_startup_heap": "heap",
    "ParseChild": "isolated_parse",
    "hard_limit": "isolated_parse",
    "IngestOutcome": "outcomes",
    "IngestSummary": "outcomes",
    "Status": "outcomes",
    "Parsed": "parser",
    "Parser": "parser",
    "default_parser": "parser",
    "in_schedule_zone": "prefect_status",
    "last_runs": "prefect_status",
    "next_nightly": "prefect_status",
    "duration": "progress",
    "ingest_file": "single_file",
    "ServeError": "supervisor",
    "ServeOptions": "supervisor",
    "serve": "supervisor",
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
    "reparse",
    "serve",
]


__getattr__, __dir__ = lazy_members(__name__, _PUBLIC_API)
