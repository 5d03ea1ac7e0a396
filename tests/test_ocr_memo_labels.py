"""A memo's reference label read from its image without its marks (ที่ read ที): the form
prints it at the start of the line holding the date's label, and there its letters are the
label (parsers.sections.memo.label_by_letters). Before, the reference ran into the agency:
the agency, the phone number and the reference were all null, on 7 of the N = 1,000 draw's
scanned memos (the Word-like export in Laksaman, Chromium in Kinnari, ReportLab in Loma)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import Limits, parse_report
from parsers.layout.page import Word
from parsers.sections.memo import TextLine, header_fields
from sample_reports.generator.matrix.cases import draw_case
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document


def line(*texts: str, confidence: float | None = 90.0) -> TextLine:
    """Words as Tesseract read them (a confidence) or a text layer printed them (None)."""
    return TextLine(
        [
            Word(40.0 * i, 100.0, 40.0 * i + 35, 112.0, text=t, confidence=confidence)
            for i, t in enumerate(texts)
        ]
    )


def header(*lines: TextLine) -> dict[str, str]:
    return header_fields(list(lines))[0]


AGENCY = ("ส่วนราชการ", "สำนักปลัด", "อบต.สว่างแดนดิน", "โทร.", "0-4272-1226")
SUBJECT = ("เรื่อง", "รายงานผลการดำเนินงาน")

# The reference's line as Tesseract read it on the draw's scanned memos (cases 315, 344, 76).
READ_WITHOUT_MARKS = [
    (("ที", "สน", "63221/972", "วันที่", "26", "ก.ย.", "67"), "สน 63221/972"),
    (("ทีนฐ62445/882", "วันที่", "2", "ก.ค.", "67"), "นฐ62445/882"),
    (("ทิ", "สก", "54480/503", "วัน", "ที่", "5", "ต.ค.", "68"), "สก 54480/503"),
]


@pytest.mark.parametrize(("read", "reference"), READ_WITHOUT_MARKS)
def test_a_reference_label_read_without_its_marks_starts_the_reference(read, reference):
    fields = header(line(*AGENCY), line(*read), line(*SUBJECT))
    assert fields["reference"] == reference
    assert fields["agency"] == "สำนักปลัด อบต.สว่างแดนดิน โทร. 0-4272-1226"


@pytest.mark.parametrize(
    "read",
    [
        ("ท", "สน", "63221/972", "วันที่", "26", "ก.ย.", "67"),  # no mark: an agency's code
        ("ทก", "63221/972", "วันที่", "26", "ก.ย.", "67"),  # the label lost, a code ท…
        ("ที", "สน", "63221/972"),  # no date's label on the line: nothing says what it is
    ],
)
def test_letters_alone_are_no_label_without_a_mark_or_the_dates_label(read):
    fields = header(line(*AGENCY), line(*read), line(*SUBJECT))
    assert "reference" not in fields


def test_a_text_layers_words_are_labels_only_as_printed():
    read = ("ที", "สน", "63221/972", "วันที่", "26", "ก.ย.", "67")
    fields = header(line(*AGENCY, confidence=None), line(*read, confidence=None))
    assert "reference" not in fields


# Scanned memos of the draw (seed 1) whose reference label Tesseract read ที.
MEMOS = [(1, 76), (1, 344)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), MEMOS)
def test_a_scanned_memo_reads_its_phone_and_reference(seed, index, tmp_path: Path):
    case = draw_case(seed, index)
    assert case.scan is not None and case.scan.memo_only, "the draw changed: choose others"
    made = make_case(case, tmp_path)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    memo, truth = parsed.document["memo"], made.truth["memo"]
    assert memo is not None
    assert (memo["phone"], memo["reference"]) == (truth["phone"], truth["reference"])
    assert memo["agency"] in (None, truth["agency"])  # its words may be doubted on their own
    assert score_document(made.truth, parsed.document).wrong_places == []
