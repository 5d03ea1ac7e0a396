"""A fixed sample of the damaged files (`make hostile` runs them all): each ends parsed or
rejected in one line, never in an internal error, a traceback or over its time limit."""

from __future__ import annotations

import pytest

from tests.hostile.bombs import BOMBS
from tests.hostile.handmade import HANDMADE
from tests.hostile.mutations import KINDS, hostile_cases
from tests.hostile.run import run_cases, table

pytestmark = pytest.mark.slow  # a `raingan` process per file

SAMPLE = 40  # the hand-built files, the bombs and 24 mutations, about 50 s on two cores
MAX_SECONDS = 10.0  # low, so that CI stays fast: a file over it is rejected, which is fine


def test_each_damaged_file_ends_parsed_or_rejected_in_one_line():
    cases = list(hostile_cases(SAMPLE))
    assert {case.kind for case in cases} >= {*KINDS, *(f"hand-built: {n}" for n in HANDMADE)}
    endings = run_cases(cases, MAX_SECONDS, workers=2)
    failed = [f"{e.case.name} ({e.case.kind}): {e.how}: {e.stderr!r}" for e in endings if not e.ok]
    assert not failed, "\n".join([table(endings), *failed])
    handmade = [e for e in endings if e.case.kind.startswith("hand-built")]
    assert {e.how for e in handmade} == {"rejected: corrupt_pdf"}
    bombs = [e for e in endings if e.case.kind.startswith("bomb")]
    assert len(bombs) == len(BOMBS) and {e.how for e in bombs} == {"rejected: too_large"}


def test_each_inbox_race_ends_with_the_raced_file_skipped_and_its_neighbour_loaded():
    from tests.hostile.inbox_races import RACES, races_table, run_races

    endings = run_races()
    assert [e.race for e in endings] == RACES
    assert all(e.ok for e in endings), races_table(endings)
