"""The rejected and failed files as rows (`models.read.rejected_rows`) and their exports, in
the formats of `raingan findings` (csv with a byte order mark, xlsx, typed parquet, json)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from models.read import RejectedRow, RejectedSelection, rejected_rows
from raingan.pipeline.database import SessionFactory
from raingan.pipeline.outputs.choices import EXPORT_FORMATS
from raingan.pipeline.outputs.findings_table import json_export, lay_out, shown

# The columns of every export, in this order: the rows' keys.
COLUMNS = tuple(RejectedRow.__annotations__)
TIMES = ("last_seen", "first_seen")


def read_rejected(sessions: SessionFactory, selection: RejectedSelection) -> list[RejectedRow]:
    with sessions() as session:
        return rejected_rows(session, selection)


def rejected_frame(rows: list[RejectedRow]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in TIMES:
        frame[column] = pd.to_datetime(frame[column])
    frame["size_bytes"] = frame["size_bytes"].astype("Int64")
    return frame


def as_csv(rows: list[RejectedRow]) -> bytes:
    frame = rejected_frame(rows)
    frame["inboxes"] = frame["inboxes"].map(shown)
    return frame.to_csv(index=False).encode("utf-8-sig")


def as_json(rows: list[RejectedRow]) -> bytes:
    return json_export(rows, COLUMNS)


def as_xlsx(rows: list[RejectedRow]) -> bytes:
    frame = rejected_frame(rows)
    frame["inboxes"] = frame["inboxes"].map(shown)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="rejected", index=False)
        lay_out(writer.sheets["rejected"], frame)
    return buffer.getvalue()


def parquet_schema() -> Any:
    import pyarrow as pa

    types = {
        "last_seen": pa.timestamp("us"),
        "first_seen": pa.timestamp("us"),
        "size_bytes": pa.int64(),
        "inboxes": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(name, types.get(name, pa.string())) for name in COLUMNS])


def as_parquet(rows: list[RejectedRow]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([in_columns(row) for row in rows], schema=parquet_schema())
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def in_columns(row: Mapping[str, object]) -> dict[str, object]:
    return {column: row[column] for column in COLUMNS}


# Each export format's writer, in the order of the formats (`strict`: one each).
EXPORTS: dict[str, Callable[[list[RejectedRow]], bytes]] = dict(
    zip(EXPORT_FORMATS, (as_csv, as_xlsx, as_parquet, as_json), strict=True)
)
