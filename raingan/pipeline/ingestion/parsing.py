"""How files become documents: a `Parser` bundles a parse function with the versions it stamps
on what it loads, so that tests can pass in a parser that fails on purpose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from checks import RULES_VERSION
from checks.document import ReportDocument
from parsers import PARSER_VERSION
from parsers.safety.limits import Limits


class Parsed(Protocol):
    document: ReportDocument
    evidence: Any  # checks.Evidence, or its dict


@dataclass(frozen=True)
class Parser:
    """`parse(data, filename)` returns a parsed report or raises `parsers.Rejected`; any other
    exception is an internal error."""

    parse: Callable[[bytes, str], Parsed]
    version: str
    rules_version: str
    max_bytes: int | None = None  # larger files are rejected `too_large` without reading
    # The limits to parse under in a child process (`isolated_parse.isolated`); None when the
    # parse runs as it is (already in a child, or a test's parser that is not picklable).
    isolate_under: Limits | None = None


def parse_with_limits(data: bytes, filename: str, limits: Limits | None = None) -> Parsed:
    # Lazy: pdfplumber and pythainlp load when a file is parsed, not when the pipeline is imported.
    from parsers import parse_report
    from parsers.safety.damage import damage_is_rejection

    with damage_is_rejection():  # a damaged file is rejected, not an internal error
        return parse_report(data, filename=filename, limits=limits)


def default_parser(limits: Limits | None = None) -> Parser:
    """raingan's PDF parser (`parsers.parse_report`) with the given `parsers.Limits`."""
    return Parser(
        partial(parse_with_limits, limits=limits),
        PARSER_VERSION,
        RULES_VERSION,
        max_bytes=limits.max_bytes if limits is not None else None,
        isolate_under=limits or Limits(),
    )


def read_text_with_limits(
    data: bytes, filename: str, limits: Limits | None = None, quality: bool = False
) -> list[Any]:
    """The repaired text layer (`parsers.text_layer.reading.read_text_layer`), damage rejected; the
    shape of a parse, to run in a `ParseChild`."""
    from parsers.safety.damage import damage_is_rejection
    from parsers.text_layer.reading import read_text_layer

    with damage_is_rejection():
        return read_text_layer(data, limits, quality=quality)


def read_pages_with_images(data: bytes, filename: str, limits: Limits) -> list[PageText]:
    """Each page as `raingan text` shows it: its repaired text layer, or, for a page without a
    usable one, what raingan reads from its image (unless `limits.ocr` is off), as a parse
    reads it; the shape of a parse, to run in a `ParseChild`."""
    import time

    from parsers.ocr.document import needs_image, read_from_images
    from parsers.safety.damage import damage_is_rejection
    from parsers.safety.deadline import parse_deadline
    from parsers.safety.limits import EXTRA_TIME
    from parsers.text_layer.reading import read_text_layer

    deadline = parse_deadline(limits, time.monotonic(), EXTRA_TIME.get())
    with damage_is_rejection():
        pages = read_text_layer(data, limits)
        needing = {page.number for page in pages if needs_image(page)}
        images = read_from_images(data, pages, limits, deadline)
    return [
        PageText(
            page.number,
            page.line_texts(),
            needs_image=page.number in needing,
            confidence=images.read.get(page.number),
            not_read=images.unreadable.get(page.number)
            or (images.missing.reason if images.missing and page.number in needing else None),
        )
        for page in pages
    ]


@dataclass(frozen=True)
class PageText:
    """A page's lines as raingan reads them, and how: from its text layer, or its image."""

    number: int
    lines: list[str]
    needs_image: bool = False  # no text layer, or an unusable one
    confidence: float | None = None  # read from its image, with this mean confidence
    not_read: str | None = None  # why its image was not read (too coarse, too poorly read…)
