"""The contract document's shape, which the parser builds and `models` stores and reads back:
its keys in order, the sections printed one row per dimension, the rounds a report covers.
Declared once here or in `checks` (the layer below: the document's types, the sections the
checks compare), light to import (no PDF library), so that no layer spells them again.
"""

from __future__ import annotations

from checks.document import ReportDocument
from checks.figures import PER_DIMENSION_SECTIONS

# The summary tables printed one row per dimension, each beside its total row (`total_key`).
# The checks, the layer below, compare the same sections: theirs is the one declaration.
LISTED_SECTIONS: tuple[str, ...] = PER_DIMENSION_SECTIONS
# The sections that are one object, null when the report does not print it.
SINGLE_SECTIONS: tuple[str, ...] = ("status_summary", "narrative")
# The months a report's round covers (`report.round_months`), as the contract's enum says.
ROUNDS: tuple[int, ...] = (6, 12)


def total_key(section: str) -> str:
    """The key of a listed section's total row."""
    return f"{section}_total"


# The contract's key order: its type's, whose keys are the schema's (tests/test_document_types).
DOCUMENT_KEYS: tuple[str, ...] = tuple(ReportDocument.__annotations__)
