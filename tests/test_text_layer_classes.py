"""Text-layer classes the round-trip matrix found (issue 18), on reports made afresh by the
matrix's producers: marks whose point lies over the letter before their base (HarfBuzz in Noto
fonts), and glyphs a LibreOffice export leaves without any text (its SARA AA, the tone mark
raised above SARA AM's ring). Each is compared with the truth the report was made from."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from parsers import Limits, parse_report
from parsers.language.thai_text import says_sara_am
from parsers.text_layer.clusters import merge_marks
from parsers.text_layer.glyph_guess import (
    LOWER_MARKS,
    UPPER_MARKS,
    candidates,
    guess_letters,
    words_with,
)
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import (
    PLACES,
    Maker,
    as_made,
    draw_case,
    html_mark_styles,
)
from sample_reports.generator.matrix.produce import Made, make_case
from sample_reports.generator.matrix.score import score_document

UNREAD = "(cid:"


def made_and_parsed(
    tmp_path: Path, seed: int, index: int, *, short: bool = True, **changes: Any
) -> tuple[Made, dict]:
    """The case (seed, index) with `changes`, printed (no scan, no staged defect) and parsed;
    `short`: with a memo and at most 12 projects (the text is the point, not the list)."""
    drawn = draw_case(seed, index)
    changes = {"scan": None, "defect": None, **changes}
    if short:
        changes |= {"memo": True, "n_projects": min(drawn.n_projects, 12)}
    case = as_made(dataclasses.replace(drawn, **changes), html_mark_styles())
    made = make_case(case, tmp_path)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    return made, parsed.document


def texts(doc: dict[str, Any]) -> list[str]:
    memo = doc.get("memo") or {}
    found = [memo.get(key) for key in ("agency", "subject", "addressee")]
    found += [p.get("position") for p in memo.get("signatories") or []]
    found += [doc["report"].get("organization")]
    found += [row.get("name") for row in doc.get("projects") or []]
    return ["".join(text.split()) for text in found if text]  # spaces carry no meaning


def assert_reads_its_text(truth: dict, parsed: dict) -> None:
    score = score_document(truth, parsed)
    assert score.wrong == 0, score.wrong_places
    assert texts(parsed) and texts(parsed) == texts(truth)
    assert not any(UNREAD in text for text in texts(parsed))


# --- 1. marks before their base ------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "index", "maker", "font", "size"),
    [
        (2, 39, Maker.WEASYPRINT, "noto-looped-thai", 1.15),
        (3, 0, Maker.WEASYPRINT, "noto-looped-thai", 0.85),
        (4, 1, Maker.WEASYPRINT, "noto-looped-thai", 1.0),
        (3, 7, Maker.CHROMIUM, "noto-looped-thai", 1.0),
        (4, 11, Maker.WEASYPRINT, "noto-sans-thai", 1.0),
        (5, 3, Maker.WEASYPRINT, "garuda", 1.0),
    ],
)
def test_html_producers_marks_sit_on_their_own_letters(tmp_path, seed, index, maker, font, size):
    """HarfBuzz puts Noto Looped Thai's marks' origins before their letters (bold and regular,
    any size); other fonts' inside them: every mark is read on its own letter."""
    made, parsed = made_and_parsed(
        tmp_path, seed, index, maker=maker, font=font, size=size, marks=MarkStyle.BALLOT_GLYPHS
    )
    assert_reads_its_text(made.truth, parsed)


def char(text: str, x0: float, x1: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x1, "top": 100.0, "bottom": 112.0, "size": 12.0}


def test_a_mark_whose_point_lies_in_the_letter_before_goes_to_the_letter_it_follows():
    # บริ as HarfBuzz places Noto's SARA I: its origin a point left of ร, inside บ
    chars = [char("บ", 191.2, 199.2), char("ร", 199.2, 205.4), char("\u0e34", 198.1, 198.1)]
    assert [c["text"] for c in merge_marks(chars)] == ["บ", "ร\u0e34"]
    # TLWG fonts put the point at the base's right edge (the ink to its left): the same base
    chars = [char("บ", 191.2, 199.2), char("\u0e34", 199.2, 199.2), char("ร", 199.2, 205.4)]
    assert [c["text"] for c in merge_marks(chars)] == ["บ\u0e34", "ร"]
    # a mark drawn after later letters, far from the last one: the letter it lies over
    chars = [char("บ", 100.0, 108.0), char("ร", 108.0, 114.0), char("ร", 114.0, 120.0)]
    chars.append(char("\u0e34", 104.0, 104.0))
    assert [c["text"] for c in merge_marks(chars)] == ["บ\u0e34", "ร", "ร"]


# --- 2. glyphs without any text (LibreOffice) ----------------------------------------------


@pytest.mark.parametrize(("seed", "index"), [(1, 2), (2, 41), (11, 13), (11, 16)])
def test_libreoffice_glyphs_without_text_read_as_their_letters(tmp_path, seed, index):
    """Reports as drawn (with or without a memo, short lists and long): a SARA AA first drawn
    inside a SARA AM has no text (ม(cid:3)ก), nor a tone mark raised above SARA AM's ring
    (วังนำ(cid:23)า, or a zero-width `0` in the bold font); each reads as its letter."""
    made, parsed = made_and_parsed(tmp_path, seed, index, short=False, maker=Maker.LIBREOFFICE)
    with pdfplumber.open(made.pdf) as pdf:
        raw = "".join(char["text"] for page in pdf.pages for char in page.chars)
    assert UNREAD in raw  # the export left glyphs without text
    assert_reads_its_text(made.truth, parsed)


# An organisation whose name holds น้ำ: LibreOffice draws its SARA AM as a ring (given the
# cluster's text ้ำ, then read so in every ดำ), its raised MAI THO without text (a zero-width
# space or `/` through the font's encoding), and a SARA U first drawn under a MAI THO reads ้.
WANGNAMYEN = next(index for index, place in enumerate(PLACES) if "น้ำ" in place[0])


@pytest.mark.parametrize(("seed", "index"), [(1, 293), (1, 641), (1, 733), (3, 83), (3, 203)])
def test_libreoffice_cluster_texts_read_as_their_letters(tmp_path, seed, index):
    made, parsed = made_and_parsed(
        tmp_path, seed, index, short=False, maker=Maker.LIBREOFFICE, place=WANGNAMYEN
    )
    assert_reads_its_text(made.truth, parsed)


def test_a_ring_given_its_clusters_text_says_sara_am():
    assert says_sara_am("\u0e33") and says_sara_am("\u0e49\u0e33")
    assert not says_sara_am("\u0e49") and not says_sara_am("\u0e32")


def test_an_unread_glyph_read_as_a_space_does_not_split_its_word():
    run = [(1, "ข"), (2, "\u0e31"), (32, " "), (3, "น"), (9, " "), (4, "ก")]
    assert words_with([run], {32}) == [run[:4]]


def test_an_unread_glyph_takes_the_letter_its_words_read_as():
    unread = 900
    words = ["ม?ก", "ก?รท?ง", "ประช?ชน", "ร?ชก?ร", "ข่?วส?ร"]
    runs = [
        [(ord(c) if c != "?" else unread, c if c != "?" else "(cid:3)") for c in " ".join(words)]
    ]
    letters = {unread: candidates(True, (0.0, 0.5), ["ม", "ก", "ร", "ท", "ง", "ป", "ะ", "ช", "น"])}
    assert guess_letters(runs, letters, {}) == {unread: "\u0e32"}


def test_a_font_whose_text_is_mostly_unread_is_not_guessed_at():
    runs = [[(index, f"(cid:{index})") for index in range(40)] + [(100, "ก")]]
    letters = {index: candidates(True, None, []) for index in range(40)}
    assert guess_letters(runs, letters, {}) == {}


def test_a_mark_glyph_may_only_be_a_mark_on_its_side_of_the_baseline():
    assert candidates(False, (0.7, 1.25), []) == UPPER_MARKS
    assert candidates(False, (-0.3, -0.05), []) == LOWER_MARKS
    assert "\u0e32" not in candidates(True, (0.0, 0.5), ["\u0e32"])
