"""How a stored finding names its report and its place, in the words of the reader: English for
the command line, Thai for the HTML report and the workbench. One wording per language, declared
once; no pandas, so the command line stays light."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

NOT_READ = "(organisation not read)"


@dataclass(frozen=True)
class Wording:
    months: str
    dimension: str
    seq: str


class ReportNamed(TypedDict):
    """What names a finding's report: the keys of `models.read.FindingRow` (and of the
    workbench's rows) this module reads."""

    organization: str | None
    fiscal_year: int | None
    round_months: int | None


class FindingPlaced(TypedDict):
    """Where a finding is: the keys of `models.read.FindingRow` this module reads."""

    field: str
    dimension: int | None
    seq: int | None


ENGLISH = Wording(months="{} months", dimension="dimension {}", seq="no. {}")
THAI = Wording(months="{} เดือน", dimension="มิติ {}", seq="ลำดับ {}")


def report_identity(row: ReportNamed, words: Wording = ENGLISH) -> str:
    """The organisation, fiscal year and round, as much of it as the report gave."""
    parts = [row["organization"] or NOT_READ]
    if row["fiscal_year"] is not None:
        parts.append(str(row["fiscal_year"]))
    if row["round_months"] is not None:
        parts.append(words.months.format(row["round_months"]))
    return " · ".join(parts)


def finding_place(row: FindingPlaced, words: Wording = ENGLISH) -> str:
    """The field, and the dimension or project row it names."""
    place = row["field"]
    if row["dimension"] is not None:
        place += f" ({words.dimension.format(row['dimension'])})"
    if row["seq"] is not None:
        place += f" ({words.seq.format(row['seq'])})"
    return place
