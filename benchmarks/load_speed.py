"""How fast parsed reports load into SQLite and PostgreSQL, parsing excluded.

    .venv/bin/python benchmarks/load_speed.py [--reports 300] [--postgres URL]

Loads N distinct report documents (the sample reports' expected documents and the contract's
reference, each copied under other organisation names) one transaction per report, as
`raingan ingest` does, into a new SQLite file and a new PostgreSQL database (created on the
server `--postgres` names, dropped afterwards). Two figures per database:

- *load*: the database transaction alone (`claim_source_file` + `load_report`);
- *ingest without parsing*: everything `ingest_file` does but parse — hash, keep the
  original, look the file up, load — with a parser that hands back the ready document.

Then parses the sample PDFs (if any) to compare: the target is loading under 10% of parsing.
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
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.engine import make_engine, session_factory  # noqa: E402
from models.load import SourceInfo, claim_source_file, load_report, utc_now  # noqa: E402
from models.migrate import upgrade  # noqa: E402
from models.originals import OriginalsStore  # noqa: E402
from raingan.pipeline import Parser, Workspace, ingest_file  # noqa: E402

CONTRACT = REPO / "docs" / "contract"
SAMPLES = REPO / "sample_reports"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def base_documents() -> list[dict]:
    documents = [json.loads((CONTRACT / "reference.expected.json").read_text(encoding="utf-8"))]
    for path in sorted(SAMPLES.glob("*.expected.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if "rejected" not in document:
            documents.append(document)
    return documents


def corpus(count: int) -> list[tuple[bytes, dict]]:
    """`count` distinct (file bytes, document) pairs: copies under other organisation names."""
    bases, found = base_documents(), []
    for index in range(count):
        document = copy.deepcopy(bases[index % len(bases)])
        document["report"]["organization"] = f"เทศบาลตำบลทดสอบ{index}"
        data = json.dumps(document, ensure_ascii=False).encode() + str(index).encode()
        document["source"] = {
            **document["source"],
            "file": f"r{index}.pdf",
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        found.append((data, document))
    return found


@dataclass
class Ready:
    document: dict
    evidence: dict


def load_all(url: str, reports: list[tuple[bytes, dict]]) -> float:
    """Seconds to load every report, one transaction each (the load step of the ingest)."""
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    started = time.perf_counter()
    for data, document in reports:
        source = document["source"]
        info = SourceInfo(source["sha256"], source["file"], f"/inbox/{source['file']}", len(data))
        with sessions() as session, session.begin():
            now = utc_now()
            claimed = claim_source_file(session, info, now)
            load_report(
                session, claimed, document, {}, parser_version="b", rules_version="1", now=now
            )
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def ingest_all(url: str, reports: list[tuple[bytes, dict]], store: Path) -> float:
    """Seconds for `ingest_file` on every report, with a parser that costs nothing."""
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    by_name = {document["source"]["file"]: document for _, document in reports}
    parser = Parser(lambda data, name: Ready(by_name[name], {}), "b", "1")
    workspace = Workspace(sessions, OriginalsStore(str(store)), parser)
    started = time.perf_counter()
    for data, document in reports:
        outcome = ingest_file(data, workspace, name=document["source"]["file"])
        assert outcome.status == "loaded", outcome
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def parse_seconds() -> list[float]:
    """Seconds to parse each sample PDF (none if the samples are not there)."""
    from parsers import Rejected, parse_report

    timings = []
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        data = pdf.read_bytes()
        started = time.perf_counter()
        try:
            parse_report(data, filename=pdf.name)
        except Rejected:
            continue
        timings.append(time.perf_counter() - started)
    return timings


class PostgresDatabase:
    """A new database on the server, dropped on exit."""

    def __init__(self, server_url: str) -> None:
        self.server = server_url
        self.name = f"raingan_bench_{uuid.uuid4().hex[:8]}"
        self.url = make_url(server_url).set(database=self.name).render_as_string(False)

    def _admin(self, statement: str) -> None:
        admin = create_engine(self.server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(statement)
        admin.dispose()

    def __enter__(self) -> str:
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *_) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--reports", type=int, default=300)
    arguments.add_argument("--postgres", default=POSTGRES, help="server (maintenance DB) URL")
    options = arguments.parse_args()
    reports = corpus(options.reports)
    projects = statistics.mean(len(document["projects"]) for _, document in reports)
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for step, run in (("load", load_all), ("ingest without parsing", ingest_all)):
            sqlite_url = f"sqlite:///{folder / f'{step[:4]}.sqlite'}"
            store = folder / f"store-{step[:4]}"
            extra = (store,) if run is ingest_all else ()
            rows.append(("SQLite", step, run(sqlite_url, reports, *extra)))
            with PostgresDatabase(options.postgres) as postgres_url:
                rows.append(("PostgreSQL", step, run(postgres_url, reports, *extra)))
    parsing = parse_seconds()
    parse_ms = 1000 * statistics.mean(parsing) if parsing else None

    print(f"{len(reports)} reports, {projects:.0f} projects each on average\n")
    print("| database | step | reports/s | ms/report | share of parsing |")
    print("| --- | --- | ---: | ---: | ---: |")
    for database, step, seconds in rows:
        per_report = 1000 * seconds / len(reports)
        share = f"{100 * per_report / parse_ms:.1f}%" if parse_ms else "n/a"
        print(
            f"| {database} | {step} | {len(reports) / seconds:.0f} | {per_report:.1f} | {share} |"
        )
    if parse_ms:
        print(f"\nparsing: {parse_ms:.0f} ms per report (mean of {len(parsing)} sample PDFs)")
    else:
        print("\nparsing: no sample PDFs in sample_reports/ to compare with")


if __name__ == "__main__":
    main()
