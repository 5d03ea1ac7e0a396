"""The nightly run writes the day's HTML report (the open findings of the reports loaded that
day) in `$RAINGAN_HOME/reports`, or where `--report-dir` or `RAINGAN_REPORT_DIR` say, and its
artifact names the file."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from tests.contract import copy_samples

SAMPLES = ("reference-chromium.pdf", "findings-percent.pdf")


def latest_description() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["nightly-ingest"]))
        )
    return str(max(found, key=lambda artifact: artifact.created).description)


def day_file() -> str:
    return f"audit-{date.today().isoformat()}.html"


def test_the_nightly_flow_writes_the_days_report_in_the_home_and_names_it(home, tmp_path):
    from flows.nightly import nightly_ingest

    inbox = tmp_path / "inbox"
    copy_samples(inbox, SAMPLES)
    nightly_ingest(str(inbox))
    path = home / "reports" / day_file()
    html = path.read_text(encoding="utf-8")
    assert html.count('<tr class="finding"') == 14  # the reference's ten, PERCENT's four
    assert html.count('data-review="open"') == 14
    assert html.count("data:image/png;base64,") >= 14  # every finding's picture, some two pages
    assert str(path) in latest_description()


def test_report_dir_and_its_setting_choose_the_folder(home, tmp_path, monkeypatch):
    from raingan.cli import app

    inbox = tmp_path / "inbox"
    copy_samples(inbox, SAMPLES[1:])
    chosen = tmp_path / "chosen"
    result = CliRunner().invoke(
        app, ["nightly", "--inbox", str(inbox), "--report-dir", str(chosen)]
    )
    assert result.exit_code == 0, result.output
    assert (chosen / day_file()).is_file()
    assert str(chosen / day_file()) in "".join(result.output.split())
    assert str(chosen / day_file()) in latest_description()
    assert not (home / "reports").exists()

    setting = tmp_path / "setting"
    monkeypatch.setenv("RAINGAN_REPORT_DIR", str(setting))
    again = CliRunner().invoke(app, ["nightly", "--inbox", str(inbox)])
    assert again.exit_code == 0, again.output
    html = (setting / day_file()).read_text(encoding="utf-8")
    assert html.count('<tr class="finding"') == 4  # nothing new tonight: still the open four
    assert str(setting / day_file()) in latest_description()
