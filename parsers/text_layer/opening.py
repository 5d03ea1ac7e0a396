"""Opening a file as a PDF, and refusing what cannot be a report before any page is read."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.pdf import PDF

from parsers.safety.damage import damage_or_bug, is_damage, message
from parsers.safety.inflation import capped
from parsers.safety.limits import Limits
from parsers.safety.rejection import Rejected, RejectionCode
from parsers.text_layer.pdfium_reader import refuse_font_bombs

# The PDF header may follow a little junk (the spec allows it within the first 1024 bytes).
PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024

# What other files often arrive as, to say what a non-PDF is.
KNOWN_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx or .zip)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc or .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"<!DOCTYPE html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"{\\rtf", "an RTF document"),
)


def describe_non_pdf(data: bytes) -> str:
    head = data[:64].lstrip()
    for signature, what in KNOWN_SIGNATURES:
        if head[: len(signature)].lower() == signature.lower():
            return f"the file is {what}, not a PDF"
    return "the file does not start with a PDF header"


def sniff(data: bytes, limits: Limits) -> None:
    """Refuse empty, non-PDF and oversized files from their bytes alone."""
    if not data:
        raise Rejected(RejectionCode.NOT_PDF, "the file is empty")
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise Rejected(RejectionCode.NOT_PDF, describe_non_pdf(data))
    if len(data) > limits.max_bytes:
        size_mb = len(data) / 1_048_576
        limit_mb = limits.max_bytes / 1_048_576
        raise Rejected(RejectionCode.TOO_LARGE, f"{size_mb:.1f} MB exceeds {limit_mb:.0f} MB")


def is_password_error(error: BaseException) -> bool:
    """A password error anywhere in the chain (pdfplumber wraps pdfminer's in its own)."""
    cause: object = error
    while isinstance(cause, BaseException):
        if isinstance(cause, PDFPasswordIncorrect):
            return True
        cause = cause.__cause__ or cause.__context__ or (cause.args[0] if cause.args else None)
    return False


@contextmanager
def open_pdf(data: bytes, limits: Limits) -> Iterator[PDF]:
    """The document, opened; rejected as encrypted, corrupt or too long when it must be, and
    `too_large` when reading it would inflate past a cap (`parsers.safety.inflation`)."""
    sniff(data, limits)
    with capped(limits):
        yield from opened(data, limits)


def opened(data: bytes, limits: Limits) -> Iterator[PDF]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:
        if is_password_error(e):
            raise Rejected(RejectionCode.ENCRYPTED_PDF, "the PDF needs a password") from None
        raise damage_or_bug(e, "the PDF cannot be opened", message) from None
    try:
        page_count = count_pages(pdf)
        if page_count > limits.max_pages:
            raise Rejected(
                RejectionCode.TOO_LARGE,
                f"{page_count} pages exceed the limit of {limits.max_pages}",
            )
        refuse_any_font_bomb(pdf)
        yield pdf
    finally:
        close(pdf)


def refuse_any_font_bomb(pdf: PDF) -> None:
    """`too_large` where a page's font programs inflate past the stream cap, whichever reader
    reads it: PDFium, which caps nothing, may load any page (`refuse_font_bombs`)."""
    for page in pdf.pages:
        try:
            refuse_font_bombs(page.page_obj.resources)
        except Rejected:
            raise
        except Exception:  # damage: met again where the page is read (the PDFium reader
            continue  # then hands the page to the careful reader, which says what it is)


def close(pdf: PDF) -> None:
    """Close the document; pdfplumber reads the page tree again to close each page, which
    fails again on a damaged one: that must not hide why it was refused."""
    try:
        pdf.close()
    except Exception as error:
        if not is_damage(error):
            raise


def count_pages(pdf: PDF) -> int:
    try:
        count = len(pdf.pages)
    except Exception as e:  # pdfminer raises many kinds on a broken page tree
        raise damage_or_bug(e, "the page tree cannot be read") from None
    if count == 0:
        raise Rejected(RejectionCode.CORRUPT_PDF, "the PDF has no pages")
    return count
