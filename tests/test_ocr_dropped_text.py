"""Printed text beside a stamp or a signature that Tesseract's page layout left out is found by
its ink and read again: a signatory's block beside a stamp's remains is no longer lost (the
next block taking its place), and nothing is read again away from what was drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from parsers import Limits, parse_report
from parsers.ocr.dropped_text import dropped_runs
from parsers.ocr.engine import TextPiece
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document

LETTER = 30  # pixels, a letter's height at 300 dpi


def page_with_rows(*rows: tuple[int, int, int]) -> np.ndarray:
    """Ink (255) for rows of letter-sized blobs: (top, left, letters)."""
    ink = np.zeros((1200, 1600), np.uint8)
    for top, left, letters in rows:
        for index in range(letters):
            x = left + index * (LETTER + 6)
            ink[top : top + LETTER, x : x + LETTER - 6] = 255
    return ink


def drawing_at(top: int, left: int, size: int = 200) -> np.ndarray:
    drawn = np.zeros((1200, 1600), np.uint8)
    drawn[top : top + 4, left : left + size] = 255  # a signature's stroke
    return drawn


def test_a_row_of_letters_under_a_drawing_that_no_word_covers_is_read_again():
    ink = page_with_rows((300, 400, 10), (900, 400, 10))
    runs = dropped_runs(ink, drawing_at(250, 420), [])
    assert len(runs) == 1
    left, top, right, bottom = runs[0]
    assert top < 300 < 300 + LETTER < bottom and left < 400 < right


def test_nothing_is_read_again_away_from_a_drawing_or_where_words_were_read():
    ink = page_with_rows((300, 400, 10))
    assert dropped_runs(ink, np.zeros_like(ink), []) == []  # no drawing on the page
    assert dropped_runs(ink, drawing_at(900, 420), []) == []  # a drawing far below
    read = [[TextPiece("word", 390, 295, 800, 335, 95.0)]]
    assert dropped_runs(ink, drawing_at(250, 420), read) == []


def test_a_few_letters_left_of_a_drawing_are_its_remains_not_text():
    ink = page_with_rows((300, 400, 2))
    assert dropped_runs(ink, drawing_at(250, 420), []) == []


# The round-trip matrix's case 10 (seed 1) scanned at 200 dpi black and white: a stamp's ring,
# broken into arcs by the threshold, left beside the first signatory's block; Tesseract's
# layout read none of that block, and the next two signatories took the first two places.
@pytest.mark.slow
def test_a_signatory_beside_a_stamp_is_read_and_none_takes_another_ones_place(tmp_path):
    made = make_case(scanned_at(draw_case(1, 10), "200-bw"), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    assert [place for place in score.wrong_places if place.startswith("memo.")] == []
    signatories = parsed.document["memo"]["signatories"]
    assert len(signatories) == len(made.truth["memo"]["signatories"]) == 3
    assert signatories[0]["name"] == made.truth["memo"]["signatories"][0]["name"]
