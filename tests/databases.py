"""Test databases (a fresh SQLite file, or a fresh PostgreSQL database on 127.0.0.1:5432), and
report documents to load: the contract's reference, the samples' expected documents, and
variants of the reference that exercise every null and edge the contract allows.

PostgreSQL is always there (on CI too): if it cannot be reached the tests fail, never skip.
Each test gets its own `raingan_test_<random>` database, dropped afterwards, so that parallel
runs do not collide. `RAINGAN_TEST_POSTGRES_URL` names the server's maintenance database.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from models.engine import SessionFactory, make_engine
from tests.contract import SAMPLES_DIR, read_json, reference_document

POSTGRES_ADMIN_URL = os.environ.get(
    "RAINGAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# The kinds of database a test runs on; a test on PostgreSQL is marked `postgres`.
KINDS = (pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres))


@dataclass
class Database:
    kind: str
    url: str
    engine: Engine
    sessions: SessionFactory


def new_postgres_database() -> str:
    name = f"raingan_test_{uuid.uuid4().hex[:12]}"
    run_as_admin(f'CREATE DATABASE "{name}"')
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@contextmanager
def a_database(kind: str, folder: Path) -> Iterator[str]:
    """The URL of a new database of `kind` (a param of KINDS): a SQLite file in `folder`, or a
    new PostgreSQL database, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'raingan.sqlite'}"
        return
    url = new_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


def drop_postgres_database(url: str) -> None:
    run_as_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def run_as_admin(statement: str) -> None:
    """One statement on the server's maintenance database, outside any transaction."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        admin.dispose()


def on_both(fixture: str = "empty_database_url"):
    """Parametrize a test over SQLite and PostgreSQL."""
    return pytest.mark.parametrize(fixture, KINDS, indirect=True)


def home_database_url(home: Path) -> str:
    """The SQLite database raingan keeps in its home folder (`RAINGAN_HOME`) by default."""
    return f"sqlite:///{home / 'raingan.sqlite'}"


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows one SQL statement returns from the database at `url`."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


# Documents ----------------------------------------------------------------------------------


def sample_documents() -> dict[str, tuple[dict, dict]]:
    """Each sample report's expected document and evidence (files to reject left out)."""
    found = {}
    for path in sorted(SAMPLES_DIR.glob("*.expected.json")):
        document = read_json(path)
        if "rejected" in document:
            continue
        evidence_path = path.with_name(path.name.replace(".expected.json", ".evidence.json"))
        evidence = read_json(evidence_path) if evidence_path.exists() else {}
        found[path.name.removesuffix(".expected.json")] = (document, evidence)
    return found


def with_source(document: dict, name: str) -> dict:
    """A copy of `document` as if parsed from a file of its own (a distinct sha256)."""
    document = copy.deepcopy(document)
    document["source"] = {
        **document["source"],
        "file": f"{name}.pdf",
        "sha256": hashlib.sha256(name.encode()).hexdigest(),
    }
    return document


def reference_variants() -> dict[str, dict]:
    """The reference report, and variants with every null and edge the contract allows."""
    reference = reference_document()
    variants = {"reference": copy.deepcopy(reference)}

    bare = copy.deepcopy(reference)  # a report with no memo, reporter or tables read
    bare["memo"] = None
    bare["report"].update(reporter=None, district=None, province=None, data_as_of=None)
    for key in ("dimensions", "plan_budget", "ordinance_budget", "disbursement"):
        bare[key], bare[f"{key}_total"] = [], None
    bare.update(projects=[], status_summary=None, narrative=None, problems=[], findings=[])
    bare["parse_warnings"] = [
        {"page": None, "message": "dimensions: table not found"},
        {"page": 2, "message": "page: an image without a text layer: not read"},
    ]
    variants["bare"] = bare

    odd = copy.deepcopy(reference)  # nulls inside rows, unusual figures and findings
    odd["memo"]["date"] = None
    odd["memo"]["signatories"] = [{"name": "นายทดสอบ ระบบ", "position": None}]
    odd["report"]["reporter"] = {"name": None, "position": None}
    odd["report"]["organization"] = None
    odd["report"]["fiscal_year"] = None
    odd["report"]["round_months"] = None
    odd["dimensions"][0].update(projects_done=None, budget_spent=None, pct_budget=None)
    odd["dimensions"][1]["pct_projects"] = 33.3333
    odd["dimensions_total"]["budget_planned"] = 999_999_999_999.99
    odd["disbursement_total"] = None
    odd["projects"][0].update(seq=None, dimension=None, status=None, budget=None, remark="หมายเหตุ")
    odd["projects"][1]["seq"] = 1  # printed twice
    odd["status_summary"]["level"] = None
    odd["narrative"]["disbursed_pct"] = None
    odd["problems"] = ["ข้อหนึ่ง", "ข้อสอง 'อ้างอิง' “คำพูด”"]
    odd["findings"] = [
        {
            "rule": "CHECKBOX",
            "severity": "error",
            "field": "projects.status",
            "dimension": None,
            "seq": None,
            "reported": 2,
            "expected": 1,
            "message": "ทำเครื่องหมายสองช่อง",
            "pages": [3],
        },
        {
            "rule": "METADATA",
            "severity": "warning",
            "field": "memo.date",
            "dimension": None,
            "seq": None,
            "reported": "2023-03-01",
            "expected": "2023-03-20",
            "message": "บันทึกลงวันที่ก่อนข้อมูล",
            "pages": [],
        },
        {
            "rule": "PERCENT",
            "severity": "error",
            "field": "dimensions.pct_projects",
            "dimension": 2,
            "seq": None,
            "reported": 33.3333,
            "expected": 24.14,
            "message": "ร้อยละไม่ตรง",
            "pages": [2],
        },
    ]
    variants["odd"] = odd
    return {name: with_source(document, name) for name, document in variants.items()}


# A parser for tests: the file *is* a JSON document ------------------------------------------


def report_file(document: dict, evidence: dict | None = None) -> bytes:
    """The bytes of a test "report file": its document and evidence as JSON."""
    body = {"document": document, "evidence": evidence or {}}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode()


@dataclass
class JsonParsed:
    document: dict
    evidence: dict


def parse_json_file(data: bytes, filename: str) -> JsonParsed:
    """Parse a test report file: `REJECT <code>` is rejected, `FAIL` is an internal error."""
    from parsers.safety.rejection import Rejected, RejectionCode

    if data.startswith(b"REJECT "):
        raise Rejected(RejectionCode(data.split()[1].decode()), "a test rejection")
    if data.startswith(b"FAIL"):
        raise RuntimeError("a test failure")
    body = json.loads(data)
    document = body["document"]
    document["source"] = {
        **document["source"],
        "file": filename,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return JsonParsed(document, body["evidence"])


def json_parser(version: str = "test-1"):
    from raingan.pipeline import Parser

    return Parser(parse_json_file, version, "1")


def load_document(
    database: Database,
    document: dict,
    evidence: dict | None = None,
    *,
    now=None,
    parser_version: str = "test-1",
):
    """Load a document straight into `database`, as the ingest's load step does."""
    from models.load import SourceInfo, claim_source_file, load_report, utc_now

    source = document["source"]
    info = SourceInfo(source["sha256"], source["file"], f"/inbox/{source['file']}", 1000)
    now = now or utc_now()
    with database.sessions() as session, session.begin():
        claimed = claim_source_file(session, info, now)
        return load_report(
            session,
            claimed,
            document,
            evidence or {},
            parser_version=parser_version,
            rules_version="1",
            now=now,
        )


def write_report(folder: Path, name: str, document: dict, evidence: dict | None = None) -> Path:
    """A test report file (see `parse_json_file`) named `name`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(report_file(document, evidence))
    return path


def variant(
    name: str,
    *,
    organization: str | None = None,
    province: str | None = None,
    fiscal_year: int | None = None,
    round_months: int | None = None,
    data_as_of: str | None = None,
    memo_date: str | None = None,
) -> dict:
    """The reference document with another identity or dates."""
    document = with_source(reference_document(), name)
    report = document["report"]
    for key, value in (
        ("organization", organization),
        ("province", province),
        ("fiscal_year", fiscal_year),
        ("round_months", round_months),
        ("data_as_of", data_as_of),
    ):
        if value is not None:
            report[key] = value
    if memo_date is not None:
        document["memo"]["date"] = memo_date
    return document


def ingest_worker(
    database_url: str, store: str, paths: list[str], start_line: str, workers: int
) -> list[tuple[str, str, str]]:
    """One ingesting process of the concurrency test: (file name, status, message) per file.

    Waits at `start_line` (a folder) until all `workers` have started, so that they really
    run at once; then, like `raingan ingest`, creates the schema if the database is empty."""
    from models.engine import session_factory
    from models.migrate import ensure_schema
    from models.originals import OriginalsStore
    from raingan.pipeline import Workspace, ingest_paths

    engine = make_engine(database_url)
    wait_for_everyone(Path(start_line), workers)
    ensure_schema(engine)
    summary = ingest_paths(
        paths, Workspace(session_factory(engine), OriginalsStore(store), json_parser())
    )
    engine.dispose()
    return [(o.name, o.status.value, o.message) for o in summary.outcomes]


def wait_for_everyone(start_line: Path, workers: int, timeout: float = 60) -> None:
    (start_line / f"{os.getpid()}.ready").touch()
    deadline = time.monotonic() + timeout
    while len(list(start_line.glob("*.ready"))) < workers:
        if time.monotonic() > deadline:
            raise TimeoutError("the other workers did not start")
        time.sleep(0.01)
