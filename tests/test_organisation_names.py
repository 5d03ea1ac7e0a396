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
from typer.testing import CliRunner

from checks.evidence import Evidence
from models.load import utc_now
from models.migrate import downgrade, upgrade
from models.name_match import KnownName, doubtful_name, name_read_from_image, nearest
from models.read import FindingSelection, finding_rows, findings_by_rule, read_document
from models.registry import read_registry, replace_registry
from models.rows import OrganisationKey
from models.tables import Organisation, Report
from models.workbench import Query, ReportsQuery, findings_page, reports_page
from parsers import parse_report
from parsers.sections.doubt import forget
from parsers.sections.forgotten_readings import doubtful_reading
from parsers.sections.parse_warnings import WarningLog
from raingan.cli import app
from tests.contract import SAMPLES_DIR, read_json
from tests.databases import Database, load_document, on_both, with_source

pytest_plugins = ("tests.database_fixtures",)

PAO = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
MISREAD = "องค์การบริหารส่วนจังหวัดกาฬสินธ์"  # the scan's reading in the issue: ุ lost
TOO_FAR = "องค์การบริหารส่วนจังหวัดกาฬสิน"  # three letters short
PROVINCE = "กาฬสินธุ์"
REGISTRY = "code,name,province,district\n6400001,อบจ.กาฬสินธุ์,จังหวัดกาฬสินธุ์,อำเภอเมืองกาฬสินธุ์\n"


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
@pytest.mark.parametrize("read", ["misread", "doubtful"])
def test_a_misread_name_is_taken_as_the_registry_s(database, read):
    """Read a letter off (given), or too doubtfully to give (null, its reading warned of)."""
    with database.sessions() as session, session.begin():
        replace_registry(session, read_registry(REGISTRY), utc_now())
    made = scan(MISREAD) if read == "misread" else doubtful_scan(MISREAD)
    misread = load_document(database, *made)
    report, document = stored(database, misread.report_id)
    assert report.organisation_name_matched == "อบจ.กาฬสินธุ์"
    assert "the one name in the registry" in name_warnings(document)[0]["message"]
    assert organisations(database) == [PAO]  # in full, as reports print it
    printed = load_document(database, *text_report())
    assert stored(database, printed.report_id)[0].organisation_id == report.organisation_id


# Names read too doubtfully to give ---------------------------------------------------------------
# The parse nulls a name a word of which was read doubtfully (parsers.sections.doubt), its reading
# in a warning; the load still matches that reading, and takes it only as a known name.


def forgotten(document: dict, *keys: str) -> dict:
    """`document` as the parse gives it when the report's `keys` were read doubtfully: null,
    each with the parser's own warning saying what it read."""
    log = WarningLog()
    for key in keys:
        forget(document["report"], key, f"report.{key}", log)
    document["parse_warnings"] = [*document["parse_warnings"], *log.to_list()]
    return document


def doubtful_scan(reading: str, copy_name: str = "doubtful") -> tuple[dict, dict]:
    """The 200-dpi scan with its organisation's name read as `reading`, too doubtfully."""
    document, evidence = scan(reading, copy_name)
    return forgotten(document, "organization"), evidence


def without_name_warnings(document: dict[str, Any]) -> dict[str, Any]:
    kept = [w for w in document["parse_warnings"] if w not in name_warnings(document)]
    return {**document, "parse_warnings": kept}


def test_a_forgotten_reading_is_found_in_the_warnings_the_parse_gives():
    document, _ = scan("องค์การบริหารส่วนจังหวัด'กาฬสินธ์'")  # quotes read too
    forgotten(document, "organization", "province")
    assert document["report"]["organization"] is None and document["report"]["province"] is None
    assert doubtful_reading(document, "report.organization") == "องค์การบริหารส่วนจังหวัด'กาฬสินธ์'"
    assert doubtful_reading(document, "report.province") == PROVINCE
    assert doubtful_reading(document, "report.district") is None  # read surely
    assert doubtful_name(document) == OrganisationKey(
        "องค์การบริหารส่วนจังหวัด'กาฬสินธ์'", PROVINCE, "เมืองกาฬสินธุ์"
    )
    # A name given is no doubtful name; nor is a memo's field warned of otherwise.
    assert doubtful_name(scan(MISREAD)[0]) is None
    memo_warning = {"page": 1, "message": "ocr: memo.agency: 'x' read with low confidence: y"}
    assert doubtful_reading({"parse_warnings": [memo_warning]}, "memo.agency") is None


def with_province_read(document: dict, reading: str) -> dict:
    """`document` whose province the parse gave null as doubtful, having read `reading`."""
    forgotten(document, "province")
    document["parse_warnings"] = [
        {**w, "message": w["message"].replace(f"'{PROVINCE}'", f"'{reading}'")}
        for w in document["parse_warnings"]
    ]
    return document


def test_a_doubtful_province_that_is_a_province_counts_as_read():
    document = with_province_read(doubtful_scan(MISREAD)[0], "มหาสารคาม")
    read = doubtful_name(document)
    assert read == OrganisationKey(MISREAD, "มหาสารคาม", "เมืองกาฬสินธุ์")
    assert nearest(read, [known(PAO)])[0] is None  # another province: out of reach


def test_a_doubtful_province_that_is_none_of_the_77_counts_for_nothing():
    # The loopless scan's reading: one letter off in the name, two in the province.
    document = with_province_read(doubtful_scan(MISREAD)[0], "ภาพสินธุ์")
    read = doubtful_name(document)
    assert read == OrganisationKey(MISREAD, None, "เมืองกาฬสินธุ์")
    assert nearest(read, [known(PAO)])[0] == known(PAO)


@on_both()
def test_a_province_read_doubtfully_is_compared_as_read_and_never_stored(database):
    load_document(database, *text_report())
    document, evidence = scan(MISREAD)
    loaded = load_document(database, with_province_read(document, "มหาสารคาม"), evidence)
    report, stored_document = stored(database, loaded.report_id)
    assert report.organisation_name_matched is None
    assert "kept as read: no name raingan holds" in name_warnings(stored_document)[0]["message"]
    with database.sessions() as session:
        kept = session.get_one(Organisation, report.organisation_id)
        assert (kept.name, kept.province) == (MISREAD, None)


@on_both()
def test_a_misread_name_whose_province_is_none_of_the_77_joins_the_printed_report(database):
    printed = load_document(database, *text_report())
    document, evidence = scan(MISREAD)
    loaded = load_document(database, with_province_read(document, "ภาพสินธุ์"), evidence)
    report, _ = stored(database, loaded.report_id)
    assert report.organisation_name_matched == PAO
    assert report.organisation_id == stored(database, printed.report_id)[0].organisation_id


@on_both()
def test_a_doubtful_name_joins_the_organisation_read_from_text(database):
    printed = load_document(database, *text_report())
    document, evidence = doubtful_scan(MISREAD)
    loaded = load_document(database, document, evidence)
    assert organisations(database) == [PAO]
    report, stored_document = stored(database, loaded.report_id)
    assert report.organisation_id == stored(database, printed.report_id)[0].organisation_id
    assert (report.organisation_name, report.organisation_name_matched) == (None, PAO)
    assert report.organisation_name_from_image
    assert stored_document["report"]["organization"] is None  # the document as parsed
    assert without_name_warnings(stored_document) == document
    [warning] = name_warnings(stored_document)
    assert warning["message"] == (
        f'ocr: organisation name read from its image with low confidence, "{MISREAD}"'
        f' ({PROVINCE}), taken as "{PAO}" ({PROVINCE}), the one name from a text layer'
        " within 2 letters of it"
    )
    assert loaded.superseded_id == printed.report_id or loaded.current_id == printed.report_id


@on_both()
def test_a_doubtful_name_read_exactly_is_taken_with_a_warning(database):
    load_document(database, *text_report())
    loaded = load_document(database, *doubtful_scan(PAO))
    report, document = stored(database, loaded.report_id)
    assert report.organisation_name_matched == PAO and organisations(database) == [PAO]
    assert "with low confidence" in name_warnings(document)[0]["message"]


@on_both()
def test_a_doubtful_name_with_nothing_known_near_it_gives_no_organisation(database):
    document, evidence = doubtful_scan(MISREAD)
    loaded = load_document(database, document, evidence)
    report, stored_document = stored(database, loaded.report_id)
    assert report.organisation_id is None and organisations(database) == []
    assert (report.organisation_name_matched, report.organisation_name_from_image) == (None, True)
    assert without_name_warnings(stored_document) == document  # nothing lost
    [warning] = name_warnings(stored_document)
    assert warning["message"].endswith(
        "no organisation given: no name raingan holds is within 2 letters of it"
    )
    assert f'"{MISREAD}" ({PROVINCE})' in warning["message"]
    # Nor is a name too far from the one known taken.
    load_document(database, *text_report())
    far = load_document(database, *doubtful_scan(TOO_FAR, "far"))
    assert stored(database, far.report_id)[0].organisation_id is None
    assert organisations(database) == [PAO]


@on_both()
def test_a_doubtful_name_near_two_known_names_is_not_taken(database):
    load_document(database, *text_report("เทศบาลตำบลบ้านนา", "a"))
    load_document(database, *text_report("เทศบาลตำบลบ้านนาง", "b"))
    loaded = load_document(database, *doubtful_scan("เทศบาลตำบลบ้านนาข"))
    report, document = stored(database, loaded.report_id)
    assert (report.organisation_id, report.organisation_name_matched) == (None, None)
    [warning] = name_warnings(document)
    assert "no organisation given: more than one name raingan holds" in warning["message"]
    assert '"เทศบาลตำบลบ้านนา"' in warning["message"]
    assert '"เทศบาลตำบลบ้านนาง"' in warning["message"]
    assert organisations(database) == ["เทศบาลตำบลบ้านนา", "เทศบาลตำบลบ้านนาง"]


@on_both()
def test_listings_show_the_organisation_a_doubtful_name_was_taken_as(database):
    with database.sessions() as session, session.begin():
        replace_registry(session, read_registry(REGISTRY), utc_now())
    document, evidence = doubtful_scan(MISREAD)
    loaded = load_document(database, document, evidence)
    selection = FindingSelection(sha256_prefix=document["source"]["sha256"])
    with database.sessions() as session:
        rows = finding_rows(session, selection)
        page = findings_page(session, Query(selection))
        [counted] = findings_by_rule(session, [loaded.report_id])
        listed, _ = reports_page(session, ReportsQuery(selection))
    assert rows and page.rows and listed  # the scan's findings, and the report
    assert {row["organization"] for row in rows} == {PAO}
    assert {row["organization"] for row in page.rows} == {PAO}
    assert counted.organisation == PAO
    assert [row["organization"] for row in listed] == [PAO]


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


def parsed(name: str) -> tuple[dict, dict]:
    """A committed sample parsed as the ingest parses it (OCR on): document and evidence."""
    result = parse_report((SAMPLES_DIR / f"{name}.pdf").read_bytes(), filename=f"{name}.pdf")
    return result.document, result.evidence.to_dict()


@pytest.fixture(scope="module")
def doubtfully_read_scan() -> tuple[dict, dict]:
    """The black-and-white 200-dpi scan of the reference report: a letter of its
    organisation's name is read doubtfully (…กาฬสินธ์), and the parse gives no name."""
    return parsed("scanned-reference-200-bw")


def assert_doubtful_name(document: dict[str, Any]) -> None:
    """The parse gives the name null, and says what it read (so that, should OCR come to read
    it surely, these tests say they no longer test what they were written for)."""
    assert document["report"]["organization"] is None
    assert doubtful_name(document) is not None


@pytest.mark.slow
@on_both()
def test_a_doubtfully_read_scan_joins_the_printed_report(database, doubtfully_read_scan):
    document, evidence = doubtfully_read_scan
    assert_doubtful_name(document)
    printed = load_document(database, *parsed("reference-reportlab"))
    scanned = load_document(database, document, evidence)
    assert organisations(database) == [PAO]
    report, stored_document = stored(database, scanned.report_id)
    assert report.organisation_id == stored(database, printed.report_id)[0].organisation_id
    assert report.organisation_name_matched == PAO
    [warning] = name_warnings(stored_document)
    assert f'low confidence, "{doubtful_name(document).name}"' in warning["message"]
    assert f'taken as "{PAO}" ({PROVINCE}), the one name from a text layer' in warning["message"]
    assert warning["page"] == min(box[0] for box in evidence["boxes"]["report.organization"])
    with database.engine.connect() as connection:
        current = connection.execute(text("SELECT count(*) FROM current_reports")).scalar_one()
    assert current == 1


@pytest.mark.slow
@on_both()
def test_a_doubtfully_read_scan_alone_is_taken_as_the_imported_registry_s(
    database, doubtfully_read_scan, tmp_path
):
    registry = tmp_path / "registry.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    env = {"RAINGAN_HOME": str(tmp_path / "home"), "RAINGAN_DATABASE_URL": database.url}
    imported = CliRunner().invoke(app, ["organisations", "import", str(registry)], env=env)
    assert imported.exit_code == 0, imported.stderr
    document, evidence = doubtfully_read_scan
    assert_doubtful_name(document)
    report, stored_document = stored(
        database, load_document(database, document, evidence).report_id
    )
    assert report.organisation_name_matched == "อบจ.กาฬสินธุ์"
    assert "the one name in the registry" in name_warnings(stored_document)[0]["message"]
    assert organisations(database) == [PAO]


@pytest.mark.slow
@on_both()
def test_a_doubtfully_read_scan_with_nothing_known_loads_without_organisation(
    database, doubtfully_read_scan
):
    document, evidence = doubtfully_read_scan
    assert_doubtful_name(document)
    loaded = load_document(database, document, evidence)
    report, stored_document = stored(database, loaded.report_id)
    assert report.organisation_id is None and organisations(database) == []
    assert without_name_warnings(stored_document) == document  # nothing lost
    [warning] = name_warnings(stored_document)
    assert "no organisation given: no name raingan holds" in warning["message"]


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
