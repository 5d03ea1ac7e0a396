"""`raingan serve`: the single-machine production set-up, started and stopped as one.

Prefect creates scheduled runs only with a server (never in ephemeral mode), so this starts a
Prefect server on 127.0.0.1 unless `PREFECT_API_URL` names one, creates the `raingan` process
work pool, deploys the `deployments` package's `prefect.yaml` (shipped with raingan: no
checkout is needed), with the folders raingan's settings give (`RAINGAN_INBOX`,
`RAINGAN_QUARANTINE`, `RAINGAN_ARCHIVE`), and runs a process worker in `RAINGAN_HOME`.
Whatever it started is stopped when it exits: the children run in its process group (a
supervisor that kills the group kills them all) and, on Linux, are told to exit if it dies,
even by SIGKILL.

`temporary_prefect_api` gives `nightly`, `backfill` and `audit` the same guarantee for the
temporary Prefect server a run starts when no `PREFECT_API_URL` is set: Prefect's own is not
told to exit with its parent, and a `nightly` killed with SIGKILL left it (some 260 MB) running.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import httpx
import psutil

from raingan.pipeline.operations.prefect_status import next_nightly
from raingan.settings import Settings, load_settings

WORK_POOL = "raingan"
DEPLOYMENTS_PACKAGE = "deployments"  # a top-level package holding prefect.yaml as data
PREFECT_FILE = "prefect.yaml"
PR_SET_PDEATHSIG = 1
STOP_SECONDS = 15


class ServeError(RuntimeError):
    """Something `raingan serve` needs could not be set up (a port taken, a failed deploy)."""


def prefect_file() -> Path:
    """The installed `deployments/prefect.yaml`, found through the package, not the working
    directory. A package installed as files (a wheel or an editable install) holds it as a file."""
    from importlib.resources import files

    found = files(DEPLOYMENTS_PACKAGE) / PREFECT_FILE
    if not isinstance(found, Path) or not found.is_file():
        raise ServeError(f"{DEPLOYMENTS_PACKAGE}/{PREFECT_FILE} is not installed as a file")
    return found


def deployment_env(settings: Settings) -> dict[str, str]:
    """The variables prefect.yaml's parameters are templated from (`{{ $RAINGAN_INBOX }}`)."""
    return {
        "RAINGAN_INBOX": settings.inbox,
        "RAINGAN_QUARANTINE": settings.quarantine,
        "RAINGAN_ARCHIVE": settings.archive,
    }


def exit_with_parent() -> None:
    """In a child before exec: be sent SIGTERM when the parent dies (Linux only)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def lead_own_process_group() -> None:
    """Make this process the leader of the group its children join, so that killing the
    group stops everything `serve` started. Already so under a shell or a supervisor."""
    if os.getpgid(0) != os.getpid():
        with contextlib.suppress(OSError):  # a session leader cannot move, and needs not
            os.setpgid(0, 0)


@dataclass
class Children:
    """The processes `serve` started, stopped together in reverse order."""

    started: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    def start(self, name: str, command: list[str], env: Mapping[str, str], cwd: Path) -> None:
        process = subprocess.Popen(command, env=dict(env), cwd=cwd, preexec_fn=exit_with_parent)
        self.started.append((name, process))

    def dead(self) -> list[str]:
        return [name for name, process in self.started if process.poll() is not None]

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """SIGTERM to each child and its descendants, SIGKILL to what is left after `timeout`."""
        processes = []
        for _name, process in reversed(self.started):
            with contextlib.suppress(psutil.NoSuchProcess):
                parent = psutil.Process(process.pid)
                processes += [*parent.children(recursive=True), parent]
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.terminate()
        _, alive = psutil.wait_procs(processes, timeout=timeout)
        for process in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        for _name, process in self.started:
            process.wait()


def wait_for_api(api_url: str, timeout: float, alive: Callable[[], bool]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise ServeError("the Prefect server exited while starting (is the port taken?)")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise ServeError(f"the Prefect server at {api_url} did not answer within {timeout:.0f} s")


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def ensure_work_pool(api_url: str) -> None:
    # Prefect is imported when serving only (here and below): it takes seconds to load.
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with (
        temporary_settings({PREFECT_API_URL: api_url}),
        get_client(sync_client=True) as client,
        contextlib.suppress(ObjectAlreadyExists),
    ):
        client.create_work_pool(WorkPoolCreate(name=WORK_POOL, type="process"))


def deploy(env: Mapping[str, str], prefect_yaml: Path, cwd: Path) -> None:
    """`prefect deploy --all` of the installed prefect.yaml, without prompts."""
    command = [prefect_command(), "--no-prompt", "deploy", "--all", "--prefect-file"]
    result = subprocess.run(
        [*command, str(prefect_yaml)], env=dict(env), cwd=cwd, capture_output=True, text=True
    )
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise ServeError(f"prefect deploy failed: {' '.join(last) or result.returncode}")


def prefect_command() -> str:
    return str(Path(sys.executable).parent / "prefect")


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 4200
    web_port: int | None = 8000  # `raingan web` beside them (None: not started)
    web_host: str = "127.0.0.1"
    start_timeout: float = 120.0
    schedule_timeout: float = 60.0  # the server creates scheduled runs soon after a deploy


def serve(
    options: ServeOptions,
    say: Callable[[str], None],
    ready: Callable[[str, datetime | None], None],
) -> None:
    """Start (or reuse) the server, deploy, run a worker; return when a child dies or on
    SIGINT/SIGTERM, having stopped every child."""
    lead_own_process_group()
    settings = load_settings()
    prefect_yaml = prefect_file()
    root = settings.home  # the children's working directory: nothing is read from it
    for folder in (str(root), settings.inbox, settings.quarantine, settings.archive):
        try:
            if "://" not in folder:  # an fsspec URL is not made here
                Path(folder).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ServeError(f"cannot make the folder {folder}: {error.strerror}") from None
    env = {**os.environ, **deployment_env(settings)}
    children = Children()
    stop_on = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}
    previous = {sig: signal.signal(sig, raise_interrupt) for sig in stop_on}
    try:
        api_url = env.get("PREFECT_API_URL") or start_server(children, options, env, root, say)
        env["PREFECT_API_URL"] = api_url
        ensure_work_pool(api_url)
        deploy(env, prefect_yaml, root)
        say(f"deployed {prefect_yaml}: inbox {settings.inbox}, archive {settings.archive}")
        worker = [prefect_command(), "worker", "start", "--pool", WORK_POOL, "--type", "process"]
        children.start("worker", worker, env, root)
        start_web(children, options, env, root, say)
        ready(api_url, wait_for_next_nightly(api_url, options.schedule_timeout))
        while not children.dead():
            time.sleep(1)
        raise ServeError(f"{', '.join(children.dead())} exited")
    except KeyboardInterrupt:
        say("stopping")
    finally:
        children.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def start_web(
    children: Children, options: ServeOptions, env: dict, root: Path, say: Callable[[str], None]
) -> None:
    """`raingan web` as one more child, stopped with the others; a port already taken is
    said and left alone (the flows do not need the workbench)."""
    if options.web_port is None:
        return
    if not port_is_free(options.web_host, options.web_port):
        say(f"web: port {options.web_port} on {options.web_host} is taken: not started")
        return
    web = [sys.executable, "-m", "raingan", "web"]
    web += ["--host", options.web_host, "--port", str(options.web_port)]
    children.start("web", web, env, root)
    say(f"web: http://{options.web_host}:{options.web_port}/")


def wait_for_next_nightly(api_url: str, timeout: float) -> datetime | None:
    """The next nightly run, once the server has scheduled it (None if it did not in time)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    deadline = time.monotonic() + timeout
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while (due := next_nightly(client)) is None and time.monotonic() < deadline:
            time.sleep(1)
    return due


def start_server(
    children: Children, options: ServeOptions, env: dict, root: Path, say: Callable[[str], None]
) -> str:
    if not port_is_free(options.host, options.port):
        raise ServeError(
            f"port {options.port} on {options.host} is taken: is a Prefect server running? "
            "Set PREFECT_API_URL to use it, or pass --port"
        )
    api_url = f"http://{options.host}:{options.port}/api"
    command = [prefect_command(), "server", "start", "--host", options.host]
    children.start("server", [*command, "--port", str(options.port)], env, root)
    say(f"starting a Prefect server on {api_url}")
    wait_for_api(api_url, options.start_timeout, alive=lambda: not children.dead())
    return api_url


def raise_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


# Prefect's own temporary server, started as Prefect starts it (prefect.server.api.server's
# SubprocessASGIServer), but as a child that dies with this process.
TEMPORARY_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
SERVER_START_ATTEMPTS = 3  # a port taken between finding it free and binding it


@contextmanager
def temporary_prefect_api(say: Callable[[str], None] = lambda _line: None) -> Iterator[None]:
    """With no `PREFECT_API_URL`, a temporary Prefect server for what runs inside, stopped
    when this process exits; a child in this process's group, sent SIGTERM if this process
    dies (even by SIGKILL). With one, nothing is started."""
    import prefect
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        get_current_settings,
        temporary_settings,
    )

    if PREFECT_API_URL.value():
        yield
        return
    lead_own_process_group()
    env = {
        **os.environ,
        **TEMPORARY_SERVER_ENV,
        **get_current_settings().to_environment_variables(exclude_unset=True),
    }
    app_dir = str(Path(prefect.__file__).resolve().parent.parent)
    timeout = float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    children = Children()
    try:
        api_url = start_temporary_server(children, env, app_dir, timeout)
    except BaseException:
        children.stop()
        raise
    # Stopped when this process exits, as Prefect stops its own: after Prefect's exit handlers
    # (registered later, run earlier) have sent their last logs and events to it.
    atexit.register(children.stop)
    say(f"started a temporary Prefect server on {api_url}")
    with temporary_settings({PREFECT_API_URL: api_url}):
        yield


def start_temporary_server(children: Children, env: dict, app_dir: str, timeout: float) -> str:
    for attempt in range(1, SERVER_START_ATTEMPTS + 1):
        port = free_port()
        command = [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory"]
        command += ["prefect.server.api.server:create_app", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--log-level", "error", "--lifespan", "on"]
        children.start(f"temporary Prefect server {attempt}", command, env, Path.cwd())
        api_url = f"http://127.0.0.1:{port}/api"
        process = children.started[-1][1]
        try:
            wait_for_api(api_url, timeout, alive=partial(running, process))
        except ServeError:
            if attempt == SERVER_START_ATTEMPTS or process.poll() is None:
                raise
            continue
        return api_url
    raise ServeError("the temporary Prefect server did not start")  # not reached


def running(process: subprocess.Popen) -> bool:
    return process.poll() is None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
