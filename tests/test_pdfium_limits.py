"""What PDFium inflates stays within the parser's limits. PDFium inflates a font's embedded
program whole when it loads a page that uses it, and builds a text page of every glyph shown,
with no cap of its own: a font program of 1.5 MB inflating to 1.5 GB killed the parse child
(PDFium aborts when its address space runs out) and the file ended in an error, not a
rejection. The PDFium reader now inflates a page's font programs first under the stream cap,
and counts its glyphs under the page's cap, before PDFium loads the page. The same check runs
on every page as the document is opened, whichever reader reads it: a page the careful reader
read could still be loaded by PDFium, to be read from its image. Font programs in LZW and
RunLength stop at the stream cap as Flate ones do."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib

import pytest

from parsers import Limits, Rejected, RejectionCode, parse_report
from parsers.safety.damage import damage_is_rejection
from parsers.text_layer.pdfium_reader import PDFIUM, PDFMINER, PdfiumDocument
from tests.hostile.bombs import lzw_run, runlength_run
from tests.hostile.handmade import one_page, stream
from tests.hostile.run import limit_address_space

MEGABYTE = 1_048_576


def inflating_to(megabytes: int) -> bytes:
    """zlib data that inflates to `megabytes` MB of zeros, built in milliseconds: a megabyte
    deflated after a full flush refers to nothing before it, so its bytes repeat as they are;
    an empty final block and the checksum of the whole end it."""
    chunk = bytes(MEGABYTE)
    packer = zlib.compressobj(9)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return first + block * (megabytes - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")


def truetype(descriptor: int) -> bytes:
    """A TrueType font of A-Z whose descriptor is object `descriptor`."""
    widths = b" ".join([b"600"] * 26)
    return (
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 65 /LastChar 90 "
        b"/Widths [%s] /FontDescriptor %d 0 R >>" % (widths, descriptor)
    )


def descriptor(program: int) -> bytes:
    return (
        b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 "
        b"/FontFile2 %d 0 R >>" % program
    )


def program(megabytes: int) -> bytes:
    return stream(inflating_to(megabytes), b"/Filter /FlateDecode")


def font_bomb(megabytes: int, content: bytes = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET") -> bytes:
    """One page whose font F1 embeds a program inflating to `megabytes` MB (objects 5, 7, 8)."""
    return font_page(program(megabytes), content)


def font_page(packed: bytes, content: bytes = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET") -> bytes:
    """One page whose font F1 embeds the program `packed` (a stream)."""
    return one_page(content, font=truetype(7), extra=(b"<< >>", descriptor(8), packed))


def form_font_bomb(megabytes: int) -> bytes:
    """One page that draws a form XObject whose own font embeds the program."""
    form = stream(
        b"BT /F2 12 Tf 72 700 Td (FORM) Tj ET",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F2 7 0 R >> >>",
    )
    content = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET /X0 Do"
    return one_page(content, extra=(form, truetype(8), descriptor(9), program(megabytes)))


def two_fonts(megabytes: int) -> bytes:
    """One page with two fonts, each embedding a program of `megabytes` MB."""
    content = b"BT /F1 12 Tf 72 720 Td (AB) Tj /F2 12 Tf (CD) Tj ET"
    page_fonts = b"/Resources << /Font << /F1 5 0 R /F2 9 0 R >> >>"
    return one_page(
        content,
        font=truetype(7),
        page=b"",
        extra=(
            b"<< >>",
            descriptor(8),
            program(megabytes),
            truetype(10),
            descriptor(11),
            program(megabytes),
        ),
    ).replace(b"/Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >>", page_fonts)


def many_glyphs(count: int) -> bytes:
    return one_page(b"BT /F1 1 Tf 72 720 Td (" + b"A" * count + b") Tj ET")


@pytest.fixture
def pdfium_loads(monkeypatch) -> list[int]:
    """The pages PDFium was asked to load (0-based), recorded."""
    loaded: list[int] = []
    read = PdfiumDocument.read

    def recorded(self, index, *args):
        loaded.append(index)
        return read(self, index, *args)

    monkeypatch.setattr(PdfiumDocument, "read", recorded)
    return loaded


def refused(data: bytes, limits: Limits, reader: str = PDFIUM) -> Rejected:
    """How the parse ends, as the pipeline says it (the careful reader wraps what pdfminer
    raises; `damage_is_rejection` unwraps a cap's rejection)."""
    with pytest.raises(Rejected) as caught, damage_is_rejection():
        parse_report(data, filename="hostile.pdf", limits=limits, reader=reader)
    return caught.value


def test_the_inflating_data_inflates_to_what_it_says():
    data = inflating_to(20)
    assert len(data) < 25_000
    assert zlib.decompress(data) == bytes(20 * MEGABYTE)


def test_a_font_program_over_the_stream_cap_is_refused_before_pdfium_loads_its_page(
    pdfium_loads,
):
    error = refused(font_bomb(8), Limits(max_stream_mb=4, ocr=False))
    assert error.code is RejectionCode.TOO_LARGE
    assert str(error).endswith("a stream decompresses to more than 4 MB (RAINGAN_MAX_STREAM_MB)")
    assert pdfium_loads == []


def test_a_font_program_within_the_cap_is_read_by_pdfium(pdfium_loads):
    error = refused(font_bomb(2), Limits(max_stream_mb=4, ocr=False))
    assert error.code is RejectionCode.NOT_A_REPORT  # read: a page of "Hello", no report
    assert pdfium_loads == [0]


@pytest.mark.parametrize(
    ("entries", "inflating"),
    [(b"/Filter /LZWDecode", lzw_run), (b"/Filter /RunLengthDecode", runlength_run)],
    ids=["lzw", "runlength"],
)
def test_a_font_program_in_lzw_or_runlength_stops_at_the_stream_cap(
    pdfium_loads, entries, inflating
):
    """Inflated no further than the cap (before, whole: then found too large together)."""
    bomb = font_page(stream(inflating(0, 8), entries))
    error = refused(bomb, Limits(max_stream_mb=4, ocr=False))
    assert str(error) == (
        "too_large: a stream decompresses to more than 4 MB (RAINGAN_MAX_STREAM_MB)"
    )
    assert pdfium_loads == []


def test_the_careful_reader_refuses_a_font_program_over_the_cap(pdfium_loads):
    """The careful reader alone: the document is refused as it is opened, as under PDFium."""
    error = refused(font_bomb(8), Limits(max_stream_mb=4, ocr=False), reader=PDFMINER)
    assert str(error) == (
        "too_large: a stream decompresses to more than 4 MB (RAINGAN_MAX_STREAM_MB)"
    )
    within = refused(font_bomb(2), Limits(max_stream_mb=4, ocr=False), reader=PDFMINER)
    assert within.code is RejectionCode.NOT_A_REPORT
    assert pdfium_loads == []


def test_a_font_bomb_on_a_later_page_is_refused_before_the_first_is_read(pdfium_loads):
    """Every page is checked as the document opens: no page is read by either reader."""
    bomb = font_bomb(8).replace(b"/Kids [3 0 R] /Count 1", b"/Kids [6 0 R 3 0 R] /Count 2")
    bomb = bomb.replace(
        b"6 0 obj\n<< >>", b"6 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    )
    error = refused(bomb, Limits(max_stream_mb=4, ocr=False))
    assert error.code is RejectionCode.TOO_LARGE
    assert pdfium_loads == []


def test_a_font_program_of_a_form_is_counted_too(pdfium_loads):
    error = refused(form_font_bomb(8), Limits(max_stream_mb=4, ocr=False))
    assert error.code is RejectionCode.TOO_LARGE
    assert "RAINGAN_MAX_STREAM_MB" in str(error)
    assert pdfium_loads == []


def test_the_font_programs_of_one_page_are_capped_together(pdfium_loads):
    error = refused(two_fonts(3), Limits(max_stream_mb=4, ocr=False))
    assert str(error).endswith(
        "too_large: the embedded fonts of one page decompress to more than 4 MB"
        " (RAINGAN_MAX_STREAM_MB)"
    )
    assert pdfium_loads == []
    # Each alone is within the cap: one of them, on its page, is read.
    assert refused(font_bomb(3), Limits(max_stream_mb=4, ocr=False)).code is not (
        RejectionCode.TOO_LARGE
    )


def test_a_page_of_more_glyphs_than_the_cap_is_refused_before_pdfium_loads_it(pdfium_loads):
    error = refused(many_glyphs(5_000), Limits(max_page_characters=4_000, ocr=False))
    assert type(error) is Rejected  # raised as it is, not wrapped by the careful reader
    assert str(error).endswith(
        "too_large: one page draws more than 4,000 characters (RAINGAN_MAX_PAGE_CHARACTERS)"
    )
    assert pdfium_loads == []
    assert refused(many_glyphs(3_000), Limits(max_page_characters=4_000, ocr=False)).code is (
        RejectionCode.NOT_A_REPORT
    )
    assert pdfium_loads == [0]


def test_raingan_parse_rejects_a_font_inflating_to_gigabytes(tmp_path):
    """Under the default limits, in the parse child with its address-space limit (1 GB), and
    a process limit of the test's own: `too_large`, where the child used to die."""
    bomb = tmp_path / "font-inflating-to-1500-mb.pdf"
    bomb.write_bytes(font_bomb(1500))
    assert bomb.stat().st_size < 2 * MEGABYTE
    environment = {key: value for key, value in os.environ.items() if "RAINGAN_" not in key}
    run = subprocess.run(
        [sys.executable, "-m", "raingan", "parse", str(bomb), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**environment, "RAINGAN_HOME": str(tmp_path / "home"), "RAINGAN_OCR": "off"},
        preexec_fn=limit_address_space,
    )
    assert run.returncode == 3, run.stderr
    assert run.stderr == (
        "rejected: too_large: a stream decompresses to more than 64 MB (RAINGAN_MAX_STREAM_MB)\n"
    )


# The careful reader alone, in a process with the parse child's address-space limit, on a page
# with no text (read from its image, where Tesseract is installed): PDFium renders it.
CAREFUL_PARSE = """
import resource, sys
from parsers import Limits, parse_report
from parsers.safety.damage import damage_is_rejection
from parsers.safety.rejection import Rejected
space = Limits().max_memory_mb * 1_048_576
resource.setrlimit(resource.RLIMIT_AS, (space, space))
data = open(sys.argv[1], "rb").read()
try:
    with damage_is_rejection():
        parse_report(data, filename="bomb.pdf", limits=Limits(), reader="pdfminer")
except Rejected as error:
    print(error)
"""


def test_the_careful_reader_refuses_a_font_inflating_to_gigabytes(tmp_path):
    """Before, the careful reader read the page (no text) and PDFium, rendering it to read
    it from its image, inflated the program and aborted the process (SIGABRT)."""
    bomb = tmp_path / "font-inflating-to-1500-mb.pdf"
    bomb.write_bytes(font_bomb(1500, content=b"BT /F1 12 Tf ET"))
    run = subprocess.run(
        [sys.executable, "-c", CAREFUL_PARSE, str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
        env={key: value for key, value in os.environ.items() if "RAINGAN_" not in key},
    )
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    assert run.stdout == (
        "too_large: a stream decompresses to more than 64 MB (RAINGAN_MAX_STREAM_MB)\n"
    )
