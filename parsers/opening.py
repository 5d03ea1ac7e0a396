"""Opening a file as a PDF, and refusing what cannot be a report before any page is read."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import PdfminerException

from parsers.limits import Limits
from parsers.rejection import Rejected, RejectionCode

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
    while error is not None:
        if isinstance(error, PDFPasswordIncorrect):
            return True
        error = error.__cause__ or error.__context__ or (error.args[0] if error.args else None)
        if not isinstance(error, BaseException):
            return False
    return False


@contextmanager
def open_pdf(data: bytes, limits: Limits) -> Iterator[PDF]:
    """The document, opened; rejected as encrypted, corrupt or too long when it must be."""
    sniff(data, limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, ValueError, KeyError) as e:
        if is_password_error(e):
            raise Rejected(RejectionCode.ENCRYPTED_PDF, "the PDF needs a password") from None
        raise Rejected(RejectionCode.CORRUPT_PDF, f"the PDF cannot be opened ({e})") from None
    try:
        page_count = count_pages(pdf)
        if page_count > limits.max_pages:
            raise Rejected(
                RejectionCode.TOO_LARGE,
                f"{page_count} pages exceed the limit of {limits.max_pages}",
            )
        yield pdf
    finally:
        pdf.close()


def count_pages(pdf: PDF) -> int:
    try:
        count = len(pdf.pages)
    except Exception as e:  # pdfminer raises many kinds on a broken page tree
        raise Rejected(RejectionCode.CORRUPT_PDF, f"the page tree cannot be read ({e})") from None
    if count == 0:
        raise Rejected(RejectionCode.CORRUPT_PDF, "the PDF has no pages")
    return count
