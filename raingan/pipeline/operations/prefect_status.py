"""What Prefect knows of raingan's flows: the last runs of each, what they loaded, rejected
and failed (the counts each flow writes in its artifact's description), when the next
nightly run is due, and whether one that was due has not started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from raingan.pipeline.operations.flow_names import NIGHTLY_DEPLOYMENT

SCHEDULE_ZONE = ZoneInfo("Asia/Bangkok")  # the nightly schedule's zone in prefect.yaml


@dataclass(frozen=True)
class RunLine:
    flow: str
    name: str
    state: str
    started: datetime | None
    seconds: float | None
    counts: str  # from the run's artifact, "" if it left none


def last_runs(client: Any, flow: str, limit: int) -> list[RunLine]:
    """The last `limit` runs of a flow that started, newest first, with their counts."""
    # Prefect is imported when asked only (here and below): it takes seconds to load.
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterStartTime,
    )
    from prefect.client.schemas.sorting import FlowRunSort

    runs = client.read_flow_runs(
        flow_filter=FlowFilter(name=FlowFilterName(any_=[flow])),
        flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(is_null_=False)),
        sort=FlowRunSort.START_TIME_DESC,
        limit=limit,
    )
    if not runs:
        return []
    artifacts = client.read_artifacts(
        artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run.id for run in runs])
        )
    )
    counts = {a.flow_run_id: a.description or "" for a in artifacts if a.description}
    return [
        RunLine(
            flow,
            run.name,
            run.state.name if run.state else "",
            run.start_time,
            (run.end_time - run.start_time).total_seconds() if run.end_time else None,
            counts.get(run.id, ""),
        )
        for run in runs
    ]


def next_nightly(client: Any) -> datetime | None:
    """When the nightly deployment's next scheduled run is expected, if one is scheduled."""
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.exceptions import ObjectNotFound

    try:
        deployment = client.read_deployment_by_name(NIGHTLY_DEPLOYMENT)
    except ObjectNotFound:
        return None
    runs = client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
        flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))
        ),
        sort=FlowRunSort.EXPECTED_START_TIME_ASC,
        limit=1,
    )
    return runs[0].expected_start_time if runs else None


def overdue_nightly(client: Any, grace: timedelta, now: datetime | None = None) -> datetime | None:
    """When the oldest nightly run that was due more than `grace` ago was due, if one has not
    started yet: Prefect keeps a scheduled run that no worker took (serve stopped, the worker
    dead) as Scheduled or Late until one does. None when every due run started."""
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterExpectedStartTime,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.exceptions import ObjectNotFound

    try:
        deployment = client.read_deployment_by_name(NIGHTLY_DEPLOYMENT)
    except ObjectNotFound:
        return None  # not deployed: nothing is due
    waiting = [StateType.SCHEDULED, StateType.PENDING]
    runs = client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
        flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=waiting)),
            expected_start_time=FlowRunFilterExpectedStartTime(
                before_=(now or datetime.now(UTC)) - grace
            ),
        ),
        sort=FlowRunSort.EXPECTED_START_TIME_ASC,
        limit=1,
    )
    return runs[0].expected_start_time if runs else None


def in_schedule_zone(moment: datetime) -> datetime:
    return moment.astimezone(SCHEDULE_ZONE)
