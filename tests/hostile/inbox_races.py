"""The inbox fights back: files swapped, hard-linked or removed between the listing of an inbox
and the reading of each file (`make hostile` runs them after its damaged files).

Each race gets an inbox of its own (a report that loads, and the file raced), an SQLite
database, an originals store and a quarantine folder, and goes through the nightly run's own
batch (`ingest_batch`). The race is staged deterministically, in the hook between listing and
opening (`raingan.pipeline.ingestion.inbox.before_open`), never by sleeping. A race ends well
when the raced file is skipped with its reason, the report beside it loads, nothing raises, and
the secret outside the inbox (as /etc/passwd would be) is neither in the store nor in quarantine.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.engine import make_engine, session_factory
from models.migrate import upgrade
from models.originals import OriginalsStore
from raingan.pipeline import Status, default_parser
from raingan.pipeline.ingestion import inbox as inbox_module
from raingan.pipeline.ingestion.discovery import FollowLinks
from raingan.pipeline.ingestion.inbox import InboxFile, ingest_batch, list_inbox
from raingan.pipeline.workspace import Workspace
from tests.contract import SAMPLES_DIR

LOADS = "findings-percent.pdf"
RACED = "zz-raced.pdf"  # a real report too: read, it would load
SECRET = b"root:x:0:0:a secret outside the inbox\n"


@dataclass(frozen=True)
class Race:
    name: str
    before_listing: Callable[[Path, Path], None]  # (raced file, secret)
    before_opening: Callable[[Path, Path], None]
    skipped_because: str  # words of the reason the raced file is skipped with


def nothing(_raced: Path, _secret: Path) -> None:
    pass


def link_to_secret(raced: Path, secret: Path) -> None:
    """`ln -s SECRET tmp && mv -T tmp RACED`: one step, as an attacker would."""
    temporary = raced.with_name("tmp-link")
    temporary.symlink_to(secret)
    os.replace(temporary, raced)


def another_file(raced: Path, secret: Path) -> None:
    copy = raced.with_name("tmp-copy")
    shutil.copyfile(secret, copy)
    os.replace(copy, raced)


def hard_link_to_secret(raced: Path, secret: Path) -> None:
    raced.unlink()
    os.link(secret, raced)


def fifo(raced: Path, _secret: Path) -> None:
    raced.unlink()
    os.mkfifo(raced)


def removed(raced: Path, _secret: Path) -> None:
    raced.unlink()


RACES = [
    Race("swapped for a link to a secret", nothing, link_to_secret, "symbolic link"),
    Race("swapped for another file", nothing, another_file, "another file was put in its place"),
    Race("a hard link to a secret", hard_link_to_secret, nothing, "2 hard links"),
    Race("swapped for a FIFO", nothing, fifo, "FIFO"),
    Race("removed after listing", nothing, removed, "removed since it was listed"),
]


@dataclass(frozen=True)
class RaceEnding:
    race: Race
    how: str
    ok: bool


def run_race(race: Race, folder: Path) -> RaceEnding:
    inbox, secret = folder / "inbox", folder / "passwd"
    inbox.mkdir()
    secret.write_bytes(SECRET)
    shutil.copyfile(SAMPLES_DIR / LOADS, inbox / LOADS)
    shutil.copyfile(SAMPLES_DIR / "sao-bangphra-2566-r6.pdf", inbox / RACED)
    race.before_listing(inbox / RACED, secret)
    engine = make_engine(f"sqlite:///{folder / 'raingan.sqlite'}")
    upgrade(engine)
    store, quarantine = OriginalsStore(str(folder / "originals")), folder / "quarantine"

    def hook(file: InboxFile) -> None:
        if file.path == RACED:
            race.before_opening(inbox / RACED, secret)

    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    standing, inbox_module.before_open = inbox_module.before_open, hook
    try:
        outcomes = ingest_batch(
            files,
            Workspace(session_factory(engine), store, default_parser()),
            quarantine=str(quarantine),
        )
    except Exception as error:
        return RaceEnding(race, f"raised {type(error).__name__}: {error}", False)
    finally:
        inbox_module.before_open = standing
        engine.dispose()
    by_name = {outcome.name: outcome for outcome in outcomes}
    raced, beside = by_name[RACED], by_name[LOADS]
    kept = [path.read_bytes() for path in folder.glob("originals/**/*") if path.is_file()]
    copied = [path.read_bytes() for path in quarantine.rglob("*") if path.is_file()]
    how = f"{raced.status.value}: {raced.message}"
    ok = (
        raced.status == Status.SKIPPED
        and race.skipped_because in raced.message
        and beside.status == Status.LOADED
        and SECRET not in kept + copied
    )
    return RaceEnding(race, how, ok)


def run_races() -> list[RaceEnding]:
    endings = []
    for race in RACES:
        with tempfile.TemporaryDirectory(prefix="raingan-race-") as folder:
            endings.append(run_race(race, Path(folder)))
    return endings


def races_table(endings: list[RaceEnding]) -> str:
    rows = ["| inbox race | how the raced file ended | ok |", "| --- | --- | --- |"]
    for ending in endings:
        rows.append(f"| {ending.race.name} | {ending.how} | {'yes' if ending.ok else 'NO'} |")
    return "\n".join(rows)
