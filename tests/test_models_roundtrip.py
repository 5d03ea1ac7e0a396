"""A loaded report reads back as the document it was parsed to, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from checks import Evidence, find_inconsistencies
from models.load import store_findings
from models.read import read_document, read_for_checks, read_stored_json
from models.rows import DocumentError
from models.tables import REPORT_CHILDREN, Organisation, Report, SourceFile
from tests.comparison import differences
from tests.contract import reference_document
from tests.databases import (
    load_document,
    on_both,
    reference_variants,
    sample_documents,
    with_source,
)

pytest_plugins = ("tests.database_fixtures",)

EVIDENCE = {
    "section_pages": {"memo": [1], "dimensions": [2], "projects": [3, 4, 5, 6], "narrative": [7]},
    "checkbox_marks": {"0": 2},
    "project_list_complete": True,
}


def corpus() -> dict[str, tuple[dict, dict]]:
    documents = {name: (doc, EVIDENCE) for name, doc in reference_variants().items()}
    return {**documents, **sample_documents()}


def test_the_corpus_holds_the_reference_its_variants_and_every_sample():
    names = set(corpus())
    assert {"reference", "bare", "odd"} <= names
    assert set(sample_documents()) <= names


@on_both()
def test_every_document_reads_back_as_loaded(database):
    loaded = {
        name: load_document(database, doc, evidence) for name, (doc, evidence) in corpus().items()
    }
    with database.sessions() as session:
        for name, (document, evidence) in corpus().items():
            report_id = loaded[name].report_id
            back = read_document(session, report_id)
            assert back == document, (name, differences(back, document)[:20])
            assert list(back) == list(reference_document())  # the contract's key order
            assert read_stored_json(session, report_id) == (document, evidence)


@on_both()
def test_figures_are_stored_typed(database):
    document = reference_variants()["reference"]
    report_id = load_document(database, document, EVIDENCE).report_id
    with database.engine.connect() as connection:
        spent = connection.exec_driver_sql(
            "SELECT SUM(budget) FROM projects WHERE report_id = ? AND status = 'completed'"
            if database.kind == "sqlite"
            else "SELECT SUM(budget) FROM projects WHERE report_id = %s AND status = 'completed'",
            (report_id,),
        ).scalar_one()
        as_of = connection.exec_driver_sql(
            "SELECT data_as_of FROM reports WHERE data_as_of > '2023-01-01'"
        ).scalar_one()
    expected = sum(p["budget"] for p in document["projects"] if p["status"] == "completed")
    assert float(spent) == pytest.approx(expected)
    assert str(as_of) == "2023-03-20"


@on_both()
def test_a_document_that_does_not_fit_is_refused_before_anything_is_written(database):
    base = reference_variants()["reference"]
    broken = {
        "three decimals": lambda d: d["projects"][0].update(budget=1.005),
        "too large": lambda d: d["dimensions_total"].update(budget_planned=1e13),
        "not a date": lambda d: d["report"].update(data_as_of="2023-02-30"),
        "not a number": lambda d: d["narrative"].update(disbursed="34,000"),
    }
    for name, breaking in broken.items():
        document = with_source(base, name)
        breaking(document)
        with pytest.raises(DocumentError):
            load_document(database, document)
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 0
        assert session.scalar(select(func.count()).select_from(SourceFile)) == 0


@on_both()
def test_findings_of_a_new_rules_version_are_kept_beside_the_old(database):
    document = reference_variants()["reference"]
    report_id = load_document(database, document, EVIDENCE).report_id
    with database.sessions() as session:
        stored, evidence = read_for_checks(session, report_id)
    assert isinstance(evidence, Evidence)
    rechecked = find_inconsistencies(stored, evidence)
    assert len(rechecked) == 10  # the contract's ten findings for the reference report
    fewer = rechecked[:3]
    with database.sessions() as session, session.begin():
        store_findings(session, report_id, fewer, "2")
    with database.sessions() as session:
        assert read_document(session, report_id)["findings"] == fewer
        assert read_document(session, report_id, rules_version="1") == document
        assert read_document(session, report_id, rules_version="2")["findings"] == fewer
    with database.sessions() as session, session.begin():  # storing a version again replaces it
        store_findings(session, report_id, rechecked, "2")
    with database.sessions() as session:
        assert read_document(session, report_id)["findings"] == rechecked


@on_both()
def test_organisations_are_typed_and_identified_by_name_and_province(database):
    reference = reference_variants()["reference"]
    spaced = with_source(reference, "spaced")  # the same name wrapped with a space
    spaced["report"]["organization"] = "องค์การบริหารส่วนจังหวัด กาฬสินธุ์"
    elsewhere = with_source(reference, "elsewhere")  # a namesake in another province
    elsewhere["report"]["province"] = "ขอนแก่น"
    municipality = with_source(reference, "municipality")
    municipality["report"]["organization"] = "เทศบาลตำบลบ้านไผ่"
    unknown_kind = with_source(reference, "unknown")
    unknown_kind["report"]["organization"] = "สำนักงานทดสอบ"
    reference["report"]["district"] = None  # the first report does not say
    for document in (reference, spaced, elsewhere, municipality, unknown_kind):
        load_document(database, document)
    with database.sessions() as session:
        rows = session.execute(
            select(Organisation.name, Organisation.org_type, Organisation.province)
        ).all()
        districts = session.scalars(select(Organisation.district)).all()
        reports_per_org = dict(
            session.execute(
                select(Report.organisation_id, func.count()).group_by(Report.organisation_id)
            ).all()
        )
        spaced_back = read_document(
            session,
            session.scalar(
                select(Report.id).where(
                    Report.organisation_name == spaced["report"]["organization"]
                )
            ),
        )
    assert sorted(rows) == sorted(
        [
            ("องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "อบจ.", "กาฬสินธุ์"),
            ("องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "อบจ.", "ขอนแก่น"),
            ("เทศบาลตำบลบ้านไผ่", "เทศบาลตำบล", "กาฬสินธุ์"),
            ("สำนักงานทดสอบ", None, "กาฬสินธุ์"),
        ]
    )
    assert sorted(reports_per_org.values()) == [1, 1, 1, 2]
    assert set(districts) == {"เมืองกาฬสินธุ์"}  # a later report filled it in
    assert spaced_back["report"]["organization"] == "องค์การบริหารส่วนจังหวัด กาฬสินธุ์"


@on_both()
def test_removing_a_report_removes_every_row_of_it(database):
    from models.load import remove_report

    documents = reference_variants()
    kept = load_document(database, documents["odd"]).report_id
    gone = load_document(database, documents["reference"]).report_id
    with database.sessions() as session, session.begin():
        remove_report(session, session.get(Report, gone))
    with database.sessions() as session:
        for table in REPORT_CHILDREN:
            owners = set(session.scalars(select(table.report_id)).all())
            assert gone not in owners, table.__tablename__
        assert read_document(session, kept) == documents["odd"]


def test_a_copy_is_not_the_original():
    # guards the corpus helper the other tests rely on: variants are distinct files
    variants = reference_variants()
    shas = {doc["source"]["sha256"] for doc in variants.values()}
    assert len(shas) == len(variants)
    assert copy.deepcopy(variants["odd"]) == variants["odd"]
