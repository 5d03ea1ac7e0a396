"""Per-font glyph decisions (parsers.font_mapping) on the generated Word exports whose fonts
map glyphs wrongly or not at all (issue 11, part 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.font_mapping import (
    GLYPH_NAME,
    OUTLINE_MATCH,
    DocumentFonts,
    letter_of_name,
)
from parsers.limits import Limits
from parsers.opening import open_pdf
from parsers.page import PageContent
from parsers.page_reader import read_page, settle_pages
from parsers.text_layer import read_text_layer

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"
SARA_AA, SARA_AM = "\u0e32", "\u0e33"


def read(name: str) -> tuple[list[PageContent], DocumentFonts]:
    with open_pdf((SAMPLES / f"{name}.pdf").read_bytes(), Limits()) as pdf:
        fonts = DocumentFonts(pdf)
        pages = [read_page(page, fonts) for page in pdf.pages]
        settle_pages(pages, fonts)
    return pages, fonts


def text_of(pages: list[PageContent]) -> str:
    return "\n".join(line for page in pages for line in page.line_texts())


@pytest.mark.parametrize("name", ["textlayer-sara-aa", "textlayer-sara-aa-thamai"])
def test_the_sara_aa_glyph_read_as_sara_am_is_read_as_sara_aa_again(name):
    pages, _ = read(name)
    text = text_of(pages)
    assert "ข้อความ" in text and "องค์การบริหารส่วน" in text
    assert "ข้อควำม" not in text and "กำร" not in text
    assert "ประจำปี" in text  # the real SARA AM glyph keeps its reading
    assert all(page.repairs.get("sara_aa_remapped", 0) > 0 for page in pages)


def test_the_decision_is_per_font_and_glyph_not_per_word():
    _, fonts = read("textlayer-sara-aa")
    swapped = {
        (key, code)
        for key, font in fonts.fonts.items()
        for code, (text, _) in font.fixes.items()
        if text == SARA_AA
    }
    # One glyph in each of the two damaged fonts (regular and bold); SARA AM's own glyph in
    # each still maps to SARA AM, and no other font is touched.
    assert len(swapped) == 2
    for key, code in swapped:
        font = fonts.fonts[key]
        assert font.to_unicode[code] == SARA_AM
        assert SARA_AM in {font.to_unicode[c] for c in font.to_unicode if c != code}


def test_a_sound_document_gets_no_font_repair():
    pages, fonts = read("reference-reportlab")
    assert not any(font.fixes for font in fonts.fonts.values())
    assert all(page.dictionary_share is None for page in pages)  # never measured: no damage


def test_glyphs_without_unicode_take_their_letter_from_the_font_programs_glyph_names():
    pages, _ = read("textlayer-cid-glyph-names")
    text = text_of(pages)
    assert "(cid:" not in text
    assert "ยุทธศาสตร์" in text and "บริหาร" in text and "จังหวัด" in text
    assert all(page.repairs.get(GLYPH_NAME, 0) > 0 for page in pages)


def test_a_vowel_mapped_to_nothing_is_matched_by_its_outline_in_another_copy_of_the_font():
    pages, _ = read("textlayer-vanishing-vowel")
    text = text_of(pages)
    assert "การทุจริต" in text and "การทจริต" not in text
    assert "กาฬสินธุ์" in text
    assert sum(page.repairs.get(OUTLINE_MATCH, 0) for page in pages) > 0
    # The memo's copy of the font maps SARA U itself: nothing to repair on the memo page.
    assert OUTLINE_MATCH not in pages[0].repairs


def test_a_font_without_names_or_twins_cannot_be_recovered():
    pages, _ = read("textlayer-unusable-page")
    assert pages[0].unreadable_glyphs > 100
    assert not pages[0].repairs


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("uni0E31", "\u0e31"),
        ("uni0E34.small", "\u0e34"),
        ("saraithai", "\u0e34"),
        ("glyph00012", None),
        ("A", None),
    ],
)
def test_glyph_names_are_read_by_the_adobe_glyph_list(name, letter):
    assert letter_of_name(name) == letter


def test_the_text_command_reads_the_fonts_as_the_parser_does():
    pages = read_text_layer((SAMPLES / "textlayer-sara-aa.pdf").read_bytes())
    assert "ข้อความ" in text_of(pages)
