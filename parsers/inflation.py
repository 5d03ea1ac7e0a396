"""Caps on what pdfminer may inflate while a document is open: a stream's decompressed bytes,
the characters drawn on one page, the codes of one ToUnicode map. A few bytes of PDF can ask
for gigabytes (a content stream inflating to a gigabyte of `q Q`, a bfrange of 2^32 codes):
each cap stops such a file at the point it asks, as `too_large` naming the limit, long before
the parsing process's memory limit would.

pdfminer has no hooks for this, so three of its functions are wrapped once, at import; the
wrappers do nothing unless `capped` is active (in `parsers.opening.open_pdf`), and read the
caps of the document being read from a context variable.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any

from pdfminer import cmapdb, converter, pdftypes

from parsers.limits import VARIABLE_OF, Limits
from parsers.rejection import Rejected, RejectionCode

CAPS: ContextVar[Limits | None] = ContextVar("CAPS", default=None)
MEGABYTE = 1_048_576


def over(field: str, what: str, limit: int, unit: str = "") -> Rejected:
    """`too_large: {what} more than {limit} ({the variable that sets it})`."""
    return Rejected(
        RejectionCode.TOO_LARGE, f"{what} more than {limit:,}{unit} ({VARIABLE_OF[field]})"
    )


def bounded_decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
    """`zlib.decompress`, refusing output beyond the stream cap."""
    caps = CAPS.get()
    if caps is None or args or kwargs:
        return zlib.decompress(data, *args, **kwargs)
    limit = caps.max_stream_mb * MEGABYTE
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        raise over("max_stream_mb", "a stream decompresses to", caps.max_stream_mb, " MB")
    out += inflater.flush()
    if not inflater.eof:  # as zlib.decompress says, for pdfminer to try its repair
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


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
