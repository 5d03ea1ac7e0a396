"""The report contract's JSON Schema, shipped inside the package (public API).

`raingan parse --json` prints documents that validate against it; `docs/contract/README.md`
explains it. The file is package data, so an installed wheel carries it too.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

SCHEMA_FILE = "report.schema.json"


@cache
def report_schema_text() -> str:
    """The schema exactly as published (what `raingan schema` prints)."""
    return files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def report_schema() -> dict[str, object]:
    """The schema as a JSON object (a new copy: callers may change it). Open JSON: a reader
    narrows what it reads (the tests walk it)."""
    schema: dict[str, object] = json.loads(report_schema_text())
    return schema
