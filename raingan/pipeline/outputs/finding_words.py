"""How a stored finding names its report and its place, in the words of the reader: English for
the command line, Thai for the HTML report and the workbench. One wording per language, declared
once; no pandas, so the command line stays light."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NOT_READ = "(organisation not read)"


@dataclass(frozen=True)
class Wording:
    months: str
    dimension: str
    seq: str


ENGLISH = Wording(months="{} months", dimension="dimension {}", seq="no. {}")
THAI = Wording(months="{} เดือน", dimension="มิติ {}", seq="ลำดับ {}")


def report_identity(row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """The organisation, fiscal year and round, as much of it as the report gave."""
    parts = [row["organization"] or NOT_READ]
    if row["fiscal_year"] is not None:
        parts.append(str(row["fiscal_year"]))
    if row["round_months"] is not None:
        parts.append(words.months.format(row["round_months"]))
    return " · ".join(parts)


def finding_place(row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """The field, and the dimension or project row it names."""
    place = str(row["field"])
    if row["dimension"] is not None:
        place += f" ({words.dimension.format(row['dimension'])})"
    if row["seq"] is not None:
        place += f" ({words.seq.format(row['seq'])})"
    return place
