"""`raingan parse`, `text` and `schema`: reading reports, with neither Prefect nor a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from raingan.cli.console import ExitCode, fail, fail_with

if TYPE_CHECKING:
    from checks.document import ReportDocument
    from parsers.safety.limits import Limits
    from parsers.safety.rejection import Rejected
    from raingan.pipeline.ingestion.parsing import PageText

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report PDF.")]
MaxPages = Annotated[int | None, typer.Option(help="Refuse files with more pages [500].")]
MaxMegabytes = Annotated[float | None, typer.Option(help="Refuse larger files, in MB [100].")]
MaxSeconds = Annotated[float | None, typer.Option(help="Give up parsing after this [120 s].")]


def limits_from(max_pages: int | None, max_mb: float | None, max_seconds: float | None) -> Limits:
    """The limits of the environment (RAINGAN_MAX_*), with those given on the command line."""
    from parsers.safety.limits import limits_from_env

    given = {"--max-pages": max_pages, "--max-mb": max_mb, "--max-seconds": max_seconds}
    for option, value in given.items():
        if value is not None and not 0 < value < float("inf"):  # nan fails both
            raise typer.BadParameter(f"{value:g} is not a positive number", param_hint=option)
    limits = limits_from_env()
    overrides = {
        "max_pages": max_pages,
        "max_bytes": int(max_mb * 1_048_576) if max_mb else None,
        "max_seconds": max_seconds,
    }
    return limits.replace(**{k: v for k, v in overrides.items() if v is not None})


def rejected(rejection: Rejected) -> typer.Exit:
    return fail(f"rejected: {rejection.code.value}: {rejection.reason}", ExitCode.REJECTED)


def parse(
    file: FileArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract document.")] = False,
    max_pages: MaxPages = None,
    max_mb: MaxMegabytes = None,
    max_seconds: MaxSeconds = None,
) -> None:
    """Parse one report: a readable summary, or the contract document with --json."""
    from functools import partial

    from parsers import Rejected
    from raingan.pipeline.ingestion.isolated_parse import ParseChild, hard_limit

    limits = limits_from(max_pages, max_mb, max_seconds)
    parse_there = partial(parsed_document, limits=limits)
    try:
        with ParseChild(hard_limit(limits.max_seconds), start_method="fork") as child:
            document = child.parse(parse_there, file.read_bytes(), file.name, limits=limits)
    except Rejected as rejection:
        raise rejected(rejection) from None
    except Exception as error:  # a bug: say so in one line, never a traceback
        raise fail_with(f"could not parse {file.name}", error) from None
    if as_json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    from raingan.cli.console import console
    from raingan.cli.report_view import show_report

    show_report(console, document)


# `parse` and `text` parse in a child forked from the command (`isolated_parse.ParseChild`),
# under the time and memory limits; the child sends back plain data, so that the command
# never imports the parser itself (pdfplumber, pythainlp: half a second).


def parsed_document(data: bytes, filename: str, limits: Limits) -> ReportDocument:
    """In the child: the contract document, damage rejected."""
    from raingan.pipeline.ingestion.parsing import parse_with_limits

    return parse_with_limits(data, filename, limits).document


def page_lines(
    data: bytes, filename: str, limits: Limits, quality: bool
) -> list[tuple[int, list[str]]]:
    """In the child: each page's number and the lines `text` prints for it."""
    if quality:
        return quality_lines(data, filename, limits)
    from raingan.pipeline.ingestion.parsing import read_pages_with_images

    return [
        (page.number, [*page_heading(page), *page.lines])
        for page in read_pages_with_images(data, filename, limits)
    ]


def quality_lines(data: bytes, filename: str, limits: Limits) -> list[tuple[int, list[str]]]:
    from parsers.language.text_quality import quality_summary
    from raingan.pipeline.ingestion.parsing import read_text_with_limits

    return [
        (
            page.number,
            [
                f"quality: {quality_summary(page.dictionary_share, page.repairs)}"
                + (" (unusable: not read)" if page.unusable else ""),
                f"read by: {page.reader}" + (f" ({page.handover})" if page.handover else ""),
            ],
        )
        for page in read_text_with_limits(data, filename, limits, quality=True)
    ]


def page_heading(page: PageText) -> list[str]:
    """What a page's lines are: read from its image (how well), or no text to show (why)."""
    if page.confidence is not None:
        return [f"(read from its image, mean confidence {page.confidence:.0f}%)"]
    if page.lines:
        return []
    if page.not_read:
        return [f"(no text layer: an image, not read: {page.not_read})"]
    return ["(no text layer: an image)"]


QualityOption = Annotated[
    bool,
    typer.Option(
        "--quality",
        help="Per page, instead of its text: the share of its Thai text that reads as"
        " dictionary words, and the repairs made, by kind.",
    ),
]


NoOcrOption = Annotated[
    bool,
    typer.Option(
        "--no-ocr",
        help="Do not read pages from their images: a page without a usable text layer shows"
        " as an image (as RAINGAN_OCR=off).",
    ),
]


def text(file: FileArg, quality: QualityOption = False, no_ocr: NoOcrOption = False) -> None:
    """Print the repaired text layer of any PDF, page by page: what raingan reads. A page
    without a usable text layer is read from its image, marked so with its mean confidence."""
    from functools import partial

    from parsers import Rejected
    from raingan.cli.console import console
    from raingan.pipeline.ingestion.isolated_parse import ParseChild, hard_limit

    limits = limits_from(None, None, None)
    if no_ocr:
        limits = limits.replace(ocr=False)
    read_there = partial(page_lines, limits=limits, quality=quality)
    try:
        with ParseChild(hard_limit(limits.max_seconds), start_method="fork") as child:
            pages = child.parse(read_there, file.read_bytes(), file.name, limits=limits)
        for number, lines in pages:
            console.rule(f"page {number}")
            for line in lines:
                console.print(line, markup=False, highlight=False)
    except Rejected as rejection:
        raise rejected(rejection) from None
    except Exception as error:
        raise fail_with(f"could not read {file.name}", error) from None


def schema() -> None:
    """Print the JSON Schema of the contract document that `raingan parse --json` prints."""
    from raingan.contract import report_schema_text

    sys.stdout.write(report_schema_text())
