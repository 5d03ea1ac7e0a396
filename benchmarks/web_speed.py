"""How fast `raingan web` serves the findings page with 100,000 findings in the database, on
SQLite and on PostgreSQL. The target: the page filtered by province in 300 ms or less.

    .venv/bin/python benchmarks/web_speed.py [--findings 100000] [--postgres URL]

Loads reports through the loader `raingan ingest` uses (`load_report`, one transaction per
report): copies of the contract's reference report under other organisations, in 20
provinces, each with its findings repeated to 100 per report. Then signs in to the
application `raingan web` serves (in process, Starlette's test client: the time is the
server's, no network) and times each page: the median of `--runs` requests after one to warm
up. The database is a new SQLite file and a new PostgreSQL database (dropped afterwards).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.engine import SessionFactory, make_engine, session_factory  # noqa: E402
from models.load import SourceInfo, claim_source_file, load_report, utc_now  # noqa: E402
from models.migrate import upgrade  # noqa: E402
from models.originals import OriginalsStore  # noqa: E402
from models.users import add_user  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REFERENCE = REPO / "docs" / "contract" / "reference.expected.json"
FINDINGS_PER_REPORT = 100
TARGET_MS = 300
REVIEWED_EVERY = 10  # one finding in ten reviewed
PROVINCES = (
    "กาฬสินธุ์",
    "ขอนแก่น",
    "เชียงใหม่",
    "เชียงราย",
    "นครพนม",
    "นครราชสีมา",
    "หนองบัวลำภู",
    "เลย",
    "อุดรธานี",
    "อุบลราชธานี",
    "สงขลา",
    "ภูเก็ต",
    "ชลบุรี",
    "ระยอง",
    "พิษณุโลก",
    "ลำปาง",
    "น่าน",
    "สุรินทร์",
    "บุรีรัมย์",
    "ยโสธร",
)
FILTERED = "กาฬสินธุ์"
PASSWORD = "benchmark"


def documents(reports: int) -> Iterator[dict]:
    """`reports` distinct copies of the reference, each with FINDINGS_PER_REPORT findings."""
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    base = reference["findings"]
    for index in range(reports):
        document = copy.deepcopy(reference)
        province = PROVINCES[index % len(PROVINCES)]
        document["report"].update(organization=f"เทศบาลตำบลทดสอบ{index}", province=province)
        document["findings"] = [
            {**base[n % len(base)], "seq": n // len(base) + 1} for n in range(FINDINGS_PER_REPORT)
        ]
        name = f"web-{index}.pdf"
        document["source"] = {
            **document["source"],
            "file": name,
            "sha256": hashlib.sha256(name.encode()).hexdigest(),
        }
        yield document


def load(sessions: SessionFactory, reports: int) -> float:
    """Seconds to load the reports, one transaction each, as `raingan ingest` loads them."""
    started = time.perf_counter()
    for document in documents(reports):
        source = document["source"]
        info = SourceInfo(source["sha256"], source["file"], f"/inbox/{source['file']}", 1000)
        with sessions() as session, session.begin():
            now = utc_now()
            claimed = claim_source_file(session, info, now)
            load_report(
                session, claimed, document, {}, parser_version="b", rules_version="1", now=now
            )
    return time.perf_counter() - started


def review_some(sessions: SessionFactory, every: int) -> int:
    """A review on every `every`-th finding (an archive auditors have worked on), and the
    database's statistics brought up to date, as autovacuum and `raingan db` would."""
    from sqlalchemy import text

    with sessions() as session:
        ids = session.exec(text("SELECT DISTINCT finding_id FROM findings")).all()  # type: ignore[call-overload]
        reviewed = [{"id": row[0]} for row in ids[::every]]
        session.exec(  # type: ignore[call-overload]
            text(
                "INSERT INTO review_events (finding_id, status, note, reviewed_by, reviewed_at)"
                " VALUES (:id, 'confirmed', 'checked', 'bench', CURRENT_TIMESTAMP)"
            ),
            params=reviewed,
        )
        session.commit()
    with sessions() as session:
        session.exec(text("ANALYZE"))  # type: ignore[call-overload]
        session.commit()
    return len(reviewed)


def timed(client, path: str, runs: int) -> tuple[float, int]:
    """The median milliseconds of `runs` requests for `path` (after one to warm up)."""
    first = client.get(path)
    assert first.status_code == 200, (path, first.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200
    return statistics.median(times), len(first.content)


OPEN_BY_RULE = f"/findings?province={FILTERED}&review=open&sort=rule"
PAGES = (
    ("findings, by province", f"/findings?province={FILTERED}"),
    (
        "findings, by province, open, by rule",
        f"/findings?province={FILTERED}&review=open&sort=rule",
    ),
    ("findings, everything", "/findings"),
    ("findings, searched", "/findings?q=ทดสอบ12"),
    ("findings, page 40", f"/findings?province={FILTERED}&page=40"),
    ("overview", "/"),
    ("CSV of a province", f"/findings.csv?province={FILTERED}"),
)


def measure(url: str, findings: int, runs: int, store: Path) -> dict[str, float]:
    from starlette.testclient import TestClient

    from raingan.pipeline import default_parser
    from raingan.pipeline.workspace import Workspace
    from raingan.web.app import create_app
    from raingan.web.config import WebConfig

    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    reports = findings // FINDINGS_PER_REPORT
    seconds = load(sessions, reports)
    print(f"  loaded {reports} reports, {findings} findings in {seconds:.0f} s", flush=True)
    print(f"  {review_some(sessions, REVIEWED_EVERY)} findings reviewed", flush=True)
    with sessions() as session:
        add_user(session, "bench", "viewer", PASSWORD, now=utc_now())
        session.commit()
    workspace = Workspace(sessions, OriginalsStore(str(store)), default_parser())
    app = create_app(workspace, WebConfig(secret="benchmark"))
    client = TestClient(app)
    signed = client.post("/login", data={"username": "bench", "password": PASSWORD})
    assert signed.status_code == 200
    results = {}
    for label, path in PAGES:
        milliseconds, size = timed(client, path, runs)
        results[label] = milliseconds
        print(f"  {label:<40} {milliseconds:7.0f} ms  {size / 1024:6.0f} KB", flush=True)
    engine.dispose()
    return results


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    name = f"raingan_web_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--postgres", default=POSTGRES, help="the server's maintenance database")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    verdicts = []
    with tempfile.TemporaryDirectory() as folder:
        print(f"SQLite, {args.findings} findings:", flush=True)
        sqlite = measure(f"sqlite:///{folder}/web.sqlite", args.findings, args.runs, Path(folder))
        verdicts.append(("SQLite", sqlite[PAGES[0][0]]))
        if not args.sqlite_only:
            print(f"PostgreSQL, {args.findings} findings:", flush=True)
            with postgres_database(args.postgres) as url:
                postgres = measure(url, args.findings, args.runs, Path(folder))
            verdicts.append(("PostgreSQL", postgres[PAGES[0][0]]))
    met = True
    for database, milliseconds in verdicts:
        ok = milliseconds <= TARGET_MS
        met &= ok
        said = "met" if ok else "MISSED"
        print(
            f"{database}: findings by province {milliseconds:.0f} ms (target {TARGET_MS}): {said}"
        )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
