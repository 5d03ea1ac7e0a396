"""Nothing left behind: a store write killed half-way leaves a `.part` file that the next run
removes (each run removes those older than itself, never one being written); the temporary
Prefect server of `nightly`, `backfill` and `audit` dies with its parent, even on SIGKILL, as
`serve`'s children do (the same process group, and the parent-death signal)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from models.originals import OriginalsStore
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.workspace import Workspace
from tests.contract import copy_samples
from tests.databases import on_both

pytest_plugins = ("tests.database_fixtures",)

LOADS = "findings-percent.pdf"
TEN_MEGABYTES = 10 * 1_048_576

# A store write fed from stdin, which the test never closes: it is killed half-way.
WRITE_FROM_STDIN = """
import sys
from models.originals import OriginalsStore
OriginalsStore(sys.argv[1]).put_stream(sys.stdin.buffer, "ab" * 32)
"""


def parts(store: Path) -> list[Path]:
    return sorted(store.rglob("*.part"))


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.1)


def killed_write(store: Path) -> Path:
    """A write of 10 MB into the store, killed with SIGKILL before it ends: its `.part`."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITE_FROM_STDIN, str(store)], stdin=subprocess.PIPE
    )
    assert writer.stdin is not None
    writer.stdin.write(b"x" * TEN_MEGABYTES)
    writer.stdin.flush()
    wait_for(
        lambda: any(p.stat().st_size >= TEN_MEGABYTES for p in parts(store)),
        60,
        "the write never reached 10 MB",
    )
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    (part,) = parts(store)
    return part


@on_both("empty_database_url")
def test_an_ingest_removes_the_part_files_older_than_itself(database, tmp_path):
    store_folder = tmp_path / "originals"
    left = killed_write(store_folder)
    assert left.stat().st_size >= TEN_MEGABYTES  # what the kill left
    under_way = left.with_name("cd" * 32 + ".0123.part")  # a write another run is doing now
    under_way.write_bytes(b"being written")
    future = time.time() + 3600
    os.utime(under_way, (future, future))
    store = OriginalsStore(str(store_folder))
    folder = tmp_path / "folder"
    copy_samples(folder, [LOADS])
    summary = ingest_paths([folder], Workspace(database.sessions, store, default_parser()))
    assert summary.outcomes[0].status == Status.LOADED
    assert parts(store_folder) == [under_way]


def test_a_nightly_run_removes_the_part_files_older_than_itself(home, tmp_path):
    from flows.nightly import nightly_ingest

    store_folder = home / "originals"
    killed_write(store_folder)
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS])
    assert nightly_ingest(str(inbox), return_state=True).is_completed()
    assert parts(store_folder) == []


def server_children(parent: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in parent.children(recursive=True):
        try:
            if "uvicorn" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


@pytest.mark.parametrize("command_name", ["nightly", "audit"])
def test_the_temporary_prefect_server_dies_with_a_command_killed_by_sigkill(tmp_path, command_name):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "RAINGAN_"))
    }
    environment.update(
        RAINGAN_HOME=str(tmp_path / "home"),
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
    )
    arguments = ["audit"]
    if command_name == "nightly":
        copy_samples(tmp_path / "inbox", [LOADS])
        arguments = ["nightly", "--inbox", str(tmp_path / "inbox")]
    command = subprocess.Popen(
        [sys.executable, "-m", "raingan", *arguments],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    servers: list[psutil.Process] = []
    try:
        parent = psutil.Process(command.pid)
        wait_for(lambda: server_children(parent), 120, "no temporary server started")
        servers = server_children(parent)
        (server,) = servers
        assert os.getpgid(server.pid) == os.getpgid(command.pid) == command.pid  # its group
        command.send_signal(signal.SIGKILL)
        command.wait()
        gone, alive = psutil.wait_procs([server], timeout=30)
        assert gone and not alive, "the temporary Prefect server outlived its command"
    finally:
        for process in (
            [*servers, psutil.Process(command.pid)] if command.poll() is None else servers
        ):
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
