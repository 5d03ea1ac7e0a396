"""The sample corpus stays what its generator says: expected documents rebuilt from the data
model in pure Python (no Chromium, no system fonts) equal the committed ones, validate against
the contract, and the reference samples equal the contract's reference document."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from checks.catalogue import Rule
from sample_reports.generator import bulk
from sample_reports.generator.broken_text import broken_text_of
from sample_reports.generator.catalogue import (
    REJECTS,
    SAMPLES,
    SAMPLES_DIR,
    Sample,
    evidence_path,
    expected_path,
    ocr_expected_path,
    pdf_path,
)
from sample_reports.generator.index import INDEX, index_markdown
from sample_reports.generator.reference import reference_report
from sample_reports.generator.scanner import Scanner, signing_places
from tests.comparison import comparable_document, differences
from tests.contract import read_json, reference_document, validate

REJECTION_CODES = {"not_pdf", "corrupt_pdf", "encrypted_pdf", "no_text_layer", "not_a_report"}
# The reference report through every producer: each must be the contract's reference document.
REFERENCES = [s for s in SAMPLES if s.base is reference_report and not s.mutations]
# Printed and scanned: two expected documents each (without OCR, with it).
SCANS = [s for s in SAMPLES if s.filing is not None]
OCR_WARNING = "ocr: page {} read from its image"


def committed_source(sample: Sample) -> dict:
    pdf = pdf_path(sample.name)
    return {
        "file": pdf.name,
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
        "pages": sample.layout().page_count,
    }


def unread_pages(sample: Sample) -> list[int]:
    """The pages a sample prints without a usable text layer (a scan, a damaged font)."""
    if sample.name == "reference-scanned-memo":
        return [1]
    return sorted({*sample.unusable_pages, *sample.scanned_pages()})


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def as_json(value: object) -> object:
    return json.loads(json.dumps(value, ensure_ascii=False))


def pdf_pages(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def test_every_file_in_the_corpus_is_in_the_catalogue():
    names = [s.name for s in SAMPLES] + [r.name for r in REJECTS]
    assert len(names) == len(set(names))
    committed = {p.name.removesuffix(".expected.json") for p in SAMPLES_DIR.glob("*.expected.json")}
    assert committed == set(names)
    assert {p.stem for p in SAMPLES_DIR.glob("*.pdf")} == set(names)
    assert {p.name for p in SAMPLES_DIR.iterdir() if p.is_file()} - {
        f"{name}{suffix}"
        for name in names
        for suffix in (".pdf", ".expected.json", ".evidence.json")
    } - {ocr_expected_path(s.name).name for s in SCANS} == {"README.md", "__init__.py"}
    assert {p.name.removesuffix(".evidence.json") for p in SAMPLES_DIR.glob("*.evidence.json")} == {
        s.name for s in SAMPLES
    }
    assert {p.name.removesuffix(".ocr-expected.json") for p in SAMPLES_DIR.glob("*.ocr-*")} == {
        s.name for s in SCANS
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_expected_document_is_rebuilt_from_the_model(sample):
    document, evidence = sample.expected(committed_source(sample))
    assert as_json(document) == read_json(expected_path(sample.name))
    assert as_json(evidence.to_dict()) == read_json(evidence_path(sample.name))


@pytest.mark.parametrize("sample", SCANS, ids=lambda s: s.name)
def test_ocr_expected_document_is_rebuilt_from_the_model(sample):
    document, evidence = sample.ocr_expected(committed_source(sample))
    assert as_json(document) == read_json(ocr_expected_path(sample.name))
    assert as_json(evidence.to_dict()) == read_json(evidence_path(sample.name))


def documents_of(sample: Sample) -> list[dict]:
    """A sample's expected documents that are reports (a scan without OCR may be rejected)."""
    documents = [read_json(expected_path(sample.name))]
    if sample.filing is not None:
        documents.append(read_json(ocr_expected_path(sample.name)))
    return [d for d in documents if "rejected" not in d]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)
def test_expected_document_follows_the_contract(sample):
    for document in documents_of(sample):
        validate(document)
        assert document["source"]["file"] == f"{sample.name}.pdf"
        assert pdf_pages(pdf_path(sample.name)) == document["source"]["pages"]
        pages = {row["page"] for row in document["projects"]}
        assert pages <= set(range(1, document["source"]["pages"] + 1))


@pytest.mark.parametrize("reject", REJECTS, ids=lambda r: r.name)
def test_files_to_reject_name_a_contract_code(reject):
    assert read_json(expected_path(reject.name)) == {"rejected": {"code": reject.code}}
    assert reject.code in REJECTION_CODES
    assert pdf_path(reject.name).exists()


def test_every_rejection_code_is_exercised():
    assert {r.code for r in REJECTS} == REJECTION_CODES


def assert_the_reference(document: dict, memo_read: bool = True) -> None:
    actual = comparable_document(document, layout=False)
    wanted = comparable_document(reference_document(), layout=False)
    if not memo_read:
        wanted["memo"] = None
    problems = differences(actual, wanted)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("sample", REFERENCES, ids=lambda s: s.name)
def test_reference_samples_are_the_contract_reference(sample):
    """Without OCR: the reference, less an unread memo page; a scan with no report page
    to read is rejected."""
    document = read_json(expected_path(sample.name))
    unread = unread_pages(sample)
    if "rejected" in document:
        assert document == {"rejected": {"code": "no_text_layer"}}
        # every report page unread (page 1, the memo, is no report page)
        report_pages = set(range(2, sample.layout().page_count + 1))
        assert sample.filing is not None and report_pages <= set(unread)
        return
    if unread:  # in these samples, the memo page
        assert [w["page"] for w in document["parse_warnings"]] == unread == [1]
    else:
        assert document["parse_warnings"] == []
    assert_the_reference(document, memo_read=not unread)


@pytest.mark.parametrize("sample", SCANS, ids=lambda s: s.name)
def test_scans_read_with_ocr_are_the_contract_reference(sample):
    """With OCR every page is read: the reference, a warning per scanned page first."""
    document = read_json(ocr_expected_path(sample.name))
    scanned = list(sample.scanned_pages())
    assert document["parse_warnings"] == [
        {"page": page, "message": OCR_WARNING.format(page)} for page in scanned
    ]
    assert_the_reference(document)
    assert len(document["findings"]) == 10


def test_the_browser_reference_keeps_the_original_pages():
    """Same page breaks as the original: the contract's pages hold for it, source aside."""
    document = read_json(expected_path("reference-chromium"))
    reference = reference_document()
    document.pop("source"), reference.pop("source")
    assert comparable_document(document) == comparable_document(reference)


def test_the_reference_is_made_at_least_three_ways():
    assert len({s.producer for s in REFERENCES}) >= 3


def test_every_rule_of_the_catalogue_has_a_sample():
    rules = {f["rule"] for s in SAMPLES for d in documents_of(s) for f in d["findings"]}
    assert rules == {rule.value for rule in Rule}


def test_consistent_samples_have_no_findings():
    for sample in SAMPLES:
        if not sample.mutations and sample.base is not reference_report:
            assert read_json(expected_path(sample.name))["findings"] == [], sample.name


def test_the_pua_sample_has_the_broken_text_layer():
    found = broken_text_of(pdf_path("reference-pua"))
    assert found.pua and found.split_sara_am and found.tone_before_vowel


def test_browser_checkboxes_are_drawn_not_written():
    with pdfplumber.open(pdf_path("reference-chromium")) as pdf:
        list_page = pdf.pages[2]
        assert len(list_page.curves) >= 17  # a checked box per row, as vector paths
        assert not {"☑", "✓", "☐"} & {c["text"] for c in list_page.chars}


def test_reportlab_marks_are_glyphs():
    with pdfplumber.open(pdf_path("reference-reportlab")) as pdf:
        texts = [c["text"] for page in pdf.pages for c in page.chars]
    assert texts.count("☑") == 56
    assert texts.count("☐") == 56 * 3


def test_scans_have_no_text_layer_where_expected():
    with pdfplumber.open(pdf_path("reference-scanned-memo")) as pdf:
        assert not pdf.pages[0].chars and pdf.pages[0].images
        assert all(page.chars for page in pdf.pages[1:])
    with pdfplumber.open(pdf_path("reject-scanned")) as pdf:
        assert all(not page.chars and page.images for page in pdf.pages)


@pytest.mark.parametrize("sample", SCANS, ids=lambda s: s.name)
def test_scanned_pages_are_images_with_no_thai_text(sample):
    """Each scanned page is one image filling the page, with no Thai text (under a junk layer:
    Latin only); the other pages are the printed twin's, and the page count is the twin's."""
    scanned = set(sample.scanned_pages())
    with pdfplumber.open(pdf_path(sample.name)) as pdf:
        assert len(pdf.pages) == sample.printed_layout().page_count
        for number, page in enumerate(pdf.pages, 1):
            texts = [char["text"] for char in page.chars]
            if number not in scanned:
                assert any(map(is_thai, texts)) and not page.images, number
                continue
            assert not any(map(is_thai, texts)), number
            assert bool(texts) == sample.filing.junk_layer, number
            (image,) = page.images
            assert (image["width"], image["height"]) == pytest.approx((page.width, page.height))
            dpi = image["srcsize"][0] * 72 / page.width
            assert dpi == pytest.approx(sample.filing.scanner.dpi, rel=0.01)


def test_black_and_white_scans_are_one_bit_images():
    with pdfplumber.open(pdf_path("scanned-reference-200-bw")) as pdf:
        assert {image["bits"] for page in pdf.pages for image in page.images} == {1}
    with pdfplumber.open(pdf_path("scanned-reference-300")) as pdf:
        assert {image["bits"] for page in pdf.pages for image in page.images} == {8}


def test_the_signature_and_stamp_leave_the_memo_header_and_the_name_alone():
    """Placed from what the memo says: the signature above the author's name, the stamp beside
    it, both below the memo's header fields, neither over the printed name."""
    signer = reference_report().memo.signatures[0].person.name
    with pdfplumber.open(pdf_path("reference-libreoffice")) as pdf:
        page = pdf.pages[0]
        places = signing_places(page, signer, 72)  # at 72 dpi, pixels are points
        lines = page.extract_text_lines()
    addressee = next(line for line in lines if line["text"].startswith("เรียน"))
    name = next(line for line in lines if signer.split()[0] in line["text"])
    left, top, right, bottom = places.signature
    (cx, cy), radius = places.stamp_centre, places.stamp_radius
    assert top > addressee["bottom"] and cy - radius > addressee["bottom"]
    assert bottom <= name["top"] and left < name["x1"] and right > name["x0"]
    assert cx + radius < name["x0"] or cx - radius > name["x1"]


def test_the_scanner_is_deterministic_and_its_junk_layer_invisible(tmp_path):
    import pypdfium2

    scanner = Scanner(dpi=60, skew_degrees=1.0, noise_sigma=3, background=0.1, seed=7)
    printed = pdf_path("reference-libreoffice")
    outs = [tmp_path / f"{name}.pdf" for name in ("a", "b", "junk")]
    for out in outs:
        scanner.scan(printed, [2], out, junk_layer=out.stem == "junk")
    assert outs[0].read_bytes() == outs[1].read_bytes()
    with pdfplumber.open(outs[2]) as pdf:
        assert pdf.pages[0].chars  # the junk is there, as text
    pixels = [pypdfium2.PdfDocument(out)[0].render().to_pil().tobytes() for out in outs[1:]]
    assert pixels[0] == pixels[1]  # and shows nothing


def test_passwords():
    with pytest.raises(PdfminerException) as raised:
        pdfplumber.open(pdf_path("reject-user-password"))
    assert isinstance(raised.value.args[0], PDFPasswordIncorrect)
    assert (
        pdf_pages(pdf_path("owner-password"))
        == read_json(expected_path("owner-password"))["source"]["pages"]
    )


def test_not_pdf_files_are_not_pdf():
    assert pdf_path("reject-empty").read_bytes() == b""
    for name in ("reject-png", "reject-docx"):
        assert not pdf_path(name).read_bytes().startswith(b"%PDF")
    truncated = pdf_path("reject-truncated").read_bytes()
    assert truncated.startswith(b"%PDF") and b"%%EOF" not in truncated


def test_the_corpus_index_is_current():
    assert INDEX.read_text(encoding="utf-8") == index_markdown()


def test_bulk_generator_makes_distinct_valid_reports(tmp_path):
    names = bulk.generate(4, tmp_path, seed=11)
    assert len(names) == 4
    identities = set()
    for name in names:
        document = read_json(tmp_path / f"{name}.expected.json")
        validate(document)
        report = document["report"]
        identities.add((report["organization"], report["fiscal_year"], report["round_months"]))
        assert pdf_pages(tmp_path / f"{name}.pdf") == document["source"]["pages"]
        assert (tmp_path / f"{name}.evidence.json").exists()
    assert len(identities) == 4


def test_bulk_identities_never_repeat():
    identities = [i.name for i in bulk.identities(seed=5)]
    assert len(identities) == len(set(identities))
