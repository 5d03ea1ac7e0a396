"""Where the shared report contract lives, for tests (CI lays shared/ beside the clone)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CONTRACT_DIR = REPO.parent / "shared" / "contract"
SAMPLES_DIR = REPO / "sample_reports"


@cache
def schema() -> dict[str, Any]:
    return json.loads((CONTRACT_DIR / "report.schema.json").read_text(encoding="utf-8"))


def reference_document() -> dict[str, Any]:
    return json.loads((CONTRACT_DIR / "reference.expected.json").read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    import jsonschema

    jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)
