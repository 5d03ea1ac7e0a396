"""The content-stream scans the PDFium reader leans on, made cheaper in session 35 (issue 23):
each must read a stream exactly as before, and end on any stream."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from parsers.text_layer.actual_text import (
    SCANNED_SPANS,
    actual_text_spans,
    escaped_bytes,
    resources_of,
    tokens,
    unescape,
)
from parsers.text_layer.pdfium_reader import GlyphScanner, page_glyphs, path_paints
from tests.hostile.handmade import HELVETICA, pdf_file, stream

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "sample_reports"
# Samples whose pages draw /ActualText spans (Chromium, LibreOffice, a PUA font).
SPAN_SAMPLES = ("reference-chromium", "reference-libreoffice", "reference-pua")


def test_a_literal_string_reads_its_escapes_as_pdf_says():
    """Octal codes of one to three digits (the high bit dropped), a line continuation, the
    named escapes, and a backslash before anything else standing for that byte."""
    assert unescape(rb"\101\0601\7" + b"\\\r\n" + rb"x\n\t\(\)\\\q") == b"A01\x07x\n\t()\\q"
    assert unescape(rb"\777") == b"\xff"
    assert unescape(b"\\\n\\\r") == b""
    assert unescape(b"plain") == b"plain"
    # Every escape the table answers reads as the escape worked out would.
    for code in (b"0", b"17", b"377", b"n", b"b", b"f", b"\r\n", b"\r", b"(", b"\xe0"):
        assert unescape(b"\\" + code) == escaped_bytes(code)


def test_an_inline_image_without_its_data_ends_the_scan():
    """A BI with no ID after it, an EI before it: the scan ends at the stream's end (it went
    back to that EI and read the BI again, for ever)."""
    data = b"q EI BI 1 0 0 rg 0 0 m 5 5 l f"
    assert list(tokens(data)) == [("op", b"q")]
    assert path_paints(data) == []
    assert list(tokens(b"q BI /W 1 ID xx EI Q")) == [("op", b"q"), ("op", b"Q")]


def test_runs_of_numbers_give_each_colour_its_own_numbers():
    """Numbers are read a run at a time: a colour takes exactly the numbers since the operator
    before it, however spaced; a number run into a letter is a word neither reader reads."""
    painted = path_paints(b"0.2\n0.4  .6 RG 1 1 m\t2 2 l S 0 0 0 1 k -1 +2 m 3 4 l f")
    assert painted == [((0.2, 0.4, 0.6), 0), ((0.2, 0.4, 0.6), (0.0, 0.0, 0.0, 1.0))]
    assert path_paints(b"1 2 3 4 5 rg 0 0 m 1 1 l f") == [(0, None)]
    assert path_paints(b"1.5.3 g 0 0 m 1 1 l f") is None


def two_fonts_page(tmp_path: Path, font: bytes) -> Path:
    """A page that sets the font before every string (as Chromium does), by name."""
    content = b"BT /F1 12 Tf 72 720 Td (Ab) Tj /F1 12 Tf (c) Tj /F1 10 Tf [(d) -20 (e)] TJ ET"
    path = tmp_path / "fonts.pdf"
    path.write_bytes(
        pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                b" /Resources << /Font << /F1 " + font + b" >> >> >>",
                stream(content),
                HELVETICA,
            ]
        )
    )
    return path


@pytest.mark.parametrize(
    ("font", "fonts_made"), [(b"5 0 R", 1), (HELVETICA, 3)], ids=["indirect", "direct"]
)
def test_a_font_named_again_is_the_font_pdfminer_gives(tmp_path, font, fonts_made):
    """A font pdfminer caches (an indirect object) is one object for every Tf of it; one given
    as a direct dictionary is made anew by each Tf, as pdfminer's resource manager makes it."""
    with pdfplumber.open(two_fonts_page(tmp_path, font)) as pdf:
        page = pdf.pages[0]
        scanner = GlyphScanner(pdf.rsrcmgr)
        data = b"".join(part.get_data() for part in page.page_obj.contents)
        scanner.scan(data, resources_of(page.page_obj.resources))
        assert [code for _, code in scanner.glyph_codes] == list(b"Abcde")
        assert len({id(font) for font, _ in scanner.glyph_codes}) == fonts_made


@pytest.mark.parametrize("name", SPAN_SAMPLES)
def test_the_spans_the_pdfium_scan_found_are_the_spans_a_scan_of_its_own_finds(name):
    """The PDFium reader's scan leaves the page's /ActualText spans on the page: the same the
    clusters' own scan (`actual_text_spans`) finds, which is not made again."""
    with pdfplumber.open(SAMPLES_DIR / f"{name}.pdf") as pdf:
        spanned = 0
        for page in pdf.pages:
            page_glyphs(page)
            left = getattr(page, SCANNED_SPANS)  # every page of these is scanned
            delattr(page, SCANNED_SPANS)
            own = actual_text_spans(page)
            assert left == own, page.page_number
            spanned += own is not None and bool(own[0])
        assert spanned, name  # the sample still draws spans
