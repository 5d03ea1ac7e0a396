"""The PDFium reader against the careful one (issue 23 §1-3): on every committed sample and on
a slice of the round-trip matrix, both readers give the same document, field for field, with
the same findings; and every page PDFium reads, it reads as pdfplumber does, object for object.
Where it cannot, the page is handed to the careful reader, and says why."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from typer.testing import CliRunner

from parsers import Limits, Rejected, parse_report
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.pdfium_reader import (
    PDFIUM,
    PDFMINER,
    READERS,
    Handover,
    PdfiumDocument,
    page_glyphs,
)
from parsers.text_layer.reading import read_pages
from raingan.cli.app import app
from sample_reports.generator.matrix.cases import draw_case
from sample_reports.generator.matrix.produce import make_case

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "sample_reports"
SAMPLES = sorted(SAMPLES_DIR.glob("*.pdf"))
WITHOUT_OCR = Limits(ocr=False)
BOX_KEYS = ("x0", "x1", "top", "bottom")
# pdfminer computes in doubles from the content stream's decimals, PDFium in floats: a
# coordinate differs in its 7th significant digit at most.
FLOAT_NOISE = 1e-3
# Per kind of object: the keys beside the box that must be equal.
COMPARED = {
    "chars": ("text", "upright"),
    "lines": ("stroke", "fill"),
    "rects": ("stroke", "fill", "evenodd"),
    "curves": ("stroke", "fill", "evenodd"),
    "images": ("srcsize",),
}


@dataclass
class Outcome:
    document: Any  # the contract document, or the rejection's (code, reason)
    facts: tuple  # the evidence beside the boxes
    boxes: dict[str, list[list[float]]]


def outcome(data: bytes, name: str, reader: str) -> Outcome:
    try:
        parsed = parse_report(data, filename=name, limits=WITHOUT_OCR, reader=reader)
    except Rejected as rejection:
        return Outcome((rejection.code, rejection.reason), (), {})
    evidence = parsed.evidence
    facts = (evidence.section_pages, evidence.checkbox_marks, evidence.project_list_complete)
    return Outcome(parsed.document, facts, evidence.boxes)


def assert_parsed_alike(data: bytes, name: str) -> None:
    fast, careful = outcome(data, name, PDFIUM), outcome(data, name, PDFMINER)
    assert fast.document == careful.document
    assert fast.facts == careful.facts
    # Evidence boxes too: rounded past the readers' float noise (checks.evidence.placed_box).
    assert fast.boxes == careful.boxes


def object_differences(pdfium_objects: Any, page: Any) -> list[str]:
    """Where PDFium's objects of a page differ from pdfplumber's, in order."""
    found = []
    for kind, keys in COMPARED.items():
        mine, theirs = getattr(pdfium_objects, kind), getattr(page, kind)
        if len(mine) != len(theirs):
            found.append(f"{kind}: {len(mine)} read, pdfplumber {len(theirs)}")
            continue
        for index, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            if any(abs(a[k] - b[k]) > FLOAT_NOISE for k in BOX_KEYS):
                found.append(f"{kind}[{index}] box {[a[k] for k in BOX_KEYS]}")
            found.extend(f"{kind}[{index}] {k}: {a.get(k)!r}" for k in keys if a.get(k) != b.get(k))
    return found


def pdfium_pages_differences(path: Path) -> tuple[int, list[str]]:
    """(pages PDFium reads, how any of them differs from pdfplumber's reading)."""
    data = path.read_bytes()
    pdfium = PdfiumDocument(data)
    read, differences = 0, []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                glyphs = page_glyphs(page)
                objects = (
                    glyphs
                    if isinstance(glyphs, Handover)
                    else pdfium.read(page.page_number - 1, float(page.height), glyphs)
                )
                if isinstance(objects, Handover):
                    continue
                read += 1
                found = object_differences(objects, page)
                differences.extend(f"page {page.page_number}: {d}" for d in found[:3])
    finally:
        pdfium.close()
    return read, differences


def readers_of(path: Path) -> Counter[tuple[str, str | None]]:
    data = path.read_bytes()
    with open_pdf(data, Limits()) as pdf:
        pages = read_pages(pdf, data)
    assert {page.reader for page in pages} <= READERS.keys()
    return Counter((page.reader, page.handover) for page in pages)


def openable(path: Path) -> bool:
    try:
        with open_pdf(path.read_bytes(), Limits()):
            return True
    except Rejected:
        return False


READABLE = [path for path in SAMPLES if openable(path)]


# --- 1. Every committed sample ---------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_both_readers_parse_every_sample_alike(path):
    assert_parsed_alike(path.read_bytes(), path.name)


@pytest.mark.parametrize("path", READABLE, ids=lambda path: path.stem)
def test_pdfium_reads_every_page_it_takes_as_pdfplumber_does(path):
    _, differences = pdfium_pages_differences(path)
    assert not differences


def test_pdfium_reads_most_pages_of_the_samples():
    counts: Counter[str] = Counter()
    for path in READABLE:
        for (reader, _), pages in readers_of(path).items():
            counts[reader] += pages
    assert counts[PDFIUM] / counts.total() > 0.6, counts


def test_clean_layers_and_repaired_fonts_are_read_by_pdfium():
    """PDFium gives the careful reader's chars, glyph codes included: the font repairs (a
    one-code SARA AA, misdrawn marks) run on them as on pdfplumber's."""
    for name in (
        "reference-reportlab",
        "textlayer-sara-aa-one-code",
        "textlayer-weasyprint-misdrawn-marks",
    ):
        readers = readers_of(SAMPLES_DIR / f"{name}.pdf")
        assert set(readers) == {(PDFIUM, None)}, (name, readers)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("textlayer-fake-bold", Handover.GLYPH_COUNT),  # PDFium drops the copies
        ("textlayer-doubled-marks", Handover.GLYPH_COUNT),  # and a mark drawn twice
        ("reference-chromium", Handover.ACTUAL_TEXT),  # PDFium reads it for the glyphs
        ("scanned-junk-layer", Handover.TEXT_STATE),  # an OCR layer scaled to the scan
    ],
)
def test_pages_pdfium_reads_otherwise_go_to_the_careful_reader(name, reason):
    readers = readers_of(SAMPLES_DIR / f"{name}.pdf")
    assert (PDFMINER, str(reason)) in readers, readers


def test_text_quality_says_which_reader_read_each_page():
    path = SAMPLES_DIR / "textlayer-fake-bold.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.count(f"read by: {PDFMINER} ({Handover.GLYPH_COUNT})") == 7
    clean = SAMPLES_DIR / "reference-reportlab.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(clean)], env={"COLUMNS": "200"})
    assert result.output.count(f"read by: {PDFIUM}\n") == 7


# --- 2. A slice of the round-trip matrix -----------------------------------------------------

MATRIX_SEED = 23
MATRIX_CASES = range(10)


@pytest.mark.slow
@pytest.mark.parametrize("index", MATRIX_CASES)
def test_both_readers_parse_matrix_cases_alike(index, tmp_path):
    case = draw_case(MATRIX_SEED, index, in_slice=True)
    made = make_case(dataclasses.replace(case, scan=None), tmp_path)
    assert_parsed_alike(made.pdf.read_bytes(), made.pdf.name)
    _, differences = pdfium_pages_differences(made.pdf)
    assert not differences
