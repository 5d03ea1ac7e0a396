"""The parse child is kept across files and across batches: a nightly or backfill worker starts
one and feeds it file after file. The limits still hold per file: a file that overruns its
time kills its child and is recorded `too_large` as before, the next file parses in a fresh
child to its expected document; a child that dies is replaced."""

from __future__ import annotations

import os
import time

import pytest

from parsers import Rejected, RejectionCode
from parsers.safety.limits import Limits
from raingan.pipeline import Status, default_parser, ingest_file
from raingan.pipeline.ingestion.isolated_parse import IDLE_CHILDREN, ChildDied, reused_child
from raingan.pipeline.workspace import Workspace
from tests.comparison import comparable_document, differences
from tests.contract import SAMPLES_DIR, read_json
from tests.hostile.bombs import million_characters

pytestmark = pytest.mark.slow  # parses in child processes, one killed past its time

GOOD = ("findings-percent.pdf", "sao-bangphra-2566-r6.pdf", "sao-nonsung-2565-r6.pdf")
NO_OCR = Limits(ocr=False)  # as the expected documents were made
# A million characters on one page, their cap lifted: seconds of work, killed well before.
BOMB_LIMITS = NO_OCR.replace(max_page_characters=10**9)
BOMB_WAIT_SECONDS = 0.3
SAMPLE_WAIT_SECONDS = 120.0


def die(data: bytes, filename: str) -> None:
    os._exit(9)


def expected_document(name: str) -> dict:
    return read_json(SAMPLES_DIR / name.replace(".pdf", ".expected.json"))


def assert_expected(document: dict, name: str) -> None:
    problems = differences(
        comparable_document(document), comparable_document(expected_document(name))
    )
    assert not problems, "\n".join(problems[:20])


def pid_of(child) -> int:
    assert child.process is not None and child.process.is_alive()
    return child.process.pid


def test_one_child_parses_every_file_of_every_batch(tmp_path, monkeypatch):
    """Three batches through the nightly/backfill task in one process: one child for all."""
    from flows.tasks import ingest_files
    from raingan.pipeline.ingestion.inbox import list_inbox
    from raingan.settings import load_settings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in GOOD:
        (inbox / name).write_bytes((SAMPLES_DIR / name).read_bytes())
    monkeypatch.setenv("RAINGAN_HOME", str(tmp_path / "home"))
    for name in ("RAINGAN_DATABASE_URL", "RAINGAN_STORE"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    IDLE_CHILDREN.forget()  # none left by other tests in this process
    served_by = set()
    for file in list_inbox(str(inbox)):  # a batch per file, as the backfill's last batches
        (outcome,) = ingest_files.fn([file], settings)
        assert outcome.status == Status.LOADED, outcome.message
        (child,) = IDLE_CHILDREN.idle  # given back after the batch, alive, for the next one
        served_by.add(pid_of(child))
    assert len(served_by) == 1


def test_a_file_over_its_time_kills_its_child_and_the_next_file_gets_a_fresh_one(tmp_path):
    from models import OriginalsStore, make_engine, session_factory
    from models.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'raingan.sqlite'}")
    upgrade(engine)
    sessions, store = session_factory(engine), OriginalsStore(str(tmp_path / "originals"))
    bomb = tmp_path / "million-characters.pdf"
    bomb.write_bytes(million_characters())
    with reused_child(SAMPLE_WAIT_SECONDS) as child:
        parser = child.wrap(default_parser(NO_OCR))
        first, second, after = GOOD
        served_by = []
        for name in (first, second):
            parsed = parser.parse((SAMPLES_DIR / name).read_bytes(), name)
            assert_expected(parsed.document, name)
            served_by.append(pid_of(child))
        assert served_by[0] == served_by[1]  # file after file in one child

        child.seconds = BOMB_WAIT_SECONDS
        bounded = child.wrap(default_parser(BOMB_LIMITS))
        started = time.monotonic()
        outcome = ingest_file(bomb, Workspace(sessions, store, bounded))
        assert time.monotonic() - started < 10
        assert (outcome.status, outcome.rejection_code) == (Status.REJECTED, "too_large")
        assert outcome.message == (
            "parsing did not finish within the time limit of 120 s"
            f" (RAINGAN_MAX_SECONDS; stopped after {BOMB_WAIT_SECONDS:g} s)"
        )
        assert child.process is None  # killed

        child.seconds = SAMPLE_WAIT_SECONDS
        loaded = ingest_file(SAMPLES_DIR / after, Workspace(sessions, store, parser))
        assert loaded.status == Status.LOADED, loaded.message
        assert pid_of(child) != served_by[0]  # a fresh child
        assert_expected(parser.parse((SAMPLES_DIR / after).read_bytes(), after).document, after)
    from tests.databases import query

    rows = query(
        f"sqlite:///{tmp_path / 'raingan.sqlite'}",
        "SELECT original_name, status, rejection_code FROM source_files ORDER BY 1",
    )
    assert rows == [("million-characters.pdf", "rejected", "too_large"), (after, "loaded", None)]
    engine.dispose()


def test_a_child_that_runs_out_of_memory_or_dies_is_replaced_for_the_next_file():
    limits = NO_OCR.replace(max_memory_mb=600)
    with reused_child(SAMPLE_WAIT_SECONDS) as child:
        parser = child.wrap(default_parser(limits))
        name = GOOD[0]
        parser.parse((SAMPLES_DIR / name).read_bytes(), name)
        first = pid_of(child)
        with pytest.raises(Rejected) as rejected:
            child.parse(hoard, b"%PDF-", "x.pdf", limits=limits)
        assert rejected.value.code == RejectionCode.TOO_LARGE
        assert "(RAINGAN_MAX_MEMORY_MB)" in rejected.value.reason
        assert_expected(parser.parse((SAMPLES_DIR / name).read_bytes(), name).document, name)
        second = pid_of(child)
        with pytest.raises(ChildDied):
            child.parse(die, b"%PDF-", "x.pdf")
        assert_expected(parser.parse((SAMPLES_DIR / name).read_bytes(), name).document, name)
        assert len({first, second, pid_of(child)}) == 3


def hoard(data: bytes, filename: str) -> list[bytearray]:
    """A parse that wants a gigabyte, in steps (as a runaway parse grows)."""
    return [bytearray(50_000_000) for _ in range(20)]


def test_a_child_grown_past_half_the_memory_limit_is_replaced_before_its_next_file():
    name = GOOD[0]
    with reused_child(SAMPLE_WAIT_SECONDS) as child:
        parser = child.wrap(default_parser(NO_OCR))
        parser.parse((SAMPLES_DIR / name).read_bytes(), name)
        first = pid_of(child)
        parser.parse((SAMPLES_DIR / name).read_bytes(), name)
        assert pid_of(child) == first  # well under half of the limit: kept
        small = child.wrap(default_parser(NO_OCR.replace(max_memory_mb=100)))
        assert_expected(small.parse((SAMPLES_DIR / name).read_bytes(), name).document, name)
        assert pid_of(child) != first  # its address space is over 50 MB: replaced


def test_children_are_kept_per_process_not_shared_between_threads_and_no_more_than_cores(
    monkeypatch,
):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    IDLE_CHILDREN.forget()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    together = Barrier(2)

    def borrow(_: int) -> int:
        with reused_child(SAMPLE_WAIT_SECONDS) as child:
            together.wait(timeout=30)  # both hold a child at once
            return id(child)

    with ThreadPoolExecutor(2) as pool:
        held = set(pool.map(borrow, range(2)))
    assert len(held) == 2
    (kept,) = IDLE_CHILDREN.idle  # one core: one kept
    assert id(kept) in held
    with reused_child(SAMPLE_WAIT_SECONDS) as child:
        assert child is kept  # taken again, not made
