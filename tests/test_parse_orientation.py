"""Pages turned by /Rotate read as they do upright: the turn is found from the text."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from parsers import parse_report
from tests.comparison import comparable_document, differences
from tests.contract import SAMPLES_DIR, reference_document

REFERENCE_PDF = SAMPLES_DIR / "reference-chromium.pdf"


def rotated(data: bytes, degrees: int, pages: range | None = None) -> bytes:
    document = pypdfium2.PdfDocument(data)
    for index in pages or range(len(document)):
        document[index].set_rotation(degrees)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_document_parses_exactly_as_upright(degrees):
    data = rotated(REFERENCE_PDF.read_bytes(), degrees)
    document = parse_report(data, filename="turned.pdf").document
    wanted = comparable_document(reference_document(), layout=False)
    assert not differences(comparable_document(document, layout=False), wanted)


def test_only_the_turned_pages_of_a_mixed_document_are_turned():
    data = rotated((SAMPLES_DIR / "reference-reportlab.pdf").read_bytes(), 90, pages=range(2, 6))
    document = parse_report(data, filename="turned.pdf").document
    wanted = comparable_document(reference_document(), layout=False)
    assert not differences(comparable_document(document, layout=False), wanted)
