"""Per-file limits on what the parser will take on (the contract gives the defaults).

Time and memory are enforced on the parsing process
(`raingan.pipeline.ingestion.isolated_parse`: the parse runs in a child killed past
`max_seconds` plus a grace, under an address-space limit of
`max_memory_mb`); the caps on what pdfminer may inflate (`parsers.safety.inflation`) stop the known
bombs early and cheaply, each naming its limit in the `too_large` reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Limits:
    max_pages: int = 500
    max_bytes: int = 100 * 1024 * 1024
    max_seconds: float = 120.0
    # The parsing process's address space (RLIMIT_AS): its peak RSS stays below it.
    max_memory_mb: int = 1024
    # One stream, decompressed (a content stream of `q Q` inflating to a gigabyte).
    max_stream_mb: int = 64
    # Characters drawn on one page (a content stream showing a million characters).
    max_page_characters: int = 100_000
    # Codes one ToUnicode map declares (a bfrange of 2^32 codes).
    max_tounicode_entries: int = 200_000
    # Read pages without a usable text layer from their images (parsers.ocr), where Tesseract
    # is installed; each such page adds `OCR_TOLERANCES.seconds_per_page` to `max_seconds`.
    ocr: bool = True
    # The whole document, pages read from their images included: what those pages add stops
    # here (a 500-page scan of 3 MB would otherwise hold a worker for well over an hour).
    max_seconds_total: float = 600.0

    def replace(self, **changes: Any) -> Limits:
        """A copy with some limits changed (unknown names raise TypeError)."""
        return replace(self, **changes)


# Environment variables that override the defaults, and how to read each.
ENVIRONMENT = {
    "RAINGAN_MAX_PAGES": ("max_pages", int),
    "RAINGAN_MAX_BYTES": ("max_bytes", int),
    "RAINGAN_MAX_SECONDS": ("max_seconds", float),
    "RAINGAN_MAX_SECONDS_TOTAL": ("max_seconds_total", float),
    "RAINGAN_MAX_MEMORY_MB": ("max_memory_mb", int),
    "RAINGAN_MAX_STREAM_MB": ("max_stream_mb", int),
    "RAINGAN_MAX_PAGE_CHARACTERS": ("max_page_characters", int),
    "RAINGAN_MAX_TOUNICODE_ENTRIES": ("max_tounicode_entries", int),
}
# Switches OCR off ("off", "0", "no", "false"); anything else, or nothing, leaves it on.
OCR_VARIABLE = "RAINGAN_OCR"
OCR_OFF = frozenset({"off", "0", "no", "false"})
# The variable that sets each limit, to name it in a rejection.
VARIABLE_OF = {field: name for name, (field, _cast) in ENVIRONMENT.items()}


def limits_from_env(env: Mapping[str, str] | None = None) -> Limits:
    env = os.environ if env is None else env
    changes = {field: cast(env[name]) for name, (field, cast) in ENVIRONMENT.items() if name in env}
    return Limits(**changes, ocr=ocr_wanted(env.get(OCR_VARIABLE)))


def ocr_wanted(value: str | None) -> bool:
    return (value or "").strip().lower() not in OCR_OFF


CAP_TOLERANCE = 1e-6  # seconds: a limit grown up to the cap in steps may fall short by a hair


def first_limit(limits: Limits) -> float:
    """The time a parse is given before any page is read from its image."""
    return min(limits.max_seconds, limits.max_seconds_total)


def time_overrun(limits: Limits, extra: float) -> str:
    """The limit a parse overran, as a rejection says it: the values as they were set."""
    if first_limit(limits) + extra >= limits.max_seconds_total - CAP_TOLERANCE:
        variable = VARIABLE_OF["max_seconds_total"]
        return f"the whole-document limit of {limits.max_seconds_total:g} s ({variable})"
    allowed = f"the time limit of {limits.max_seconds:g} s"
    if extra:
        allowed += f" and {extra:g} s more for pages read from their images"
    return f"{allowed} ({VARIABLE_OF['max_seconds']})"


# Told of each extension of the time limit (seconds) while a parse runs: pages read from their
# images take longer, and the process that kills an overrunning parse must wait for them.
EXTRA_TIME: ContextVar[Callable[[float], None] | None] = ContextVar("EXTRA_TIME", default=None)
