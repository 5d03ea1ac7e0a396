"""Why a file is not parsed: the contract's rejection codes, and the exception that carries one."""

from __future__ import annotations

from enum import StrEnum


class RejectionCode(StrEnum):
    NOT_PDF = "not_pdf"
    CORRUPT_PDF = "corrupt_pdf"
    ENCRYPTED_PDF = "encrypted_pdf"
    NO_TEXT_LAYER = "no_text_layer"
    NOT_A_REPORT = "not_a_report"
    TOO_LARGE = "too_large"


class Rejected(Exception):
    """A file that cannot be read as a report. Deterministic: the same bytes are rejected again."""

    def __init__(self, code: RejectionCode, reason: str) -> None:
        super().__init__(f"{code.value}: {reason}")
        self.code = code
        self.reason = reason

    # Picklable, to come back from a parse in another process.
    def __reduce__(self) -> tuple[type[Rejected], tuple[RejectionCode, str]]:
        return type(self), (self.code, self.reason)
