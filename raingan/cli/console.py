"""What every command shares: where it writes, how it ends, how an error reads."""

from __future__ import annotations

import io
import logging
import logging.handlers
import re
from enum import IntEnum
from pathlib import Path

import typer
from rich.console import Console


class ExitCode(IntEnum):
    """The exit statuses of every command (README, and the contract for `parse`)."""

    OK = 0  # parsed, findings or not; loaded; done
    FAILED = 1  # an internal error, or a file that failed: never a traceback
    USAGE = 2  # a usage error (typer gives its own the same status)
    REJECTED = 3  # not a report raingan can read: `rejected: CODE: reason`


# No emoji codes: `:smile:` in a PDF's text or a file name stays as it is written.
console = Console(emoji=False)
errors = Console(stderr=True, emoji=False)


# Characters that would break the line or drive the terminal (ANSI escapes in a file name).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def as_one_line(text: str) -> str:
    """Line breaks as spaces, other control characters escaped (`\x1b`)."""
    return CONTROL.sub(lambda c: " " if c[0] in "\r\n" else f"\\x{ord(c[0]):02x}", text)


def say_error(line: str) -> None:
    """`line` on stderr as written: one line, whatever its width, brackets or line breaks."""
    errors.print(as_one_line(line), markup=False, highlight=False, emoji=False, soft_wrap=True)


def fail(line: str, code: ExitCode = ExitCode.FAILED) -> typer.Exit:
    """Say `line` on stderr; the exit for the caller to raise (`raise fail(...) from None`)."""
    say_error(line)
    return typer.Exit(code)


def fail_with(doing: str, error: BaseException, code: ExitCode = ExitCode.FAILED) -> typer.Exit:
    """`error: {doing}: {type}: {message}`, for an exception nobody expected: a bug or a fault."""
    return fail(f"error: {doing}: {type(error).__name__}: {error}", code)


LOG_FILE = "raingan.log"
LOG_BYTES = 5_000_000  # then one older file is kept: a damaged PDF can log thousands of lines
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file made when there is first something to log, in a folder made then; a file
    that cannot be written loses the records rather than saying so on stderr."""

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def keep_logs_in(home: Path) -> None:
    """Log records of warning level and above (pdfminer's on a damaged PDF, Python warnings),
    and the parser's own notes, go to `home/raingan.log`, not to stderr."""
    handler = QuietFileHandler(home / LOG_FILE, maxBytes=LOG_BYTES, backupCount=1, delay=True)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    logging.getLogger("parsers").setLevel(logging.INFO)  # which file was damaged, and how
    logging.captureWarnings(True)
