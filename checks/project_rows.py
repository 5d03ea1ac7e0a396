"""CHECKBOX and SEQUENCE: what is wrong with individual rows of the project list."""

from __future__ import annotations

from checks.catalogue import Rule
from checks.evidence import Evidence
from checks.figures import Doc
from checks.findings import Finding, make_finding


def check_checkboxes(doc: Doc, evidence: Evidence) -> list[Finding]:
    findings = []
    for index, row in enumerate(doc.get("projects") or []):
        if row.get("status") is not None:
            continue
        marks = evidence.checkbox_marks.get(index)
        message = f"โครงการลำดับ {row.get('seq')}: ทำเครื่องหมายสถานะ {marks} ช่อง (ควรเป็น 1 ช่อง)"
        findings.append(
            make_finding(
                Rule.CHECKBOX,
                "projects.status",
                marks,
                1,
                message,
                [row["page"]] if row.get("page") else [],
                seq=row.get("seq"),
            )
        )
    return findings


def check_sequence(doc: Doc, evidence: Evidence) -> list[Finding]:
    """One finding per break in 1, 2, …, N, at the first row that breaks the order."""
    findings = []
    previous = 0
    for row in doc.get("projects") or []:
        seq = row.get("seq")
        if seq is None:  # unreadable number: assume it was the next one
            previous += 1
            continue
        if seq != previous + 1:
            message = f"ลำดับโครงการ {seq} ต่อจากลำดับ {previous} (ควรเป็น {previous + 1})"
            pages = [row["page"]] if row.get("page") else []
            findings.append(
                make_finding(
                    Rule.SEQUENCE, "projects.seq", seq, previous + 1, message, pages, seq=seq
                )
            )
        previous = seq
    return findings
