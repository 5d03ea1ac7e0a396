"""`raingan parse` loads what a parse needs and nothing of the flows or the tables: neither
Prefect nor pandas (nor Dask, nor the database layer), in the command or in the child it parses
in. Nor rich (`--json` prints through no console), nor what only reading a page from its image
needs (numpy, OpenCV, Tesseract, Pillow), though OCR is on: a text layer is read without them.
`-X importtime` logs the imports of both processes (the child is forked, flags and stderr
kept): pythainlp, which only the child loads, shows in the log beside whatever else was loaded.
Nor pydantic-settings: the settings are still checked before the parse, without it.

Both readers are held to it: a sample PDFium reads whole, and one the careful reader reads
(every page of the doubled-marks print: PDFium drops a mark drawn twice), each parsed in a
fresh process to its expected document. pdfminer is loaded in both: the PDFium reader takes
each glyph's code from the content stream decoded by pdfminer's fonts, and opens the document
with pdfplumber."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parsers.text_layer.pdfium_reader import PDFIUM, PDFMINER
from parsers.text_layer.reading import read_text_layer
from tests.comparison import comparable_document, differences
from tests.contract import SAMPLES_DIR, read_json

SAMPLE = SAMPLES_DIR / "findings-percent.pdf"  # every page read by PDFium
CAREFUL_SAMPLE = SAMPLES_DIR / "textlayer-doubled-marks.pdf"  # every page by the careful reader
# pydantic_settings (and its dotenv): settings are checked by plain functions; it cost 0.13-0.19 s.
NOT_FOR_A_PARSE = (
    "prefect",
    "pandas",
    "dask",
    "distributed",
    "sqlalchemy",
    "sqlmodel",
    "models",
    "pydantic_settings",
    "dotenv",
    # The consoles are made when first printed to: rich cost 12-20 ms of the command's start.
    "rich",
    # Only a page read from its image needs them (parsers.ocr, loaded for such a document).
    "numpy",
    "cv2",
    "tesserocr",
    "PIL",
)
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \| ( *)(\S+)$")


def modules_imported_by_parse(home, sample: Path = SAMPLE) -> tuple[set[str], dict]:
    """Every module `raingan parse SAMPLE --json` imported, and the document it printed, OCR
    on (the tests' default is off): a sample with a text layer on every page reads alike."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "raingan", "parse", str(sample), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RAINGAN_HOME": str(home), "RAINGAN_OCR": "on"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    imported = {match[2] for line in run.stderr.splitlines() if (match := IMPORTED.match(line))}
    return imported, json.loads(run.stdout)


def test_each_sample_is_read_by_the_reader_it_stands_for():
    assert {page.reader for page in read_text_layer(SAMPLE.read_bytes())} == {PDFIUM}
    assert {page.reader for page in read_text_layer(CAREFUL_SAMPLE.read_bytes())} == {PDFMINER}


@pytest.mark.parametrize("sample", [SAMPLE, CAREFUL_SAMPLE], ids=lambda path: path.stem)
def test_parse_loads_neither_prefect_nor_pandas_in_the_command_or_its_child(tmp_path, sample):
    imported, document = modules_imported_by_parse(tmp_path / "home", sample)
    expected = read_json(sample.with_name(sample.stem + ".expected.json"))
    problems = differences(comparable_document(document), comparable_document(expected))
    assert not problems, "\n".join(problems[:40])
    assert document["findings"]  # it parsed, checks and all
    top_level = {name.split(".")[0] for name in imported}
    assert "pythainlp" in top_level  # the child's imports are in the log
    assert top_level.isdisjoint(NOT_FOR_A_PARSE), sorted(top_level & set(NOT_FOR_A_PARSE))


# Settings a parse uses, and one a settings library used to check: refused before the parse.
REFUSED = {
    "RAINGAN_MAX_MEMORY_MB": ("99999999999999999999", "is over what this system allows ("),
    "RAINGAN_HARD_LINKS": ("sometimes", "Input should be 'skip' or 'read'"),
}


@pytest.mark.parametrize("variable", sorted(REFUSED))
def test_parse_still_refuses_a_bad_setting_in_one_line(tmp_path, variable):
    value, problem = REFUSED[variable]
    run = subprocess.run(
        [sys.executable, "-m", "raingan", "parse", str(SAMPLE), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RAINGAN_HOME": str(tmp_path / "home"), variable: value},
    )
    assert run.returncode == 2
    assert run.stderr.startswith(f"error: {variable}: ") and run.stderr.count("\n") == 1
    assert problem in run.stderr
    assert run.stdout == ""
