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

from checks.evidence import BOX_DECIMALS
from parsers import Limits, Rejected, parse_report
from parsers.layout.tolerances import TOLERANCES
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.page_reader import darkness
from parsers.text_layer.pdfium_reader import (
    PDFIUM,
    PDFMINER,
    READERS,
    Handover,
    PageGlyphs,
    PdfiumDocument,
    page_glyphs,
    path_paints,
    places_off,
    refused_syntax,
)
from parsers.text_layer.reading import read_pages
from raingan.cli.app import app
from sample_reports.generator.matrix.cases import draw_case
from sample_reports.generator.matrix.produce import make_case
from tests.hostile.handmade import HELVETICA, pdf_file, stream

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
    # Evidence boxes too, to their last rounding step (checks.evidence.placed_box): no rounding
    # is free of ties, and coordinates 3e-5 pt apart (PDFium's floats, pdfminer's doubles)
    # straddle one now and then (498.745: 498.7 and 498.8).
    assert boxes_alike(fast.boxes, careful.boxes), (fast.boxes, careful.boxes)


def boxes_alike(fast: dict[str, list[list[float]]], careful: dict[str, list[list[float]]]) -> bool:
    def alike(a: list[float], b: list[float]) -> bool:
        return a[0] == b[0] and all(
            abs(x - y) <= BOX_STEP for x, y in zip(a[1:], b[1:], strict=True)
        )

    return fast.keys() == careful.keys() and all(
        len(fast[key]) == len(careful[key])
        and all(alike(a, b) for a, b in zip(fast[key], careful[key], strict=True))
        for key in fast
    )


BOX_STEP = 10**-BOX_DECIMALS + 1e-9  # one step of the last rounding


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
            if kind in PAINTED and is_mark_sized(b) and paints(a) != paints(b):
                found.append(f"{kind}[{index}] paint {paints(a)}, pdfplumber {paints(b)}")
    return found


PAINTED = ("lines", "rects", "curves")


def is_mark_sized(shape: Any) -> bool:
    return bool(TOLERANCES.mark_min <= max(shape["width"], shape["height"]) <= TOLERANCES.mark_max)


def paints(shape: Any) -> tuple[float, float]:
    """How dark a shape's stroke and fill are: a mark's ink is measured by them, so a small
    shape's must be the careful reader's exactly (a status box filled in a colour)."""
    return darkness(shape["stroking_color"], 1.0), darkness(shape["non_stroking_color"], 0.0)


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


# Issue 23: pages with /ActualText spans, Chromium's (a cluster's glyphs, one text object each,
# a mark drawn back over its consonant, spaces shown alone, check boxes filled in blue) and
# LibreOffice's (`<</ActualText<FEFF…>>>`, a glyph whose text is two letters, check boxes in a
# colour too).
ACTUAL_TEXT_SAMPLES = (
    "reference-chromium",
    "reference-pua",
    "sao-bangphra-2566-r6",
    "reference-libreoffice",
    "textlayer-libreoffice-unnamed-glyphs",
    "textlayer-libreoffice-cluster-texts",
)


def spans_per_page(path: Path) -> list[bool]:
    with pdfplumber.open(path) as pdf:
        glyphs = [page_glyphs(page) for page in pdf.pages]
    return [isinstance(page, PageGlyphs) and page.spans for page in glyphs]


@pytest.mark.parametrize("name", ACTUAL_TEXT_SAMPLES)
def test_pages_with_actual_text_spans_are_read_by_pdfium(name):
    """The gain of issue 23 held: these pages went to the careful reader (/ActualText) before."""
    path = SAMPLES_DIR / f"{name}.pdf"
    assert any(spans_per_page(path)), name  # the sample still draws spans
    readers = readers_of(path)
    assert set(readers) == {(PDFIUM, None)}, (name, readers)


def test_libreoffice_span_dictionaries_are_no_refused_syntax():
    """A hex string closing right before its dictionary (`<FEFF0E38>>>`) is one item; a
    dictionary pdfminer refuses (an odd number of items, at any depth) is still found."""
    assert not refused_syntax(b"/Span<</ActualText<FEFF0E38>>>\nBDC")
    assert not refused_syntax(b"/Span<</ActualText (a>>b) /Alt <</B 1>> >> BDC")
    assert refused_syntax(b"/Span<</ActualText>> BDC")
    assert refused_syntax(b"/Span<</ActualText<FEFF0E38> /A <</B>> >>BDC")
    assert refused_syntax(b"BI /W 1 /H ID x EI")


def test_spans_of_every_form_and_tinted_marks_are_read_as_pdfplumber_reads_them(tmp_path):
    """A page drawn here: spans given inline, by a hex string and by a property list, one
    around a TJ; a space shown alone (PDFium's text page leaves it out); small shapes filled in
    blue and red, stroked in grey. PDFium reads it, char for char and paint for paint."""
    content = (
        b"BT /F1 12 Tf 72 720 Td /Span /P0 BDC (Hello) Tj EMC ( World) Tj\n"
        b"/Span <</ActualText (Hi)>> BDC 0 -20 Td (Again) Tj EMC ( x y) Tj\n"
        b"/Span <</ActualText <FEFF0048>>> BDC [(A) -50 (B)] TJ EMC ( ) Tj (z) Tj ET\n"
        b"q 0 0 1 rg 100 100 8 8 re f Q 0.5 G 200 100 m 210 110 l S 1 0 0 rg 300 100 6 6 re f\n"
    )
    path = tmp_path / "spans.pdf"
    path.write_bytes(
        pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources"
                b" << /Font << /F1 5 0 R >> /Properties << /P0 << /ActualText (Yo) >> >> >> >>",
                stream(content),
                HELVETICA,
            ]
        )
    )
    assert spans_per_page(path) == [True]
    assert readers_of(path) == Counter({(PDFIUM, None): 1})
    assert pdfium_pages_differences(path) == (1, [])


def test_a_path_is_given_its_colours_as_pdfminer_takes_them():
    """A grey is a number (an int 0 before any is set), RGB and CMYK tuples; a colour given
    otherwise than by exactly its numbers is unknown (None); `1rg`, which pdfminer and PDFium
    read apart, gives the reading up."""
    painted = path_paints(
        b"q 0 0 0 RG 0 .4588 1 rg 1 1 10 10 re f Q 10 10 m 20 20 l S (a(b)c) Tj .5 g "
        b"0 0 m 1 1 l f BI /W 1 ID xx EI 1 1 m 2 2 l W n 0 0 0 1 k 1 1 m 2 2 l B % 1 g\n"
        b"/X 1 g 0 0 m 1 1 l f /CS0 cs 1 sc 0 0 m 1 1 l b"
    )
    assert painted == [
        ((0.0, 0.0, 0.0), (0.0, 0.4588, 1.0)),
        (0, 0),
        (0, 0.5),
        (0, (0.0, 0.0, 0.0, 1.0)),
        (0, None),
        (0, None),
    ]
    assert path_paints(b"0 0 1rg 1 1 10 10 re f") is None


def test_a_glyph_the_stream_places_is_not_placed_off_by_a_fractional_width_before_it():
    """PDFium places the glyphs after one of a fractional width by its width truncated, but
    only within a text object and where the next operator shows on with no move between: a
    glyph a Td, Tm or T* placed (Chromium's, one glyph a Tj) is where the stream says."""
    line, before, end = (1.0, 0.0, 0.0, 1.0, 700.0), 1, 100.0
    fraction = (line, before, end)
    unspaced = PageGlyphs([], spaced=False)
    assert not places_off(fraction, (line, 2, True), end, 12.0, unspaced)  # moved there
    assert places_off(fraction, (line, 2, False), end, 12.0, unspaced)  # shown on from the end
    assert places_off(fraction, (line, before, False), end + 5, 12.0, unspaced)  # same object
    assert not places_off(fraction, (line, 2, False), end + 60, 12.0, unspaced)  # far away
    assert places_off(fraction, (line, 2, False), end + 60, 12.0, PageGlyphs([], spaced=True))
    other_line = (1.0, 0.0, 0.0, 1.0, 680.0)
    assert not places_off(fraction, (other_line, 2, False), end, 12.0, unspaced)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("textlayer-fake-bold", Handover.LEFT_OUT),  # PDFium drops the copies of several glyphs
        ("textlayer-doubled-marks", Handover.GLYPH_COUNT),  # and a mark drawn twice
        ("reject-agenda", Handover.GLYPH_COUNT),  # and spaces in a row, shown by one operator
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
    assert result.output.count(f"read by: {PDFMINER} ({Handover.LEFT_OUT})") == 7
    clean = SAMPLES_DIR / "reference-reportlab.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(clean)], env={"COLUMNS": "200"})
    assert result.output.count(f"read by: {PDFIUM}\n") == 7
    # LibreOffice's spans were taken for content syntax pdfminer refuses (issue 23)
    spans = SAMPLES_DIR / "reference-libreoffice.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(spans)], env={"COLUMNS": "200"})
    assert result.output.count(f"read by: {PDFIUM}\n") == 9, result.output


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


@pytest.mark.slow
def test_chromium_glyphs_of_fractional_widths_are_read_by_pdfium(tmp_path):
    """A Chromium print whose font has widths with fractions (each glyph placed by its own Td):
    every page went to the careful reader (FRACTIONAL_WIDTHS) before issue 23's session 33."""
    case = draw_case(MATRIX_SEED, 2, in_slice=False)
    assert case.maker.value == "chromium"
    made = make_case(dataclasses.replace(case, scan=None), tmp_path)
    assert set(readers_of(made.pdf)) == {(PDFIUM, None)}
    assert_parsed_alike(made.pdf.read_bytes(), made.pdf.name)
    _, differences = pdfium_pages_differences(made.pdf)
    assert not differences
