"""`raingan ingest`, `raingan reparse` and `raingan db` as a user runs them, with the real
parser: exit codes, the summary, what lands in the database and the originals store."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from models import migrate
from tests.commands import raingan
from tests.contract import SAMPLES_DIR
from tests.databases import home_database_url, query

pytestmark = pytest.mark.slow  # a `raingan` process per command, real parses into SQLite


def summary_of(output: str) -> dict[str, int]:
    """The closing summary table's rows: `│ rejected │ 4 │`."""
    rows = re.findall(r"^│\s*(\S.*?)\s*│\s*(\d+)\s*│$", output, flags=re.MULTILINE)
    return {what: int(count) for what, count in rows}


def source_files(home: Path) -> list[tuple]:
    sql = "SELECT original_name, status, rejection_code FROM source_files ORDER BY 1"
    return query(home_database_url(home), sql)


def test_files_that_are_not_reports_are_recorded_as_rejected_not_skipped(tmp_path):
    """Named as PDFs (or with no extension), checked by their bytes and rejected with a reason;
    a .docx or .jpg whose bytes agree is counted apart (tests/test_cli_mixed_folder.py)."""
    inbox = tmp_path / "inbox"
    (inbox / "scans").mkdir(parents=True)
    (inbox / "letter.pdf").write_bytes(b"PK\x03\x04 a Word file")
    (inbox / "scans" / "photo.pdf").write_bytes(b"\xff\xd8\xff\xe0 a JPEG")
    (inbox / "bundle").write_bytes(b"PK\x03\x04 a zip")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (inbox / ".DS_Store").write_bytes(b"\x00")
    home = tmp_path / "home"

    run = raingan("ingest", str(inbox), home=home)
    assert run.returncode == 0, run.stderr  # rejections are results, not errors
    assert "Traceback" not in run.stderr
    assert "rejected" in run.stderr and "not_pdf" in run.stderr
    assert summary_of(run.stdout) == {
        "loaded": 0,
        "unchanged": 0,
        "superseded": 0,
        "rejected": 4,
        "failed": 0,
        "skipped": 0,
        "current reports with findings": 0,
        "hidden files skipped": 1,
    }
    assert source_files(home) == [
        ("broken.pdf", "rejected", "corrupt_pdf"),
        ("bundle", "rejected", "not_pdf"),
        ("letter.pdf", "rejected", "not_pdf"),
        ("photo.pdf", "rejected", "not_pdf"),
    ]
    kept = sorted(p.name for p in (home / "originals").rglob("*") if p.is_file())
    assert len(kept) == 1  # broken.pdf, by its hash; not a PDF at all: not kept (issue 24)

    again = raingan("ingest", str(inbox), home=home)
    assert again.returncode == 0
    assert summary_of(again.stdout)["unchanged"] == 4


def test_raingan_ingest_loads_a_real_report(tmp_path):
    run = raingan("ingest", str(SAMPLES_DIR / "reference-chromium.pdf"), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert summary_of(run.stdout)["loaded"] == 1
    sql = "SELECT organisation_name, org_type FROM current_reports"
    assert query(home_database_url(tmp_path), sql) == [("องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "อบจ.")]


def test_ingest_exits_1_when_something_failed(tmp_path):
    present = tmp_path / "note.txt"
    present.write_text("not a report")
    run = raingan("ingest", str(present), str(tmp_path / "missing.pdf"), home=tmp_path / "home")
    assert run.returncode == 1
    assert "no such file" in run.stderr
    assert "Traceback" not in run.stderr


def test_reparse_wants_to_be_told_what(tmp_path):
    run = raingan("reparse", home=tmp_path / "home")
    assert run.returncode == 2
    assert "--all" in run.stderr


def test_reparse_all_parses_the_stored_originals_again(tmp_path):
    home = tmp_path / "home"
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    assert raingan("ingest", str(tmp_path / "a.pdf"), home=home).returncode == 0
    (tmp_path / "a.pdf").unlink()  # the inbox is gone; the original is kept
    run = raingan("reparse", "--all", "-v", home=home)
    assert run.returncode == 0, run.stderr
    assert "a.pdf" in run.stderr and "corrupt_pdf" in run.stderr


def test_db_upgrade_and_current_on_postgresql(tmp_path, postgres_url):
    url = postgres_url
    before = raingan("db", "current", home=tmp_path, RAINGAN_DATABASE_URL=url)
    assert before.returncode == 0, before.stderr
    assert "revision none" in before.stdout
    upgraded = raingan("db", "upgrade", home=tmp_path, RAINGAN_DATABASE_URL=url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"none → {migrate.head_revision()}" in upgraded.stdout
    after = raingan("db", "current", home=tmp_path, RAINGAN_DATABASE_URL=url)
    assert "up to date" in after.stdout


def test_an_unreachable_database_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    url = "postgresql+psycopg://postgres:secret@127.0.0.1:1/nowhere"
    for command in (["ingest", str(tmp_path / "a.pdf")], ["db", "current"], ["db", "upgrade"]):
        run = raingan(*command, home=tmp_path, RAINGAN_DATABASE_URL=url)
        assert run.returncode == 1, command
        assert run.stderr.startswith("error: "), command
        assert "Traceback" not in run.stderr and "secret" not in run.stderr


def test_the_cli_imports_neither_prefect_nor_the_database_for_parsing():
    probe = (
        "import sys; import raingan.cli; "
        "heavy = [m for m in ('prefect', 'models', 'sqlalchemy', 'sqlmodel', 'alembic') "
        "if m in sys.modules]; print(heavy)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.stdout.strip() == "[]", run.stderr


def test_ingest_does_not_import_prefect(tmp_path):
    probe = (
        "import sys; from typer.testing import CliRunner; from raingan.cli import app; "
        f"result = CliRunner().invoke(app, ['ingest', {str(tmp_path)!r}]); "
        "print(result.exit_code, 'prefect' in sys.modules, 'models' in sys.modules)"
    )
    environment = dict(os.environ, RAINGAN_HOME=str(tmp_path / "home"))
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment
    )
    assert run.stdout.split() == ["0", "False", "True"], run.stderr
