"""The findings table: stored findings as rows (one query, `models.read.finding_rows`), as a
pandas DataFrame, and its exports. `raingan findings` and the audit flow's artifact share it.

`reported` and `expected` hold counts, amounts, Thai text and dates: the typed exports
(parquet) split each into a numeric and a text column; the others keep the value as it is.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from checks.catalogue import RULE_WORDS, Rule
from checks.identity import NOT_REVIEWED, ReviewStatus
from models.read import FindingRow, FindingSelection, ReportFile, finding_rows, reports_named
from raingan.pipeline.database import SessionFactory
from raingan.pipeline.outputs.choices import EXPORT_FORMATS

REVIEW_CHOICES = (NOT_REVIEWED, *(status.value for status in ReviewStatus))

# The columns of every export, in this order: the rows' keys.
COLUMNS = tuple(FindingRow.__annotations__)
VALUE_COLUMNS = ("reported", "expected")


def read_findings(sessions: SessionFactory, selection: FindingSelection) -> list[FindingRow]:
    with sessions() as session:
        return finding_rows(session, selection)


def reports_matching(sessions: SessionFactory, given: str) -> list[ReportFile]:
    """The stored reports `given` names: a sha256 prefix, or a file name as ingested."""
    with sessions() as session:
        return reports_named(session, given)


def findings_frame(rows: list[FindingRow]) -> pd.DataFrame:
    """The rows as a DataFrame, `reported` and `expected` left as they are (object)."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("fiscal_year", "round_months", "dimension", "seq"):
        frame[column] = frame[column].astype("Int64")
    frame["data_as_of"] = pd.to_datetime(frame["data_as_of"]).dt.date
    frame["reviewed_at"] = pd.to_datetime(frame["reviewed_at"])
    return frame


# Values ----------------------------------------------------------------------------------


def number_of(value: Any) -> float | None:
    """A count or an amount as a number; text, dates and booleans are not numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def text_of(value: Any) -> str | None:
    """Any value that is not a number, as text (None stays None)."""
    if value is None or number_of(value) is not None:
        return None
    return json.dumps(value, ensure_ascii=False) if isinstance(value, bool) else str(value)


def shown(value: Any) -> str:
    """A value as a person reads it: 34000 rather than 34000.0, nothing for None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(shown(item) for item in value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# Exports ---------------------------------------------------------------------------------


def as_csv(rows: list[FindingRow]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel reads the Thai as Thai."""
    frame = findings_frame(rows)
    for column in (*VALUE_COLUMNS, "pages"):
        frame[column] = frame[column].map(shown)
    return frame.to_csv(index=False).encode("utf-8-sig")


def as_json(rows: list[FindingRow]) -> bytes:
    """A list of objects, values as stored (numbers, text, lists of pages)."""
    return json_export(rows, COLUMNS)


def json_export(rows: Sequence[Mapping[str, object]], columns: tuple[str, ...]) -> bytes:
    """The rows as a list of objects with these keys in this order, dates in ISO 8601."""
    records = [{column: json_value(row[column]) for column in columns} for row in rows]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode()


def json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def typed_frame(rows: list[FindingRow]) -> pd.DataFrame:
    """Every column of one type: `reported` and `expected` each split into `_number` and
    `_text` (one of them null)."""
    frame = findings_frame(rows)
    at = frame.columns.get_loc("reported")
    for offset, column in enumerate(VALUE_COLUMNS):
        numbers = frame[column].map(number_of).astype("Float64")
        texts = frame[column].map(text_of).astype("string")
        frame = frame.drop(columns=[column])
        frame.insert(at + 2 * offset, f"{column}_number", numbers)
        frame.insert(at + 2 * offset + 1, f"{column}_text", texts)
    frame["superseded"] = frame["superseded"].astype("boolean")
    return frame


def parquet_schema() -> Any:
    """Every column typed: integers, numbers, dates and times as such, the rest text."""
    import pyarrow as pa

    types = {
        **{name: pa.int64() for name in ("fiscal_year", "round_months", "dimension", "seq")},
        **{f"{name}_number": pa.float64() for name in VALUE_COLUMNS},
        "data_as_of": pa.date32(),
        "pages": pa.list_(pa.int64()),
        "superseded": pa.bool_(),
        "reviewed_at": pa.timestamp("us"),
    }
    names = [name for column in COLUMNS for name in typed_names(column)]
    return pa.schema([pa.field(name, types.get(name, pa.string())) for name in names])


def typed_names(column: str) -> tuple[str, ...]:
    if column in VALUE_COLUMNS:
        return (f"{column}_number", f"{column}_text")
    return (column,)


def as_parquet(rows: list[FindingRow]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(typed_frame(rows), schema=parquet_schema(), preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


# The workbook: findings, then reports per organisation, then counts per rule.
SHEETS = ("findings", "reports", "rules")
WIDEST_COLUMN = 60  # characters: longer text wraps in the cell rather than widening it


def reports_per_organisation(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["organization", "province", "org_type"]
    grouped = frame.fillna({key: "" for key in keys}).groupby(keys, sort=True)
    return grouped.agg(
        reports=("sha256", "nunique"),
        findings=("id", "count"),
        open=("review_status", lambda statuses: int((statuses == NOT_REVIEWED).sum())),
    ).reset_index()


def counts_per_rule(frame: pd.DataFrame) -> pd.DataFrame:
    """Per rule: its Thai name and what it compares, then findings by review and reports."""
    counts = pd.crosstab([frame["rule"], frame["severity"]], frame["review_status"])
    counts = counts.reindex(columns=list(REVIEW_CHOICES), fill_value=0)
    counts.insert(0, "findings", counts.sum(axis=1))
    reports = frame.groupby(["rule", "severity"])["sha256"].nunique().rename("reports")
    table = counts.join(reports).reset_index().rename_axis(columns=None)
    words = [RULE_WORDS[Rule(rule)] for rule in table["rule"]]
    table.insert(2, "name", [word.name for word in words])
    table.insert(3, "compared", [word.compared for word in words])
    return table


def as_xlsx(rows: list[FindingRow]) -> bytes:
    frame = findings_frame(rows)
    findings = frame.copy()
    findings["pages"] = findings["pages"].map(shown)
    findings["reviewed_at"] = findings["reviewed_at"].dt.tz_localize(None)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, sheet in zip(
            SHEETS,
            (findings, reports_per_organisation(frame), counts_per_rule(frame)),
            strict=True,
        ):
            sheet.to_excel(writer, sheet_name=name, index=False)
            lay_out(writer.sheets[name], sheet)
    return buffer.getvalue()


def lay_out(worksheet: Any, sheet: pd.DataFrame) -> None:
    """Header frozen, an autofilter over the whole sheet, columns as wide as their text."""
    from openpyxl.utils import get_column_letter

    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = worksheet.dimensions
    for index, column in enumerate(sheet.columns, start=1):
        longest = max([len(str(column)), *(len(shown(value)) for value in sheet[column])])
        width = min(longest + 2, WIDEST_COLUMN)
        worksheet.column_dimensions[get_column_letter(index)].width = width


# Each export format's writer, in the order of the formats (`strict`: one each).
EXPORTS: dict[str, Callable[[list[FindingRow]], bytes]] = dict(
    zip(EXPORT_FORMATS, (as_csv, as_xlsx, as_parquet, as_json), strict=True)
)


def as_text_rows(rows: list[FindingRow]) -> list[dict[str, str]]:
    """The table with every value as a person reads it: a Prefect table artifact's rows."""
    return [text_row(row) for row in rows]


def text_row(row: Mapping[str, object]) -> dict[str, str]:
    return {column: shown(row[column]) for column in COLUMNS}
