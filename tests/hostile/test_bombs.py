"""PDF bombs (`bombs.py`) end `rejected: too_large` naming the limit that stopped them, within
the time limit and start-up, under `raingan parse` and `raingan ingest` (which records the
rejection and loads the next file). Each runs with low limits so that the tests are fast, and
in a process with an address-space limit of its own (a bomb must not take the machine down
if a limit failed)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.contract import SAMPLES_DIR
from tests.databases import home_database_url, query
from tests.hostile.bombs import BOMBS
from tests.hostile.run import limit_address_space

pytestmark = pytest.mark.slow  # a `raingan` process per file

MAX_SECONDS = 5
LIMITS = {"RAINGAN_MAX_SECONDS": str(MAX_SECONDS), "RAINGAN_MAX_MEMORY_MB": "600"}
STARTUP_SECONDS = 30  # over the limit and its grace: imports on a busy CI machine
UNCAPPED = {  # the caps on what pdfminer may inflate, lifted
    "RAINGAN_MAX_STREAM_MB": "100000",
    "RAINGAN_MAX_PAGE_CHARACTERS": "1000000000",
    "RAINGAN_MAX_TOUNICODE_ENTRIES": "1000000000000",
}
# What stops each bomb: with the caps, and with the caps lifted (memory or time then).
STOPPED_BY = {
    "content-inflating-to-300-mb": ("RAINGAN_MAX_STREAM_MB", "RAINGAN_MAX_MEMORY_MB"),
    "tounicode-bfrange-of-2^32-codes": ("RAINGAN_MAX_TOUNICODE_ENTRIES", "RAINGAN_MAX_"),
    "content-of-a-million-characters": ("RAINGAN_MAX_PAGE_CHARACTERS", "RAINGAN_MAX_"),
    "lzw-content-inflating-to-300-mb": ("RAINGAN_MAX_STREAM_MB", "RAINGAN_MAX_"),
    "runlength-content-inflating-to-128-mb": ("RAINGAN_MAX_STREAM_MB", "RAINGAN_MAX_"),
}
# raingan.pipeline.ingestion.isolated_parse: the child is killed after the limit + this
GRACE_SECONDS = 5


def raingan(*args: str, home: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """`python -m raingan ARGS` under the low limits (and `env`), and how long it took."""
    environment = {key: value for key, value in os.environ.items() if "RAINGAN_" not in key}
    environment.update({"RAINGAN_HOME": str(home), "COLUMNS": "200", **LIMITS, **env})
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "raingan", *args],
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS + GRACE_SECONDS + STARTUP_SECONDS + 60,
        env=environment,
        preexec_fn=limit_address_space,
    )
    return run, time.monotonic() - started


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    for name, build in BOMBS.items():
        (folder / f"{name}.pdf").write_bytes(build())
    return folder


def assert_too_large(run: subprocess.CompletedProcess[str], seconds: float, limit: str) -> None:
    assert run.returncode == 3, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rejected: too_large: "), run.stderr
    assert limit in lines[0], lines[0]
    assert seconds < MAX_SECONDS + GRACE_SECONDS + STARTUP_SECONDS


@pytest.mark.parametrize("name", list(BOMBS))
def test_each_bomb_is_stopped_by_its_cap(bombs, tmp_path, name):
    run, seconds = raingan("parse", str(bombs / f"{name}.pdf"), home=tmp_path)
    assert_too_large(run, seconds, STOPPED_BY[name][0])


@pytest.mark.parametrize("name", list(BOMBS))
def test_with_the_caps_lifted_each_bomb_is_stopped_by_the_memory_or_time_limit(
    bombs, tmp_path, name
):
    run, seconds = raingan("parse", str(bombs / f"{name}.pdf"), home=tmp_path, **UNCAPPED)
    assert_too_large(run, seconds, STOPPED_BY[name][1])
    reason = run.stderr
    assert "RAINGAN_MAX_MEMORY_MB" in reason or "RAINGAN_MAX_SECONDS" in reason


def test_the_text_command_is_bounded_too(bombs, tmp_path):
    bomb = bombs / "content-inflating-to-300-mb.pdf"
    run, seconds = raingan("text", str(bomb), home=tmp_path, **UNCAPPED)
    assert_too_large(run, seconds, "RAINGAN_MAX_MEMORY_MB")


def test_ingest_records_each_bomb_rejected_and_loads_the_next_file(bombs, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in bombs.iterdir():
        (inbox / f"a-{path.name}").write_bytes(path.read_bytes())
    (inbox / "z-report.pdf").write_bytes((SAMPLES_DIR / "findings-percent.pdf").read_bytes())
    home = tmp_path / "home"
    run, seconds = raingan("ingest", str(inbox), home=home, RAINGAN_MAX_STREAM_MB="100000")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    sql = "SELECT original_name, status, rejection_code, rejection_reason FROM source_files"
    rows = {
        name: tuple(rest) for name, *rest in query(home_database_url(home), sql + " ORDER BY 1")
    }
    assert rows.pop("z-report.pdf")[:2] == ("loaded", None)  # after the bombs
    assert set(rows) == {f"a-{name}.pdf" for name in BOMBS}
    for name, (status, code, reason) in rows.items():
        assert (status, code) == ("rejected", "too_large"), (name, reason)
    inflating = rows["a-content-inflating-to-300-mb.pdf"][2]
    assert "RAINGAN_MAX_MEMORY_MB" in inflating  # the stream cap lifted: memory stopped it
    assert rows["a-tounicode-bfrange-of-2^32-codes.pdf"][2].endswith(
        "(RAINGAN_MAX_TOUNICODE_ENTRIES)"
    )
    assert seconds < 3 * (MAX_SECONDS + GRACE_SECONDS) + STARTUP_SECONDS
