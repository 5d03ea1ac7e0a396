"""Session-wide fixtures (one temporary Prefect server for every flow test, a new PostgreSQL
database), and the markers that follow from them: a test that uses a fixture of
`MARKERS_BY_FIXTURE`, even through another fixture, carries its marker, so that
`make test-fast` (`-m "not postgres and not prefect and not slow"`) leaves it out."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

# Every sample's `*.expected.json` is its document without OCR (exact); the scans' documents
# with OCR (`*.ocr-expected.json`) are checked by tests/test_ocr_samples.py, which parses with
# OCR on explicitly. Processes the tests start inherit this.
os.environ.setdefault("RAINGAN_OCR", "off")

MARKERS_BY_FIXTURE = {
    "prefect_server": "prefect",
    "postgres_url": "postgres",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for fixture, marker in MARKERS_BY_FIXTURE.items():
            if fixture in used:
                item.add_marker(marker)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database (see `tests.databases`), dropped afterwards."""
    from tests.databases import drop_postgres_database, new_postgres_database

    url = new_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def prefect_server():
    """A temporary Prefect API for the session; subprocesses find it through the environment."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Prefect binds its console log handler to sys.stderr as it is when `prefect.main` is first
    # imported: import it now, not inside a CliRunner whose streams close after the command.
    import prefect.main  # noqa: F401
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    before = os.environ.get("PREFECT_API_URL")
    # Its first start in a new virtual environment compiles Prefect's server and creates its
    # database: more than the harness's default 30 s on a busy 2-core machine.
    with prefect_test_harness(server_startup_timeout=180):
        os.environ["PREFECT_API_URL"] = PREFECT_API_URL.value()
        yield PREFECT_API_URL.value()
    if before is None:
        os.environ.pop("PREFECT_API_URL", None)
    else:
        os.environ["PREFECT_API_URL"] = before


@pytest.fixture
def home(tmp_path, monkeypatch, prefect_server):
    """A new raingan home folder (SQLite database, originals) for a flow test."""
    home = tmp_path / "home"
    monkeypatch.setenv("RAINGAN_HOME", str(home))
    for name in ("RAINGAN_DATABASE_URL", "RAINGAN_STORE"):
        monkeypatch.delenv(name, raising=False)
    return home
