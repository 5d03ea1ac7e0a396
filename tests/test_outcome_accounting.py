"""Each file's outcome is its own: what a nightly run reports (summary, state message, exit
code) is what happened to each file, as the ledger recorded it, even when something in a batch
breaks: a database that turns read-only mid-run, a file removed after listing with
`--quarantine`. Two nightly runs at once on PostgreSQL neither clash nor report failures that
did not happen: the second waits for the first. Real Prefect runs, real databases."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from raingan.pipeline import Status
from raingan.pipeline.ingestion import inbox as inbox_module
from raingan.pipeline.ingestion.inbox import InboxFile
from tests.contract import copy_samples
from tests.databases import query, run_as_admin

LOADING = ["findings-percent.pdf", "reference-reportlab.pdf", "sao-bangphra-2566-r6.pdf"]
LOADING += ["sao-nonsung-2565-r6.pdf"]


def on_opening(monkeypatch, name: str, action) -> None:
    """`action()` just before the inbox entry `name` is opened (between listing and opening)."""

    def hook(file: InboxFile) -> None:
        if file.path == name:
            action()

    monkeypatch.setattr(inbox_module, "before_open", hook)


def without_retries(monkeypatch) -> None:
    """The batch task as it is, but not tried again with back-off (70 s)."""
    import flows.nightly
    from flows.tasks import ingest_files

    monkeypatch.setattr(flows.nightly, "ingest_files", ingest_files.with_options(retries=0))


def make_read_only(url: str) -> None:
    """The database turns read-only under the run: new transactions cannot write, and the
    connections open now are cut (a fail-over to a read replica looks so)."""
    name = make_url(url).database
    run_as_admin(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    run_as_admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


def test_a_database_turned_read_only_mid_run_fails_only_the_files_after(
    home, tmp_path, monkeypatch, postgres_url
):
    from flows.nightly import nightly_ingest
    from flows.tasks import summary_of

    monkeypatch.setenv("RAINGAN_DATABASE_URL", postgres_url)
    inbox = tmp_path / "inbox"
    copy_samples(inbox, LOADING)
    without_retries(monkeypatch)
    on_opening(monkeypatch, LOADING[2], lambda: make_read_only(postgres_url))
    state = nightly_ingest(str(inbox), return_state=True)
    assert state.is_failed()
    summary = summary_of(state)
    counts = summary.counts()
    assert (counts["new"], counts["loaded"], counts["failed"]) == (4, 2, 2)
    assert "2 of 4 files failed" in state.message
    assert {o.name for o in summary.of(Status.FAILED)} == set(LOADING[2:])
    ledger = dict(query(postgres_url, "SELECT path, outcome FROM inbox_entries"))
    assert ledger == dict.fromkeys(LOADING[:2], "loaded")  # what the report says, exactly


def test_a_file_removed_after_listing_with_quarantine_fails_nothing(home, tmp_path, monkeypatch):
    from flows.nightly import nightly_ingest
    from flows.tasks import summary_of
    from raingan.settings import load_settings

    inbox = tmp_path / "inbox"
    copy_samples(inbox, LOADING[:3])
    (inbox / "notes.pdf").write_bytes(b"not a PDF")
    on_opening(monkeypatch, LOADING[1], lambda: (inbox / LOADING[1]).unlink())
    quarantine = tmp_path / "quarantine"
    state = nightly_ingest(str(inbox), quarantine=str(quarantine), return_state=True)
    assert state.is_completed(), state.message
    counts = summary_of(state).counts()
    assert (counts["loaded"], counts["rejected"], counts["skipped"], counts["failed"]) == (
        2,
        1,
        1,
        0,
    )
    assert (quarantine / "notes.pdf").read_bytes() == b"not a PDF"
    ledger = dict(query(load_settings().database_url, "SELECT path, outcome FROM inbox_entries"))
    assert ledger[LOADING[1]] == "skipped" and ledger[LOADING[0]] == "loaded"


def nightly_process(inbox: Path, home: Path, database_url: str) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RAINGAN_")}
    environment.update(RAINGAN_HOME=str(home), RAINGAN_DATABASE_URL=database_url, COLUMNS="200")
    command = [sys.executable, "-m", "raingan", "nightly", "--inbox", str(inbox)]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def advisory_waiters(url: str) -> int:
    rows = query(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    return int(rows[0][0])


def test_two_nightly_runs_at_once_on_postgresql_neither_clashes_nor_fails(
    tmp_path, prefect_server, postgres_url
):
    from raingan.pipeline.ingestion.run_lock import one_run_per_inbox

    inbox = tmp_path / "inbox"
    copy_samples(inbox, LOADING)
    home = tmp_path / "home"
    # Both start while a run holds the inbox: they must wait, then go one after the other.
    with one_run_per_inbox(postgres_url, str(inbox)):
        runs = [nightly_process(inbox, home, postgres_url) for _ in range(2)]
        deadline = time.monotonic() + 180
        while advisory_waiters(postgres_url) < 2:
            assert all(run.poll() is None for run in runs), [r.communicate() for r in runs]
            assert time.monotonic() < deadline, "the two runs never waited for the inbox"
            time.sleep(0.2)
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "failed" not in err
    news = sorted(out.splitlines()[0] for out, _err in outputs)
    assert news == [f"4 files in {inbox}, 0 new", f"4 files in {inbox}, 4 new"]
    ledger = query(postgres_url, "SELECT path, outcome FROM inbox_entries ORDER BY path")
    assert ledger == [(name, "loaded") for name in sorted(LOADING)]


@pytest.fixture(autouse=True)
def _settings_of_the_test(monkeypatch):
    monkeypatch.delenv("RAINGAN_NOTIFY", raising=False)


def test_two_writers_of_one_ledger_entry_never_clash_on_postgresql(postgres_url):
    """A writer whose row another transaction is inserting waits for it, then updates it:
    before, it inserted too and failed on the unique key (both nightlies then said Failed)."""
    import threading
    from datetime import datetime

    from sqlalchemy import text

    from models.engine import make_engine, session_factory
    from models.ledger import EntryOutcome, record_entry
    from models.migrate import upgrade

    engine = make_engine(postgres_url)
    upgrade(engine)
    key = ("/inbox", "report.pdf", 10, "1.0")
    now = datetime(2026, 12, 5)
    errors: list[BaseException] = []
    with engine.connect() as other:  # the other run, half-way through recording the entry
        other.execute(
            text(
                "INSERT INTO inbox_entries (inbox, path, size_bytes, version, outcome, findings,"
                " first_seen, last_seen) VALUES ('/inbox', 'report.pdf', 10, '1.0', 'loaded', 0,"
                " :now, :now)"
            ),
            {"now": now},
        )
        outcome = EntryOutcome(Status.UNCHANGED, "ab" * 32, None, 0, None, "loaded earlier")

        def record() -> None:
            try:
                record_entry(session_factory(engine), key, outcome, now)
            except BaseException as error:
                errors.append(error)

        writer = threading.Thread(target=record)
        writer.start()
        deadline = time.monotonic() + 30
        while not query(
            postgres_url,
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            f" AND datname = '{make_url(postgres_url).database}'",
        ):
            assert writer.is_alive() and time.monotonic() < deadline, errors
            time.sleep(0.05)
        other.commit()
    writer.join(30)
    assert errors == []
    rows = query(postgres_url, "SELECT outcome, sha256 FROM inbox_entries")
    assert rows == [("unchanged", "ab" * 32)]
    engine.dispose()


TAKE_THE_LOCK = """
import sys
from raingan.pipeline.ingestion.run_lock import one_run_per_inbox
with one_run_per_inbox(sys.argv[1], sys.argv[2]):
    print("ran", flush=True)
"""


def blocked_lock_waiters() -> int:
    """Processes waiting for a POSIX lock now (`/proc/locks` marks them `->`)."""
    return sum(1 for line in Path("/proc/locks").read_text().splitlines() if "->" in line)


def test_two_runs_over_one_inbox_on_sqlite_take_turns(tmp_path):
    from raingan.pipeline.ingestion.run_lock import one_run_per_inbox

    url, inbox = f"sqlite:///{tmp_path / 'raingan.sqlite'}", str(tmp_path / "inbox")
    waiting_before = blocked_lock_waiters()
    with one_run_per_inbox(url, inbox):
        other = subprocess.Popen(
            [sys.executable, "-c", TAKE_THE_LOCK, url, inbox], stdout=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while blocked_lock_waiters() <= waiting_before:
            assert other.poll() is None, "the second run did not wait for the first"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert other.poll() is None
    out, _ = other.communicate(timeout=60)
    assert (other.returncode, out) == (0, "ran\n")
    # Another inbox is another lock: no waiting.
    with one_run_per_inbox(url, inbox):
        elsewhere = subprocess.run(
            [sys.executable, "-c", TAKE_THE_LOCK, url, str(tmp_path / "other-inbox")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert elsewhere.stdout == "ran\n"
