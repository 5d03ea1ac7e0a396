"""Pages as a scanner files them: images without a text layer.

pdftoppm renders a page in grayscale at a modest resolution; reportlab wraps each image
in a page of the same size; qpdf puts the scanned pages in front of the printed ones.
`filed_copy` files a printed report through a `scanner.Scanner` (signature, stamp, skew …).
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sample_reports.generator import html_render
from sample_reports.generator.layout import Layout
from sample_reports.generator.model import Report
from sample_reports.generator.producers import Producer
from sample_reports.generator.scanner import Scanner

SCAN_DPI = 90


def page_images(pdf: Path, workdir: Path, dpi: int, first: int, last: int) -> list[Path]:
    prefix = workdir / "scan"
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(first),
            "-l",
            str(last),
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return sorted(workdir.glob("scan-*.png"))


def images_to_pdf(images: list[Path], out: Path, dpi: int) -> None:
    canvas = Canvas(str(out), invariant=1)
    for image in images:
        reader = ImageReader(io.BytesIO(image.read_bytes()))  # by content: no temp path inside
        width, height = reader.getSize()
        size = (width * 72 / dpi, height * 72 / dpi)
        canvas.setPageSize(size)
        canvas.drawImage(reader, 0, 0, *size)
        canvas.showPage()
    canvas.save()


def scanned_copy(
    pdf: Path, out: Path, dpi: int = SCAN_DPI, pages: tuple[int, int] | None = None
) -> None:
    """`out` = the pages of `pdf` (all, or first..last) as grayscale images only."""
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        count = len(opened.pages)
    first, last = pages or (1, count)
    with tempfile.TemporaryDirectory(prefix="raingan-scan-") as tmp:
        images_to_pdf(page_images(pdf, Path(tmp), dpi, first, last), out, dpi)


def join_pdfs(parts: list[tuple[Path, str]], out: Path) -> None:
    """qpdf: the given page ranges of each part, in order."""
    arguments = [item for path, pages in parts for item in (str(path), pages)]
    subprocess.run(
        ["qpdf", "--deterministic-id", "--empty", "--pages", *arguments, "--", str(out)],
        check=True,
    )


def render_with_scanned_memo(report: Report, layout: Layout, out: Path) -> None:
    """The signed memo scanned (page 1, image only), then the system's printed pages."""
    with tempfile.TemporaryDirectory(prefix="raingan-scanned-memo-") as tmp:
        printed = Path(tmp) / "printed.pdf"
        html_render.render(report, layout, html_render.HTML_STYLES[Producer.CHROMIUM], printed)
        memo = Path(tmp) / "memo.pdf"
        scanned_copy(printed, memo, pages=(1, 1))
        join_pdfs([(memo, "1"), (printed, "2-z")], out)


def filed_copy(
    printed: Path,
    out: Path,
    scanner: Scanner,
    scanned: Sequence[int],
    *,
    page_count: int,
    signed: Mapping[int, str],
    junk_layer: bool = False,
) -> None:
    """`out` = `printed` with its `scanned` pages (1-based) replaced by their scans."""
    with tempfile.TemporaryDirectory(prefix="raingan-filed-") as tmp:
        scans = Path(tmp) / "scans.pdf"
        scanner.scan(printed, scanned, scans, signed=signed, junk_layer=junk_layer)
        position = {page: index for index, page in enumerate(scanned, 1)}
        join_pdfs(
            [
                (scans, str(position[page])) if page in position else (printed, str(page))
                for page in range(1, page_count + 1)
            ],
            out,
        )
