"""The rows of the findings table and of the rejected files table are what their types say:
read from a database holding real sample reports (parsed, checked, some rejected), every row
has exactly its TypedDict's keys, in the exports' column order, each value of its declared
type. mypy trusts these types; this holds them to the data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from models import OriginalsStore
from models.read import (
    FindingRow,
    FindingSelection,
    RejectedRow,
    RejectedSelection,
    entry_row,
    finding_rows,
    rejected_rows,
)
from models.tables import InboxEntry
from models.workbench import finding_row
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.outputs import findings_table, rejected_table
from raingan.pipeline.workspace import Workspace
from tests.contract import copy_samples
from tests.typed_values import conforms, wrong_values

pytestmark = pytest.mark.slow  # real parses of sample PDFs

LOADED = ("reference-chromium.pdf", "findings-percent.pdf", "findings-sequence.pdf")
REJECTED = ("reject-docx.pdf",)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory) -> Iterator[Any]:
    home = tmp_path_factory.mktemp("rows") / "home"
    inbox = home.parent / "inbox"
    copy_samples(inbox, LOADED + REJECTED)
    sessions = open_sessions(f"sqlite:///{home.parent / 'raingan.sqlite'}")
    summary = ingest_paths(
        [inbox], Workspace(sessions, OriginalsStore(str(home / "originals")), default_parser())
    )
    assert summary.count(Status.LOADED) == len(LOADED)
    assert summary.count(Status.REJECTED) == len(REJECTED)
    yield sessions


def test_each_finding_row_has_its_types_keys_in_the_exports_order(sessions):
    with sessions() as session:
        rows = finding_rows(session, FindingSelection())
    assert len(rows) >= 10  # the reference report's ten, and the other samples'
    for row in rows:
        assert tuple(row) == findings_table.COLUMNS
        assert wrong_values(row, FindingRow) == {}, row["id"]


def test_a_finding_read_by_its_id_is_the_same_row(sessions):
    with sessions() as session:
        rows = finding_rows(session, FindingSelection())
        by_id = [finding_row(session, row["id"]) for row in rows]
    assert by_id == rows


def test_each_rejected_row_has_its_types_keys_in_the_exports_order(sessions):
    with sessions() as session:
        rows = rejected_rows(session, RejectedSelection())
    assert [row["file"] for row in rows] == list(REJECTED)
    for row in rows:
        assert tuple(row) == rejected_table.COLUMNS
        assert wrong_values(row, RejectedRow) == {}


def test_a_file_never_read_is_a_rejected_row_of_its_type():
    seen = datetime(2026, 12, 1, 3, 4, 5)
    entry = InboxEntry(
        inbox="/srv/inbox/",
        path="gone/report.pdf",
        size_bytes=1234,
        version="1733454245.0",
        outcome="failed",
        message="FileNotFoundError: it vanished",
        first_seen=seen,
        last_seen=seen,
    )
    row = entry_row(entry)
    assert tuple(row) == rejected_table.COLUMNS
    assert wrong_values(row, RejectedRow) == {}
    assert (row["origin"], row["sha256"], row["inboxes"]) == (
        "/srv/inbox/gone/report.pdf",
        None,
        ["/srv/inbox/"],
    )


def test_the_checker_tells_a_wrong_type():
    assert conforms(None, int | None) and conforms(3, int | None)
    assert not conforms("3", int | None) and not conforms(True, int)
    assert conforms([1, 2], list[int]) and not conforms([1, "2"], list[int])
    assert not conforms(datetime(2026, 1, 1).date(), datetime)
