"""`raingan nightly`'s summary, its flagged reports and its HTML report count the same things:
current reports only (two renderings of one report, one superseding the other, are one), and
each says what it counts. Without `--inbox` it reads the home's inbox, not the working
directory's."""

from __future__ import annotations

import re
from datetime import date

from typer.testing import CliRunner

from tests.contract import copy_samples

# One report rendered twice (the later supersedes the other), and a second report.
SAMPLES = ("reference-chromium.pdf", "reference-libreoffice.pdf", "findings-percent.pdf")


def summary_row(output: str, what: str) -> int:
    found = re.search(rf"│\s*{re.escape(what)}\s*│\s*(\d+)\s*│", output)
    assert found, output
    return int(found[1])


def test_the_summary_and_the_html_report_count_current_reports_and_say_so(
    home, tmp_path, monkeypatch
):
    from raingan.cli import app

    copy_samples(home / "inbox", SAMPLES)  # RAINGAN_HOME/inbox: no --inbox given
    monkeypatch.chdir(tmp_path)  # a working directory with no inbox of its own
    result = CliRunner().invoke(app, ["nightly"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    output = result.output
    assert f"3 files in {home / 'inbox'}, 3 new" in " ".join(output.split())
    assert summary_row(output, "loaded") == 3
    assert summary_row(output, "current reports with findings") == 2
    assert "│ with findings" not in output  # the loaded count, superseded included, is gone
    flagged = output.split("current reports with findings (a report replaced")[1]
    assert flagged.count("องค์การบริหารส่วนจังหวัดกาฬสินธุ์") == 1
    assert "เทศบาลตำบลยางตลาด" in flagged

    page = (home / "reports" / f"audit-{date.today().isoformat()}.html").read_text("utf-8")
    summary = re.search(r'<p id="summary">(.*?)</p>', page)
    assert summary, page[:500]
    assert summary[1].startswith(
        "14 findings in 2 reports (open findings of the current reports loaded on "
    )
    assert "(the open findings of the current reports loaded today)" in " ".join(output.split())
    artifact = nightly_artifact_description()  # the run's Prefect artifact says the same
    assert "current reports with findings 2" in artifact, artifact


def nightly_artifact_description() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.nightly import ARTIFACT_KEY

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[ARTIFACT_KEY]))
        )
    return max(found, key=lambda artifact: artifact.created).description or ""


def test_ingest_and_reparse_count_current_reports_with_findings(tmp_path):
    from tests.commands import raingan

    copy_samples(tmp_path / "inbox", SAMPLES)
    home = tmp_path / "home"
    for args in (("ingest", str(tmp_path / "inbox")), ("reparse", "--all")):
        run = raingan(*args, home=home)
        assert run.returncode == 0, run.stderr
        assert summary_row(run.stdout, "loaded") == 3
        assert summary_row(run.stdout, "current reports with findings") == 2
        assert "│ with findings" not in run.stdout
