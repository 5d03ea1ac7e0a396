"""The Word-like export's vanishing vowel (SARA U mapped to nothing in the report pages' copy of
its font, issue 18) on generated reports, not only on the committed sample: the glyph is read
per font and glyph over the whole document, whether or not the report has a page set in a twin
copy of the font that maps it (a memo, a closing page of its own)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

import parsers.text_layer.font_mapping
from parsers import parse_report
from sample_reports.generator.matrix.cases import Case, as_made, draw_case
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import Score, score_document

SARA_U = "\u0e38"
DEFECT = "vanishing-vowel"
# (seed, index, changes): organisations of every kind, 5 to 39 projects, with and without a
# memo, the closing block on the list page or on a page of its own (set in the twin copy).
VARIANTS: list[tuple[int, int, dict[str, Any]]] = [
    (1, 42, {}),  # a tambon, 5 projects, no memo, closing on the list: no twin at all
    (1, 161, {}),  # a province, 32 projects
    (2, 3, {}),  # a province, 39 projects, closing on its own page
    (3, 7, {}),  # a town, 16 projects, no memo
    (4, 11, {}),  # a subdistrict, 8 projects
    (6, 5, {"memo": False, "closing_on_list": True}),  # 23 projects, no twin
    (5, 20, {"kind": "town", "memo": False, "closing_on_list": True}),  # 7 projects
]


def vanishing_case(seed: int, index: int, changes: dict[str, Any]) -> Case:
    case = dataclasses.replace(draw_case(seed, index), scan=None, defect=DEFECT, **changes)
    return as_made(case)


def made_and_scored(case: Case, folder: Path) -> tuple[dict[str, Any], Score]:
    made = make_case(case, folder)  # raises unless the PDF's text layer lacks SARA U
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name)
    return made.truth, score_document(made.truth, parsed.document, evidence=parsed.evidence)


def assert_read_whole(truth: dict[str, Any], score: Score) -> None:
    assert SARA_U in json.dumps(truth, ensure_ascii=False)  # the defect has words to break
    assert score.wrong == 0, score.wrong_places
    assert score.null == 0 and score.status_null == 0
    assert score.status_wrong == 0
    assert score.findings_false == 0, score.false_findings


@pytest.mark.parametrize(("seed", "index", "changes"), VARIANTS)
def test_a_vowel_mapped_to_nothing_reads_on_generated_reports(seed, index, changes, tmp_path):
    truth, score = made_and_scored(vanishing_case(seed, index, changes), tmp_path)
    assert_read_whole(truth, score)


def test_without_a_twin_or_a_clear_drawing_the_fonts_words_decide(tmp_path, monkeypatch):
    """No page is set in a copy of the font that maps SARA U, and the glyph's drawing is taken
    as unknown: the glyph mapped to nothing is still a glyph without text, read as the letter
    its font's words clearly read as (parsers.text_layer.glyph_guess), not left out of the words."""
    monkeypatch.setattr(parsers.text_layer.font_mapping, "drawn_class", lambda ink, height: None)
    case = vanishing_case(1, 42, {"memo": False, "closing_on_list": True})
    truth, score = made_and_scored(case, tmp_path)
    assert_read_whole(truth, score)
