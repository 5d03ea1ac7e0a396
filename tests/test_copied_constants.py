"""Constants the CLI copies by hand stay equal to their originals.

The CLI keeps a few values of its own so that starting it (or `raingan --help`) loads no
pandas, PDF renderer or database layer. Each copy here is compared with the one module that
means it (issue 22, §3). The rounds have a third copy, frozen in the first migration: it is held
to `models.tables` with the migrations' other lists in `tests/test_models_schema.py`.
"""

from __future__ import annotations

from raingan.contract import report_schema


def contract_rounds() -> tuple[int, ...]:
    """The rounds the contract allows (`report.round_months`), in its order, without null."""
    report = report_schema()["properties"]["report"]["properties"]
    return tuple(value for value in report["round_months"]["enum"] if value is not None)


def test_the_contract_is_read_for_its_rounds() -> None:
    assert contract_rounds() == (6, 12)


def test_the_cli_rounds_are_the_contracts() -> None:
    from raingan.cli.finding_filters import ROUNDS

    assert contract_rounds() == ROUNDS


def test_the_tables_rounds_are_the_contracts() -> None:
    from models.tables import ROUNDS

    assert contract_rounds() == ROUNDS


def test_the_findings_formats_are_a_table_the_exports_and_a_page() -> None:
    from raingan.cli.findings import FORMATS
    from raingan.pipeline.outputs.findings_table import EXPORTS

    assert len(set(FORMATS)) == len(FORMATS)
    assert set(FORMATS) == {"table", *EXPORTS, "html"}


def test_the_rejected_formats_are_a_table_and_the_exports() -> None:
    from raingan.cli.rejected import FORMATS
    from raingan.pipeline.outputs.rejected_table import EXPORTS

    assert len(set(FORMATS)) == len(FORMATS)
    assert set(FORMATS) == {"table", *EXPORTS}


def test_the_evidence_resolution_is_the_evidence_images() -> None:
    from raingan.cli.evidence import DEFAULT_RESOLUTION as COPY
    from raingan.pipeline.outputs.evidence_images import DEFAULT_RESOLUTION

    assert COPY == DEFAULT_RESOLUTION


def test_the_report_resolution_is_the_html_reports() -> None:
    from raingan.cli.report import REPORT_RESOLUTION as COPY
    from raingan.pipeline.outputs.html_report import REPORT_RESOLUTION

    assert COPY == REPORT_RESOLUTION


def test_the_buddhist_era_offset_is_the_parsers() -> None:
    from parsers.thai_dates import BUDDHIST_ERA_OFFSET
    from raingan.cli.finding_filters import BUDDHIST_ERA_OFFSET as COPY

    assert COPY == BUDDHIST_ERA_OFFSET


def test_the_rejected_statuses_are_the_source_statuses_but_loaded() -> None:
    from models.statuses import SourceStatus
    from raingan.cli.rejected import STATUSES

    assert (
        tuple(status.value for status in SourceStatus if status is not SourceStatus.LOADED)
        == STATUSES
    )
