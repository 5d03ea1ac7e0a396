"""How files become documents: a `Parser` bundles a parse function with the versions it stamps
on what it loads, so that tests can pass in a parser that fails on purpose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from checks import RULES_VERSION
from parsers import PARSER_VERSION
from parsers.limits import Limits


class Parsed(Protocol):
    document: dict[str, Any]
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
    from parsers.damage import damage_is_rejection

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
    """The repaired text layer (`parsers.text_layer.read_text_layer`), damage rejected; the
    shape of a parse, to run in a `ParseChild`."""
    from parsers.damage import damage_is_rejection
    from parsers.text_layer import read_text_layer

    with damage_is_rejection():
        return read_text_layer(data, limits, quality=quality)
