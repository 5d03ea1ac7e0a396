"""Make one sample: render its PDF, check the pages, write its expected document and evidence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sample_reports.generator.catalogue import (
    SAMPLES_DIR,
    Reject,
    Sample,
    evidence_path,
    expected_path,
    pdf_path,
)
from sample_reports.generator.layout import Layout
from sample_reports.generator.model import Report
from sample_reports.generator.producers import Producer
from sample_reports.generator.verify import require_vector_checkboxes, verify_pdf


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
    elif sample.producer == Producer.LIBREOFFICE:
        from sample_reports.generator import libreoffice_render

        libreoffice_render.render(report, layout, out, **sample.options)
    else:
        raise ValueError(f"unknown producer {sample.producer}")


def build_sample(sample: Sample, folder: Path = SAMPLES_DIR) -> dict[str, Any]:
    report = sample.report()
    layout = sample.layout(report)
    pdf = pdf_path(sample.name, folder)
    render(sample, report, layout, pdf)
    verify_pdf(pdf, report, layout)
    if sample.producer in (Producer.CHROMIUM, Producer.CHROMIUM_PUA, Producer.SCANNED_MEMO):
        require_vector_checkboxes(pdf, report, layout)
    document, evidence = sample.expected(source_of(pdf, layout))
    write_json(expected_path(sample.name, folder), document)
    write_json(evidence_path(sample.name, folder), evidence.to_dict())
    return document


def build_reject(reject: Reject) -> None:
    from sample_reports.generator.rejects import make_reject

    pdf = pdf_path(reject.name)
    pdf.write_bytes(make_reject(reject.kind))
    write_json(expected_path(reject.name), reject.expected())
