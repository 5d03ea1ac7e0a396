"""PDF bytes → the report contract document. Pure functions: no database, no Prefect."""

from parsers.limits import Limits
from parsers.rejection import Rejected, RejectionCode
from parsers.report import PARSER_VERSION, SCHEMA_VERSION, ParsedReport, parse_report

__all__ = [
    "PARSER_VERSION",
    "SCHEMA_VERSION",
    "Limits",
    "ParsedReport",
    "Rejected",
    "RejectionCode",
    "parse_report",
]
