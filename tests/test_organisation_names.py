"""Organisation names read from images (issue 19 §5): matched when a report is loaded, never by
the parse. A name within a letter or two of exactly one name raingan holds (from a text layer,
or the registry) is taken as it, with an `ocr:` warning; otherwise kept, with a warning. The
stored report keeps both. On the committed scans' documents, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import select

from checks.evidence import Evidence
from models.load import utc_now
from models.migrate import downgrade, upgrade
from models.name_match import KnownName, name_read_from_image, nearest
from models.read import read_document
from models.registry import read_registry, replace_registry
from models.rows import OrganisationKey
from models.tables import Organisation, Report
from parsers import parse_report
from tests.contract import SAMPLES_DIR, read_json
from tests.databases import Database, load_document, on_both, with_source

pytest_plugins = ("tests.database_fixtures",)

PAO = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
MISREAD = "องค์การบริหารส่วนจังหวัดกาฬสินธ์"  # the scan's reading in the issue: ุ lost
TOO_FAR = "องค์การบริหารส่วนจังหวัดกาฬสิน"  # three letters short
PROVINCE = "กาฬสินธุ์"


def sample(name: str, kind: str = "expected") -> tuple[dict[str, Any], dict[str, Any]]:
    """A committed sample's document (`expected`: its text layers; `ocr-expected`: read from
    its images) and evidence."""
    document = read_json(SAMPLES_DIR / f"{name}.{kind}.json")
    return document, read_json(SAMPLES_DIR / f"{name}.evidence.json")


def scan(organization: str, copy_name: str = "scan") -> tuple[dict, dict]:
    """The 200-dpi scan of the reference report, every page read from its image, as OCR
    read it but for the organisation's name; a file of its own (`copy_name`)."""
    document, evidence = sample("scanned-reference-200", "ocr-expected")
    document = with_source(document, copy_name)
    document["report"]["organization"] = organization
    return document, evidence


def text_report(name: str = PAO, copy_name: str = "text") -> tuple[dict, dict]:
    """The reference report printed by Chromium: its name read from a text layer."""
    document, evidence = sample("reference-chromium")
    document = with_source(document, copy_name)
    document["report"]["organization"] = name
    return document, evidence


def stored(database: Database, report_id: int) -> tuple[Report, dict[str, Any]]:
    with database.sessions() as session:
        report = session.get_one(Report, report_id)
        session.expunge(report)
        return report, read_document(session, report_id)


def organisations(database: Database) -> list[str]:
    with database.sessions() as session:
        return sorted(o.name for o in session.exec(select(Organisation)).all())


def name_warnings(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        w for w in document["parse_warnings"] if w["message"].startswith("ocr: organisation name")
    ]


# Which names were read from images -----------------------------------------------------------


@pytest.fixture(scope="module")
def usual_filing() -> tuple[dict, Evidence]:
    """The usual filing parsed with OCR: its memo scanned, its report pages printed."""
    data = (SAMPLES_DIR / "scanned-filed-as-usual.pdf").read_bytes()
    parsed = parse_report(data, filename="scanned-filed-as-usual.pdf")
    return parsed.document, parsed.evidence


def test_a_name_printed_beside_a_scanned_memo_is_not_read_from_an_image(usual_filing):
    document, evidence = usual_filing
    assert {w["page"] for w in document["parse_warnings"] if "its image" in w["message"]} == {1}
    assert evidence.boxes_of("report.organization")[0][0] == 2  # where it was read
    assert not name_read_from_image(document, evidence)
    # Where the evidence does not say, the memo is still no report page.
    assert not name_read_from_image(document, Evidence(section_pages={"memo": [1]}))


def test_a_name_on_a_page_read_from_its_image_is(usual_filing):
    document, evidence = usual_filing
    moved = copy.deepcopy(evidence)  # the same name, read on the scanned page
    moved.boxes["report.organization"] = [
        [1, *box[1:]] for box in evidence.boxes_of("report.organization")
    ]
    assert name_read_from_image(document, moved)
    whole_scan, scan_evidence = sample("scanned-reference-200", "ocr-expected")
    assert name_read_from_image(whole_scan, Evidence.from_dict(scan_evidence))
    printed, printed_evidence = sample("reference-chromium")
    assert not name_read_from_image(printed, Evidence.from_dict(printed_evidence))


# The nearest known name ------------------------------------------------------------------------


def known(name: str, province: str | None = PROVINCE, org_id: int | None = 1) -> KnownName:
    return KnownName(name, province, None, org_id)


def read(name: str, province: str | None = PROVINCE) -> OrganisationKey:
    return OrganisationKey(name, province, None)


def test_a_letter_or_two_off_one_known_name_is_that_name():
    assert nearest(read(MISREAD), [known(PAO)])[0] == known(PAO)
    two_off = "องค์การบริหารส่วนจังหวัดกาพสินธ์"
    assert nearest(read(two_off), [known(PAO)])[0] == known(PAO)
    assert nearest(read(TOO_FAR), [known(PAO)])[0] is None
    # The province counts with the name: a name right in another province is another name.
    assert nearest(read(MISREAD, "ขอนแก่น"), [known(PAO)])[0] is None
    assert nearest(read(PAO, "กาฬสินธ์"), [known(PAO)])[0] == known(PAO)
    # A province not read counts for nothing; a name in two provinces is then no answer.
    assert nearest(read(MISREAD, None), [known(PAO)])[0] == known(PAO)
    elsewhere = known(PAO, "ขอนแก่น", org_id=2)
    assert nearest(read(PAO, None), [known(PAO), elsewhere])[0] is None


def test_two_known_names_in_reach_are_no_answer_unless_one_is_read_exactly():
    near = [known("เทศบาลตำบลบ้านนา", org_id=1), known("เทศบาลตำบลบ้านนาง", org_id=2)]
    matched, within, exact = nearest(read("เทศบาลตำบลบ้านนาข"), near)
    assert matched is None and len(within) == 2 and not exact
    matched, _, exact = nearest(read("เทศบาลตำบลบ้านนา"), near)
    assert matched == near[0] and exact


def test_one_organisation_known_by_report_and_registry_is_one_name():
    registry = KnownName("อบจ.กาฬสินธุ์", "จังหวัดกาฬสินธุ์", "อำเภอเมืองกาฬสินธุ์")
    matched, within, _ = nearest(read(MISREAD), [registry, known(PAO, org_id=7)])
    assert matched is not None and matched.organisation_id == 7 and within == (matched,)
    matched, _, _ = nearest(read(MISREAD), [registry])
    assert matched == registry
    assert matched.organisation() == OrganisationKey(PAO, PROVINCE, "เมืองกาฬสินธุ์")


def test_registry_entries_of_one_name_and_province_are_told_apart_by_district():
    entries = [
        KnownName("อบต.โนนสูง", "จังหวัดอุดรธานี", "อำเภอหนองหาน"),
        KnownName("อบต. โนนสูง", "จังหวัดอุดรธานี", "อำเภอเมืองอุดรธานี"),
    ]
    misread = "องค์การบริหารส่วนตำบลโนนสุง"
    in_district = OrganisationKey(misread, "อุดรธานี", "หนองหาน")
    assert nearest(in_district, entries)[0] == entries[0]
    matched, within, _ = nearest(OrganisationKey(misread, "อุดรธานี", None), entries)
    assert matched is None and within == tuple(entries)


# Loading ---------------------------------------------------------------------------------------


@on_both()
def test_a_misread_name_joins_the_organisation_read_from_text(database):
    printed = load_document(database, *text_report())
    misread = load_document(database, *scan(MISREAD))
    assert organisations(database) == [PAO]
    report, document = stored(database, misread.report_id)
    assert (report.organisation_name, report.organisation_name_matched) == (MISREAD, PAO)
    assert report.organisation_name_from_image
    assert document["report"]["organization"] == MISREAD  # the document as read
    [warning] = name_warnings(document)
    assert f'"{MISREAD}", taken as "{PAO}"' in warning["message"]
    assert "from a text layer" in warning["message"]
    text_row, _ = stored(database, printed.report_id)
    assert report.organisation_id == text_row.organisation_id
    assert not text_row.organisation_name_from_image and text_row.organisation_name_matched is None
    # One report of the round is current: its findings are not there twice.
    with database.engine.connect() as connection:
        current = connection.execute(text("SELECT count(*) FROM current_reports")).scalar_one()
    assert current == 1
    assert misread.superseded_id == printed.report_id or misread.current_id == printed.report_id


@on_both()
def test_a_name_with_nothing_known_near_it_is_kept_with_a_warning(database):
    first = load_document(database, *scan(MISREAD))
    report, document = stored(database, first.report_id)
    assert (report.organisation_name_matched, report.organisation_name_from_image) == (None, True)
    [warning] = name_warnings(document)
    assert "kept as read: no name raingan holds" in warning["message"]
    assert warning["page"] is None  # the committed evidence does not say where it was read
    load_document(database, *text_report())
    far = load_document(database, *scan(TOO_FAR, "far"))
    report, document = stored(database, far.report_id)
    assert report.organisation_name_matched is None
    assert "kept as read" in name_warnings(document)[0]["message"]
    # A name read from an image is never a name raingan holds: the misreading again is taken
    # as the printed name, not as the organisation the first scan made.
    again = load_document(database, *scan(MISREAD, "again"))
    report, _ = stored(database, again.report_id)
    assert report.organisation_name_matched == PAO
    assert organisations(database) == sorted([PAO, MISREAD, TOO_FAR])


@on_both()
def test_a_name_near_two_known_names_is_kept(database):
    load_document(database, *text_report("เทศบาลตำบลบ้านนา", "a"))
    load_document(database, *text_report("เทศบาลตำบลบ้านนาง", "b"))
    loaded = load_document(database, *scan("เทศบาลตำบลบ้านนาข"))
    report, document = stored(database, loaded.report_id)
    assert report.organisation_name_matched is None
    [warning] = name_warnings(document)
    assert "kept as read: more than one name" in warning["message"]
    assert '"เทศบาลตำบลบ้านนา"' in warning["message"]


@on_both()
def test_a_name_read_from_a_text_layer_is_never_matched(database):
    load_document(database, *text_report())
    loaded = load_document(database, *text_report(MISREAD, "text-misprinted"))
    report, document = stored(database, loaded.report_id)
    assert (report.organisation_name_matched, report.organisation_name_from_image) == (None, False)
    assert name_warnings(document) == []
    assert organisations(database) == sorted([PAO, MISREAD])


@on_both()
def test_a_misread_name_is_taken_as_the_registry_s(database):
    registry = read_registry(
        "code,name,province,district\n6400001,อบจ.กาฬสินธุ์,จังหวัดกาฬสินธุ์,อำเภอเมืองกาฬสินธุ์\n"
    )
    with database.sessions() as session, session.begin():
        replace_registry(session, registry, utc_now())
    misread = load_document(database, *scan(MISREAD))
    report, document = stored(database, misread.report_id)
    assert report.organisation_name_matched == "อบจ.กาฬสินธุ์"
    assert "the one name in the registry" in name_warnings(document)[0]["message"]
    assert organisations(database) == [PAO]  # in full, as reports print it
    printed = load_document(database, *text_report())
    assert stored(database, printed.report_id)[0].organisation_id == report.organisation_id


@pytest.fixture(scope="module")
def whole_scan() -> tuple[dict, dict]:
    """The 200-dpi scan parsed with OCR, every page read from its image: the document and the
    evidence (where the name was read) that the ingest loads."""
    data = (SAMPLES_DIR / "scanned-reference-200.pdf").read_bytes()
    parsed = parse_report(data, filename="scanned-reference-200.pdf")
    return parsed.document, parsed.evidence.to_dict()


@on_both()
def test_a_parsed_scan_joins_the_printed_report_and_a_misreading_is_placed(database, whole_scan):
    document, evidence = whole_scan
    assert document["report"]["organization"] == PAO
    printed = load_document(database, *text_report())
    scanned = load_document(database, document, evidence)
    report, stored_document = stored(database, scanned.report_id)
    assert report.organisation_name_from_image
    assert report.organisation_id == stored(database, printed.report_id)[0].organisation_id
    if document["report"]["province"] == PROVINCE:  # read as printed: nothing to take
        assert report.organisation_name_matched is None and name_warnings(stored_document) == []
    else:  # no province read (the location line misread): the name alone decides
        assert report.organisation_name_matched == PAO
        [warning] = name_warnings(stored_document)
        assert f'taken as "{PAO}" ({PROVINCE})' in warning["message"]
    misread = with_source(document, "misread")
    misread["report"]["organization"] = MISREAD
    report, stored_document = stored(database, load_document(database, misread, evidence).report_id)
    assert report.organisation_name_matched == PAO
    [warning] = name_warnings(stored_document)
    assert warning["page"] == min(box[0] for box in evidence["boxes"]["report.organization"])
    assert organisations(database) == [PAO]


# The migration ---------------------------------------------------------------------------------

SEEDED_REPORT = "(SELECT id FROM reports WHERE organisation_name = 'เทศบาลตำบลทดสอบ')"


@on_both("empty_database_url")
@pytest.mark.parametrize(
    ("evidence", "page", "from_image"),
    [
        ('{"boxes": {"report.organization": [[2, 1, 2, 3, 4]]}}', 2, True),
        ('{"boxes": {"report.organization": [[2, 1, 2, 3, 4]]}}', 1, False),
        ('{"section_pages": {"memo": [1]}}', 1, False),
        ("{}", 1, True),
    ],
)
def test_revision_0007_marks_names_already_read_from_images(
    empty_database_url, evidence, page, from_image
):
    from models.engine import make_engine
    from tests.test_models_schema import seed_0006

    engine = make_engine(empty_database_url)
    try:
        upgrade(engine, "0006")
        with engine.begin() as connection:
            seed_0006(connection)
            connection.execute(
                text(
                    f"UPDATE report_documents SET evidence = :e WHERE report_id = {SEEDED_REPORT}"
                ),
                {"e": evidence},
            )
            connection.execute(
                text(
                    "INSERT INTO parse_warnings (report_id, ordinal, page, message) VALUES"
                    f" ({SEEDED_REPORT}, 0, :page, :message)"
                ),
                {"page": page, "message": f"ocr: page {page} read from its image (mean 90%)"},
            )
        upgrade(engine)
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT organisation_name_from_image, organisation_name_matched FROM reports")
            ).one()
        assert (bool(row[0]), row[1]) == (from_image, None)
        downgrade(engine, "0006")
        with engine.connect() as connection:
            columns = connection.execute(text("SELECT * FROM reports")).keys()
        assert "organisation_name_from_image" not in columns
    finally:
        engine.dispose()
