"""PDF bombs (issue 13): a few bytes that ask pdfminer for gigabytes or minutes. Never parse one
without raingan's limits on (`RAINGAN_MAX_MEMORY_MB`, `RAINGAN_MAX_SECONDS`): unbounded, the
first grew past 6 GB. Each is built exactly, deterministically, by `handmade.py`'s writer."""

from __future__ import annotations

import zlib
from collections.abc import Callable

from tests.hostile.handmade import one_page, pdf_file, stream

INFLATED_MEGABYTES = 300  # of `q Q ` operators, from a stream of about 300 KB
CHUNK = b"q Q " * 262_144  # 1 MB
MILLION = 1_000_000


def deflated(chunk: bytes, times: int) -> bytes:
    """`chunk * times`, compressed, without holding it whole."""
    packer = zlib.compressobj(9)
    return b"".join(packer.compress(chunk) for _ in range(times)) + packer.flush()


def inflating_content() -> bytes:
    """A content stream that inflates to `INFLATED_MEGABYTES` of `q Q` (save and restore the
    graphics state): nothing drawn, all of it to read."""
    packed = deflated(CHUNK, INFLATED_MEGABYTES)
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(packed, b"/Filter /FlateDecode"),
        ]
    )


def tounicode_of_all_codes() -> bytes:
    """A font whose ToUnicode maps 4-byte codes with one bfrange of 2^32 codes."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange "
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap end end"
    )
    return one_page(
        font=b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        extra=(stream(cmap),),
    )


def million_characters() -> bytes:
    """One content stream showing 1,000,000 characters (tiny, at one place)."""
    text = b"BT /F1 1 Tf 72 720 Td (" + b"A" * MILLION + b") Tj ET"
    return one_page(text)


# Each bomb, by what it asks for.
BOMBS: dict[str, Callable[[], bytes]] = {
    "content-inflating-to-300-mb": inflating_content,
    "tounicode-bfrange-of-2^32-codes": tounicode_of_all_codes,
    "content-of-a-million-characters": million_characters,
}
