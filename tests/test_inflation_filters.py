"""Every filter that inflates is capped (`parsers.safety.inflation`), not Flate alone: an LZW stream
inflates about 2,500 times (12 bits for a code of 3,839 bytes), a RunLength one 64 times.
Before, pdfminer inflated LZW and RunLength streams whole, whatever the cap: a page of a few
KB read as an empty page after inflating megabytes (gigabytes, given a larger file), where it
must be `too_large` as a Flate stream is. Under the cap the capped decoders give what
pdfminer's give."""

from __future__ import annotations

import pytest
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode

from parsers import Limits, Rejected, RejectionCode, parse_report
from parsers.safety.damage import damage_is_rejection
from parsers.safety.inflation import bounded_lzwdecode, bounded_rldecode, capped
from parsers.text_layer.pdfium_reader import PDFIUM, PDFMINER
from tests.contract import SAMPLES_DIR
from tests.hostile.bombs import (
    lzw_encoded,
    lzw_run,
    one_stream_page,
    runlength_run,
)
from tests.hostile.handmade import TEXT, pdf_file, stream

LZW = b"/Filter /LZWDecode"
RUNLENGTH = b"/Filter /RunLengthDecode"
LIMITS = Limits(max_stream_mb=4, ocr=False)


def page_of(content: bytes, entries: bytes) -> bytes:
    """One page with Helvetica as F1, its content stream filtered as `entries` say."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content, entries),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def runlength_literal(data: bytes) -> bytes:
    """`data` as RunLength's literal runs (128 bytes at most each)."""
    runs = [data[at : at + 128] for at in range(0, len(data), 128)]
    return b"".join(bytes([len(run) - 1]) + run for run in runs) + b"\x80"


def outcome(data: bytes, reader: str) -> Rejected:
    """How a parse ends, as the pipeline says it (a cap hit inside pdfminer unwrapped)."""
    with pytest.raises(Rejected) as caught, damage_is_rejection():
        parse_report(data, filename="filtered.pdf", limits=LIMITS, reader=reader)
    return caught.value


@pytest.mark.parametrize("reader", [PDFIUM, PDFMINER])
@pytest.mark.parametrize(
    ("entries", "inflating"),
    [(LZW, lzw_run), (RUNLENGTH, runlength_run)],
    ids=["lzw", "runlength"],
)
def test_a_content_stream_inflating_past_the_cap_is_too_large(reader, entries, inflating):
    data = one_stream_page(inflating(ord("q"), 8), entries)
    assert len(data) < 150_000
    error = outcome(data, reader)
    assert str(error) == (
        "too_large: a stream decompresses to more than 4 MB (RAINGAN_MAX_STREAM_MB)"
    )


@pytest.mark.parametrize("reader", [PDFIUM, PDFMINER])
@pytest.mark.parametrize(
    ("entries", "encoded"),
    [(LZW, lzw_encoded), (RUNLENGTH, runlength_literal)],
    ids=["lzw", "runlength"],
)
def test_a_content_stream_within_the_cap_is_read(reader, entries, encoded):
    error = outcome(page_of(encoded(TEXT), entries), reader)
    assert error.code is RejectionCode.NOT_A_REPORT  # read: a page of "Hello", no report


def test_a_stream_just_within_the_cap_is_inflated_whole():
    limit = 2 * 1_048_576
    with capped(Limits(max_stream_mb=2)):
        assert bounded_rldecode(runlength_run(ord("q"), 2)) == b"q" * limit
        with pytest.raises(Rejected):
            bounded_rldecode(runlength_run(ord("q"), 2)[:-1] + b"\x00q\x80")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        TEXT,
        (SAMPLES_DIR / "findings-percent.pdf").read_bytes()[:20_000],
        b"\x00" * 70_000 + bytes(range(256)) * 8,
    ],
    ids=["empty", "text", "a-pdf's-bytes", "runs"],
)
def test_the_capped_decoders_decode_as_pdfminers(data):
    encoded_lzw, encoded_runs = lzw_encoded(data), runlength_literal(data)
    with capped(Limits()):
        assert bounded_lzwdecode(encoded_lzw) == lzwdecode(encoded_lzw) == data
        assert bounded_rldecode(encoded_runs) == rldecode(encoded_runs) == data
    runs = runlength_run(ord("a"), 1) + runlength_literal(b"end")  # ends at the first end
    assert bounded_rldecode(runs) == rldecode(runs) == b"a" * 1_048_576


@pytest.mark.parametrize(
    "cut", [b"\x05abc", b"\x85"], ids=["literal-run-cut-short", "repeat-without-its-byte"]
)
def test_runlength_cut_short_is_damage_as_before(cut):
    """pdfminer raises inside its decoder there: `corrupt_pdf`, not a bug of raingan's."""
    error = outcome(page_of(runlength_literal(TEXT)[:-1] + cut, RUNLENGTH), PDFMINER)
    assert error.code is RejectionCode.CORRUPT_PDF
