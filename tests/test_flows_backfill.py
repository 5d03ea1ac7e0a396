"""The backfill on real Dask clusters and real bulk-generated report PDFs: a scheduler and two
worker processes the test starts, a local cluster the command starts, PostgreSQL and SQLite,
and a backfill killed with SIGKILL mid-run that finishes, when run again, with every report
loaded exactly once."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from flows.dask_cluster import (
    ClusterMisfit,
    cluster_address,
    host_of,
    refuse_sqlite_across_machines,
    worker_environment,
)
from raingan.pipeline.ingestion.progress import Progress, duration
from tests.databases import home_database_url, query
from tests.processes import (
    kill_session,
    session_members,
    start_in_session,
    wait_for,
    wait_until_gone,
)

pytestmark = pytest.mark.slow  # a generated archive, Dask clusters and CLI processes

BIN = Path(sys.executable).parent
ARCHIVE_SIZE = 16


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Bulk-generated reports (distinct organisations, none supersedes another) in nested
    folders, as an archive is kept: by fiscal year, then by round."""
    from sample_reports.generator.bulk import generate

    made = tmp_path_factory.mktemp("bulk")
    root = tmp_path_factory.mktemp("archive")
    for index, name in enumerate(generate(ARCHIVE_SIZE, made, seed=11)):
        folder = root / f"year-{index % 3}" / f"round-{index % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        (made / f"{name}.pdf").rename(folder / f"{name}.pdf")
    return root


def archive_hashes(root: Path) -> set[str]:
    return {hashlib.sha256(path.read_bytes()).hexdigest() for path in root.rglob("*.pdf")}


def reports_per_file(url: str) -> dict[str, int]:
    """How many report rows each source file has; none while the backfill is still creating
    the schema (the SQLite file exists before its tables do)."""
    try:
        return dict(query(url, REPORTS_PER_FILE))
    except OperationalError as error:
        if "no such table" not in str(error):
            raise
        return {}


REPORTS_PER_FILE = """
    SELECT s.sha256, COUNT(*) FROM reports r JOIN source_files s ON s.id = r.source_file_id
    GROUP BY s.sha256"""


def ledger_outcomes(url: str) -> list[str]:
    return [row[0] for row in query(url, "SELECT outcome FROM inbox_entries")]


@pytest.fixture
def dask_scheduler(tmp_path) -> str:
    """A Dask scheduler and two worker processes on 127.0.0.1, stopped afterwards."""
    from distributed import Client

    scheduler_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard", "--scheduler-file", str(scheduler_file)]
    scheduler = subprocess.Popen(
        [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", "0", *common],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers = None
    try:
        wait_for(scheduler_file.exists, 60, what="the scheduler file")
        worker_options = ["--nworkers", "2", "--nthreads", "1", "--host", "127.0.0.1"]
        workers = subprocess.Popen(
            [BIN / "dask", "worker", *worker_options, *common],
            env={**os.environ, **worker_environment()},  # as the README tells
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with Client(scheduler_file=str(scheduler_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        yield address
    finally:
        for process in (workers, scheduler):
            if process is not None:
                kill_session(process)
                assert wait_until_gone(process.pid) == []


def task_runs_since(started: datetime) -> list:
    """The `ingest_files` task runs of every `backfill-run` flow run started since then."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterStartTime,
        TaskRunFilter,
        TaskRunFilterFlowRunId,
    )

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["backfill-run"])),
            flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(after_=started)),
        )
        return client.read_task_runs(
            task_run_filter=TaskRunFilter(
                flow_run_id=TaskRunFilterFlowRunId(any_=[run.id for run in runs])
            )
        )


def test_backfill_on_a_dask_scheduler_loads_each_report_once_into_postgresql(
    prefect_server, archive, dask_scheduler, postgres_url, tmp_path, monkeypatch
):
    from flows.backfill import backfill, check_cluster
    from raingan.settings import load_settings

    url = postgres_url
    monkeypatch.setenv("RAINGAN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAINGAN_DATABASE_URL", url)
    monkeypatch.delenv("RAINGAN_STORE", raising=False)
    started = datetime.now(UTC)
    assert_workers_keep_to_parsing(dask_scheduler, 2)  # started with the README's environment
    assert check_cluster(dask_scheduler, load_settings()) == []  # all on this machine
    first = backfill(str(archive), dask_address=dask_scheduler, batch_size=2, files_per_run=6)
    counts = first.counts()
    assert (counts["listed"], counts["new"], counts["loaded"]) == (16, 16, 16)
    assert counts["failed"] == counts["rejected"] == 0
    loaded = reports_per_file(url)
    assert set(loaded) == archive_hashes(archive) and set(loaded.values()) == {1}
    assert sorted(set(ledger_outcomes(url))) == ["loaded"]

    # The workers reported their task runs to the one Prefect API. 3 flow runs of at most
    # 6 files: a batch of 2 and the last 4 files one by one (2 per worker), then 4 alone.
    runs = task_runs_since(started)
    assert len(runs) == 5 + 5 + 4
    assert {run.state.type.value for run in runs} == {"COMPLETED"}

    again = backfill(str(archive), dask_address=dask_scheduler, batch_size=2)
    assert (again.listed, again.new, again.outcomes) == (16, 0, [])
    assert reports_per_file(url) == loaded


def test_backfill_killed_with_sigkill_resumes_and_loads_every_report_exactly_once(
    prefect_server, archive, tmp_path
):
    home = tmp_path / "home"
    env = {**os.environ, "RAINGAN_HOME": str(home), "COLUMNS": "200"}
    env.pop("RAINGAN_DATABASE_URL", None)
    url = home_database_url(home)
    command = [BIN / "raingan", "backfill", str(archive), "--workers", "2"]
    command += ["--batch-size", "1", "--files-per-run", "4"]

    killed = start_in_session(command, env, tmp_path / "killed.log")
    try:
        database = home / "raingan.sqlite"
        wait_for(
            lambda: database.exists() and len(reports_per_file(url)) >= 3,
            timeout=240,
            what="three reports loaded",
        )
    finally:
        kill_session(killed)  # the command, its Dask scheduler and worker processes
    assert wait_until_gone(killed.pid) == [], "a process of the killed backfill is left"
    loaded_before = reports_per_file(url)
    assert 3 <= len(loaded_before) < ARCHIVE_SIZE, "killed too late to test resuming"

    dry = subprocess.run([*command, "--dry-run"], env=env, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert f"of {ARCHIVE_SIZE} files to load" in dry.stdout
    assert reports_per_file(url) == loaded_before  # a dry run loads nothing

    resumed = subprocess.run(command, env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    loaded = reports_per_file(url)
    assert set(loaded) == archive_hashes(archive)
    assert set(loaded.values()) == {1}, "a report was loaded twice"
    # SQLite never reuses a report id and rolls back the id of a killed load: ids up to the
    # archive's size mean that no report was loaded, replaced and loaded again.
    assert query(url, "SELECT COUNT(*), MAX(id) FROM reports") == [(16, 16)]
    outcomes = ledger_outcomes(url)
    assert len(outcomes) == ARCHIVE_SIZE and set(outcomes) <= {"loaded", "unchanged"}
    assert "Traceback" not in resumed.stderr

    done = subprocess.run([*command, "--dry-run"], env=env, capture_output=True, text=True)
    assert f"0 of {ARCHIVE_SIZE} files to load" in done.stdout
    assert session_members(killed.pid) == []


def assert_workers_keep_to_parsing(address: str, workers: int) -> None:
    from distributed import Client

    def chores_of(dask_worker) -> dict[str, float]:  # local, so it is sent by value
        """What a worker does periodically beside tasks: callback name -> interval (ms)."""
        return {name: pc.callback_time for name, pc in dask_worker.periodic_callbacks.items()}

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(workers, timeout=120)
        chores = client.run(chores_of)
    assert len(chores) == workers
    for worker in chores.values():
        assert "profile" not in worker and "profile-cycle" not in worker
        assert worker["memory_monitor"] >= 1000 and worker["monitor"] >= 1000
        assert worker["tick"] >= 200


def test_a_local_cluster_runs_workers_without_profiler_and_with_slow_monitors():
    with cluster_address(None, 1) as address:
        assert_workers_keep_to_parsing(address, 1)


def test_a_local_clusters_workers_parse_in_a_child_under_the_memory_limit():
    """Workers are not daemonic, so a task parses in a child of its own with an address-space
    limit: a bomb ends `too_large` naming the memory limit, and the worker lives on."""
    from distributed import Client

    from tests.hostile.bombs import inflating_content

    def parse_in_worker(data: bytes) -> tuple[bool, str]:  # local, so it is sent by value
        import multiprocessing

        from parsers.safety.limits import Limits
        from parsers.safety.rejection import Rejected
        from raingan.pipeline.ingestion.isolated_parse import isolated
        from raingan.pipeline.ingestion.parsing import default_parser

        limits = Limits(max_seconds=5, max_memory_mb=600, max_stream_mb=100_000)
        with isolated(default_parser(limits)) as parser:
            try:
                parser.parse(data, "bomb.pdf")
            except Rejected as rejection:
                return multiprocessing.current_process().daemon, str(rejection)
        return multiprocessing.current_process().daemon, "parsed"

    with cluster_address(None, 1) as address, Client(address, timeout="60s") as client:
        daemonic, reason = client.submit(parse_in_worker, inflating_content()).result(timeout=120)
        _daemonic, after = client.submit(parse_in_worker, b"%PDF-1.7").result(timeout=120)
    assert daemonic is False
    assert reason.startswith("too_large: ") and "(RAINGAN_MAX_MEMORY_MB)" in reason
    assert after.startswith("corrupt_pdf: ")  # the same worker, parsing on


def test_the_readme_gives_remote_workers_the_local_clusters_config():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    words = readme.split()
    for name, value in worker_environment().items():
        assert any(word.strip("`,.") == f"{name}={value}" for word in words), name


def test_a_cluster_reaching_other_machines_needs_a_shared_database():
    sqlite = "sqlite:////srv/raingan/raingan.sqlite"
    postgres = "postgresql+psycopg://raingan@db.internal:5432/raingan"
    with pytest.raises(ClusterMisfit, match="SQLite"):
        refuse_sqlite_across_machines(sqlite, {"127.0.0.1", "10.20.30.40"})
    refuse_sqlite_across_machines(postgres, {"127.0.0.1", "10.20.30.40"})
    refuse_sqlite_across_machines(sqlite, {"127.0.0.1", "localhost", "::1"})
    assert host_of("tcp://10.20.30.40:8786") == "10.20.30.40"
    assert host_of("tls://[::1]:8786") == "::1"
    assert host_of("127.0.0.1:8786") == "127.0.0.1"


def test_progress_gives_rate_and_time_left():
    progress = Progress(total=1000, done=0, started=100.0).advanced(250)
    assert progress.rate(now=150.0) == 5.0
    assert progress.seconds_left(now=150.0) == 150.0
    assert progress.line(now=150.0) == "250/1000 files (25%), 5.00 files/s, ETA 2m 30s"
    assert Progress(total=10, started=100.0).line(now=101.0).endswith("ETA unknown")
    assert duration(3725) == "1h 2m 5s" and duration(0.2) == "0s"


def test_a_backfill_stopped_with_sigterm_leaves_no_process_behind(archive, tmp_path):
    """In ephemeral mode Prefect's temporary server is a child process that only an exit
    handler stops: SIGTERM to the command alone must not leave it (or a worker) running."""
    home = tmp_path / "home"
    env = {**os.environ, "RAINGAN_HOME": str(home), "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    (tmp_path / "prefect").mkdir()
    command = [BIN / "raingan", "backfill", str(archive), "--workers", "1", "--batch-size", "1"]
    process = start_in_session(command, env, tmp_path / "stopped.log")
    try:
        database = home / "raingan.sqlite"
        wait_for(
            lambda: database.exists() and reports_per_file(home_database_url(home)),
            timeout=240,
            what="a report loaded",
        )
        assert len(session_members(process.pid)) >= 3  # command, server, worker
        process.send_signal(signal.SIGTERM)  # the command only, not its group
        assert process.wait(timeout=60) == 128 + signal.SIGTERM
        assert wait_until_gone(process.pid, timeout=60) == [], "a process outlived it"
    finally:
        kill_session(process)
