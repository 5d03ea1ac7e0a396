"""Per-file limits on what the parser will take on (the contract gives the defaults)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Limits:
    max_pages: int = 500
    max_bytes: int = 100 * 1024 * 1024
    max_seconds: float = 120.0

    def replace(self, **changes: Any) -> Limits:
        """A copy with some limits changed (unknown names raise TypeError)."""
        return replace(self, **changes)


# Environment variables that override the defaults, and how to read each.
ENVIRONMENT = {
    "RAINGAN_MAX_PAGES": ("max_pages", int),
    "RAINGAN_MAX_BYTES": ("max_bytes", int),
    "RAINGAN_MAX_SECONDS": ("max_seconds", float),
}


def limits_from_env(env: Mapping[str, str] | None = None) -> Limits:
    env = os.environ if env is None else env
    changes = {field: cast(env[name]) for name, (field, cast) in ENVIRONMENT.items() if name in env}
    return Limits(**changes)
