"""What could not be read, as the contract's `parse_warnings` entries.

Each message starts with the section it concerns (`projects: …`), so that the checks know
when the project list was not read whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks import document


@dataclass(frozen=True)
class ParseWarning:
    page: int | None
    section: str
    text: str

    def to_dict(self) -> document.ParseWarning:
        return {"page": self.page, "message": f"{self.section}: {self.text}"}


class WarningLog:
    """Collects warnings while a report is read."""

    def __init__(self) -> None:
        self.entries: list[ParseWarning] = []

    def add(self, page: int | None, section: str, text: str) -> None:
        self.entries.append(ParseWarning(page, section, text))

    def to_list(self) -> list[document.ParseWarning]:
        return [entry.to_dict() for entry in self.entries]
