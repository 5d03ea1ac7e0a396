"""Per-file limits on what the parser will take on (the contract gives the defaults)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_pages: int = 500
    max_bytes: int = 100 * 1024 * 1024
    max_seconds: float = 120.0
