"""The audit flow checks stored reports again and keeps each rules version's findings."""

from __future__ import annotations

import shutil

from sqlalchemy import text

from models import OriginalsStore, make_engine
from raingan.ingest import Status, default_parser, ingest_paths
from raingan.settings import load_settings
from tests.test_flows_nightly import SAMPLES

LOADED = ("reference-chromium.pdf", "findings-percent.pdf", "sao-nonsung-2565-r6.pdf")


def findings_by_version(home_dir) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{home_dir / 'raingan.sqlite'}")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT rules_version, COUNT(*) FROM findings GROUP BY rules_version")
        ).all()
    engine.dispose()
    return dict(rows)


def test_audit_stores_new_findings_beside_the_old_and_publishes_artifacts(home, tmp_path):
    from flows.audit import audit
    from flows.tasks import database

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in LOADED:
        shutil.copy2(SAMPLES / name, inbox / name)
    settings = load_settings()
    summary = ingest_paths(
        [inbox],
        session_factory=database(settings.database_url),
        store=OriginalsStore(settings.store),
        parser=default_parser(),
    )
    assert summary.count(Status.LOADED) == 3
    before = findings_by_version(home)
    assert before == {"1": 10 + 4}  # the reference's ten, findings-percent's four

    audited = audit(rules_version="1-audit-test")

    assert sorted(a.organisation is not None for a in audited) == [True] * 3
    assert findings_by_version(home) == {"1": 14, "1-audit-test": 14}
    flagged = {a.report_id: sum(a.after.values()) for a in audited if a.after}
    assert sorted(flagged.values()) == [4, 10]
    assert all(a.before == a.after for a in audited)  # same rules, same findings

    only_2565 = audit(fiscal_year=2565, rules_version="1-audit-2565")
    assert [(a.fiscal_year, sum(a.after.values())) for a in only_2565] == [(2565, 0)]
