"""PDF bytes → the report contract document. Pure functions: no database, no Prefect.

Members load on first use (a module `__getattr__`, as Prefect's `_public_api` does), so that
importing a light submodule (`parsers.safety.limits`, `parsers.language.vocabulary`) does not load
pdfplumber, pdfminer and pythainlp with the whole parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.lazy_members import lazy_members

if TYPE_CHECKING:
    from parsers.report import ParsedReport, parse_report
    from parsers.safety.limits import Limits
    from parsers.safety.rejection import Rejected, RejectionCode
    from parsers.versions import PARSER_VERSION, SCHEMA_VERSION

# Public name → the submodule that defines it.
_PUBLIC_API: dict[str, str] = {
    "PARSER_VERSION": "versions",
    "SCHEMA_VERSION": "versions",
    "Limits": "safety.limits",
    "ParsedReport": "report",
    "Rejected": "safety.rejection",
    "RejectionCode": "safety.rejection",
    "parse_report": "report",
}

__all__ = [
    "PARSER_VERSION",
    "SCHEMA_VERSION",
    "Limits",
    "ParsedReport",
    "Rejected",
    "RejectionCode",
    "parse_report",
]


__getattr__, __dir__ = lazy_members(__name__, _PUBLIC_API)
