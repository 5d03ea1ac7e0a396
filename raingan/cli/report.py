"""`raingan report`: the findings `raingan findings` selects, as one HTML page that a browser
opens without a server or network, each finding with its evidence picture embedded."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from raingan.cli import finding_filters as filters
from raingan.cli.console import console, fail, fail_with
from raingan.cli.report_view import plain
from raingan.cli.stored_findings import check_one_report, read_rows
from raingan.pipeline.outputs.choices import REPORT_RESOLUTION


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    organisation: filters.Organisation = None,
    org_type: filters.OrgType = None,
    province: filters.Province = None,
    year: filters.Year = None,
    round_months: filters.Round = None,
    rule: filters.RuleName = None,
    severity: filters.Severity = None,
    review: filters.Review = None,
    rules_version: filters.RulesVersion = None,
    include_superseded: filters.IncludeSuperseded = False,
    report_hash: filters.OneReport = None,
    resolution: Annotated[
        int, typer.Option(min=36, max=300, help="Pixels per inch of the evidence pictures.")
    ] = REPORT_RESOLUTION,
) -> None:
    """Write the findings (the same filters as `raingan findings`) as one static HTML page:
    filterable and sortable in the browser, each finding with its evidence picture, counts per
    rule and per province. It needs no server and no network."""
    selection = filters.finding_selection(
        organisation,
        org_type,
        province,
        year,
        round_months,
        rule,
        severity,
        review,
        rules_version,
        include_superseded,
        report_hash,
    )
    from raingan.cli.database import open_for_reading
    from raingan.pipeline.outputs.html_report import counted_what, write_html_report

    stored = open_for_reading()
    sessions, store = stored.sessions, stored.store
    filters.check_against_data(sessions, year, rules_version)
    if report_hash is not None:
        selection = check_one_report(sessions, selection, report_hash)
    rows = read_rows(sessions, selection)
    try:
        written = write_html_report(
            sessions,
            store,
            rows,
            output,
            resolution=resolution,
            counted_what=counted_what(selection),
        )
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
