"""What the project list says: counts and sums over its rows, overall or for one dimension."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tally:
    value: int | float
    unknown: int = 0  # rows in scope whose status could not be read


def tally(projects: list[dict[str, Any]], what: str, dimension: int | None) -> Tally | None:
    """Compute `what` ("count", "status:X", "budget", "disbursed") over the rows in scope.

    None when the list cannot determine it: a row of unknown dimension when a dimension
    is asked for, or an amount that could not be read.
    """
    if dimension is None:
        rows = projects
    elif any(row.get("dimension") is None for row in projects):
        return None
    else:
        rows = [row for row in projects if row.get("dimension") == dimension]
    if what == "count":
        return Tally(len(rows))
    if what.startswith("status:"):
        status = what.removeprefix("status:")
        return Tally(
            sum(1 for row in rows if row.get("status") == status),
            unknown=sum(1 for row in rows if row.get("status") is None),
        )
    amounts = [amount for row in rows if (amount := row.get(what)) is not None]
    if len(amounts) < len(rows):
        return None
    return Tally(round(float(sum(amounts)), 2))
