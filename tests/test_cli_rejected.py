"""`raingan rejected`: the files raingan refused or failed on, with code and reason, filtered by
date, code, status and inbox, in the output formats of `raingan findings`; on SQLite and
PostgreSQL, through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from models import OriginalsStore
from models.engine import make_engine
from raingan.cli import app
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from tests.contract import copy_samples
from tests.databases import KINDS, a_database

pytestmark = pytest.mark.slow  # real parses of sample PDFs

ELSEWHERE = "/srv/elsewhere/broken.pdf"  # a failure, as an inbox elsewhere left it


@dataclass
class Archive:
    home: Path
    url: str
    inbox: Path

    def invoke(self, *args: str) -> tuple[int, str, str]:
        env = {"RAINGAN_HOME": str(self.home), "RAINGAN_DATABASE_URL": self.url, "COLUMNS": "200"}
        result = CliRunner().invoke(app, list(args), env=env)
        return result.exit_code, result.stdout, result.stderr

    def rows(self, *args: str) -> list[dict]:
        code, out, err = self.invoke("rejected", "--format", "json", *args)
        assert code == 0, err
        return json.loads(out)

    def files(self, *args: str) -> list[str]:
        return [row["file"] for row in self.rows(*args)]


def execute(url: str, sql: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


def load(home: Path, url: str) -> Archive:
    inbox = home.parent / "inbox"
    copy_samples(inbox, ("findings-percent.pdf", "reject-docx.pdf"))
    (inbox / "empty.pdf").write_bytes(b"")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (inbox / "old.pdf").write_bytes(b"GIF89a an image")
    summary = ingest_paths(
        [inbox],
        Workspace(open_sessions(url), OriginalsStore(str(home / "originals")), default_parser()),
    )
    assert summary.count(Status.REJECTED) == 4 and summary.count(Status.LOADED) == 1
    # One rejected long ago, one failed (an internal error) in another inbox.
    execute(url, "UPDATE source_files SET last_seen = '2025-01-02 03:04:05' "
                 "WHERE original_name = 'old.pdf'")  # fmt: skip
    execute(
        url,
        "UPDATE source_files SET status = 'failed', rejection_code = NULL, "
        f"rejection_reason = NULL, failure = 'OperationalError: the database went away', "
        f"origin = '{ELSEWHERE}' WHERE original_name = 'broken.pdf'",
    )
    return Archive(home, url, inbox)


@pytest.fixture(scope="module", params=KINDS)
def archive(request, tmp_path_factory) -> Iterator[Archive]:
    home = tmp_path_factory.mktemp(request.param) / "home"
    with a_database(request.param, home.parent) as url:
        yield load(home, url)


def test_every_rejected_and_failed_file_with_its_code_and_reason_newest_first(archive):
    rows = archive.rows()
    assert [row["file"] for row in rows][-1] == "old.pdf"  # seen longest ago
    by_file = {row["file"]: row for row in rows}
    assert set(by_file) == {"reject-docx.pdf", "empty.pdf", "broken.pdf", "old.pdf"}
    assert by_file["reject-docx.pdf"]["code"] == "not_pdf"
    assert "ZIP archive" in by_file["reject-docx.pdf"]["reason"]
    assert by_file["empty.pdf"]["reason"] == "the file is empty"
    assert (by_file["broken.pdf"]["status"], by_file["broken.pdf"]["code"]) == ("failed", None)
    assert by_file["broken.pdf"]["reason"] == "OperationalError: the database went away"
    assert by_file["old.pdf"]["origin"] == str(archive.inbox / "old.pdf")


def test_the_table_shows_each_file_and_counts_them(archive):
    code, out, _ = archive.invoke("rejected")
    assert code == 0
    assert "reject-docx.pdf" in out and "not_pdf" in out and "the database went away" in out
    assert out.rstrip().endswith("4 files rejected or failed")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--code", "not_pdf"), {"reject-docx.pdf", "empty.pdf", "old.pdf"}),
        (("--status", "failed"), {"broken.pdf"}),
        (("--status", "rejected"), {"reject-docx.pdf", "empty.pdf", "old.pdf"}),
        (("--since", "2025-06-01"), {"reject-docx.pdf", "empty.pdf", "broken.pdf"}),
        (("--until", "2025-01-03"), {"old.pdf"}),
        (("--since", "2025-01-01", "--until", "2025-01-01"), set()),
        (("--inbox", "/srv/elsewhere"), {"broken.pdf"}),
        (("--inbox", "/srv/elsewhere/"), {"broken.pdf"}),
        (("--inbox", "/srv/else"), set()),  # a folder, not the start of a name
    ],
)
def test_each_filter_selects(archive, args, expected):
    assert set(archive.files(*args)) == expected


def test_an_inbox_folder_by_its_path_as_typed(archive, monkeypatch):
    monkeypatch.chdir(archive.inbox.parent)
    expected = {"reject-docx.pdf", "empty.pdf", "old.pdf"}
    assert set(archive.files("--inbox", "inbox")) == expected


def test_the_exports_of_findings(archive, tmp_path):
    expected = {row["file"] for row in archive.rows()}
    assert archive.invoke("rejected", "-o", str(tmp_path / "r.csv"))[0] == 0
    csv = (tmp_path / "r.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbflast_seen,first_seen,status,code,reason,file")
    assert archive.invoke("rejected", "-o", str(tmp_path / "r.xlsx"))[0] == 0
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["rejected"]
    header = [cell.value for cell in sheet[1]]
    files = {row[header.index("file")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert files == expected
    assert archive.invoke("rejected", "-o", str(tmp_path / "r.parquet"))[0] == 0
    table = pq.read_table(tmp_path / "r.parquet")
    assert str(table.schema.field("last_seen").type) == "timestamp[us]"
    assert set(table.column("file").to_pylist()) == expected


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--code", "nope"), "error: --code is one of not_pdf,"),
        (("--status", "loaded"), "error: --status is one of rejected, failed, not 'loaded'"),
        (("-o", "r.html"), "error: -o r.html: html is not one of this command's formats"),
        (("-o", "r.xlsx", "--format", "json"), "error: -o r.xlsx says xlsx but --format says"),
    ],
)
def test_a_question_it_cannot_answer_is_refused(archive, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    code, out, err = archive.invoke("rejected", *args)
    assert (code, out) == (2, "")
    assert err.startswith(said)
    assert list(tmp_path.iterdir()) == []


def test_the_nightly_ledger_says_which_inbox_listed_a_file(home, tmp_path):
    from flows.nightly import nightly_ingest

    first, second = tmp_path / "first", tmp_path / "second"
    copy_samples(first, ("reject-docx.pdf",))
    copy_samples(second, ("reject-docx.pdf",))
    nightly_ingest(str(first))
    nightly_ingest(str(second))
    result = CliRunner().invoke(app, ["rejected", "--inbox", str(second), "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["file"], row["code"]) == ("reject-docx.pdf", "not_pdf")
    assert row["inboxes"] == [str(first), str(second)]
    assert row["origin"] == str(first / "reject-docx.pdf")  # where it was first read
    other = CliRunner().invoke(app, ["rejected", "--inbox", str(home), "--format", "json"])
    assert json.loads(other.stdout) == []
