"""`raingan parse`, `text` and `schema`: reading reports, with neither Prefect nor a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from raingan.cli.console import ExitCode, console, fail, fail_with

if TYPE_CHECKING:
    from parsers.limits import Limits
    from parsers.rejection import Rejected

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A report PDF.")]
MaxPages = Annotated[int | None, typer.Option(help="Refuse files with more pages [500].")]
MaxMegabytes = Annotated[float | None, typer.Option(help="Refuse larger files, in MB [100].")]
MaxSeconds = Annotated[float | None, typer.Option(help="Give up parsing after this [120 s].")]


def limits_from(max_pages: int | None, max_mb: float | None, max_seconds: float | None) -> Limits:
    """The limits of the environment (RAINGAN_MAX_*), with those given on the command line."""
    from parsers.limits import limits_from_env

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
    from parsers import Rejected, parse_report
    from parsers.damage import damage_is_rejection

    limits = limits_from(max_pages, max_mb, max_seconds)
    try:
        with damage_is_rejection():
            parsed = parse_report(file.read_bytes(), filename=file.name, limits=limits)
    except Rejected as rejection:
        raise rejected(rejection) from None
    except Exception as error:  # a bug: say so in one line, never a traceback
        raise fail_with(f"could not parse {file.name}", error) from None
    if as_json:
        print(json.dumps(parsed.document, ensure_ascii=False, indent=2))
        return
    from raingan.cli.report_view import show_report

    show_report(console, parsed.document)


QualityOption = Annotated[
    bool,
    typer.Option(
        "--quality",
        help="Per page, instead of its text: the share of its Thai text that reads as"
        " dictionary words, and the repairs made, by kind.",
    ),
]


def text(file: FileArg, quality: QualityOption = False) -> None:
    """Print the repaired text layer of any PDF, page by page: what raingan reads."""
    from parsers import Rejected
    from parsers.damage import damage_is_rejection
    from parsers.text_layer import read_text_layer
    from parsers.text_quality import quality_summary

    try:
        with damage_is_rejection():
            pages = read_text_layer(file.read_bytes(), quality=quality)
        for page in pages:
            console.rule(f"page {page.number}")
            if quality:
                verdict = " (unusable: not read)" if page.unusable else ""
                summary = quality_summary(page.dictionary_share, page.repairs)
                console.print(f"quality: {summary}{verdict}", markup=False, highlight=False)
                continue
            for line in page.line_texts() or ["(no text layer: an image)"]:
                console.print(line, markup=False, highlight=False)
    except Rejected as rejection:
        raise rejected(rejection) from None
    except Exception as error:
        raise fail_with(f"could not read {file.name}", error) from None


def schema() -> None:
    """Print the JSON Schema of the contract document that `raingan parse --json` prints."""
    from raingan.contract import report_schema_text

    sys.stdout.write(report_schema_text())
