"""The rejected and failed files as rows (`models.read.rejected_rows`) and their exports, in
the formats of `raingan findings` (csv with a byte order mark, xlsx, typed parquet, json)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pandas as pd

from models.read import RejectedSelection, rejected_rows
from raingan.pipeline.database import SessionFactory
from raingan.pipeline.outputs.choices import EXPORT_FORMATS
from raingan.pipeline.outputs.findings_table import json_value, lay_out, shown

# The columns of every export, in this order.
COLUMNS = (
    "last_seen",
    "first_seen",
    "status",
    "code",
    "reason",
    "file",
    "origin",
    "size_bytes",
    "sha256",
    "parser_version",
    "inboxes",
)
TIMES = ("last_seen", "first_seen")


def read_rejected(sessions: SessionFactory, selection: RejectedSelection) -> list[dict[str, Any]]:
    with sessions() as session:
        return rejected_rows(session, selection)


def rejected_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in TIMES:
        frame[column] = pd.to_datetime(frame[column])
    frame["size_bytes"] = frame["size_bytes"].astype("Int64")
    return frame


def as_csv(rows: list[dict[str, Any]]) -> bytes:
    frame = rejected_frame(rows)
    frame["inboxes"] = frame["inboxes"].map(shown)
    return frame.to_csv(index=False).encode("utf-8-sig")


def as_json(rows: list[dict[str, Any]]) -> bytes:
    records = [{column: json_value(row[column]) for column in COLUMNS} for row in rows]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode()


def as_xlsx(rows: list[dict[str, Any]]) -> bytes:
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


def as_parquet(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(
        [{column: row[column] for column in COLUMNS} for row in rows], schema=parquet_schema()
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


# Each export format's writer, in the order of the formats (`strict`: one each).
EXPORTS: dict[str, Callable[[list[dict[str, Any]]], bytes]] = dict(
    zip(EXPORT_FORMATS, (as_csv, as_xlsx, as_parquet, as_json), strict=True)
)
