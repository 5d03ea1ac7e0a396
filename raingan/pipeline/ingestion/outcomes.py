"""What ingesting a file gave (`IngestOutcome`), and what ingesting many did (`IngestSummary`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.statuses import IngestStatus

# An outcome's status is what an inbox's ledger records: declared with the database's lists.
Status = IngestStatus


@dataclass(frozen=True)
class IngestOutcome:
    name: str
    origin: str
    status: Status
    sha256: str | None = None
    report_id: int | None = None
    superseded_id: int | None = None  # a report that stopped being current because of this
    findings: int = 0
    rejection_code: str | None = None
    message: str = ""
    database_fault: bool = False  # failed because the database could not be reached or used


@dataclass
class IngestSummary:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    hidden_skipped: int = 0

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def superseded(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.superseded_id is not None)

    @property
    def with_findings(self) -> int:
        return sum(
            1 for outcome in self.outcomes if outcome.status == Status.LOADED and outcome.findings
        )

    @property
    def failed(self) -> int:
        return self.count(Status.FAILED)

    def as_dict(self) -> dict[str, int]:
        return {
            Status.LOADED.value: self.count(Status.LOADED),
            Status.UNCHANGED.value: self.count(Status.UNCHANGED),
            "superseded": self.superseded,
            Status.REJECTED.value: self.count(Status.REJECTED),
            Status.FAILED.value: self.failed,
            Status.SKIPPED.value: self.count(Status.SKIPPED),
            "with findings": self.with_findings,
        }


def describe(error: BaseException) -> str:
    """An error as an outcome's message: its type and what it says."""
    return f"{type(error).__name__}: {error}".strip()
