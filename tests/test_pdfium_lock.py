"""Every in-process PDFium caller holds the one PDFium lock (`parsers.safety.pdfium_lock`) while it
calls PDFium: the PDFium reader, the OCR (opening the document, loading, rendering and closing
the pages it reads), the evidence pictures (pdfplumber's `to_image`, used by the CLI, the HTML
report and the workbench) and the workbench's pages.
PDFium must not be called from two threads at once, not even on two documents; before, only
the workbench held a lock (its own), so a picture drawn there and a page read or rendered
anywhere else in the same process could still meet in PDFium.

Each PDFium function pypdfium2 exposes is wrapped to note, on each call, whether the calling
thread holds the lock: no timing, no race to hope for."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from parsers import Limits, parse_report
from parsers.safety.pdfium_lock import PDFIUM_LOCK
from parsers.text_layer.reading import read_text_layer
from raingan.pipeline.outputs.evidence_images import RED, Outline, render_evidence
from tests.contract import SAMPLES_DIR

SAMPLE = SAMPLES_DIR / "findings-percent.pdf"
API_PREFIXES = ("FPDF", "FORM_")  # PDFium's functions (and its handle types: not wrapped)
FOREIGN_FUNCTION = ctypes._CFuncPtr  # type: ignore[attr-defined]  # what ctypes binds a C function as


@dataclass
class PdfiumCalls:
    """PDFium's functions called while `recording`, each with whether the lock was held."""

    recording: bool = False
    calls: list[tuple[str, bool]] = field(default_factory=list)

    def during(self, action: Callable[[], Any]) -> list[tuple[str, bool]]:
        self.calls.clear()
        self.recording = True
        try:
            action()
        finally:
            self.recording = False
        return list(self.calls)


@pytest.fixture
def pdfium_calls(monkeypatch) -> Iterator[PdfiumCalls]:
    noted = PdfiumCalls()

    def noting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            if noted.recording:
                noted.calls.append((name, PDFIUM_LOCK._is_owned()))  # type: ignore[attr-defined]
            return function(*args)

        return call

    for name in dir(pdfium_c):
        function = getattr(pdfium_c, name)
        if name.startswith(API_PREFIXES) and isinstance(function, FOREIGN_FUNCTION):
            monkeypatch.setattr(pdfium_c, name, noting(name, function))
    yield noted


def unlocked(calls: list[tuple[str, bool]]) -> set[str]:
    assert calls, "PDFium was not called at all"
    return {name for name, held in calls if not held}


def test_the_pdfium_reader_holds_the_lock_for_each_call(pdfium_calls):
    def parse() -> None:
        parse_report(SAMPLE.read_bytes(), filename=SAMPLE.name, limits=Limits(ocr=False))

    calls = pdfium_calls.during(parse)
    assert {"FPDFText_LoadPage", "FPDF_LoadPage"} <= {name for name, _ in calls}
    assert unlocked(calls) == set()


def test_a_parse_holds_the_lock_only_while_it_calls_pdfium(monkeypatch):
    """Between its calls another thread can take the lock at once: a parse is not serialised
    whole (a parse child has one thread; only callers that meet wait)."""
    import parsers.text_layer.page_reader as page_reader

    taken: list[bool] = []
    original = page_reader.page_content

    def after_pdfium(*args: Any, **kwargs: Any) -> Any:
        def take() -> None:
            taken.append(PDFIUM_LOCK.acquire(blocking=False))
            if taken[-1]:
                PDFIUM_LOCK.release()

        other = threading.Thread(target=take)
        other.start()
        other.join()
        return original(*args, **kwargs)

    monkeypatch.setattr(page_reader, "page_content", after_pdfium)
    parse_report(SAMPLE.read_bytes(), filename=SAMPLE.name, limits=Limits(ocr=False))
    assert taken and all(taken), taken


def test_rendering_a_page_to_read_it_from_its_image_holds_the_lock(pdfium_calls):
    from parsers.ocr.page_image import render

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(SAMPLE.read_bytes())
        page = document[0]
    try:
        calls = pdfium_calls.during(lambda: render(page, 100))
    finally:
        with PDFIUM_LOCK:
            page.close()
            document.close()
    assert unlocked(calls) == set()


def test_drawing_a_findings_picture_holds_the_lock(pdfium_calls):
    """pdfplumber's `to_image` opens the PDF with pypdfium2 and renders the page."""
    outlines = [Outline(1, (72.0, 72.0, 144.0, 90.0), RED), Outline(2, (72, 72, 144, 90), RED)]
    calls = pdfium_calls.during(
        lambda: render_evidence(SAMPLE.read_bytes(), outlines, ["caption"], resolution=50)
    )
    assert {"FPDF_RenderPageBitmap", "FPDF_CloseDocument"} <= {name for name, _ in calls}
    assert unlocked(calls) == set()


def test_the_lock_is_re_entrant():
    """The workbench holds it around `render_evidence`, which takes it again."""
    with PDFIUM_LOCK:
        outlines = [Outline(1, (72.0, 72.0, 144.0, 90.0), RED)]
        assert set(render_evidence(SAMPLE.read_bytes(), outlines, ["c"], resolution=30)) == {1}


def test_reading_a_page_from_its_image_holds_the_lock_from_opening_to_closing(pdfium_calls):
    """The OCR opens the document, loads and renders the page it reads, closes both."""
    from parsers.ocr.document import ImageReading, read_from_images

    data = (SAMPLES_DIR / "scanned-filed-as-usual-150.pdf").read_bytes()
    scanned_page = read_text_layer(data)[:1]  # its first page alone: one page's OCR will do
    readings: list[ImageReading] = []

    def read() -> None:
        readings.append(read_from_images(data, scanned_page, Limits(ocr=True), lambda _: None))

    calls = pdfium_calls.during(read)
    assert list(readings[0].read) == [1]  # the page was rendered and read
    names = {name for name, _ in calls}
    assert {"FPDF_LoadMemDocument64", "FPDF_LoadPage", "FPDF_RenderPageBitmap"} <= names
    assert {"FPDF_ClosePage", "FPDF_CloseDocument"} <= names
    assert unlocked(calls) == set()
