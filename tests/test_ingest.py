"""The ingest pipeline on SQLite and PostgreSQL: loading, idempotence, supersession, failures,
parser upgrades, and several workers at once.

The parser here is `tests.databases.parse_json_file` (a test "report file" holds its
document as JSON), so that these tests exercise loading only; `test_ingest_cli.py` runs the
real parser.
"""

from __future__ import annotations

import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

import models.load
from models.engine import make_engine, session_factory
from models.migrate import ensure_schema
from models.originals import OriginalsStore, sha256_of
from models.read import read_document
from models.tables import Organisation, Report, SourceFile
from raingan.pipeline import Parser, Status, discover, ingest_file, ingest_paths, reparse
from raingan.pipeline.ingestion.single_file import Attempt, parse_and_load
from raingan.pipeline.workspace import Workspace
from tests.databases import (
    ingest_worker,
    json_parser,
    on_both,
    parse_json_file,
    reference_variants,
    report_file,
    variant,
    write_report,
)

pytest_plugins = ("tests.database_fixtures",)


@pytest.fixture
def store(tmp_path) -> OriginalsStore:
    return OriginalsStore(str(tmp_path / "originals"))


def run(database, store, paths, parser: Parser | None = None):
    return ingest_paths(paths, Workspace(database.sessions, store, parser or json_parser()))


def snapshot(database, ignore: frozenset[str] = frozenset({"last_seen"})) -> dict:
    """Every row of every table (but the columns in `ignore`)."""
    found = {}
    with database.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in ignore]
            statement = select(*columns).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in connection.execute(statement)]
    return found


def reports(database) -> list[Report]:
    with database.sessions() as session:
        return list(session.exec(select(Report).order_by(Report.id)).scalars())


def source_file(database, sha256: str) -> SourceFile:
    with database.sessions() as session:
        return session.exec(select(SourceFile).where(SourceFile.sha256 == sha256)).scalars().one()


# Loading and idempotence --------------------------------------------------------------------


@on_both("empty_database_url")
def test_loading_again_changes_nothing_and_says_so(database, store, tmp_path):
    documents = reference_variants()
    inbox = tmp_path / "inbox"
    paths = [write_report(inbox, f"{name}.pdf", doc) for name, doc in documents.items()]
    first = run(database, store, [inbox])
    assert first.as_dict() == {
        "loaded": 3,
        "unchanged": 0,
        "superseded": 0,
        "rejected": 0,
        "failed": 0,
        "skipped": 0,
        "with findings": 2,  # the reference's ten findings, and the odd variant's three
    }
    before = snapshot(database)
    copy = tmp_path / "elsewhere" / "renamed.pdf"  # the same content under another name
    copy.parent.mkdir()
    copy.write_bytes(paths[0].read_bytes())
    again = run(database, store, [inbox, copy])
    assert [o.status for o in again.outcomes] == [Status.UNCHANGED] * 4
    assert "loaded earlier" in again.outcomes[0].message
    assert snapshot(database) == before
    sha = sha256_of(paths[0].read_bytes())
    seen = source_file(database, sha)
    assert seen.last_seen > seen.first_seen
    assert seen.origin == str(paths[0].resolve())  # where it was first seen


@on_both("empty_database_url")
def test_what_is_read_back_is_the_parsed_document_and_the_original_is_kept(
    database, store, tmp_path
):
    path = write_report(tmp_path, "kalasin.pdf", reference_variants()["reference"])
    outcome = ingest_file(path, Workspace(database.sessions, store, json_parser()))
    assert outcome.status == Status.LOADED
    parsed = parse_json_file(path.read_bytes(), "kalasin.pdf").document
    with database.sessions() as session:
        assert read_document(session, outcome.report_id) == parsed
    assert store.get(outcome.sha256) == path.read_bytes()


@on_both("empty_database_url")
def test_bytes_from_a_url_are_recorded_with_their_origin(database, store):
    data = report_file(reference_variants()["reference"])
    url = "https://example.go.th/files/report.pdf"
    outcome = ingest_file(
        data, Workspace(database.sessions, store, json_parser()), name="report.pdf", origin=url
    )
    assert outcome.status == Status.LOADED
    assert source_file(database, outcome.sha256).origin == url


@on_both("empty_database_url")
def test_rejected_stays_rejected_and_failed_is_tried_again(database, store, tmp_path):
    rejected = tmp_path / "scan.pdf"
    rejected.write_bytes(b"REJECT no_text_layer")
    flaky_file = write_report(tmp_path, "flaky.pdf", reference_variants()["reference"])
    calls = []

    def flaky(data: bytes, filename: str):
        calls.append(filename)
        if filename == "flaky.pdf" and calls.count("flaky.pdf") == 1:
            raise RuntimeError("a parser bug, fixed by the next try")
        return parse_json_file(data, filename)

    parser = replace(json_parser(), parse=flaky)
    first = run(database, store, [rejected, flaky_file], parser)
    assert [(o.status, o.rejection_code) for o in first.outcomes] == [
        (Status.REJECTED, "no_text_layer"),
        (Status.FAILED, None),
    ]
    assert "RuntimeError: a parser bug" in first.outcomes[1].message
    failed = source_file(database, first.outcomes[1].sha256)
    assert (failed.status, failed.parser_version) == ("failed", "test-1")
    assert "a parser bug" in failed.failure
    assert reports(database) == []

    renamed = flaky_file.rename(tmp_path / "flaky-again.pdf")  # the same file, renamed
    second = run(database, store, [rejected, renamed], parser)
    assert [o.status for o in second.outcomes] == [Status.UNCHANGED, Status.LOADED]
    assert calls == ["scan.pdf", "flaky.pdf", "flaky-again.pdf"]  # no rejection redone
    retried = source_file(database, first.outcomes[1].sha256)
    assert (retried.status, retried.failure) == ("loaded", None)
    assert retried.origin == str(flaky_file.resolve())  # where it was first seen
    with database.sessions() as session:
        back = read_document(session, second.outcomes[1].report_id)
    assert back == parse_json_file(renamed.read_bytes(), "flaky-again.pdf").document


# Supersession -------------------------------------------------------------------------------

GROUP = {"organization": "เทศบาลเมืองทดสอบ", "fiscal_year": 2566, "round_months": 12}
# name -> the figures that order the reports of one organisation, fiscal year and round
ARRIVALS = {
    "early": variant("early", **GROUP, data_as_of="2023-08-01", memo_date="2023-08-02"),
    "late": variant("late", **GROUP, data_as_of="2023-09-30", memo_date="2023-10-01"),
    "late-memo-earlier": variant(
        "late-memo-earlier", **GROUP, data_as_of="2023-09-30", memo_date="2023-09-30"
    ),
    "other-round": variant("other-round", **{**GROUP, "round_months": 6}, data_as_of="2023-03-31"),
}
ORDERS = {
    "oldest first": ["early", "late-memo-earlier", "late", "other-round"],
    "newest first": ["late", "late-memo-earlier", "early", "other-round"],
    "mixed": ["other-round", "late-memo-earlier", "early", "late"],
}


@on_both("empty_database_url")
@pytest.mark.parametrize("order", ORDERS)
def test_the_latest_report_is_current_whatever_order_they_arrive_in(
    database, store, tmp_path, order
):
    paths = [write_report(tmp_path, f"{name}.pdf", ARRIVALS[name]) for name in ORDERS[order]]
    summary = run(database, store, paths)
    assert summary.count(Status.LOADED) == 4
    assert summary.superseded == 2  # each of the three of one group supersedes or is
    by_file = {}
    with database.sessions() as session:
        rows = session.exec(
            select(Report, SourceFile.original_name).join(
                SourceFile, SourceFile.id == Report.source_file_id
            )
        ).all()
        by_file = {name.removesuffix(".pdf"): report for report, name in rows}
        current = (
            session.exec(
                select(Report.id).where(Report.superseded_by_id.is_(None)).order_by(Report.id)
            )
            .scalars()
            .all()
        )
        in_view = (
            session.exec(
                select(SourceFile.original_name)
                .join(Report, Report.source_file_id == SourceFile.id)
                .where(Report.id.in_(select(Report.id).where(Report.superseded_by_id.is_(None))))
            )
            .scalars()
            .all()
        )
    late, other = by_file["late"], by_file["other-round"]
    assert sorted(current) == sorted([late.id, other.id])
    assert by_file["early"].superseded_by_id == late.id
    assert by_file["late-memo-earlier"].superseded_by_id == late.id  # same date: memo decides
    assert sorted(in_view) == ["late.pdf", "other-round.pdf"]
    with database.engine.connect() as connection:
        view = connection.exec_driver_sql(
            "SELECT organisation_name, round_months, data_as_of, org_type FROM current_reports"
            " ORDER BY round_months"
        ).all()
    assert [(v[0], v[1], str(v[2]), v[3]) for v in view] == [
        ("เทศบาลเมืองทดสอบ", 6, "2023-03-31", "เทศบาลเมือง"),
        ("เทศบาลเมืองทดสอบ", 12, "2023-09-30", "เทศบาลเมือง"),
    ]


@on_both("empty_database_url")
def test_reports_that_cannot_be_placed_in_a_group_are_all_current(database, store, tmp_path):
    nameless = [variant(f"nameless-{i}") for i in range(2)]
    for document in nameless:
        document["report"]["organization"] = None
    paths = [write_report(tmp_path, f"n{i}.pdf", doc) for i, doc in enumerate(nameless)]
    assert run(database, store, paths).count(Status.LOADED) == 2
    assert [r.superseded_by_id for r in reports(database)] == [None, None]


# Failures -----------------------------------------------------------------------------------


@on_both("empty_database_url")
def test_a_failure_in_the_middle_of_a_load_leaves_no_trace_of_the_report(
    database, store, tmp_path, monkeypatch
):
    current = write_report(tmp_path, "current.pdf", ARRIVALS["early"])
    assert run(database, store, [current]).count(Status.LOADED) == 1
    before = snapshot(database, ignore=frozenset({"last_seen", "first_seen"}))

    real_insert_rows = models.load.insert_rows

    def fail_at_projects(session, table, rows):
        if table.__tablename__ == "projects":  # after the report, memo and summary tables
            raise ConnectionError("the database went away")
        real_insert_rows(session, table, rows)

    monkeypatch.setattr(models.load, "insert_rows", fail_at_projects)
    newer = write_report(tmp_path, "newer.pdf", ARRIVALS["late"])
    other_org = write_report(tmp_path, "other.pdf", variant("other", organization="อบต.ใหม่"))
    summary = run(database, store, [newer, other_org])
    assert [o.status for o in summary.outcomes] == [Status.FAILED, Status.FAILED]
    assert "ConnectionError: the database went away" in summary.outcomes[0].message

    after = snapshot(database, ignore=frozenset({"last_seen", "first_seen"}))
    before.pop("source_files"), after.pop("source_files")
    assert after == before  # no report, organisation, row or supersession change
    for outcome in summary.outcomes:  # the files are known as failed, nothing else of them
        assert source_file(database, outcome.sha256).status == "failed"

    monkeypatch.setattr(models.load, "insert_rows", real_insert_rows)
    retried = run(database, store, [newer, other_org])
    assert [o.status for o in retried.outcomes] == [Status.LOADED, Status.LOADED]
    assert retried.superseded == 1


# Parser upgrades ----------------------------------------------------------------------------


@on_both("empty_database_url")
def test_a_new_parser_version_parses_again_and_replaces(database, store, tmp_path):
    path = write_report(tmp_path, "r.pdf", ARRIVALS["late"])
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"REJECT no_text_layer")
    old = run(database, store, [path, scan]).outcomes[0].report_id
    upgraded = json_parser("test-2")
    summary = run(database, store, [path, scan], upgraded)
    assert [o.status for o in summary.outcomes] == [Status.LOADED, Status.REJECTED]
    [report] = reports(database)
    assert report.id != old and report.parser_version == "test-2"
    assert run(database, store, [path, scan], upgraded).count(Status.UNCHANGED) == 2


@on_both("empty_database_url")
def test_reparse_selects_by_parser_version_organisation_and_year(database, store, tmp_path):
    documents = {
        "a": variant("a", organization="เทศบาลนครขอนแก่น", fiscal_year=2566),
        "b": variant("b", organization="เทศบาลนครขอนแก่น", fiscal_year=2567),
        "c": variant("c", organization="อบต.ท่าพระ", fiscal_year=2566),
    }
    paths = [write_report(tmp_path, f"{name}.pdf", doc) for name, doc in documents.items()]
    run(database, store, paths)
    upgraded = json_parser("test-2")

    def reparsed(**selection) -> list[str]:
        summary = reparse(Workspace(database.sessions, store, upgraded), **selection)
        assert summary.failed == 0
        return sorted(o.name for o in summary.outcomes)

    assert reparsed(organisation="นครขอน แก่น") == ["a.pdf", "b.pdf"]  # white space ignored
    assert reparsed(fiscal_year=2566) == ["a.pdf", "c.pdf"]
    assert reparsed(parser_version="test-1") == []  # all three were parsed again above
    assert reparsed(parser_version="test-2") == ["a.pdf", "b.pdf", "c.pdf"]
    assert {r.parser_version for r in reports(database)} == {"test-2"}
    assert len(reports(database)) == 3


@on_both("empty_database_url")
def test_a_report_the_new_parser_rejects_gives_way_to_the_one_before(database, store, tmp_path):
    early = write_report(tmp_path, "early.pdf", ARRIVALS["early"])
    late = write_report(tmp_path, "late.pdf", ARRIVALS["late"])
    run(database, store, [early, late])

    def rejects_late(data: bytes, filename: str):
        if filename == "late.pdf":
            return parse_json_file(b"REJECT not_a_report", filename)
        return parse_json_file(data, filename)

    summary = reparse(
        Workspace(database.sessions, store, Parser(rejects_late, "test-2", "1")),
        parser_version="test-1",
    )
    assert sorted((o.name, o.status) for o in summary.outcomes) == [
        ("early.pdf", Status.LOADED),
        ("late.pdf", Status.REJECTED),
    ]
    [report] = reports(database)
    assert report.superseded_by_id is None
    assert report.data_as_of.isoformat() == "2023-08-01"


@on_both("empty_database_url")
def test_files_over_the_size_limit_are_rejected_unread_and_kept(database, store, tmp_path):
    path = write_report(tmp_path, "huge.pdf", ARRIVALS["late"])
    parser = replace(json_parser(), max_bytes=100)
    [outcome] = run(database, store, [path], parser).outcomes
    assert (outcome.status, outcome.rejection_code) == (Status.REJECTED, "too_large")
    assert store.get(outcome.sha256) == path.read_bytes()
    summary = reparse(
        Workspace(database.sessions, store, parser), fiscal_year=None, parser_version="test-1"
    )
    assert [(o.status, o.rejection_code) for o in summary.outcomes] == [
        (Status.REJECTED, "too_large")
    ]


def test_load_steps_can_be_called_one_by_one(tmp_path):
    # the Prefect flows call these same functions as tasks
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    ensure_schema(engine)
    data = report_file(ARRIVALS["late"])
    from models.load import SourceInfo, utc_now

    info = SourceInfo(sha256_of(data), "late.pdf", "/inbox/late.pdf", len(data))
    store = OriginalsStore(str(tmp_path / "originals"))  # parse_and_load keeps nothing itself
    workspace = Workspace(session_factory(engine), store, json_parser())
    outcome = parse_and_load(data, Attempt(info, workspace, utc_now()))
    assert outcome.status == Status.LOADED and outcome.findings == 10


# Finding files ------------------------------------------------------------------------------


def test_discover_expands_folders_and_globs_once_each(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "a" / ".git").mkdir()
    for name in ("a/1.pdf", "a/deep/2.PDF", "a/notes.docx", "a/.DS_Store", "a/.git/x", "b.pdf"):
        (tmp_path / name).write_bytes(b"x")
    found = discover(
        [tmp_path / "a", str(tmp_path / "*.pdf"), tmp_path / "a" / "1.pdf", tmp_path / "nope"]
    )
    names = [str(p.relative_to(tmp_path)) for p in found.files]
    assert names == ["a/1.pdf", "a/deep/2.PDF", "b.pdf"]
    assert found.missing == [str(tmp_path / "nope")]
    assert found.hidden_skipped == 2
    assert found.not_pdf_skipped == 1  # a/notes.docx: its name and its bytes say so


# Several workers at once --------------------------------------------------------------------

ORGANISATIONS = ("เทศบาลตำบลหนึ่ง", "เทศบาลตำบลสอง", "อบต.สาม", "เทศบาลนครสี่")


def concurrency_corpus(folder: Path) -> tuple[list[Path], dict]:
    """Reports of four organisations, two rounds each, each round filed twice (a correction
    with a later date), and two files to reject."""
    paths, latest = [], {}
    for org in ORGANISATIONS:
        for round_months, dates in (
            (6, ("2023-03-20", "2023-03-31")),
            (12, ("2023-09-01", "2023-09-30")),
        ):
            for as_of in dates:
                name = f"{org}-{round_months}-{as_of}.pdf"
                doc = variant(name, organization=org, round_months=round_months, data_as_of=as_of)
                paths.append(write_report(folder, name, doc))
            latest[(org, round_months)] = dates[-1]
    for code in ("not_pdf", "encrypted_pdf"):
        path = folder / f"{code}.pdf"
        path.write_bytes(f"REJECT {code}".encode())
        paths.append(path)
    return paths, latest


@pytest.mark.slow  # four spawned processes
@on_both("empty_database_url")
def test_four_workers_on_overlapping_files_lose_and_duplicate_nothing(empty_database_url, tmp_path):
    paths, latest = concurrency_corpus(tmp_path / "inbox")
    shuffle = random.Random(2566)
    batches = []
    for _ in range(4):
        batch = shuffle.sample(paths, k=len(paths) * 3 // 4)
        batches.append([str(p) for p in batch])
    missing = set(map(str, paths)) - {p for batch in batches for p in batch}
    batches[0] += sorted(missing)
    store = str(tmp_path / "originals")
    start_line = tmp_path / "start"
    start_line.mkdir()
    # Every worker finds an empty database: creating the schema is part of the race.
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        arguments = ([empty_database_url] * 4, [store] * 4, batches, [str(start_line)] * 4, [4] * 4)
        results = list(pool.map(ingest_worker, *arguments))

    outcomes = [outcome for result in results for outcome in result]
    assert not [o for o in outcomes if o[1] == "failed"], outcomes
    statuses = {}
    for name, status, _ in outcomes:
        statuses.setdefault(name, []).append(status)
    for name, seen in statuses.items():  # each file was done once, and found done after
        done = [s for s in seen if s != "unchanged"]
        assert len(done) == 1, (name, seen)
    engine = make_engine(empty_database_url)
    with session_factory(engine)() as session:
        files = session.exec(select(SourceFile.status)).scalars().all()
        organisations = session.exec(select(Organisation.name)).scalars().all()
        rows = session.exec(
            select(Organisation.name, Report.round_months, Report.data_as_of)
            .join(Organisation, Organisation.id == Report.organisation_id)
            .where(Report.superseded_by_id.is_(None))
        ).all()
        all_reports = session.exec(select(Report.id)).scalars().all()
    engine.dispose()
    assert sorted(files) == ["loaded"] * 16 + ["rejected"] * 2
    assert sorted(organisations) == sorted(ORGANISATIONS)
    assert len(all_reports) == 16
    assert {(org, rnd): as_of.isoformat() for org, rnd, as_of in rows} == latest


# Settings and the originals store -----------------------------------------------------------


def test_settings_are_read_from_the_environment_when_asked(tmp_path, monkeypatch):
    from raingan.settings import load_settings

    monkeypatch.delenv("RAINGAN_DATABASE_URL", raising=False)
    monkeypatch.delenv("RAINGAN_STORE", raising=False)
    monkeypatch.setenv("RAINGAN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAINGAN_MAX_PAGES", "20")
    monkeypatch.chdir(tmp_path)  # the working directory plays no part
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{tmp_path / 'home' / 'raingan.sqlite'}"
    assert settings.store == str(tmp_path / "home" / "originals")
    assert settings.limits.max_pages == 20
    monkeypatch.setenv("RAINGAN_DATABASE_URL", "postgresql+psycopg://u@db/raingan")
    monkeypatch.setenv("RAINGAN_STORE", "s3://evidence/raingan")
    assert load_settings().database_url == "postgresql+psycopg://u@db/raingan"
    assert load_settings().store == "s3://evidence/raingan"
    monkeypatch.delenv("RAINGAN_HOME")
    assert load_settings({}).home == Path("~/.raingan").expanduser().resolve()


@pytest.mark.parametrize("location", ["folder", "memory://raingan-test-store"])
def test_the_store_keeps_each_original_once_by_its_hash(tmp_path, location):
    store = OriginalsStore(str(tmp_path / "kept") if location == "folder" else location)
    data = b"%PDF-1.7 an original"
    sha = store.put(data)
    assert sha == sha256_of(data) and store.has(sha)
    assert store.put(data) == sha  # once
    assert store.get(sha) == data
    fs, root = store.filesystem
    assert fs.find(root) == [store.path_of(sha)]  # no temporary file left behind
    local = tmp_path / "big.pdf"
    local.write_bytes(b"x" * 1000)
    assert store.get(store.put_file(local, sha256_of(local.read_bytes()))) == local.read_bytes()
