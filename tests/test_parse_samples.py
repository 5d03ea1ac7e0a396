"""Every sample report parses to its expected document; every file to reject gets its code.

The expected documents (`NAME.expected.json`) are what a sample says WITHOUT reading pages from
their images (OCR off); `tests/test_ocr_samples.py` compares the scans' OCR readings with their
`NAME.ocr-expected.json`."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import Evidence
from parsers import Rejected, parse_report
from parsers.safety.limits import Limits
from tests.comparison import comparable_document, differences
from tests.contract import SAMPLES_DIR, read_json, reference_document, validate

EXPECTED = sorted(SAMPLES_DIR.glob("*.expected.json"))
NO_OCR = Limits(ocr=False)  # the expected documents are the samples as read without OCR


def sample_pdf(expected_path: Path) -> Path:
    return expected_path.with_name(expected_path.name.removesuffix(".expected.json") + ".pdf")


REPORTS = [p for p in EXPECTED if "rejected" not in read_json(p)]
REJECTS = [p for p in EXPECTED if "rejected" in read_json(p)]


def test_the_corpus_has_reports_and_files_to_reject():
    assert len(REPORTS) >= 10
    assert {read_json(p)["rejected"]["code"] for p in REJECTS} >= {
        "not_pdf",
        "corrupt_pdf",
        "encrypted_pdf",
        "no_text_layer",
        "not_a_report",
    }


def ocr_truth(expected_path: Path) -> Path:
    """A scan's `NAME.ocr-expected.json`: where it exists, `NAME.evidence.json` is of OCR mode."""
    return expected_path.with_name(expected_path.name.replace(".expected.", ".ocr-expected."))


@pytest.fixture(scope="module")
def parsed():
    cache: dict[tuple[Path, Limits], object] = {}

    def parse(pdf: Path, limits: Limits = NO_OCR):
        if (pdf, limits) not in cache:
            cache[pdf, limits] = parse_report(pdf.read_bytes(), filename=pdf.name, limits=limits)
        return cache[pdf, limits]

    return parse


@pytest.mark.parametrize("expected_path", REPORTS, ids=lambda p: p.name)
def test_report_parses_to_its_expected_document(expected_path, parsed):
    expected = read_json(expected_path)
    result = parsed(sample_pdf(expected_path))
    validate(result.document)
    problems = differences(comparable_document(result.document), comparable_document(expected))
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("expected_path", REPORTS, ids=lambda p: p.name)
def test_evidence_matches_the_layout(expected_path, parsed):
    evidence_path = expected_path.with_name(
        expected_path.name.replace(".expected.json", ".evidence.json")
    )
    expected = Evidence.from_dict(read_json(evidence_path))
    limits = Limits() if ocr_truth(expected_path).is_file() else NO_OCR
    actual = parsed(sample_pdf(expected_path), limits).evidence
    assert actual.checkbox_marks == expected.checkbox_marks
    for section, pages in expected.section_pages.items():
        assert actual.section_pages.get(section) == pages, section


REFERENCE_SAMPLES = [p for p in REPORTS if p.name.startswith("reference-")]


def test_the_reference_is_produced_several_ways():
    assert len(REFERENCE_SAMPLES) >= 3


@pytest.mark.parametrize("expected_path", REFERENCE_SAMPLES, ids=lambda p: p.name)
def test_reference_pdfs_parse_to_the_contract_reference(expected_path, parsed):
    """Whichever producer made it, the reference parses to reference.expected.json."""
    document = parsed(sample_pdf(expected_path)).document
    reference = reference_document()
    actual, wanted = (
        comparable_document(document, layout=False),
        comparable_document(reference, layout=False),
    )
    if document["memo"] is None:  # filed with a scanned memo: the rest must still be there
        wanted["memo"] = None
    problems = differences(actual, wanted)
    assert not problems, "\n".join(problems[:40])
    assert len(document["findings"]) == 10


@pytest.mark.parametrize("expected_path", REJECTS, ids=lambda p: p.name)
def test_file_is_rejected_with_its_code(expected_path):
    with pytest.raises(Rejected) as raised:
        parse_report(
            sample_pdf(expected_path).read_bytes(), filename=expected_path.name, limits=NO_OCR
        )
    assert raised.value.code.value == read_json(expected_path)["rejected"]["code"]
    assert raised.value.reason


# A sample printed with a text layer on every page: OCR, switched on, has nothing to read.
TEXT_LAYER_SAMPLE = SAMPLES_DIR / "reference-libreoffice.expected.json"


def test_a_text_layer_sample_parses_the_same_with_ocr_on(parsed):
    pdf = sample_pdf(TEXT_LAYER_SAMPLE)
    with_ocr = parse_report(pdf.read_bytes(), filename=pdf.name, limits=Limits(ocr=True))
    assert not [w for w in with_ocr.document["parse_warnings"] if w["message"].startswith("ocr")]
    assert with_ocr.document == parsed(pdf).document
    problems = differences(
        comparable_document(with_ocr.document), comparable_document(read_json(TEXT_LAYER_SAMPLE))
    )
    assert not problems, "\n".join(problems[:40])
