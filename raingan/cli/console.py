"""What every command shares: where it writes, how it ends, how an error reads."""

from __future__ import annotations

import re
from enum import IntEnum
from typing import TYPE_CHECKING

import typer

# The log file lives in the pipeline, which the parse child shares; re-exported for commands.
from raingan.pipeline.ingestion.log_file import LOG_FILE as LOG_FILE
from raingan.pipeline.ingestion.log_file import keep_logs_in as keep_logs_in


class ExitCode(IntEnum):
    """The exit statuses of every command (README, and the contract for `parse`)."""

    OK = 0  # parsed, findings or not; loaded; done
    FAILED = 1  # an internal error, or a file that failed: never a traceback
    USAGE = 2  # a usage error (typer gives its own the same status)
    REJECTED = 3  # not a report raingan can read: `rejected: CODE: reason`


if TYPE_CHECKING:
    from rich.console import Console

    console: Console  # stdout
    errors: Console  # stderr

# The consoles, made on first use (`console_named`): rich is a sixth of what `raingan parse
# --json` imports before it parses, and it prints nothing through them.
CONSOLES = {"console": False, "errors": True}  # name → on stderr


def console_named(name: str) -> Console:
    """The console `name` (`console` or `errors`), made once. No emoji codes: `:smile:` in a
    PDF's text or a file name stays as it is written."""
    made = globals().get(name)
    if made is None:
        from rich.console import Console

        made = globals()[name] = Console(stderr=CONSOLES[name], emoji=False)
    return made


def __getattr__(name: str) -> Console:
    """`console` and `errors` (PEP 562), made when first imported or used."""
    if name not in CONSOLES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return console_named(name)


# Characters that would break the line or drive the terminal (ANSI escapes in a file name).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def as_one_line(text: str) -> str:
    """Line breaks as spaces, other control characters escaped (`\x1b`)."""
    return CONTROL.sub(lambda c: " " if c[0] in "\r\n" else f"\\x{ord(c[0]):02x}", text)


def say_error(line: str) -> None:
    """`line` on stderr as written: one line, whatever its width, brackets or line breaks."""
    console_named("errors").print(
        as_one_line(line), markup=False, highlight=False, emoji=False, soft_wrap=True
    )


def fail(line: str, code: ExitCode = ExitCode.FAILED) -> typer.Exit:
    """Say `line` on stderr; the exit for the caller to raise (`raise fail(...) from None`)."""
    say_error(line)
    return typer.Exit(code)


def fail_with(doing: str, error: BaseException, code: ExitCode = ExitCode.FAILED) -> typer.Exit:
    """`error: {doing}: {type}: {message}`, for an exception nobody expected: a bug or a fault."""
    return fail(f"error: {doing}: {type(error).__name__}: {error}", code)
