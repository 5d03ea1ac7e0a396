"""Questions the command line cannot answer end with exit 2 and one line saying why, never an
empty answer that reads as a clean one; ids and reports are found as people have them. On
SQLite and PostgreSQL, through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from checks import RULES_VERSION
from models import OriginalsStore
from raingan.cli import app
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from tests.commands import raingan
from tests.contract import SAMPLES_DIR, copy_samples
from tests.databases import KINDS, a_database, query

pytestmark = pytest.mark.slow  # real parses of sample PDFs

# Fiscal years 2566 (the reference, twice: one supersedes the other), 2568 and 2565.
SAMPLES = (
    "reference-chromium.pdf",
    "reference-libreoffice.pdf",
    "findings-percent.pdf",
    "sao-nonsung-2565-r6.pdf",
)
# Two different reports ingested under one file name, from two folders.
SAME_NAME = {"a/same.pdf": "findings-sequence.pdf", "b/same.pdf": "findings-amount-sum.pdf"}


@dataclass
class Archive:
    home: Path
    url: str

    @property
    def env(self) -> dict[str, str]:
        return {"RAINGAN_HOME": str(self.home), "RAINGAN_DATABASE_URL": self.url}

    def invoke(self, *args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args), env=self.env)
        return result.exit_code, result.stdout, result.stderr

    def run(self, *args: str) -> str:
        code, out, err = self.invoke(*args)
        assert code == 0, err
        return out

    def refused(self, *args: str) -> str:
        """The one line a refused question prints (exit 2, nothing on stdout)."""
        code, out, err = self.invoke(*args)
        assert (code, out) == (2, ""), (code, out, err)
        assert len(err.strip().splitlines()) == 1, err
        return " ".join(err.split())

    def rows(self, *args: str) -> list[dict]:
        return json.loads(self.run("findings", "--format", "json", *args))


def load(home: Path, url: str) -> Archive:
    inbox = home.parent / "inbox"
    copy_samples(inbox, SAMPLES)
    for name, sample in SAME_NAME.items():
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        (inbox / name).write_bytes((SAMPLES_DIR / sample).read_bytes())
    summary = ingest_paths(
        [inbox],
        Workspace(open_sessions(url), OriginalsStore(str(home / "originals")), default_parser()),
    )
    assert summary.count(Status.LOADED) == len(SAMPLES) + len(SAME_NAME)
    return Archive(home, url)


@pytest.fixture(scope="module", params=KINDS)
def archive(request, tmp_path_factory) -> Iterator[Archive]:
    home = tmp_path_factory.mktemp(request.param) / "home"
    with a_database(request.param, home.parent) as url:
        yield load(home, url)


# 1. Years and rules versions the data does not have -------------------------------------------


@pytest.mark.parametrize(
    ("year", "said"),
    [
        ("2023", "--year 2023 is not a Buddhist-era year"),
        ("66", "--year 66 is not a Buddhist-era year"),
    ],
)
def test_a_gregorian_or_short_year_is_refused_with_the_be_year(archive, year, said):
    line = archive.refused("findings", "--year", year)
    assert line.startswith(f"error: {said}")
    assert "did you mean --year 2566?" in line
    assert "2565–2568" in line  # the data's range


def test_a_year_outside_the_data_is_refused_and_one_inside_answers(archive, tmp_path):
    line = archive.refused("findings", "--year", "2570")
    assert line == "error: --year 2570 is outside the data: the reports stored are of 2565–2568"
    page = tmp_path / "audit.html"
    assert "outside the data" in archive.refused("report", "-o", str(page), "--year", "2564")
    assert not page.exists()
    assert {row["fiscal_year"] for row in archive.rows("--year", "2568")} == {2568}


@pytest.mark.parametrize("command", ["reparse", "audit"])
def test_reparse_and_audit_refuse_a_year_before_doing_nothing(archive, command):
    line = archive.refused(command, "--year", "2023")
    assert line.startswith("error: --year 2023 is not a Buddhist-era year")


def test_an_unknown_rules_version_lists_the_known_ones(archive):
    line = archive.refused("findings", "--rules-version", "99")
    assert (
        line
        == f"error: --rules-version '99' is unknown; the stored rules versions: {RULES_VERSION}"
    )
    assert archive.rows("--rules-version", RULES_VERSION)


# 1. -o FILE: the format from the extension ------------------------------------------------------


def test_the_extension_of_o_chooses_the_format(archive, tmp_path):
    archive.run("findings", "-o", str(tmp_path / "f.xlsx"))
    workbook = openpyxl.load_workbook(tmp_path / "f.xlsx")
    assert workbook.sheetnames == ["findings", "reports", "rules"]
    archive.run("findings", "-o", str(tmp_path / "f.parquet"))
    table = pq.read_table(tmp_path / "f.parquet")
    assert "reported_number" in table.column_names and table.num_rows > 0
    archive.run("findings", "-o", str(tmp_path / "f.JSON"))
    rows = json.loads((tmp_path / "f.JSON").read_text(encoding="utf-8"))
    assert rows == archive.rows()
    archive.run("findings", "-o", str(tmp_path / "f.csv"))
    assert (tmp_path / "f.csv").read_bytes().startswith(b"\xef\xbb\xbfid,organization")
    archive.run("findings", "-o", str(tmp_path / "f.txt"))
    assert "review / id" in (tmp_path / "f.txt").read_text(encoding="utf-8")


def test_the_html_extension_writes_the_report_page(archive, tmp_path):
    page = tmp_path / "f.html"
    said = archive.run("findings", "--year", "2568", "-o", str(page))
    assert "4 findings in 1 reports" in said
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "PERCENT" in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("-o", "f.xlsx", "--format", "csv"), "-o f.xlsx says xlsx but --format says csv"),
        (("-o", "f.csv", "--format", "table"), "-o f.csv says csv but --format says table"),
        (("-o", "f.xls"), "-o f.xls: the extension does not say a format"),
        (("--format", "html"), "html is written to a file: add -o FILE.html"),
    ],
)
def test_a_format_the_extension_contradicts_or_does_not_say_is_refused(
    archive, tmp_path, monkeypatch, args, said
):
    monkeypatch.chdir(tmp_path)
    assert archive.refused("findings", *args).startswith(f"error: {said}")
    assert list(tmp_path.iterdir()) == []


def test_an_explicit_format_names_a_file_of_any_extension(archive, tmp_path):
    archive.run("findings", "--format", "json", "-o", str(tmp_path / "findings.out"))
    assert json.loads((tmp_path / "findings.out").read_bytes()) == archive.rows()


# 2. Ids as people have them ---------------------------------------------------------------------


def test_a_finding_id_prefix_of_six_or_more_names_the_finding(archive, tmp_path):
    target = archive.rows("--year", "2568")[0]["id"]
    shown = archive.run("review", target[:6].upper(), "--status", "explained", "--note", "ok")
    assert f"finding {target}: explained" in shown
    reviewed = next(row for row in archive.rows("--year", "2568") if row["id"] == target)
    assert reviewed["review_status"] == "explained"
    assert f"finding {target}: explained" in archive.run("review", target[:9])
    out = tmp_path / "evidence"
    drawn = archive.run("evidence", target[:7], "-o", str(out), "--resolution", "36")
    assert [Path(line).name for line in drawn.split()] == [p.name for p in sorted(out.iterdir())]
    assert all(p.name.startswith(target) for p in out.iterdir())


def test_a_prefix_shorter_than_six_or_matching_nothing_is_refused(archive):
    target = archive.rows()[0]["id"]
    assert archive.refused("review", target[:5]) == (
        f"error: a finding id of at least 6 characters, not '{target[:5]}'"
    )
    assert archive.refused("evidence", "zzzzzz") == "error: no finding zzzzzz"


def test_an_ambiguous_prefix_lists_the_findings_it_matches(archive):
    first, second = (row["id"] for row in archive.rows("--year", "2568")[:2])
    twin = first[:8] + second[8:]  # make two ids share their first eight digits
    with_twin = f"UPDATE findings SET finding_id = '{twin}' WHERE finding_id = '{second}'"
    back = f"UPDATE findings SET finding_id = '{second}' WHERE finding_id = '{twin}'"
    query_statement(archive.url, with_twin)
    try:
        line = archive.refused("review", first[:8])
        assert line.startswith(f"error: '{first[:8]}' names several findings: ")
        assert first in line and twin in line and "findings-percent.pdf" in line
        assert archive.refused("evidence", first[:8]) == line
        assert f"finding {first}: " in archive.run("review", first[:9])
    finally:
        query_statement(archive.url, back)


def query_statement(url: str, sql: str) -> None:
    from sqlalchemy import text

    from models.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


def test_report_takes_the_file_name_as_ingested(archive):
    by_name = archive.rows("--report", "reference-chromium.pdf")
    assert len(by_name) == 10 and {row["source_file"] for row in by_name} == {
        "reference-chromium.pdf"
    }
    by_hash = archive.rows("--report", by_name[0]["sha256"][:8])
    assert by_hash == by_name
    table = archive.run("findings", "--report", "findings-percent.pdf")
    assert "findings-percent.pdf" in table and "4 findings" in table


def test_a_file_name_of_two_reports_lists_both(archive):
    line = archive.refused("findings", "--report", "same.pdf")
    assert line.startswith("error: --report 'same.pdf' names 2 reports: ")
    assert line.count("same.pdf") == 3
    assert archive.refused("findings", "--report", "nothing.pdf") == (
        "error: --report 'nothing.pdf': no report with that file name or a sha256 starting so"
    )


# 1. Read-only commands never create a database ------------------------------------------------

READ_ONLY = (
    ("findings",),
    ("findings", "--year", "2566"),
    ("review", "0123456789abcdef"),
    ("evidence", "0123456789abcdef"),
    ("report", "-o", "audit.html"),
    ("db", "current"),
)


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda args: " ".join(args))
def test_a_missing_database_is_named_and_nothing_is_created(tmp_path, args):
    missing = tmp_path / "nonexistent" / "dir" / "x.sqlite"
    run = raingan(
        *args,
        home=tmp_path / "home",
        RAINGAN_DATABASE_URL=f"sqlite:///{missing}",
    )
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"error: no database at {missing} (RAINGAN_DATABASE_URL)")
    assert not (tmp_path / "nonexistent").exists()
    assert not (tmp_path / "home").exists()


def test_an_empty_database_is_not_given_a_schema_by_a_reading_command(postgres_url, tmp_path):
    run = raingan("findings", home=tmp_path / "home", RAINGAN_DATABASE_URL=postgres_url)
    assert run.returncode == 2, run.stderr
    assert "holds no raingan data" in run.stderr and "RAINGAN_DATABASE_URL" in run.stderr
    tables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
    assert query(postgres_url, tables) == [(0,)]
