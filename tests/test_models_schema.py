"""The schema: made by migrations only, equal to the tables the code declares, constrained."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from checks.catalogue import SEVERITY, STATUSES
from models import migrate, tables
from models.engine import make_engine, session_factory
from models.read import read_document
from parsers.language.vocabulary import ORG_TYPES
from parsers.safety.rejection import RejectionCode
from tests.databases import Database, load_document, on_both, reference_variants

pytest_plugins = ("tests.database_fixtures",)


def migration_module(revision: str):
    path = next((migrate.MIGRATIONS / "versions").glob(f"{revision}_*.py"))
    spec = importlib.util.spec_from_file_location(f"migration_{revision}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_value_lists_are_the_contracts():
    assert tuple(code.value for code in RejectionCode) == tables.REJECTION_CODES
    assert tuple(rule.value for rule in SEVERITY) == tables.RULES
    assert set(tables.SEVERITIES) == set(SEVERITY.values())
    assert tables.PROJECT_STATUSES == STATUSES
    assert tuple(org_type.label for org_type in ORG_TYPES) == tables.ORG_TYPE_LABELS


def test_the_latest_migration_allows_the_values_the_code_uses():
    # Each migration freezes its lists; the latest state must be what the code declares.
    first = migration_module("0001")
    assert first.REJECTION_CODES == tables.REJECTION_CODES
    assert first.RULES == tables.RULES
    assert first.SEVERITIES == tables.SEVERITIES
    assert first.PROJECT_STATUSES == tables.PROJECT_STATUSES
    assert first.ORG_TYPES == tables.ORG_TYPE_LABELS
    assert first.SOURCE_STATUSES == tables.SOURCE_STATUSES
    assert first.ROUNDS == tables.ROUNDS
    assert migration_module("0003").INBOX_OUTCOMES == tables.INBOX_OUTCOMES
    assert migration_module("0008").REVIEW_STATUSES == tables.REVIEW_STATUSES
    assert migration_module("0006").ORG_TYPES == tables.ORG_TYPE_LABELS
    assert migration_module("0009").USER_ROLES == tables.USER_ROLES
    assert migrate.revisions() == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
    ], "a new revision: compare its lists"


@on_both()
def test_migrations_build_exactly_the_declared_tables(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert "current_reports" in inspect(connection).get_view_names()


def seed_0001(connection: Connection) -> None:
    """Data as revision 0001 stores it, written without the application's code."""
    report = "(SELECT id FROM reports WHERE organisation_name = 'เทศบาลตำบลทดสอบ')"
    statements = [
        "INSERT INTO source_files (sha256, original_name, origin, size_bytes, pages,"
        " first_seen, last_seen, status, parser_version) VALUES (:sha, 'old.pdf',"
        " '/inbox/old.pdf', 1234, 7, '2024-01-01 00:00:00', '2024-01-01 00:00:00', 'loaded',"
        " '0.9')",
        "INSERT INTO organisations (name, org_type, province, name_key, province_key)"
        " VALUES ('เทศบาลตำบลทดสอบ', 'เทศบาลตำบล', 'ขอนแก่น', 'เทศบาลตำบลทดสอบ', 'ขอนแก่น')",
        "INSERT INTO reports (source_file_id, organisation_id, organisation_name, fiscal_year,"
        " round_months, data_as_of, has_memo, has_reporter, schema_version, parser_version,"
        " rules_version, loaded_at, province) VALUES ((SELECT id FROM source_files),"
        " (SELECT id FROM organisations), 'เทศบาลตำบลทดสอบ', 2566, 12, '2023-09-30', false,"
        " false, 1, '0.9', '1', '2024-01-01 00:00:00', 'ขอนแก่น')",
        "INSERT INTO projects (report_id, ordinal, seq, name, dimension, budget, disbursed,"
        f" status, page) VALUES ({report}, 0, 1, 'โครงการเดิม', 1, 1500.50, 0, 'completed', 2)",
        "INSERT INTO report_checks (report_id, rules_version, checked_at)"
        f" VALUES ({report}, '1', '2024-01-01 00:00:00')",
        f"INSERT INTO report_documents (report_id, document, evidence) VALUES ({report}, '{{}}',"
        " '{}')",
    ]
    for statement in statements:
        connection.execute(text(statement), {"sha": "ab" * 32})


def seed_0002(connection: Connection) -> None:
    """Revision 0001's data, and an inbox ledger entry for its file."""
    seed_0001(connection)
    connection.execute(
        text(
            "INSERT INTO inbox_entries (inbox, path, size_bytes, version, sha256, outcome,"
            " findings, first_seen, last_seen) VALUES ('/inbox', 'old.pdf', 1234,"
            " '2024-01-01T00:00:00+00:00', :sha, 'loaded', 0, '2024-01-01 00:00:00',"
            " '2024-01-01 00:00:00')"
        ),
        {"sha": "ab" * 32},
    )


def seed_0003(connection: Connection) -> None:
    """Revision 0002's data, and a skipped entry whose name is not UTF-8 (its raw bytes kept)."""
    seed_0002(connection)
    connection.execute(
        text(
            "INSERT INTO inbox_entries (inbox, path, path_bytes, size_bytes, version, outcome,"
            " findings, message, first_seen, last_seen) VALUES ('/inbox', 'link\\xa1.pdf',"
            " :raw, 9, '1', 'skipped', 0, 'a symbolic link', '2024-01-01 00:00:00',"
            " '2024-01-01 00:00:00')"
        ),
        {"raw": b"link\xa1.pdf"},
    )


def seed_0004(connection: Connection) -> None:
    """Revision 0003's data, a finding with its stable id, and a review of it."""
    seed_0003(connection)
    report = "(SELECT id FROM reports WHERE organisation_name = 'เทศบาลตำบลทดสอบ')"
    connection.execute(
        text(
            "INSERT INTO findings (report_id, rules_version, ordinal, finding_id, rule, severity,"
            f" field, reported, expected, message, pages) VALUES ({report}, '1', 0,"
            " '0123456789abcdef', 'SEQUENCE', 'warning', 'projects.seq', '3', '2', 'ลำดับ',"
            " '[2]')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO review_events (finding_id, status, note, reviewed_by, reviewed_at)"
            " VALUES ('0123456789abcdef', 'confirmed', 'ตรวจแล้ว', 'auditor',"
            " '2024-01-02 00:00:00')"
        )
    )


def seed_0005(connection: Connection) -> None:
    """Revision 0004's data, and an entry whose name holds a backslash (its raw bytes kept)."""
    seed_0004(connection)
    connection.execute(
        text(
            "INSERT INTO inbox_entries (inbox, path, path_bytes, size_bytes, version, outcome,"
            " findings, message, first_seen, last_seen) VALUES ('/inbox', 'c-\\\\xff.pdf',"
            " :raw, 9, '1', 'rejected', 0, 'not a PDF', '2024-01-01 00:00:00',"
            " '2024-01-01 00:00:00')"
        ),
        {"raw": b"c-\\xff.pdf"},
    )


def seed_0006(connection: Connection) -> None:
    """Revision 0005's data, and a registry entry."""
    seed_0005(connection)
    connection.execute(
        text(
            "INSERT INTO organisation_registry (code, name, org_type, district, province,"
            " name_key, province_key, district_key, imported_at) VALUES ('6460101',"
            " 'อบต.โนนสูง', 'อบต.', NULL, 'อุดรธานี', 'องค์การบริหารส่วนตำบลโนนสูง',"
            " 'อุดรธานี', '', '2026-12-05 00:00:00')"
        )
    )


def seed_0007(connection: Connection) -> None:
    """Revision 0006's data, its report's name read from an image and taken as a known one."""
    seed_0006(connection)
    connection.execute(
        text(
            "UPDATE reports SET organisation_name_from_image = true,"
            " organisation_name_matched = 'เทศบาลตำบลทดสอบ'"
        )
    )


def seed_0008(connection: Connection) -> None:
    """Revision 0007's data, the review carried over to a re-sent report's finding and then
    the finding reopened."""
    seed_0007(connection)
    connection.execute(
        text(
            "INSERT INTO review_events (finding_id, status, note, reviewed_by, reviewed_at,"
            " carried_from) VALUES ('fedcba9876543210', 'confirmed', 'ตรวจแล้ว', 'auditor',"
            " '2024-01-02 00:00:00', '0123456789abcdef'), ('fedcba9876543210', 'open',"
            " 'ดูอีกครั้ง', 'auditor', '2024-01-03 00:00:00', NULL)"
        )
    )


def seed_0009(connection: Connection) -> None:
    """Revision 0008's data and a user of `raingan web`."""
    seed_0008(connection)
    connection.execute(
        text(
            "INSERT INTO users (name, role, password_hash, disabled, created_at)"
            " VALUES ('anna', 'auditor', NULL, false, '2024-01-04 00:00:00')"
        )
    )


# Every revision but the latest gets data written as it stores it; the latest too, to check
# that upgrading a database already at head changes nothing.
SEEDS: dict[str, Callable[[Connection], None]] = {
    "0001": seed_0001,
    "0002": seed_0002,
    "0003": seed_0003,
    "0004": seed_0004,
    "0005": seed_0005,
    "0006": seed_0006,
    "0007": seed_0007,
    "0008": seed_0008,
    "0009": seed_0009,
}


@on_both()
def test_migrations_upgrade_a_database_holding_data_at_every_revision(empty_database_url):
    assert set(SEEDS) == set(migrate.revisions()), "every revision needs a seed"
    for revision in migrate.revisions():
        engine = make_engine(empty_database_url)
        migrate.upgrade(engine, revision)
        with engine.begin() as connection:
            SEEDS[revision](connection)
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        with engine.connect() as connection:
            project = connection.execute(text("SELECT name, budget FROM projects")).one()
            current = connection.execute(text("SELECT fiscal_year FROM current_reports")).all()
        assert tuple(project) == ("โครงการเดิม", 1500.5)
        assert current == [(2566,)]
        if revision >= "0002":
            with engine.connect() as connection:
                ledger = connection.execute(
                    text("SELECT path, outcome FROM inbox_entries ORDER BY id")
                ).all()
            assert ledger[0] == ("old.pdf", "loaded")
        database = Database(
            engine.dialect.name, empty_database_url, engine, session_factory(engine)
        )
        reference = reference_variants()["reference"]
        loaded = load_document(database, reference)  # the code works on the upgraded data
        with database.sessions() as session:
            assert read_document(session, loaded.report_id) == reference
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()


@on_both()
def test_an_empty_database_gets_the_schema_and_an_old_one_is_refused(empty_database_url):
    engine = make_engine(empty_database_url)
    migrate.ensure_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    migrate.ensure_schema(engine)  # at head: nothing to do
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
    with pytest.raises(migrate.SchemaOutOfDate):
        migrate.ensure_schema(engine)  # tables without a known revision: not ours to touch
    engine.dispose()


BAD_VALUES = {
    "a project status outside the contract": (
        "UPDATE projects SET status = 'done' WHERE ordinal = 0"
    ),
    "a rule outside the catalogue": "UPDATE findings SET rule = 'GUESS' WHERE ordinal = 0",
    "a severity outside the catalogue": "UPDATE findings SET severity = 'info'",
    "a round of 3 months": "UPDATE reports SET round_months = 3",
    "an unknown organisation type": "UPDATE organisations SET org_type = 'อำเภอ'",
    "an unknown file status": "UPDATE source_files SET status = 'maybe'",
    "a rejection code outside the contract": (
        "UPDATE source_files SET status = 'rejected', rejection_code = 'too_ugly'"
    ),
    "a rejected file without a code": "UPDATE source_files SET status = 'rejected'",
    "a total row with a dimension": (
        "UPDATE dimension_results SET dimension = 9 WHERE is_total = true"
    ),
    "a row of an unknown report": (
        "INSERT INTO problems (report_id, ordinal, text) VALUES (999, 0, 'x')"
    ),
}


@on_both()
def test_the_database_refuses_values_outside_the_contract(database):
    load_document(database, reference_variants()["reference"])
    for what, statement in BAD_VALUES.items():
        with pytest.raises(IntegrityError), database.engine.begin() as connection:
            connection.execute(text(statement))
            pytest.fail(f"accepted {what}")


@on_both()
def test_one_current_report_per_organisation_year_and_round_is_enforced(database):
    reference = reference_variants()["reference"]
    first = load_document(database, reference).report_id
    later = dict(reference, source={**reference["source"], "sha256": "cd" * 32, "file": "b.pdf"})
    second = load_document(database, later).report_id
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text("UPDATE reports SET superseded_by_id = NULL"))
    with database.sessions() as session:
        assert read_document(session, first)["report"] == reference["report"]
        assert second != first
