"""The nightly deployment: its schedule, work pool and parameters fit the flow."""

from __future__ import annotations

import inspect
from pathlib import Path

import yaml
from prefect.client.schemas.schedules import CronSchedule
from prefect.flows import load_flow_from_entrypoint

from raingan.pipeline.flow_names import DEPLOYMENTS, NIGHTLY, NIGHTLY_DEPLOYMENT

ROOT = Path(__file__).resolve().parents[1]


def nightly_deployment() -> dict:
    config = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text())
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
    path, name = deployment["entrypoint"].split(":")
    flow = load_flow_from_entrypoint(f"{ROOT / path}:{name}")
    assert flow.name == NIGHTLY
    assert f"{flow.name}/{deployment['name']}" == NIGHTLY_DEPLOYMENT
    accepted = inspect.signature(flow.fn).parameters
    assert set(deployment["parameters"]) <= set(accepted)
    assert "inbox" in deployment["parameters"]


def test_every_deployment_names_a_flow_that_takes_its_parameters_on_the_process_pool():
    config = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text())
    flows = {}
    for deployment in config["deployments"]:
        path, name = deployment["entrypoint"].split(":")
        flow = load_flow_from_entrypoint(f"{ROOT / path}:{name}")
        accepted = inspect.signature(flow.fn).parameters
        required = {n for n, p in accepted.items() if p.default is inspect.Parameter.empty}
        assert required <= set(deployment.get("parameters") or {}) <= set(accepted)
        assert deployment["work_pool"]["name"] == "raingan"
        flows[deployment["name"]] = flow.name
    assert flows == DEPLOYMENTS  # the names `raingan status` looks runs up by
    (backfill,) = [d for d in config["deployments"] if d["name"] == "backfill"]
    assert "schedules" not in backfill  # on demand only
