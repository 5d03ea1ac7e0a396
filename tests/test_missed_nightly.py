"""A nightly run that did not start by its due time reaches an operator: `raingan status`
tells `RAINGAN_NOTIFY` (a local Apprise `json://` receiver here) and exits 1, on a real
Prefect server where a nightly run was scheduled and no worker took it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from raingan.pipeline.operations.flow_names import NIGHTLY_DEPLOYMENT
from tests.test_untrusted_inbox import Receiver

pytestmark = pytest.mark.slow  # `raingan status` in a subprocess, twice

BIN = Path(sys.executable).parent
ZONE = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def receiver():
    local = Receiver()
    yield local
    local.close()


@pytest.fixture
def nightly_deployment(prefect_server):
    """The nightly deployment, with no schedule (the server creates no run of its own) and no
    worker; deleted afterwards."""
    from prefect.client.orchestration import get_client

    from flows.nightly import nightly_ingest

    with get_client(sync_client=True) as client:
        flow_id = client.create_flow(nightly_ingest)
        name = NIGHTLY_DEPLOYMENT.split("/")[1]
        deployment_id = client.create_deployment(
            flow_id, name, entrypoint="flows.nightly.nightly_ingest"
        )
        try:
            yield client, deployment_id
        finally:
            client.delete_deployment(deployment_id)


def status(env: dict[str, str], *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "raingan", "status", *options],
        env={**os.environ, "COLUMNS": "200", **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_nightly_run_not_started_two_hours_after_its_due_time_is_told_and_exits_1(
    nightly_deployment, receiver, tmp_path
):
    from prefect.states import Scheduled

    client, deployment_id = nightly_deployment
    env = {"RAINGAN_HOME": str(tmp_path / "home"), "RAINGAN_NOTIFY": receiver.url}

    on_time = status(env)  # deployed, nothing due yet
    assert on_time.returncode == 0, on_time.stderr
    assert receiver.received == []

    due = datetime.now(UTC) - timedelta(hours=2)
    client.create_flow_run_from_deployment(deployment_id, state=Scheduled(scheduled_time=due))
    missed = status(env)
    assert missed.returncode == 1
    (line,) = missed.stderr.splitlines()
    assert line.startswith("error: the nightly run due ") and "has not started" in line
    assert f"due {due.astimezone(ZONE):%Y-%m-%d %H:%M} +07 (2h" in line
    (message,) = receiver.received
    assert message["title"] == "raingan: the nightly run did not start"
    assert message["message"] == line.removeprefix("error: ")

    within_grace = status(env, "--grace", "180")  # three hours to start: not missed yet
    assert within_grace.returncode == 0, within_grace.stderr
    assert len(receiver.received) == 1
