"""Pages turned by /Rotate read as they do upright: the turn is found from the text."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from parsers import parse_report
from tests.comparison import comparable, comparable_document, differences
from tests.contract import SAMPLES_DIR, reference_document

REFERENCE_PDF = SAMPLES_DIR / "reference-chromium.pdf"


def rotated(data: bytes, degrees: int, pages: range | None = None) -> bytes:
    document = pypdfium2.PdfDocument(data)
    for index in pages or range(len(document)):
        document[index].set_rotation(degrees)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_document_turned_upside_down_parses_exactly_as_upright():
    data = rotated(REFERENCE_PDF.read_bytes(), 180)
    document = parse_report(data, filename="turned.pdf").document
    wanted = comparable_document(reference_document(), layout=False)
    assert not differences(comparable_document(document, layout=False), wanted)


@pytest.mark.parametrize("degrees", [90, 270])
def test_pages_turned_sideways_keep_every_figure_status_and_finding(degrees):
    data = rotated(REFERENCE_PDF.read_bytes(), degrees, pages=range(1, 6))
    document = parse_report(data, filename="turned.pdf").document
    reference = reference_document()
    for key in ("dimensions", "dimensions_total", "plan_budget", "ordinance_budget"):
        assert document[key] == reference[key], key
    for key in ("disbursement", "status_summary", "narrative", "report"):
        assert document[key] == reference[key], key
    keep = ("seq", "dimension", "budget", "disbursed", "status")
    assert [{k: p[k] for k in keep} for p in document["projects"]] == [
        {k: p[k] for k in keep} for p in reference["projects"]
    ]
    assert comparable(document["findings"], drop_pages=True) == comparable(
        reference["findings"], drop_pages=True
    )
