"""The deployments: shipped with the package, their schedule, work pool and parameters fit the
flows, and their folders come from raingan's settings, not from the file."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import yaml
from prefect.client.schemas.schedules import CronSchedule
from prefect.flows import load_flow_from_entrypoint

from raingan.pipeline.operations.flow_names import DEPLOYMENTS, NIGHTLY, NIGHTLY_DEPLOYMENT
from raingan.pipeline.operations.supervisor import deployment_env, prefect_file
from raingan.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


def prefect_yaml() -> dict:
    return yaml.safe_load(prefect_file().read_text())


def nightly_deployment() -> dict:
    config = prefect_yaml()
    (deployment,) = [d for d in config["deployments"] if d["name"] == "nightly"]
    return deployment


def test_nightly_runs_at_two_in_the_morning_bangkok_time_on_the_process_pool():
    deployment = nightly_deployment()
    (schedule,) = deployment["schedules"]
    cron = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    assert (cron.cron, cron.timezone) == ("0 2 * * *", "Asia/Bangkok")
    assert deployment["work_pool"]["name"] == "raingan"


def test_the_entrypoint_is_the_nightly_flow_and_takes_the_parameters():
    deployment = nightly_deployment()
    flow = load_flow_from_entrypoint(deployment["entrypoint"])  # a module path: no checkout
    assert flow.name == NIGHTLY
    assert f"{flow.name}/{deployment['name']}" == NIGHTLY_DEPLOYMENT
    accepted = inspect.signature(flow.fn).parameters
    assert set(deployment["parameters"]) <= set(accepted)
    assert "inbox" in deployment["parameters"]


def test_every_deployment_names_a_flow_that_takes_its_parameters_on_the_process_pool():
    config = prefect_yaml()
    flows = {}
    for deployment in config["deployments"]:
        flow = load_flow_from_entrypoint(deployment["entrypoint"])
        accepted = inspect.signature(flow.fn).parameters
        required = {n for n, p in accepted.items() if p.default is inspect.Parameter.empty}
        assert required <= set(deployment.get("parameters") or {}) <= set(accepted)
        assert deployment["work_pool"]["name"] == "raingan"
        flows[deployment["name"]] = flow.name
    assert flows == DEPLOYMENTS  # the names `raingan status` looks runs up by
    (backfill,) = [d for d in config["deployments"] if d["name"] == "backfill"]
    assert "schedules" not in backfill  # on demand only


def test_serve_finds_prefect_yaml_through_the_package_from_any_working_directory(tmp_path):
    elsewhere = tmp_path / "elsewhere"  # no deployments/ folder here
    elsewhere.mkdir()
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from raingan.pipeline.operations.supervisor import prefect_file as f; print(f())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found) == (ROOT / "deployments" / "prefect.yaml").resolve()  # installed editable
    config = prefect_yaml()
    assert config["pull"] == []  # no checkout to change into: flows load by module path
    text = prefect_file().read_text()
    assert "/srv" not in text and "RAINGAN_REPO" not in text


def test_the_folders_the_deployments_read_come_from_the_settings(tmp_path, monkeypatch):
    from prefect.utilities.templating import apply_values

    home = tmp_path / "home"
    defaults = deployment_env(load_settings({"RAINGAN_HOME": str(home)}))
    assert defaults == {
        "RAINGAN_INBOX": str(home / "inbox"),
        "RAINGAN_QUARANTINE": str(home / "quarantine"),
        "RAINGAN_ARCHIVE": str(home / "archive"),
    }
    chosen = {"RAINGAN_HOME": str(home), "RAINGAN_INBOX": str(tmp_path / "in")}
    chosen |= {"RAINGAN_ARCHIVE": "s3://bucket/archive"}
    variables = deployment_env(load_settings(chosen))
    for name, value in variables.items():  # as `raingan serve` runs `prefect deploy`
        monkeypatch.setenv(name, value)
    # What `prefect deploy` does with the file's `{{ $VARIABLE }}` parameters.
    applied = apply_values(prefect_yaml(), {}, remove_notset=False)
    deployments = {d["name"]: d for d in applied["deployments"]}
    assert deployments["nightly"]["parameters"]["inbox"] == str(tmp_path / "in")
    assert deployments["nightly"]["parameters"]["quarantine"] == str(home / "quarantine")
    assert deployments["backfill"]["parameters"]["archive"] == "s3://bucket/archive"
