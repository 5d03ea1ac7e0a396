"""Files that must be rejected, each made the way such files reach the pipeline."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from sample_reports.generator import reportlab_render as rl
from sample_reports.generator.layout import plan_layout
from sample_reports.generator.model import Report
from sample_reports.generator.producers import GEOMETRIES, Producer
from sample_reports.generator.reference import reference_report
from sample_reports.generator.scans import scanned_copy

TRUNCATE_AT = 0.45  # share of the bytes kept: the cross-reference table and trailer are lost
FULL_SCAN_DPI = 60


def report_pdf(report: Report, **options: object) -> bytes:
    with tempfile.TemporaryDirectory(prefix="raingan-reject-") as tmp:
        out = Path(tmp) / "report.pdf"
        layout = plan_layout(report, GEOMETRIES[Producer.REPORTLAB])
        rl.render(report, layout, out, **options)
        return out.read_bytes()


def fully_scanned() -> bytes:
    """Every page of the reference report an image: nothing to read without OCR."""
    with tempfile.TemporaryDirectory(prefix="raingan-reject-") as tmp:
        printed, scanned = Path(tmp) / "printed.pdf", Path(tmp) / "scanned.pdf"
        printed.write_bytes(report_pdf(reference_report()))
        scanned_copy(printed, scanned, dpi=FULL_SCAN_DPI)
        return scanned.read_bytes()


def png_named_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (320, 120), 255)
    ImageDraw.Draw(image).rectangle((10, 10, 310, 110), outline=0, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def docx_named_pdf() -> bytes:
    """A word-processor file (a zip) saved with a .pdf name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (
            ("[Content_Types].xml", '<?xml version="1.0"?><Types/>'),
            ("word/document.xml", '<?xml version="1.0"?><document>รายงาน</document>'),
        ):
            info = zipfile.ZipInfo(name, date_time=(2023, 3, 20, 9, 0, 0))
            archive.writestr(info, text)
    return buffer.getvalue()


AGENDA = (
    "ระเบียบวาระการประชุมสภาองค์การบริหารส่วนตำบลโนนสูง",
    "สมัยสามัญ สมัยที่ ๑ ประจำปี ๒๕๖๖",
    "วันที่ ๑๕ กุมภาพันธ์ ๒๕๖๖ เวลา ๐๙.๓๐ น. ณ ห้องประชุมสภาองค์การบริหารส่วนตำบลโนนสูง",
)
AGENDA_ITEMS = (
    "ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    "ระเบียบวาระที่ ๒ รับรองรายงานการประชุมครั้งที่แล้ว",
    "ระเบียบวาระที่ ๓ เรื่องเพื่อพิจารณา",
    "    ๓.๑ ญัตติขออนุมัติโอนงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    "    ๓.๒ การพิจารณาร่างข้อบัญญัติองค์การบริหารส่วนตำบล เรื่อง การจัดการสิ่งปฏิกูล",
    "ระเบียบวาระที่ ๔ เรื่องอื่น ๆ",
)
ATTENDEES = (
    ("1", "นายสมชาย ศรีสุข", "ประธานสภา"),
    ("2", "นางวิไลวรรณ ใจดี", "รองประธานสภา"),
    ("3", "นายกิตติพงษ์ บุญมา", "เลขานุการสภา"),
)


def agenda() -> bytes:
    """A readable Thai PDF with a table that is no report: a council meeting agenda."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    writer = rl.Writer(canvas, rl.fonts_for(Producer.REPORTLAB))
    width, height = rl.PORTRAIT
    y = height - 70
    for line in AGENDA:
        writer.draw(width / 2, y, line, 14, bold=True, align="center")
        y -= 24
    y -= 10
    for item in AGENDA_ITEMS:
        writer.draw(rl.MARGIN + 20, y, item, 13)
        y -= 22
    y -= 16
    writer.draw(rl.MARGIN, y, "ผู้มาประชุม", 13, bold=True)
    rows = [
        [
            rl.Cell(h, header=True, bold=True, align="center")
            for h in ("ลำดับ", "ชื่อ - สกุล", "ตำแหน่ง", "ลายมือชื่อ")
        ]
    ]
    rows += [
        [rl.Cell(a, align="center"), rl.Cell(b), rl.Cell(c), rl.Cell("")] for a, b, c in ATTENDEES
    ]
    rl.draw_table(writer, rl.MARGIN, y - 10, [50, 180, 150, 143], rows, rl.TableStyle(11, 15, 4))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def truncated() -> bytes:
    whole = report_pdf(reference_report())
    return whole[: int(len(whole) * TRUNCATE_AT)]


def user_password() -> bytes:
    return report_pdf(reference_report(), user_password="kalasin2566", owner_password="owner2566")


MAKERS = {
    "scanned": fully_scanned,
    "empty": lambda: b"",
    "png": png_named_pdf,
    "docx": docx_named_pdf,
    "truncated": truncated,
    "user-password": user_password,
    "agenda": agenda,
}


def make_reject(kind: str) -> bytes:
    return MAKERS[kind]()
