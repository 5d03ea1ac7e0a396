"""The page objects both readers give carry the keys `parsers.layout.page_objects` declares,
with values of the declared types: the types are claims about pdfplumber's dicts and the
PDFium reader's, which mypy takes on trust (pdfplumber types its objects as dict[str, Any]).

Checked on real pages, each object as the parser reads it (`PageView`: turned to read, each
char with its glyph): a sample PDFium reads whole, one the careful reader reads, and a page
drawn here with an image and a check box field, which no committed sample holds."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, get_args, get_origin, get_type_hints

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from parsers.layout.page_objects import PdfAnnot, PdfChar, PdfImage, PdfObject, PdfShape
from parsers.safety.limits import Limits
from parsers.text_layer.font_mapping import DocumentFonts
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.page_reader import PageView, pdfium_objects
from parsers.text_layer.pdfium_reader import PDFIUM, PDFMINER, Handover, PdfiumDocument
from tests.contract import SAMPLES_DIR

SAMPLES = {
    PDFIUM: SAMPLES_DIR / "findings-percent.pdf",  # every page by PDFium
    PDFMINER: SAMPLES_DIR / "reference-chromium.pdf",  # every page by the careful reader
}
# Each list of a page, and what each of its objects is declared as.
DECLARED: dict[str, type] = {
    "chars": PdfChar,
    "lines": PdfShape,
    "rects": PdfShape,
    "curves": PdfShape,
    "images": PdfImage,
    "annots": PdfAnnot,
}


def every_kind_of_object() -> bytes:
    """A page with text, a line, a rect, an image and a check box field (an annotation)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 760, "Status of each project")
    canvas.line(72, 740, 520, 740)
    canvas.rect(72, 600, 200, 100)
    picture = ImageReader(Image.new("RGB", (40, 30), "black"))
    canvas.drawImage(picture, 300, 600, width=40, height=30)
    canvas.acroForm.checkbox(name="done", x=400, y=600, size=14, checked=True)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def views(data: bytes, reader: str) -> Iterator[PageView]:
    """Each page of `data` as `reader` gives it to the parser."""
    with open_pdf(data, Limits()) as pdf:
        fonts, pdfium = DocumentFonts(pdf), PdfiumDocument(data)
        try:
            for page in pdf.pages:
                if reader == PDFMINER:
                    yield PageView.of(page, fonts)
                    continue
                read = pdfium_objects(page, fonts, pdfium)
                assert not isinstance(read, Handover), f"page {page.page_number}: {read}"
                yield PageView.of_objects(read, page.annots, float(page.width), float(page.height))
        finally:
            pdfium.close()


def holds(value: Any, declared: Any) -> bool:
    """Whether `value` is of the `declared` type, as far as these types go (a float may be an
    int, as PEP 484 allows; Any holds anything)."""
    origin = get_origin(declared)
    if declared is Any:
        return True
    if declared is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if origin is tuple:
        items = get_args(declared)
        if len(items) == 2 and items[1] is Ellipsis:
            return isinstance(value, tuple) and all(holds(item, items[0]) for item in value)
        return (
            isinstance(value, tuple)
            and len(value) == len(items)
            and all(holds(item, kind) for item, kind in zip(value, items, strict=True))
        )
    if origin is list:
        return isinstance(value, list) and all(holds(item, get_args(declared)[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict)
    return isinstance(value, declared)


def problems_of(obj: dict[str, Any], declared: type) -> list[str]:
    hints = get_type_hints(declared)
    missing = [f"no {key!r}" for key in sorted(declared.__required_keys__) if key not in obj]
    wrong = [
        f"{key!r} is {obj[key]!r}, not {hints[key]}"
        for key in sorted(hints)
        if key in obj and not holds(obj[key], hints[key])
    ]
    return missing + wrong


@pytest.mark.parametrize("reader", sorted(SAMPLES))
def test_each_object_a_reader_gives_has_the_declared_keys_and_types(reader):
    seen: dict[str, int] = dict.fromkeys(DECLARED, 0)
    problems = []
    for source in (SAMPLES[reader].read_bytes(), every_kind_of_object()):
        for number, view in enumerate(views(source, reader), start=1):
            for kind, declared in DECLARED.items():
                for obj in getattr(view, kind):
                    seen[kind] += 1
                    problems += [f"page {number} {kind}: {p}" for p in problems_of(obj, declared)]
    assert not problems, "\n".join(problems[:20])
    assert all(seen.values()) and seen["chars"] > 1000, seen  # every kind, on real pages


def test_the_box_every_object_carries_is_required():
    assert PdfObject.__required_keys__ == {"x0", "x1", "top", "bottom", "width", "height"}
    assert PdfChar.__required_keys__ == PdfObject.__required_keys__ | {"text"}


def test_a_wrong_value_is_caught():
    """The check itself can fail: a char without its text, a box given as text."""
    char = {"x0": 1.0, "x1": 2, "top": 3.0, "bottom": 4.0, "width": 1.0, "height": "1"}
    assert problems_of(char, PdfChar) == ["no 'text'", "'height' is '1', not <class 'float'>"]
