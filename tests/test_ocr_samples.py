"""Scanned samples read from their images (OCR on) against their truth, `NAME.ocr-expected.json`
(what every page says), as issue 14's "done when" states it: every project and its status,
>= 99% of the figures right and none confidently wrong, no finding that is not the report's own,
the memo read; and the same scans with OCR switched off, or with no engine installed."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest

from checks import Evidence
from parsers import Rejected, parse_report
from parsers.safety.limits import Limits
from tests.comparison import comparable, comparable_document, differences
from tests.contract import SAMPLES_DIR, read_json, validate

pytestmark = pytest.mark.slow  # every scan read from its images: some 25 s each

TRUTHS = sorted(SAMPLES_DIR.glob("*.ocr-expected.json"))
SUFFIX = ".ocr-expected.json"
FULLY_SCANNED = "scanned-reference-200"
FILED_AS_USUAL = "scanned-filed-as-usual"
FILED_AT_150 = "scanned-filed-as-usual-150"  # the memo scanned at an office scanner's 150 dpi

# The tables whose every numeric field is a figure, one row per dimension, and their totals.
ROW_TABLES = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")
PROJECT_FIGURES = ("seq", "dimension", "budget", "disbursed")
TEXT_KEYS = {"level"}  # the implementation level's word: text, not a figure
MEMO_FIELDS = ("agency", "reference", "date", "subject", "addressee")
# The done-when holds the grey scans at 300 and 200 dpi to 99% of their figures; a
# 200-dpi black-and-white scan (its letters thickened, their marks run together) reads less:
# what it misses is null, never wrong (asserted for every scan alike).
FIGURES_RIGHT_AT_LEAST = {"scanned-reference-200-bw": 0.95}
# There a black stamp, broken into arcs, is not recognised as a stamp: the signature blocks
# beside it are not read (README, "Scanned reports", limits); the memo's header fields are,
# its date may be null (doubtful digits), never wrong.
MEMO_HEADER_ONLY = {"scanned-reference-200-bw"}
# There the subject's year prints a ๕ whose shape reads nearly as well as ๔ (a doubtful
# digit): the subject is null, with its `ocr:` warning, never a guess (contract 1.1).
MEMO_DOUBTFUL = {"scanned-junk-layer": {"subject"}}
# The web system's loopless font at 200 dpi: the memo's small type loses its marks and digits
# (๔ read ต): what is read of it is right, the rest null, never a near miss.
MEMO_RIGHT_OR_NULL = {"scanned-loopless-200"}
LOOPLESS = "scanned-loopless-200"
PAGE_READ = re.compile(r"ocr: page (\d+) read from its image \(mean confidence \d+%\)")
STATUS_DOUBT = ": status unknown"  # a row's status cells read from an image (no guess)


def name_of(truth: Path) -> str:
    return truth.name.removesuffix(SUFFIX)


def pdf_of(name: str) -> Path:
    return SAMPLES_DIR / f"{name}.pdf"


def test_every_scanned_sample_has_its_truth():
    names = {name_of(truth) for truth in TRUTHS}
    assert {"scanned-reference-300", FULLY_SCANNED, FILED_AS_USUAL, FILED_AT_150} <= names
    assert all(pdf_of(name).is_file() for name in names)


@pytest.fixture(scope="module")
def parsed_scan():
    """Each scan parsed once with OCR on (about 20 s each), by sample name."""
    cache: dict[str, Any] = {}

    def parse(name: str):
        if name not in cache:
            pdf = pdf_of(name)
            cache[name] = parse_report(pdf.read_bytes(), filename=pdf.name, limits=Limits())
        return cache[name]

    return parse


@pytest.fixture(scope="module")
def read_with_ocr(parsed_scan):
    """The document of a scan read with OCR, by sample name."""
    return lambda name: parsed_scan(name).document


# --- figures -------------------------------------------------------------------------------


def numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def figures(doc: dict[str, Any]) -> dict[str, Any]:
    """Every figure of the document by its place (`dimensions[1].budget_planned`), so that
    the truth's places say which figures there are, numeric or null there."""
    found: dict[str, Any] = {}

    def numbers_of(place: str, row: dict[str, Any] | None, keys=None) -> None:
        for key, value in (row or {}).items():
            if (keys is not None and key not in keys) or key in TEXT_KEYS:
                continue
            if keys is not None or numeric(value) or value is None:
                found[f"{place}.{key}"] = value

    for table in ROW_TABLES:
        for index, row in enumerate(doc.get(table) or []):
            numbers_of(f"{table}[d{row.get('dimension', index)}]", row)  # by dimension
        numbers_of(f"{table}_total", doc.get(f"{table}_total"))
    numbers_of("status_summary", doc.get("status_summary"))
    numbers_of("narrative", doc.get("narrative"))
    for index, project in enumerate(doc.get("projects") or []):
        numbers_of(f"projects[{index}]", project, PROJECT_FIGURES)
    return found


def same(actual: Any, truth: Any) -> bool:
    if numeric(actual) and numeric(truth):
        return math.isclose(actual, truth, rel_tol=0, abs_tol=1e-6)
    return actual == truth


def aligned(doc: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """`doc` with its project rows where the truth has them: by position when every row was
    read, else by printed number (a list page not read must not shift every later row)."""
    projects, wanted = doc.get("projects") or [], truth["projects"]
    if len(projects) == len(wanted):
        return doc
    by_seq: dict[Any, list[dict[str, Any]]] = {}
    for row in projects:
        by_seq.setdefault(row["seq"], []).append(row)
    rows = [
        by_seq.get(row["seq"], [{}])[0] if len(by_seq.get(row["seq"], [])) == 1 else {}
        for row in wanted
    ]
    return {**doc, "projects": rows}


def figure_comparison(doc: dict[str, Any], truth: dict[str, Any]):
    """(right, wrong, unknown, all) places: wrong = read as a figure other than the truth's."""
    actual, wanted = figures(aligned(doc, truth)), figures(truth)
    right = [place for place, value in wanted.items() if same(actual.get(place), value)]
    wrong = [
        f"{place}: {actual[place]!r}, truth {value!r}"
        for place, value in wanted.items()
        if actual.get(place) is not None and not same(actual[place], value)
    ]
    unknown = [
        place for place, value in wanted.items() if actual.get(place) is None and value is not None
    ]
    return right, wrong, unknown, wanted


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_scan_reads_to_a_valid_document(truth_path, read_with_ocr):
    doc = read_with_ocr(name_of(truth_path))
    validate(doc)
    assert doc["source"] == read_json(truth_path)["source"]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_every_project_is_read_in_order_with_its_status(truth_path, read_with_ocr):
    doc, truth = read_with_ocr(name_of(truth_path)), read_json(truth_path)
    projects, wanted = doc["projects"], truth["projects"]
    assert len(projects) == len(wanted)
    assert [p["page"] for p in projects] == [p["page"] for p in wanted]
    doubts = [w for w in doc["parse_warnings"] if STATUS_DOUBT in w["message"]]
    wrong, unknown = [], []
    for project, truth_row in zip(projects, wanted, strict=True):
        if project["status"] is None and truth_row["status"] is not None:
            warned = [
                w
                for w in doubts
                if w["message"].startswith("ocr:") and f"row {truth_row['seq']}:" in w["message"]
            ]
            (unknown if warned else wrong).append(f"{truth_row['seq']}: null, no ocr: warning")
        elif project["status"] != truth_row["status"]:
            wrong.append(f"{truth_row['seq']}: {project['status']} != {truth_row['status']}")
    assert not wrong, wrong  # a status read wrong, or unknown without saying so
    assert not unknown, f"statuses left unknown (with their ocr: warning): {unknown}"


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_no_figure_is_read_wrong_and_nearly_all_are_right(truth_path, read_with_ocr):
    doc, truth = read_with_ocr(name_of(truth_path)), read_json(truth_path)
    right, wrong, unknown, wanted = figure_comparison(doc, truth)
    assert len(wanted) > 300  # the tables, the list and the narrative are all there
    # A confident misreading is the one thing that accuses an organisation: none at all.
    assert not wrong, wrong
    share = len(right) / len(wanted)
    floor = FIGURES_RIGHT_AT_LEAST.get(name_of(truth_path), 0.99)
    assert share >= floor, f"{share:.1%} of {len(wanted)} figures right; unknown: {unknown}"


def finding_keys(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (f["rule"], f["field"], f["dimension"] or 0, f["seq"] or 0) for f in doc["findings"]
    )


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_findings_are_only_the_reports_own(truth_path, read_with_ocr):
    doc, truth = read_with_ocr(name_of(truth_path)), read_json(truth_path)
    actual, wanted = finding_keys(doc), finding_keys(truth)
    assert not set(actual) - set(wanted), "findings the report does not have"
    _right, _wrong, unknown, _wanted = figure_comparison(doc, truth)
    if not unknown:  # every figure read: exactly the report's findings
        assert actual == wanted


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_every_scanned_page_says_it_was_read_from_its_image(truth_path, read_with_ocr):
    doc, truth = read_with_ocr(name_of(truth_path)), read_json(truth_path)
    scanned = {w["page"] for w in truth["parse_warnings"] if w["message"].startswith("ocr: page")}
    assert scanned
    read = {}
    for warning in doc["parse_warnings"]:
        matched = PAGE_READ.fullmatch(warning["message"])
        if matched:
            assert int(matched.group(1)) == warning["page"]
            read[warning["page"]] = warning["message"]
    assert set(read) == scanned


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_evidence_matches_the_layout(truth_path, parsed_scan):
    """`NAME.evidence.json` is what an OCR parse shows beyond the document."""
    name = name_of(truth_path)
    expected = Evidence.from_dict(read_json(SAMPLES_DIR / f"{name}.evidence.json"))
    actual = parsed_scan(name).evidence
    assert actual.checkbox_marks == expected.checkbox_marks
    for section, pages in expected.section_pages.items():
        assert actual.section_pages.get(section) == pages, section


MEMO_SAMPLES = [truth for truth in TRUTHS if read_json(truth)["memo"] is not None]


@pytest.mark.parametrize("truth_path", MEMO_SAMPLES, ids=name_of)
def test_the_scanned_memo_is_read(truth_path, read_with_ocr):
    doc, truth = read_with_ocr(name_of(truth_path)), read_json(truth_path)
    memo, wanted = doc["memo"], truth["memo"]
    assert memo is not None
    if name_of(truth_path) in MEMO_RIGHT_OR_NULL:
        assert_right_or_null(memo, wanted)
        return
    header_only = name_of(truth_path) in MEMO_HEADER_ONLY
    doubtful = MEMO_DOUBTFUL.get(name_of(truth_path), set())
    warned = {
        key
        for key in doubtful
        if any(w["message"].startswith(f"ocr: memo.{key}:") for w in doc["parse_warnings"])
    }
    assert all(memo.get(key) is None for key in doubtful) and warned == doubtful
    wrong = [
        f"{key}: {memo.get(key)!r} != {wanted[key]!r}"
        for key in MEMO_FIELDS
        if comparable(memo.get(key)) != comparable(wanted[key])
        and not (header_only and key == "date" and memo.get(key) is None)
        and key not in doubtful
    ]
    if header_only:
        assert not wrong, wrong
        return
    author, wanted_author = (memo.get("signatories") or [{}])[0], wanted["signatories"][0]
    wrong += [
        f"signatories[0].{key}: {author.get(key)!r} != {wanted_author[key]!r}"
        for key in ("name", "position")
        if comparable(author.get(key)) != comparable(wanted_author[key])
    ]
    assert not wrong, wrong


def assert_right_or_null(memo: dict[str, Any], wanted: dict[str, Any]) -> None:
    wrong = [
        f"{key}: {memo.get(key)!r} != {wanted[key]!r}"
        for key in (*MEMO_FIELDS, "phone")
        if memo.get(key) is not None and comparable(memo[key]) != comparable(wanted[key])
    ]
    for index, signatory in enumerate(memo.get("signatories") or []):
        wrong += [
            f"signatories[{index}].{key}: {value!r}"
            for key, value in signatory.items()
            if value is not None
            and comparable(value) != comparable(wanted["signatories"][index][key])
        ]
    assert not wrong, wrong
    assert memo["addressee"] is not None


def test_a_loopless_font_scan_reads_every_dimension_and_checks_the_totals(read_with_ocr):
    """Noto Sans Thai (the web system's font) at 200 dpi: its header's มิติ reads มต, once
    every project's dimension was null and the totals were compared table with table (a
    CROSS_TABLE blaming the status table the list agrees with). Every dimension is read, and
    the totals are checked against the list."""
    doc, truth = read_with_ocr(LOOPLESS), read_json(SAMPLES_DIR / f"{LOOPLESS}{SUFFIX}")
    assert [row["dimension"] for row in doc["projects"]] == [
        row["dimension"] for row in truth["projects"]
    ]
    keys = set(finding_keys(doc))
    assert ("DIMENSION_COUNT", "dimensions_total.projects_done", 0, 0) in keys
    assert not [key for key in keys if key[0] == "CROSS_TABLE"]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=name_of)
def test_the_organisation_and_its_place_are_right_or_null_with_a_warning(truth_path, read_with_ocr):
    """The loopless scan reads its province ภาพสินธุ์ with full confidence: none of the 77
    provinces, so null with its warning (and its name, a letter off, null too), never a near
    miss that would make a second organisation."""
    doc, truth = read_with_ocr(name_of(truth_path)), read_json(truth_path)
    warned = " ".join(w["message"] for w in doc["parse_warnings"])
    for key in ("organization", "district", "province"):
        read, printed = doc["report"][key], truth["report"][key]
        assert read == printed or (read is None and f"report.{key}:" in warned), (key, read)


def test_the_memo_is_checked_on_the_filed_as_usual_and_the_fully_scanned():
    assert {FILED_AS_USUAL, FILED_AT_150, FULLY_SCANNED, "scanned-reference-300"} <= {
        name_of(truth) for truth in MEMO_SAMPLES
    }


# --- without OCR ---------------------------------------------------------------------------


def parse_sample(name: str, limits: Limits | None = None):
    pdf = pdf_of(name)
    return parse_report(pdf.read_bytes(), filename=pdf.name, limits=limits)


def test_a_scan_with_ocr_switched_off_is_rejected_naming_the_switch():
    with pytest.raises(Rejected) as raised:
        parse_sample(FULLY_SCANNED, Limits(ocr=False))
    assert raised.value.code.value == "no_text_layer"
    assert "RAINGAN_OCR" in raised.value.reason


@pytest.fixture
def no_engine(monkeypatch, tmp_path):
    """No Tesseract model anywhere: the Debian folders are gone, TESSDATA_PREFIX is empty."""
    from parsers.ocr import engine

    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setattr(engine, "TESSDATA_FOLDERS", ())
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    assert engine.engine_missing() is not None


def test_a_scan_without_the_engine_is_rejected_naming_the_package(no_engine):
    with pytest.raises(Rejected) as raised:
        parse_sample(FULLY_SCANNED)
    assert raised.value.code.value == "no_text_layer"
    assert "tesseract-ocr-tha" in raised.value.reason


def test_a_scanned_memo_without_the_engine_is_left_unread(no_engine):
    doc = parse_sample(FILED_AS_USUAL).document
    expected = read_json(SAMPLES_DIR / f"{FILED_AS_USUAL}.expected.json")
    assert doc["memo"] is None
    page_1 = [w["message"] for w in doc["parse_warnings"] if w["page"] == 1]
    assert len(page_1) == 1 and page_1[0].startswith("page")
    assert "without a text layer" in page_1[0]
    assert not [w for w in doc["parse_warnings"] if w["message"].startswith("ocr")]
    assert finding_keys(doc) == finding_keys(expected)
    problems = differences(comparable_document(doc), comparable_document(expected))
    assert not problems, "\n".join(problems[:40])
