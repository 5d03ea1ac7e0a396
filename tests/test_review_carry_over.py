"""Reviews that follow the report (issue 20 §4), on SQLite and PostgreSQL: a re-sent report that
supersedes a reviewed one takes the reviews of the findings that say the same, marked as
carried over, and the earlier history stays; a finding can be reopened.

The re-sent copy is a real PDF: the sample `findings-percent` printed again with its memo
dated a week later (so it supersedes the first) and one percentage printed otherwise.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from typer.testing import CliRunner

from checks.identity import finding_ids
from models import OriginalsStore
from models.load import utc_now
from models.reviews import (
    NothingToReopen,
    Review,
    comparable,
    record_review,
    review_history,
    same_findings,
)
from models.tables import Finding, Report, SourceFile
from raingan.cli import app
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from sample_reports.generator.build import build_sample
from sample_reports.generator.catalogue import SAMPLES, pdf_path
from sample_reports.generator.mutations import SetFigure, SetMemo
from tests.contract import SAMPLES_DIR
from tests.databases import KINDS, a_database, load_document, on_both, query, variant

pytest_plugins = ("tests.database_fixtures",)

pytestmark = pytest.mark.slow  # real parses of sample PDFs

FIRST = "findings-percent"
CHANGED_FIELD = "status_summary.implementation_pct"  # 7.77 at first, 7.78 re-sent
CURRENT_FILES = (
    "SELECT s.sha256 FROM current_reports AS r JOIN source_files AS s ON s.id = r.source_file_id"
)


@pytest.fixture(scope="module")
def resent_pdf(tmp_path_factory) -> Path:
    """The first report printed again: memo dated a week later, one percentage changed."""
    sample = next(sample for sample in SAMPLES if sample.name == FIRST)
    memo = sample.report().memo
    assert memo is not None
    later = (
        SetMemo("date", memo.date + timedelta(days=7)),
        SetFigure(*CHANGED_FIELD.split("."), 7.78),
    )
    resent = dataclasses.replace(
        sample, name=f"{FIRST}-resent", mutations=(*sample.mutations, *later)
    )
    folder = tmp_path_factory.mktemp("resent")
    build_sample(resent, folder)
    return pdf_path(resent.name, folder)


@pytest.fixture(params=KINDS)
def database_url(request, tmp_path) -> Iterator[str]:
    with a_database(request.param, tmp_path) as url:
        yield url


class Archive:
    """A raingan home and database, fed from an inbox as `raingan ingest` feeds it."""

    def __init__(self, home: Path, url: str) -> None:
        self.home, self.url = home, url
        self.sessions = open_sessions(url)

    @property
    def env(self) -> dict[str, str]:
        return {"RAINGAN_HOME": str(self.home), "RAINGAN_DATABASE_URL": self.url}

    def ingest(self, pdf: Path) -> str:
        """Loads one PDF; returns its sha256."""
        inbox = self.home.parent / f"inbox-{pdf.stem}"
        inbox.mkdir(parents=True)
        (inbox / pdf.name).write_bytes(pdf.read_bytes())
        summary = ingest_paths(
            [inbox],
            Workspace(
                self.sessions, OriginalsStore(str(self.home / "originals")), default_parser()
            ),
        )
        assert summary.count(Status.LOADED) == 1
        sha256 = summary.outcomes[0].sha256
        assert sha256 is not None
        return sha256

    def finding_ids(self, sha256: str) -> dict[str, str]:
        """The report's findings by field (each field has one finding in these reports)."""
        statement = (
            select(Finding.field, Finding.finding_id)
            .join(Report, col(Report.id) == Finding.report_id)
            .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
            .where(SourceFile.sha256 == sha256)
        )
        with self.sessions() as session:
            rows = session.exec(statement).all()
        assert len(rows) == len({field for field, _ in rows})
        return dict(rows)

    def review(self, finding_id: str, status: str, note: str | None = None) -> None:
        args = ["review", finding_id, "--status", status, "--by", "นางสาวตรวจ"]
        self.run(*args, *(["--note", note] if note else []))

    def history(self, finding_id: str) -> list[Review]:
        with self.sessions() as session:
            return review_history(session, finding_id)

    def run(self, *args: str) -> str:
        result = CliRunner().invoke(app, list(args), env=self.env)
        assert result.exit_code == 0, result.output
        return result.output

    def rows(self, *args: str) -> list[dict]:
        return json.loads(self.run("findings", "--format", "json", *args))


@pytest.fixture
def archive(database_url, tmp_path) -> Archive:
    return Archive(tmp_path / "home", database_url)


def review_the_first_report(archive: Archive, first: dict[str, str]) -> None:
    archive.review(first["dimensions.pct_projects"], "confirmed")
    archive.review(first["dimensions.pct_projects"], "explained", "ร้อยละคิดจากโครงการทั้งหมด")
    archive.review(first["dimensions_total.pct_budget"], "dismissed", "อ่านผิดบรรทัด")
    archive.review(first["narrative.disbursed_pct"], "confirmed")
    archive.review(first["narrative.disbursed_pct"], "open", "ตัวเลขต้องตรวจอีกครั้ง")  # reopened
    archive.review(first[CHANGED_FIELD], "confirmed")


def test_a_resent_report_takes_the_reviews_of_the_findings_that_say_the_same(archive, resent_pdf):
    first_sha = archive.ingest(SAMPLES_DIR / f"{FIRST}.pdf")
    first = archive.finding_ids(first_sha)
    review_the_first_report(archive, first)
    before = {field: archive.history(finding_id) for field, finding_id in first.items()}

    resent_sha = archive.ingest(resent_pdf)
    resent = archive.finding_ids(resent_sha)
    assert set(resent) == {*first, "narrative.implementation_pct"}  # a new CROSS_TABLE finding
    assert set(resent.values()).isdisjoint(first.values())  # another file: other ids
    assert query(archive.url, CURRENT_FILES) == [(resent_sha,)]

    explained = archive.history(resent["dimensions.pct_projects"])
    assert [(r.status, r.note, r.reviewed_by, r.carried_from) for r in explained] == [
        ("explained", "ร้อยละคิดจากโครงการทั้งหมด", "นางสาวตรวจ", first["dimensions.pct_projects"])
    ]
    assert explained[0].reviewed_at == before["dimensions.pct_projects"][-1].reviewed_at
    dismissed = archive.history(resent["dimensions_total.pct_budget"])
    assert [(r.status, r.carried_from) for r in dismissed] == [
        ("dismissed", first["dimensions_total.pct_budget"])
    ]
    # Reopened before the copy came: nothing to take. Another figure, or a new finding: neither.
    for field in ("narrative.disbursed_pct", CHANGED_FIELD, "narrative.implementation_pct"):
        assert archive.history(resent[field]) == [], field

    # The earlier report's history is as it was.
    assert {field: archive.history(finding_id) for field, finding_id in first.items()} == before

    # What auditors see: the current report's findings with the reviews they took.
    shown = {row["field"]: row["review_status"] for row in archive.rows()}
    assert shown == {
        "dimensions.pct_projects": "explained",
        "dimensions_total.pct_budget": "dismissed",
        "narrative.disbursed_pct": "open",
        CHANGED_FIELD: "open",
        "narrative.implementation_pct": "open",
    }
    shown = archive.run("review", resent["dimensions.pct_projects"])
    assert f"carried over from {first['dimensions.pct_projects']}" in " ".join(shown.split())

    # Parsing both again carries nothing twice, and changes no history.
    every = {**first, **{f"resent {field}": i for field, i in resent.items()}}
    histories = {key: archive.history(finding_id) for key, finding_id in every.items()}
    archive.run("reparse", "--all")
    assert {key: archive.history(finding_id) for key, finding_id in every.items()} == histories


def test_a_late_copy_of_an_earlier_report_takes_nothing_and_changes_nothing(archive, resent_pdf):
    # The re-sent report came first and was reviewed; the one it replaces arrives after it.
    resent_sha = archive.ingest(resent_pdf)
    resent = archive.finding_ids(resent_sha)
    archive.review(resent["dimensions.pct_projects"], "confirmed")
    first_sha = archive.ingest(SAMPLES_DIR / f"{FIRST}.pdf")
    first = archive.finding_ids(first_sha)
    assert all(archive.history(finding_id) == [] for finding_id in first.values())
    assert [r.status for r in archive.history(resent["dimensions.pct_projects"])] == ["confirmed"]
    assert query(archive.url, "SELECT COUNT(*) FROM review_events") == [(1,)]


def test_a_finding_can_be_reopened_and_only_once_reviewed(archive):
    sha256 = archive.ingest(SAMPLES_DIR / f"{FIRST}.pdf")
    finding_id = archive.finding_ids(sha256)["dimensions_total.pct_budget"]

    refused = CliRunner().invoke(app, ["review", finding_id, "--status", "open"], env=archive.env)
    assert refused.exit_code == 2 and "nothing to reopen" in refused.output

    archive.review(finding_id, "dismissed", "อ่านผิดบรรทัด")
    shown = archive.run("review", finding_id, "--status", "open", "--note", "ดูหน้า 3 อีกครั้ง")
    assert shown.splitlines()[0] == f"finding {finding_id}: open"
    assert [(r.status, r.note) for r in archive.history(finding_id)] == [
        ("dismissed", "อ่านผิดบรรทัด"),
        ("open", "ดูหน้า 3 อีกครั้ง"),
    ]
    reopened = [row for row in archive.rows("--review", "open") if row["id"] == finding_id]
    assert reopened and reopened[0]["review_note"] == "ดูหน้า 3 อีกครั้ง"
    assert archive.rows("--review", "dismissed") == []
    with archive.sessions() as session, pytest.raises(NothingToReopen):  # twice: refused
        record_review(session, finding_id, "open", note=None, reviewed_by="x", now=utc_now())

    archive.review(finding_id, "confirmed")  # and reviewed again
    assert [row["review_status"] for row in archive.rows() if row["id"] == finding_id] == [
        "confirmed"
    ]


# Three copies of one report, each re-sent a week after the one before (memo dates).
RESENT_ON = (("a", "2023-03-20"), ("b", "2023-03-27"), ("c", "2023-04-03"))


def review_now(database, finding_id: str, status: str, note: str | None, by: str) -> None:
    with database.sessions() as session, session.begin():
        record_review(session, finding_id, status, note=note, reviewed_by=by, now=utc_now())


@on_both()
def test_reviews_follow_a_chain_of_resent_reports(database):
    # Documents loaded straight, as the ingest's load step does (no PDF parsed).
    dated = [variant(name, memo_date=day) for name, day in RESENT_ON]
    ids = [finding_ids(document["source"]["sha256"], document["findings"]) for document in dated]
    first = load_document(database, dated[0])
    review_now(database, ids[0][0], "confirmed", "ตรวจแล้ว", "ก")
    second = load_document(database, dated[1])
    assert second.superseded_id == first.report_id and second.reviews_carried == 1
    review_now(database, ids[1][3], "dismissed", None, "ข")
    third = load_document(database, dated[2])
    assert third.superseded_id == second.report_id and third.reviews_carried == 2

    with database.sessions() as session:
        histories = [review_history(session, finding_id) for finding_id in ids[2]]
    said = [[(r.status, r.note, r.reviewed_by, r.carried_from) for r in h] for h in histories]
    # The first report's verdict, carried from the second report's finding that took it.
    assert said[0] == [("confirmed", "ตรวจแล้ว", "ก", ids[1][0])]
    assert said[3] == [("dismissed", None, "ข", ids[1][3])]
    assert not any(said[1:3] + said[4:])


def test_findings_pair_in_order_when_several_say_the_same():
    def said(finding_id: str, seq: int, reported: int) -> tuple[str, tuple]:
        return finding_id, comparable(("SEQUENCE", "projects.seq", None, seq, reported, 2))

    earlier = [said("a1", 2, 3), said("a2", 2, 3), said("a3", 5, 6), said("a4", 9, 9)]
    later = [said("b1", 2, 3), said("b2", 5, 7), said("b3", 2, 3), said("b4", 2, 3)]
    assert same_findings(earlier, later) == [("a1", "b1"), ("a2", "b3")]
