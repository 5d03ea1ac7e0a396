"""Consistency checks over a contract document: the contract's rule catalogue, and nothing else.

Pure functions: a document (and what the PDF showed beyond it) in, findings out.
"""

from __future__ import annotations

from typing import Any

from checks.evidence import Evidence, evidence_from_document, project_list_usable
from checks.findings import Finding, in_contract_order
from checks.metadata import check_metadata
from checks.percentages import check_percentages
from checks.project_rows import check_checkboxes, check_sequence
from checks.quantities import check_quantities

RULES_VERSION = "3"

__all__ = ["RULES_VERSION", "Evidence", "Finding", "find_inconsistencies"]


def find_inconsistencies(doc: dict[str, Any], evidence: Evidence | None = None) -> list[Finding]:
    """Every figure of `doc` that disagrees with what the document itself implies."""
    evidence = evidence or evidence_from_document(doc)
    list_usable = project_list_usable(doc, evidence)
    findings = (
        check_quantities(doc, evidence, list_usable)
        + check_percentages(doc, evidence)
        + check_checkboxes(doc, evidence)
        + check_sequence(doc, evidence)
        + check_metadata(doc, evidence)
    )
    return in_contract_order(findings)
