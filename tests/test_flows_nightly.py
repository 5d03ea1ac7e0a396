"""The nightly flow on real sample PDFs: loads what is new, once; reports and quarantines the
rejected; never touches the originals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.contract import SAMPLES_DIR, copy_samples
from tests.databases import home_database_url, query

FIRST = ("reference-chromium.pdf", "findings-percent.pdf", "reject-docx.pdf")
LATER = "sao-bangphra-2566-r6.pdf"


def count_reports(home: Path) -> int:
    [(count,)] = query(home_database_url(home), "SELECT COUNT(*) FROM reports")
    return count


def latest_artifact_rows() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["nightly-ingest"]))
        )
    return str(max(found, key=lambda artifact: artifact.created).data)


def test_nightly_loads_new_files_once_and_picks_up_later_ones(home, tmp_path):
    from flows.nightly import nightly_ingest

    inbox, quarantine = tmp_path / "inbox", tmp_path / "quarantine"
    originals = copy_samples(inbox, FIRST)

    first = nightly_ingest(str(inbox), quarantine=str(quarantine), batch_size=2)
    counts = first.counts()
    assert (counts["listed"], counts["new"], counts["loaded"], counts["rejected"]) == (3, 3, 2, 1)
    assert counts["failed"] == 0
    (rejected,) = first.of("rejected")
    assert (rejected.name, rejected.rejection_code) == ("reject-docx.pdf", "not_pdf")
    assert rejected.message
    assert (quarantine / "reject-docx.pdf").read_bytes() == originals["reject-docx.pdf"]
    assert "not_pdf" in (quarantine / "reject-docx.pdf.reason.txt").read_text()
    assert sorted(path.name for path in quarantine.iterdir()) == [
        "reject-docx.pdf",
        "reject-docx.pdf.reason.txt",
    ]
    flagged = {item.name: item for item in first.flagged}
    assert flagged["findings-percent.pdf"].findings_by_rule == {"PERCENT": 4}
    assert flagged["findings-percent.pdf"].fiscal_year == 2568
    assert flagged["findings-percent.pdf"].round_months == 6
    assert flagged["reference-chromium.pdf"].organisation == "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
    artifact = latest_artifact_rows()
    assert "reject-docx.pdf" in artifact and "not_pdf" in artifact and "PERCENT 4" in artifact
    assert count_reports(home) == 2

    second = nightly_ingest(str(inbox), quarantine=str(quarantine))
    assert (second.listed, second.new, second.outcomes, second.flagged) == (3, 0, [], [])
    assert count_reports(home) == 2

    copy_samples(inbox, [LATER])
    third = nightly_ingest(str(inbox))
    assert third.new == 1
    assert [(o.name, o.status) for o in third.outcomes] == [(LATER, "loaded")]
    assert count_reports(home) == 3
    assert {name: (inbox / name).read_bytes() for name in originals} == originals


def test_raingan_nightly_prints_the_summary_and_the_flagged_reports(home, tmp_path):
    from raingan.cli import app

    inbox = tmp_path / "inbox"
    copy_samples(inbox, ["findings-percent.pdf", "reject-docx.pdf"])
    result = CliRunner().invoke(app, ["nightly", "--inbox", str(inbox)])
    assert result.exit_code == 0, result.output
    assert "not_pdf" in result.output
    assert "เทศบาลตำบลยางตลาด" in result.output
    assert "PERCENT 4" in result.output
    again = CliRunner().invoke(app, ["nightly", "--inbox", str(inbox)])
    assert again.exit_code == 0, again.output
    words = " ".join(again.output.split())  # the console wraps a long inbox path anywhere
    assert "2 files" in words and "0 new" in words


def test_the_parse_command_does_not_import_prefect():
    code = "import sys, raingan.cli; sys.exit('prefect' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_database_fault_fails_the_batch_for_a_retry_and_a_rejection_does_not(home, tmp_path):
    from sqlalchemy.exc import OperationalError

    from flows.tasks import retry_on_database_fault
    from models import OriginalsStore
    from raingan.pipeline import default_parser
    from raingan.pipeline.database import open_sessions
    from raingan.pipeline.ingestion.inbox import DatabaseFault, ingest_batch, list_inbox, new_files
    from raingan.pipeline.workspace import Workspace
    from raingan.settings import load_settings

    inbox = tmp_path / "inbox"
    copy_samples(inbox, ["reject-docx.pdf", "findings-percent.pdf"])
    settings = load_settings()
    sessions = open_sessions(settings.database_url)
    opened = []

    def flaky_sessions():  # the database goes away once the ledger has been read
        opened.append(1)
        if len(opened) > 1:
            raise OperationalError("BEGIN", {}, Exception("server closed the connection"))
        return sessions()

    store, parser = OriginalsStore(settings.store), default_parser(settings.limits)
    files = list_inbox(str(inbox))
    with pytest.raises(DatabaseFault, match="OperationalError"):
        ingest_batch(files, Workspace(flaky_sessions, store, parser))
    assert len(new_files(sessions, files)) == 2  # nothing recorded as done: tried again
    outcomes = ingest_batch(files, Workspace(sessions, store, parser))
    assert sorted(o.status.value for o in outcomes) == ["loaded", "rejected"]

    class State:
        def __init__(self, error):
            self.error = error

        def result(self, raise_on_failure):
            return self.error

    assert retry_on_database_fault(None, None, State(DatabaseFault("x")))
    assert not retry_on_database_fault(None, None, State(ValueError("a bug")))


def test_an_inbox_that_is_not_there_is_an_error_not_an_empty_night(tmp_path):
    from raingan.pipeline.ingestion.inbox import list_inbox

    with pytest.raises(FileNotFoundError, match="no such inbox"):
        list_inbox(str(tmp_path / "missing"))


def test_an_fsspec_inbox_is_read_through_its_url(home):
    import fsspec

    from models import OriginalsStore
    from raingan.pipeline import default_parser
    from raingan.pipeline.database import open_sessions
    from raingan.pipeline.ingestion.inbox import ingest_batch, list_inbox, new_files
    from raingan.pipeline.workspace import Workspace
    from raingan.settings import load_settings

    memory = fsspec.filesystem("memory")
    pdf = (SAMPLES_DIR / "findings-percent.pdf").read_bytes()
    memory.pipe_file("/nightly-inbox/2566/a.pdf", pdf)
    memory.pipe_file("/nightly-inbox/.hidden.pdf", b"%PDF-")
    try:
        (listed,) = list_inbox("memory://nightly-inbox")
        assert listed.path == "2566/a.pdf" and listed.url.startswith("memory://")
        with fsspec.open(listed.url, "rb") as stream:
            assert stream.read() == pdf
        assert listed.version
        settings = load_settings()
        sessions = open_sessions(settings.database_url)
        (outcome,) = ingest_batch(
            [listed],
            Workspace(sessions, OriginalsStore(settings.store), default_parser(settings.limits)),
        )
        assert (outcome.status, outcome.origin) == ("loaded", listed.url)
        assert new_files(sessions, [listed]) == []
    finally:
        memory.rm("/nightly-inbox", recursive=True)
