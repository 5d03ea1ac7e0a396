"""The `raingan` command run as a user runs it: a process of its own, its output captured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def raingan(*args: str, home: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m raingan ARGS` with none of the caller's `RAINGAN_*` settings: `home` (when
    given) and `env` only; wide enough that rich does not wrap its tables."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("RAINGAN_")
    }
    if home is not None:
        environment["RAINGAN_HOME"] = str(home)
    environment.update({"COLUMNS": "200", **env})
    return subprocess.run(
        [sys.executable, "-m", "raingan", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
