"""Deliberate inconsistencies, applied to the data model (what the page prints).

Each mutation changes what is printed; the expected findings are whatever the checks then
find in the resulting document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from sample_reports.generator.model import Report


class Mutation(Protocol):
    def apply(self, report: Report) -> None: ...


def _section_object(report: Report, section: str) -> Any:
    base = section.removesuffix("_total")
    value = getattr(report, base)
    if value is None:
        raise ValueError(f"{section} is not printed")
    return value.total if section.endswith("_total") else value


@dataclass(frozen=True)
class SetFigure:
    """Print `value` for `section.key` (of the row of `dimension` in a per-dimension table)."""

    section: str
    key: str
    value: Any
    dimension: int | None = None

    def apply(self, report: Report) -> None:
        target = _section_object(report, self.section)
        if self.dimension is not None:
            target = next(row for row in target.rows if row.dimension == self.dimension)
        if not hasattr(target, self.key):
            raise AttributeError(f"{self.section} has no {self.key}")
        setattr(target, self.key, self.value)


@dataclass(frozen=True)
class Shift:
    """Print `section.key` off by `delta` from what it would be."""

    section: str
    key: str
    delta: float
    dimension: int | None = None

    def apply(self, report: Report) -> None:
        target = _section_object(report, self.section)
        if self.dimension is not None:
            target = next(row for row in target.rows if row.dimension == self.dimension)
        value = getattr(target, self.key)
        shifted = value + self.delta
        setattr(target, self.key, round(shifted, 2) if isinstance(shifted, float) else shifted)


@dataclass(frozen=True)
class MarkRow:
    """Draw the status boxes of the row printed as `seq` as `marks` (none, two …)."""

    seq: int
    marks: tuple[int, ...]

    def apply(self, report: Report) -> None:
        row = next(row for row in report.projects or [] if row.seq == self.seq)
        row.marks = self.marks


@dataclass(frozen=True)
class Renumber:
    """Print the number `seq` on the row at `index` (a gap or a repeat in the sequence)."""

    index: int
    seq: int

    def apply(self, report: Report) -> None:
        report.projects[self.index].seq = self.seq


@dataclass(frozen=True)
class Omit:
    """Leave a whole section out of the printed report (a table, the project list …)."""

    section: str

    def apply(self, report: Report) -> None:
        setattr(report, self.section, None)


@dataclass(frozen=True)
class SetMemo:
    """Print something else in a memo field (subject, agency, date …)."""

    key: str
    value: str | dt.date

    def apply(self, report: Report) -> None:
        if report.memo is None:
            raise ValueError("no memo to change")
        setattr(report.memo, self.key, self.value)


@dataclass(frozen=True)
class MemoDatedBefore:
    """Date the memo `days` before the data it reports (ข้อมูล ณ วันที่)."""

    days: int

    def apply(self, report: Report) -> None:
        if report.memo is None:
            raise ValueError("no memo to change")
        report.memo.date = report.data_as_of - dt.timedelta(days=self.days)


def mutated(report: Report, mutations: tuple[Mutation, ...]) -> Report:
    result = report.copy()
    for mutation in mutations:
        mutation.apply(result)
    return result
