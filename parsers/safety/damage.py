"""Telling a damaged PDF from a bug in raingan, so that damage is `rejected: corrupt_pdf`.

A damaged file makes pdfminer and pdfplumber raise nearly anything: their own syntax errors,
but also RecursionError (an object that contains itself), TypeError (`/Rotate /Ninety`),
KeyError (a font without `FontBBox`), ValueError, AssertionError. The exception's type
cannot tell damage from a bug, so its place does:

- The exception is first unwrapped: pdfplumber's `PdfminerException` (and the same wrapper
  raised by `parsers.text_layer.page_reader`) only says "pdfminer failed"; what it wraps decides.
- Then its traceback is read from the innermost frame outwards, skipping frames of the
  standard library and of other packages (`base64`, `re`, …: they are called by someone).
  The first frame that is in a PDF-reading library (`READERS`) makes it damage; the first that
  is in raingan's own packages (`OURS`) makes it a bug. An exception with neither is a bug.

So a mistake in raingan's code, including code pdfminer calls back (`GlyphRecorder`), stays an
internal error (exit 1), while whatever the libraries raise on bytes they cannot read is a
rejection. The one case this misreads: raingan passing a library a bad argument that the
library refuses (a crop box outside the page) reads as damage; raingan's code checks such
arguments itself. MemoryError is never damage: it is a limit's business (`too_large`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from parsers.safety.rejection import Rejected, RejectionCode

logger = logging.getLogger(__name__)

# Top-level packages whose exceptions on a file's bytes mean the file is damaged.
READERS = frozenset({"pdfminer", "pdfplumber", "pypdfium2", "PIL", "fontTools"})
# raingan's own packages (and its tests' parsers): an exception raised here is a bug.
OURS = frozenset({"parsers", "checks", "raingan", "models", "flows", "tests"})
# Exceptions that only say "the library failed", wrapping the one that says why.
WRAPPERS = frozenset({"PdfminerException", "MalformedPDFException"})

REASON_CHARACTERS = 200  # a reason is one line of a terminal, not a dump of PDF objects
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def unwrapped(error: BaseException) -> BaseException:
    """The exception a library wrapper stands for (the wrapper itself if it wraps nothing)."""
    seen: set[int] = set()
    while type(error).__name__ in WRAPPERS and id(error) not in seen:
        seen.add(id(error))
        inner = error.__cause__ or (error.args[0] if error.args else None)
        if not isinstance(inner, BaseException):
            break  # not a wrapper's context: that may be anything being handled meanwhile
        error = inner
    return error


def frame_packages(traceback: TracebackType | None) -> list[str]:
    """The top-level package of each frame, innermost first."""
    packages = []
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__") or ""
        packages.append(module.partition(".")[0])
        traceback = traceback.tb_next
    return packages[::-1]


def raised_by_reader(error: BaseException) -> bool:
    """Whether the innermost frame that is a reader's or ours is a reader's."""
    for package in frame_packages(error.__traceback__):
        if package in READERS:
            return True
        if package in OURS:
            return False
    return False


def is_damage(error: BaseException) -> bool:
    inner = unwrapped(error)
    if isinstance(inner, Rejected | MemoryError) or not isinstance(inner, Exception):
        return False
    return raised_by_reader(inner)


def shortened(text: str) -> str:
    """On one line, without control characters, at most `REASON_CHARACTERS` long."""
    text = CONTROL.sub(" ", text).strip()
    return text if len(text) <= REASON_CHARACTERS else text[: REASON_CHARACTERS - 1] + "…"


def message(error: BaseException) -> str:
    """What the exception says (its type when it says nothing)."""
    return shortened(str(error)) or type(error).__name__


def described(error: BaseException) -> str:
    """`Type: message`; a recursion said for what it means in a PDF."""
    text = shortened(f"{type(error).__name__}: {error!s}".rstrip(": "))
    if isinstance(error, RecursionError):
        return f"its objects nest without end: {text}"
    return text


def as_rejection(
    error: BaseException,
    what: str = "the PDF cannot be read",
    say: Callable[[BaseException], str] = described,
) -> Rejected | None:
    """`corrupt_pdf: {what} ({what the library said})` when `error` is damage; None for a bug.
    A rejection a library wrapped (a cap of `parsers.safety.inflation` hit inside pdfminer) is
    itself."""
    inner = unwrapped(error)
    if isinstance(inner, Rejected) and inner is not error:
        return inner
    if not is_damage(error):
        return None
    reason = f"{what} ({say(unwrapped(error))})"
    # Info, not warning: Python's last-resort handler would print a warning on stderr.
    logger.info("damaged PDF: %s", reason)
    logger.debug("what the library raised", exc_info=error)
    return Rejected(RejectionCode.CORRUPT_PDF, reason)


def damage_or_bug(
    error: Exception,
    what: str = "the PDF cannot be read",
    say: Callable[[BaseException], str] = described,
) -> Exception:
    """What to raise for `error`: its rejection when it is damage, else `error` itself."""
    return as_rejection(error, what, say) or error


@contextmanager
def damage_is_rejection(what: str = "the PDF cannot be read") -> Iterator[None]:
    """Run the body; damage it raises becomes `Rejected(corrupt_pdf)`, anything else passes."""
    try:
        yield
    except Exception as error:
        rejection = as_rejection(error, what)
        if rejection is None:
            raise
        if rejection is unwrapped(error):
            raise rejection from None
        raise rejection from error
