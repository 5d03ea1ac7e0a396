"""The rows of the workbench's lists are what their types say: read from a database holding
real sample reports (parsed, checked), every row of the findings list and of the reports list
has exactly its TypedDict's keys, each value of its declared type. `models.workbench` casts
the SQL rows to these types; this holds them to the data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from models import OriginalsStore
from models.workbench import (
    ListedFinding,
    ListedReport,
    Query,
    ReportsQuery,
    findings_page,
    reports_page,
)
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from tests.contract import copy_samples
from tests.typed_values import wrong_values

pytestmark = pytest.mark.slow  # real parses of sample PDFs

LOADED = ("reference-chromium.pdf", "findings-percent.pdf", "findings-sequence.pdf")


@pytest.fixture(scope="module")
def sessions(tmp_path_factory) -> Iterator[Any]:
    home = tmp_path_factory.mktemp("workbench-rows") / "home"
    inbox = home.parent / "inbox"
    copy_samples(inbox, LOADED)
    sessions = open_sessions(f"sqlite:///{home.parent / 'raingan.sqlite'}")
    summary = ingest_paths(
        [inbox], Workspace(sessions, OriginalsStore(str(home / "originals")), default_parser())
    )
    assert summary.count(Status.LOADED) == len(LOADED)
    yield sessions


def test_each_row_of_the_findings_list_has_its_types_keys_and_kinds(sessions):
    with sessions() as session:
        rows = findings_page(session, Query(page_size=1000)).rows
    assert rows, "the samples have findings"
    assert {type(row["reported"]) for row in rows} - {type(None)}, "some figure is reported"
    for row in rows:
        assert list(row) == list(ListedFinding.__annotations__)
        assert wrong_values(row, ListedFinding) == {}, row["finding_id"]


def test_each_row_of_the_reports_list_has_its_types_keys_and_kinds(sessions):
    with sessions() as session:
        rows, total = reports_page(session, ReportsQuery())
    assert total == len(rows) == len(LOADED)
    assert any(row["findings"] > 0 for row in rows)
    assert all(row["data_as_of"] is not None for row in rows)
    for row in rows:
        assert list(row) == list(ListedReport.__annotations__)
        assert wrong_values(row, ListedReport) == {}, row["source_file"]
