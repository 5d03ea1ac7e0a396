"""The README's auditor queries: plain SQL that runs word for word on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from models.queries import (
    AUDITOR_QUERIES,
    SIX_MONTHS_BUT_NO_TWELVE,
    SPENDING_BY_PROVINCE,
    STATUS_TABLE_VERSUS_PROJECT_LIST,
    run_query,
)
from tests.contract import REPO
from tests.databases import load_document, on_both, variant

pytest_plugins = ("tests.database_fixtures",)

KALASIN = {"organization": "องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "province": "กาฬสินธุ์"}
BAN_PHAI = {"organization": "เทศบาลตำบลบ้านไผ่", "province": "ขอนแก่น"}
YASOTHON = {"organization": "เทศบาลเมืองยโสธร", "province": "ยโสธร"}


def consistent(document: dict) -> dict:
    """The status table as the project list has it (the reference's is off by one)."""
    document["status_summary"].update(total_projects=56, in_progress=0, completed=20, unable=8)
    return document


def spent(document: dict, planned: float, spent: float) -> dict:
    document["dimensions_total"].update(budget_planned=planned, budget_spent=spent)
    return document


def corpus() -> list[dict]:
    return [
        variant("k6", **KALASIN, fiscal_year=2566, round_months=6),
        spent(variant("k12", **KALASIN, fiscal_year=2566, round_months=12), 1456400.0, 34000.0),
        variant("bp6", **BAN_PHAI, fiscal_year=2566, round_months=6),
        variant("bp12-2565", **BAN_PHAI, fiscal_year=2565, round_months=12),
        variant(
            "y12-first", **YASOTHON, fiscal_year=2566, round_months=12, data_as_of="2023-09-01"
        ),
        spent(
            consistent(
                variant(
                    "y12-corrected",
                    **YASOTHON,
                    fiscal_year=2566,
                    round_months=12,
                    data_as_of="2023-09-30",
                )
            ),
            200000.0,
            50000.0,
        ),
    ]


def plain(rows: list[tuple]) -> list[tuple]:
    """Numbers as floats (PostgreSQL gives NUMERIC sums as Decimal, SQLite as float)."""
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in rows]


@on_both()
def test_the_auditor_queries_answer_their_questions(database):
    for document in corpus():
        load_document(database, document)
    with database.sessions() as session:
        mismatched = plain(run_query(session, STATUS_TABLE_VERSUS_PROJECT_LIST))
        spending = plain(run_query(session, SPENDING_BY_PROVINCE))
        missing = plain(run_query(session, SIX_MONTHS_BUT_NO_TWELVE))
    # Yasothon's first report disagreed too, but its correction superseded it.
    assert mismatched == [
        ("อบจ.", "องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "กาฬสินธุ์", 56, 56, 0, 0, 19, 20, 9, 8)
    ]
    assert spending == [
        ("กาฬสินธุ์", 1, 1456400.0, 34000.0, 2.33),
        ("ยโสธร", 1, 200000.0, 50000.0, 25.0),
    ]
    assert missing == [("เทศบาลตำบล", "เทศบาลตำบลบ้านไผ่", "ขอนแก่น")]


def test_the_readme_shows_the_queries_that_are_tested():
    readmes = [REPO / "README.md"]
    shown = "\n".join(path.read_text(encoding="utf-8") for path in readmes if Path(path).exists())
    for query in AUDITOR_QUERIES:
        assert query.sql in shown, query.question
