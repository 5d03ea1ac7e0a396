"""`raingan ingest` of a folder that holds more than reports (a checkout of sample_reports/):
files whose name and bytes both say they are not PDFs are counted in one summary line, not
recorded as rejections; a .pdf or a file without an extension is still checked by its bytes;
`raingan reparse` parses PDFs only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands import raingan
from tests.contract import SAMPLES_DIR
from tests.databases import home_database_url, query
from tests.test_ingest_cli import summary_of

pytestmark = pytest.mark.slow  # a `raingan` process per command, real parses into SQLite

NOT_PDFS = {  # named so, and their bytes agree
    "README.md": b"# Sample reports\n",
    "percent.expected.json": b'{"schema_version": 1}\n',
    "generator/build.py": b"import sys\n",
    "notes.txt": "บันทึก".encode(),
    "letter.docx": b"PK\x03\x04 a Word file",
    "generator/__init__.py": b"",
}


def mixed_folder(root: Path) -> Path:
    inbox = root / "inbox"
    for name, data in NOT_PDFS.items():
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        (inbox / name).write_bytes(data)
    (inbox / "reference.pdf").write_bytes((SAMPLES_DIR / "reference-chromium.pdf").read_bytes())
    # Names and bytes that disagree, or names that say nothing: the bytes decide.
    (inbox / "percent.txt").write_bytes((SAMPLES_DIR / "findings-percent.pdf").read_bytes())
    (inbox / "letter-renamed.pdf").write_bytes(b"PK\x03\x04 a Word file renamed")
    (inbox / "SCAN0001").write_bytes(b"not a PDF, and no extension")
    return inbox


def test_a_mixed_folder_loads_the_pdfs_and_counts_the_rest_in_one_line(tmp_path):
    inbox, home = mixed_folder(tmp_path), tmp_path / "home"
    run = raingan("ingest", str(inbox), home=home)
    assert run.returncode == 0, run.stderr
    summary = summary_of(run.stdout)
    assert summary["not PDFs, by name and bytes, skipped"] == len(NOT_PDFS)
    assert (summary["loaded"], summary["rejected"], summary["skipped"]) == (2, 2, 0)
    rejected = [line for line in run.stderr.splitlines() if line.startswith("rejected")]
    assert len(rejected) == 2
    assert "SCAN0001" in rejected[0] and "not_pdf" in rejected[0]
    assert "letter-renamed.pdf" in rejected[1] and "ZIP archive" in rejected[1]
    for name in NOT_PDFS:
        assert Path(name).name not in run.stderr
    sql = "SELECT original_name, status, rejection_code FROM source_files ORDER BY 1"
    assert query(home_database_url(home), sql) == [
        ("SCAN0001", "rejected", "not_pdf"),
        ("letter-renamed.pdf", "rejected", "not_pdf"),
        ("percent.txt", "loaded", None),
        ("reference.pdf", "loaded", None),
    ]


def test_a_file_named_on_the_command_line_is_checked_whatever_its_name(tmp_path):
    inbox, home = mixed_folder(tmp_path), tmp_path / "home"
    run = raingan("ingest", str(inbox / "notes.txt"), home=home)
    assert run.returncode == 0, run.stderr
    assert summary_of(run.stdout)["rejected"] == 1
    assert "not_pdf" in run.stderr


def test_a_glob_skips_what_a_folder_skips(tmp_path):
    inbox, home = mixed_folder(tmp_path), tmp_path / "home"
    run = raingan("ingest", str(inbox / "*"), home=home)
    assert run.returncode == 0, run.stderr
    summary = summary_of(run.stdout)
    assert summary["not PDFs, by name and bytes, skipped"] == len(NOT_PDFS)  # generator/ too
    assert (summary["loaded"], summary["rejected"]) == (2, 2)


def test_reparse_parses_pdfs_only(tmp_path):
    inbox, home = mixed_folder(tmp_path), tmp_path / "home"
    assert raingan("ingest", str(inbox), str(inbox / "notes.txt"), home=home).returncode == 0
    run = raingan("reparse", "--all", "-v", home=home)
    assert run.returncode == 0, run.stderr
    lines = [line.split() for line in run.stderr.splitlines() if line.startswith("loaded ")]
    assert sorted(Path(words[1]).name for words in lines) == ["percent.txt", "reference.pdf"]
    summary = summary_of(run.stdout)
    assert (summary["loaded"], summary["rejected"]) == (2, 0)  # notes.txt, SCAN0001: not again
