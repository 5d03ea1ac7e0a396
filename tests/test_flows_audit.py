"""The audit flow checks stored reports again and keeps each rules version's findings."""

from __future__ import annotations

from typer.testing import CliRunner

from checks import RULES_VERSION
from models import OriginalsStore
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.workspace import Workspace
from raingan.settings import load_settings
from tests.contract import copy_samples
from tests.databases import home_database_url, query

LOADED = ("reference-chromium.pdf", "findings-percent.pdf", "sao-nonsung-2565-r6.pdf")


def findings_by_version(home_dir) -> dict[str, int]:
    sql = "SELECT rules_version, COUNT(*) FROM findings GROUP BY rules_version"
    return dict(query(home_database_url(home_dir), sql))


def test_audit_stores_new_findings_beside_the_old_and_publishes_artifacts(home, tmp_path):
    from flows.audit import audit
    from raingan.pipeline.database import open_sessions

    inbox = tmp_path / "inbox"
    copy_samples(inbox, LOADED)
    settings = load_settings()
    summary = ingest_paths(
        [inbox],
        Workspace(
            open_sessions(settings.database_url), OriginalsStore(settings.store), default_parser()
        ),
    )
    assert summary.count(Status.LOADED) == 3
    before = findings_by_version(home)
    assert before == {RULES_VERSION: 10 + 4}  # the reference's ten, findings-percent's four

    audited = audit(rules_version="1-audit-test")

    assert sorted(a.organisation is not None for a in audited) == [True] * 3
    assert findings_by_version(home) == {RULES_VERSION: 14, "1-audit-test": 14}
    flagged = {a.report_id: sum(a.after.values()) for a in audited if a.after}
    assert sorted(flagged.values()) == [4, 10]
    assert all(a.before == a.after for a in audited)  # same rules, same findings

    only_2565 = audit(fiscal_year=2565, rules_version="1-audit-2565")
    assert [(a.fiscal_year, sum(a.after.values())) for a in only_2565] == [(2565, 0)]


def test_raingan_audit_and_status_show_what_the_flows_did(home, tmp_path, monkeypatch):
    from raingan.cli import app
    from raingan.cli.console import console

    monkeypatch.setattr(console, "width", 250)  # a table row on one line

    inbox = tmp_path / "inbox"
    copy_samples(inbox, LOADED)
    runner = CliRunner()
    loaded = runner.invoke(app, ["nightly", "--inbox", str(inbox)])
    assert loaded.exit_code == 0, loaded.output

    audited = runner.invoke(app, ["audit", "--year", "2566"])
    assert audited.exit_code == 0, audited.output
    assert "reports checked again: 1, with findings: 1" in audited.output
    rules = reference_rules()
    assert all(rule in audited.output for rule in rules)

    shown = runner.invoke(app, ["status", "--runs", "1"])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    nightly = next(line for line in lines if "nightly-ingest" in line)
    assert "Completed" in nightly and "loaded 3" in nightly and "rejected 0" in nightly
    audit_line = next(line for line in lines if line.lstrip("│ ").startswith("audit"))
    assert "1 reports checked" in audit_line and "1 with findings" in audit_line
    assert "next nightly run: none scheduled" in shown.output


def reference_rules() -> set[str]:
    """The rules of the contract's ten findings on the reference report."""
    from tests.contract import reference_document

    return {finding["rule"] for finding in reference_document()["findings"]}
