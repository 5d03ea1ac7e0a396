"""CHECKBOX and SEQUENCE: what is wrong with individual rows of the project list."""

from __future__ import annotations

from checks.catalogue import Rule
from checks.evidence import Evidence, pages_not_read_whole, row_place
from checks.figures import Doc
from checks.findings import Compared, PlacedFinding, make_finding


def check_checkboxes(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    """A row with no box or several marked; not one whose status cells could not be read."""
    findings: list[PlacedFinding] = []
    unread = set(evidence.unread_status_rows)
    for index, row in enumerate(doc.get("projects") or []):
        if row.get("status") is not None or index in unread:
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
                Compared((row_place(index),), (row_place(index, "status"),)),
                seq=row.get("seq"),
            )
        )
    return findings


def falls_where_rows_were_not_read(
    unread: set[int] | None, previous_page: int, page: int | None
) -> bool:
    """A break between two rows printed on pages `previous_page`…`page` may be rows the
    parser missed when one of those pages was not read whole (None: no page is vouched for)."""
    if unread is None:
        return True
    last = page if page is not None else max(unread, default=previous_page)
    return any(previous_page <= p <= last for p in unread)


def check_sequence(doc: Doc, evidence: Evidence) -> list[PlacedFinding]:
    """One finding per break in 1, 2, …, N, at the first row that breaks the order (compared
    with the number of the row before it); none where the parser did not read every row (the
    break may be rows it missed)."""
    findings: list[PlacedFinding] = []
    previous = 0
    previous_page = 0  # before the list: a break at its first row may be a missed first page
    before: tuple[str, ...] = ()  # the number of the row before, once there is one
    unread = pages_not_read_whole(doc)
    for index, row in enumerate(doc.get("projects") or []):
        seq = row.get("seq")
        page = row.get("page")
        if seq is None:  # unreadable number: assume it was the next one
            previous += 1
            previous_page = page or previous_page
            before = (row_place(index, "seq"),)
            continue
        missed = falls_where_rows_were_not_read(unread, previous_page, page)
        previous_page = page or previous_page
        if seq != previous + 1 and not missed:
            expected = previous + 1
            message = f"ลำดับโครงการ {seq} ต่อจากลำดับ {previous} (ควรเป็น {expected})"
            pages = [row["page"]] if row.get("page") else []
            compared = Compared((row_place(index, "seq"),), before)
            finding = make_finding(
                Rule.SEQUENCE, "projects.seq", seq, expected, message, pages, compared, seq=seq
            )
            findings.append(finding)
        previous = seq
        before = (row_place(index, "seq"),)
    return findings
