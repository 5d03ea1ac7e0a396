"""Renderings of one report (the same document but for how its file was made: ReportLab,
Chromium, LibreOffice) are one content: which of them is current does not depend on the order
they were loaded in, so the nightly run and `raingan ingest` agree. A report whose content
differs, filed later with the same dates, is still current as before (seen later)."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import text

from models.originals import OriginalsStore
from raingan.pipeline import ingest_paths
from raingan.pipeline.workspace import Workspace
from tests.databases import (
    KINDS,
    drop_postgres_database,
    json_parser,
    new_postgres_database,
    variant,
    write_report,
)

pytest_plugins = ("tests.database_fixtures",)

GROUP = {"organization": "เทศบาลเมืองทดสอบ", "fiscal_year": 2566, "round_months": 12}
DATES = {"data_as_of": "2023-09-30", "memo_date": "2023-10-01"}


def rendering(name: str, warning: str) -> dict:
    document = variant(name, **GROUP, **DATES)
    document["parse_warnings"] = [{"page": 1, "message": warning}]  # the renderer's own
    return document


RENDERINGS = {
    "reportlab": rendering("reportlab", "page: a rendering quirk of ReportLab"),
    "chromium": rendering("chromium", "page: a rendering quirk of Chromium"),
    "libreoffice": rendering("libreoffice", "page: a rendering quirk of LibreOffice"),
}


def current_file(url: str) -> list[str]:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(
                connection.execute(
                    text(
                        "SELECT s.original_name FROM reports r JOIN source_files s"
                        " ON s.id = r.source_file_id WHERE r.superseded_by_id IS NULL"
                    )
                ).scalars()
            )
    finally:
        engine.dispose()


def load_in_order(tmp_path, kind: str, order: tuple[str, ...], extra=()) -> list[str]:
    from models.engine import make_engine, session_factory
    from models.migrate import upgrade

    folder = tmp_path / "-".join(order)
    folder.mkdir()
    # A new database for each order: what was loaded in one order must not be there in another.
    url = f"sqlite:///{folder / 'raingan.sqlite'}" if kind == "sqlite" else new_postgres_database()
    engine = make_engine(url)
    try:
        upgrade(engine)
        documents = {**RENDERINGS, **dict(extra)}
        for name in [*order, *(name for name, _doc in extra)]:  # one at a time, in this order
            path = write_report(folder / "files", f"{name}.pdf", documents[name])
            ingest_paths(
                [path],
                Workspace(
                    session_factory(engine),
                    OriginalsStore(str(folder / "originals")),
                    json_parser(),
                ),
            )
        return current_file(url)
    finally:
        engine.dispose()
        if kind != "sqlite":
            drop_postgres_database(url)


@pytest.mark.parametrize("kind", KINDS)
def test_which_rendering_is_current_does_not_depend_on_load_order(tmp_path, kind):
    orders = list(itertools.permutations(RENDERINGS))[::2]  # three of the six orders
    currents = {load_in_order(tmp_path, kind, order)[0] for order in orders}
    assert len(currents) == 1, currents


def test_a_correction_with_the_same_dates_filed_later_is_still_current(tmp_path):
    corrected = variant("corrected", **GROUP, **DATES)
    corrected["problems"] = ["a problem added in the corrected report"]
    assert load_in_order(
        tmp_path, "sqlite", ("chromium", "reportlab"), extra=[("corrected", corrected)]
    ) == ["corrected.pdf"]
