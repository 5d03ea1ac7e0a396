"""The process's environment, set up by `main` before any command runs: Prefect's defaults,
and the libraries' data and log records in raingan's home.

Prefect's telemetry is off unless the user set it (`PREFECT_DEFAULTS`): offline, each run
logged an ERROR for a heartbeat it could not send.
"""

from __future__ import annotations

import os

from raingan.cli.console import keep_logs_in

# Set for Prefect unless the user's environment says otherwise.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # telemetry of the (temporary) server
    "DO_NOT_TRACK": "1",  # the client's, as Prefect and its libraries read it
    # Prefect waits 20 s for its temporary server; its first start on a new install compiles
    # the server's modules and creates its database, which took longer on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def prefect_defaults() -> None:
    """Every command that may start Prefect calls this (`main` does, for all of them)."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def settle_in_home() -> None:
    """Before Prefect or pythainlp is imported: their data goes in raingan's home unless their
    own variables say where, and the libraries' log records go to a file there, never to the
    terminal (stderr carries raingan's one-line messages only). Bad settings are left for
    `root` to report."""
    from raingan.settings import SettingsError, library_homes, load_settings

    try:
        home = load_settings().home
    except SettingsError:
        return
    os.environ.update(library_homes(home, os.environ))
    keep_logs_in(home)
