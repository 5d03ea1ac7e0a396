"""`raingan parse` and `raingan text` as a user runs them: exit codes, output, no traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.commands import raingan
from tests.contract import SAMPLES_DIR, validate

pytestmark = pytest.mark.slow  # a `raingan` process per test

REFERENCE_PDF = SAMPLES_DIR / "reference-chromium.pdf"


def test_parse_json_prints_the_contract_document():
    run = raingan("parse", str(REFERENCE_PDF), "--json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    validate(document)
    assert document["source"]["file"] == REFERENCE_PDF.name
    assert len(document["findings"]) == 10


def test_parse_shows_a_readable_summary():
    run = raingan("parse", str(REFERENCE_PDF))
    assert run.returncode == 0, run.stderr
    assert "องค์การบริหารส่วนจังหวัดกาฬสินธุ์" in run.stdout
    assert "STATUS_COUNT" in run.stdout
    assert "status_summary.completed" in run.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "not_pdf"),
        (b"PK\x03\x04 this is a docx", "not_pdf"),
        (b"%PDF-1.7\n1 0 obj <<", "corrupt_pdf"),
    ],
)
def test_rejected_file_gets_one_line_and_status_3(tmp_path, content, code):
    path = tmp_path / "upload.pdf"
    path.write_bytes(content)
    run = raingan("parse", str(path), "--json")
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.startswith(f"rejected: {code}: ")
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_a_page_limit_rejects_as_too_large():
    run = raingan("parse", str(REFERENCE_PDF), "--max-pages", "2")
    assert run.returncode == 3
    assert run.stderr.startswith("rejected: too_large: ")


@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-seconds", "nan"), ("--max-seconds", "-5"), ("--max-mb", "nan"), ("--max-pages", "0")],
)
def test_a_limit_that_is_no_positive_number_is_a_usage_error(option, value):
    """Not a traceback (--max-mb nan), nor a file rejected as too large (--max-seconds -5)."""
    run = raingan("parse", str(REFERENCE_PDF), option, value)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "is not a positive number" in run.stderr and option in run.stderr
    assert "Traceback" not in run.stderr and "rejected" not in run.stderr


def test_a_scan_with_ocr_switched_off_is_rejected_naming_the_switch():
    run = raingan("parse", str(SAMPLES_DIR / "scanned-reference-200.pdf"), RAINGAN_OCR="off")
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.startswith("rejected: no_text_layer: ")
    assert "RAINGAN_OCR" in run.stderr
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_missing_file_is_a_usage_error():
    run = raingan("parse", "no-such-file.pdf")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_text_prints_the_repaired_text_page_by_page():
    run = raingan("text", str(REFERENCE_PDF))
    assert run.returncode == 0, run.stderr
    assert "page 1" in run.stdout and "page 7" in run.stdout
    assert "บันทึกข้อความ" in run.stdout
    assert "\uf70a" not in run.stdout  # no Private Use Area glyphs left


PAGE_RULE = re.compile(r"^─+ page (\d+) ─+$", re.MULTILINE)
READ_FROM_IMAGE = re.compile(r"^\(read from its image, mean confidence (\d+)%\)$")


def text_pages(output: str) -> dict[int, list[str]]:
    """`raingan text`'s output, page by page: each page's lines under its rule."""
    parts = PAGE_RULE.split(output)
    bodies = zip(parts[1::2], parts[2::2], strict=True)
    return {int(number): body.strip("\n").split("\n") for number, body in bodies}


def test_text_reads_a_scanned_page_from_its_image_and_says_so():
    """The usual filing: a scanned memo, then the printed report. The memo page shows what OCR
    reads there, marked with its mean confidence; the text pages are as before."""
    run = raingan("text", str(SAMPLES_DIR / "scanned-filed-as-usual.pdf"))
    assert run.returncode == 0, run.stderr
    pages = text_pages(run.stdout)
    assert sorted(pages) == list(range(1, 10))
    mark = READ_FROM_IMAGE.match(pages[1][0])
    assert mark is not None, pages[1][:3]
    assert 60 <= int(mark.group(1)) <= 100
    memo = "\n".join(pages[1][1:])
    assert "บันทึกข้อความ" in memo and "กองยุทธศาสตร์และงบประมาณ" in memo
    assert "(no text layer" not in run.stdout
    for number in range(2, 10):  # printed pages: their text layer, unmarked
        assert not any(READ_FROM_IMAGE.match(line) for line in pages[number]), number
    assert "องค์การบริหารส่วนจังหวัดกาฬสินธุ์" in pages[2]


def test_text_without_ocr_shows_scanned_pages_as_images():
    run = raingan("text", str(SAMPLES_DIR / "scanned-filed-as-usual.pdf"), "--no-ocr")
    assert run.returncode == 0, run.stderr
    pages = text_pages(run.stdout)
    assert pages[1] == ["(no text layer: an image)"]
    assert "read from its image" not in run.stdout
    assert "องค์การบริหารส่วนจังหวัดกาฬสินธุ์" in pages[2]


def test_text_of_a_whole_scan_marks_every_page():
    run = raingan("text", str(SAMPLES_DIR / "scanned-reference-300.pdf"))
    assert run.returncode == 0, run.stderr
    pages = text_pages(run.stdout)
    assert sorted(pages) == list(range(1, 10))
    for number, lines in pages.items():
        assert READ_FROM_IMAGE.match(lines[0]), (number, lines[:2])
        assert len(lines) > 3, number
    assert "องค์การบริหารส่วนจังหวัดกาฬสินธุ์" in "\n".join(pages[2])


def test_parsing_imports_neither_prefect_nor_the_database_layer():
    code = (
        "import sys, runpy; sys.argv = ['raingan', 'parse', sys.argv[1], '--json']\n"
        "try:\n    runpy.run_module('raingan', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('prefect', 'sqlmodel', 'sqlalchemy', 'models', 'flows', 'dask')]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(REFERENCE_PDF)], capture_output=True, text=True
    )
    assert "HEAVY []" in run.stderr, run.stderr[-2000:]
