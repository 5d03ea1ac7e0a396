"""Where a listing goes and in which format: `--format`, or the extension of `-o FILE`.

`raingan findings -o findings.xlsx` writes a workbook: the extension says the format. An
extension that contradicts `--format`, or one that says nothing and no `--format`, is a usage
error: a text table in a file named .xlsx is a file Excel refuses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from raingan.cli.console import ExitCode, fail

# The format each extension says (a text table in a .txt file).
EXTENSIONS = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}
BINARY_FORMATS = ("xlsx", "parquet")
FILE_ONLY_FORMATS = ("html",)  # a page with pictures, written beside nothing else


def format_of(option: str | None, output: Path | None, allowed: tuple[str, ...]) -> str:
    """The format to write: `--format` (`option`), else the extension of `output`, else a
    table. Each is checked against `allowed`, and against the other when both are given."""
    said = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if option is not None and option not in allowed:
        raise fail(
            f"error: --format is one of {', '.join(allowed)}, not {option!r}", ExitCode.USAGE
        )
    if output is not None and said is None and option is None:
        known = " ".join(sorted(EXTENSIONS))
        raise fail(
            f"error: -o {output}: the extension does not say a format ({known}); "
            "give one, or --format",
            ExitCode.USAGE,
        )
    if said is not None and option is not None and said != option:
        raise fail(
            f"error: -o {output} says {said} but --format says {option}: make them agree",
            ExitCode.USAGE,
        )
    chosen = option or said or "table"
    if chosen not in allowed:
        raise fail(
            f"error: -o {output}: {chosen} is not one of this command's formats "
            f"({', '.join(allowed)})",
            ExitCode.USAGE,
        )
    if output is None and chosen in FILE_ONLY_FORMATS:
        raise fail(f"error: {chosen} is written to a file: add -o FILE.{chosen}", ExitCode.USAGE)
    if output is None and chosen in BINARY_FORMATS and sys.stdout.isatty():
        raise fail(f"error: {chosen} is binary: write it to a file with -o", ExitCode.USAGE)
    return chosen


def write_out(data: bytes, output: Path | None) -> None:
    """An export's bytes to `output`, or to stdout."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise fail(f"error: cannot write {output}: {error.strerror}") from None
