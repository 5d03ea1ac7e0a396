"""Header labels as printers wrap them: mid-word, mid-syllable, over two to four lines, in
columns of any width, and split across a merged header cell.

The committed narrow-* samples wrap every label mid-word within one cell and parse exactly (a
cell's lines joined without white space are its label). The harder case built here: a label
in a cell merged down over two header rows whose lines fall on both sides of the rows' border
(the cell beside it is split in two), so that no single cell holds the whole label.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from parsers import parse_report
from parsers.language.vocabulary import STATUS_HEADERS, compact
from parsers.layout.borderless import band_of, word_space_em
from parsers.layout.columns import assign_by_words, assign_in_order
from parsers.layout.page import Word
from parsers.safety.limits import Limits
from parsers.sections.project_list import PROJECT_KEYS
from parsers.text_layer.page_reader import read_page
from parsers.text_layer.text_lines import chars_to_words
from sample_reports.generator import reportlab_render as draw
from sample_reports.generator.build import source_of
from sample_reports.generator.catalogue import SAMPLES
from sample_reports.generator.layout import PageKind
from sample_reports.generator.producers import Producer
from tests.comparison import comparable, differences
from tests.contract import SAMPLES_DIR

NARROW_SAMPLES = ["narrow-070", "narrow-055", "narrow-045", "narrow-sao-nongbua-2567-r12"]
STATUS_ORDER = ["pending_report", "in_progress", "completed", "unable"]


def label(fragments: Sequence[str]) -> str:
    """A cell's label from its lines, as parsers.layout.tables joins them."""
    return "".join(compact(fragment) for fragment in fragments)


@pytest.mark.parametrize(
    ("fragments", "key"),
    [
        (["ลำดั", "บ"], "seq"),
        (["ลำ", "ดั", "บ"], "seq"),
        (["รายการโครง", "การ (ตั้งต้น)"], "name"),
        (["มิ", "ติ"], "dimension"),
        (["งบประมา", "ณ", "(บาท)"], "budget"),
        (["งบ", "ประ", "มา", "ณ (บาท)"], "budget"),
        (["เบิก", "จ่า", "ย (บาท)"], "disbursed"),
        (["หมาย", "เห", "ตุ"], "remark"),
    ],
)
def test_wrapped_column_labels_name_their_column(fragments, key):
    labels = ["", "", "", "", "", ""]
    order = list(PROJECT_KEYS)
    labels[order.index(key)] = label(fragments)
    assert assign_in_order(labels, PROJECT_KEYS) == {key: order.index(key)}


@pytest.mark.parametrize(
    ("fragments", "status"),
    [
        (["รอ", "ราย", "งาน"], "pending_report"),
        (["อยู่ระห", "ว่าง", "ดำเนิ", "นการ"], "in_progress"),
        (["ดำเนิ", "น", "การ", "แล้วเสร็จ"], "completed"),
        (["ไม่สา", "มารถดำ", "เนินกา", "รได้"], "unable"),  # four lines, mid-syllable
    ],
)
def test_wrapped_status_labels_name_their_status(fragments, status):
    assert assign_by_words([label(fragments)], STATUS_HEADERS) == {status: 0}


@pytest.mark.parametrize("name", NARROW_SAMPLES)
def test_the_narrow_samples_read_every_column(name):
    """Labels wrapped mid-word in every column: every page read, no column missed."""
    result = parse_report((SAMPLES_DIR / f"{name}.pdf").read_bytes(), filename=f"{name}.pdf")
    assert not [w for w in result.document["parse_warnings"] if w["message"].startswith("projects")]
    assert all(row["status"] for row in result.document["projects"])


# --- A label split across the border of two header rows ------------------------------------

# A status group label long enough to wrap: the first header row grows taller than the second.
GROUP_LABEL = "สถานะการดำเนินงานของโครงการ กิจกรรม และมาตรการตามแผนปฏิบัติการป้องกันการทุจริต"
ROWS = [(1, "โครงการส่งเสริมคุณธรรม", 1, 0), (2, "โครงการโรงเรียนสุจริต", 2, 2), (3, "มาตรการ", 3, 3)]


def split_header_pdf(seq_label: str, seq_width: float) -> bytes:
    """One page of a project list whose first columns' labels (merged over both header rows)
    are taller than the second header row: their lines straddle the border between the rows,
    as a long status group label makes the first row tall."""
    fonts = draw.fonts_for(Producer.BULK)  # the bundled Thai font: no system fonts needed
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=draw.LANDSCAPE)
    writer = draw.Writer(canvas, fonts)
    h = {"header": True, "align": "center", "bold": True}
    labels = [seq_label, "รายการโครงการ", "มิติ", "งบประมาณ (บาท)", "เบิกจ่าย (บาท)"]
    rows = [
        [draw.Cell(text, rowspan=2, **h) for text in labels]
        + [draw.Cell(GROUP_LABEL, span=4, **h), draw.Cell("หมายเหตุ", rowspan=2, **h)],
        [draw.Cell(text, **h) for text in ("รอรายงาน", "อยู่ระหว่าง", "แล้วเสร็จ", "ไม่สามารถ")],
    ]
    for seq, name, dimension, status in ROWS:
        rows.append(
            [
                draw.Cell(str(seq), align="center"),
                draw.Cell(name),
                draw.Cell(str(dimension), align="center"),
                draw.Cell("1,000.00", align="right"),
                draw.Cell("0.00", align="right"),
                *(draw.Cell(mark=column == status) for column in range(4)),
                draw.Cell(""),
            ]
        )
    widths = [seq_width, 250.0, 22.0, 64.0, 64.0, 70.0, 70.0, 70.0, 70.0, 60.0]
    style = draw.TableStyle(size=9, leading=12, pad=3)
    draw.draw_table(writer, draw.MARGIN, draw.LANDSCAPE[1] - draw.MARGIN, widths, rows, style)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize(
    ("seq_label", "seq_width"),
    [
        ("ลำดับ", 14.0),  # ล / ำ above the border, ดั / บ below it
        ("ลำดับที่", 16.0),  # ลำ / ดั above, บ / ที่ below
        ("ลำดับที่", 22.0),  # ลำดั above, บที่ below
    ],
    ids=["four-lines", "two-above-two-below", "one-above-one-below"],
)
def test_a_label_split_across_two_header_rows_is_read(seq_label, seq_width):
    """The label is in no single cell: the table is told by its columns' joined labels (the
    header read row by row has ล ำ … ดั บ apart, and "ตามแผน" in the group label then made
    it look like the disbursement table)."""
    pdf = split_header_pdf(seq_label, seq_width)
    document = parse_report(pdf, filename="split-header.pdf").document
    assert not [w for w in document["parse_warnings"] if w["message"].startswith("projects")]
    assert [(p["seq"], p["dimension"], p["status"]) for p in document["projects"]] == [
        (seq, dimension, STATUS_ORDER[status]) for seq, _, dimension, status in ROWS
    ]


# --- Labels wrapped mid-word in other fonts, ruled or not ----------------------------------

WRAPPED_REPORT = "narrow-sao-nongbua-2567-r12"  # a catalogue report: 34 projects, remarks
# Words printed only in the project list's header (not in titles or project names).
HEADER_ONLY_WORDS = ("ลำดับ", "เบิกจ่าย", "ระหว่าง", "แล้วเสร็จ", "สามารถ", "หมายเหตุ")
# (TLWG font, the list's columns' share of their width, type size, ruled). The unruled ones
# were not read before: สาม / ารถ beside การ read as one word การารถ (Sawasdee, Loma), and a
# wide word space (Umpush, Tlwg Typo) set ณ apart from (บาท) under งบประมา, and 2567 apart
# from 12 in the title, which then read as a row of figures.
FONT_CASES = [
    ("sawasdee", 0.45, 1.0, False),
    ("loma", 0.45, 1.0, False),
    ("umpush", 0.45, 0.85, False),
    ("tlwg-typo", 0.55, 0.85, False),
    ("kinnari", 0.45, 0.85, True),
    ("norasi", 0.55, 1.0, True),
    ("waree", 0.45, 1.0, True),
]


def header_words_broken(pdf: Path, page_number: int) -> set[str]:
    """The header's words that no line of the page holds whole: wrapped mid-word."""
    with pdfplumber.open(pdf) as document:
        page = read_page(document.pages[page_number - 1])
    lines = [compact(line) for line in page.line_texts()]
    return {word for word in HEADER_ONLY_WORDS if not any(word in line for line in lines)}


@pytest.mark.parametrize(
    ("font", "narrow", "size", "ruled"),
    FONT_CASES,
    ids=[f"{f}-{n}-{s}-{'ruled' if r else 'unruled'}" for f, n, s, r in FONT_CASES],
)
def test_labels_wrapped_mid_word_in_other_fonts_are_read(tmp_path, font, narrow, size, ruled):
    """The report drawn in another font, its columns squeezed: every label wraps where its
    column ends, mid-word, over two to seven lines; the list is read whole all the same."""
    sample = next(s for s in SAMPLES if s.name == WRAPPED_REPORT)
    report = sample.report()
    layout = sample.layout(report)
    pdf = tmp_path / f"{WRAPPED_REPORT}-{font}.pdf"
    summary = min(1.0, narrow + 0.2)
    options = {"narrow": narrow, "narrow_summary": summary, "size_scale": size, "ruled": ruled}
    draw.render(report, layout, pdf, thai_font=font, **options)
    list_pages = layout.numbers(PageKind.PROJECTS)
    assert len(header_words_broken(pdf, list_pages[0])) >= 3
    expected, evidence = sample.expected(source_of(pdf, layout))
    result = parse_report(pdf.read_bytes(), filename=pdf.name, limits=Limits(ocr=False))
    warnings = [w["message"] for w in result.document["parse_warnings"]]
    assert not [w for w in warnings if w.startswith("projects")], warnings
    assert result.evidence.section_pages["projects"] == evidence.section_pages["projects"]
    read, printed = comparable(result.document["projects"]), comparable(expected["projects"])
    problems = differences(read, printed, ".projects")  # every row, field for field
    assert not problems, "\n".join(problems[:10])


def placed(text: str, x0: float, size: float = 10.0) -> list[dict]:
    """Hand-made chars of one line, one per letter, each 0.6 em wide from x0."""
    width = 0.6 * size
    return [
        {"text": letter, "x0": x0 + i * width, "x1": x0 + (i + 1) * width, "top": 100.0}
        | {"bottom": 100.0 + size, "size": size, "upright": True}
        for i, letter in enumerate(text)
    ]


def test_a_label_line_starting_with_sara_aa_stays_in_its_own_column():
    """สาม / ารถ wrapped in one column, ดำเนิน / การ in the column before: on one baseline,
    0.6 em apart, การ and ารถ are two words (no word starts with SARA AA, but a column's edge
    is no gap inside a word)."""
    chars = placed("การ", 0) + placed("ารถ", 18 + 6)
    assert [w.text for w in chars_to_words(chars)] == ["การ", "ารถ"]


def test_a_widely_letter_spaced_word_keeps_its_sara_aa():
    """ก า ร set 0.8 em apart, letter by letter: SARA AA stays with its consonant."""
    chars = [*placed("ก", 0), *placed("า", 14), *placed("ร", 28)]
    assert [w.text for w in chars_to_words(chars)] == ["กา", "ร"]


def test_a_wide_word_space_is_measured_on_the_page_and_keeps_a_label_line_whole():
    """Umpush's space is half an em: `ณ (บาท)` is one line of one label, not two columns'.
    The page's space is the narrowest gap recurring at many places; the gap beside the
    number column recurs in every row, but at one place, and is not taken for it."""
    spaced = [
        [Word(x, top, x + 30, top + 10, "รายการ"), Word(x + 35, top, x + 60, top + 10, "ไทย")]
        for x, top in zip(range(0, 70, 7), range(0, 200, 20), strict=False)
    ]
    numbered = [
        [Word(0, top, 8, top + 10, str(n)), Word(16.5, top, 90, top + 10, "โครงการ")]
        for n, top in enumerate(range(200, 600, 20), 1)
    ]
    space = word_space_em([*spaced, *numbered])
    assert space == pytest.approx(0.5)
    label_line = [Word(581, 0, 589, 10, "ณ"), Word(594, 0, 613, 10, "(บาท)")]
    assert [p.text for p in band_of(label_line, space).phrases] == ["ณ (บาท)"]
    assert [p.text for p in band_of(label_line).phrases] == ["ณ", "(บาท)"]
    assert len(band_of(numbered[0], space).phrases) == 2
