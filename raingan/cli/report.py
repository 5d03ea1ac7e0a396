"""`raingan report`: the findings `raingan findings` selects, as one HTML page that a browser
opens without a server or network, each finding with its evidence picture embedded."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checks.identity import NOT_REVIEWED
from parsers.vocabulary import ORG_TYPE_GROUPS
from raingan.cli.console import console, fail, fail_with
from raingan.cli.findings import (
    REVIEW_NAMES,
    ROUNDS,
    RULE_NAMES,
    SEVERITY_NAMES,
    check_choice,
    check_one_report,
    listed,
    read_rows,
)
from raingan.cli.report_view import plain

REPORT_RESOLUTION = 60  # raingan.pipeline.html_report.REPORT_RESOLUTION, kept light here


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    organisation: Annotated[
        str | None, typer.Option(help="Organisations whose name contains this (spaces ignored).")
    ] = None,
    org_type: Annotated[
        str | None,
        typer.Option("--type", help=f"Kind of organisation: {listed(tuple(ORG_TYPE_GROUPS))}."),
    ] = None,
    province: Annotated[
        str | None, typer.Option(help="Provinces whose name contains this.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Fiscal year (e.g. 2566).")] = None,
    round_months: Annotated[
        int | None, typer.Option("--round", help="The 6- or 12-month round.")
    ] = None,
    rule: Annotated[str | None, typer.Option(help=f"One rule: {listed(RULE_NAMES)}.")] = None,
    severity: Annotated[str | None, typer.Option(help=listed(SEVERITY_NAMES) + ".")] = None,
    review: Annotated[
        str | None,
        typer.Option(help=f"Review status: {listed((NOT_REVIEWED, *REVIEW_NAMES))}."),
    ] = None,
    rules_version: Annotated[
        str | None, typer.Option(help="Findings of this rules version (default: the newest).")
    ] = None,
    include_superseded: Annotated[
        bool, typer.Option("--include-superseded", help="Reports replaced by a later one too.")
    ] = False,
    report_hash: Annotated[
        str | None,
        typer.Option(
            "--report", help="One report, by the sha256 of its file (a prefix is enough)."
        ),
    ] = None,
    resolution: Annotated[
        int, typer.Option(min=36, max=300, help="Pixels per inch of the evidence pictures.")
    ] = REPORT_RESOLUTION,
) -> None:
    """Write the findings (the same filters as `raingan findings`) as one static HTML page:
    filterable and sortable in the browser, each finding with its evidence picture, counts per
    rule and per province. It needs no server and no network."""
    from models.read import FindingSelection

    check_choice("--type", org_type, tuple(ORG_TYPE_GROUPS))
    check_choice("--round", round_months, ROUNDS)
    check_choice("--rule", rule, RULE_NAMES)
    check_choice("--severity", severity, SEVERITY_NAMES)
    check_choice("--review", review, (NOT_REVIEWED, *REVIEW_NAMES))
    selection = FindingSelection(
        organisation=organisation,
        org_types=ORG_TYPE_GROUPS[org_type] if org_type else None,
        province=province,
        fiscal_year=year,
        round_months=round_months,
        rule=rule,
        severity=severity,
        review_status=review,
        rules_version=rules_version,
        include_superseded=include_superseded or report_hash is not None,
        sha256_prefix=report_hash,
    )
    from raingan.cli.ingest import open_context
    from raingan.pipeline.html_report import write_html_report

    context = open_context()
    sessions, store = context["session_factory"], context["store"]
    if report_hash is not None:
        check_one_report(sessions, selection, report_hash)
    rows = read_rows(sessions, selection)
    try:
        written = write_html_report(sessions, store, rows, output, resolution=resolution)
    except OSError as error:
        raise fail(f"error: cannot write {output}: {error.strerror}") from None
    except Exception as error:
        raise fail_with("cannot write the report", error) from None
    console.print(
        plain(
            f"{written.path}: {written.findings} findings in {written.reports} reports, "
            f"{written.pictures} with a picture"
        )
    )
