"""The parse child (the nightly flow's and every isolated parse's) keeps library warnings in
`RAINGAN_HOME/raingan.log`: it starts with no log handler of its own, and pdfminer's warnings
on a damaged file would otherwise reach stderr through Python's last-resort handler."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.handmade import parent_cycle

ROOT = Path(__file__).resolve().parents[1]

# A process with no logging set up (as the nightly flow's parse child starts) parsing a damaged
# file in the fork server's child, as the nightly flow does.
PARSE_IN_THE_CHILD = """
import sys
from raingan.pipeline.ingestion.isolated_parse import isolated
from raingan.pipeline.ingestion.parsing import default_parser

data = open(sys.argv[1], "rb").read()
with isolated(default_parser()) as parser:
    try:
        parser.parse(data, "cycle.pdf")
    except Exception as error:
        print(type(error).__name__)
"""


@pytest.mark.slow
@pytest.mark.parametrize("start_method", ["forkserver", "fork"])
def test_pdfminer_warnings_in_the_parse_child_go_to_the_log_file_not_stderr(tmp_path, start_method):
    path = tmp_path / "cycle.pdf"
    path.write_bytes(parent_cycle())  # pdfminer warns "MediaBox missing", then fails
    home = tmp_path / "home"
    script = PARSE_IN_THE_CHILD
    if start_method == "fork":  # as `raingan parse` does, with its own log file already set
        script = script.replace(
            "with isolated(default_parser())",
            "from raingan.cli.console import keep_logs_in\n"
            "from raingan.settings import load_settings\n"
            "keep_logs_in(load_settings().home)\n"
            "with isolated(default_parser(), 'fork')",
        )
    run = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        env={**os.environ, "RAINGAN_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Rejected"
    assert "MediaBox" not in run.stderr and "WARNING" not in run.stderr, run.stderr
    log = (home / "raingan.log").read_text()
    assert "WARNING pdfminer.pdfpage: MediaBox missing" in log
    assert log.count("damaged PDF") == 1, log  # one handler: a forked child keeps its parent's
