"""A case made: its PDF, drawn by its producer, and its truth, the contract document built from
the same data model (never from a parse).

Pages are laid out before they are drawn (layout.py). A font wider or taller than the
producer's own fills a page sooner, so the layout's capacity is scaled by the font's measured
width and line height; when the PDF still does not have the planned pages (verify.py says so),
the case is laid out again more loosely. A case no layout fits is reported, never scored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sample_reports.generator.expected import expected_document, ocr_expected_document
from sample_reports.generator.layout import Geometry, Layout, PageKind, plan_layout
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import Case, Maker
from sample_reports.generator.matrix.content import case_report
from sample_reports.generator.model import Report
from sample_reports.generator.producers import GEOMETRIES, Producer
from sample_reports.generator.scanner import Scanner
from sample_reports.generator.thai_fonts import thai_font
from sample_reports.generator.verify import LayoutMismatch, verify_pdf

# Each maker's page capacity, and the font its capacity was measured in.
BASE_GEOMETRY: dict[Maker, tuple[Geometry, str]] = {
    Maker.REPORTLAB: (GEOMETRIES[Producer.REPORTLAB], "garuda"),
    Maker.WORD_EXPORT: (GEOMETRIES[Producer.WORD_EXPORT], "garuda"),
    Maker.CHROMIUM: (GEOMETRIES[Producer.CHROMIUM], "noto-sans-thai"),
    Maker.WEASYPRINT: (GEOMETRIES[Producer.CHROMIUM], "noto-sans-thai"),
    Maker.LIBREOFFICE: (GEOMETRIES[Producer.LIBREOFFICE], "laksaman"),
}
LOOSER = (1.0, 0.8, 0.62, 0.48)  # the capacity tried, in turn, when a layout does not fit
HTML_LINE_HEIGHT = "1.4"
MEASURE_TEXT = "โครงการส่งเสริมคุณธรรมและจริยธรรมของบุคลากรในองค์กรปกครองส่วนท้องถิ่น 2566"


class NotMade(RuntimeError):
    """No layout of the case printed as planned: a generator limit, not a parser result."""


@dataclass(frozen=True)
class Made:
    pdf: Path
    truth: dict[str, Any]
    layout: Layout  # the pages as printed (a scan's digital twin)
    scanned: tuple[int, ...]  # 1-based pages replaced by their scans
    looseness: float


@cache
def font_metrics(key: str) -> tuple[float, float]:
    """(width of a Thai line, line height) of the font, in ems of its own size."""
    from fontTools.ttLib import TTFont

    font = TTFont(thai_font(key).regular)
    upm = font["head"].unitsPerEm
    cmap, advances = font.getBestCmap(), font["hmtx"].metrics
    width = sum(advances[cmap[ord(c)]][0] for c in MEASURE_TEXT if ord(c) in cmap) / upm
    hhea = font["hhea"]
    return width, (hhea.ascent - hhea.descent + hhea.lineGap) / upm


def geometry_for(case: Case, looseness: float) -> Geometry:
    """The producer's page capacity for the case's size (its font is drawn as wide as the
    producer's own: `drawn_size`), times `looseness`."""
    base = BASE_GEOMETRY[case.maker][0]
    fill = looseness / case.size
    return dataclasses.replace(
        base,
        name_chars_per_line=max(6, int(base.name_chars_per_line * fill)),
        remark_chars_per_line=max(3, int(base.remark_chars_per_line * fill)),
        lines_per_page=base.lines_per_page * fill,
        closing_lines=base.closing_lines / fill,
    )


def case_layout(case: Case, report: Report, looseness: float) -> Layout:
    return plan_layout(
        report,
        geometry_for(case, looseness),
        closing_on_last_list_page=case.closing_on_list,
        unusable_pages=(1,) if case.defect == "unusable-page" else (),
    )


def drawn_size(case: Case, looseness: float) -> float:
    """The case's type size, smaller on a looser try (a memo or summary page that overflowed
    is not helped by fewer list rows), and for a font wider than the producer's own."""
    base_font = BASE_GEOMETRY[case.maker][1]
    wider = max(1.0, font_metrics(case.font)[0] / font_metrics(base_font)[0])
    return case.size * (0.5 + 0.5 * looseness) / wider


def html_style(case: Case, looseness: float) -> dict[str, Any]:
    """The case's font at its size; a fixed line height, so that a font with tall line boxes
    (Umpush, Laksaman) fills a page as the producer's own does."""

    font = thai_font(case.font)
    size = drawn_size(case, looseness)
    style: dict[str, Any] = {
        "font_family": font.family,
        "latin_family": font.family if font.has_latin else "DejaVu Sans",
        "body_pt": round(11 * size, 2),
        "table_pt": round(9 * size, 2),
        "line_height": HTML_LINE_HEIGHT,
    }
    if case.marks != MarkStyle.INPUT:
        style["marks"] = case.marks
    return style


def render(case: Case, report: Report, layout: Layout, out: Path, looseness: float) -> None:
    if case.maker == Maker.REPORTLAB:
        from sample_reports.generator import reportlab_render

        reportlab_render.render(
            report,
            layout,
            out,
            marks=case.marks.value,
            thai_font=case.font,
            size_scale=drawn_size(case, looseness),
            ruled=case.ruled,
            narrow=case.narrow,
            narrow_summary=None if case.narrow is None else min(1.0, case.narrow + 0.2),
        )
    elif case.maker == Maker.WORD_EXPORT:
        from sample_reports.generator import word_export

        options = {}
        if case.defect == "sara-aa-one-code":  # which mapping: from the index, reproducibly
            mappings = word_export.NIKHAHIT_MAPPINGS
            options["nikhahit_maps_to"] = mappings[case.index % len(mappings)]
        word_export.render(report, layout, out, defect=case.defect or "", **options)
    elif case.maker == Maker.CHROMIUM:
        from sample_reports.generator import html_render

        style = html_render.HtmlStyle(**html_style(case, looseness), empty_boxes=True)
        html_render.print_html(html_render.report_html(report, layout, style), out)
    elif case.maker == Maker.WEASYPRINT:
        from sample_reports.generator import weasyprint_render

        weasyprint_render.render(report, layout, out, **html_style(case, looseness))
    elif case.maker == Maker.LIBREOFFICE:
        from sample_reports.generator import libreoffice_render

        libreoffice_render.render(report, layout, out)
    else:
        raise ValueError(f"unknown maker {case.maker}")


def printed(case: Case, report: Report, out: Path) -> tuple[Layout, float]:
    """Draw the case's pages, looser each time they do not print as laid out."""
    failures = []
    for looseness in LOOSER:
        layout = case_layout(case, report, looseness)
        try:
            render(case, report, layout, out, looseness)
            verify_pdf(out, report, layout)
        except LayoutMismatch as mismatch:
            failures.append(str(mismatch))
            continue
        return layout, looseness
    raise NotMade(f"{case.name}: no layout printed as planned ({failures[-1]})")


def scanner_of(case: Case) -> Scanner:
    assert case.scan is not None
    scan = case.scan
    return Scanner(
        dpi=scan.dpi,
        mode=scan.mode,
        skew_degrees=scan.skew,
        jpeg_quality=scan.jpeg_quality,
        background=0.05,
        unevenness=scan.unevenness,
        noise_sigma=scan.noise,
        softness=0.5,
        seed=case.index,
    )


def scanned_pages(case: Case, layout: Layout) -> tuple[int, ...]:
    if case.scan is None:
        return ()
    if case.scan.memo_only:
        return tuple(layout.numbers(PageKind.MEMO))
    return tuple(range(1, layout.page_count + 1))


def file_scans(case: Case, report: Report, layout: Layout, printed_pdf: Path, out: Path) -> None:
    from sample_reports.generator.scans import filed_copy

    pages = scanned_pages(case, layout)
    signer = report.memo.signatures[0].person.name if report.memo else None
    signed = {page: signer for page in layout.numbers(PageKind.MEMO) if signer and page in pages}
    try:
        filed_copy(
            printed_pdf, out, scanner_of(case), pages, page_count=layout.page_count, signed=signed
        )
    except ValueError as unsigned:  # the printed name is not in the text layer to sign above
        if "no printed name" not in str(unsigned):
            raise
        filed_copy(
            printed_pdf, out, scanner_of(case), pages, page_count=layout.page_count, signed={}
        )


def source_of(pdf: Path, pages: int) -> dict[str, Any]:
    return {
        "file": pdf.name,
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
        "pages": pages,
    }


def make_case(case: Case, folder: Path) -> Made:
    """Write `folder/NAME.pdf` and return it with its truth."""
    report = case_report(case)
    pdf = folder / f"{case.name}.pdf"
    if case.scan is None:
        layout, looseness = printed(case, report, pdf)
    else:
        with tempfile.TemporaryDirectory(prefix="raingan-matrix-") as tmp:
            twin = Path(tmp) / "printed.pdf"
            layout, looseness = printed(case, report, twin)
            file_scans(case, report, layout, twin, pdf)
    scanned = scanned_pages(case, layout)
    return Made(pdf, truth_of(report, layout, pdf, scanned), layout, scanned, looseness)


def truth_of(report: Report, layout: Layout, pdf: Path, scanned: tuple[int, ...]) -> dict[str, Any]:
    """What the pages print. OCR is on: a scanned page, or one whose text layer is unusable,
    is read from its image, so its truth is what it prints, with a warning that says so."""
    source = source_of(pdf, layout.page_count)
    from_images = sorted(set(scanned) | layout.unusable_pages)
    if not from_images:
        return expected_document(report, layout, source)[0]
    as_printed = dataclasses.replace(layout, unusable_pages=frozenset())
    return ocr_expected_document(report, as_printed, source, from_images)[0]
