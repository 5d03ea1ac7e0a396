"""Processes a test starts in a session of its own, and how to make sure none is left."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path


def session_members(session_id: int) -> list[int]:
    """Every live process of a session (Linux /proc): a killed session must leave none."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        state, session = fields[0], int(fields[3])
        if session == session_id and state != "Z":
            members.append(int(entry.name))
    return members


def kill_session(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Kill the process group a `start_new_session=True` process leads, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def wait_until_gone(session_id: int, timeout: float = 30) -> list[int]:
    """Wait for a session's processes to exit; what is still there after `timeout`."""
    deadline = time.monotonic() + timeout
    while (left := session_members(session_id)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def wait_for(condition, timeout: float, every: float = 0.2, what: str = "condition"):
    """Poll until `condition()` is truthy; its value, or an AssertionError after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def start_in_session(command: list, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a command as the leader of a session of its own (so that its whole process group
    can be killed and counted), its stdout and stderr written to `log`."""
    with log.open("wb") as output:
        return subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
