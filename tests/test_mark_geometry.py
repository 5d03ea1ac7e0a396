"""Mark glyphs whose text contradicts where they are drawn (issue 18): WeasyPrint gives each
glyph of a subset font the text of the first place it was drawn, so a whole document may read
TLWG's low MAI EK as SARA UU (อยูระหวูาง), Noto's raised MAI THO as nothing (นำ for น้ำ), and
Tlwg Typo's marks, which advance a whole cell, may lie on one spot with one text. Tried on
reports made afresh by WeasyPrint in every Thai font, compared with the truth they were made
from; and the decision itself on a font whose words cannot tell the mark."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from checks.evidence import pages_with_damaged_text
from parsers import Limits, parse_report
from parsers.language.thai_text import repair_thai
from parsers.layout.page import PageContent
from parsers.page_warnings import warn_text_quality
from parsers.sections.parse_warnings import WarningLog
from parsers.text_layer.font_mapping import MARK_REMAPPED, DocumentFonts, FontGlyphs
from parsers.text_layer.glyph_guess import LOWER_MARKS, UPPER_MARKS
from parsers.text_layer.mark_geometry import (
    ABOVE,
    BELOW,
    contradicts,
    drawn_class,
    suspect_codes,
    x_height,
)
from parsers.text_layer.page_reader import overlapping_copies, settle_pages
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import Maker, draw_case
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document
from sample_reports.generator.thai_fonts import THAI_FONTS
from tests.test_font_mapping import StubFont

MAI_EK, MAI_THO, SARA_UU = "\u0e48", "\u0e49", "\u0e39"
# (seed, index): the matrix's cases that showed the class. 18/37: the low MAI EK read as SARA
# UU in every TLWG font (ส่ง read สูง), Tlwg Typo's status headers lost; 1/17: Noto's MAI THO
# over SARA AM and MAI HAN-AKAT read as nothing (น้ำ, ขั้น), Tlwg Typo's น้ำ read น้า.
CASES = [(18, 37), (1, 17)]


def weasyprint_report(tmp_path: Path, seed: int, index: int, font: str) -> tuple[dict, dict]:
    """The case (seed, index) printed by WeasyPrint in `font`, with 16 projects."""
    case = dataclasses.replace(
        draw_case(seed, index),
        maker=Maker.WEASYPRINT,
        font=font,
        scan=None,
        defect=None,
        n_projects=16,
        marks=MarkStyle.VECTOR_FILLED,
    )
    made = make_case(case, tmp_path)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    return made.truth, parsed.document


def texts(doc: dict[str, Any]) -> list[str]:
    """The report's Thai texts, white space aside (it carries no meaning)."""
    memo = doc.get("memo") or {}
    found = [memo.get(key) for key in ("agency", "subject", "addressee")]
    found += [person.get("position") for person in memo.get("signatories") or []]
    found += [doc["report"].get("organization"), doc["report"].get("district")]
    for row in doc.get("projects") or []:
        found += [row.get("name"), row.get("remark")]
    return ["".join(text.split()) for text in found if text]


@pytest.mark.parametrize("seed_index", CASES, ids=[f"{s}-{i}" for s, i in CASES])
@pytest.mark.parametrize("font", [font.key for font in THAI_FONTS])
def test_weasyprint_reports_read_their_text_in_every_font(tmp_path, font, seed_index):
    truth, parsed = weasyprint_report(tmp_path, *seed_index, font)
    score = score_document(truth, parsed)
    assert score.wrong == 0, score.wrong_places
    assert texts(parsed) == texts(truth)
    assert len(parsed["projects"]) == len(truth["projects"])
    assert all(row["status"] is not None for row in parsed["projects"])
    assert not pages_with_damaged_text(parsed), parsed["parse_warnings"]


# --- Where a glyph is drawn ---------------------------------------------------------------
# Outlines (yMin, yMax in ems) and x-heights measured in the fonts WeasyPrint embeds.
LOMA = 0.561  # its SARA AA's top
TYPO_BOLD = 0.47


@pytest.mark.parametrize(
    ("ink", "height", "drawn"),
    [
        ((0.638, 0.774), LOMA, ABOVE),  # Loma's low MAI EK (uniF70A)
        ((0.846, 1.009), 0.55, ABOVE),  # Noto Sans Thai's raised MAI THO
        ((0.484, 0.696), TYPO_BOLD, ABOVE),  # Tlwg Typo Bold's MAI HAN-AKAT, just over it
        ((-0.261, -0.042), LOMA, BELOW),  # SARA UU
        ((0.0, 0.561), LOMA, None),  # SARA AA
        ((-0.005, 0.898), LOMA, None),  # SARA AI MAIMALAI
        ((-0.22, 0.56), LOMA, None),  # a consonant with a tail below (ฎ)
        ((0.5, 0.73), None, None),  # a font without base letters: nothing known
        (None, LOMA, None),
    ],
)
def test_a_glyph_is_drawn_above_or_below_by_its_outline(ink, height, drawn):
    assert drawn_class(ink, height) == drawn


def test_the_x_height_is_the_base_letters_median_top():
    assert x_height([0.56, 0.561, 0.56, 0.8, 0.82]) == 0.561  # ป ฝ outvoted
    assert x_height([]) is None


@pytest.mark.parametrize(
    ("text", "drawn", "contradicted"),
    [
        (SARA_UU, ABOVE, True),  # Loma's low MAI EK read as SARA UU
        ("", ABOVE, True),  # Noto's raised MAI THO mapped to nothing
        (MAI_EK, BELOW, True),  # the SARA UU glyph read as its cluster's tone mark
        ("", BELOW, True),
        ("\uf70a", ABOVE, False),  # a PUA code point of a low MAI EK: a mark drawn above
        (MAI_EK, ABOVE, False),
        (SARA_UU, BELOW, False),
        ("\x00", ABOVE, False),  # Chromium's U+0000: its /ActualText says what it is
        ("", None, False),  # a glyph drawn neither above nor below
        ("'", ABOVE, False),
    ],
)
def test_a_text_contradicts_a_drawing_of_the_other_class_or_none(text, drawn, contradicted):
    assert contradicts(text, drawn) is contradicted


def test_only_codes_mapped_to_nothing_or_sharing_a_mark_are_looked_at():
    entries = {1: "ก", 2: SARA_UU, 3: SARA_UU, 4: MAI_EK, 5: "", 6: "\x00", 7: "ก", 8: "\uf70a"}
    assert suspect_codes(entries) == {2, 3, 4, 5, 8}  # 4 and 8: MAI EK
    assert suspect_codes({1: "ก", 2: SARA_UU, 3: MAI_EK}) == set()


def test_marks_of_one_text_on_one_spot_are_not_fake_bold():
    """Tlwg Typo's marks advance a whole cell and are drawn back over their base: ผู้'s SARA
    UU glyph reads as the MAI THO drawn on it, and two glyphs mapped to nothing lie together;
    letters drawn twice are still fake bold."""
    cell = {"size": 10.0, "top": 100.0}

    def glyph(text: str, x0: float) -> dict[str, Any]:
        return {**cell, "text": text, "x0": x0, "x1": x0 + 6.0, "bottom": 110.0}

    marks = [glyph("ผ", 10.0), glyph(MAI_THO, 10.1), glyph(MAI_THO, 10.2)]
    marks += [glyph("น", 20.0), glyph("", 20.1), glyph("", 20.3)]
    assert overlapping_copies(marks) == 0
    assert overlapping_copies([glyph("ผ", 10.0), glyph("ผ", 10.2)]) == 1


# --- The decision, per font and code over the whole document ------------------------------
TEXT = (
    "อยู่ระหว่างจัดซื้อจัดจ้าง มาตรการส่งเสริมการดำเนินชีวิต ดำเนินการร่วมกับภาคประชาชน"
    " ไม่ใช้งบประมาณ โครงการปลูกฝังผลประโยชน์ส่วนตน ดำเนินการแล้วบางส่วน หมู่บ้าน"
)


def drawn_with_a_misread_mark(text: str) -> tuple[dict[int, str], list[dict[str, Any]], int]:
    """(ToUnicode entries, chars, the MAI EK's code) of `text` drawn in one font whose MAI EK
    glyph reads as SARA UU, as WeasyPrint's TLWG fonts read."""
    codes = {letter: code for code, letter in enumerate(sorted(set(text)), 1)}
    entries = {code: letter for letter, code in codes.items()}
    entries[codes[MAI_EK]] = SARA_UU
    chars = [{"text": entries[codes[letter]], "glyph": (1, codes[letter])} for letter in text]
    return entries, chars, codes[MAI_EK]


def test_a_mark_read_as_the_other_class_takes_the_mark_its_words_read_as():
    entries, chars, code = drawn_with_a_misread_mark(TEXT)
    fonts = DocumentFonts()
    font = fonts.fonts[1] = FontGlyphs(StubFont(set()), entries, misdrawn={code: UPPER_MARKS})
    assert "อยูระหวูาง" in repair_thai("".join(char["text"] for char in chars))
    fonts.decide_ambiguous([chars])
    assert font.fixes == {code: (MAI_EK, MARK_REMAPPED)}
    repaired = fonts.repair(chars)
    assert repair_thai("".join(char["text"] for char in repaired.chars)) == repair_thai(TEXT)
    assert repaired.misread_marks == 0
    assert repaired.repairs[MARK_REMAPPED] == TEXT.count(MAI_EK)


UNTELLABLE = "ไม่ ใช่ โครงการ ไม่ ประชาชน ใช่ งบประมาณ ไม่ การจัดซื้อจัดจ้าง ไม่"


def test_a_mark_its_words_cannot_tell_keeps_its_text_and_is_counted():
    """ไม่ and ไม้ are both words: nothing tells MAI EK from MAI THO, so the glyph keeps its
    text (never a guess), and each use of it is counted for the page's warning."""
    entries, chars, code = drawn_with_a_misread_mark(UNTELLABLE)
    fonts = DocumentFonts()
    font = fonts.fonts[1] = FontGlyphs(StubFont(set()), entries, misdrawn={code: UPPER_MARKS})
    fonts.decide_ambiguous([chars])
    assert code not in font.fixes
    repaired = fonts.repair(chars)
    assert [char["text"] for char in repaired.chars] == [char["text"] for char in chars]
    assert repaired.misread_marks == 6


def test_a_lower_mark_is_only_read_as_a_lower_mark():
    entries, chars, code = drawn_with_a_misread_mark(TEXT)
    fonts = DocumentFonts()
    font = fonts.fonts[1] = FontGlyphs(StubFont(set()), entries, misdrawn={code: LOWER_MARKS})
    fonts.decide_ambiguous([chars])
    assert all(text in LOWER_MARKS for text, _ in font.fixes.values())


def test_a_page_with_misread_marks_is_called_damaged_so_checks_stand_back():
    page = PageContent(number=2, width=595.0, height=842.0, lines=[], misread_marks=3)
    page.dictionary_share = 0.97
    warnings = WarningLog()
    warn_text_quality(page, warnings)
    [warning] = warnings.to_list()
    assert warning["message"].startswith("text: page 2: a damaged text layer (3 mark glyphs")
    assert pages_with_damaged_text({"parse_warnings": [warning]}) == {2}
    sound = PageContent(number=3, width=595.0, height=842.0, lines=[])
    sound.dictionary_share = 0.97
    warn_text_quality(sound, warnings)
    assert len(warnings.to_list()) == 1


def laid_out(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chars on one line, each letter a 6 pt cell, each mark over the letter before it."""
    placed, x = [], 50.0
    for char in chars:
        mark = char["text"] in UPPER_MARKS + LOWER_MARKS
        x0 = x - 6.0 if mark else x
        x += 0.0 if mark else 6.0
        placed.append({**char, "x0": x0, "x1": x0 + 6.0, "top": 100.0, "bottom": 112.0})
        placed[-1] |= {"size": 12.0, "upright": True, "fontname": "Stub"}
    return placed


def test_a_page_holding_an_untellable_mark_keeps_its_text_and_is_called_damaged():
    entries, chars, code = drawn_with_a_misread_mark(UNTELLABLE)
    fonts = DocumentFonts()
    fonts.fonts[1] = FontGlyphs(StubFont(set()), entries, misdrawn={code: UPPER_MARKS})
    page = PageContent(number=1, width=595.0, height=842.0, lines=[])
    page.unsettled_chars = laid_out(chars)
    settle_pages([page], fonts)
    assert page.misread_marks == UNTELLABLE.count(MAI_EK)
    as_printed = UNTELLABLE.replace(MAI_EK, SARA_UU)  # what the glyphs' text says
    assert "".join(page.line_texts()).replace(" ", "") == as_printed.replace(" ", "")
    warnings = WarningLog()
    warn_text_quality(page, warnings)
    assert pages_with_damaged_text({"parse_warnings": warnings.to_list()}) == {1}
