"""`raingan serve` on a real Prefect server, started outside any checkout: it deploys the
installed `deployments/prefect.yaml` with the folders the settings give, the nightly
deployment's next run is created for 02:00 Asia/Bangkok, `raingan status` shows it, a nightly
run its worker takes completes, and nothing serve started outlives it, whether it is stopped
with SIGTERM or killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.processes import session_members, start_in_session, wait_for, wait_until_gone

# Each test starts `raingan serve`: a Prefect server, deployments and a worker.
pytestmark = [pytest.mark.slow, pytest.mark.prefect]

BIN = Path(sys.executable).parent
BANGKOK = ZoneInfo("Asia/Bangkok")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path, monkeypatch):
    """`raingan serve` in a session of its own, with no PREFECT_API_URL: it starts a server.
    It runs in a folder with no deployments/ in it: it finds its file through the package."""
    monkeypatch.chdir(tmp_path)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "COLUMNS": "200"}
    env |= {"RAINGAN_HOME": str(tmp_path / "home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env |= {"RAINGAN_INBOX": str(tmp_path / "inbox")}
    for name in ("PREFECT_API_URL", "RAINGAN_QUARANTINE", "RAINGAN_ARCHIVE", "RAINGAN_NOTIFY"):
        env.pop(name, None)
    port, web_port = free_port(), free_port()
    log = tmp_path / "serve.log"
    command = [BIN / "raingan", "serve", "--port", str(port), "--web-port", str(web_port)]
    process = start_in_session(command, env, log)
    try:
        wait_for(lambda: "raingan is served" in log.read_text(), 180, what="raingan serve")
        env["WEB_URL"] = f"http://127.0.0.1:{web_port}"
        yield process, f"http://127.0.0.1:{port}/api", env, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        wait_until_gone(process.pid)


def next_nightly_run(api_url: str) -> datetime:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from raingan.pipeline import next_nightly

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        due = next_nightly(client)
    assert due is not None, "no nightly run scheduled"
    return due


def test_serve_schedules_the_nightly_run_at_two_in_bangkok_and_stops_everything(served):
    process, api_url, env, log = served
    due = next_nightly_run(api_url).astimezone(BANGKOK)
    now = datetime.now(UTC)
    assert (due.hour, due.minute) == (2, 0)
    assert now < due <= now + timedelta(days=1)
    assert f"next nightly run: {due:%Y-%m-%d} 02:00 +07" in log.read_text()

    shown = subprocess.run(
        [BIN / "raingan", "status"],
        env={**env, "PREFECT_API_URL": api_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "no raingan flow has run yet" in shown.stdout
    assert f"next nightly run: {due:%Y-%m-%d} 02:00 +07" in shown.stdout

    home = Path(env["RAINGAN_HOME"])
    nightly, backfill = deployed(api_url, "nightly-ingest/nightly", "backfill/backfill")
    assert nightly.parameters == {
        "inbox": env["RAINGAN_INBOX"],
        "quarantine": str(home / "quarantine"),
        "batch_size": 20,
    }
    assert backfill.parameters["archive"] == str(home / "archive")
    assert nightly.entrypoint == "flows.nightly.nightly_ingest" and not nightly.pull_steps
    assert run_nightly_now(api_url, nightly.id) == "Completed"  # the worker loads the module

    # The workbench beside them: its login page answers, everything else asks for a session.
    login = wait_for(lambda: web_answer(env["WEB_URL"] + "/login"), 60, what="raingan web")
    assert login.status_code == 200 and 'name="password"' in login.text
    assert web_answer(env["WEB_URL"] + "/findings").url.path == "/login"

    assert len(session_members(process.pid)) >= 4  # serve, the server, the worker, the web
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    assert wait_until_gone(process.pid) == [], "serve left a process behind"


def web_answer(url: str):
    """The answer of `raingan web` to a GET, redirects followed; None until it listens."""
    import httpx

    try:
        return httpx.get(url, follow_redirects=True, timeout=10)
    except httpx.TransportError:
        return None


def deployed(api_url: str, *names: str) -> list:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        return [client.read_deployment_by_name(name) for name in names]


def run_nightly_now(api_url: str, deployment_id) -> str:
    """A nightly run created now, as the schedule would; the state the worker ends it in."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        run = client.create_flow_run_from_deployment(deployment_id)
        wait_for(lambda: client.read_flow_run(run.id).state.is_final(), 300, 1, "the nightly run")
        return client.read_flow_run(run.id).state.name


def test_serve_killed_with_sigkill_takes_its_server_and_worker_with_it(served):
    process, _api_url, _env, _log = served
    children = [pid for pid in session_members(process.pid) if pid != process.pid]
    assert len(children) >= 2
    os.kill(process.pid, signal.SIGKILL)  # serve only: not its process group
    process.wait(timeout=30)
    assert wait_until_gone(process.pid, timeout=60) == [], "the server or worker outlived serve"
