"""Values as the workbench shows them: figures as printed (1,157,500.00), dates in the
Buddhist era and times in Bangkok."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Numeric
from sqlmodel import SQLModel

from models.rows import LISTED, SINGLE
from models.tables import Project, table_of
from raingan.pipeline.outputs.finding_words import FindingPlaced
from raingan.pipeline.outputs.findings_table import shown
from raingan.thai_display import thai_date, thai_date_time

# A finding's field (`plan_budget.budget`) names a column of one of these tables.
SECTION_TABLES: dict[str, type[SQLModel]] = {**LISTED, **SINGLE, "projects": Project}
TOTAL_SUFFIX = "_total"  # `dimensions_total.budget_spent`: the total row of `dimensions`


@cache
def decimals_of(field: str | None) -> int | None:
    """How many decimals a field's figures are printed with: an amount's two (NUMERIC(14,2)),
    a percentage's as stored; None for counts and text."""
    section, _, column = (field or "").partition(".")
    model = SECTION_TABLES.get(section.removesuffix(TOTAL_SUFFIX))  # a total row: its table's
    if model is None or column not in table_of(model).c:
        return None
    kind = table_of(model).c[column].type
    return kind.scale if isinstance(kind, Numeric) else None


def figure(value: Any, field: str | None = None) -> str:
    """A reported or expected value as the report prints it: amounts with two decimals and
    thousands separated (1,157,500.00), counts whole (1,204), text and dates as they are."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return shown(value)
    if decimals_of(field) == 2 or (isinstance(value, float) and round(value, 2) == value):
        return f"{value:,.2f}"
    return f"{value:,}"  # a count; a percentage kept to four places, as stored


def when(moment: datetime | date | None) -> str:
    """A stored UTC time, or a date, as Thai readers write it (Buddhist era, Bangkok)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return thai_date_time(moment)
    return thai_date(moment)


def where(field: str) -> str:
    """A finding's field as auditors read it: the table's Thai name, then the field."""
    from checks.catalogue import SECTION_LABELS

    section, _, column = field.partition(".")
    label = SECTION_LABELS.get(section.removesuffix(TOTAL_SUFFIX))
    total = " (แถวรวม)" if section.endswith(TOTAL_SUFFIX) else ""
    return f"{label}{total}: {column}" if label else field


def rule_name(rule: str) -> str:
    """A rule's Thai name, from the rule catalogue."""
    from checks.catalogue import RULE_WORDS, Rule

    words = RULE_WORDS.get(Rule(rule)) if rule in Rule.__members__ else None
    return words.name if words else rule


def place(row: FindingPlaced) -> str:
    """Where a finding is, in Thai: the table and field, the dimension, the project row."""
    from raingan.pipeline.outputs.finding_words import THAI, finding_place

    named = FindingPlaced(field=where(row["field"]), dimension=row["dimension"], seq=row["seq"])
    return finding_place(named, THAI)
