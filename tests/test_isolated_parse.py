"""Parsing in a child process: the same document as in-process; a parse that hangs is
stopped at the hard limit and rejected `too_large`, and the next file parses in a new child;
a parse that outgrows the memory limit is rejected `too_large` naming it; a parse that announces
extra time (pages read from their images) is waited for that much longer."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from parsers import Rejected, RejectionCode
from parsers.safety.limits import EXTRA_TIME, Limits
from raingan.pipeline import ParseChild, Status, default_parser, ingest_file
from raingan.pipeline.ingestion.isolated_parse import ChildDied
from raingan.pipeline.workspace import Workspace
from tests.contract import SAMPLES_DIR

pytestmark = pytest.mark.slow  # parses in child processes, one left to hang past its limit


def hang(data: bytes, filename: str):
    """A parser stuck on one pathological page."""
    time.sleep(3600)


def die(data: bytes, filename: str):
    os._exit(9)


def abort(data: bytes, filename: str):
    os.abort()  # as a library in C gives up (PDFium on memory it cannot have)


def fail(data: bytes, filename: str):
    raise KeyError("a bug in the parser")


def hoard(data: bytes, filename: str):
    """A parse that wants a gigabyte, in steps (as a runaway parse grows)."""
    return [bytearray(50_000_000) for _ in range(20)]


def take_longer(data: bytes, filename: str) -> str:
    """A parse that reads pages from their images: it announces 3 s more, as the parser does
    before each such page, and takes 2.5 s, past the parent's original limit of 1 s."""
    announce = EXTRA_TIME.get()
    assert announce is not None  # the child tells the parent
    announce(3.0)
    time.sleep(2.5)
    return "read from its images"


def overrun_extension(data: bytes, filename: str) -> str:
    """Announces 1 s more, then takes far longer than that."""
    EXTRA_TIME.get()(1.0)
    time.sleep(3600)
    return "never"


def read(name: str) -> bytes:
    return (SAMPLES_DIR / name).read_bytes()


def test_parses_in_a_child_give_the_same_documents_in_one_process():
    parser = default_parser()
    with ParseChild(120) as child:
        outside = child.wrap(parser)
        for name in ("reference-reportlab.pdf", "sao-bangphra-2566-r6.pdf"):
            inside = parser.parse(read(name), name)
            parsed = outside.parse(read(name), name)
            assert (parsed.document, parsed.evidence) == (inside.document, inside.evidence)
        first = child.process.pid
        outside.parse(read("findings-percent.pdf"), "findings-percent.pdf")
        assert child.process.pid == first  # one child for file after file
    assert child.process is None


def test_a_rejection_a_bug_and_a_death_come_back_from_the_child():
    with ParseChild(60) as child:
        with pytest.raises(Rejected) as rejected:
            child.wrap(default_parser()).parse(read("reject-docx.pdf"), "reject-docx.pdf")
        assert rejected.value.code == RejectionCode.NOT_PDF
        with pytest.raises(KeyError, match="a bug in the parser"):
            child.parse(fail, b"%PDF-", "x.pdf")
        with pytest.raises(ChildDied, match="exit code 9"):
            child.parse(die, b"%PDF-", "x.pdf")
        with pytest.raises(ChildDied, match="killed by SIGABRT"):
            child.parse(abort, b"%PDF-", "x.pdf")
        parsed = child.wrap(default_parser()).parse(read("findings-percent.pdf"), "p.pdf")
        assert parsed.document["findings"]


def test_a_hanging_parse_is_stopped_and_rejected_and_the_next_file_loads(tmp_path: Path):
    from models import OriginalsStore, make_engine, session_factory
    from models.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'raingan.sqlite'}")
    upgrade(engine)
    sessions, store = session_factory(engine), OriginalsStore(str(tmp_path / "originals"))
    with ParseChild(1.0) as child:
        stuck = child.wrap(replace(default_parser(), parse=hang))
        started = time.monotonic()
        sample = SAMPLES_DIR / "findings-percent.pdf"
        outcome = ingest_file(sample, Workspace(sessions, store, stuck))
        assert time.monotonic() - started < 15
        assert (outcome.status, outcome.rejection_code) == (Status.REJECTED, "too_large")
        assert outcome.message == (
            "parsing did not finish within the time limit of 120 s"
            " (RAINGAN_MAX_SECONDS; stopped after 1 s)"
        )
        assert child.process is None  # the stuck child is gone

        child.seconds = 60
        working = child.wrap(default_parser())
        sample = SAMPLES_DIR / "sao-nonsung-2565-r6.pdf"
        loaded = ingest_file(sample, Workspace(sessions, store, working))
        assert loaded.status == Status.LOADED
    engine.dispose()


def test_a_parse_over_the_memory_limit_is_rejected_naming_it_and_the_next_one_parses():
    limits = Limits(max_memory_mb=600)
    with ParseChild(60) as child:
        with pytest.raises(Rejected) as rejected:
            child.parse(hoard, b"%PDF-", "x.pdf", limits=limits)
        assert rejected.value.code == RejectionCode.TOO_LARGE
        assert rejected.value.reason == (
            "parsing needed more than the memory limit of 600 MB (RAINGAN_MAX_MEMORY_MB)"
        )
        assert child.process is None  # the child that ran out is gone
        parser = child.wrap(default_parser(limits))
        assert parser.parse(read("findings-percent.pdf"), "p.pdf").document["findings"]


def test_a_parse_that_announces_extra_time_is_waited_for_that_much_longer():
    with ParseChild(60) as child:
        with pytest.raises(KeyError):  # the child started, this module imported there
            child.parse(fail, b"%PDF-", "x.pdf")
        child.seconds = 1.0
        started = time.monotonic()
        assert child.parse(take_longer, b"%PDF-", "x.pdf") == "read from its images"
        assert 2.5 <= time.monotonic() - started < 4.0
        assert child.process.is_alive()  # not killed: it answered in the time it asked for
        started = time.monotonic()
        with pytest.raises(Rejected) as rejected:
            child.parse(overrun_extension, b"%PDF-", "x.pdf", limits=Limits(max_seconds=0.5))
        assert 2.0 <= time.monotonic() - started < 3.5  # 1 s, and the 1 s announced
        assert rejected.value.code == RejectionCode.TOO_LARGE
        assert rejected.value.reason == (
            "parsing did not finish within the time limit of 0.5 s and 1 s more for pages read"
            " from their images (RAINGAN_MAX_SECONDS; stopped after 2 s)"
        )
        assert child.process is None
