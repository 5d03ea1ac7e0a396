"""The backfill as a new user meets it, on an archive that keeps JSON files beside its PDFs:
the dry run times PDFs, `--glob` takes only what it matches, and the run's artifact counts the
reports with findings as the terminal does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from raingan.pipeline.ingestion.estimate import estimate, pdfs_of
from raingan.pipeline.ingestion.inbox import list_inbox
from raingan.settings import load_settings
from tests.contract import SAMPLES_DIR

WITH_FINDINGS = ("findings-percent", "reference-chromium")  # PERCENT 4; AMOUNT_SUM and more


@pytest.fixture
def archive(tmp_path) -> Path:
    """Two reports with findings, each with its expected and evidence JSON beside it."""
    root = tmp_path / "archive" / "2566"
    root.mkdir(parents=True)
    for stem in WITH_FINDINGS:
        for suffix in (".pdf", ".expected.json", ".evidence.json"):
            shutil.copy2(SAMPLES_DIR / f"{stem}{suffix}", root / f"{stem}{suffix}")
    return root.parent


def words(output: str) -> str:
    return " ".join(output.split())  # the console wraps long lines anywhere


def test_the_dry_run_times_the_pdfs_not_the_files_beside_them(archive, tmp_path, monkeypatch):
    monkeypatch.setenv("RAINGAN_HOME", str(tmp_path / "home"))
    listed = list_inbox(str(archive))
    assert len(listed) == 6
    assert [file.name for file in pdfs_of(listed)] == [f"{stem}.pdf" for stem in WITH_FINDINGS]
    found = estimate(str(archive), len(listed), listed, load_settings(), workers=2)
    assert found.to_do == 6
    assert found.seconds_per_file > 0  # JSON files, rejected at once, estimated 0 s
    assert found.seconds == pytest.approx(found.seconds_per_file * 2 / 2)
    assert "s per PDF" in found.line()


def test_glob_takes_only_the_matching_files(home, archive):
    from raingan.cli import app

    every = CliRunner().invoke(app, ["backfill", str(archive), "--dry-run"])
    assert every.exit_code == 0, every.output
    assert "6 of 6 files to load" in words(every.output)
    pdfs = CliRunner().invoke(app, ["backfill", str(archive), "--dry-run", "--glob", "*.PDF"])
    assert pdfs.exit_code == 0, pdfs.output
    assert "2 of 2 files to load" in words(pdfs.output)


def backfill_artifact_description() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["backfill"]))
        )
    return max(found, key=lambda artifact: artifact.created).description or ""


@pytest.mark.slow
def test_the_artifact_counts_the_reports_with_findings_as_the_terminal_does(home, archive):
    from raingan.cli import app

    run = CliRunner().invoke(
        app, ["backfill", str(archive), "--workers", "1", "--glob", "*.pdf", "--batch-size", "1"]
    )
    assert run.exit_code == 0, run.output
    assert "with findings │ 2" in run.output or "with findings 2" in words(run.output)
    description = backfill_artifact_description()
    assert "loaded 2" in description and "loaded with findings 2" in description, description


@pytest.mark.slow
def test_a_backfill_with_failed_files_ends_failed_and_says_which(home, archive, monkeypatch):
    from raingan.cli import app

    blocked = home.parent / "not-a-folder"
    blocked.write_bytes(b"")
    monkeypatch.setenv("RAINGAN_STORE", str(blocked / "originals"))  # the store cannot be made
    run = CliRunner().invoke(app, ["backfill", str(archive), "--workers", "1", "--glob", "*.pdf"])
    assert run.exit_code == 1, run.output
    assert "keeping the original" in run.output and "Traceback" not in run.output
    assert "failed 2" in backfill_artifact_description()


def test_a_bad_follow_links_setting_is_one_line_before_any_flow(home, archive, monkeypatch):
    from raingan.cli import app

    monkeypatch.setenv("RAINGAN_FOLLOW_LINKS", "always")
    for command in (["backfill", str(archive), "--dry-run"], ["nightly", "--inbox", str(archive)]):
        run = CliRunner().invoke(app, command)
        assert run.exit_code == 2, run.output
        assert "RAINGAN_FOLLOW_LINKS='always': expected one of never, inside" in run.output
