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

import pytest
from reportlab.pdfgen.canvas import Canvas

from parsers import parse_report
from parsers.columns import assign_by_words, assign_in_order
from parsers.project_list import PROJECT_KEYS
from parsers.vocabulary import STATUS_HEADERS, compact
from sample_reports.generator import reportlab_render as draw
from sample_reports.generator.producers import Producer
from tests.contract import SAMPLES_DIR

NARROW_SAMPLES = ["narrow-070", "narrow-055", "narrow-045", "narrow-sao-nongbua-2567-r12"]
STATUS_ORDER = ["pending_report", "in_progress", "completed", "unable"]


def label(fragments: Sequence[str]) -> str:
    """A cell's label from its lines, as parsers.tables joins them."""
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
