"""The project carries the report contract (public API) and the reference report; where the
upstream copy lies beside the clone (`../shared`, as on CI), ours must be the same bytes, so
that a contract change shows up here as a failing test. The only reader of `../shared`."""

from __future__ import annotations

from pathlib import Path

import pytest

from raingan.contract import report_schema, report_schema_text
from tests.contract import CONTRACT_DIR, REFERENCE_TEXT, REPO

SHARED = REPO.parent / "shared"
PACKAGED_SCHEMA = REPO / "raingan" / "contract" / "report.schema.json"
# Our copy → the upstream file it must equal, relative to `../shared`.
COPIES = {
    CONTRACT_DIR / "README.md": "contract/README.md",
    CONTRACT_DIR / "reference.expected.json": "contract/reference.expected.json",
    PACKAGED_SCHEMA: "contract/report.schema.json",
    REFERENCE_TEXT: "reference/000_5d457749055c7592.txt",
}


def name(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize("copy", COPIES, ids=name)
def test_the_project_carries_the_upstream_file(copy: Path):
    """Our copy is there (a clone has no `../shared`) and, where upstream is, equal to it."""
    assert copy.is_file() and copy.stat().st_size > 0, f"{name(copy)} is missing or empty"
    if SHARED.is_dir():
        upstream = SHARED / COPIES[copy]
        assert copy.read_bytes() == upstream.read_bytes(), (
            f"{name(copy)} differs from ../shared/{COPIES[copy]}: copy the new contract in "
            "and record it in CHANGELOG.md"
        )


def test_the_docs_schema_is_the_packaged_one_not_a_second_copy():
    docs_schema = CONTRACT_DIR / "report.schema.json"
    assert docs_schema.is_symlink()
    assert docs_schema.resolve() == PACKAGED_SCHEMA


def test_the_package_serves_its_schema():
    assert report_schema_text() == PACKAGED_SCHEMA.read_text(encoding="utf-8")
    assert report_schema()["properties"]["schema_version"]["const"] == 1
