"""The project's copy of the report contract, the reference report and the samples, for tests.

Tests read the repository's own copies (`docs/`, the packaged schema): only
`tests/test_contract_drift.py` compares them with the `../shared` a CI checkout has beside it.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from raingan.contract import report_schema

REPO = Path(__file__).resolve().parents[1]
CONTRACT_DIR = REPO / "docs" / "contract"
REFERENCE_TEXT = REPO / "docs" / "reference" / "000_5d457749055c7592.txt"
SAMPLES_DIR = REPO / "sample_reports"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def reference_document() -> dict[str, Any]:
    """The whole document the contract expects for the reference report (a new copy)."""
    document: dict[str, Any] = read_json(CONTRACT_DIR / "reference.expected.json")
    return document


def reference_text() -> str:
    """The text of the real reference report the samples transcribe."""
    return REFERENCE_TEXT.read_text(encoding="utf-8")


@cache
def validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(report_schema())


def validate(document: dict[str, Any]) -> None:
    """Fail unless `document` is valid against the packaged schema (as a user's copy is)."""
    import jsonschema

    error = jsonschema.exceptions.best_match(validator().iter_errors(document))
    if error is not None:
        raise error


def copy_samples(inbox: Path, names: tuple[str, ...] | list[str]) -> dict[str, bytes]:
    """Sample files copied into `inbox` (made as needed): their bytes by name."""
    inbox.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(SAMPLES_DIR / name, inbox / name)
    return {name: (inbox / name).read_bytes() for name in names}
