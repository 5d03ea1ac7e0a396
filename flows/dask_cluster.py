"""The Dask cluster a backfill runs on: a local cluster of worker processes by default, or an
existing scheduler; and the rule that a cluster reaching other machines needs a database that
every machine can reach.

Parsing is CPU-bound pure Python, so a worker is a process with one thread.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import dask
import fsspec
from distributed import Client, LocalCluster
from fsspec.implementations.local import LocalFileSystem
from sqlalchemy.engine import make_url

# What a Dask worker does beside its tasks, cut to what a backfill needs. The statistical
# profiler samples the stack every 10 ms and keeps the history: on pure-Python parsing it
# costs CPU, holds the GIL and grows memory. The memory monitor (a worker's own, and its
# nanny's) and the system monitor read /proc ten and two times a second, and every event loop
# times itself 50 times a second; a parse takes seconds, so less often is soon enough. Workers
# of a cluster started elsewhere want the same, as environment variables: `worker_environment`.
#
# Workers are not daemonic processes, so that each can parse in a child of its own under the
# time and memory limits (`raingan.pipeline.ingestion.isolated_parse`): a daemonic process may
# not have children, and an address-space limit set in a worker would bind every task it runs.
# The nanny still ends its worker when it stops.
WORKER_CONFIG = {
    "distributed.worker.daemon": False,
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "1s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.tick.interval": "200ms",
}


class ClusterMisfit(ValueError):
    """The cluster and the settings cannot work together (e.g. remote workers and SQLite)."""


def default_workers() -> int:
    """One worker per core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def cluster_address(dask_address: str | None, workers: int | None) -> Iterator[str]:
    """The scheduler address to send tasks to: `dask_address` as given, or a `LocalCluster`
    of `workers` single-threaded processes, started here and closed on the way out."""
    if dask_address:
        yield dask_address
        return
    with (
        quiet("distributed"),
        dask.config.set(WORKER_CONFIG),  # nannies hand their config to the workers they start
        LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
    ):
        yield cluster.scheduler_address


def worker_environment() -> dict[str, str]:
    """`WORKER_CONFIG` as the environment variables of `dask worker` on another machine."""
    return {
        "DASK_" + "__".join(part.upper().replace("-", "_") for part in key.split(".")): str(value)
        for key, value in WORKER_CONFIG.items()
    }


@contextmanager
def quiet(logger_name: str) -> Iterator[None]:
    """The in-process scheduler logs every client and worker at INFO: keep its warnings only."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def cluster_hosts(dask_address: str) -> set[str]:
    """The hosts of the scheduler and of every worker connected to it now."""
    with Client(dask_address, timeout="20s") as client:
        workers = client.scheduler_info().get("workers", {})
    return {host_of(address) for address in [dask_address, *workers]}


def worker_count(dask_address: str) -> int:
    with Client(dask_address, timeout="20s") as client:
        return len(client.scheduler_info().get("workers", {}))


def host_of(address: str) -> str:
    """'tcp://10.0.0.5:8786' -> '10.0.0.5'."""
    return urlsplit(address if "://" in address else f"tcp://{address}").hostname or ""


def is_this_machine(host: str) -> bool:
    if host in ("localhost", socket.gethostname()):
        return True
    try:
        if ipaddress.ip_address(host).is_loopback:
            return True
    except ValueError:  # a host name
        pass
    try:
        return host in socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return False


def remote_hosts(hosts: set[str]) -> list[str]:
    return sorted(host for host in hosts if not is_this_machine(host))


def refuse_sqlite_across_machines(database_url: str, hosts: set[str]) -> None:
    """Workers on other machines would each write to an SQLite file of their own."""
    remote = remote_hosts(hosts)
    if remote and make_url(database_url).get_backend_name() == "sqlite":
        raise ClusterMisfit(
            f"the Dask cluster has workers on other machines ({', '.join(remote)}) but the "
            "database is SQLite, a file on each machine: set RAINGAN_DATABASE_URL to a "
            "PostgreSQL database that every worker can reach"
        )


def local_store_warning(store: str, hosts: set[str]) -> str | None:
    """A local originals folder is right across machines only if it is a shared mount."""
    remote = remote_hosts(hosts)
    if remote and isinstance(fsspec.core.url_to_fs(store)[0], LocalFileSystem):
        return (
            f"the originals store {store} is a local path: workers on {', '.join(remote)} "
            "write there too, so it must be the same shared mount on every machine"
        )
    return None
