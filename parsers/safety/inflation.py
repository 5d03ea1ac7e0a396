"""Caps on what pdfminer may inflate while a document is open: a stream's decompressed bytes,
the characters drawn on one page, the codes of one ToUnicode map. A few bytes of PDF can ask
for gigabytes (a content stream inflating to a gigabyte of `q Q`, a bfrange of 2^32 codes):
each cap stops such a file at the point it asks, as `too_large` naming the limit, long before
the parsing process's memory limit would.

Every filter that inflates is capped: Flate (zlib), LZW (about 2,500 times at most: 12 bits
for a code of 4 KB) and RunLength (64 times). pdfminer has no hooks for this, so its
decoders and three of its functions are wrapped once, at import; the wrappers do nothing
unless `capped` is active (in `parsers.text_layer.opening.open_pdf`), and read the caps of the
document being read from a context variable.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any

from pdfminer import cmapdb, converter, pdftypes
from pdfminer.lzw import CorruptDataError, LZWDecoder
from pdfminer.runlength import rldecode

from parsers.safety.limits import VARIABLE_OF, Limits
from parsers.safety.rejection import Rejected, RejectionCode

CAPS: ContextVar[Limits | None] = ContextVar("CAPS", default=None)
MEGABYTE = 1_048_576
RUN_END = 128  # RunLength's end of data, and the boundary between its two kinds of run


def over(field: str, what: str, limit: int, unit: str = "") -> Rejected:
    """`too_large: {what} more than {limit} ({the variable that sets it})`."""
    return Rejected(
        RejectionCode.TOO_LARGE, f"{what} more than {limit:,}{unit} ({VARIABLE_OF[field]})"
    )


def stream_limit() -> int | None:
    """The bytes one stream may decompress to in the document being read (None: uncapped)."""
    caps = CAPS.get()
    return None if caps is None else caps.max_stream_mb * MEGABYTE


def stream_over(limit: int) -> Rejected:
    return over("max_stream_mb", "a stream decompresses to", limit // MEGABYTE, " MB")


def bounded_decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
    """`zlib.decompress`, refusing output beyond the stream cap."""
    limit = stream_limit()
    if limit is None or args or kwargs:
        return zlib.decompress(data, *args, **kwargs)
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        raise stream_over(limit)
    out += inflater.flush()
    if not inflater.eof:  # as zlib.decompress says, for pdfminer to try its repair
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


class CountedLZW(LZWDecoder):
    """pdfminer's LZW decoder, stopped at the stream cap. Its own loop logs a copy of its
    table at every code (the argument is built even when nothing is logged): a stream of
    codes that never clears the table then takes time quadratic in its length."""

    def run(self) -> Iterator[bytes]:
        while True:
            try:
                code = self.readbits(self.nbits)
            except EOFError:
                break
            try:
                piece = self.feed(code)
            except CorruptDataError:  # as pdfminer does: the data up to there
                break
            yield piece


def bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's `lzwdecode`, refusing output beyond the stream cap."""
    limit = stream_limit()
    pieces, size = [], 0
    for piece in CountedLZW(io.BytesIO(data)).run():
        size += len(piece)
        if limit is not None and size > limit:
            raise stream_over(limit)
        pieces.append(piece)
    return b"".join(pieces)


def bounded_rldecode(data: bytes) -> bytes:
    """pdfminer's `rldecode`, refusing output beyond the stream cap: the runs' lengths are
    summed first (a run of 2 bytes draws 128). pdfminer's builds a list of ints, eight bytes
    a byte, so well-formed runs are joined here instead; a run cut short is left to pdfminer,
    which says it is damaged as it always did."""
    limit = stream_limit()
    pieces = run_pieces(data, limit)
    if pieces is None:
        return rldecode(data)
    if limit is not None and sum(len(piece) for piece in pieces) > limit:
        raise stream_over(limit)
    return b"".join(pieces)


def run_pieces(data: bytes, limit: int | None) -> list[bytes] | None:
    """RunLength data as its decoded pieces (PDF 32000 7.4.5), stopping once they pass
    `limit`; None for a run cut short by the end of the data."""
    pieces: list[bytes] = []
    size, at, end = 0, 0, len(data)
    while at < end and data[at] != RUN_END:
        length = data[at]
        if length < RUN_END:  # length + 1 bytes as they are
            piece = data[at + 1 : at + length + 2]
            if len(piece) < length + 1:
                return None
            at += length + 2
        else:  # the next byte 257 - length times
            if at + 1 >= end:
                return None
            piece = data[at + 1 : at + 2] * (257 - length)
            at += 2
        pieces.append(piece)
        size += len(piece)
        if limit is not None and size > limit:
            break
    return pieces


# pdfminer's `pdftypes` sees this instead of the zlib module.
PDFTYPES_ZLIB = SimpleNamespace(
    decompress=bounded_decompress, decompressobj=zlib.decompressobj, error=zlib.error
)

original_render_char = converter.PDFLayoutAnalyzer.render_char
original_add_cid2unichr = cmapdb.FileUnicodeMap.add_cid2unichr


def counted_render_char(self: Any, *args: Any, **kwargs: Any) -> Any:
    caps = CAPS.get()
    if caps is not None:
        drawn = getattr(self, "_raingan_characters", 0) + 1
        self._raingan_characters = drawn
        if drawn > caps.max_page_characters:
            raise over(
                "max_page_characters", "one page draws", caps.max_page_characters, " characters"
            )
    return original_render_char(self, *args, **kwargs)


def counted_begin_page(original: Any) -> Any:
    def begin_page(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._raingan_characters = 0
        return original(self, *args, **kwargs)

    return begin_page


def counted_add_cid2unichr(self: Any, cid: int, code: Any) -> None:
    caps = CAPS.get()
    if caps is not None:
        entries = getattr(self, "_raingan_entries", 0) + 1
        self._raingan_entries = entries
        if entries > caps.max_tounicode_entries:
            raise over(
                "max_tounicode_entries",
                "a ToUnicode map declares",
                caps.max_tounicode_entries,
                " codes",
            )
    original_add_cid2unichr(self, cid, code)


def install() -> None:
    setattr(pdftypes, "zlib", PDFTYPES_ZLIB)  # noqa: B010 (pdfminer does not export it)
    setattr(pdftypes, "lzwdecode", bounded_lzwdecode)  # noqa: B010
    setattr(pdftypes, "rldecode", bounded_rldecode)  # noqa: B010
    analyzer: Any = converter.PDFLayoutAnalyzer
    analyzer.render_char = counted_render_char
    analyzer.begin_page = counted_begin_page(analyzer.begin_page)
    unicode_map: Any = cmapdb.FileUnicodeMap
    unicode_map.add_cid2unichr = counted_add_cid2unichr


install()


@contextmanager
def capped(limits: Limits) -> Iterator[None]:
    """Within the body, pdfminer inflates no more than `limits` allow."""
    token = CAPS.set(limits)
    try:
        yield
    finally:
        CAPS.reset(token)
