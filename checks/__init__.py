"""Consistency checks over a contract document: the contract's rule catalogue, and nothing else.

Pure functions: a document (and what the PDF showed beyond it) in, findings out; with their
places (`placed_findings`) for whatever draws them.
"""

from __future__ import annotations

from checks.document import Finding, ReportDocument
from checks.evidence import Evidence, evidence_from_document, project_list_usable
from checks.findings import Compared, PlacedFinding, in_contract_order
from checks.identity import finding_key
from checks.metadata import check_metadata
from checks.percentages import check_percentages
from checks.project_rows import check_checkboxes, check_sequence
from checks.quantities import check_quantities

RULES_VERSION = "3"

__all__ = [
    "RULES_VERSION",
    "Compared",
    "Evidence",
    "Finding",
    "PlacedFinding",
    "compared_of",
    "find_inconsistencies",
    "placed_findings",
]


def placed_findings(doc: ReportDocument, evidence: Evidence | None = None) -> list[PlacedFinding]:
    """Every figure of `doc` that disagrees with what the document itself implies, each with
    the places the check compared."""
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


def find_inconsistencies(doc: ReportDocument, evidence: Evidence | None = None) -> list[Finding]:
    """The contract's `findings` list of `doc`."""
    return [placed.finding for placed in placed_findings(doc, evidence)]


def compared_of(
    doc: ReportDocument, evidence: Evidence, finding: Finding, occurrence: int = 0
) -> Compared | None:
    """Where the checks looked for `finding`, the `occurrence`-th of its key (as
    `checks.identity` counts them), found by checking `doc` again: pure and cheap. None when
    today's checks no longer make it (it was stored under another rules version)."""
    key = finding_key(finding)
    same = [p.compared for p in placed_findings(doc, evidence) if finding_key(p.finding) == key]
    return same[occurrence] if occurrence < len(same) else None
