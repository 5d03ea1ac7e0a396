"""The whole parse's deadline: the time limit, grown by what pages read from their images add,
never past the whole document's cap; a parse past it is rejected `too_large`."""

from __future__ import annotations

import time
from collections.abc import Callable

from parsers.safety.limits import Limits, first_limit, time_overrun
from parsers.safety.rejection import Rejected, RejectionCode


def parse_deadline(
    limits: Limits, started: float, announce: Callable[[float], None] | None
) -> Callable[[float], None]:
    """`deadline(extra)`: grow the limit by `extra` seconds, never past the whole document's
    cap (`Limits.max_seconds_total`), and say so to whoever kills an overrunning parse; or
    raise `too_large` when the parse has overrun it, naming the limit as it was set."""
    allowed = first_limit(limits)
    extra_given = 0.0

    def deadline(extra: float = 0.0) -> None:
        nonlocal allowed, extra_given
        if time.monotonic() - started > allowed:
            overran = time_overrun(limits, extra_given)
            raise Rejected(RejectionCode.TOO_LARGE, f"parsing took longer than {overran}")
        grown = min(extra, limits.max_seconds_total - allowed)
        if grown > 0:
            allowed += grown
            extra_given += grown
            if announce is not None:
                announce(grown)

    return deadline
