"""Stored findings as people name them: a report by a sha256 prefix or the file name it was
ingested under, a finding by its id or the id's first characters, and the rows a selection
reads. `raingan findings`, `review`, `report` and `evidence` share them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from raingan.cli.console import ExitCode, fail, fail_with

if TYPE_CHECKING:
    from models.engine import SessionFactory
    from models.read import FindingRow, FindingSelection

SHORTEST_PREFIX = 6  # hex digits of a finding id: enough to tell findings apart by eye
SHOWN_MATCHES = 10


def read_rows(sessions: SessionFactory, selection: FindingSelection) -> list[FindingRow]:
    from raingan.pipeline.outputs.findings_table import read_findings

    try:
        return read_findings(sessions, selection)
    except Exception as error:
        raise fail_with("cannot read the findings", error) from None


def check_one_report(
    sessions: SessionFactory, selection: FindingSelection, given: str
) -> FindingSelection:
    """`--report` names one stored report, by a sha256 prefix or by the file name it was
    ingested under: none or several is a usage error (several are listed). The selection
    then holds that report's whole sha256."""
    from dataclasses import replace

    from raingan.pipeline.outputs.findings_table import reports_matching

    matches = reports_matching(sessions, given)
    if len(matches) == 1:
        return replace(selection, sha256_prefix=matches[0].sha256)
    if not matches:
        raise fail(
            f"error: --report {given!r}: no report with that file name or a sha256 starting so",
            ExitCode.USAGE,
        )
    shown = matches[:SHOWN_MATCHES]
    listed = "; ".join(f"{match.sha256[:12]} {match.original_name}" for match in shown)
    more = f" and {len(matches) - len(shown)} more" if len(matches) > len(shown) else ""
    raise fail(
        f"error: --report {given!r} names {len(matches)} reports: {listed}{more}", ExitCode.USAGE
    )


def resolve_finding_id(sessions: SessionFactory, given: str) -> str:
    """The whole id of the one finding `given` (an id, or its first 6 characters or more)
    names; fewer characters, none or several findings is a usage error that lists them."""
    from models.read import findings_starting

    prefix = given.strip().lower()  # as printed, whatever case it was copied in
    if len(prefix) < SHORTEST_PREFIX:
        raise fail(
            f"error: a finding id of at least {SHORTEST_PREFIX} characters, not {given!r}",
            ExitCode.USAGE,
        )
    try:
        with sessions() as session:
            matches = findings_starting(session, prefix, limit=SHOWN_MATCHES)
    except Exception as error:
        raise fail_with("cannot read the findings", error) from None
    if len(matches) == 1:
        return matches[0].finding_id
    if not matches:
        raise fail(f"error: no finding {prefix}", ExitCode.USAGE)
    shown = "; ".join(
        f"{match.finding_id} {match.rule} {match.field} ({match.source_file})"
        for match in matches[:SHOWN_MATCHES]
    )
    more = " and more" if len(matches) > SHOWN_MATCHES else ""
    raise fail(f"error: {given!r} names several findings: {shown}{more}", ExitCode.USAGE)
