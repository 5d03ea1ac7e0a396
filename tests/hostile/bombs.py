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
MEGABYTE = 1_048_576
# LZW (PDF 32000 7.4.4): codes of 9 to 12 bits; 256 clears the table, 257 ends the data,
# 258 on name the entries the data defines, each one byte longer than the entry before it
# at most; a code's width grows one code early (EarlyChange 1, the default).
LZW_CLEAR, LZW_END, LZW_FIRST, LZW_LAST = 256, 257, 258, 4095
LZW_WIDER_AT = {511: 10, 1023: 11, 2047: 12}  # table length → the width of the next code
RUNLENGTH_LONGEST = 129  # a run of the next byte, 257 - 129 = 128 times
RUNLENGTH_END = 128


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


def lzw_run(byte: int, megabytes: int) -> bytes:
    """LZW data that decodes to at least `megabytes` MB of `byte`: after the byte itself, each
    code names the entry it defines (the run so far and one byte more), up to the last code
    12 bits can name, which is then repeated: 12 bits for 3,839 bytes."""
    codes, size, code = [LZW_CLEAR, byte, LZW_FIRST], 3, LZW_FIRST
    while size < megabytes * MEGABYTE:
        code = min(code + 1, LZW_LAST)
        codes.append(code)
        size += code - LZW_CLEAR
    return lzw_bits([*codes, LZW_END])


def lzw_encoded(data: bytes) -> bytes:
    """`data` as LZW, as a PDF writer makes it (the table is not cleared when full: its last
    entries are used as they are)."""
    table = {bytes([byte]): byte for byte in range(256)}
    codes, word, code = [LZW_CLEAR], b"", LZW_FIRST
    for byte in data:
        longer = word + bytes([byte])
        if longer in table:
            word = longer
            continue
        codes.append(table[word])
        if code <= LZW_LAST:
            table[longer], code = code, code + 1
        word = bytes([byte])
    if word:
        codes.append(table[word])
    return lzw_bits([*codes, LZW_END])


def lzw_bits(codes: list[int]) -> bytes:
    """Codes packed most significant bit first, each as wide as the decoder then reads it:
    its table grows by one entry with every code but the first after a clear."""
    packed, bits, width, length = bytearray(), 0, 9, LZW_FIRST
    held = 0
    first = True
    for code in codes:
        held, bits = (held << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            packed.append((held >> bits) & 0xFF)
        held &= (1 << bits) - 1
        if code == LZW_CLEAR:
            width, length, first = 9, LZW_FIRST, True
            continue
        if not first:
            length += 1
            width = LZW_WIDER_AT.get(length, width)
        first = False
    if bits:
        packed.append((held << (8 - bits)) & 0xFF)
    return bytes(packed)


def runlength_run(byte: int, megabytes: int) -> bytes:
    """RunLength data that decodes to `megabytes` MB of `byte` (two bytes for every 128)."""
    return bytes([RUNLENGTH_LONGEST, byte]) * (megabytes * MEGABYTE // 128) + bytes([RUNLENGTH_END])


def one_stream_page(data: bytes, entries: bytes) -> bytes:
    """One page whose content is a single stream of `data` with `entries` (its filter)."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(data, entries),
        ]
    )


def lzw_content() -> bytes:
    """A content stream of 120 KB whose LZW inflates to `INFLATED_MEGABYTES` of one operator
    name (`qqq…`, a single token to read)."""
    return one_stream_page(lzw_run(ord("q"), INFLATED_MEGABYTES), b"/Filter /LZWDecode")


def runlength_content() -> bytes:
    """A content stream of 2 MB whose RunLength inflates to 128 MB of `qqq…` (the most
    RunLength can do: 64 times)."""
    return one_stream_page(runlength_run(ord("q"), 128), b"/Filter /RunLengthDecode")


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
    "lzw-content-inflating-to-300-mb": lzw_content,
    "runlength-content-inflating-to-128-mb": runlength_content,
}
