"""What the project list says: counts and sums over its rows, overall or for one dimension."""

from __future__ import annotations

from dataclasses import dataclass

from checks.document import Project
from checks.evidence import row_place


@dataclass(frozen=True)
class Tally:
    value: int | float
    unknown: int = 0  # rows in scope whose status could not be read
    places: tuple[str, ...] = ()  # the rows counted, or the cells summed


def tally(projects: list[Project], what: str, dimension: int | None) -> Tally | None:
    """Compute `what` ("count", "status:X", "budget", "disbursed") over the rows in scope.

    None when the list cannot determine it: a row of unknown dimension when a dimension
    is asked for, or an amount that could not be read.
    """
    if dimension is not None and any(row.get("dimension") is None for row in projects):
        return None
    rows = [
        (index, row)
        for index, row in enumerate(projects)
        if dimension is None or row.get("dimension") == dimension
    ]
    if what == "count":
        return Tally(len(rows), places=tuple(row_place(index) for index, _ in rows))
    if what.startswith("status:"):
        status = what.removeprefix("status:")
        counted = [index for index, row in rows if row.get("status") == status]
        return Tally(
            len(counted),
            unknown=sum(1 for _, row in rows if row.get("status") is None),
            places=tuple(row_place(index) for index in counted),
        )
    amounts = [amount for _, row in rows if isinstance(amount := row.get(what), int | float)]
    if len(amounts) < len(rows):
        return None
    places = tuple(row_place(index, what) for index, _ in rows)
    return Tally(round(float(sum(amounts)), 2), places=places)
