"""Make one sample: render its PDF, check the pages, write its expected document and evidence."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from sample_reports.generator.catalogue import (
    SAMPLES_DIR,
    Reject,
    Sample,
    evidence_path,
    expected_path,
    ocr_expected_path,
    pdf_path,
)
from sample_reports.generator.layout import Layout, PageKind
from sample_reports.generator.model import Report
from sample_reports.generator.producers import Producer
from sample_reports.generator.verify import (
    require_no_thai_text,
    require_vector_checkboxes,
    verify_pdf,
)


def source_of(pdf: Path, layout: Layout) -> dict[str, Any]:
    return {
        "file": pdf.name,
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
        "pages": layout.page_count,
    }


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def render(sample: Sample, report: Report, layout: Layout, out: Path) -> None:
    if sample.producer in (Producer.CHROMIUM, Producer.CHROMIUM_PUA):
        from sample_reports.generator import html_render

        html_render.render(report, layout, html_render.HTML_STYLES[sample.producer], out)
        if sample.producer == Producer.CHROMIUM_PUA:
            from sample_reports.generator.broken_text import require_broken_text_layer

            require_broken_text_layer(out)
    elif sample.producer == Producer.SCANNED_MEMO:
        from sample_reports.generator.scans import render_with_scanned_memo

        render_with_scanned_memo(report, layout, out)
    elif sample.producer in (
        Producer.REPORTLAB,
        Producer.BULK,
        Producer.BORDERLESS,
        Producer.NARROW,
    ):
        from sample_reports.generator import reportlab_render

        reportlab_render.render(report, layout, out, producer=sample.producer, **sample.options)
    elif sample.producer == Producer.WORD_EXPORT:
        from sample_reports.generator import word_export

        word_export.render(report, layout, out, **sample.options)
    elif sample.producer == Producer.WEASYPRINT:
        from sample_reports.generator import weasyprint_render

        weasyprint_render.render(report, layout, out, **sample.options)
    elif sample.producer == Producer.LIBREOFFICE:
        from sample_reports.generator import libreoffice_render

        libreoffice_render.render(report, layout, out, **sample.options)
    else:
        raise ValueError(f"unknown producer {sample.producer}")


def render_filed(sample: Sample, report: Report, out: Path) -> None:
    """The producer's print (verified against its layout), then its filing's scans."""
    from sample_reports.generator.scans import filed_copy

    assert sample.filing is not None
    printed_layout = sample.printed_layout(report)
    scanned = sample.filing.scanned(printed_layout.page_count)
    signer = report.memo.signatures[0].person.name if report.memo else None
    signed = {
        page: signer
        for page in printed_layout.numbers(PageKind.MEMO)
        if signer is not None and page in scanned
    }
    with tempfile.TemporaryDirectory(prefix="raingan-twin-") as tmp:
        printed = Path(tmp) / f"{sample.name}-printed.pdf"
        render(sample, report, printed_layout, printed)
        verify_pdf(printed, report, printed_layout)
        filed_copy(
            printed,
            out,
            sample.filing.scanner,
            scanned,
            page_count=printed_layout.page_count,
            signed=signed,
            junk_layer=sample.filing.junk_layer,
        )
    require_no_thai_text(out, scanned)


def build_sample(sample: Sample, folder: Path = SAMPLES_DIR) -> dict[str, Any]:
    """Writes the sample's files; returns its document (a scan's: the one read with OCR)."""
    report = sample.report()
    layout = sample.layout(report)
    pdf = pdf_path(sample.name, folder)
    if sample.filing is None:
        render(sample, report, layout, pdf)
    else:
        render_filed(sample, report, pdf)
    verify_pdf(pdf, report, layout)
    printed_boxes = sample.filing is None  # a scan's boxes are pixels
    if printed_boxes and sample.producer in (
        Producer.CHROMIUM,
        Producer.CHROMIUM_PUA,
        Producer.SCANNED_MEMO,
    ):
        require_vector_checkboxes(pdf, report, layout)
    source = source_of(pdf, layout)
    document, evidence = sample.expected(source)
    write_json(expected_path(sample.name, folder), document)
    write_json(evidence_path(sample.name, folder), evidence.to_dict())
    if sample.filing is not None:
        document = sample.ocr_expected(source)[0]
        write_json(ocr_expected_path(sample.name, folder), document)
    return document


def build_reject(reject: Reject) -> None:
    from sample_reports.generator.rejects import make_reject

    pdf = pdf_path(reject.name)
    pdf.write_bytes(make_reject(reject.kind))
    write_json(expected_path(reject.name), reject.expected())
