"""A backfill's dry run: how much of an archive is left to load, and about how long it takes.

The time is that of the PDFs: an archive often keeps other files beside them (JSON, Word
documents), rejected in no time, and a sample of those estimated a backfill of 0 s.
"""

from __future__ import annotations

import time
from contextlib import suppress
from dataclasses import dataclass

import fsspec

from raingan.pipeline.ingestion.inbox import InboxFile
from raingan.pipeline.ingestion.isolated_parse import isolated
from raingan.pipeline.ingestion.parsing import default_parser
from raingan.pipeline.ingestion.progress import duration
from raingan.settings import Settings

SAMPLE_FOR_ESTIMATE = 5  # files parsed by a dry run to time the rest


@dataclass(frozen=True)
class BackfillEstimate:
    """What a dry run found: how much is left and about how long it will take."""

    archive: str
    listed: int
    to_do: int
    bytes_to_do: int
    workers: int
    seconds_per_file: float  # one PDF on one worker, from a sample parsed here
    seconds: float

    def line(self) -> str:
        return (
            f"{self.to_do} of {self.listed} files to load ({self.bytes_to_do / 1e6:.1f} MB); "
            f"about {duration(self.seconds)} on {self.workers} workers "
            f"({self.seconds_per_file:.2f} s per PDF)"
        )


def estimate(
    archive: str, listed: int, to_do: list[InboxFile], settings: Settings, workers: int
) -> BackfillEstimate:
    """Time the parse of a few PDFs spread over the list; the other PDFs are assumed alike,
    files of other kinds and entries to skip cost nothing."""
    pdfs = pdfs_of(to_do)
    sample = spread(pdfs, SAMPLE_FOR_ESTIMATE)
    started = time.perf_counter()
    with isolated(default_parser(settings.limits)) as parser:  # under the time, memory limits
        for file in sample:
            with suppress(Exception):  # a rejected file costs its time too
                parser.parse(read_bytes(file), file.name)
    per_file = (time.perf_counter() - started) / len(sample) if sample else 0.0
    return BackfillEstimate(
        archive,
        listed,
        len(to_do),
        sum(file.size_bytes for file in to_do),
        workers,
        per_file,
        per_file * len(pdfs) / max(1, workers),
    )


def pdfs_of(files: list[InboxFile]) -> list[InboxFile]:
    """The files named `*.pdf` (any case) to read: those that take a parser's time."""
    return [file for file in files if file.name.lower().endswith(".pdf") and not file.skipped]


def spread(files: list[InboxFile], count: int) -> list[InboxFile]:
    """`count` files taken evenly over the list (a list sorted by path mixes years)."""
    step = max(1, len(files) // count)
    return files[::step][:count]


def read_bytes(file: InboxFile) -> bytes:
    with fsspec.open(file.url, "rb") as stream:
        return stream.read()
