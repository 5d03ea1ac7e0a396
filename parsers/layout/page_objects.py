"""A page's objects as pdfplumber gives them, and as the PDFium reader makes them: dicts.

pdfplumber's objects carry many keys; these types declare the ones raingan reads (`total=False`:
the others may be there too, and are left untyped). The box is always there: pdfplumber's,
the PDFium reader's (`box_fields`) and an object turned to read (`parsers.layout.orientation`)
all carry it. Declared here, in the layout, because the layout reads them too (the turn, the
rules); the text layer builds them. Types only: at run time they are plain dicts.
"""

# No `from __future__ import annotations`: Python 3.11's TypedDict sees `Required` only in
# evaluated annotations, and `__required_keys__` (tests/test_page_objects.py) must be right.
from typing import Any, Required, TypeAlias, TypedDict

# A colour as pdfplumber gives it: a tuple (grey, RGB or CMYK), a number, or a pattern's name;
# the PDFium reader gives RGB tuples. Read by `parsers.text_layer.page_reader.color_values`.
PdfColor: TypeAlias = Any


class PdfObject(TypedDict, total=False):
    """Any object: its box, `top` and `bottom` measured from the page's top."""

    x0: Required[float]
    x1: Required[float]
    top: Required[float]
    bottom: Required[float]
    width: Required[float]
    height: Required[float]
    y0: float  # PDF coordinates (y up): left out of an object turned to read
    y1: float
    object_type: str


class PdfChar(PdfObject, total=False):
    text: Required[str]
    size: float
    matrix: tuple[float, ...]  # the text matrix (a, b, c, d, e, f): its origin is the baseline
    upright: bool
    fontname: str
    glyph: tuple[int, int]  # (font key, character code), for the per-font repairs


class PdfPaint(TypedDict, total=False):
    """How a shape is painted."""

    stroke: bool
    fill: bool
    evenodd: bool
    linewidth: float
    stroking_color: PdfColor
    non_stroking_color: PdfColor


class PdfShape(PdfObject, PdfPaint, total=False):
    """A line, rect or curve: pdfplumber gives the three the same keys."""

    pts: list[tuple[float, float]]  # top-down


PdfLine: TypeAlias = PdfShape
PdfRect: TypeAlias = PdfShape
PdfCurve: TypeAlias = PdfShape


class PdfImage(PdfObject, total=False):
    srcsize: tuple[float, float]  # its pixels, wide and high


class PdfAnnot(PdfObject, total=False):
    # The annotation's PDF dictionary as pdfminer gives it: any entries a PDF may put there,
    # each a PDF object (a name, a number, a dictionary, an indirect reference), narrowed
    # where read (`parsers.text_layer.widgets`).
    data: dict[str, object]


class PdfBox(TypedDict):
    """A box as pdfplumber gives it, whole: what the PDFium reader puts in each object."""

    x0: float
    x1: float
    y0: float
    y1: float
    top: float
    bottom: float
    width: float
    height: float
