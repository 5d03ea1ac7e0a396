"""An untrusted inbox or folder: names in any encoding, symbolic links (inside and outside),
FIFOs beside real sample PDFs. Each is recorded with its reason while the rest loads, on SQLite
and PostgreSQL, by `raingan ingest`, the inbox ledger and the nightly flow; nothing a name says
reaches a terminal as an escape sequence or markup; a failed write leaves no partial file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.names import name_bytes, readable_name, storable_text
from models.originals import OriginalsStore
from raingan.pipeline import Status, default_parser, discover, ingest_paths
from raingan.pipeline.ingestion.discovery import FollowLinks, follow_links_setting
from raingan.pipeline.ingestion.inbox import ingest_batch, list_inbox, new_files
from raingan.pipeline.workspace import Workspace
from tests.commands import raingan
from tests.contract import SAMPLES_DIR, copy_samples
from tests.databases import on_both, query

pytest_plugins = ("tests.database_fixtures",)

# A Thai name as a Windows machine writes it (TIS-620): not UTF-8.
THAI_TIS620 = "รายงานผล.pdf".encode("tis-620")
LOADS = "findings-percent.pdf"
LOADS_TOO = "sao-bangphra-2566-r6.pdf"  # copied under the TIS-620 name
SECRET = b"root:x:0:0:a secret outside the inbox\n"


def os_name(raw: bytes) -> str:
    """A name as Python holds what the file system gives (undecodable bytes as surrogates)."""
    return os.fsdecode(raw)


def hostile_inbox(folder: Path, outside: Path) -> Path:
    """Real reports beside a non-UTF-8 name, links in and out of the inbox and a FIFO."""
    copy_samples(folder, [LOADS])
    (folder / os_name(THAI_TIS620)).write_bytes((SAMPLES_DIR / LOADS_TOO).read_bytes())
    outside.write_bytes(SECRET)
    (folder / "passwd.pdf").symlink_to(outside)
    (folder / "inside-link.pdf").symlink_to(folder / LOADS)
    (folder / "dangling.pdf").symlink_to(folder / "gone.pdf")
    os.mkfifo(folder / "pipe.pdf")
    return folder


SKIPPED = {
    "dangling.pdf": "leads nowhere",
    "inside-link.pdf": "links are not followed",
    "passwd.pdf": "links are not followed",
    "pipe.pdf": "FIFO",
}


# Names --------------------------------------------------------------------------------------


def test_a_name_in_any_encoding_has_a_readable_form_and_keeps_its_bytes():
    thai = os_name(THAI_TIS620)
    assert readable_name(thai).encode("utf-8")  # PostgreSQL's text can hold it
    assert "\\x" in readable_name(thai)
    assert name_bytes(thai) == THAI_TIS620
    assert readable_name("รายงาน 2566.pdf") == "รายงาน 2566.pdf"  # UTF-8 Thai as it is
    assert name_bytes("รายงาน 2566.pdf") is None
    ansi = "\x1b[31mred\x1b[0m\n.pdf"
    assert readable_name(ansi) == "\\x1b[31mred\\x1b[0m\\x0a.pdf"
    assert name_bytes(ansi) == ansi.encode()
    assert readable_name("evil\u202efdp.exe") == "evil\\u202efdp.exe"  # no reordering
    assert storable_text("a\x00b \udca1") == "a\\x00b \\xa1"


def test_follow_links_is_a_checked_setting():
    assert follow_links_setting({}) == FollowLinks.NEVER
    assert follow_links_setting({"RAINGAN_FOLLOW_LINKS": "inside"}) == FollowLinks.INSIDE
    with pytest.raises(ValueError, match="RAINGAN_FOLLOW_LINKS='always'"):
        follow_links_setting({"RAINGAN_FOLLOW_LINKS": "always"})


# Finding files ------------------------------------------------------------------------------


def test_a_folder_skips_links_and_fifos_with_their_reason(tmp_path):
    folder = hostile_inbox(tmp_path / "inbox", tmp_path / "passwd")
    found = discover([folder], FollowLinks.NEVER)
    assert sorted(path.name for path in found.files) == sorted([LOADS, os_name(THAI_TIS620)])
    reasons = {skipped.path.name: skipped.reason for skipped in found.skipped}
    assert set(reasons) == set(SKIPPED)
    for name, words in SKIPPED.items():
        assert words in reasons[name]
    assert str(tmp_path / "passwd") in reasons["passwd.pdf"]  # says where it pointed


def test_links_inside_may_be_followed_and_links_outside_never(tmp_path):
    folder = hostile_inbox(tmp_path / "inbox", tmp_path / "passwd")
    found = discover([folder], FollowLinks.INSIDE)
    reasons = {skipped.path.name: skipped.reason for skipped in found.skipped}
    assert "outside" in reasons["passwd.pdf"]
    # Followed: the same file as its target, read once, and a line says so.
    assert reasons["inside-link.pdf"] == f"the same file as {folder / LOADS}, which is read once"
    assert [path.name for path in found.files].count(LOADS) == 1
    listed = {entry.path: entry for entry in list_inbox(str(folder), follow=FollowLinks.INSIDE)}
    assert listed["inside-link.pdf"].skipped is None
    assert listed["inside-link.pdf"].size_bytes == (folder / LOADS).stat().st_size
    assert "outside" in (listed["passwd.pdf"].skipped or "")
    # A link the user names is the user's choice; a glob's match is checked as in a folder.
    assert discover([folder / "inside-link.pdf"], FollowLinks.NEVER).files
    globbed = discover([str(folder / "*.pdf")], FollowLinks.NEVER)
    assert "passwd.pdf" in [skipped.path.name for skipped in globbed.skipped]
    assert "passwd.pdf" not in [path.name for path in globbed.files]


# raingan ingest DIR -------------------------------------------------------------------------


@on_both("empty_database_url")
def test_ingest_records_each_hostile_entry_while_the_rest_loads(database, tmp_path):
    folder = hostile_inbox(tmp_path / "inbox", tmp_path / "passwd")
    store = OriginalsStore(str(tmp_path / "originals"))
    workspace = Workspace(database.sessions, store, default_parser())
    summary = ingest_paths([folder], workspace)
    by_name = {outcome.name: outcome for outcome in summary.outcomes}
    thai = readable_name(os_name(THAI_TIS620))
    assert by_name[LOADS].status == by_name[thai].status == Status.LOADED
    for name, words in SKIPPED.items():
        assert by_name[name].status == Status.SKIPPED and words in by_name[name].message
    assert summary.failed == 0 and summary.count(Status.SKIPPED) == len(SKIPPED)
    stored = [path.read_bytes() for path in Path(store.location).rglob("*") if path.is_file()]
    assert SECRET not in stored and len(stored) == 2  # /etc/passwd stays out of the store
    rows = query(database.url, "SELECT original_name, origin, origin_bytes FROM source_files")
    (thai_row,) = [row for row in rows if row[0] == thai]
    assert bytes(thai_row[2]) == os.fsencode(str(folder / os_name(THAI_TIS620)))
    assert thai_row[1] == readable_name(str(folder / os_name(THAI_TIS620)))
    again = ingest_paths([folder], workspace)  # not tried again for ever: done
    assert again.count(Status.UNCHANGED) == 2 and again.failed == 0


def test_raingan_ingest_shows_names_escaped_and_never_copies_a_link_target(tmp_path):
    folder = hostile_inbox(tmp_path / "inbox", tmp_path / "passwd")
    (folder / "\x1b[31mred[bold]x[link=http:x]y.pdf").write_bytes(b"not a pdf")
    home = tmp_path / "home"
    run = raingan("ingest", str(folder), home=home)
    assert run.returncode == 0, run.stderr  # skipped entries are results, not failures
    assert "\x1b" not in run.stderr + run.stdout
    assert "\\x1b[31mred[bold]x[link=http:x]y.pdf" in run.stderr  # shown as it is, not as markup
    assert "passwd.pdf" in run.stderr and "links are not followed" in run.stderr
    assert "FIFO" in run.stderr
    stored = [path.read_bytes() for path in (home / "originals").rglob("*") if path.is_file()]
    assert SECRET not in stored
    bad = raingan("ingest", str(folder), home=home, RAINGAN_FOLLOW_LINKS="sometimes")
    assert bad.returncode == 2 and "RAINGAN_FOLLOW_LINKS" in bad.stderr
    assert "Traceback" not in bad.stderr


@on_both("empty_database_url")
def test_a_fifo_put_in_place_of_a_listed_file_is_skipped_not_waited_on(database, tmp_path):
    from raingan.pipeline import ingest_file

    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)  # no writer: a plain open would wait for one for ever
    store = OriginalsStore(str(tmp_path / "originals"))
    workspace = Workspace(database.sessions, store, default_parser())
    outcome = ingest_file(fifo, workspace)
    assert (outcome.status, outcome.message) == (Status.SKIPPED, "a FIFO (named pipe), not a file")
    assert ingest_file(tmp_path, workspace).status == Status.SKIPPED  # a folder


# The inbox ledger ---------------------------------------------------------------------------


@on_both("empty_database_url")
def test_the_ledger_records_skipped_entries_and_raw_names(database, tmp_path):
    inbox = hostile_inbox(tmp_path / "inbox", tmp_path / "passwd")
    store = OriginalsStore(str(tmp_path / "originals"))
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    outcomes = ingest_batch(files, Workspace(database.sessions, store, default_parser()))
    assert sorted(o.status.value for o in outcomes) == ["loaded"] * 2 + ["skipped"] * 4
    rows = query(database.url, "SELECT path, path_bytes, outcome, message FROM inbox_entries")
    ledger = {row[0]: row for row in rows}
    thai = readable_name(os_name(THAI_TIS620))
    assert bytes(ledger[thai][1]) == THAI_TIS620 and ledger[thai][2] == "loaded"
    for name, words in SKIPPED.items():
        assert ledger[name][2] == "skipped" and words in ledger[name][3]
        assert ledger[name][1] is None
    assert new_files(database.sessions, list_inbox(str(inbox), follow=FollowLinks.NEVER)) == []
    assert [f.path for f in list_inbox(str(inbox), "FIND*.PDF")] == [LOADS]  # case aside


# Partial writes -----------------------------------------------------------------------------

WRITE_PAST_THE_LIMIT = """
import resource, signal, sys
from models.originals import OriginalsStore
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    OriginalsStore(sys.argv[1]).put(b"x" * 100_000)
except OSError as error:
    print(type(error).__name__, error.errno)
"""


def test_a_write_that_fails_leaves_no_partial_file_in_the_store(tmp_path):
    store = tmp_path / "originals"
    done = subprocess.run(
        [sys.executable, "-c", WRITE_PAST_THE_LIMIT, str(store)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "27" in done.stdout  # EFBIG: the disk refused the write, as a full one does
    assert [path for path in store.rglob("*") if path.is_file()] == []


# The nightly flow (a real Prefect run) ------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def nightly_home(request, home, monkeypatch) -> Path:
    """A raingan home for a nightly run, its database SQLite (in the home) or PostgreSQL."""
    if request.param == "postgresql":
        monkeypatch.setenv("RAINGAN_DATABASE_URL", request.getfixturevalue("postgres_url"))
    return home


def test_the_nightly_flow_records_each_hostile_entry_while_the_rest_loads(nightly_home, tmp_path):
    from flows.nightly import nightly_ingest
    from flows.tasks import summary_of
    from raingan.settings import load_settings

    inbox = hostile_inbox(tmp_path / "inbox", tmp_path / "passwd")
    state = nightly_ingest(str(inbox), quarantine=str(tmp_path / "quarantine"), return_state=True)
    assert state.is_completed(), state.message
    summary = summary_of(state)
    counts = summary.counts()
    assert (counts["listed"], counts["loaded"], counts["skipped"], counts["failed"]) == (6, 2, 4, 0)
    # findings-percent.pdf: the current reports with findings, as the nightly looked them up
    assert counts["current reports with findings"] == len(summary.flagged) == 1
    url = load_settings().database_url
    ledger = dict(query(url, "SELECT path, outcome FROM inbox_entries"))
    assert ledger[readable_name(os_name(THAI_TIS620))] == "loaded"
    assert {name: ledger[name] for name in SKIPPED} == dict.fromkeys(SKIPPED, "skipped")
    assert not (tmp_path / "quarantine").exists()  # a skipped entry is never read, nor copied
    again = summary_of(nightly_ingest(str(inbox), return_state=True))
    assert (again.listed, again.new) == (6, 0)


def flow_run_state(flow_run_id) -> str:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(flow_run_id).state.type.value


def test_a_nightly_run_with_a_failed_file_ends_failed_with_its_summary(home, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from flows.nightly import nightly_ingest
    from flows.tasks import FilesFailed, summary_of
    from raingan.cli import app

    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS])
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"")
    monkeypatch.setenv("RAINGAN_STORE", str(blocked / "originals"))  # the store cannot be made
    state = nightly_ingest(str(inbox), return_state=True)
    assert state.is_failed()
    assert f"1 of 1 files failed ({LOADS})" in state.message
    assert flow_run_state(state.state_details.flow_run_id) == "FAILED"
    summary = summary_of(state)
    (failed,) = summary.of(Status.FAILED)
    assert "keeping the original" in failed.message
    with pytest.raises(FilesFailed) as raised:  # called as a function, it raises
        nightly_ingest(str(inbox))
    assert raised.value.summary.counts()["failed"] == 1
    result = CliRunner().invoke(app, ["nightly", "--inbox", str(inbox)])
    assert result.exit_code == 1
    assert "keeping the original" in result.output and "Traceback" not in result.output


def test_prefect_telemetry_is_off_unless_the_user_says_otherwise(monkeypatch):
    from raingan.cli.environment import prefect_defaults

    monkeypatch.delenv("PREFECT_SERVER_ANALYTICS_ENABLED", raising=False)
    monkeypatch.setenv("DO_NOT_TRACK", "0")
    prefect_defaults()
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert os.environ["DO_NOT_TRACK"] == "0"  # the user's own choice stays


@pytest.mark.slow
def test_an_offline_nightly_logs_no_error(tmp_path):
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS])
    environment = {"PREFECT_HOME": str(tmp_path / "prefect")}
    offline = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    run = subprocess.run(
        [sys.executable, "-m", "raingan", "nightly", "--inbox", str(inbox)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**offline, **environment, "RAINGAN_HOME": str(tmp_path / "home")},
    )
    assert run.returncode == 0, run.stderr
    assert "| ERROR" not in run.stderr and "telemetry" not in run.stderr


# Notifications ------------------------------------------------------------------------------


class Receiver:
    """A webhook on 127.0.0.1 that keeps the JSON bodies posted to it (Apprise's `json://`)."""

    def __init__(self) -> None:
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.server.server_address[1]}/raingan"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    local = Receiver()
    yield local
    local.close()


def test_a_failing_nightly_notifies_and_a_good_one_does_not(home, tmp_path, monkeypatch, receiver):
    from flows.nightly import nightly_ingest

    monkeypatch.setenv("RAINGAN_NOTIFY", receiver.url)
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS])
    assert nightly_ingest(str(inbox), return_state=True).is_completed()
    assert receiver.received == []
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"")
    monkeypatch.setenv("RAINGAN_STORE", str(blocked / "originals"))
    copy_samples(inbox, [LOADS_TOO])
    assert nightly_ingest(str(inbox), return_state=True).is_failed()
    (message,) = receiver.received
    assert "nightly-ingest" in message["title"] and "Failed" in message["title"]
    assert f"1 of 1 files failed ({LOADS_TOO})" in message["message"]


def test_a_url_apprise_cannot_use_is_named_without_its_secrets():
    from raingan.pipeline.operations.notify import NotifyError, send

    with pytest.raises(NotifyError, match="URL 2 is not one") as raised:
        send("t", "b", {"RAINGAN_NOTIFY": "json://127.0.0.1:9/x, nosuch://secret-token"})
    assert "secret-token" not in str(raised.value)
    assert send("t", "b", {}) is False  # unset: nothing to send
