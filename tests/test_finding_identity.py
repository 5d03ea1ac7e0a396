"""A finding's stable id in the database: given at load from the file's hash and the finding's
key (checks.identity), and given by migration 0004 to findings stored before it."""

from __future__ import annotations

from sqlalchemy import text

from checks.identity import finding_ids
from models import migrate
from models.engine import make_engine
from tests.databases import load_document, on_both, query, reference_variants
from tests.test_models_schema import seed_0003

pytest_plugins = ("tests.database_fixtures",)

SEED_SHA256 = "ab" * 32  # the file of seed_0001
STORED = [  # two findings with one key: the occurrence tells them apart
    ("SEQUENCE", "warning", "projects.seq", 7),
    ("SEQUENCE", "warning", "projects.seq", 7),
    ("STATUS_COUNT", "error", "narrative.unable", None),
]


@on_both()
def test_findings_stored_before_0004_get_the_ids_the_code_gives(empty_database_url):
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine, "0003")
    with engine.begin() as connection:
        seed_0003(connection)
        for ordinal, (rule, severity, field, seq) in enumerate(STORED):
            connection.execute(
                text(
                    "INSERT INTO findings (report_id, rules_version, ordinal, rule, severity,"
                    " field, seq, reported, expected, message, pages) VALUES"
                    " ((SELECT id FROM reports), '1', :ordinal, :rule, :severity, :field, :seq,"
                    " '1', '2', 'ข้อความ', '[2]')"
                ),
                {"ordinal": ordinal, "rule": rule, "severity": severity, "field": field,
                 "seq": seq},
            )  # fmt: skip
    migrate.upgrade(engine)
    engine.dispose()
    stored = query(empty_database_url, "SELECT finding_id FROM findings ORDER BY ordinal")
    keys = [{"rule": r, "field": f, "dimension": None, "seq": s} for r, _, f, s in STORED]
    assert [row[0] for row in stored] == finding_ids(SEED_SHA256, keys)
    assert len(set(stored)) == 3


@on_both()
def test_a_loaded_report_stores_each_finding_under_its_stable_id(database):
    odd = reference_variants()["odd"]
    load_document(database, odd)
    load_document(database, odd)  # loaded again: the same ids
    stored = query(database.url, "SELECT finding_id FROM findings ORDER BY ordinal")
    assert [row[0] for row in stored] == finding_ids(odd["source"]["sha256"], odd["findings"])
