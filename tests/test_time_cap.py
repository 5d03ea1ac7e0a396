"""A whole-document time limit: a page read from its image still earns its 10 s, but never
past `RAINGAN_MAX_SECONDS_TOTAL` (600 s by default). Past it the parse ends `too_large` with a
reason naming the cap, in the parser and in the process that kills an overrunning parse. A
limit is said as it was set (0.001 s, not 0 s)."""

from __future__ import annotations

import time

import pytest

from parsers.safety.deadline import parse_deadline
from parsers.safety.limits import Limits
from parsers.safety.rejection import Rejected, RejectionCode
from raingan.pipeline.ingestion.isolated_parse import ParseChild
from raingan.pipeline.ingestion.parsing import default_parser
from raingan.settings import load_settings
from tests.contract import SAMPLES_DIR

SCAN = SAMPLES_DIR / "scanned-reference-200.pdf"


def test_the_cap_is_a_setting_with_a_default_of_600_s():
    assert Limits().max_seconds_total == 600
    settings = load_settings({"RAINGAN_MAX_SECONDS_TOTAL": "90"})
    assert settings.limits.max_seconds_total == 90


def test_a_limit_is_said_as_it_was_set():
    deadline = parse_deadline(Limits(max_seconds=0.001), time.monotonic() - 1, None)
    with pytest.raises(Rejected) as rejected:
        deadline(0.0)
    assert rejected.value.reason == (
        "parsing took longer than the time limit of 0.001 s (RAINGAN_MAX_SECONDS)"
    )


class Clock:
    """The parser's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def test_pages_read_from_images_extend_the_limit_up_to_the_cap_only(monkeypatch):
    import parsers.safety.deadline as deadline_module

    clock = Clock()
    monkeypatch.setattr(deadline_module, "time", clock)
    announced: list[float] = []
    limits = Limits(max_seconds=10, max_seconds_total=25)
    deadline = parse_deadline(limits, clock.now, announced.append)
    for _page in range(5):
        clock.now += 4.9
        deadline(10.0)
    assert announced == [10.0, 5.0]  # 10 + 10 + 5 = 25: nothing more is given
    clock.now += 1.0  # 25.5 s in: past the cap, which no page read from its image moves
    with pytest.raises(Rejected) as rejected:
        deadline(10.0)
    assert rejected.value.code == RejectionCode.TOO_LARGE
    assert rejected.value.reason == (
        "parsing took longer than the whole-document limit of 25 s (RAINGAN_MAX_SECONDS_TOTAL)"
    )


def test_a_first_limit_over_the_cap_is_the_cap():
    deadline = parse_deadline(
        Limits(max_seconds=60, max_seconds_total=2), time.monotonic() - 3, None
    )
    with pytest.raises(Rejected, match="whole-document limit of 2 s"):
        deadline(0.0)


def greedy(data: bytes, filename: str) -> str:
    """A parse that asks for 100 s more for each of many pages, and never ends."""
    from parsers.safety.limits import EXTRA_TIME

    announce = EXTRA_TIME.get()
    assert announce is not None
    for _page in range(50):
        announce(100.0)
    time.sleep(3600)
    return "never"


def test_the_process_that_kills_an_overrunning_parse_waits_no_longer_than_the_cap():
    limits = Limits(max_seconds=0.5, max_seconds_total=1.5)
    with ParseChild(0.5) as child:
        started = time.monotonic()
        with pytest.raises(Rejected) as rejected:
            child.parse(greedy, b"%PDF-", "x.pdf", limits=limits)
        took = time.monotonic() - started
    assert took < 10  # the cap and its grace (6.5 s), not 5,000 s of announced pages
    assert rejected.value.code == RejectionCode.TOO_LARGE
    assert rejected.value.reason == (
        "parsing did not finish within the whole-document limit of 1.5 s"
        " (RAINGAN_MAX_SECONDS_TOTAL; stopped after 6.5 s)"
    )


def test_a_real_scan_stops_at_the_cap_naming_it():
    """Tesseract reads the scan's pages (10 s each allowed): the cap of 2 s stops it."""
    parser = default_parser(Limits(max_seconds_total=2, ocr=True))
    started = time.monotonic()
    with pytest.raises(Rejected) as rejected:
        parser.parse(SCAN.read_bytes(), SCAN.name)
    assert time.monotonic() - started < 30
    assert rejected.value.code == RejectionCode.TOO_LARGE
    assert "whole-document limit of 2 s (RAINGAN_MAX_SECONDS_TOTAL)" in rejected.value.reason
    # With the cap out of the way, the same scan parses: the cap, not the scan, stopped it.
    assert default_parser(Limits(ocr=True)).parse(SCAN.read_bytes(), SCAN.name).document
